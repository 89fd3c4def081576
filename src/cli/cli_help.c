/* Help made from the command table: kith --help lists every command with its synopsis and
 * what it is for, and the global options; kith COMMAND --help each of its verbs with what
 * each option means (and an entity's fields, from the entity's description). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"
#include "strbuf.h"
#include "xalloc.h"

#define WIDTH 90   /* synopses wrap before this column */
#define WHAT_AT 28 /* where what a command is for starts */
#define HELP_AT 33 /* where what an option means starts, as for an entity's fields */
#define GLOBAL_AT 15

/* Text written line by line, wrapped between tokens. */
struct lines {
	struct strbuf *out;
	size_t line;   /* where the current line starts in out */
	size_t indent; /* continuation lines start here */
};

static size_t column(const struct lines *l)
{
	return l->out->len - l->line;
}

static void newline(struct lines *l, size_t indent)
{
	strbuf_putc(l->out, '\n');
	l->line = l->out->len;
	strbuf_printf(l->out, "%*s", (int)indent, "");
}

static void token(struct lines *l, const char *text)
{
	if (column(l) > l->indent && column(l) + 1 + strlen(text) > WIDTH)
		newline(l, l->indent);
	else
		strbuf_putc(l->out, ' ');
	strbuf_puts(l->out, text);
}

/* text from the current column, wrapped between words, its lines after the first starting
 * at column at (and where text says so, at a newline). */
static void wrapped(struct lines *l, const char *text, size_t at)
{
	bool first = true; /* of a line: no space before it */
	l->indent = at;
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " \n");
		if (n) {
			char *word = xstrndup(p, n);
			if (first)
				strbuf_puts(l->out, word);
			else
				token(l, word);
			free(word);
			first = false;
		}
		if (p[n] == '\n') {
			newline(l, at);
			first = true;
		}
		p += n + (p[n] != '\0');
	}
}

/* Pads to column at, or starts a line there when the line is already past it. */
static void to_column(struct lines *l, size_t at)
{
	if (column(l) + 2 > at)
		newline(l, at);
	else
		strbuf_printf(l->out, "%*s", (int)(at - column(l)), "");
}

static void value_word(struct strbuf *sb, const struct cli_option *o)
{
	if (o->choices)
		strbuf_join(sb, o->choices, "|", "|");
	else
		strbuf_puts(sb, o->value);
}

/* "[--name VALUE]", or "--name VALUE" for one the command needs. */
static void option_token(struct lines *l, const struct cli_option *o)
{
	struct strbuf t = STRBUF_INIT;
	bool optional = !(o->flags & CLI_REQUIRED);
	strbuf_printf(&t, "%s--%s", optional ? "[" : "", o->name);
	if (o->value) {
		strbuf_putc(&t, ' ');
		value_word(&t, o);
	}
	if (optional)
		strbuf_putc(&t, ']');
	token(l, strbuf_str(&t));
	strbuf_free(&t);
}

/* head, then the row's words and options. */
static void synopsis(struct lines *l, const char *head, const struct cli_command *row)
{
	l->line = l->out->len;
	l->indent = strlen(head) + 1;
	strbuf_puts(l->out, head);
	if (row->choices) {
		struct strbuf t = STRBUF_INIT;
		strbuf_join(&t, row->choices, "|", "|");
		token(l, strbuf_str(&t));
		strbuf_free(&t);
	}
	if (row->words)
		token(l, row->words);
	if (row->flags & CLI_SET_FIELDS)
		token(l, "[--FIELD VALUE ...]");
	if (row->flags & CLI_CHANGE_FIELDS)
		token(l, "--FIELD VALUE ...");
	if (row->flags & CLI_MATCH_FIELDS)
		token(l, "[--FIELD VALUE]");
	for (const struct cli_option *o = row->options; o && o->name; o++)
		if (o->help)
			option_token(l, o);
}

/* "  --name VALUE    what it means". */
static void option_line(struct lines *l, const struct cli_option *o, size_t at)
{
	l->line = l->out->len;
	strbuf_printf(l->out, "  --%s", o->name);
	if (o->value) {
		strbuf_putc(l->out, ' ');
		value_word(l->out, o);
	}
	to_column(l, at);
	wrapped(l, o->help, at);
	strbuf_putc(l->out, '\n');
}

