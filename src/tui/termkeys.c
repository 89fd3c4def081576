/* Keys as terminals send them. curses knows a key only by its terminfo entry, and entries
 * lack keys that terminals send anyway (vt100 has no PgDn; inside tmux End may come as
 * xterm's ESC [ F or as ESC [ 4 ~); a sequence it does not know comes out byte by byte, and
 * its '6' or '[' would act as keys. So the common sequences are taught to curses, and what
 * is still unknown is read to its final byte and dropped, as mutt and vim do. */
#define NCURSES_WIDECHAR 1
#include "termkeys.h"

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "keys.h"

/* clang-format off */
static const struct {
	const char *seq;
	int key;
} common[] = {
	/* arrows, in the cursor's normal and application modes */
	{"\033[A", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033[C", KEY_RIGHT}, {"\033[D", KEY_LEFT},
	{"\033OA", KEY_UP}, {"\033OB", KEY_DOWN}, {"\033OC", KEY_RIGHT}, {"\033OD", KEY_LEFT},
	/* Home and End: xterm, vt220 and the linux console, rxvt */
	{"\033[H", KEY_HOME}, {"\033[F", KEY_END}, {"\033OH", KEY_HOME}, {"\033OF", KEY_END},
	{"\033[1~", KEY_HOME}, {"\033[4~", KEY_END}, {"\033[7~", KEY_HOME}, {"\033[8~", KEY_END},
	/* the keypad's Enter in application mode */
	{"\033OM", KEY_ENTER},
	{"\033[2~", KEY_IC}, {"\033[3~", KEY_DC}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
	{"\033[Z", KEY_BTAB},
	/* F1-F4 as xterm and vt100 (SS3) and as rxvt and vt220, then F5-F12 */
	{"\033OP", KEY_F(1)}, {"\033OQ", KEY_F(2)}, {"\033OR", KEY_F(3)}, {"\033OS", KEY_F(4)},
	{"\033[11~", KEY_F(1)}, {"\033[12~", KEY_F(2)}, {"\033[13~", KEY_F(3)},
	{"\033[14~", KEY_F(4)}, {"\033[15~", KEY_F(5)}, {"\033[17~", KEY_F(6)},
	{"\033[18~", KEY_F(7)}, {"\033[19~", KEY_F(8)}, {"\033[20~", KEY_F(9)},
	{"\033[21~", KEY_F(10)}, {"\033[23~", KEY_F(11)}, {"\033[24~", KEY_F(12)},
	/* the linux console's F1-F5 */
	{"\033[[A", KEY_F(1)}, {"\033[[B", KEY_F(2)}, {"\033[[C", KEY_F(3)},
	{"\033[[D", KEY_F(4)}, {"\033[[E", KEY_F(5)},
};
/* clang-format on */

/* Keys with Shift, Alt or Ctrl, as xterm sends them (ESC [ 1 ; 5 F is Ctrl-End): a code of
 * kith's own for each, past those curses gives out, so that a message can name them. */
#define MODIFIED_BASE 0x7000
static const struct {
	const char *name, *cap; /* cap: how terminfo names the key, kEND5 being Ctrl-End */
	char final, number;     /* ESC [ 1 ; m final, or ESC [ number ; m ~ */
} bases[] = {
	{"Up", "kUP", 'A', 0},     {"Down", "kDN", 'B', 0},  {"Right", "kRIT", 'C', 0},
	{"Left", "kLFT", 'D', 0},  {"Home", "kHOM", 'H', 0}, {"End", "kEND", 'F', 0},
	{"Insert", "kIC", 0, '2'}, {"Del", "kDC", 0, '3'},   {"PgUp", "kPRV", 0, '5'},
	{"PgDn", "kNXT", 0, '6'},
};
static const char *const mods[] = {"Shift-",      "Alt-",      "Shift-Alt-",     "Ctrl-",
				   "Ctrl-Shift-", "Ctrl-Alt-", "Ctrl-Shift-Alt-"};
#define NBASES (sizeof bases / sizeof *bases)
#define NMODS (sizeof mods / sizeof *mods)

void termkeys_define(void)
{
	/* where the entry has no key for them, or only one of its own making (linux's has an
	 * extended key on ESC [ Z): a key it names among curses' keys stays its own */
	for (size_t i = 0; i < sizeof common / sizeof *common; i++) {
		int now = key_defined(common[i].seq);
		if (now == 0 || now > KEY_MAX)
			define_key(common[i].seq, common[i].key);
	}
	for (size_t b = 0; b < NBASES; b++)
		for (size_t m = 0; m < NMODS; m++) {
			char seq[16];
			if (bases[b].final)
				snprintf(seq, sizeof seq, "\033[1;%zu%c", m + 2, bases[b].final);
			else
				snprintf(seq, sizeof seq, "\033[%c;%zu~", bases[b].number, m + 2);
			if (key_defined(seq) == 0)
				define_key(seq, MODIFIED_BASE + (int)(b * NMODS + m));
		}
}

bool termkeys_name(int code, char *buf, size_t n)
{
	if (code >= MODIFIED_BASE && code < MODIFIED_BASE + (int)(NBASES * NMODS)) {
		size_t i = (size_t)(code - MODIFIED_BASE);
		snprintf(buf, n, "%s%s", mods[i % NMODS], bases[i / NMODS].name);
		return true;
	}
	const char *cap = keyname(code); /* a key of the entry's own, as kEND5 */
	for (size_t b = 0; cap && b < NBASES; b++) {
		size_t len = strlen(bases[b].cap);
		if (strncmp(cap, bases[b].cap, len) != 0 || (cap[len] && cap[len + 1]))
			continue;
		int m = cap[len] ? cap[len] - '0' : 2; /* kDN alone is Shift-Down */
		if (m < 2 || m > 8)
			return false;
		snprintf(buf, n, "%s%s", mods[m - 2], bases[b].name);
		return true;
	}
	return false;
}

/* How long the rest of a sequence may take to come once it has begun; a terminal sends it
 * at once, so this is only for a slow line. */
#define REST_MS 50

/* Puts back what get_wch gave, for the next read. */
static void put_back(int rc, wint_t ch)
{
	if (rc == KEY_CODE_YES)
		ungetch((int)ch);
	else if (rc == OK)
		unget_wch((wchar_t)ch);
}

/* After an Esc that curses made no key of: the rest of a control sequence (ESC [, then
 * parameters and intermediates, ended by a byte from '@' to '~'; ESC O and one byte; the
 * linux console's ESC [ [ and one letter) is read and dropped: KEY_UNKNOWN. Anything else
 * after the Esc is left for the next read, and the Esc is a key. */
static int after_escape(void)
{
	wint_t ch;
	timeout(0); /* what curses already holds: it had waited ESCDELAY for it */
	int rc = get_wch(&ch);
	if (rc != OK || (ch != '[' && ch != 'O')) {
		put_back(rc, ch);
		return KEY_ESC;
	}
	bool ss3 = ch == 'O';
	timeout(REST_MS);
	for (int n = 0; n < 64; n++) {
		rc = get_wch(&ch);
		if (rc != OK)
			break; /* cut short: what came is dropped all the same */
		if (ch < 0x20 || ch > 0x7E) {
			put_back(rc, ch); /* not part of a sequence: a key of its own */
			break;
		}
		if (ss3 || (ch >= 0x40 && ch <= 0x7E && !(n == 0 && ch == '[')))
			break;
		ss3 = n == 0 && ch == '['; /* ESC [ [: one letter more */
	}
	return KEY_UNKNOWN;
}

int termkeys_read(void)
{
	wint_t ch;
	int rc = get_wch(&ch);
	if (rc == KEY_CODE_YES)
		return KEY_FN((int)ch);
	if (rc != OK)
		return -1;
	return ch == KEY_ESC ? after_escape() : (int)ch;
}
