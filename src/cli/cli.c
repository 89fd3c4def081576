/* The command line's entry: global options, dispatch to commands, help, and the shared
 * helpers for opening the database and reporting failures. */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "database.h"
#include "entity.h"
#include "file.h"
#include "schema.h"
#include "store.h"
#include "testhook.h"
#include "utf8.h"
#include "xalloc.h"

static const char *const entity_commands[] = {"person",    "asset",     "group",
					      "referral",  "conversation", "activity",
					      "wellbeing", "tag",       NULL};

static void usage_text(FILE *out)
{
	fputs("usage: kith [--db PATH] [COMMAND ...]\n"
	      "\n"
	      "With no command, kith opens its interface on the database.\n"
	      "\n"
	      "commands:\n"
	      "  init                      create the database if needed and check it\n"
	      "  path                      print where the database is\n"
	      "  check                     check the whole database and its search indexes\n"
	      "  demo [--seed N] [--people N] [--assets N] [--referrals N]\n"
	      "                            fill an empty database with a believable community\n"
	      "  person|asset|group|referral|conversation|activity|wellbeing|tag\n"
	      "      add [--FIELD VALUE ...]    add a record and print its id\n"
	      "      list [--search TEXT] [--sort ORDER] [--filter NAME] [--FIELD VALUE]\n"
	      "           [--limit N] [--json]  list records\n"
	      "      show ID [--json]           show one record\n"
	      "      edit ID --FIELD VALUE ...  change fields of a record\n"
	      "      delete ID                  delete a record (kept as a tombstone)\n"
	      "  group join GROUP PERSON [--role ROLE] [--since DATE]\n"
	      "  group leave GROUP PERSON\n"
	      "  group members GROUP [--json]\n"
	      "  person tag PERSON KIND NAME   add a gift, skill, passion, interest or topic\n"
	      "  person list --filter review   who is due for review\n"
	      "  person keep PERSON --reason TEXT [--until DATE]\n"
	      "  person erase PERSON --reason TEXT\n"
	      "  person export PERSON --out FILE [--force]\n"
	      "                            keep past review, erase, subject access (coordinators)\n"
	      "  activity attend ACTIVITY PERSON [--role ROLE]\n"
	      "  graph report [--since DATE] [--until DATE] [--neighbourhood N] [--category C]\n"
	      "               [--exact] [--top N] [--json]\n"
	      "                            how well the assets are connected by referrals\n"
	      "  graph chain --person ID | --asset ID [--depth N] [--top N] [--json]\n"
	      "                            a person's journey; the journeys through an asset\n"
	      "  graph export [--format graphml|dot|csv|edgelist] [--out FILE] [--force]\n"
	      "                            the network for Gephi (GraphML) or Graphviz (DOT)\n"
	      ,
	      out);
	fputs("  draft list [--json] | draft discard ID\n"
	      "                            your own unsaved forms, kept when kith had to stop\n"
	      "  user add NAME --role worker|coordinator|admin [--name TEXT]\n"
	      "  user list|disable|enable|passwd NAME | role NAME ROLE | calibrate\n"
	      "                            accounts (admins; anyone their own password)\n"
	      "  audit [--person ID] [--worker NAME] [--since DATE] [--limit N] [--json]\n"
	      "  audit verify              who did what, newest first; check nothing was changed\n"
	      "  import people|assets|groups|memberships|referrals FILE [--dry-run]\n"
	      "         [--keep-duplicates] [--again]\n"
	      "                            a CSV file, all of it or none; --dry-run only checks\n"
	      "                            (coordinators)\n"
	      "  import hsds DIR [--dry-run] an Open Referral package, into assets\n"
	      "  export people|assets|groups|referrals|conversations [--format csv|json]\n"
	      "         [--out FILE] [--force]\n"
	      "                            every record, for a spreadsheet (coordinators)\n"
	      "  export hsds DIR [--force] the community assets as Open Referral (HSDS 3.0)\n"
	      "  backup [--out FILE] [--force]\n"
	      "                            a checked copy, safe while kith runs (coordinators)\n"
	      "  restore FILE              put a backup back, keeping what it replaces (admins)\n"
	      "  setting list | set KEY VALUE\n"
	      "                            retention_months, lock_minutes, backups_kept (admins)\n"
	      "\n"
	      "An ID may be a whole id, its first few characters, or a name.\n"
	      "A file to write is never put over one already there unless --force is given,\n"
	      "nor ever over the database or the files sqlite keeps beside it.\n"
	      "kith COMMAND --help lists a command's fields.\n"
	      "\n"
	      "options:\n"
	      "  --db PATH    the database file (default $KITH_DB, else\n"
	      "               $XDG_DATA_HOME/kith/kith.db, else ~/.local/share/kith/kith.db)\n"
	      "  --demo       the demo database, demo.db beside the default one\n"
	      "  --user NAME  log in (once the database has accounts); the password is asked\n"
	      "               for on the terminal\n"
	      "  --password-fd N\n"
	      "               read the password from file descriptor N instead (for scripts;\n"
	      "               it must be open and readable, and not the database)\n"
	      "  --new-password-fd N\n"
	      "               user add and passwd: the new password from N\n"
	      "  --help       this text\n"
	      "  --version    kith's version\n",
	      out);
}

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
	fprintf(stderr, "kith: %s: ", c->command);
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
	fprintf(stderr, "%s\n", safe);
	free(safe);
	free(msg);
	const char *space = strchr(c->command, ' ');
	fprintf(stderr, "(see kith %.*s --help)\n",
		(int)(space ? (size_t)(space - c->command) : strlen(c->command)), c->command);
	return CLI_USAGE;
}

