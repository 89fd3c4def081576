/* A line of text being typed: UTF-8, a cursor, and the usual editing keys. Notes may hold
 * newlines. The buffer is owned by the struct. */
#ifndef KITH_LINEEDIT_H
#define KITH_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

struct lineedit {
	char *text; /* NUL-terminated, never NULL after lineedit_set */
	size_t len;
	size_t cap;
	size_t cursor; /* byte offset, always at the start of a character */
	size_t max;    /* bytes it may hold */
};

void lineedit_set(struct lineedit *e, const char *text, size_t max);
void lineedit_free(struct lineedit *e);
/* Inserts a character (a code point); false when it does not fit or is a control. */
bool lineedit_insert(struct lineedit *e, unsigned cp);
/* Applies an editing action; false when the action is not an editing one. */
bool lineedit_act(struct lineedit *e, enum action a);
/* Which part to show in cols columns so the cursor is visible: the byte offset to start at
 * and the column of the cursor. */
size_t lineedit_view(const struct lineedit *e, int cols, int *cursor_col);

#endif
