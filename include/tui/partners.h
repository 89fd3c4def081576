/* The partnerships between groups and organisations, over the Network screen: the
 * partnership network's figures for the screen's period and the register, where a
 * coordinator adds partnerships and adds and removes partners. */
#ifndef KITH_PARTNERS_H
#define KITH_PARTNERS_H

#include "tui.h"

/* Opens it for the period [since, until] ("" for the twelve months to today). */
void partners_open(struct tui *t, const char *since, const char *until);

#endif
