/* The Referrals screen: who was sent where, with status and follow-up date; "did they go?"
 * is the due filter, u moves a referral on, and its detail links to the person and assets. */
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "referral.h"
#include "tui.h"
#include "dialog.h"
#include "editor.h"
#include "xalloc.h"

/* clang-format off */
static const struct column columns[] = {
	{REFERRAL_DATE, "Date", 10},         {REFERRAL_PERSON, "Person", 20},
	{REFERRAL_TO_ASSET, "To", 0},        {REFERRAL_STATUS, "Status", 12},
	{REFERRAL_FOLLOW_UP_DATE, "Follow up", 10},
};
/* clang-format on */

/* The same order as r on a person, with the person first. */
/* clang-format off */
static const int layout[] = {REFERRAL_PERSON,	  REFERRAL_TO_ASSET, REFERRAL_KIND,
			     REFERRAL_REASON,	  REFERRAL_FROM_ASSET, REFERRAL_DATE,
			     REFERRAL_FOLLOW_UP_DATE, REFERRAL_STATUS};
/* clang-format on */

static void referral_detail(struct tui *t, struct screen *s, const struct record *rec,
			    struct detail *d)
{
	(void)t, (void)s;
	char line[300], date[16], since[16];
	char *status = entity_choice_label(record_get(rec, REFERRAL_STATUS));
	snprintf(line, sizeof line, "%s on %s · %s since %s", record_get(rec, REFERRAL_KIND),
		 tui_date(record_get(rec, REFERRAL_DATE), date), status,
		 tui_date(record_get(rec, REFERRAL_STATUS_DATE), since));
	detail_paragraph(d, line, PAINT_DIM);
	free(status);
	detail_heading(d, "Who and where (Enter goes there)");
	/* labelled as the details below are, so that every value starts in one column */
	detail_link_field(d, "Person", record_label(rec, REFERRAL_PERSON), ENTITY_PERSON,
			  record_get(rec, REFERRAL_PERSON));
	detail_link_field(d, "From", record_label(rec, REFERRAL_FROM_ASSET), ENTITY_ASSET,
			  record_get(rec, REFERRAL_FROM_ASSET));
	detail_link_field(d, "To", record_label(rec, REFERRAL_TO_ASSET), ENTITY_ASSET,
			  record_get(rec, REFERRAL_TO_ASSET));
	detail_heading(d, "Details");
	detail_field(d, "Follow up", tui_date(record_get(rec, REFERRAL_FOLLOW_UP_DATE), date));
	detail_field(d, "Reason", record_get(rec, REFERRAL_REASON));
	detail_field(d, "Notes", record_get(rec, REFERRAL_NOTES));
	detail_field(d, "Recorded by", record_label(rec, REFERRAL_WORKER));
}

/* Moves the referral on and says so, with the key that takes it back (a stray u is fixed
 * at once, audited as a correction). */
static void move_on(struct tui *t, const struct record *r, const char *next)
{
	struct kerr err;
	struct entity_change change = {0};
	char id[ID_LEN];
	char *who = xstrdup(record_label(r, REFERRAL_PERSON));
	char *was = entity_choice_label(record_get(r, REFERRAL_STATUS));
	char *label = entity_choice_label(next);
	snprintf(id, sizeof id, "%s", r->id); /* the reload replaces r */
	if (referral_set_status(tui_store(t), id, next, &change, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		char back[200];
		snprintf(back, sizeof back, "%s's referral is back to %s", who, was);
		tui_react(t, R_RELOAD, id);
		tui_undoable(t, &change, back, "%s: marked %s", who, label);
	}
	entity_change_free(&change);
	free(label);
	free(was);
	free(who);
}

static void close_answered(struct tui *t, struct modal *m, bool ok)
{
	struct screen *s = tui_screen(t);
	const struct record *r = listview_current(&s->list);
	(void)m;
	if (ok && r)
		move_on(t, r, "closed");
}

/* u moves a referral one step on; closing it ends the follow-up, so that step is asked. */
static int advance(struct tui *t, struct screen *s)
{
	const struct record *r = listview_current(&s->list);
	if (!r)
		return R_NONE;
	const char *next = referral_next_status(record_get(r, REFERRAL_STATUS));
	if (!next) {
		tui_status(t, true, "A closed referral does not move on");
		return R_NONE;
	}
	if (strcmp(next, "closed") == 0) {
		char question[300];
		snprintf(question, sizeof question,
			 "Close %s's referral to %s? Its follow-up ends.",
			 record_label(r, REFERRAL_PERSON), record_label(r, REFERRAL_TO_ASSET));
		struct dialog *d = dialog_confirm(question);
		d->m.done = close_answered;
		tui_push(t, &d->m);
		return R_NONE;
	}
	move_on(t, r, next);
	return R_NONE;
}

static int referrals_act(struct tui *t, struct screen *s, enum action a)
{
	if (a == ACT_ADVANCE)
		return advance(t, s);
	if (a != ACT_ADD)
		return R_UNHANDLED;
	struct record *rec = record_new(&referral_entity);
	record_set(rec, REFERRAL_FROM_ASSET, tui_venue(t));
	tui_form(t, rec, true, layout, sizeof layout / sizeof *layout, "New referral");
	return R_NONE;
}

const struct screen_ops referrals_screen = {
	.title = "Referrals",
	.keymap = KEYMAP_REFERRALS,
	.def = &referral_entity,
	.columns = columns,
	.ncolumns = sizeof columns / sizeof *columns,
	.filter_field = REFERRAL_STATUS,
	.layout = layout,
	.nlayout = sizeof layout / sizeof *layout,
	.detail = referral_detail,
	.act = referrals_act,
};
