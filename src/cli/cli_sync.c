/* kith sync and kith hub: syncing this laptop with a PostgreSQL hub, and the hub's laptops
 * (init, add-laptop, join, revoke, status). Core does the work and the checks of who may;
 * this file prints the progress bar, the summary in words people use, and the strings. */
#include "cli.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "utf8.h"
#include "sync.h"
#include "xalloc.h"

#define CONNINFO_MAX 4096 /* bytes: a connection string naming certificates stays well within */

/* This machine's name made a laptop's name (small letters, digits, '-'), for hub init. */
static void default_name(char *out, size_t n)
{
	char host[256] = "";
	size_t k = 0;
	if (gethostname(host, sizeof host - 1) != 0)
		host[0] = '\0';
	for (const char *p = host; *p && *p != '.' && k + 1 < n && k < 40; p++) {
		char ch = (char)tolower((unsigned char)*p);
		out[k++] = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '-';
	}
	out[k] = '\0';
	if (k == 0)
		snprintf(out, n, "laptop-1");
}

/* The command's one word given (else what to give, as usage) and the database open. */
static int one_word(struct cli *c, const char *what)
{
	if (c->argc != 1)
		return cli_usage(c, "give %s", what);
	return cli_open(c);
}

/* A connection string from --from FILE (private, as the .hub file) or standard input (asked
 * for without echo on a terminal): never a word, which everyone on the machine sees in ps.
 * Read after logging in, so --password-fd 0 gives the password first, then the string. */
static int read_string(struct cli *c, const char *what, char **out)
{
	const char *from = cli_value(c, "from");
	struct kerr err;
	*out = NULL;
	if (from)
		return sync_string_read(from, out, &err) == K_OK ? CLI_OK : cli_fail(c, &err);
	char prompt[120];
	snprintf(prompt, sizeof prompt, "%s (not shown as you type): ", what);
	bool too_long = false;
	char *line = cli_secret_read(isatty(STDIN_FILENO) ? -1 : STDIN_FILENO, prompt, CONNINFO_MAX,
				     &too_long);
	if (line && *line) {
		*out = xstrdup(line);
		sodium_free(line);
		return CLI_OK;
	}
	if (line)
		sodium_free(line);
	if (too_long)
		fprintf(stderr, "kith: %s: the connection string is longer than %d bytes\n",
			c->command, CONNINFO_MAX);
	else
		fprintf(stderr,
			"kith: %s: no connection string came: give it on standard input (kith %s "
			"< FILE) or with --from FILE\n",
			c->command, c->command);
	return CLI_USAGE;
}

int cli_hub_init(struct cli *c)
{
	char name[64], *owner = NULL;
	const char *given = cli_value(c, "name");
	if (given)
		snprintf(name, sizeof name, "%s", given);
	else
		default_name(name, sizeof name);
	int rc = cli_open(c);
	if (rc == CLI_OK)
		rc = read_string(c, "The hub owner's connection string", &owner);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	int status = hub_init(c->st, owner, name, &err);
	sync_forget(&owner);
	if (status != K_OK)
		return cli_fail(c, &err);
	printf("The hub is ready and this laptop has joined it as ");
	cli_print_safe(name);
	printf(" (an admin laptop).\nkith sync sends what this laptop holds; kith hub add-laptop "
	       "NAME makes another laptop's connection string.\n");
	return cli_finish_output();
}

int cli_hub_add_laptop(struct cli *c)
{
	int rc = one_word(c, "the new laptop's name (small letters, digits and '-')");
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	char *conninfo = NULL;
	if (hub_add_laptop(c->st, c->argv[0], cli_flag(c, "admin"), &conninfo, &err) != K_OK)
		return cli_fail(c, &err);
	printf("On laptop ");
	cli_print_safe(c->argv[0]);
	printf(", run kith hub join and give it the line below (it asks; or kith hub join --from "
	       "FILE).\nThe line holds that laptop's own password for the hub: give it privately "
	       "(not by email),\nand end it with kith hub revoke if it is lost.\n");
	char *safe = utf8_printable(conninfo);
	puts(safe);
	sync_forget(&safe);
	sync_forget(&conninfo);
	return cli_finish_output();
}

