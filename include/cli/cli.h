/* The command line: kith with a command runs without a terminal, for scripts, reports, tests
 * and benchmarks. Errors go to stderr; the exit status says what kind of failure it was. */
#ifndef KITH_CLI_H
#define KITH_CLI_H

#include <stdbool.h>

#include "kerr.h"

struct store;
struct entity_def;

enum cli_exit {
	CLI_OK = 0,
	CLI_REFUSED = 1, /* the request was understood and refused: bad value, not found, ... */
	CLI_USAGE = 2,   /* the command line itself is wrong */
	CLI_NO_DB = 3,   /* the database could not be opened or used */
	CLI_BUG = 70
};

struct cli {
	const char *db_path; /* --db, or NULL for the default */
	struct store *st;    /* opened on first need */
	const char *command; /* "person add", for messages */
	int argc;            /* what follows the command words */
	char **argv;
	const char *user;    /* --user: who logs in, when the database has accounts */
	int password_fd;     /* --password-fd, or -1: ask on the terminal */
	const char *password_fd_text; /* --password-fd as given, checked once --db is known */
	bool logged_in;
};

/* The interface, for when no command is given (main.c passes tui_main, so the command line
 * never depends on curses): script and size are NULL for a terminal. */
typedef int (*cli_interface)(struct store *st, const char *script, const char *size);

/* Runs kith's command line; argv[0] is the program. Returns the exit status. */
int cli_main(int argc, char **argv, cli_interface interface);

/* Shared by the command files. */
/* Opens the database and, when it has accounts, logs in as --user. */
int cli_open(struct cli *c);
/* Opens it without logging in: for init, path, check, demo and the interface (which has its
 * own login). */
int cli_open_plain(struct cli *c);
int cli_login(struct cli *c);
/* Reads the descriptor a password comes from (option names it in messages: --password-fd,
 * --new-password-fd): a number naming a descriptor that is open, readable, a file, pipe or
 * terminal, and not the database. CLI_USAGE, having said why, otherwise. Call it before the
 * database is opened. */
int cli_password_fd(struct cli *c, const char *option, const char *value, int *fd);
int cli_fail(struct cli *c, const struct kerr *err);
int cli_usage(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reads the option at argv[*i], --name VALUE or --name=VALUE, and moves *i past it.
 * *name is the caller's to free. A usage error when argv[*i] is not an option or has no
 * value. */
int cli_next_option(struct cli *c, int *i, char **name, const char **value);
/* Whether argv[i] is the flag --name. */
bool cli_flag(struct cli *c, int i, const char *name);
/* Whether the flag --name stands among the command's words; takes it out of them, so that
 * the command reads its other options as before (--force, wherever it is given). */
bool cli_take_flag(struct cli *c, const char *name);
/* Prints text to stdout with control characters made harmless. */
void cli_print_safe(const char *text);
/* Writes text padded or cut to cols terminal columns. */
void cli_print_cell(const char *text, int cols);
int cli_finish_output(void);

int cli_entity(struct cli *c, const struct entity_def *def);
void cli_entity_help(const struct entity_def *def);
int cli_group_extra(struct cli *c, const char *verb, bool *handled);
int cli_person_extra(struct cli *c, const struct entity_def *def, const char *verb,
		     bool *handled);
int cli_activity_extra(struct cli *c, const char *verb, bool *handled);
int cli_demo(struct cli *c);
int cli_draft(struct cli *c);
int cli_graph(struct cli *c);
int cli_user(struct cli *c);
int cli_audit(struct cli *c);
int cli_setting(struct cli *c);
int cli_import(struct cli *c);
int cli_export(struct cli *c);
int cli_backup(struct cli *c);
int cli_restore(struct cli *c);

#endif
