/* The key table: what each key does in each keymap. Help, the hint bar and script key names
 * all read it, so a binding is written once. */
#define NCURSES_WIDECHAR 1
#include "keys.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "termkeys.h"

/* clang-format off */
static const char *const words[] = {
#define X(name, word, help) word,
	ACTIONS(X)
#undef X
#define X(name, ops, word, help) word,
	SCREENS(X)
#undef X
};
/* clang-format on */
/* clang-format off */
static const char *const helps[] = {
#define X(name, word, help) help,
	ACTIONS(X)
#undef X
#define X(name, ops, word, help) help,
	SCREENS(X)
#undef X
};
/* clang-format on */

#define ENTER '\n'
#define H true

/* clang-format off */
static const struct binding table[] = {
	/* everywhere outside text entry */
	{KEYMAP_GLOBAL, '?', ACT_HELP, H},
	{KEYMAP_GLOBAL, 'q', ACT_BACK, H},
	{KEYMAP_GLOBAL, KEY_ESC, ACT_CANCEL, false},
	{KEYMAP_GLOBAL, ':', ACT_COMMAND, false},
	/* a screen's digit is its place among the tabs */
#define X(name, ops, word, help) {KEYMAP_GLOBAL, '1' + SCREEN_##name, ACT_##name, false},
	SCREENS(X)
#undef X
	{KEYMAP_GLOBAL, KEY_CTRL('x'), ACT_LOCK, H},
	{KEYMAP_GLOBAL, '\t', ACT_NEXT_SCREEN, false},
	{KEYMAP_GLOBAL, KEY_FN(KEY_BTAB), ACT_PREV_SCREEN, false},
	{KEYMAP_GLOBAL, KEY_CTRL('l'), ACT_REDRAW, false},
	{KEYMAP_GLOBAL, KEY_CTRL('q'), ACT_QUIT, false},
	/* moving */
	{KEYMAP_LIST, ENTER, ACT_OPEN, H},
	{KEYMAP_LIST, '\r', ACT_OPEN, false},
	{KEYMAP_LIST, KEY_FN(KEY_ENTER), ACT_OPEN, false},
	{KEYMAP_LIST, 'j', ACT_DOWN, false},
	{KEYMAP_LIST, KEY_FN(KEY_DOWN), ACT_DOWN, false},
	{KEYMAP_LIST, 'k', ACT_UP, false},
	{KEYMAP_LIST, KEY_FN(KEY_UP), ACT_UP, false},
	{KEYMAP_LIST, KEY_FN(KEY_NPAGE), ACT_PAGE_DOWN, false},
	{KEYMAP_LIST, KEY_CTRL('f'), ACT_PAGE_DOWN, false},
	{KEYMAP_LIST, KEY_FN(KEY_PPAGE), ACT_PAGE_UP, false},
	{KEYMAP_LIST, KEY_CTRL('b'), ACT_PAGE_UP, false},
	{KEYMAP_LIST, 'g', ACT_FIRST, false},
	{KEYMAP_LIST, KEY_FN(KEY_HOME), ACT_FIRST, false},
	{KEYMAP_LIST, 'G', ACT_LAST, false},
	{KEYMAP_LIST, KEY_FN(KEY_END), ACT_LAST, false},
	/* every list of records */
	{KEYMAP_RECORDS, '/', ACT_SEARCH, H},
	{KEYMAP_RECORDS, 'a', ACT_ADD, H},
	{KEYMAP_RECORDS, 'e', ACT_EDIT, H},
	{KEYMAP_RECORDS, 's', ACT_SORT, H},
	{KEYMAP_RECORDS, 'f', ACT_FILTER, H},
	{KEYMAP_RECORDS, 'D', ACT_DELETE, false},
	{KEYMAP_RECORDS, 'z', ACT_UNDO, false},
	/* a person: what a connector does at a drop-in */
	{KEYMAP_PEOPLE, 'c', ACT_CONVERSATION, H},
	{KEYMAP_PEOPLE, 'r', ACT_REFER, H},
	{KEYMAP_PEOPLE, 'm', ACT_JOIN, H},
	{KEYMAP_PEOPLE, 't', ACT_TAG, H},
	{KEYMAP_PEOPLE, 'p', ACT_JOURNEY, H},
	{KEYMAP_PEOPLE, 'w', ACT_WELLBEING, H},
	{KEYMAP_PEOPLE, 'o', ACT_STORY, H},
	{KEYMAP_PEOPLE, 'K', ACT_KEEP, false},
	{KEYMAP_PEOPLE, 'X', ACT_ERASE, false},
	{KEYMAP_PEOPLE, 'E', ACT_EXPORT_PERSON, false},
	{KEYMAP_PEOPLE, 'M', ACT_MERGE, false},
	{KEYMAP_GROUPS, 'm', ACT_ADD_MEMBER, H},
	{KEYMAP_GROUPS, 'x', ACT_REMOVE_MEMBER, H},
	{KEYMAP_GROUPS, 'r', ACT_CHANGE_ROLE, H},
	{KEYMAP_GROUPS, 't', ACT_TAG, H},
	{KEYMAP_ASSETS, 'v', ACT_VERIFY, H},
	{KEYMAP_ASSETS, 't', ACT_TAG, H},
	{KEYMAP_REFERRALS, 'u', ACT_ADVANCE, H},
	/* an activity: who came */
	{KEYMAP_ACTIVITIES, 'w', ACT_ATTEND, H},
	{KEYMAP_ACTIVITIES, 'r', ACT_ATTEND_ROLE, H},
	{KEYMAP_ACTIVITIES, 'x', ACT_UNATTEND, H},
	{KEYMAP_ACTIVITIES, '+', ACT_MORE_UNNAMED, H},
	{KEYMAP_ACTIVITIES, '=', ACT_MORE_UNNAMED, false},
	{KEYMAP_ACTIVITIES, '-', ACT_FEWER_UNNAMED, H},
	{KEYMAP_ATTEND, '\t', ACT_NEXT_ROLE, H},
	{KEYMAP_ATTEND, KEY_FN(KEY_F(2)), ACT_NEW_PERSON, H},
	/* the network: a table of assets */
	{KEYMAP_NETWORK, ENTER, ACT_CHAINS, H},
	{KEYMAP_NETWORK, '\r', ACT_CHAINS, false},
	{KEYMAP_NETWORK, KEY_FN(KEY_ENTER), ACT_CHAINS, false},
	{KEYMAP_NETWORK, 'o', ACT_GOTO, H},
	{KEYMAP_NETWORK, 's', ACT_SORT, H},
	{KEYMAP_NETWORK, 'f', ACT_FILTER, H},
	{KEYMAP_NETWORK, 'i', ACT_FIGURES, H},
	{KEYMAP_NETWORK, 'p', ACT_PERIOD, H},
	{KEYMAP_NETWORK, 'n', ACT_NEIGHBOURHOOD, false},
	{KEYMAP_NETWORK, 'c', ACT_CATEGORY, false},
	{KEYMAP_NETWORK, 'w', ACT_WRITE_REPORT, H},
	{KEYMAP_NETWORK, 'r', ACT_PARTNERSHIPS, H},
	{KEYMAP_NETWORK, 'R', ACT_READINESS, H},
	/* the reports: a document to read */
	{KEYMAP_REPORTS, 'r', ACT_REPORT, H},
	{KEYMAP_REPORTS, ENTER, ACT_REPORT, false},
	{KEYMAP_REPORTS, '\r', ACT_REPORT, false},
	{KEYMAP_REPORTS, KEY_FN(KEY_ENTER), ACT_REPORT, false},
	{KEYMAP_REPORTS, 'p', ACT_PERIOD, H},
	{KEYMAP_REPORTS, 'u', ACT_WORKER, H},
	{KEYMAP_REPORTS, 'n', ACT_NEIGHBOURHOOD, H},
	{KEYMAP_REPORTS, 'w', ACT_WRITE_REPORT, H},
	{KEYMAP_REPORTS, 'R', ACT_READINESS, H},
	{KEYMAP_REPORTS, 'P', ACT_PARTNERSHIPS, false},
	/* the partnerships' register */
	{KEYMAP_PARTNERS, 'a', ACT_ADD, H},
	{KEYMAP_PARTNERS, 'e', ACT_EDIT, H},
	{KEYMAP_PARTNERS, 'm', ACT_ADD_PARTNER, H},
	{KEYMAP_PARTNERS, 'x', ACT_REMOVE_PARTNER, H},
	{KEYMAP_PARTNERS, 'q', ACT_BACK, H},
	{KEYMAP_PARTNERS, KEY_ESC, ACT_BACK, false},
	{KEYMAP_PARTNERS, '?', ACT_HELP, H},
	/* the readiness self-assessment */
	{KEYMAP_READINESS, 'a', ACT_ADD, H},
	{KEYMAP_READINESS, '+', ACT_RAISE, H},
	{KEYMAP_READINESS, 'l', ACT_RAISE, false},
	{KEYMAP_READINESS, KEY_FN(KEY_RIGHT), ACT_RAISE, false},
	{KEYMAP_READINESS, '-', ACT_LOWER, H},
	{KEYMAP_READINESS, 'h', ACT_LOWER, false},
	{KEYMAP_READINESS, KEY_FN(KEY_LEFT), ACT_LOWER, false},
	{KEYMAP_READINESS, 'e', ACT_EVIDENCE, H},
	{KEYMAP_READINESS, 'q', ACT_BACK, H},
	{KEYMAP_READINESS, KEY_ESC, ACT_BACK, false},
	{KEYMAP_READINESS, '?', ACT_HELP, H},
	/* a tree of branches, or a list of steps */
	{KEYMAP_TREE, ENTER, ACT_OPEN, H},
	{KEYMAP_TREE, '\r', ACT_OPEN, false},
	{KEYMAP_TREE, KEY_FN(KEY_ENTER), ACT_OPEN, false},
	{KEYMAP_TREE, ' ', ACT_EXPAND, H},
	{KEYMAP_TREE, KEY_FN(KEY_RIGHT), ACT_INTO, false},
	{KEYMAP_TREE, 'l', ACT_INTO, false},
	{KEYMAP_TREE, KEY_FN(KEY_LEFT), ACT_COLLAPSE, H},
	{KEYMAP_TREE, 'h', ACT_COLLAPSE, false},
	{KEYMAP_TREE, 'j', ACT_DOWN, false},
	{KEYMAP_TREE, KEY_FN(KEY_DOWN), ACT_DOWN, false},
	{KEYMAP_TREE, 'k', ACT_UP, false},
	{KEYMAP_TREE, KEY_FN(KEY_UP), ACT_UP, false},
	{KEYMAP_TREE, KEY_FN(KEY_NPAGE), ACT_PAGE_DOWN, false},
	{KEYMAP_TREE, KEY_FN(KEY_PPAGE), ACT_PAGE_UP, false},
	{KEYMAP_TREE, 'g', ACT_FIRST, false},
	{KEYMAP_TREE, 'G', ACT_LAST, false},
	{KEYMAP_TREE, 'q', ACT_BACK, H},
	{KEYMAP_TREE, KEY_ESC, ACT_BACK, false},
	{KEYMAP_TREE, '?', ACT_HELP, H},
	{KEYMAP_TREE, KEY_CTRL('q'), ACT_QUIT, false},
	/* forms */
	{KEYMAP_FORM, KEY_CTRL('s'), ACT_SAVE, H},
	{KEYMAP_FORM, KEY_CTRL('o'), ACT_OPEN_MATCH, false},
	{KEYMAP_FORM, KEY_ESC, ACT_CANCEL, H},
	{KEYMAP_FORM, '\t', ACT_NEXT_FIELD, H},
	{KEYMAP_FORM, KEY_FN(KEY_BTAB), ACT_PREV_FIELD, false},
	{KEYMAP_FORM, KEY_FN(KEY_DOWN), ACT_DOWN, false},
	{KEYMAP_FORM, KEY_FN(KEY_UP), ACT_UP, false},
	{KEYMAP_FORM, ENTER, ACT_CHOOSE, false},
	{KEYMAP_FORM, '\r', ACT_CHOOSE, false},
	{KEYMAP_FORM, KEY_FN(KEY_ENTER), ACT_CHOOSE, false},
	{KEYMAP_FORM, KEY_FN(KEY_F(1)), ACT_HELP, H},
	{KEYMAP_FORM, KEY_CTRL('q'), ACT_QUIT, false},
	{KEYMAP_FORM, KEY_CTRL('x'), ACT_LOCK, false},
	/* the audit trail: read only */
	{KEYMAP_AUDIT, '/', ACT_SEARCH, H},
	{KEYMAP_AUDIT, 's', ACT_SORT, false},
	{KEYMAP_AUDIT, 'f', ACT_FILTER, H},
	/* logging in, unlocking */
	{KEYMAP_GATE, ENTER, ACT_CHOOSE, H},
	{KEYMAP_GATE, '\r', ACT_CHOOSE, false},
	{KEYMAP_GATE, KEY_FN(KEY_ENTER), ACT_CHOOSE, false},
	{KEYMAP_GATE, '\t', ACT_NEXT_FIELD, H},
	{KEYMAP_GATE, KEY_FN(KEY_BTAB), ACT_PREV_FIELD, false},
	{KEYMAP_GATE, KEY_FN(KEY_DOWN), ACT_NEXT_FIELD, false},
	{KEYMAP_GATE, KEY_FN(KEY_UP), ACT_PREV_FIELD, false},
	{KEYMAP_GATE, KEY_FN(KEY_F(2)), ACT_SWITCH_WORKER, false},
	{KEYMAP_GATE, KEY_CTRL('q'), ACT_QUIT, false},
	/* editing a line of text */
	{KEYMAP_EDIT, KEY_FN(KEY_LEFT), ACT_LEFT, false},
	{KEYMAP_EDIT, KEY_FN(KEY_RIGHT), ACT_RIGHT, false},
	{KEYMAP_EDIT, KEY_FN(KEY_HOME), ACT_HOME, false},
	{KEYMAP_EDIT, KEY_CTRL('a'), ACT_HOME, false},
	{KEYMAP_EDIT, KEY_FN(KEY_END), ACT_END, false},
	{KEYMAP_EDIT, KEY_CTRL('e'), ACT_END, false},
	{KEYMAP_EDIT, KEY_FN(KEY_BACKSPACE), ACT_BACKSPACE, false},
	{KEYMAP_EDIT, 127, ACT_BACKSPACE, false},
	{KEYMAP_EDIT, KEY_CTRL('h'), ACT_BACKSPACE, false},
	{KEYMAP_EDIT, KEY_FN(KEY_DC), ACT_DELETE_CHAR, false},
	{KEYMAP_EDIT, KEY_CTRL('u'), ACT_KILL_LINE, false},
	{KEYMAP_EDIT, KEY_CTRL('w'), ACT_KILL_WORD, false},
	/* choosing from a list */
	{KEYMAP_PICKER, ENTER, ACT_CHOOSE, H},
	{KEYMAP_PICKER, '\r', ACT_CHOOSE, false},
	{KEYMAP_PICKER, KEY_FN(KEY_ENTER), ACT_CHOOSE, false},
	{KEYMAP_PICKER, KEY_ESC, ACT_CANCEL, H},
	{KEYMAP_PICKER, KEY_FN(KEY_DOWN), ACT_DOWN, H},
	{KEYMAP_PICKER, KEY_CTRL('n'), ACT_DOWN, false},
	{KEYMAP_PICKER, KEY_FN(KEY_UP), ACT_UP, H},
	{KEYMAP_PICKER, KEY_CTRL('p'), ACT_UP, false},
	{KEYMAP_PICKER, KEY_FN(KEY_NPAGE), ACT_PAGE_DOWN, false},
	{KEYMAP_PICKER, KEY_FN(KEY_PPAGE), ACT_PAGE_UP, false},
	/* yes or no */
	{KEYMAP_CONFIRM, 'y', ACT_YES, H},
	{KEYMAP_CONFIRM, 'Y', ACT_YES, false},
	{KEYMAP_CONFIRM, 'n', ACT_NO, H},
	{KEYMAP_CONFIRM, 'N', ACT_NO, false},
	{KEYMAP_CONFIRM, KEY_ESC, ACT_NO, false},
	{KEYMAP_CONFIRM, ENTER, ACT_NO, false},
	/* a line typed at the bottom: search, or a command */
	{KEYMAP_PROMPT, ENTER, ACT_CHOOSE, H},
	{KEYMAP_PROMPT, '\r', ACT_CHOOSE, false},
	{KEYMAP_PROMPT, KEY_FN(KEY_ENTER), ACT_CHOOSE, false},
	{KEYMAP_PROMPT, KEY_ESC, ACT_CANCEL, H},
	/* a search's: through its matches while typing, as in a picker */
	{KEYMAP_PROMPT, KEY_FN(KEY_DOWN), ACT_DOWN, false},
	{KEYMAP_PROMPT, KEY_CTRL('n'), ACT_DOWN, false},
	{KEYMAP_PROMPT, KEY_FN(KEY_UP), ACT_UP, false},
	{KEYMAP_PROMPT, KEY_CTRL('p'), ACT_UP, false},
	{KEYMAP_PROMPT, KEY_FN(KEY_NPAGE), ACT_PAGE_DOWN, false},
	{KEYMAP_PROMPT, KEY_FN(KEY_PPAGE), ACT_PAGE_UP, false},
	/* reading help */
	{KEYMAP_HELP, 'j', ACT_DOWN, H},
	{KEYMAP_HELP, KEY_FN(KEY_DOWN), ACT_DOWN, false},
	{KEYMAP_HELP, 'k', ACT_UP, H},
	{KEYMAP_HELP, KEY_FN(KEY_UP), ACT_UP, false},
	{KEYMAP_HELP, KEY_FN(KEY_NPAGE), ACT_PAGE_DOWN, false},
	{KEYMAP_HELP, KEY_FN(KEY_PPAGE), ACT_PAGE_UP, false},
	{KEYMAP_HELP, 'q', ACT_BACK, H},
	{KEYMAP_HELP, KEY_ESC, ACT_BACK, false},
	{KEYMAP_HELP, '?', ACT_BACK, false},
	{KEYMAP_HELP, KEY_FN(KEY_F(1)), ACT_BACK, false},
	/* a draft offered back at login */
	{KEYMAP_DRAFT, ENTER, ACT_REOPEN, H},
	{KEYMAP_DRAFT, '\r', ACT_REOPEN, false},
	{KEYMAP_DRAFT, KEY_FN(KEY_ENTER), ACT_REOPEN, false},
	{KEYMAP_DRAFT, 'r', ACT_REOPEN, false},
	{KEYMAP_DRAFT, 'D', ACT_DISCARD, H},
	{KEYMAP_DRAFT, KEY_ESC, ACT_LATER, H},
	{KEYMAP_DRAFT, 'l', ACT_LATER, false},
	{KEYMAP_DRAFT, KEY_CTRL('x'), ACT_LOCK, false},
	{KEYMAP_DRAFT, KEY_CTRL('q'), ACT_QUIT, false},
};
/* clang-format on */

