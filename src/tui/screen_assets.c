/* The Groups and Assets screens: the community map. Groups show their members (added and
 * removed from here) and who was referred to them; every asset shows referrals in and out,
 * and can be marked verified today. */
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "dialog.h"
#include "gifts.h"
#include "membership.h"
#include "roles.h"
#include "page.h"
#include "person.h"
#include "picker.h"
#include "record.h"
#include "referral.h"
#include "tui.h"
#include "xalloc.h"

#define RECENT 8
#define MEMBERS_SHOWN 200

/* clang-format off */
static const int layout[] = {ASSET_NAME, ASSET_CATEGORY, ASSET_NEIGHBOURHOOD, ASSET_DESCRIPTION,
			     ASSET_OPENING_TIMES, ASSET_CONTACT_NAME, ASSET_PHONE, ASSET_EMAIL,
			     ASSET_ADDRESS, ASSET_POSTCODE};
/* clang-format on */

/* ---- the detail ---- */

/* The latest referrals into (field REFERRAL_TO_ASSET) or out of an asset, as links. */
static void flow(struct tui *t, const struct record *rec, int field, const char *heading,
		 struct detail *d)
{
	struct page_query q;
	struct page pg;
	struct kerr err;
	long long n = 0;
	page_query_init(&q, &referral_entity);
	page_query_where(&q, referral_entity.fields[field].name, rec->id, &err);
	q.limit = RECENT;
	if (page_count(tui_store(t), &q, 100000, &n, &err) != K_OK ||
	    page_load(tui_store(t), &q, &pg, &err) != K_OK)
		return;
	char title[120];
	snprintf(title, sizeof title, "%s (%lld)", heading, n);
	detail_heading(d, title);
	int other = field == REFERRAL_TO_ASSET ? REFERRAL_FROM_ASSET : REFERRAL_TO_ASSET;
	for (int i = 0; i < pg.n; i++) {
		const struct record *r = pg.row[i];
		char line[300], date[16];
		char *status = entity_choice_label(record_get(r, REFERRAL_STATUS));
		snprintf(line, sizeof line, "%s %s %s %s · %s",
			 tui_date(record_get(r, REFERRAL_DATE), date),
			 record_label(r, REFERRAL_PERSON),
			 other == REFERRAL_FROM_ASSET ? "from" : "to", record_label(r, other),
			 status);
		detail_link(d, line, ENTITY_REFERRAL, r->id);
		free(status);
	}
	page_free(&pg);
}

static void about(const struct record *rec, struct detail *d)
{
	char *category = entity_choice_label(record_get(rec, ASSET_CATEGORY));
	char line[300], date[16];
	snprintf(line, sizeof line, "%s%s%s · %s", category,
		 *record_get(rec, ASSET_NEIGHBOURHOOD) ? " in " : "",
		 record_get(rec, ASSET_NEIGHBOURHOOD), record_get(rec, ASSET_STATUS));
	detail_paragraph(d, line, PAINT_DIM);
	free(category);
	if (strcmp(record_get(rec, ASSET_CONFIDENTIAL), "1") == 0)
		detail_paragraph(d, "CONFIDENTIAL LOCATION: never give the address out",
				 PAINT_ERROR);
	detail_paragraph(d, record_get(rec, ASSET_DESCRIPTION), PAINT_NORMAL);
	detail_field(d, "Opening times", record_get(rec, ASSET_OPENING_TIMES));
	detail_field(d, "Address", record_get(rec, ASSET_ADDRESS));
	detail_field(d, "Postcode", record_get(rec, ASSET_POSTCODE));
	detail_field(d, "Contact", record_get(rec, ASSET_CONTACT_NAME));
	detail_field(d, "Phone", record_get(rec, ASSET_PHONE));
	detail_field(d, "E-mail", record_get(rec, ASSET_EMAIL));
	detail_field(d, "Website", record_get(rec, ASSET_WEBSITE));
	detail_field(d, "Accessibility", record_get(rec, ASSET_ACCESSIBILITY));
	detail_field(d, "Capacity", record_get(rec, ASSET_CAPACITY));
	detail_field(d, "Verified",
		     *record_get(rec, ASSET_LAST_VERIFIED)
			     ? tui_date(record_get(rec, ASSET_LAST_VERIFIED), date)
			     : "never: v marks it verified today");
	if (*record_get(rec, ASSET_PERSON)) {
		snprintf(line, sizeof line, "Offered by %s", record_label(rec, ASSET_PERSON));
		detail_link(d, line, ENTITY_PERSON, record_get(rec, ASSET_PERSON));
	}
}

