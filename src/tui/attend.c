/* Recording who came to an activity at the door: w opens a person picker; a few letters and
 * Enter record that person in the role shown (Tab changes it) and the picker opens again for
 * the next, until Esc. Someone not in kith yet (F2, or Enter when nobody matches) gets the
 * new-person form, and once saved came too. Corrections (a role, a mistaken attendance) and
 * a person's activities on their detail are here as well. */
#include "attend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "dialog.h"
#include "editor.h"
#include "person.h"
#include "picker.h"
#include "record.h"
#include "tui.h"
#include "xalloc.h"

#define SHOWN 8

/* What the one attendance picker (or the form it opened) is about: kept here rather than
 * allocated, so that one freed without an answer (kith locked) leaves nothing behind. */
static struct {
	char activity[ID_LEN];
	char name[120];
	int role;        /* in activity_roles */
	int recorded;    /* people recorded since w */
	bool new_person; /* the picker closed to add someone not in kith yet */
	char typed[200];
	const struct modal_ops *base; /* the picker's own */
	/* a correction: whom, and their role now */
	char person[ID_LEN], person_name[120], current[20];
} pending;

static void reopen(struct tui *t);

/* "Who came to Drop-in? As attendee (Tab)": the role the next person comes as. */
static void title(struct picker *p)
{
	snprintf(p->title, sizeof p->title, "Who came to %.60s? As %s (Tab)", pending.name,
		 activity_roles[pending.role]);
}

static void record_came(struct tui *t, const char *person, const char *name)
{
	struct kerr err;
	const char *role = activity_roles[pending.role];
	if (activity_attend(tui_store(t), pending.activity, person, role, &err) != K_OK) {
		tui_status(t, true, "%s: %s", name, err.msg);
		return;
	}
	pending.recorded++;
	long long named = 0;
	bool counted = activity_attendance(tui_store(t), pending.activity, &named, &err) == K_OK;
	tui_react(t, R_RELOAD, pending.activity);
	if (counted)
		tui_status(t, false, "%s came as %s · %lld by name · Esc when everyone is in", name,
			   role, named);
	else
		tui_status(t, false, "%s came as %s · Esc when everyone is in", name, role);
}

static void new_person_saved(struct tui *t, struct editor *e)
{
	struct record *rec = NULL;
	struct kerr err;
	/* the form's record has no name made yet: the saved one's is the one shown everywhere */
	if (entity_load(tui_store(t), &person_entity, e->rec->id, &rec, &err) == K_OK)
		record_came(t, rec->id, record_display(rec));
	else
		tui_status(t, true, "%s", err.msg);
	record_free(rec);
}

static void new_person_closed(struct tui *t, struct editor *e, bool saved)
{
	(void)e, (void)saved;
	reopen(t);
}

/* The typed name split at its last space: "Amina Yusuf" is given and family name. */
static void new_person(struct tui *t)
{
	static const int layout[] = {PERSON_GIVEN_NAME,     PERSON_FAMILY_NAME, PERSON_WHAT_MATTERS,
				     PERSON_CONSENT_STATUS, PERSON_PHONE,       PERSON_POSTCODE,
				     PERSON_NEIGHBOURHOOD};
	struct record *rec = record_new(&person_entity);
	char *given = xstrdup(pending.typed), *space = strrchr(given, ' ');
	if (space && space != given) {
		*space = '\0';
		record_set(rec, PERSON_FAMILY_NAME, space + 1);
	}
	record_set(rec, PERSON_GIVEN_NAME, given);
	free(given);
	char heading[200];
	snprintf(heading, sizeof heading, "New person, who came to %.60s", pending.name);
	struct editor *e = tui_form(t, rec, true, layout, sizeof layout / sizeof *layout, heading);
	e->saved = new_person_saved;
	e->closed = new_person_closed;
	e->screen = SCREEN_PEOPLE; /* a draft of it opens as a new person */
	editor_focus(e, pending.typed[0] ? PERSON_WHAT_MATTERS : PERSON_GIVEN_NAME);
}

static void picked(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	if (ok && pending.new_person) {
		pending.new_person = false;
		new_person(t);
		return;
	}
	if (!ok) {
		tui_status(t, false, "%d recorded as coming to %s", pending.recorded, pending.name);
		return;
	}
	record_came(t, p->value, p->label);
	reopen(t);
}

static int attend_key(struct tui *t, struct modal *m, int key)
{
	struct picker *p = (struct picker *)m;
	enum action a = keys_lookup(KEYMAP_ATTEND, key);
	if (a == ACT_NEXT_ROLE) {
		pending.role = activity_roles[pending.role + 1] ? pending.role + 1 : 0;
		title(p);
		return MODAL_STAY;
	}
	if (a == ACT_NEW_PERSON || (a == ACT_CHOOSE && p->nshown == 0 && *p->typed.text)) {
		snprintf(pending.typed, sizeof pending.typed, "%s", p->typed.text);
		pending.new_person = true;
		return MODAL_DONE;
	}
	return pending.base->key(t, m, key);
}