int cli_next_option(struct cli *c, int *i, char **name, const char **value)
{
	const char *arg = c->argv[*i];
	if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
		return cli_usage(c, "unexpected '%s': options are given as --NAME VALUE", arg);
	const char *eq = strchr(arg, '=');
	if (eq) {
		*name = xstrndup(arg + 2, (size_t)(eq - arg - 2));
		*value = eq + 1;
		(*i)++;
		return CLI_OK;
	}
	if (*i + 1 >= c->argc)
		return cli_usage(c, "%s needs a value", arg);
	*name = xstrdup(arg + 2);
	*value = c->argv[*i + 1];
	*i += 2;
	return CLI_OK;
}

bool cli_flag(struct cli *c, int i, const char *name)
{
	return strncmp(c->argv[i], "--", 2) == 0 && strcmp(c->argv[i] + 2, name) == 0;
}

bool cli_take_flag(struct cli *c, const char *name)
{
	bool found = false;
	int out = 0;
	for (int i = 0; i < c->argc; i++) {
		if (cli_flag(c, i, name))
			found = true;
		else
			c->argv[out++] = c->argv[i];
	}
	c->argc = out;
	return found;
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

/* ---- commands without an entity ---- */

static int cmd_init(struct cli *c)
{
	int rc = cli_open_plain(c);
	if (rc != CLI_OK)
		return rc;
	printf("%s: ready (schema %d)\n", store_path(c->st), SCHEMA_VERSION);
	return cli_finish_output();
}

static int cmd_check(struct cli *c)
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

static int cmd_path(struct cli *c)
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

static bool wants_help(struct cli *c)
{
	for (int i = 0; i < c->argc; i++)
		if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0)
			return true;
	return false;
}

static int dispatch(struct cli *c, const char *word)
{
	const struct entity_def *def = NULL;
	for (int k = 0; entity_commands[k]; k++)
		if (strcmp(entity_commands[k], word) == 0)
			def = entity_by_name(word);
	if (def) {
		if (c->argc == 0 || wants_help(c)) {
			cli_entity_help(def);
			return c->argc == 0 ? CLI_USAGE : cli_finish_output();
		}
		return cli_entity(c, def);
	}
	if (wants_help(c)) {
		usage_text(stdout);
		return cli_finish_output();
	}

	if (strcmp(word, "init") == 0)
		return cmd_init(c);
	if (strcmp(word, "path") == 0)
		return cmd_path(c);
	if (strcmp(word, "check") == 0)
		return cmd_check(c);
	if (strcmp(word, "demo") == 0)
		return cli_demo(c);
	if (strcmp(word, "draft") == 0)
		return cli_draft(c);
	if (strcmp(word, "graph") == 0)
		return cli_graph(c);
	if (strcmp(word, "user") == 0)
		return cli_user(c);
	if (strcmp(word, "audit") == 0)
		return cli_audit(c);
	if (strcmp(word, "setting") == 0)
		return cli_setting(c);
	if (strcmp(word, "import") == 0)
		return cli_import(c);
	if (strcmp(word, "export") == 0)
		return cli_export(c);
	if (strcmp(word, "backup") == 0)
		return cli_backup(c);
	if (strcmp(word, "restore") == 0)
		return cli_restore(c);
	fprintf(stderr, "kith: unknown command '%s' (see kith --help)\n", word);
	return CLI_USAGE;
}

