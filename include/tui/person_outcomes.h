/* What the work changed for a person, on their detail: their wellbeing answers over time
 * with the change since their baseline, and their stories. */
#ifndef KITH_TUI_PERSON_OUTCOMES_H
#define KITH_TUI_PERSON_OUTCOMES_H

#include "detail.h"
#include "tui.h"

struct record;

/* The Wellbeing and Stories sections of a person's detail. */
void outcomes_section(struct tui *t, const struct record *person, struct detail *d);
/* After a story of person's is saved: the intended outcomes it shows, chosen one at a time
 * (choosing one it shows already takes it off) until Esc. */
void outcomes_ask_tags(struct tui *t, const char *story_id, const char *person_id);
/* The stage a new answer of theirs most likely is: baseline when they have none yet. */
const char *outcomes_next_stage(struct tui *t, const char *person_id);

#endif
