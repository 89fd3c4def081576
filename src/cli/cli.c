/* The command line's entry: the global options, dispatch through the command table
 * (cli_table.c), the helpers the commands share for opening the database and reporting
 * failures, and init, path and check. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "database.h"
#include "export.h"
#include "file.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"
#include "testhook.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- helpers shared by the command files ---- */

int cli_open_plain(struct cli *c)
{
	if (c->st)
		return CLI_OK;
	struct kerr err;
	if (database_open(c->db_path, &c->st, &err) != K_OK) {
		char *msg = utf8_printable(err.msg);
		fprintf(stderr, "kith: %s\n", msg);
		free(msg);
		return CLI_NO_DB;
	}
	return CLI_OK;
}

int cli_open(struct cli *c)
{
	int rc = cli_open_plain(c);
	return rc == CLI_OK ? cli_login(c) : rc;
}

int cli_fail(struct cli *c, const struct kerr *err)
{
	char *msg = utf8_printable(err->msg);
	fprintf(stderr, "kith: %s: %s\n", c->command, msg);
	free(msg);
	switch (err->status) {
	case K_BUSY:
	case K_READONLY:
	case K_CORRUPT:
	case K_NEWER:
	case K_NOT_KITH:
	case K_UNSAFE:
	case K_IO:
	case K_DB:
		return CLI_NO_DB;
	default:
		return CLI_REFUSED;
	}
}

int cli_usage(struct cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "kith: %s%s", c->command ? c->command : "", c->command ? ": " : "");
	char *msg = NULL;
	{
		va_list aq;
		va_copy(aq, ap);
		int n = vsnprintf(NULL, 0, fmt, aq);
		va_end(aq);
		msg = xmalloc((size_t)n + 1);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	}
	va_end(ap);
	char *safe = utf8_printable(msg);
	const char *name = c->command ? c->command : "";
	int n = (int)strcspn(name, " ");
	/* before a command, the message and where to look share a line, as they always did */
	fprintf(stderr, "%s%s(see kith %.*s%s--help)\n", safe, c->command ? "\n" : " ", n, name,
		n ? " " : "");
	free(safe);
	free(msg);
	return CLI_USAGE;
}

void cli_print_safe(const char *text)
{
	char *safe = utf8_printable(text ? text : "");
	fputs(safe, stdout);
	free(safe);
}

void cli_print_cell(const char *text, int cols)
{
	char *safe = utf8_printable(text ? text : "");
	int used;
	size_t n = utf8_fit(safe, cols, &used);
	fwrite(safe, 1, n, stdout);
	for (; used < cols; used++)
		putchar(' ');
	free(safe);
}

int cli_finish_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "kith: cannot write the output\n");
		return CLI_REFUSED;
	}
	return CLI_OK;
}

/* ---- the commands of the database itself ---- */

int cli_init(struct cli *c)
{
	int rc = cli_open_plain(c);
	if (rc != CLI_OK)
		return rc;
	printf("%s: ready (schema %d)\n", store_path(c->st), SCHEMA_VERSION);
	return cli_finish_output();
}

int cli_check(struct cli *c)
{
	int rc = cli_open(c); /* what it puts back is written down, by whoever asked */
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	char *restored = NULL;
	if (store_check(c->st, &err) != K_OK || schema_repair(c->st, &restored, &err) != K_OK)
		return cli_fail(c, &err);
	store_sweep(c->st);
	if (*restored) /* taken away outside kith: the audit trail may have been changed since */
		printf("%s: put back what was removed outside kith: %s\n", store_path(c->st),
		       restored);
	printf("%s: ok\n", store_path(c->st));
	free(restored);
	return cli_finish_output();
}

int cli_keys(struct cli *c)
{
	c->interface->keys(stdout);
	return cli_finish_output();
}

int cli_path(struct cli *c)
{
	char *path = NULL;
	if (c->db_path) {
		path = xstrdup(c->db_path);
	} else {
		struct kerr err;
		if (store_default_path(&path, &err) != K_OK)
			return cli_fail(c, &err);
	}
	printf("%s\n", path);
	free(path);
	return cli_finish_output();
}

static bool wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

/* The row of command name that word (NULL when none is given) names: the verb it is, else
 * the row whose words follow the name, else, when no word is given, the default verb. *took
 * says whether word was the verb. NULL when there is none. */
static const struct cli_command *find_row(const char *name, const struct entity_def *def,
					  const char *word, bool *took)
{
	const struct cli_command *fallback = NULL;
	*took = false;
	for (const struct cli_command *row = cli_commands; row->run; row++) {
		if (!cli_row_of(row, name, def))
			continue;
		if (row->verb && word && strcmp(row->verb, word) == 0) {
			*took = true;
			return row;
		}
		if (!fallback && (!row->verb || (!word && (row->flags & CLI_DEFAULT))))
			fallback = row;
	}
	return fallback;
}

static bool known(const char *name, const struct entity_def *def)
{
	for (const struct cli_command *row = cli_commands; row->run; row++)
		if (cli_row_of(row, name, def))
			return true;
	return false;
}

/* A word the command does not take, or none where it needs one. */
static int no_verb(struct cli *c, const char *name, const char *word)
{
	struct strbuf sb = STRBUF_INIT;
	cli_verbs(&sb, name, c->def);
	int rc = word ? cli_usage(c, "unknown command '%s %s': %s has %s", name, word, name,
				  strbuf_str(&sb))
		      : cli_usage(c, "%s has %s", name, strbuf_str(&sb));
	strbuf_free(&sb);
	return rc;
}

/* --user and --password-fd, given before the command or among its words. */
static int login_options(struct cli *c)
{
	c->user = cli_global(c, "user");
	const char *fd = cli_global(c, "password-fd");
	/* now that --db is known: the descriptor may be the database */
	return fd ? cli_password_fd(c, "--password-fd", fd, &c->password_fd) : CLI_OK;
}

