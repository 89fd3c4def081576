/* A coordinator's duties on a person, from the People screen: keep past the review date (K),
 * erase (X), export everything held about them (E). */
#ifndef KITH_SCREEN_REVIEW_H
#define KITH_SCREEN_REVIEW_H

#include "tui.h"

void review_act(struct tui *t, const struct record *person, enum action a);

#endif
