/* The People screen, and what a connector does with a person at a drop-in: log a learning
 * conversation, refer them on, join them to a group, record their gifts. */
#include <stdlib.h>
#include <string.h>

#include "attend.h"
#include "auth.h"
#include "conversation.h"
#include "date.h"
#include "dialog.h"
#include "editor.h"
#include "gifts.h"
#include "membership.h"
#include "page.h"
#include "person.h"
#include "person_outcomes.h"
#include "picker.h"
#include "record.h"
#include "referral.h"
#include "roles.h"
#include "store.h"
#include "story.h"
#include "screen_network.h"
#include "screen_review.h"
#include "tui.h"
#include "wellbeing.h"
#include "xalloc.h"

#define RECENT 8

/* clang-format off */
static const struct column columns[] = {
	{PERSON_FAMILY_NAME, "Family name", 16}, {PERSON_GIVEN_NAME, "Given name", 14},
	{PERSON_PHONE, "Phone", 13},             {PERSON_POSTCODE, "Postcode", 8},
	{PERSON_NEIGHBOURHOOD, "Neighbourhood", 0},
};
/* clang-format on */

/* At a drop-in: name, what matters, consent first; the rest when there is time. */
/* clang-format off */
static const int person_layout[] = {PERSON_GIVEN_NAME, PERSON_FAMILY_NAME, PERSON_WHAT_MATTERS,
			     PERSON_CONSENT_STATUS, PERSON_PHONE, PERSON_POSTCODE,
			     PERSON_NEIGHBOURHOOD, PERSON_PREFERRED_NAME, PERSON_PRONOUNS};
/* clang-format on */

/* ---- the detail ---- */

static void groups(struct tui *t, const struct record *rec, struct detail *d)
{
	struct member_list list;
	struct kerr err;
	detail_heading(d, "Groups");
	if (membership_groups(tui_store(t), rec->id, &list, &err) != K_OK)
		return;
	for (int i = 0; i < list.n; i++) {
		char line[240], since[16];
		snprintf(line, sizeof line, "%s · %s since %s", list.item[i].name,
			 list.item[i].role, tui_date(list.item[i].since, since));
		detail_link(d, line, ENTITY_ASSET, list.item[i].group_id);
	}
	if (list.n == 0)
		detail_paragraph(d, "none yet: m joins one", PAINT_DIM);
	membership_list_free(&list);
}

static void referrals(struct tui *t, const struct record *rec, struct detail *d)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &referral_entity);
	page_query_where(&q, "person_id", rec->id, &err);
	q.limit = RECENT;
	long long total = 0;
	if (page_count(tui_store(t), &q, 10000, &total, &err) != K_OK ||
	    page_load(tui_store(t), &q, &pg, &err) != K_OK) {
		detail_heading(d, "Referrals");
		detail_paragraph(d, err.msg, PAINT_ERROR);
		return;
	}
	char heading[80];
	if (total > pg.n)
		snprintf(heading, sizeof heading, "Referrals: newest %d of %lld (p shows them all)",
			 pg.n, total);
	else
		snprintf(heading, sizeof heading, "Referrals");
	detail_heading(d, heading);
	for (int i = 0; i < pg.n; i++) {
		const struct record *r = pg.row[i];
		char line[300], date[16], due[16];
		char *status = entity_choice_label(record_get(r, REFERRAL_STATUS));
		/* a follow-up date matters only while the referral is open */
		bool due_shown = referral_awaits_follow_up(record_get(r, REFERRAL_STATUS)) &&
				 *record_get(r, REFERRAL_FOLLOW_UP_DATE);
		snprintf(line, sizeof line, "%s %s to %s · %s%s%s",
			 tui_date(record_get(r, REFERRAL_DATE), date), record_get(r, REFERRAL_KIND),
			 record_label(r, REFERRAL_TO_ASSET), status,
			 due_shown ? " · follow up " : "",
			 due_shown ? tui_date(record_get(r, REFERRAL_FOLLOW_UP_DATE), due) : "");
		detail_link(d, line, ENTITY_REFERRAL, r->id);
		free(status);
	}
	if (pg.n == 0)
		detail_paragraph(d, "none yet: r refers, signposts or introduces", PAINT_DIM);
	page_free(&pg);
}

/* A follow-up agreed in a conversation whose date has come: what the connector owes them,
 * said first, whichever conversation it was agreed in. */
