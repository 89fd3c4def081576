/* Private to import.c: a value as spreadsheets write it, made into what kith's forms take. */
#ifndef KITH_IMPORT_VALUE_H
#define KITH_IMPORT_VALUE_H

#include <stddef.h>

#include "import_map.h"
#include "kerr.h"

/* The text to give column's field for a cell's text: text itself, or buf (n bytes) holding
 * what it says in kith's words. NULL, with err naming the field, when the cell is one that
 * only this step reads (a date of birth) and it cannot be read. */
const char *import_value(const struct entity_def *def, struct import_column column,
			 const char *text, char *buf, size_t n, struct kerr *err);

#endif
