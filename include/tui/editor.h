/* The form for adding or editing a record of any entity. Fields come from the entity's
 * description, in the order a screen asks for them; choices are picked, references are found
 * by typing part of a name, dates take today/+7d/22/11/2026. Saving goes through core, and a
 * refusal marks the field with core's message while everything typed stays. */
#ifndef KITH_EDITOR_H
#define KITH_EDITOR_H

#include "lineedit.h"
#include "picker.h"
#include "tui.h"

struct editor_field {
	int field;            /* index into def->fields */
	struct lineedit text; /* what was typed */
	char *chosen;         /* a choice's or yes/no's value; a reference picked from the list */
	char *chosen_label;   /* the picked record's name */
	char *error;          /* core's message after a refused save */
	bool fixed;           /* shown, not editable */
};

struct editor {
	struct modal m;
	const struct entity_def *def;
	struct record *rec; /* the record being made or changed, owned */
	bool creating;
	struct editor_field *f;
	int n;
	int focus;
	int top;
	bool dirty;
	char title[160];
	struct picker_item *sugg; /* names matching what is typed in a reference field */
	int nsugg, sel;
	/* Offered in the reference field offer_field while nothing is typed or chosen in it
	 * (what fits the person a referral is about); the form's own. offering: sugg holds
	 * them, which Tab passes by rather than takes. */
	struct picker_item *offer;
	int noffer, offer_field;
	bool offering;
	bool none_match; /* what is typed in a reference field matches no one */
	/* Saves rec (default: create or update it through core). */
	int (*save)(struct tui *t, struct editor *e, struct kerr *err);
	/* After a successful save. */
	void (*saved)(struct tui *t, struct editor *e);
	char ctx[ID_LEN]; /* an id the callbacks may need */
	/* What a draft needs to open the form again: how it was opened ("add", "edit", or a
	 * screen's own form: "conversation", "referral", "tag"), on which screen, and the name of
	 * the person it is about, if any. */
	const char *form;
	int screen;
	char about[160];
	char draft_id[ID_LEN]; /* the draft it was kept as or reopened from; "" when none */
	/* A record already here that the save found likely the same as the one being made (a
	 * person added twice): the form names it, and ACT_OPEN_MATCH opens it instead. */
	char match[ID_LEN];
	enum entity_kind match_kind;
	/* When it closes, saved or not (after saved). */
	void (*closed)(struct tui *t, struct editor *e, bool saved);
};

/* A form for rec (taken over), asking first the fields in layout (indexes of def's fields),
 * then the rest. */
struct editor *editor_new(struct tui *t, struct record *rec, bool creating, const int *layout,
			  int nlayout, const char *title);
/* Shows field but does not let it change (the person a conversation is about). */
void editor_fix(struct editor *e, int field);
void editor_focus(struct editor *e, int field);
/* Gives the form items (taken over) to offer in field while nothing is typed in it. */
void editor_offer(struct editor *e, int field, struct picker_item *items, int n);
/* The form in m, or NULL when m is not a form. */
struct editor *editor_of(struct modal *m);
/* What the k-th field of the form holds, as saving would set it: its text, its choice, the
 * id of the record picked (or, none picked, what was typed to find one). */
const char *editor_value(const struct editor *e, int k);
/* Sets the k-th field as if value had been typed or chosen: a reference takes the record
 * value names when it names one (its name shown), else value as typed text. */
void editor_put(struct tui *t, struct editor *e, int k, const char *value);

#endif