static void follow_up_due(struct tui *t, const struct record *rec, struct detail *d)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &conversation_entity);
	if (page_query_where(&q, "person_id", rec->id, &err) != K_OK ||
	    page_query_named(&q, "due", &err) != K_OK)
		return;
	q.limit = 1;
	if (page_load(tui_store(t), &q, &pg, &err) != K_OK)
		return;
	if (pg.n) {
		char line[700], due[16];
		const char *what = record_get(pg.row[0], CONVERSATION_FOLLOW_UP);
		snprintf(line, sizeof line, "Follow-up due since %s: %s",
			 tui_date(record_get(pg.row[0], CONVERSATION_FOLLOW_UP_DATE), due),
			 *what ? what : "(what was agreed is not written down)");
		detail_paragraph(d, line, PAINT_ERROR);
	}
	page_free(&pg);
}

/* What was agreed, and by when. */
static void follow_up(const struct record *c, struct detail *d)
{
	char line[700], by[16];
	const char *what = record_get(c, CONVERSATION_FOLLOW_UP);
	const char *date = record_get(c, CONVERSATION_FOLLOW_UP_DATE);
	snprintf(line, sizeof line, "%s%s%s", what, *what && *date ? " · " : "",
		 *date ? "by " : "");
	size_t n = strlen(line);
	snprintf(line + n, sizeof line - n, "%s", tui_date(date, by));
	detail_field(d, "Follow-up", line);
}

static void conversations(struct tui *t, const struct record *rec, struct detail *d)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &conversation_entity);
	page_query_where(&q, "person_id", rec->id, &err);
	q.limit = 3;
	detail_heading(d, "Conversations");
	follow_up_due(t, rec, d);
	if (page_load(tui_store(t), &q, &pg, &err) != K_OK)
		return;
	for (int i = 0; i < pg.n; i++) {
		const struct record *c = pg.row[i];
		char line[300], date[16];
		snprintf(line, sizeof line, "%s%s%s%s%s",
			 tui_date(record_get(c, CONVERSATION_DATE), date),
			 *record_get(c, CONVERSATION_VENUE) ? " at " : "",
			 record_label(c, CONVERSATION_VENUE),
			 *record_get(c, CONVERSATION_WORKER) ? " with " : "",
			 record_label(c, CONVERSATION_WORKER));
		detail_paragraph(d, line, PAINT_DIM);
		detail_field(d, "Hopes", record_get(c, CONVERSATION_HOPES));
		detail_field(d, "Concerns", record_get(c, CONVERSATION_CONCERNS));
		detail_field(d, "Gifts noticed", record_get(c, CONVERSATION_GIFTS));
		follow_up(c, d);
	}
	if (pg.n == 0)
		detail_paragraph(d, "none yet: c logs one", PAINT_DIM);
	page_free(&pg);
}

static void consent(const struct record *rec, struct detail *d)
{
	char line[300], date[16], review[16];
	char *status = entity_choice_label(record_get(rec, PERSON_CONSENT_STATUS));
	char *basis = entity_choice_label(record_get(rec, PERSON_CONSENT_BASIS));
	snprintf(line, sizeof line, "%s%s%s%s%s%s%s", status, *basis ? " (" : "", basis,
		 *basis ? ")" : "", *record_get(rec, PERSON_CONSENT_DATE) ? " on " : "",
		 tui_date(record_get(rec, PERSON_CONSENT_DATE), date),
		 *record_get(rec, PERSON_CONSENT_BY) ? " by " : "");
	size_t n = strlen(line);
	snprintf(line + n, sizeof line - n, "%s", record_label(rec, PERSON_CONSENT_BY));
	detail_heading(d, "Consent");
	detail_paragraph(d, line, PAINT_NORMAL);
	detail_field(d, "Review on", tui_date(record_get(rec, PERSON_REVIEW_DATE), review));
	free(status);
	free(basis);
}

