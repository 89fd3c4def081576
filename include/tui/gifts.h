/* Gifts first in the interface: a person's or an asset's tags shown, added, corrected and
 * removed (t), and what might fit a person, on their detail and offered when referring them. */
#ifndef KITH_TUI_GIFTS_H
#define KITH_TUI_GIFTS_H

#include "detail.h"
#include "editor.h"
#include "entity.h"
#include "tui.h"

/* The tags of rec (a person, an asset or a group) as a section of its detail. */
void gifts_section(struct tui *t, const struct record *rec, struct detail *d);
/* What might fit the person, best first, each a link with why it was suggested. */
void gifts_fits(struct tui *t, const struct record *person, struct detail *d);
/* t: one of the tags in use or a new one, or one of theirs to correct or remove. */
void gifts_start_tag(struct tui *t, const struct record *rec);
/* The form for a new tag of rec's (also opened again from a draft of it). */
struct editor *gifts_new_tag(struct tui *t, const struct record *rec, const char *typed);
/* A referral form's "to" field, while nothing is typed in it, offers what fits the person. */
void gifts_offer_fits(struct tui *t, struct editor *e, int field, const char *person_id);

#endif