/* Where each keymap looks next when a key is not its own. */
static const enum keymap fallback[KEYMAP_COUNT][3] = {
	[KEYMAP_GLOBAL] = {KEYMAP_COUNT},
	[KEYMAP_LIST] = {KEYMAP_GLOBAL, KEYMAP_COUNT},
	[KEYMAP_RECORDS] = {KEYMAP_LIST, KEYMAP_GLOBAL, KEYMAP_COUNT},
	[KEYMAP_PEOPLE] = {KEYMAP_RECORDS, KEYMAP_LIST, KEYMAP_GLOBAL},
	[KEYMAP_GROUPS] = {KEYMAP_RECORDS, KEYMAP_LIST, KEYMAP_GLOBAL},
	[KEYMAP_ASSETS] = {KEYMAP_RECORDS, KEYMAP_LIST, KEYMAP_GLOBAL},
	[KEYMAP_REFERRALS] = {KEYMAP_RECORDS, KEYMAP_LIST, KEYMAP_GLOBAL},
	[KEYMAP_ACTIVITIES] = {KEYMAP_RECORDS, KEYMAP_LIST, KEYMAP_GLOBAL},
	[KEYMAP_ATTEND] = {KEYMAP_PICKER, KEYMAP_EDIT, KEYMAP_COUNT},
	[KEYMAP_NETWORK] = {KEYMAP_LIST, KEYMAP_GLOBAL, KEYMAP_COUNT},
	[KEYMAP_TREE] = {KEYMAP_COUNT},
	[KEYMAP_AUDIT] = {KEYMAP_LIST, KEYMAP_GLOBAL, KEYMAP_COUNT},
	[KEYMAP_REPORTS] = {KEYMAP_LIST, KEYMAP_GLOBAL, KEYMAP_COUNT},
	[KEYMAP_GATE] = {KEYMAP_EDIT, KEYMAP_COUNT},
	[KEYMAP_FORM] = {KEYMAP_EDIT, KEYMAP_COUNT},
	[KEYMAP_EDIT] = {KEYMAP_COUNT},
	[KEYMAP_PICKER] = {KEYMAP_EDIT, KEYMAP_COUNT},
	[KEYMAP_CONFIRM] = {KEYMAP_COUNT},
	[KEYMAP_PROMPT] = {KEYMAP_EDIT, KEYMAP_COUNT},
	[KEYMAP_HELP] = {KEYMAP_COUNT},
	[KEYMAP_DRAFT] = {KEYMAP_COUNT},
	[KEYMAP_PARTNERS] = {KEYMAP_LIST, KEYMAP_COUNT},
	[KEYMAP_READINESS] = {KEYMAP_LIST, KEYMAP_COUNT},
};

