/* The command line: kith with a command runs without a terminal, for scripts, reports, tests
 * and benchmarks. Errors go to stderr; the exit status says what kind of failure it was. */
#ifndef KITH_CLI_H
#define KITH_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "date.h"
#include "kerr.h"

struct store;
struct strbuf;
struct entity_def;
struct cli;

enum cli_exit {
	CLI_OK = 0,
	CLI_REFUSED = 1, /* the request was understood and refused: bad value, not found, ... */
	CLI_USAGE = 2,   /* the command line itself is wrong */
	CLI_NO_DB = 3,   /* the database could not be opened or used */
	CLI_BUG = 70
};

/* ---- the command table (cli_table.c) ---- */

/* One option of a command: --name VALUE, or the flag --name. */
struct cli_option {
	const char *name;           /* as typed, without the dashes */
	const char *value;          /* what its value is, for help ("FILE"); NULL for a flag */
	const char *help;           /* what it means; NULL keeps it out of help */
	const char *const *choices; /* the values it takes (NULL-terminated), or NULL: any */
	unsigned flags;             /* enum cli_option_flag */
};

enum cli_option_flag {
	CLI_REQUIRED = 1 << 0, /* the command cannot run without it */
	CLI_ANYWHERE = 1 << 1, /* a global option that may follow the command too */
};

/* One command, or one verb of a command: "graph report", "user add", "backup". */
struct cli_command {
	const char *name;           /* "graph"; NULL for every entity's command (person, ...) */
	const char *verb;           /* "report"; NULL when the words follow the name */
	int (*run)(struct cli *c);  /* called with the options read (cli_value) */
	const char *const *choices; /* what the first word may be ("people", ...), or NULL */
	const char *words; /* the other words, for help and to count them: "GROUP PERSON" */
	const char *what;  /* what it is for, one line */
	const struct cli_option *options; /* ends with a NULL name; NULL for none */
	unsigned flags;                   /* enum cli_command_flag */
};

enum cli_command_flag {
	CLI_SET_FIELDS = 1 << 0,    /* --FIELD VALUE: an entity's fields that kith does not set */
	CLI_CHANGE_FIELDS = 1 << 1, /* the same, and at least one */
	CLI_MATCH_FIELDS = 1 << 2,  /* --FIELD VALUE: any field, to match records by */
	CLI_DEFAULT = 1 << 3,       /* the verb run when the command is given no word */
	CLI_SECRET_IN = 1 << 4,     /* reads a secret from stdin or --from: a word is refused */
};

#define CLI_OPTIONS_MAX 12

extern const struct cli_command cli_commands[];      /* ends with a NULL run */
extern const struct cli_option cli_global_options[]; /* before the command: --db, ... */

/* One --FIELD VALUE given to an entity's command. */
struct cli_field {
	int field; /* index in the entity's fields */
	const char *value;
};

struct cli {
	const char *db_path; /* --db, or NULL for the default */
	struct store *st;    /* opened on first need */
	const char *command; /* "person add", for messages */
	const char *user;    /* --user: who logs in, when the database has accounts */
	int password_fd;     /* --password-fd, or -1: ask on the terminal */
	bool logged_in;
	const struct cli_interface *interface;
	/* what the command line gave, read against the command's row (cli_args.c) */
	const struct cli_command *row;
	const struct entity_def *def; /* an entity's command: its entity */
	int argc;                     /* the words among the options, after the verb */
	char **argv;
	int choice;                          /* the first word's index in row->choices */
	const char *value[CLI_OPTIONS_MAX];  /* by option: its value, "" for a flag; NULL */
	const char *global[CLI_OPTIONS_MAX]; /* the same for cli_global_options */
	struct cli_field *field;             /* an entity's --FIELD VALUE, in the order given */
	int nfield;
};

/* The interface, which main.c passes in so that the command line never depends on curses:
 * run opens it when no command is given (script and size NULL for a terminal), keys writes
 * its key reference (kith keys). */
struct cli_interface {
	int (*run)(struct store *st, const char *script, const char *size);
	void (*keys)(FILE *out);
};

/* Runs kith's command line; argv[0] is the program. Returns the exit status. */
int cli_main(int argc, char **argv, const struct cli_interface *interface);

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
/* A secret line (at most max bytes) from fd, or asked on the terminal with prompt and without
 * echo when fd is -1, into guarded memory (the caller's, sodium_free). NULL when nothing could
 * be read, or it was longer than max (*too_long). */