static void asset_detail(struct tui *t, struct screen *s, const struct record *rec,
			 struct detail *d)
{
	(void)s;
	about(rec, d);
	gifts_section(t, rec, d);
	flow(t, rec, REFERRAL_TO_ASSET, "Referrals in", d);
	flow(t, rec, REFERRAL_FROM_ASSET, "Referrals out", d);
}

static void members(struct tui *t, const struct record *rec, struct detail *d)
{
	struct member_list list;
	struct kerr err;
	if (membership_members(tui_store(t), rec->id, MEMBERS_SHOWN, &list, &err) != K_OK)
		return;
	char title[80];
	snprintf(title, sizeof title, "Members (%lld)", list.total);
	detail_heading(d, title);
	for (int i = 0; i < list.n; i++) {
		char line[240], since[16];
		snprintf(line, sizeof line, "%s · %s since %s", list.item[i].name,
			 list.item[i].role, tui_date(list.item[i].since, since));
		detail_link(d, line, ENTITY_PERSON, list.item[i].person_id);
	}
	if (list.n == 0)
		detail_paragraph(d, "none yet: m adds a member", PAINT_DIM);
	membership_list_free(&list);
}

static void group_detail(struct tui *t, struct screen *s, const struct record *rec,
			 struct detail *d)
{
	(void)s;
	about(rec, d);
	gifts_section(t, rec, d);
	members(t, rec, d);
	flow(t, rec, REFERRAL_TO_ASSET, "Referred to the group", d);
}

/* ---- actions ---- */

/* A member line reads "Name · role"; the name is what a person recognises. */
static int member_name_len(const char *text)
{
	const char *dot = strstr(text, " · ");
	return dot ? (int)(dot - text) : (int)strlen(text);
}

static void member_picked(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	const struct record *group = listview_current(&tui_screen(t)->list);
	if (!ok || !group)
		return;
	struct roles_ask ask = {0};
	snprintf(ask.group, sizeof ask.group, "%s", group->id);
	snprintf(ask.person, sizeof ask.person, "%s", p->value);
	snprintf(ask.group_name, sizeof ask.group_name, "%s", record_display(group));
	snprintf(ask.person_name, sizeof ask.person_name, "%s", p->label);
	snprintf(ask.reload, sizeof ask.reload, "%s", group->id);
	roles_choose(t, &ask);
}

/* The chosen member's role now, from the group's list. */
static bool role_of(struct tui *t, const char *group, const char *person, char *role, size_t n)
{
	struct member_list list;
	struct kerr err;
	bool found = false;
	if (membership_members(tui_store(t), group, MEMBERS_SHOWN, &list, &err) != K_OK)
		return false;
	for (int i = 0; i < list.n && !found; i++)
		if (strcmp(list.item[i].person_id, person) == 0) {
			snprintf(role, n, "%s", list.item[i].role);
			found = true;
		}
	membership_list_free(&list);
	return found;
}

static void change_role(struct tui *t, const struct record *group, const struct dline *line)
{
	struct roles_ask ask = {0};
	snprintf(ask.group, sizeof ask.group, "%s", group->id);
	snprintf(ask.person, sizeof ask.person, "%s", line->id);
	snprintf(ask.group_name, sizeof ask.group_name, "%s", record_display(group));
	snprintf(ask.person_name, sizeof ask.person_name, "%.*s", member_name_len(line->text),
		 line->text);
	snprintf(ask.reload, sizeof ask.reload, "%s", group->id);
	if (!role_of(t, group->id, line->id, ask.current, sizeof ask.current)) {
		tui_status(t, true, "%s is not a member of %s", ask.person_name, ask.group_name);
		return;
	}
	roles_choose(t, &ask);
}

