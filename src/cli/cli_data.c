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
		fprintf(stderr, "  line %ld%s%s%s: ", p->line, p->column[0] ? ", \"" : "", p->column,
			p->column[0] ? "\"" : "");
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

int cli_import(struct cli *c)
{
	if (c->argc < 2)
		return cli_usage(c, "give what to import (people, assets, groups, memberships or "
				    "referrals) and the file");
	bool hsds = strcmp(c->argv[0], "hsds") == 0;
	int kind = import_kind_parse(c->argv[0]);
	if (kind < 0 && !hsds)
		return cli_usage(c, "import people, assets, groups, memberships, referrals, or hsds "
				    "DIR");
	struct import_options o = {0};
	for (int i = 2; i < c->argc; i++) {
		if (cli_flag(c, i, "dry-run"))
			o.dry_run = true;
		else if (cli_flag(c, i, "keep-duplicates"))
			o.keep_duplicates = true;
		else if (cli_flag(c, i, "again"))
			o.again = true;
		else
			return cli_usage(c, "unknown option %s", c->argv[i]);
	}
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct import_result *r = xcalloc(1, sizeof *r);
	struct kerr err;
	int status = hsds ? hsds_import(c->st, c->argv[1], &o, r, &err)
			  : import_csv(c->st, (enum import_kind)kind, c->argv[1], &o, r, &err);
	if (status == K_OK) {
		print_summary(c->argv[1], r, &o, hsds);
		rc = cli_finish_output();
	} else {
		rc = cli_fail(c, &err);
		print_problems(r);
	}
	free(r);
	return rc;
}

static int export_hsds(struct cli *c, bool force)
{
	if (c->argc != 2)
		return cli_usage(c, "give the directory to write the Open Referral package into");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	long n = 0;
	if (hsds_export_out(c->st, c->argv[1], force, &n, &err) != K_OK)
		return cli_fail(c, &err);
	printf("%s: an Open Referral (HSDS 3.0) package of %ld community assets\n", c->argv[1], n);
	return cli_finish_output();
}

int cli_export(struct cli *c)
{
	bool force = cli_take_flag(c, "force");
	if (c->argc < 1)
		return cli_usage(c, "give what to export: people, assets, groups, referrals, "
				    "conversations, or hsds DIR");
	const char *what = c->argv[0];
	if (strcmp(what, "hsds") == 0)
		return export_hsds(c, force);
	const struct entity_def *def = strcmp(what, "people") == 0 ? entity_get(ENTITY_PERSON)
				       : strcmp(what, "assets") == 0 ? entity_get(ENTITY_ASSET)
				       : strcmp(what, "groups") == 0 ? entity_get(ENTITY_GROUP)
				       : strcmp(what, "referrals") == 0 ? entity_get(ENTITY_REFERRAL)
				       : strcmp(what, "conversations") == 0
					       ? entity_get(ENTITY_CONVERSATION)
					       : NULL;
	if (!def)
		return cli_usage(c, "export people, assets, groups, referrals or conversations");
	enum export_format format = EXPORT_CSV;
	const char *out = NULL;
	for (int i = 1; i < c->argc;) {
		char *name = NULL;
		const char *v = NULL;
		int rc = cli_next_option(c, &i, &name, &v);
		if (rc != CLI_OK)
			return rc;
		if (strcmp(name, "format") == 0 && (strcmp(v, "csv") == 0 || strcmp(v, "json") == 0))
			format = strcmp(v, "csv") == 0 ? EXPORT_CSV : EXPORT_JSON;
		else if (strcmp(name, "out") == 0)
			out = v;
		else
			rc = cli_usage(c, strcmp(name, "format") == 0 ? "--format is csv or json"
								     : "unknown option --%s", name);
		free(name);
		if (rc != CLI_OK)
			return rc;
	}
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct strbuf sb = STRBUF_INIT;
	struct kerr err;
	long rows = 0;
	/* who may comes first: a worker is told that, not that the file is there */
	int status = auth_require(c->st, AUTH_EXPORT, &err);
	if (status == K_OK && out)
		status = file_check_out(out, store_path(c->st), force, &err);
	if (status == K_OK)
		status = export_entity(c->st, def, format, &sb, &rows, &err);
	if (status == K_OK && out)
		status = file_write_private(out, strbuf_str(&sb), sb.len, &err);
	else if (status == K_OK)
		fwrite(strbuf_str(&sb), 1, sb.len, stdout);
	strbuf_free(&sb);
	if (status != K_OK)
		return cli_fail(c, &err);
	if (out)
		fprintf(stderr, "%s: %ld %s\n", out, rows, rows == 1 ? def->name : def->plural);
	return cli_finish_output();
}

int cli_backup(struct cli *c)
{
	bool force = cli_take_flag(c, "force");
	const char *out = NULL;
	for (int i = 0; i < c->argc;) {
		char *name = NULL;
		const char *v = NULL;
		int rc = cli_next_option(c, &i, &name, &v);
		if (rc != CLI_OK)
			return rc;
		if (strcmp(name, "out") == 0)
			out = v;
		else
			rc = cli_usage(c, "unknown option --%s", name);
		free(name);
		if (rc != CLI_OK)
			return rc;
	}
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	char written[4096];
	struct kerr err;
	if (auth_require(c->st, AUTH_EXPORT, &err) != K_OK ||
	    (out && file_check_out(out, store_path(c->st), force, &err) != K_OK) ||
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
				     "accounts and audit trail came with it" : "");
	return cli_finish_output();
}