bool keys_alias(int key)
{
	return key == '\r' || key == KEY_FN(KEY_ENTER) || key == 127 || key == KEY_CTRL('h');
}

const char *keys_action_word(enum action a)
{
	return (unsigned)a < ACT_COUNT ? words[a] : "";
}

const char *keys_action_help(enum action a)
{
	return (unsigned)a < ACT_COUNT ? helps[a] : "";
}

static enum action lookup_one(enum keymap map, int key)
{
	for (size_t i = 0; i < sizeof table / sizeof *table; i++)
		if (table[i].map == map && table[i].key == key)
			return table[i].action;
	return ACT_NONE;
}

enum action keys_lookup(enum keymap map, int key)
{
	enum action a = lookup_one(map, key);
	for (int i = 0; a == ACT_NONE && i < 3 && fallback[map][i] != KEYMAP_COUNT; i++) {
		a = lookup_one(fallback[map][i], key);
		if (fallback[map][i] == KEYMAP_GLOBAL)
			break;
	}
	return a;
}

size_t keys_bindings(enum keymap map, const struct binding **out, size_t max)
{
	enum keymap maps[4] = {map, KEYMAP_COUNT, KEYMAP_COUNT, KEYMAP_COUNT};
	for (int i = 0; i < 3; i++)
		maps[i + 1] = fallback[map][i];
	size_t n = 0;
	for (int m = 0; m < 4 && maps[m] != KEYMAP_COUNT; m++)
		for (size_t i = 0; i < sizeof table / sizeof *table && n < max; i++) {
			if (table[i].map != maps[m])
				continue;
			/* a key already bound in a nearer keymap hides this binding */
			if (m > 0 && keys_lookup(map, table[i].key) != table[i].action)
				continue;
			out[n++] = &table[i];
		}
	return n;
}

