/* Actions and key bindings as data. Each action is declared once with a help line; keys are
 * bound to actions per keymap in one table; `?` help and the hint bar are generated from that
 * table, and no screen compares raw key codes. */
#ifndef KITH_KEYS_H
#define KITH_KEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "screens.h"

/* Keys are Unicode code points, or a curses function key shifted past Unicode so that the
 * two never collide (KEY_LEFT is 260, which is also 'Ą'). */
#define KEY_FN_BASE 0x110000
#define KEY_FN(k) (KEY_FN_BASE + (k))
#define KEY_CTRL(c) (0x1f & (c))
#define KEY_ESC 27
/* An escape sequence no terminfo entry or common terminal gives a key for, read whole
 * (termkeys.h); past every key code curses gives out. */
#define KEY_UNKNOWN KEY_FN(0xFFFF)

/* clang-format off */
#define ACTIONS(X) \
	X(NONE, "", "") \
	X(DOWN, "down", "move down") \
	X(UP, "up", "move up") \
	X(PAGE_DOWN, "page-down", "next page") \
	X(PAGE_UP, "page-up", "previous page") \
	X(FIRST, "first", "go to the first") \
	X(LAST, "last", "go to the last") \
	X(OPEN, "open", "open") \
	X(BACK, "back", "go back") \
	X(QUIT, "quit", "quit kith") \
	X(HELP, "help", "show the keys") \
	X(COMMAND, "command", "a command: :venue NAME, :sync, :import, :export, :backup, :quit") \
	X(REDRAW, "redraw", "draw the screen again") \
	X(SEARCH, "search", "search as you type") \
	X(SORT, "sort", "change the order") \
	X(FILTER, "filter", "show only some") \
	X(ADD, "add", "add") \
	X(EDIT, "edit", "edit") \
	X(DELETE, "delete", "delete (asks first)") \
	X(NEXT_SCREEN, "next-screen", "next screen") \
	X(PREV_SCREEN, "prev-screen", "previous screen") \
	X(LOCK, "lock", "lock the screen: your password opens it") \
	X(SWITCH_WORKER, "another-worker", "let another worker log in (an unsaved form is kept " \
	  "as your draft)") \
	X(KEEP, "keep", "keep past the review date, with a reason (coordinators)") \
	X(ERASE, "erase", "erase this person for good, with a reason (coordinators)") \
	X(EXPORT_PERSON, "export", "everything held about them, to a file (coordinators)") \
	X(JOURNEY, "journey", "their journey: every referral in order") \
	X(CHAINS, "journeys", "journeys through it: from where, on to where") \
	X(GOTO, "asset", "open the asset itself") \
	X(FIGURES, "figures", "each figure: what it means, and month by month (again: the assets)") \
	X(PERIOD, "period", "choose the period measured") \
	X(NEIGHBOURHOOD, "neighbourhood", "measure one neighbourhood's assets, or all") \
	X(CATEGORY, "category", "measure one category of assets, or all") \
	X(WRITE_REPORT, "write", "write the report to a file, to keep, send or print") \
	X(REPORT, "report", "choose the report: programme, outcomes, network or readiness") \
	X(WORKER, "worker", "one worker's outputs, or the programme's (coordinators)") \
	X(EXPAND, "expand", "open or close a branch") \
	X(INTO, "into", "open the branch, or go to the first under it") \
	X(COLLAPSE, "collapse", "close the branch, or go up to its parent") \
	X(CONVERSATION, "conversation", "log a learning conversation") \
	X(REFER, "refer", "refer, signpost or introduce") \
	X(JOIN, "join", "join a group, in the role you choose") \
	X(TAG, "tag", "gifts, skills, passions and tags: add, correct or remove") \
	X(WELLBEING, "wellbeing", "their wellbeing: the ONS4 questions and loneliness, a baseline " \
	  "or a follow-up") \
	X(STORY, "story", "a story of theirs: their own words or your account, and whether it " \
	  "may be shared") \
	X(MERGE, "merge", "merge another record of this person into this one (asks first)") \
	X(ADD_MEMBER, "add-member", "add a member, in the role you choose") \
	X(REMOVE_MEMBER, "remove-member", "remove the chosen member (asks first)") \
	X(CHANGE_ROLE, "role", "change the chosen member's role") \
	X(VERIFY, "verify", "mark verified today") \
	X(ADVANCE, "advance", "move to the next status") \
	X(ATTEND, "who-came", "record who came: a few letters and Enter each, the picker stays " \
	  "open") \
	X(UNATTEND, "not-came", "take back that the chosen person came (asks first)") \
	X(ATTEND_ROLE, "came-as", "the chosen person's role: attendee, volunteer or organiser") \
	X(MORE_UNNAMED, "one-more", "one more came who is not recorded by name") \
	X(FEWER_UNNAMED, "one-fewer", "one fewer came who is not recorded by name") \
	X(NEXT_ROLE, "next-role", "those chosen next come as attendee, volunteer or organiser") \
	X(NEW_PERSON, "new-person", "someone not in kith yet: add them, and they came") \
	X(UNDO, "take-back", "take back what u or v just did (audited)") \
	X(SAVE, "save", "save") \
	X(OPEN_MATCH, "open-match", "open the record the form found likely the same, instead") \
	X(CANCEL, "cancel", "cancel, clear the search; in a form, ask before losing typing") \
	X(NEXT_FIELD, "next-field", "next field") \
	X(PREV_FIELD, "prev-field", "previous field") \
	X(CHOOSE, "choose", "choose") \
	X(NEXT_CHOICE, "next-choice", "next choice") \
	X(PREV_CHOICE, "prev-choice", "previous choice") \
	X(YES, "yes", "yes") \
	X(NO, "no", "no") \
	X(LEFT, "left", "cursor left") \
	X(RIGHT, "right", "cursor right") \
	X(HOME, "home", "start of the text") \
	X(END, "end", "end of the text") \
	X(BACKSPACE, "backspace", "delete the character before") \
	X(DELETE_CHAR, "delete-char", "delete the character under the cursor") \
	X(KILL_LINE, "kill-line", "delete to the start") \
	X(KILL_WORD, "kill-word", "delete the word before") \
	X(NEWLINE, "newline", "new line (in notes)") \
	X(REOPEN, "reopen", "open the form again with everything that was typed in it") \
	X(DISCARD, "discard", "discard the draft: what was typed in it is lost (asks first)") \
	X(LATER, "later", "keep the draft: it is offered again at your next login") \
	X(PARTNERSHIPS, "partnerships", "the partnerships between groups and organisations: " \
	  "their figures and register") \
	X(READINESS, "readiness", "the readiness self-assessment: 18 questions in six themes, " \
	  "rated over time") \
	X(ADD_PARTNER, "add-partner", "add a partner to the chosen partnership") \
	X(REMOVE_PARTNER, "remove-partner", "remove a partner from it (asks which)") \
	X(RAISE, "raise", "rate the question a level higher (1 not yet ... 4 established)") \
	X(LOWER, "lower", "rate it a level lower") \
	X(EVIDENCE, "evidence", "type the local evidence for the rating")
