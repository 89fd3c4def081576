/* Adding, editing and deleting a record of the screen's kind: the form (its fields in the
 * screen's order, most used first), what shows once it is saved, and the question before a
 * delete, which keeps a tombstone. */
#include "tui_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "editor.h"
#include "person.h"
#include "record.h"
#include "xalloc.h"

static void saved(struct tui *t, struct editor *e)
{
	struct screen *s = tui_screen(t);
	char *name = xstrdup(record_display(e->rec));
	s->values = (entity_values_free(s->values), NULL); /* a new neighbourhood, say */
	s->detail_focus = true;
	tui_react(t, R_RELOAD, e->rec->id);
	struct record *rec = NULL;
	struct kerr err;
	if (entity_load(t->st, e->def, e->rec->id, &rec, &err) == K_OK) {
		free(name);
		name = xstrdup(record_display(rec));
		record_free(rec);
	}
	tui_status(t, false, "%s %s", e->creating ? "Added" : "Saved", name);
	free(name);
}

/* A new person: refused once when they are likely here already (the form names whom, and
 * remembers them); saved again with that same match, they are added all the same. */
static int save_person(struct tui *t, struct editor *e, struct kerr *err)
{
	struct person_twin twin;
	int status = person_add(t->st, e->rec, false, &twin, err);
	if (status == K_DUPLICATE && *twin.id && strcmp(twin.id, e->match) == 0)
		return person_add(t->st, e->rec, true, &twin, err);
	snprintf(e->match, sizeof e->match, "%s", status == K_DUPLICATE ? twin.id : "");
	e->match_kind = ENTITY_PERSON;
	return status;
}

struct editor *tui_form(struct tui *t, struct record *rec, bool creating, const int *layout,
			int nlayout, const char *title)
{
	struct editor *e = editor_new(t, rec, creating, layout, nlayout, title);
	e->saved = saved;
	if (creating && rec->def == &person_entity)
		e->save = save_person;
	e->form = creating ? "add" : "edit"; /* how a draft of it opens it again */
	e->screen = t->current;
	tui_push(t, &e->m);
	return e;
}

static void start_add(struct tui *t, struct screen *s)
{
	char title[80];
	snprintf(title, sizeof title, "New %s", s->ops->def->name);
	tui_form(t, record_new(s->ops->def), true, s->ops->layout, s->ops->nlayout, title);
}

static void start_edit(struct tui *t, struct screen *s)
{
	const struct record *cur = listview_current(&s->list);
	struct record *rec = NULL;
	struct kerr err;
	if (!cur)
		return;
	if (entity_load(t->st, s->ops->def, cur->id, &rec, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	char title[200];
	snprintf(title, sizeof title, "Edit %s", record_display(rec));
	tui_form(t, rec, false, s->ops->layout, s->ops->nlayout, title);
}

static void delete_answered(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	struct screen *s = tui_screen(t);
	const struct record *cur = listview_current(&s->list);
	if (!ok || !cur)
		return;
	char id[ID_LEN], next[ID_LEN] = "";
	char *name = xstrdup(record_display(cur));
	snprintf(id, sizeof id, "%s", cur->id);
	int i = s->list.cursor;
	if (i + 1 < s->list.n)
		snprintf(next, sizeof next, "%s", s->list.row[i + 1]->id);
	else if (i > 0)
		snprintf(next, sizeof next, "%s", s->list.row[i - 1]->id);
	struct kerr err;
	if (entity_delete(t->st, s->ops->def, id, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		s->detail_focus = false;
		tui_react(t, R_RELOAD, next[0] ? next : NULL);
		tui_status(t, false, "Deleted %s (kept as a tombstone)", name);
	}
	free(name);
}

static void start_delete(struct tui *t, struct screen *s)
{
	const struct record *cur = listview_current(&s->list);
	if (!cur)
		return;
	char q[300];
	snprintf(q, sizeof q, "Delete %s? It leaves every list.", record_display(cur));
	struct dialog *d = dialog_confirm(q);
	d->m.done = delete_answered;
	tui_push(t, &d->m);
}

int tui_record_act(struct tui *t, struct screen *s, enum action a)
{
	switch (a) {
	case ACT_ADD:
		start_add(t, s);
		return R_NONE;
	case ACT_EDIT:
		start_edit(t, s);
		return R_NONE;
	case ACT_DELETE:
		start_delete(t, s);
		return R_NONE;
	case ACT_UNDO:
		return tui_undo(t);
	default:
		return R_UNHANDLED;
	}
}
