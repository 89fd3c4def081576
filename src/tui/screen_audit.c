/* The Audit screen: who viewed, changed, exported or erased what, newest first, for
 * coordinators, on this laptop and (through the hub) on the others. It only reads: the trail
 * is kith's own. */
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "record.h"
#include "tui.h"

/* clang-format off */
static const struct column columns[] = {
	{COLUMN_WHEN, "When", 17},	 {COLUMN_OWN(0), "Laptop", 10},
	{AUDIT_WORKER, "Worker", 16},	 {AUDIT_ACTION, "Action", 13},
	{AUDIT_ENTITY, "Of", 12},	 {AUDIT_PERSON, "About", 0},
};
/* clang-format on */

/* Whose trail a row is of: this laptop's own, or the laptop it came from through the hub. */
static const char *laptop_of(const struct record *rec)
{
	return *record_get(rec, AUDIT_ORIGIN) ? record_get(rec, AUDIT_ORIGIN) : "here";
}

static const char *audit_cell(struct tui *t, const struct record *rec, int k, char *buf, size_t n)
{
	(void)t, (void)k, (void)buf, (void)n;
	return laptop_of(rec);
}

static void audit_detail(struct tui *t, struct screen *s, const struct record *rec,
			 struct detail *d)
{
	(void)t, (void)s;
	char line[300], day[16], uk[16];
	snprintf(day, sizeof day, "%.10s", rec->created_at ? rec->created_at : "");
	snprintf(line, sizeof line, "row %s of %s · %s %.8s UTC", record_get(rec, AUDIT_SEQ),
		 *record_get(rec, AUDIT_ORIGIN) ? record_get(rec, AUDIT_ORIGIN) : "this laptop",
		 tui_date(day, uk),
		 rec->created_at && strlen(rec->created_at) > 19 ? rec->created_at + 11 : "");
	detail_paragraph(d, line, PAINT_DIM);
	detail_heading(d, "Who and what (Enter goes there)");
	/* labelled as the fields below are, so that every value starts in one column */
	detail_field(d, "Worker", record_label(rec, AUDIT_WORKER));
	if (*record_get(rec, AUDIT_PERSON))
		detail_link_field(d, "About", record_label(rec, AUDIT_PERSON), ENTITY_PERSON,
				  record_get(rec, AUDIT_PERSON));
	detail_heading(d, "Details");
	detail_field(d, "Action", record_get(rec, AUDIT_ACTION));
	detail_field(d, "Of", record_get(rec, AUDIT_ENTITY));
	detail_field(d, "Record", record_get(rec, AUDIT_RECORD));
	detail_field(d, "Fields", record_get(rec, AUDIT_FIELDS));
	detail_field(d, "Detail", record_get(rec, AUDIT_DETAIL));
	detail_field(d, "Laptop",
		     *record_get(rec, AUDIT_ORIGIN) ? record_get(rec, AUDIT_ORIGIN)
						    : "this laptop");
}

const struct screen_ops audit_screen = {
	.title = "Audit",
	.keymap = KEYMAP_AUDIT,
	.right = AUTH_AUDIT,
	.def = &audit_entity,
	.columns = columns,
	.ncolumns = sizeof columns / sizeof *columns,
	.cell = audit_cell,
	.filter_field = AUDIT_ACTION,
	.detail = audit_detail,
};
