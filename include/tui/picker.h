/* Choosing one thing from a list in a popup, narrowing it by typing: fixed choices (a filter,
 * a status) or records found by their names as you type (a person, a group). */
#ifndef KITH_PICKER_H
#define KITH_PICKER_H

#include "lineedit.h"
#include "tui.h"

struct picker_item {
	char *label;
	char *value;
	char *note; /* shown dim after the label */
};

struct picker {
	struct modal m;
	char title[120];
	struct picker_item *opt; /* fixed choices */
	int nopt;
	size_t opt_cap;
	int keep;                     /* the first keep choices show whatever is typed ("New…") */
	const struct entity_def *def; /* or records of this entity */
	struct lineedit typed;
	struct picker_item *shown; /* what matches what was typed (points into opt, or owned) */
	int nshown;
	int sel, top;
	char *value, *label; /* the choice, once made */
};

struct picker *picker_new(const char *title);
void picker_add(struct picker *p, const char *label, const char *value, const char *note);
/* A picker over the records of def, starting from what was already typed (may be NULL). */
struct picker *picker_records(struct tui *t, const char *title, const struct entity_def *def,
			      const char *typed);
/* Shows the choices matching what is typed; call after adding the choices. */
void picker_refresh(struct tui *t, struct picker *p);
/* A short note for a record in a picker: where it is, what it is. Caller frees. */
char *picker_note(const struct record *rec);
/* Puts first, keeping their order otherwise, the items named exactly what was typed, then
 * those whose names start with it: `:venue northgate caf` offers Northgate Café before
 * Northgate Repair Café, which a search's newest-first order may put ahead. */
void picker_rank(struct picker_item *item, int n, const char *typed);

#endif