int keys_help(enum keymap map, bool own, const struct binding **first, char keys[][64], int max)
{
	const struct binding *b[KEYS_HELP_MAX];
	size_t n = keys_bindings(map, b, KEYS_HELP_MAX), kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!own || b[i]->map == map)
			b[kept++] = b[i];
	n = kept;
	int lines = 0;
	for (size_t i = 0; i < n && lines < max; i++) {
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			seen = seen || b[j]->action == b[i]->action;
		if (seen || b[i]->action == ACT_NONE || keys_alias(b[i]->key))
			continue;
		char name[24];
		keys[lines][0] = '\0';
		for (size_t j = i; j < n; j++)
			if (b[j]->action == b[i]->action && !keys_alias(b[j]->key) &&
			    strlen(keys[lines]) + 12 < 64) {
				if (*keys[lines])
					strcat(keys[lines], " ");
				strcat(keys[lines], keys_name(b[j]->key, name, sizeof name));
			}
		first[lines++] = b[i];
	}
	return lines;
}

const char *keys_key_for(enum keymap map, enum action a, char *buf, size_t n)
{
	const struct binding *b[KEYS_HELP_MAX];
	size_t count = keys_bindings(map, b, KEYS_HELP_MAX);
	for (size_t i = 0; i < count; i++)
		if (b[i]->action == a && !keys_alias(b[i]->key))
			return keys_name(b[i]->key, buf, n);
	snprintf(buf, n, "%s", "");
	return buf;
}

