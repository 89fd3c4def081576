/* kith import and kith export: data in and out, CSV and JSON. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "backup.h"
#include "entity.h"
#include "export.h"
#include "file.h"
#include "hsds.h"
#include "import.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

static void print_problems(const struct import_result *r)
{
	for (int i = 0; i < r->nproblem; i++) {
		const struct import_problem *p = &r->problem[i];
		fprintf(stderr, "  line %ld%s%s%s: ", p->line, p->column[0] ? ", \"" : "",
			p->column, p->column[0] ? "\"" : "");
		char *why = xstrdup(p->reason);
		for (char *c = why; *c; c++) /* never a control character onto the terminal */
			if ((unsigned char)*c < 0x20)
				*c = ' ';
		fprintf(stderr, "%s\n", why);
		free(why);
	}
	if (r->more_problems)
		fprintf(stderr, "  and %ld more\n", r->more_problems);
}

static void print_summary(const char *path, const struct import_result *r,
			  const struct import_options *o, bool hsds)
{
	char line[1200];
	import_summary(path, r, o, line, sizeof line);
	cli_print_safe(line);
	printf("\n");
	if (r->ignored[0]) {
		printf("%s", hsds ? "left out: " : "columns left out (no field of kith's): ");
		cli_print_safe(r->ignored);
		printf("\n");
	}
}

/* Imports argv[1] (a file, or an Open Referral directory when hsds), as kind (CSV). */
static int import(struct cli *c, bool hsds, int kind)
{
	if (c->argc < 1 + !hsds)
		return cli_usage(c, "give the %s to import", hsds ? "directory" : "file");
	const char *path = c->argv[!hsds];
	struct import_options o = {.dry_run = cli_flag(c, "dry-run")};
	if (!hsds) {
		o.keep_duplicates = cli_flag(c, "keep-duplicates");
		o.again = cli_flag(c, "again");
	}
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct import_result *r = xcalloc(1, sizeof *r);
	struct kerr err;
	int status = hsds ? hsds_import(c->st, path, &o, r, &err)
			  : import_csv(c->st, (enum import_kind)kind, path, &o, r, &err);
	if (status == K_OK) {
		print_summary(path, r, &o, hsds);
		rc = cli_finish_output();
	} else {
		rc = cli_fail(c, &err);
		print_problems(r);
	}
	free(r);
	return rc;
}

int cli_import(struct cli *c)
{
	return import(c, false, c->choice);
}

int cli_import_hsds(struct cli *c)
{
	return import(c, true, -1);
}

int cli_export_hsds(struct cli *c)
{
	if (c->argc != 1)
		return cli_usage(c, "give the directory to write the Open Referral package into");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	long n = 0;
	if (hsds_export_out(c->st, c->argv[0], cli_flag(c, "force"), &n, &err) != K_OK)
		return cli_fail(c, &err);
	printf("%s: an Open Referral (HSDS 3.0) package of %ld community assets\n", c->argv[0], n);
	return cli_finish_output();
}

/* kith export KIND: the kind is the command's first word, one of export_kinds. */
int cli_export(struct cli *c)
{
	enum export_kind kind = (enum export_kind)c->choice;
	enum export_format format = (enum export_format)cli_choice(c, "format", EXPORT_CSV);
	const char *out = cli_value(c, "out");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct strbuf sb = STRBUF_INIT;
	struct kerr err;
	long rows = 0;
	/* who may comes first: a worker is told that, not that the file is there */
	int status = auth_require(c->st, AUTH_EXPORT, &err);
	if (status == K_OK && out)
		status = file_check_out(out, store_path(c->st), cli_flag(c, "force"), &err);
	if (status == K_OK)
		status = export_kind(c->st, kind, format, &sb, &rows, &err);
	if (status == K_OK && out)
		status = file_write_private(out, strbuf_str(&sb), sb.len, &err);
	else if (status == K_OK)
		fwrite(strbuf_str(&sb), 1, sb.len, stdout);
	strbuf_free(&sb);
	if (status != K_OK)
		return cli_fail(c, &err);
	if (out)
		fprintf(stderr, "%s: %ld %s\n", out, rows, export_kind_noun(kind, rows));
	return cli_finish_output();
}

int cli_backup(struct cli *c)
{
	const char *out = cli_value(c, "out");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	char written[4096];
	struct kerr err;
	if (auth_require(c->st, AUTH_EXPORT, &err) != K_OK ||
	    (out && file_check_out(out, store_path(c->st), cli_flag(c, "force"), &err) != K_OK) ||
	    backup_take(c->st, out, NULL, written, sizeof written, &err) != K_OK)
		return cli_fail(c, &err);
	printf("%s\n", written);
	return cli_finish_output();
}

int cli_restore(struct cli *c)
{
	if (c->argc != 1)
		return cli_usage(c, "give the backup file to restore");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	char kept[4096];
	struct backup_restored done;
	struct kerr err;
	/* a backup that is not there is refused as not found (1), not as a database that
	 * cannot be used (3) */
	if (file_check_in(c->argv[0], false, &err) != K_OK ||
	    backup_restore(c->st, c->argv[0], NULL, kept, sizeof kept, &done, &err) != K_OK)
		return cli_fail(c, &err);
	printf("restored from %s; what it replaced is kept in %s\n", c->argv[0], kept);
	printf("%d erasure%s applied again%s\n", done.erased, done.erased == 1 ? "" : "s",
	       done.other_database ? "; it is a backup of another database, so its own "
				     "accounts and audit trail came with it"
				   : "");
	if (done.synced)
		printf("This laptop syncs with a hub and its records are now older than the hub's: "
		       "its next sync brings it level with the hub (all comes again).\n");
	return cli_finish_output();
}