int cli_hub_join(struct cli *c)
{
	char *conninfo = NULL;
	int rc = cli_open(c);
	if (rc == CLI_OK)
		rc = read_string(c, "The connection string kith hub add-laptop printed", &conninfo);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	int status = hub_join(c->st, conninfo, &err);
	sync_forget(&conninfo);
	if (status != K_OK)
		return cli_fail(c, &err);
	char *path = NULL;
	if (sync_hub_path(c->st, &path, &err) != K_OK)
		return cli_fail(c, &err);
	printf("This laptop has joined the hub; its connection string is kept in ");
	cli_print_safe(path);
	printf(" (for this account alone).\nkith sync brings everything the hub holds.\n");
	free(path);
	return cli_finish_output();
}

int cli_hub_revoke(struct cli *c)
{
	int rc = one_word(c, "the name of the laptop whose credentials end");
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	if (hub_revoke(c->st, c->argv[0], &err) != K_OK)
		return cli_fail(c, &err);
	cli_print_safe(c->argv[0]);
	printf(" can no longer sync: its credentials are ended and its next sync is refused.\n");
	return cli_finish_output();
}

/* Text of several lines, each made harmless on its own. */
static void print_lines(const char *text)
{
	while (*text) {
		size_t n = strcspn(text, "\n");
		char *line = xasprintf("%.*s", (int)n, text);
		cli_print_safe(line);
		printf("\n");
		free(line);
		text += n + (text[n] == '\n');
	}
}

int cli_hub_status(struct cli *c)
{
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	struct strbuf sb = STRBUF_INIT;
	if (hub_status(c->st, &sb, &err) != K_OK) {
		strbuf_free(&sb);
		return cli_fail(c, &err);
	}
	print_lines(strbuf_str(&sb));
	strbuf_free(&sb);
	return cli_finish_output();
}

/* ---- kith sync ---- */

/* A bar on stderr, drawn again only when it moves. */
static bool progress_bar(void *ctx, const char *phase, double done)
{
	int *last = ctx;
	int pct = (int)(done * 100 + 0.5);
	if (pct == *last)
		return true;
	*last = pct;
	int fill = pct * 30 / 100;
	fprintf(stderr, "\r%-5s [%.*s%*s] %3d%%", strcmp(phase, "push") == 0 ? "up" : "down", fill,
		"##############################", 30 - fill, "", pct);
	fflush(stderr);
	return true;
}

static void print_counts(const struct sync_summary *s)
{
	for (int i = 0; i < 48 && s->by_table[i].tbl; i++) {
		const struct sync_table_count *t = &s->by_table[i];
		if (!t->came && !t->went)
			continue;
		printf("  ");
		cli_print_cell(sync_table_words(t->tbl), 30);
		if (t->came)
			printf(" %8ld came", t->came);
		else if (t->went)
			printf("%14s", "");
		if (t->went)
			printf(" %8ld went", t->went);
		printf("\n");
	}
}

static void print_summary(const struct sync_summary *s)
{
	printf("Synced with the hub (%.10s %.5s UTC): ", s->when,
	       strlen(s->when) > 11 ? s->when + 11 : "");
	if (!s->came && !s->went)
		printf("nothing new came or went.\n");
	else
		printf("%ld came, %ld went.\n", s->came, s->went);
	print_counts(s);
	if (s->conflicts)
		printf("%ld field%s changed here had been changed on another laptop too: the later "
		       "change is kept, and the other is kept in the hub's conflict log.\n",
		       s->conflicts, s->conflicts == 1 ? "" : "s");
	if (s->erased)
		printf("%ld %s erased here, as an erasure on another laptop asked.\n", s->erased,
		       s->erased == 1 ? "person was" : "people were");
	if (*s->twins) {
		cli_print_safe(s->twins);
		printf("\n");
	}
	if (*s->note) {
		cli_print_safe(s->note);
		printf("\n");
	}
}

int cli_sync(struct cli *c)
{
	int rc = cli_open_plain(c);
	/* a first sync stopped mid-way goes on as it began, without logging in: the accounts
	 * may have come only in part */
	if (rc == CLI_OK && (c->user || !sync_arriving(c->st)))
		rc = cli_login(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	struct sync_summary *s = xcalloc(1, sizeof *s);
	int last = -1;
	bool bar = isatty(STDERR_FILENO);
	int status = sync_run(c->st, bar ? progress_bar : NULL, &last, s, &err);
	if (bar && last >= 0)
		fprintf(stderr, "\r%50s\r", "");
	if (status == K_OK) {
		print_summary(s);
		rc = cli_finish_output();
	} else {
		rc = cli_fail(c, &err);
	}
	free(s);
	return rc;
}