/* ---- key names ---- */

static const struct {
	int key;
	const char *name;
} names[] = {
	{'\n', "Enter"},
	{'\r', "Return"},
	{KEY_FN(KEY_ENTER), "KeyEnter"},
	{KEY_ESC, "Esc"},
	{'\t', "Tab"},
	{KEY_FN(KEY_BTAB), "S-Tab"},
	{' ', "Space"},
	{'<', "lt"},
	{KEY_FN(KEY_UP), "Up"},
	{KEY_FN(KEY_DOWN), "Down"},
	{KEY_FN(KEY_LEFT), "Left"},
	{KEY_FN(KEY_RIGHT), "Right"},
	{KEY_FN(KEY_PPAGE), "PgUp"},
	{KEY_FN(KEY_NPAGE), "PgDn"},
	{KEY_FN(KEY_HOME), "Home"},
	{KEY_FN(KEY_END), "End"},
	{KEY_FN(KEY_BACKSPACE), "Backspace"},
	{127, "BS"},
	{KEY_FN(KEY_DC), "Del"},
	{KEY_FN(KEY_IC), "Insert"},
	{KEY_FN(KEY_RESIZE), "Resize"},
	{KEY_FN(KEY_F(1)), "F1"},
	{KEY_FN(KEY_F(2)), "F2"},
	{KEY_FN(KEY_SLEFT), "Shift-Left"},
	{KEY_FN(KEY_SRIGHT), "Shift-Right"},
	{KEY_FN(KEY_SR), "Shift-Up"},
	{KEY_FN(KEY_SF), "Shift-Down"},
	{KEY_FN(KEY_SHOME), "Shift-Home"},
	{KEY_FN(KEY_SEND), "Shift-End"},
	{KEY_FN(KEY_SDC), "Shift-Del"},
	{KEY_FN(KEY_SIC), "Shift-Insert"},
	{KEY_FN(KEY_SNEXT), "Shift-PgDn"},
	{KEY_FN(KEY_SPREVIOUS), "Shift-PgUp"},
	{KEY_FN(KEY_B2), "the keypad's 5"},
	{KEY_FN(KEY_MOUSE), "the mouse"},
	{KEY_UNKNOWN, "That key"},
};