static void person_detail(struct tui *t, struct screen *s, const struct record *rec,
			  struct detail *d)
{
	(void)s;
	if (entity_masked(rec)) { /* that they exist, and whom to ask: nothing more */
		char *ask = auth_whom_to_ask(tui_store(t), rec->id);
		detail_paragraph(
			d,
			"This record is restricted: a safeguarding case or a refuge "
			"address. Only the workers who recorded them and coordinators see it.",
			PAINT_ERROR);
		detail_heading(d, "Whom to ask");
		detail_paragraph(d, ask, PAINT_NORMAL);
		free(ask);
		return;
	}
	char about[200], today[DATE_LEN], due[16];
	date_today(today);
	if (*record_get(rec, PERSON_REVIEW_DATE) &&
	    strcmp(record_get(rec, PERSON_REVIEW_DATE), today) <= 0) {
		char line[200];
		snprintf(line, sizeof line,
			 "Review due since %s: a coordinator keeps the record "
			 "(K, with a reason) or erases it (X)",
			 tui_date(record_get(rec, PERSON_REVIEW_DATE), due));
		detail_paragraph(d, line, PAINT_ERROR);
	}
	snprintf(about, sizeof about, "%s%s%s%s", record_get(rec, PERSON_PRONOUNS),
		 *record_get(rec, PERSON_PRONOUNS) && *record_get(rec, PERSON_BIRTH_YEAR) ? " · "
											  : "",
		 *record_get(rec, PERSON_BIRTH_YEAR) ? "born " : "",
		 record_get(rec, PERSON_BIRTH_YEAR));
	detail_paragraph(d, about, PAINT_DIM);
	if (strcmp(record_get(rec, PERSON_RESTRICTED), "1") == 0)
		detail_paragraph(d, "RESTRICTED: a safeguarding case or a refuge address",
				 PAINT_ERROR);
	detail_heading(d, "What matters to them");
	detail_paragraph(d,
			 *record_get(rec, PERSON_WHAT_MATTERS)
				 ? record_get(rec, PERSON_WHAT_MATTERS)
				 : "not recorded yet: e edits",
			 *record_get(rec, PERSON_WHAT_MATTERS) ? PAINT_NORMAL : PAINT_DIM);
	gifts_section(t, rec, d);
	groups(t, rec, d);
	referrals(t, rec, d);
	conversations(t, rec, d);
	attend_section(t, rec, d);
	gifts_fits(t, rec, d); /* where to go next, once where they have been is read */
	if (*record_get(rec, PERSON_PHONE) || *record_get(rec, PERSON_EMAIL) ||
	    *record_get(rec, PERSON_ADDRESS) || *record_get(rec, PERSON_POSTCODE) ||
	    *record_get(rec, PERSON_NEIGHBOURHOOD) || *record_get(rec, PERSON_LANGUAGES))
		detail_heading(d, "Contact");
	detail_field(d, "Phone", record_get(rec, PERSON_PHONE));
	detail_field(d, "E-mail", record_get(rec, PERSON_EMAIL));
	detail_field(d, "Address", record_get(rec, PERSON_ADDRESS));
	detail_field(d, "Postcode", record_get(rec, PERSON_POSTCODE));
	detail_field(d, "Neighbourhood", record_get(rec, PERSON_NEIGHBOURHOOD));
	detail_field(d, "Languages", record_get(rec, PERSON_LANGUAGES));
	consent(rec, d);
	if (*record_get(rec, PERSON_NOTES)) {
		detail_heading(d, "Notes");
		detail_paragraph(d, record_get(rec, PERSON_NOTES), PAINT_NORMAL);
	}
	outcomes_section(t, rec, d); /* what changed for them, after who they are */
}

/* ---- at a drop-in ---- */

static void back_to_person(struct tui *t, struct editor *e)
{
	struct record *rec = NULL;
	struct kerr err;
	tui_react(t, R_RELOAD, e->ctx);
	if (entity_load(tui_store(t), e->def, e->rec->id, &rec, &err) != K_OK)
		return;
	char due[16];
	if (e->def == &referral_entity)
		tui_status(t, false, "%s: %s to %s, follow up %s",
			   record_label(rec, REFERRAL_PERSON), record_get(rec, REFERRAL_KIND),
			   record_label(rec, REFERRAL_TO_ASSET),
			   tui_date(record_get(rec, REFERRAL_FOLLOW_UP_DATE), due));
	else if (e->def == &conversation_entity)
		tui_status(t, false, "Conversation with %s saved", record_label(rec, 0));
	else
		tui_status(t, false, "%s of %s saved",
			   e->def == &story_entity ? "Story" : "Wellbeing", record_label(rec, 0));
	record_free(rec);
}

/* clang-format off */
static const int conversation_layout[] = {CONVERSATION_HOPES, CONVERSATION_CONCERNS,
					  CONVERSATION_GIFTS, CONVERSATION_NOTES,
					  CONVERSATION_FOLLOW_UP, CONVERSATION_FOLLOW_UP_DATE};
/* clang-format on */
/* clang-format off */
static const int referral_layout[] = {REFERRAL_TO_ASSET, REFERRAL_KIND, REFERRAL_REASON,
				      REFERRAL_FROM_ASSET, REFERRAL_DATE, REFERRAL_FOLLOW_UP_DATE};
