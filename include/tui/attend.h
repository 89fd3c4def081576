/* Who came to an activity, recorded as they arrive: a person picker that stays open for the
 * next one, in the role chosen with Tab, adding someone not in kith yet; a role changed or
 * an attendance taken back; and where a person has been, on their detail. */
#ifndef KITH_ATTEND_H
#define KITH_ATTEND_H

#include "detail.h"

struct tui;
struct record;

/* Opens the picker of people for the activity rec: each chosen is recorded as coming. */
void attend_start(struct tui *t, const struct record *activity);
/* Asks the chosen person's role at the activity (line: a person's line of its detail). */
void attend_change_role(struct tui *t, const struct record *activity, const struct dline *line);
/* Asks, then takes back that the chosen person came. */
void attend_remove(struct tui *t, const struct record *activity, const struct dline *line);
/* The activities a person came to, newest first, each a link: a section of their detail
 * (nothing for someone who came to none). */
void attend_section(struct tui *t, const struct record *person, struct detail *d);

#endif
