/* The funding entity: a grant or award the programme secured (Stoke's "£59,917 awarded
 * through Ward Budgets, Awards for All, ..."). Amounts are typed and shown in pounds and
 * kept in pence, so that sums are exact. */
#include "funding.h"

#include <stddef.h>

#include "auth.h"

/* clang-format off */
static const struct field_def fields[FUNDING_NFIELDS] = {
	[FUNDING_FUNDER] = {"funder", "Funder", FIELD_TEXT, FIELD_REQUIRED | FIELD_LISTED, 200, 0,
			    NULL, 0, NULL, 26, "who awarded it: Awards for All, a ward budget"},
	[FUNDING_AMOUNT] = {"amount_pence", "Amount", FIELD_MONEY, FIELD_REQUIRED | FIELD_LISTED, 0,
			    0, NULL, 0, NULL, 11, "in pounds: 1,250 or 1250.50"},
	[FUNDING_DATE] = {"date", "Date", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, NULL, 0,
			  "today", 10, "when it was awarded"},
	[FUNDING_PURPOSE] = {"purpose", "Purpose", FIELD_TEXT, FIELD_LISTED, 300, 0, NULL, 0, NULL,
			     30, "what it pays for"},
	[FUNDING_NOTES] = {"notes", "Notes", FIELD_NOTE, 0, 10000, 0, NULL, 0, NULL, 30, NULL},
};
/* clang-format on */

static const struct sort_def sorts[] = {
	/* a handful a year: by date alone (an order with no index of its own would sort) */
	{"date", "newest first", {"t.date", "t.id", NULL}, true},
};

const struct entity_def funding_entity = {
	.kind = ENTITY_FUNDING,
	.name = "funding",
	.plural = "funding records",
	.table = "funding",
	.fields = fields,
	.nfields = FUNDING_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.display = "@.funder || ' ' || @.date",
	.search = "t.funder LIKE :like ESCAPE '\\' OR t.purpose LIKE :like ESCAPE '\\'",
	.scope_field = -1,
	.writes = AUTH_PROGRAMME,
};