const char *keys_name(int key, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].key == key) {
			snprintf(buf, n, "%s", names[i].name);
			return buf;
		}
	if (key > 0 && key < 32) {
		snprintf(buf, n, "Ctrl-%c", 'A' + key - 1);
	} else if (key < KEY_FN_BASE) {
		wchar_t w[2] = {(wchar_t)key, 0};
		snprintf(buf, n, "%ls", w);
	} else if (key >= KEY_FN(KEY_F(0)) && key <= KEY_FN(KEY_F(63))) {
		snprintf(buf, n, "F%d", key - KEY_FN(KEY_F(0)));
	} else if (!termkeys_name(key - KEY_FN_BASE, buf, n)) {
		snprintf(buf, n, "That key"); /* none of its names would say more to a person */
	}
	return buf;
}

int keys_parse(const char *name)
{
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strcasecmp(names[i].name, name) == 0)
			return names[i].key;
	if ((strncasecmp(name, "C-", 2) == 0 || strncasecmp(name, "Ctrl-", 5) == 0)) {
		const char *c = strchr(name, '-') + 1;
		if (c[0] && !c[1] && ((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= 'A' && c[0] <= 'Z')))
			return KEY_CTRL(c[0]);
	}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9' &&
	    (!name[2] || (name[2] >= '0' && name[2] <= '2' && !name[3])))
		return KEY_FN(KEY_F(atoi(name + 1)));
	return -1;
}