static void member_removed(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	struct screen *s = tui_screen(t);
	const struct dline *line = detail_chosen(&s->detail);
	const struct record *group = listview_current(&s->list);
	struct kerr err;
	if (!ok || !line || !group)
		return;
	char person[ID_LEN];
	snprintf(person, sizeof person, "%s", line->id);
	char *who = xstrndup(line->text, (size_t)member_name_len(line->text));
	if (membership_leave(tui_store(t), group->id, person, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		free(who);
		return;
	}
	char *name = xstrdup(record_display(group));
	tui_react(t, R_RELOAD, group->id);
	tui_status(t, false, "Removed %s from %s", who, name);
	free(name);
	free(who);
}

static int groups_act(struct tui *t, struct screen *s, enum action a)
{
	const struct record *group = listview_current(&s->list);
	const struct dline *line = detail_chosen(&s->detail);
	char question[300];
	if (a == ACT_TAG && group) {
		gifts_start_tag(t, group);
		return R_NONE;
	}
	if (a == ACT_ADD_MEMBER && group) {
		snprintf(question, sizeof question, "Who joins %s?", record_display(group));
		struct picker *p = picker_records(t, question, &person_entity, NULL);
		p->m.done = member_picked;
		tui_push(t, &p->m);
		return R_NONE;
	}
	if ((a == ACT_REMOVE_MEMBER || a == ACT_CHANGE_ROLE) &&
	    (!group || !s->detail_focus || !line || line->kind != ENTITY_PERSON)) {
		tui_status(t, true, "Open the group (Enter), choose a member with j and k, then %s",
			   a == ACT_REMOVE_MEMBER ? "x" : "r");
		return R_NONE;
	}
	if (a == ACT_CHANGE_ROLE) {
		change_role(t, group, line);
		return R_NONE;
	}
	if (a == ACT_REMOVE_MEMBER) {
		snprintf(question, sizeof question, "Remove %.*s from %s?",
			 member_name_len(line->text), line->text, record_display(group));
		struct dialog *d = dialog_confirm(question);
		d->m.done = member_removed;
		tui_push(t, &d->m);
		return R_NONE;
	}
	return R_UNHANDLED;
}

/* v marks the asset verified today, and says which key takes that back; t its tags. */
static int assets_act(struct tui *t, struct screen *s, enum action a)
{
	const struct record *asset = listview_current(&s->list);
	struct kerr err;
	struct entity_change change = {0};
	if (a == ACT_TAG && asset) {
		gifts_start_tag(t, asset);
		return R_NONE;
	}
	if (a != ACT_VERIFY || !asset)
		return R_UNHANDLED;
	char *name = xstrdup(record_display(asset)), back[240], day[16];
	const char *was = record_get(asset, ASSET_LAST_VERIFIED);
	if (*was)
		snprintf(back, sizeof back, "%s was last verified on %s", name, tui_date(was, day));
	else
		snprintf(back, sizeof back, "%s is unverified again", name);
	if (asset_verify(tui_store(t), asset->id, &change, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		tui_react(t, R_RELOAD, asset->id);
		tui_undoable(t, &change, back, "%s: verified today", name);
	}
	entity_change_free(&change);
	free(name);
	return R_NONE;
}

/* clang-format off */
static const struct column group_columns[] = {
	{-1, "Name", 0}, {ASSET_NEIGHBOURHOOD, "Neighbourhood", 14},
	{ASSET_OPENING_TIMES, "Meets", 18},
};
/* clang-format on */

const struct screen_ops groups_screen = {
	.title = "Groups",
	.keymap = KEYMAP_GROUPS,
	.def = &group_entity,
	.columns = group_columns,
	.ncolumns = sizeof group_columns / sizeof *group_columns,
	.filter_field = ASSET_NEIGHBOURHOOD,
	.layout = layout,
	.nlayout = sizeof layout / sizeof *layout,
	.detail = group_detail,
	.act = groups_act,
};

/* clang-format off */
static const struct column asset_columns[] = {
	{-1, "Name", 0}, {ASSET_CATEGORY, "Category", 11},
	{ASSET_NEIGHBOURHOOD, "Neighbourhood", 14}, {ASSET_LAST_VERIFIED, "Verified", 10},
};
/* clang-format on */

const struct screen_ops assets_screen = {
	.title = "Assets",
	.keymap = KEYMAP_ASSETS,
	.def = &asset_entity,
	.columns = asset_columns,
	.ncolumns = sizeof asset_columns / sizeof *asset_columns,
	.filter_field = ASSET_CATEGORY,
	.layout = layout,
	.nlayout = sizeof layout / sizeof *layout,
	.detail = asset_detail,
	.act = assets_act,
};