/* clang-format on */

/* A form about the person (its first field, fixed), returning to them when saved; where
 * (a field) starts at the session's venue. */
static struct editor *about_person(struct tui *t, const struct record *person,
				   const struct entity_def *def, const int *fields, int n,
				   const char *what, int where)
{
	struct record *rec = record_new(def);
	record_set(rec, 0, person->id);
	if (where >= 0)
		record_set(rec, where, tui_venue(t));
	char title[240];
	snprintf(title, sizeof title, "%s: %s", what, record_display(person));
	struct editor *e = tui_form(t, rec, true, fields, n, title);
	editor_fix(e, 0);
	snprintf(e->ctx, sizeof e->ctx, "%s", person->id);
	e->saved = back_to_person;
	e->form = def->name; /* a draft of it opens it again through people_form */
	snprintf(e->about, sizeof e->about, "%s", record_display(person));
	return e;
}

static struct editor *start_conversation(struct tui *t, const struct record *person)
{
	return about_person(t, person, &conversation_entity, conversation_layout, 6,
			    "Conversation with", CONVERSATION_VENUE);
}

static struct editor *start_referral(struct tui *t, const struct record *person)
{
	struct editor *e = about_person(t, person, &referral_entity, referral_layout, 6, "Refer",
					REFERRAL_FROM_ASSET);
	gifts_offer_fits(t, e, REFERRAL_TO_ASSET, person->id);
	editor_focus(e, REFERRAL_TO_ASSET);
	return e;
}

/* clang-format off */
static const int wellbeing_layout[] = {WELLBEING_STAGE, WELLBEING_LIFE_SATISFACTION,
				       WELLBEING_WORTHWHILE, WELLBEING_HAPPINESS,
				       WELLBEING_ANXIETY, WELLBEING_LONELINESS, WELLBEING_DATE};
static const int story_layout[] = {STORY_TITLE, STORY_VOICE, STORY_BODY, STORY_CONSENT,
				   STORY_MAY_NAME, STORY_DATE};
/* clang-format on */

/* w: the ONS4 questions and loneliness, a baseline first and follow-ups after */
static struct editor *start_wellbeing(struct tui *t, const struct record *person)
{
	struct editor *e = about_person(t, person, &wellbeing_entity, wellbeing_layout, 7,
					"Wellbeing of", -1);
	for (int k = 0; k < e->n; k++)
		if (e->f[k].field == WELLBEING_STAGE)
			editor_put(t, e, k, outcomes_next_stage(t, person->id));
	editor_focus(e, WELLBEING_LIFE_SATISFACTION);
	return e;
}

static void story_saved(struct tui *t, struct editor *e)
{
	back_to_person(t, e);
	outcomes_ask_tags(t, e->rec->id, record_get(e->rec, STORY_PERSON));
}

/* o: then what it shows, from the programme's intended outcomes */
static struct editor *start_story(struct tui *t, const struct record *person)
{
	struct editor *e = about_person(t, person, &story_entity, story_layout, 6, "Story of", -1);
	e->saved = story_saved;
	return e;
}

static void joined(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	const struct record *person = listview_current(&tui_screen(t)->list);
	if (!ok || !person)
		return;
	struct roles_ask ask = {0};
	snprintf(ask.group, sizeof ask.group, "%s", p->value);
	snprintf(ask.person, sizeof ask.person, "%s", person->id);
	snprintf(ask.group_name, sizeof ask.group_name, "%s", p->label);
	snprintf(ask.person_name, sizeof ask.person_name, "%s", record_display(person));
	snprintf(ask.reload, sizeof ask.reload, "%s", person->id);
	roles_choose(t, &ask);
}

/* ---- one person recorded twice ---- */

/* The record picked to merge into the one shown, until the question is answered. */
static char merging[ID_LEN];

