/* Keys as terminals send them: the common keys taught to curses whatever the terminfo entry
 * says, and any escape sequence curses does not know read and dropped whole, so that none of
 * its bytes is taken for a key of its own (ESC [ 6 ~ is not Esc, '[', '6' and '~'). */
#ifndef KITH_TERMKEYS_H
#define KITH_TERMKEYS_H

#include <stdbool.h>
#include <stddef.h>

/* Teaches curses the sequences of arrows, Home, End, PgUp, PgDn, Insert, Delete, F1-F12
 * and S-Tab as xterm, tmux and screen, the linux console, rxvt and vt100/vt220 send them,
 * where the terminfo entry has no key of its own for them. Call once after newterm. */
void termkeys_define(void);
/* The name of a key code curses gives for a key with Shift, Alt or Ctrl ("Ctrl-End"), from
 * termkeys_define's codes or the terminal's entry; false when it is none of those. */
bool termkeys_name(int code, char *buf, size_t n);
/* The next key from curses (a code point, KEY_FN(code) or KEY_UNKNOWN; -1 when curses has
 * none within its timeout), with an unknown escape sequence read to its end. */
int termkeys_read(void);

#endif