static void attend_draw(struct tui *t, struct modal *m)
{
	pending.base->draw(t, m);
}

static void attend_free(struct modal *m)
{
	pending.base->free(m);
}

static const struct modal_ops attend_ops = {KEYMAP_ATTEND, attend_draw, attend_key, attend_free,
					    NULL};

/* The picker for the next person, with nothing typed. */
static void reopen(struct tui *t)
{
	struct picker *p = picker_records(t, "", &person_entity, NULL);
	pending.base = p->m.ops;
	p->m.ops = &attend_ops;
	p->m.done = picked;
	title(p);
	tui_push(t, &p->m);
}

void attend_start(struct tui *t, const struct record *activity)
{
	memset(&pending, 0, sizeof pending);
	snprintf(pending.activity, sizeof pending.activity, "%s", activity->id);
	snprintf(pending.name, sizeof pending.name, "%s", record_display(activity));
	reopen(t);
}

/* ---- corrections ---- */

/* A line of an activity's detail reads "Name · role". */
static void split_line(const struct dline *line)
{
	const char *dot = strstr(line->text, " · ");
	int n = dot ? (int)(dot - line->text) : (int)strlen(line->text);
	snprintf(pending.person, sizeof pending.person, "%s", line->id);
	snprintf(pending.person_name, sizeof pending.person_name, "%.*s", n, line->text);
	snprintf(pending.current, sizeof pending.current, "%s", dot ? dot + strlen(" · ") : "");
}

static void role_chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	struct kerr err;
	if (!ok)
		return;
	if (activity_set_role(tui_store(t), pending.activity, pending.person, p->value, &err) !=
	    K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	tui_react(t, R_RELOAD, pending.activity);
	tui_status(t, false, "%s came to %s as %s (was %s)", pending.person_name, pending.name,
		   p->value, pending.current);
}

void attend_change_role(struct tui *t, const struct record *activity, const struct dline *line)
{
	snprintf(pending.activity, sizeof pending.activity, "%s", activity->id);
	snprintf(pending.name, sizeof pending.name, "%s", record_display(activity));
	split_line(line);
	char heading[300];
	snprintf(heading, sizeof heading, "%s came to %s as", pending.person_name, pending.name);
	struct picker *p = picker_new(heading);
	for (const char *const *r = activity_roles; *r; r++)
		picker_add(p, *r, *r, strcmp(*r, pending.current) == 0 ? "their role now" : "");
	picker_refresh(t, p);
	for (int i = 0; i < p->nshown; i++) /* the first role that is not theirs */
		if (strcmp(p->shown[i].value, pending.current) != 0) {
			p->sel = i;
			break;
		}
	p->m.done = role_chosen;
	tui_push(t, &p->m);
}

static void remove_answered(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	struct kerr err;
	if (!ok)
		return;
	if (activity_unattend(tui_store(t), pending.activity, pending.person, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	tui_react(t, R_RELOAD, pending.activity);
	tui_status(t, false, "%s is no longer recorded as coming to %s (w adds them back)",
		   pending.person_name, pending.name);
}

void attend_remove(struct tui *t, const struct record *activity, const struct dline *line)
{
	snprintf(pending.activity, sizeof pending.activity, "%s", activity->id);
	snprintf(pending.name, sizeof pending.name, "%s", record_display(activity));
	split_line(line);
	char question[400];
	snprintf(question, sizeof question, "%s did not come to %s after all?", pending.person_name,
		 pending.name);
	struct dialog *d = dialog_confirm(question);
	d->m.done = remove_answered;
	tui_push(t, &d->m);
}

/* ---- on a person ---- */

void attend_section(struct tui *t, const struct record *person, struct detail *d)
{
	struct attendee_list list;
	struct kerr err;
	/* none: nothing said, as most people have not been to one */
	if (activity_attended(tui_store(t), person->id, SHOWN, &list, &err) != K_OK ||
	    list.n == 0) {
		activity_attendees_free(&list);
		return;
	}
	char heading[120];
	if (list.total > list.n)
		snprintf(heading, sizeof heading, "Activities: newest %d of %lld", list.n,
			 list.total);
	else
		snprintf(heading, sizeof heading, "Activities");
	detail_heading(d, heading);
	for (int i = 0; i < list.n; i++) {
		char line[300], date[16];
		char *kind = entity_choice_label(list.item[i].kind);
		snprintf(line, sizeof line, "%s %s · %s, %s", tui_date(list.item[i].date, date),
			 list.item[i].name, list.item[i].role, kind);
		detail_link(d, line, ENTITY_ACTIVITY, list.item[i].activity_id);
		free(kind);
	}
	activity_attendees_free(&list);
}
