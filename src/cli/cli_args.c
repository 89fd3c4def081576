/* Reading a command's words against its row of the command table: each option by its name,
 * with a value or as a flag as the table says, the global options that may stand anywhere,
 * an entity's --FIELD VALUE, and the words among them. Handlers then look options up by name
 * (cli_value), so that no command walks argv itself. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "export.h"
#include "strbuf.h"
#include "xalloc.h"

const struct entity_def *cli_entity_of(const char *word)
{
	const struct entity_def *def = entity_by_name(word);
	/* accounts have kith user; the audit trail is kith's own (kith audit) */
	return def && !def->read_only && def->kind != ENTITY_WORKER ? def : NULL;
}

bool cli_row_of(const struct cli_command *row, const char *name, const struct entity_def *def)
{
	if (row->name)
		return strcmp(row->name, name) == 0;
	if (!def)
		return false;
	/* an entity's own row for a verb (person add) replaces every entity's */
	for (const struct cli_command *own = cli_commands; own->run; own++)
		if (own->name && own->verb && row->verb && strcmp(own->name, name) == 0 &&
		    strcmp(own->verb, row->verb) == 0)
			return false;
	return true;
}

/* The option called name (its first n bytes) in options, or -1. */
static int find(const struct cli_option *options, const char *name, size_t n)
{
	for (int k = 0; options && options[k].name; k++)
		if (strlen(options[k].name) == n && strncmp(options[k].name, name, n) == 0)
			return k;
	return -1;
}

/* The value of --name at argv[*i]: after its '=' (eq), else the next word. */
static int take_value(struct cli *c, int argc, char **argv, int *i, const char *eq,
		      const char **value)
{
	if (eq) {
		*value = eq + 1;
		*i += 1;
		return CLI_OK;
	}
	if (*i + 1 >= argc)
		return cli_usage(c, "%s needs a value", argv[*i]);
	*value = argv[*i + 1];
	*i += 2;
	return CLI_OK;
}

static int not_a_choice(struct cli *c, const struct cli_option *o)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_join(&sb, o->choices, ", ", " or ");
	int rc = cli_usage(c, "--%s is %s", o->name, strbuf_str(&sb));
	strbuf_free(&sb);
	return rc;
}

int cli_option_at(const struct cli_option *options, const char *arg)
{
	return find(options, arg + 2, strcspn(arg + 2, "="));
}

int cli_take_option(struct cli *c, const struct cli_option *o, int argc, char **argv, int *i,
		    const char **value)
{
	const char *eq = strchr(argv[*i], '=');
	if (!o->value && eq)
		return cli_usage(c, "--%s is a flag: it takes no value", o->name);
	if (!o->value) {
		*value = "";
		*i += 1;
		return CLI_OK;
	}
	int rc = take_value(c, argc, argv, i, eq, value);
	/* the choices are core's own lists of names, read as core reads them */
	if (rc == CLI_OK && o->choices && export_parse(o->choices, *value) < 0)
		rc = not_a_choice(c, o);
	return rc;
}

/* --FIELD VALUE for an entity's command: the field's name with dashes. */
static int take_field(struct cli *c, int argc, char **argv, int *i)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '=');
	int n = (int)strcspn(name, "=");
	char *column = xstrndup(name, (size_t)n);
	for (char *p = column; *p; p++)
		if (*p == '-')
			*p = '_';
	int f = entity_field(c->def, column);
	free(column);
	if ((c->row->flags & CLI_MATCH_FIELDS) && f < 0)
		return cli_usage(c, "unknown option --%.*s", n, name);
	if (!(c->row->flags & CLI_MATCH_FIELDS) &&
	    (f < 0 || (c->def->fields[f].flags & FIELD_AUTO)))
		return cli_usage(c, "%s have no field --%.*s%s", c->def->plural, n, name,
				 f >= 0 ? " that can be set (kith sets it)" : "");
	const char *value = NULL;
	int rc = take_value(c, argc, argv, i, eq, &value);
	if (rc == CLI_OK)
		c->field[c->nfield++] = (struct cli_field){f, value};
	return rc;
}

/* The option at argv[*i]: the command's own, a global one that may stand anywhere, or a
 * field. */