char *cli_secret_read(int fd, const char *prompt, size_t max, bool *too_long);
int cli_fail(struct cli *c, const struct kerr *err);
int cli_usage(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints text to stdout with control characters made harmless. */
void cli_print_safe(const char *text);
/* Writes text padded or cut to cols terminal columns. */
void cli_print_cell(const char *text, int cols);
int cli_finish_output(void);

/* ---- reading the command line (cli_args.c) ---- */

/* The entity whose command word is word (person, asset, ...: every entity a user adds
 * records of), or NULL. */
const struct entity_def *cli_entity_of(const char *word);
/* Whether row is one of the command name's rows (def: the entity it names, or NULL). */
bool cli_row_of(const struct cli_command *row, const char *name, const struct entity_def *def);
/* The index in options of the option argv word arg names (--name or --name=VALUE), or -1. */
int cli_option_at(const struct cli_option *options, const char *arg);
/* Reads option o at argv[*i] (--name VALUE, --name=VALUE or the flag --name) into *value ("" for
 * a flag), moving *i past it. CLI_USAGE, having said why, when its value is missing, is not
 * one of its choices, or is given to a flag. */
int cli_take_option(struct cli *c, const struct cli_option *o, int argc, char **argv, int *i,
		    const char **value);
/* Reads what follows the command's words against c->row: its options, the global options
 * that may stand anywhere, an entity's fields, and the words among them. CLI_USAGE, having
 * said why, for an unknown option, a missing value, too many words or a required option
 * not given. */
int cli_read(struct cli *c, int argc, char **argv);
void cli_read_free(struct cli *c);
/* The value given for the command's option name ("" for a flag), or NULL when it was not
 * given. name must be one of the row's options: anything else is a bug. */
const char *cli_value(const struct cli *c, const char *name);
bool cli_flag(const struct cli *c, const char *name);
/* The value given for the global option name (cli_global_options), or NULL. */
const char *cli_global(const struct cli *c, const char *name);
/* The date given for the option name, as an ISO date in out (left as it is when none was
 * given); CLI_USAGE, having said why naming --name, when it is not a date. */
int cli_date(struct cli *c, const char *name, char out[DATE_LEN]);
/* The index of the value given for name among its choices, or otherwise when not given. */
int cli_choice(const struct cli *c, const char *name, int otherwise);

/* ---- help (cli_help.c) ---- */

/* kith --help: every command and the global options. */
void cli_help(void);
/* kith COMMAND --help: its verbs with their options (and an entity's fields). */
void cli_help_command(const char *name, const struct entity_def *def);
/* The rest of an entity's help: its fields, sort orders and filters (cli_entity.c). */
void cli_entity_help(const struct entity_def *def);
/* "graph has report, chain and export": for a command given a word it does not take. */
void cli_verbs(struct strbuf *sb, const char *name, const struct entity_def *def);

/* ---- the handlers the table names ---- */

int cli_init(struct cli *c);
int cli_path(struct cli *c);
int cli_keys(struct cli *c);
int cli_check(struct cli *c);
int cli_demo(struct cli *c);
int cli_entity_add(struct cli *c);
int cli_entity_list(struct cli *c);
int cli_entity_show(struct cli *c);
int cli_entity_edit(struct cli *c);
int cli_entity_delete(struct cli *c);
int cli_group_join(struct cli *c);
int cli_group_leave(struct cli *c);
int cli_group_members(struct cli *c);
int cli_tag(struct cli *c);
int cli_untag(struct cli *c);
int cli_retag(struct cli *c);
int cli_person_match(struct cli *c);
int cli_person_keep(struct cli *c);
int cli_target_set(struct cli *c);
int cli_person_erase(struct cli *c);
int cli_person_merge(struct cli *c);
int cli_person_export(struct cli *c);
int cli_activity_attend(struct cli *c);
int cli_activity_unattend(struct cli *c);
int cli_activity_who(struct cli *c);
int cli_story_link(struct cli *c);
int cli_story_unlink(struct cli *c);
int cli_story_tag(struct cli *c);
int cli_story_untag(struct cli *c);
int cli_story_outcomes(struct cli *c);
int cli_story_links(struct cli *c);
int cli_partnership_join(struct cli *c);
int cli_partnership_leave(struct cli *c);
int cli_partnership_partners(struct cli *c);
int cli_partnership_network(struct cli *c);
int cli_readiness_rate(struct cli *c);
int cli_readiness_answers(struct cli *c);
int cli_graph_report(struct cli *c);
int cli_report(struct cli *c);
int cli_graph_chain(struct cli *c);
int cli_graph_export(struct cli *c);
int cli_draft_list(struct cli *c);
int cli_draft_discard(struct cli *c);
int cli_user_add(struct cli *c);
int cli_user_list(struct cli *c);
int cli_user_disable(struct cli *c);
int cli_user_enable(struct cli *c);
int cli_user_role(struct cli *c);
int cli_user_passwd(struct cli *c);
int cli_user_calibrate(struct cli *c);
int cli_audit_list(struct cli *c);
int cli_audit_verify(struct cli *c);
int cli_import(struct cli *c);
int cli_import_hsds(struct cli *c);
int cli_export(struct cli *c);
int cli_export_hsds(struct cli *c);
int cli_backup(struct cli *c);
int cli_restore(struct cli *c);
int cli_setting_list(struct cli *c);
int cli_setting_set(struct cli *c);
int cli_sync(struct cli *c);
int cli_hub_init(struct cli *c);
int cli_hub_add_laptop(struct cli *c);
int cli_hub_join(struct cli *c);
int cli_hub_revoke(struct cli *c);
int cli_hub_status(struct cli *c);

#endif
