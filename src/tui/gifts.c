/* Gifts first in the interface. A connector records a person's gifts, skills and passions
 * (and an asset's tags) with t, corrects or removes one the same way, and sees what might fit
 * the person, with why, wherever they are about to suggest somewhere: their detail, and the
 * "to" field of a referral. */
#include "gifts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "picker.h"
#include "record.h"
#include "tag.h"
#include "xalloc.h"

#define FITS_SHOWN 5

/* The one of their tags being corrected or removed, between the pickers and the form. */
static struct {
	char id[ID_LEN];
	char name[100];
} chosen;

static enum entity_kind owner_of(const struct record *rec)
{
	return rec->def->kind == ENTITY_PERSON ? ENTITY_PERSON : ENTITY_ASSET;
}

void gifts_section(struct tui *t, const struct record *rec, struct detail *d)
{
	struct tag_list tags;
	struct kerr err;
	bool person = owner_of(rec) == ENTITY_PERSON;
	detail_heading(d, person ? "Gifts, skills and passions" : "Tags");
	if (tag_list_for(tui_store(t), owner_of(rec), rec->id, &tags, &err) != K_OK) {
		detail_paragraph(d, err.msg, PAINT_ERROR);
		return;
	}
	for (int i = 0; i < tags.n; i++) {
		char *kind = entity_choice_label(tags.item[i].kind);
		char line[200];
		snprintf(line, sizeof line, "%s (%s)", tags.item[i].name, kind);
		detail_paragraph(d, line, PAINT_NORMAL);
		free(kind);
	}
	if (tags.n == 0)
		detail_paragraph(d, "none recorded yet: t adds one", PAINT_DIM);
	else
		detail_paragraph(d, "t adds, corrects or removes one", PAINT_DIM);
	tag_list_free(&tags);
}

void gifts_fits(struct tui *t, const struct record *person, struct detail *d)
{
	struct match_list list;
	struct kerr err;
	char heading[120];
	int status = match_person(tui_store(t), person->id, FITS_SHOWN, &list, &err);
	if (status == K_OK && list.found > list.n)
		snprintf(heading, sizeof heading, "Might fit: the best %d of %d", list.n,
			 list.found);
	else
		snprintf(heading, sizeof heading, "Might fit");
	detail_heading(d, heading);
	if (status != K_OK)
		detail_paragraph(d, err.msg, PAINT_ERROR);
	else if (list.terms == 0)
		detail_paragraph(d,
				 "record their gifts (t) or what matters to them (e) to see "
				 "which groups and assets fit",
				 PAINT_DIM);
	else if (list.n == 0)
		detail_paragraph(d, "no group or asset fits their gifts or what matters yet",
				 PAINT_DIM);
	for (int i = 0; i < list.n; i++) {
		char line[300];
		snprintf(line, sizeof line, "%s · %s", list.item[i].name, list.item[i].category);
		detail_link(d, line, ENTITY_ASSET, list.item[i].id);
		char *why = xasprintf("  %s", list.item[i].why); /* under its name */
		detail_paragraph(d, why, PAINT_DIM);
		free(why);
	}
	match_list_free(&list);
}

void gifts_offer_fits(struct tui *t, struct editor *e, int field, const char *person_id)
{
	struct match_list list;
	struct kerr err;
	if (match_person(tui_store(t), person_id, FITS_SHOWN, &list, &err) != K_OK) {
		match_list_free(&list);
		return; /* the form works as before: typing finds any asset */
	}
	struct picker_item *fits = xcalloc((size_t)list.n + 1, sizeof *fits);
	for (int i = 0; i < list.n; i++)
		fits[i] = (struct picker_item){xstrdup(list.item[i].name), xstrdup(list.item[i].id),
					       xasprintf("fits: %s", list.item[i].why)};
	editor_offer(e, field, fits, list.n);
	match_list_free(&list);
}

/* ---- adding, correcting, removing ---- */

/* The record the current screen's list is on: the owner of the tags. */
static const struct record *owner(struct tui *t)
{
	return listview_current(&tui_screen(t)->list);
}

static int save_tag(struct tui *t, struct editor *e, struct kerr *err)
{
	const struct record *rec = owner(t);
	if (!rec)
		return kerr_set(err, K_NOT_FOUND, "", "the record has gone from the list");
	if (*chosen.id && strcmp(e->form, "tag-correct") == 0)
		return tag_correct(tui_store(t), owner_of(rec), e->ctx, chosen.id,
				   record_get(e->rec, TAG_KIND), record_get(e->rec, TAG_NAME), err);
	return tag_attach(tui_store(t), owner_of(rec), e->ctx, record_get(e->rec, TAG_KIND),
			  record_get(e->rec, TAG_NAME), err);
}

static void tagged(struct tui *t, struct editor *e)
{
	tui_react(t, R_RELOAD, e->ctx);
	tui_status(t, false, "Noted: %s", record_get(e->rec, TAG_NAME));
}