static int take(struct cli *c, int argc, char **argv, int *i)
{
	int k = cli_option_at(c->row->options, argv[*i]);
	if (k >= 0)
		return cli_take_option(c, &c->row->options[k], argc, argv, i, &c->value[k]);
	k = cli_option_at(cli_global_options, argv[*i]);
	if (k >= 0 && (cli_global_options[k].flags & CLI_ANYWHERE))
		return cli_take_option(c, &cli_global_options[k], argc, argv, i, &c->global[k]);
	if (c->row->flags & (CLI_SET_FIELDS | CLI_CHANGE_FIELDS | CLI_MATCH_FIELDS))
		return take_field(c, argc, argv, i);
	return cli_usage(c, "unknown option --%.*s", (int)strcspn(argv[*i] + 2, "="), argv[*i] + 2);
}

static int count(const struct cli_option *options)
{
	int n = 0;
	while (options && options[n].name)
		n++;
	return n;
}

/* How many words the row takes beside its verb: its choice, and each of its words. */
static int most_words(const struct cli_command *row)
{
	int n = row->choices ? 1 : 0;
	for (const char *w = row->words; w && *w; w += strcspn(w, " "), w += strspn(w, " "))
		n++;
	return n;
}

/* What the options read cannot say alone: too many words, an option or field needed. */
static int check(struct cli *c)
{
	const struct cli_command *row = c->row;
	int most = most_words(row);
	if (c->argc > most && (row->flags & CLI_SECRET_IN)) /* never echoed: it holds a password */
		return cli_usage(c,
				 "the connection string is not taken as a word: everyone on this "
				 "machine sees a command's words (ps) and the shell keeps them; "
				 "give it on standard input (kith %s < FILE) or with --from FILE",
				 c->command);
	if (c->argc > most)
		return cli_usage(c, "unexpected '%s'%s", c->argv[most],
				 row->options || row->flags ? ": options are given as --NAME VALUE"
							    : "");
	for (int k = 0; row->options && row->options[k].name; k++) {
		const struct cli_option *o = &row->options[k];
		if ((o->flags & CLI_REQUIRED) && !c->value[k])
			return cli_usage(c, "give --%s %s: %s", o->name, o->value, o->help);
	}
	if ((row->flags & CLI_CHANGE_FIELDS) && c->nfield == 0)
		return cli_usage(c, "nothing to change: give --FIELD VALUE");
	return CLI_OK;
}

int cli_read(struct cli *c, int argc, char **argv)
{
	if (count(c->row->options) > CLI_OPTIONS_MAX || count(cli_global_options) > CLI_OPTIONS_MAX)
		die("%s has more options than CLI_OPTIONS_MAX", c->command);
	c->argv = xcalloc((size_t)argc + 1, sizeof *c->argv);
	c->field = xcalloc((size_t)argc + 1, sizeof *c->field); /* never more than the words */
	c->argc = c->nfield = 0;
	for (int i = 0; i < argc;) {
		int rc = CLI_OK;
		if (strncmp(argv[i], "--", 2) == 0 && argv[i][2])
			rc = take(c, argc, argv, &i);
		else
			c->argv[c->argc++] = argv[i++];
		if (rc != CLI_OK)
			return rc;
	}
	return check(c);
}

void cli_read_free(struct cli *c)
{
	free(c->argv);
	free(c->field);
	c->argv = NULL;
	c->field = NULL;
	c->argc = c->nfield = 0;
}

/* The index of name among the row's options; a name the table does not give is a bug. */
static int option_index(const struct cli *c, const char *name)
{
	int k = find(c->row->options, name, strlen(name));
	if (k < 0)
		die("%s has no option --%s in the command table", c->command, name);
	return k;
}

const char *cli_value(const struct cli *c, const char *name)
{
	return c->value[option_index(c, name)];
}

bool cli_flag(const struct cli *c, const char *name)
{
	return cli_value(c, name) != NULL;
}

const char *cli_global(const struct cli *c, const char *name)
{
	int k = find(cli_global_options, name, strlen(name));
	if (k < 0)
		die("there is no global option --%s in the command table", name);
	return c->global[k];
}

int cli_date(struct cli *c, const char *name, char out[DATE_LEN])
{
	struct kerr err;
	const char *v = cli_value(c, name);
	char *flag = xasprintf("--%s", name);
	int status = v ? date_parse(v, out, flag, &err) : K_OK;
	free(flag);
	return status == K_OK ? CLI_OK : cli_usage(c, "%s", err.msg);
}

int cli_choice(const struct cli *c, const char *name, int otherwise)
{
	int k = option_index(c, name);
	return c->value[k] ? export_parse(c->row->options[k].choices, c->value[k]) : otherwise;
}