/* clang-format on */

/* The actions, and after them one for each screen that switches to it (ACT_PEOPLE). */
/* clang-format off */
enum action {
#define X(name, word, help) ACT_##name,
	ACTIONS(X)
#undef X
#define X(name, ops, word, help) ACT_##name,
	SCREENS(X)
#undef X
	ACT_COUNT
};
/* clang-format on */

/* Keymaps: a screen's own keys are looked up first, then those it falls back to. */
enum keymap {
	KEYMAP_GLOBAL,  /* everywhere outside text entry */
	KEYMAP_LIST,    /* moving in lists and details */
	KEYMAP_RECORDS, /* every list of records */
	KEYMAP_PEOPLE,
	KEYMAP_GROUPS,
	KEYMAP_ASSETS,
	KEYMAP_REFERRALS,
	KEYMAP_ACTIVITIES,
	KEYMAP_ATTEND, /* recording who came: a picker that stays open */
	KEYMAP_NETWORK,
	KEYMAP_TREE, /* a chain browser or a journey */
	KEYMAP_AUDIT,
	KEYMAP_REPORTS,
	KEYMAP_GATE, /* logging in, unlocking, making the first admin */
	KEYMAP_FORM,
	KEYMAP_EDIT, /* editing a line of text */
	KEYMAP_PICKER,
	KEYMAP_CONFIRM,
	KEYMAP_PROMPT,
	KEYMAP_HELP,
	KEYMAP_DRAFT,     /* a form kept as a draft, offered back at login */
	KEYMAP_PARTNERS,  /* the partnerships' register */
	KEYMAP_READINESS, /* the readiness self-assessment */
	KEYMAP_COUNT
};

struct binding {
	enum keymap map;
	int key;
	enum action action;
	bool hint; /* shown in the hint bar */
};

const char *keys_action_word(enum action a);
const char *keys_action_help(enum action a);
/* The action key is bound to in map, following map's fallbacks; ACT_NONE when unbound. */
enum action keys_lookup(enum keymap map, int key);
/* The name of the first key bound to a in map or its fallbacks ("z"), "" when none is.
 * Writes into buf. */
const char *keys_key_for(enum keymap map, enum action a, char *buf, size_t n);
/* The name of a key for people: "a", "Enter", "Ctrl-S", "PgDn". Writes into buf. */
const char *keys_name(int key, char *buf, size_t n);
/* Parses a key name as keys_name writes it, or as a script writes it between < and >
 * ("Enter", "C-s", "Down", "S-Tab"); -1 when unknown. */
int keys_parse(const char *name);
/* Keys bound only because terminals send them for another (Return for Enter, DEL for
 * Backspace): help lists the usual name alone. */
bool keys_alias(int key);
/* The bindings of map and its fallbacks, in table order, for help and the hint bar.
 * Returns how many were written to out (at most max). */
size_t keys_bindings(enum keymap map, const struct binding **out, size_t max);
/* The lines of help for map: each action once, with all its keys but the terminals' aliases
 * ("j Down"), in table order; own: map's own bindings only, not those it falls back to.
 * first[i] gets the line's first binding and keys[i] its keys; returns how many. */
int keys_help(enum keymap map, bool own, const struct binding **first, char keys[][64], int max);
#define KEYS_HELP_MAX 96

/* Every key of the interface, keymap by keymap, as Markdown tables (kith keys; README's
 * key reference is this output). */
void keys_markdown(FILE *out);

#endif
