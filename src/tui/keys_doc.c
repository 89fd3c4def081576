/* The key reference as Markdown, made from the key table that binds the keys and writes the
 * `?` help: `kith keys` prints it, README carries it, and a test keeps the two the same. */
#include "keys.h"

#include <stdio.h>
#include <string.h>

/* What each keymap is, as a heading. A keymap without one fails test_cli's check of the
 * reference, so a new keymap cannot be left out of it. */
static const char *const titles[KEYMAP_COUNT] = {
	[KEYMAP_GLOBAL] = "Everywhere (outside text entry)",
	[KEYMAP_LIST] = "In lists and details",
	[KEYMAP_RECORDS] = "In every list of records",
	[KEYMAP_PEOPLE] = "People",
	[KEYMAP_GROUPS] = "Groups",
	[KEYMAP_ASSETS] = "Assets",
	[KEYMAP_REFERRALS] = "Referrals",
	[KEYMAP_ACTIVITIES] = "Activities",
	[KEYMAP_ATTEND] = "Recording who came to an activity (a picker that stays open)",
	[KEYMAP_NETWORK] = "Network",
	[KEYMAP_TREE] = "A chain browser or a journey",
	[KEYMAP_AUDIT] = "Audit",
	[KEYMAP_REPORTS] = "Reports",
	[KEYMAP_GATE] = "Logging in and unlocking",
	[KEYMAP_FORM] = "In a form",
	[KEYMAP_EDIT] = "Editing a line of text",
	[KEYMAP_PICKER] = "Choosing from a list (a picker)",
	[KEYMAP_CONFIRM] = "A question",
	[KEYMAP_PROMPT] = "The `:` prompt",
	[KEYMAP_HELP] = "The help box",
	[KEYMAP_DRAFT] = "A draft offered back at login",
	[KEYMAP_PARTNERS] = "Partnerships (r on the Network screen)",
	[KEYMAP_READINESS] = "The readiness self-assessment (R on the Network screen)",
};

/* Text in a table's cell: a | would end the cell. */
static void put_cell(FILE *out, const char *text)
{
	for (; *text; text++) {
		if (*text == '|')
			fputc('\\', out);
		fputc(*text, out);
	}
}

/* A key's name in backticks, each key of several ("j Down") apart. */
static void put_keys(FILE *out, const char *keys)
{
	for (const char *k = keys; *k;) {
		size_t n = strcspn(k, " ");
		fprintf(out, "%s`%.*s`", k == keys ? "" : " ", (int)n,
			n == 1 && *k == '|' ? "\\|" : k);
		k += n;
		k += *k == ' ';
	}
}

static void one_map(FILE *out, enum keymap map)
{
	const struct binding *first[KEYS_HELP_MAX];
	char keys[KEYS_HELP_MAX][64];
	int n = keys_help(map, true, first, keys, KEYS_HELP_MAX);
	if (n == 0)
		return;
	fprintf(out, "\n**%s**\n\n| keys | what they do |\n|---|---|\n",
		titles[map] ? titles[map] : "(a keymap without a title)");
	for (int i = 0; i < n; i++) {
		fputs("| ", out);
		put_keys(out, keys[i]);
		fputs(" | ", out);
		put_cell(out, keys_action_help(first[i]->action));
		fputs(" |\n", out);
	}
}

void keys_markdown(FILE *out)
{
	for (int map = 0; map < KEYMAP_COUNT; map++)
		one_map(out, (enum keymap)map);
}