/* Reads the words of row (argv[0] the first after the command's words) and runs it. */
static int run_row(struct cli *c, int argc, char **argv)
{
	int rc = cli_read(c, argc, argv);
	if (rc == CLI_OK && c->row->choices &&
	    (c->argc == 0 || (c->choice = export_parse(c->row->choices, c->argv[0])) < 0))
		rc = no_verb(c, c->row->name, c->argc ? c->argv[0] : NULL);
	if (rc == CLI_OK)
		rc = login_options(c);
	if (rc == CLI_OK)
		rc = c->row->run(c);
	cli_read_free(c);
	return rc;
}

/* argv[0] is the command's name. */
static int dispatch(struct cli *c, int argc, char **argv)
{
	const char *name = argv[0];
	bool took;
	c->def = cli_entity_of(name);
	c->command = name;
	if (!known(name, c->def)) {
		fprintf(stderr, "kith: unknown command '%s' (see kith --help)\n", name);
		return CLI_USAGE;
	}
	if (wants_help(argc - 1, argv + 1) || (c->def && argc == 1)) {
		cli_help_command(name, c->def);
		return argc == 1 ? CLI_USAGE : cli_finish_output();
	}
	c->row = find_row(name, c->def, argc > 1 ? argv[1] : NULL, &took);
	if (!c->row)
		return no_verb(c, name, argc > 1 ? argv[1] : NULL);
	char *words = took ? xasprintf("%s %s", name, argv[1]) : NULL;
	if (words)
		c->command = words;
	int rc = run_row(c, argc - 1 - took, argv + 1 + took);
	c->command = name;
	free(words);
	return rc;
}

static int interface_on(struct cli *c, const struct cli_interface *interface, const char *script,
			const char *size)
{
	int rc = cli_open_plain(c); /* the interface asks who is there itself */
	if (rc != CLI_OK)
		return rc;
	rc = interface->run(c->st, script, size);
	store_close(c->st);
	c->st = NULL;
	return rc;
}

int cli_password_fd(struct cli *c, const char *option, const char *value, int *fd)
{
	char *end;
	errno = 0;
	long n = strtol(value, &end, 10);
	const char *why = NULL;
	struct kerr err;
	if (errno || end == value || *end || n < 0 || n > INT_MAX) {
		why = "is not a file descriptor's number";
	} else {
		char *db = NULL;
		if (c->db_path)
			db = xstrdup(c->db_path);
		else if (store_default_path(&db, &err) != K_OK)
			db = NULL;
		/* checked before the database is opened: sqlite would be handed a closed number,
		 * and the password read from the database file itself */
		if (file_check_fd((int)n, db, &err) != K_OK)
			why = err.msg;
		free(db);
	}
	if (!why) {
		*fd = (int)n;
		return CLI_OK;
	}
	char *safe = utf8_printable(value);
	fprintf(stderr,
		"kith: %s%s%s %s: %s; give the password on a file or pipe of its own, "
		"as in %s 3 3< FILE\n",
		c->command ? c->command : "", c->command ? ": " : "", option, safe, why, option);
	free(safe);
	return CLI_USAGE;
}

/* The global options before the command (--db, --demo, ...), into c->global. */
static int global_options(struct cli *c, int argc, char **argv, int *i)
{
	while (*i < argc && argv[*i][0] == '-') {
		const char *arg = strcmp(argv[*i], "-h") == 0 ? "--help" : argv[*i];
		int k = strncmp(arg, "--", 2) == 0 && arg[2]
				? cli_option_at(cli_global_options, arg)
				: -1;
		if (k < 0)
			return cli_usage(c, "unknown option '%s'", arg);
		if (arg != argv[*i]) { /* -h */
			c->global[k] = "";
			(*i)++;
			continue;
		}
		int rc = cli_take_option(c, &cli_global_options[k], argc, argv, i, &c->global[k]);
		if (rc != CLI_OK)
			return rc;
	}
	return CLI_OK;
}

static int version(void)
{
	printf("kith %s (schema %d)%s\n", KITH_VERSION, SCHEMA_VERSION,
	       testhook_build() ? ", a test build: it honours KITH_TODAY, KITH_CLOCK_SHIFT, "
				  "KITH_PASSWORD_COST and KITH_EXACT_WORK"
				: "");
	return cli_finish_output();
}

int cli_main(int argc, char **argv, const struct cli_interface *interface)
{
	struct cli c = {0};
	c.interface = interface;
	c.password_fd = -1;
	if (sodium_init() < 0) {
		fprintf(stderr, "kith: libsodium could not start\n");
		return CLI_BUG;
	}
	int i = 1, rc = global_options(&c, argc, argv, &i);
	if (rc != CLI_OK)
		return rc;
	if (cli_global(&c, "help")) {
		cli_help();
		return cli_finish_output();
	}
	if (cli_global(&c, "version"))
		return version();
	char *demo_path = NULL;
	c.db_path = cli_global(&c, "db");
	if (c.db_path && cli_global(&c, "demo"))
		return cli_usage(&c, "give --db PATH or --demo, not both");
	if (cli_global(&c, "demo")) {
		char *dir = store_data_dir();
		c.db_path = demo_path = xasprintf("%s/demo.db", dir);
		free(dir);
	}
	if (i == argc) {
		rc = login_options(&c);
		c.command = "interface";
		if (rc == CLI_OK)
			rc = interface_on(&c, interface, cli_global(&c, "script"),
					  cli_global(&c, "size"));
	} else {
		rc = dispatch(&c, argc - i, argv + i);
		store_close(c.st);
	}
	free(demo_path);
	return rc;
}
