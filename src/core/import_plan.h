/* Private to import.c and import_plan.c: what each kind's import sets up before its rows. */
#ifndef KITH_IMPORT_PLAN_H
#define KITH_IMPORT_PLAN_H

#include "import.h"

/* 1 << kind for each entity kind a file of kind names on its lines and never adds. */
unsigned import_plan_named(enum import_kind kind);
/* The table a file of kind adds rows to whose triggers import_bulk sets aside, or NULL. */
const char *import_plan_table(enum import_kind kind);

#endif