static int interface_on(struct cli *c, cli_interface interface, const char *script,
			const char *size)
{
	int rc = cli_open_plain(c); /* the interface asks who is there itself */
	if (rc != CLI_OK)
		return rc;
	rc = interface(c->st, script, size);
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
	fprintf(stderr, "kith: %s%s%s %s: %s; give the password on a file or pipe of its own, "
			"as in %s 3 3< FILE\n",
		c->command ? c->command : "", c->command ? ": " : "", option, safe, why, option);
	free(safe);
	return CLI_USAGE;
}

/* --user and --password-fd may stand anywhere: they are taken out before the command reads
 * its own options. Returns false on a usage error. */
static bool take_login_options(struct cli *c, int *argc, char **argv)
{
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		bool user = strcmp(argv[i], "--user") == 0, fd = strcmp(argv[i], "--password-fd") == 0;
		if ((user || fd) && i + 1 >= *argc) {
			fprintf(stderr, "kith: %s needs a value\n", argv[i]);
			return false;
		}
		if (user)
			c->user = argv[++i];
		else if (strncmp(argv[i], "--user=", 7) == 0)
			c->user = argv[i] + 7;
		else if (fd)
			c->password_fd_text = argv[++i];
		else
			argv[out++] = argv[i];
	}
	*argc = out;
	argv[out] = NULL;
	return true;
}

int cli_main(int argc, char **argv, cli_interface interface)
{
	struct cli c = {0};
	c.password_fd = -1;
	if (sodium_init() < 0) {
		fprintf(stderr, "kith: libsodium could not start\n");
		return CLI_BUG;
	}
	if (!take_login_options(&c, &argc, argv))
		return CLI_USAGE;
	char *demo_path = NULL;
	const char *script = NULL, *size = NULL;
	int i = 1, rc = CLI_USAGE;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage_text(stdout);
			rc = cli_finish_output();
			goto out;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("kith %s (schema %d)%s\n", KITH_VERSION, SCHEMA_VERSION,
			       testhook_build() ? ", a test build: it honours KITH_TODAY, "
						  "KITH_CLOCK_SHIFT, KITH_PASSWORD_COST and "
						  "KITH_EXACT_WORK" : "");
			rc = cli_finish_output();
			goto out;
		}
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			c.db_path = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			c.db_path = argv[i] + 5;
		} else if (strcmp(argv[i], "--script") == 0 && i + 1 < argc) {
			script = argv[++i];
		} else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
			size = argv[++i];
		} else if (strcmp(argv[i], "--demo") == 0) {
			char *dir = store_data_dir();
			free(demo_path);
			c.db_path = demo_path = xasprintf("%s/demo.db", dir);
			free(dir);
		} else {
			fprintf(stderr, "kith: %s '%s' (see kith --help)\n",
				strcmp(argv[i], "--db") == 0 ? "a path must follow" : "unknown option",
				argv[i]);
			goto out;
		}
	}
	if (c.password_fd_text) { /* now that --db is known: the descriptor may be the database */
		rc = cli_password_fd(&c, "--password-fd", c.password_fd_text, &c.password_fd);
		if (rc != CLI_OK)
			goto out;
	}
	if (i == argc) {
		c.command = "interface";
		rc = interface_on(&c, interface, script, size);
		goto out;
	}
	c.command = argv[i];
	c.argc = argc - i - 1;
	c.argv = argv + i + 1;
	rc = dispatch(&c, argv[i]);
	store_close(c.st);
out:
	free(demo_path);
	return rc;
}
