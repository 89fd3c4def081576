/* The readiness self-assessment in the interface: the assessments over time, each theme's
 * mean at each, and one assessment's 18 questions grouped by the six themes, each rated with
 * a key or two and its local evidence typed in. */
#ifndef KITH_SELFASSESS_H
#define KITH_SELFASSESS_H

#include "tui.h"

/* Opens it over whatever is shown: the assessments, newest first. */
void selfassess_open(struct tui *t);

#endif