static struct editor *tag_form(struct tui *t, const struct record *rec, const char *kind,
			       const char *name, const char *title)
{
	static const int tag_layout[] = {TAG_KIND, TAG_NAME};
	struct record *tag = record_new(&tag_entity);
	record_set(tag, TAG_KIND, kind);
	record_set(tag, TAG_NAME, name);
	struct editor *e = tui_form(t, tag, true, tag_layout, 2, title);
	snprintf(e->ctx, sizeof e->ctx, "%s", rec->id);
	e->save = save_tag;
	e->saved = tagged;
	e->form = "tag"; /* a draft of it opens as a new tag */
	snprintf(e->about, sizeof e->about, "%s", record_display(rec));
	return e;
}

struct editor *gifts_new_tag(struct tui *t, const struct record *rec, const char *typed)
{
	char title[240];
	snprintf(title, sizeof title, "%s %s",
		 owner_of(rec) == ENTITY_PERSON ? "A gift, skill or passion of" : "A tag of",
		 record_display(rec));
	struct editor *e = tag_form(t, rec, "skill", typed, title);
	editor_focus(e, *typed ? TAG_KIND : TAG_NAME);
	return e;
}

static void removed(struct tui *t, const struct record *rec)
{
	struct kerr err;
	if (tag_detach(tui_store(t), owner_of(rec), rec->id, chosen.id, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	char *name = xstrdup(record_display(rec));
	tui_react(t, R_RELOAD, rec->id);
	tui_status(t, false, "Removed %s from %s: t adds it again", chosen.name, name);
	free(name);
}

static void fix_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	const struct record *rec = owner(t);
	if (!ok || !rec)
		return;
	if (strcmp(p->value, "remove") == 0) {
		removed(t, rec);
		return;
	}
	char title[240];
	snprintf(title, sizeof title, "Correct %s (%s)", chosen.name, record_display(rec));
	struct editor *e = tag_form(t, rec, p->value + strlen("correct:"), chosen.name, title);
	e->form = "tag-correct";
	editor_focus(e, TAG_NAME);
}

/* One of theirs chosen: correct it, or remove it. */
static void start_fix(struct tui *t, const char *id, const char *name, const char *kind)
{
	snprintf(chosen.id, sizeof chosen.id, "%s", id);
	snprintf(chosen.name, sizeof chosen.name, "%s", name);
	char title[160], label[160], value[64];
	snprintf(title, sizeof title, "%s: correct it or remove it?", name);
	struct picker *p = picker_new(title);
	snprintf(label, sizeof label, "Correct %s…", name);
	snprintf(value, sizeof value, "correct:%s", kind);
	picker_add(p, label, value, "its name or its kind");
	snprintf(label, sizeof label, "Remove %s", name);
	picker_add(p, label, "remove", "t adds it again");
	picker_refresh(t, p);
	p->m.done = fix_chosen;
	tui_push(t, &p->m);
}

static void tag_picked(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	const struct record *rec = owner(t);
	struct kerr err;
	if (!ok || !rec)
		return;
	if (!*p->value) {
		gifts_new_tag(t, rec, p->typed.text);
		return;
	}
	if (strncmp(p->value, "mine:", 5) == 0) { /* "mine:KIND:ID" */
		char kind[32];
		const char *id = strchr(p->value + 5, ':');
		snprintf(kind, sizeof kind, "%.*s", id ? (int)(id - p->value - 5) : 0,
			 p->value + 5);
		start_fix(t, id ? id + 1 : "", p->label, kind);
		return;
	}
	if (tag_attach(tui_store(t), owner_of(rec), rec->id, p->value, p->label, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	char *name = xstrdup(p->label);
	tui_react(t, R_RELOAD, rec->id);
	tui_status(t, false, "Noted: %s", name);
	free(name);
}

/* Theirs first (to correct or remove), then every tag in use, so that one gift keeps one
 * name; "New" is always there. */
static void add_theirs(struct tui *t, const struct record *rec, struct picker *p)
{
	struct tag_list mine;
	struct kerr err;
	if (tag_list_for(tui_store(t), owner_of(rec), rec->id, &mine, &err) != K_OK)
		return;
	for (int i = 0; i < mine.n; i++) {
		char *kind = entity_choice_label(mine.item[i].kind);
		char value[120], note[120];
		snprintf(value, sizeof value, "mine:%s:%s", mine.item[i].kind, mine.item[i].id);
		snprintf(note, sizeof note, "theirs · %s · correct or remove", kind);
		picker_add(p, mine.item[i].name, value, note);
		free(kind);
	}
	tag_list_free(&mine);
}

void gifts_start_tag(struct tui *t, const struct record *rec)
{
	struct tag_list all;
	struct kerr err;
	if (tag_list_all(tui_store(t), &all, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	char title[240];
	bool person = owner_of(rec) == ENTITY_PERSON;
	snprintf(title, sizeof title, "%s %s", person ? "Gifts, skills and passions of" : "Tags of",
		 record_display(rec));
	struct picker *p = picker_new(title);
	picker_add(p, person ? "New gift, skill or passion…" : "New tag…", "",
		   "type its name, then Enter");
	p->keep = 1;
	add_theirs(t, rec, p);
	for (int i = 0; i < all.n; i++) {
		char *kind = entity_choice_label(all.item[i].kind);
		char note[120];
		snprintf(note, sizeof note, "%s · %d", kind, all.item[i].uses);
		picker_add(p, all.item[i].name, all.item[i].kind, note);
		free(kind);
	}
	tag_list_free(&all);
	picker_refresh(t, p);
	p->m.done = tag_picked;
	tui_push(t, &p->m);
}