/* "person|asset|...": the entities that are commands, as the entity table has them. */
static void entity_names(struct strbuf *sb)
{
	const char *names[ENTITY_COUNT + 1];
	int n = 0;
	for (int k = 0; k < ENTITY_COUNT; k++)
		if (cli_entity_of(entity_get((enum entity_kind)k)->name))
			names[n++] = entity_get((enum entity_kind)k)->name;
	names[n] = NULL;
	strbuf_join(sb, names, "|", "|");
}

static void command_line(struct lines *l, const struct cli_command *row)
{
	char *head = row->name ? xasprintf("  %s%s%s", row->name, row->verb ? " " : "",
					   row->verb ? row->verb : "")
			       : xasprintf("    %s", row->verb);
	size_t start = l->out->len;
	synopsis(l, head, row);
	free(head);
	if (l->line != start) /* a synopsis of several lines: what it is for under them */
		newline(l, WHAT_AT);
	else
		to_column(l, WHAT_AT);
	wrapped(l, row->what, WHAT_AT);
	strbuf_putc(l->out, '\n');
}

void cli_help(void)
{
	struct strbuf out = STRBUF_INIT;
	struct lines l = {&out, 0, 0};
	bool entities = false;
	strbuf_puts(&out, "usage: kith [--db PATH] [COMMAND ...]\n\n"
			  "With no command, kith opens its interface on the database.\n\n"
			  "commands:\n");
	for (const struct cli_command *row = cli_commands; row->run; row++) {
		if (!row->name && !entities) {
			strbuf_puts(&out, "  ");
			entity_names(&out);
			strbuf_puts(&out, "\n");
			entities = true;
		}
		command_line(&l, row);
	}
	strbuf_puts(&out,
		    "\nAn ID may be a whole id, its first few characters, or a name.\n"
		    "A file to write is never put over one already there unless --force is "
		    "given,\nnor ever over the database or the files sqlite keeps beside it.\n"
		    "kith COMMAND --help tells what its options mean, and lists an entity's "
		    "fields.\n\noptions:\n");
	for (const struct cli_option *o = cli_global_options; o->name; o++)
		if (o->help)
			option_line(&l, o, GLOBAL_AT);
	fputs(strbuf_str(&out), stdout);
	strbuf_free(&out);
}

void cli_help_command(const char *name, const struct entity_def *def)
{
	struct strbuf out = STRBUF_INIT;
	struct lines l = {&out, 0, 0};
	const char *lead = "usage:";
	for (const struct cli_command *row = cli_commands; row->run; row++) {
		if (!cli_row_of(row, name, def))
			continue;
		char *head = xasprintf("%-6s kith %s%s%s", lead, name, row->verb ? " " : "",
				       row->verb ? row->verb : "");
		synopsis(&l, head, row);
		strbuf_putc(&out, '\n');
		free(head);
		lead = "";
	}
	lead = "\n";
	for (const struct cli_command *row = cli_commands; row->run; row++) {
		if (!cli_row_of(row, name, def))
			continue;
		strbuf_printf(&out, "%skith %s%s%s: ", lead, name, row->verb ? " " : "",
			      row->verb ? row->verb : "");
		lead = "";
		l.line = out.len;
		wrapped(&l, row->what, 2);
		strbuf_putc(&out, '\n');
		for (const struct cli_option *o = row->options; o && o->name; o++)
			if (o->help)
				option_line(&l, o, HELP_AT);
	}
	fputs(strbuf_str(&out), stdout);
	strbuf_free(&out);
	if (def)
		cli_entity_help(def);
}

void cli_verbs(struct strbuf *sb, const char *name, const struct entity_def *def)
{
	const char *words[64];
	int n = 0;
	for (const struct cli_command *row = cli_commands; row->run; row++) {
		if (!cli_row_of(row, name, def))
			continue;
		for (const char *const *w = row->choices; w && *w && n < 62; w++)
			words[n++] = *w;
		if (row->verb && n < 62)
			words[n++] = row->verb;
	}
	words[n] = NULL;
	strbuf_join(sb, words, ", ", " and ");
}