static void merge_answered(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	const struct record *keep = listview_current(&tui_screen(t)->list);
	struct kerr err;
	long long moved = 0;
	if (!ok || !keep)
		return;
	char *name = xstrdup(record_display(keep));
	if (person_merge(tui_store(t), keep->id, merging, &moved, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		tui_react(t, R_RELOAD, keep->id);
		tui_status(t, false, "Merged into %s: %lld record%s moved here", name, moved,
			   moved == 1 ? "" : "s");
	}
	free(name);
}

static void merge_picked(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	const struct record *keep = listview_current(&tui_screen(t)->list);
	if (!ok || !keep)
		return;
	if (strcmp(p->value, keep->id) == 0) {
		tui_status(t, true, "That is this record: choose the other one");
		return;
	}
	snprintf(merging, sizeof merging, "%s", p->value);
	/* two records of one person share a name: where each is tells them apart */
	struct record *other = NULL;
	struct kerr err;
	char *there = entity_load(tui_store(t), &person_entity, merging, &other, &err) == K_OK
			      ? picker_note(other)
			      : xstrdup("");
	char *here = picker_note(keep);
	char q[600];
	snprintf(q, sizeof q,
		 "Merge %.100s%s%.60s%s into this record of %.100s%s%.60s%s? Their referrals, "
		 "groups and gifts move here; the other record is kept only as a tombstone.",
		 p->label, *there ? " (" : "", there, *there ? ")" : "", record_display(keep),
		 *here ? " (" : "", here, *here ? ")" : "");
	free(there);
	free(here);
	record_free(other);
	struct dialog *d = dialog_confirm(q);
	d->m.done = merge_answered;
	tui_push(t, &d->m);
}

static void start_merge(struct tui *t, const struct record *keep)
{
	char title[240];
	snprintf(title, sizeof title, "Which other record is %s? It merges into this one",
		 record_display(keep));
	struct picker *p = picker_records(t, title, &person_entity, record_display(keep));
	p->m.done = merge_picked;
	tui_push(t, &p->m);
}

static int people_act(struct tui *t, struct screen *s, enum action a)
{
	const struct record *person = listview_current(&s->list);
	char title[240];
	switch (a) {
	case ACT_CONVERSATION:
	case ACT_REFER:
	case ACT_JOIN:
	case ACT_TAG:
	case ACT_JOURNEY:
		if (!person)
			return R_NONE;
		break;
	case ACT_WELLBEING:
		if (person)
			start_wellbeing(t, person);
		return R_NONE;
	case ACT_STORY:
		if (person)
			start_story(t, person);
		return R_NONE;
	case ACT_MERGE:
		if (person)
			start_merge(t, person);
		return R_NONE;
	case ACT_KEEP:
	case ACT_ERASE:
	case ACT_EXPORT_PERSON:
		if (person)
			review_act(t, person, a);
		return R_NONE;
	default:
		return R_UNHANDLED;
	}
	if (a == ACT_CONVERSATION) {
		start_conversation(t, person);
	} else if (a == ACT_REFER) {
		start_referral(t, person);
	} else if (a == ACT_JOIN) {
		snprintf(title, sizeof title, "Which group should %s join?",
			 record_display(person));
		struct picker *p = picker_records(t, title, entity_get(ENTITY_GROUP), NULL);
		p->m.done = joined;
		tui_push(t, &p->m);
	} else if (a == ACT_JOURNEY) {
		network_journey(t, person->id, record_display(person));
	} else {
		gifts_start_tag(t, person);
	}
	return R_NONE;
}

/* A draft's conversation, referral or gift, opened again about its person. */
static struct editor *people_form(struct tui *t, struct screen *s, const char *form,
				  const char *about, struct kerr *err)
{
	struct record *person = NULL;
	struct editor *e = NULL;
	(void)s;
	if (entity_load(tui_store(t), &person_entity, about, &person, err) != K_OK)
		return NULL;
	tui_react(t, R_RELOAD, person->id);
	if (strcmp(form, "conversation") == 0)
		e = start_conversation(t, person);
	else if (strcmp(form, "referral") == 0)
		e = start_referral(t, person);
	else if (strcmp(form, "wellbeing") == 0)
		e = start_wellbeing(t, person);
	else if (strcmp(form, "story") == 0)
		e = start_story(t, person);
	else if (strcmp(form, "tag") == 0 || strcmp(form, "tag-correct") == 0)
		e = gifts_new_tag(t, person, "");
	else
		kerr_set(err, K_INVALID, "", "kith does not know this draft's form");
	record_free(person);
	return e;
}

const struct screen_ops people_screen = {
	.title = "People",
	.keymap = KEYMAP_PEOPLE,
	.def = &person_entity,
	.columns = columns,
	.ncolumns = sizeof columns / sizeof *columns,
	.filter_field = PERSON_NEIGHBOURHOOD,
	.layout = person_layout,
	.nlayout = sizeof person_layout / sizeof *person_layout,
	.detail = person_detail,
	.act = people_act,
	.form = people_form,
};
