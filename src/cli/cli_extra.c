/* Commands beyond add/list/show/edit/delete: joining groups, tagging, attendance, and
 * filling a demo database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "activity.h"
#include "asset.h"
#include "cli.h"
#include "demo.h"
#include "jsonw.h"
#include "membership.h"
#include "person.h"
#include "store.h"
#include "strbuf.h"
#include "tag.h"
#include "valid.h"
#include "xalloc.h"

/* Reads the positional words argv[1..npos] and then the named options into vals
 * (names[k] -> vals[k]); anything else is a usage error. */
static int read_args(struct cli *c, int npos, const char *const *names, const char **vals,
		     bool *json)
{
	if (c->argc < 1 + npos)
		return cli_usage(c, "needs %d argument%s", npos, npos == 1 ? "" : "s");
	for (int i = 1; i <= npos; i++)
		if (strncmp(c->argv[i], "--", 2) == 0)
			return cli_usage(c, "needs %d argument%s before options", npos,
					 npos == 1 ? "" : "s");
	for (int i = 1 + npos; i < c->argc;) {
		if (json && cli_flag(c, i, "json")) {
			*json = true;
			i++;
			continue;
		}
		char *name = NULL;
		const char *value = NULL;
		int rc = cli_next_option(c, &i, &name, &value);
		if (rc != CLI_OK)
			return rc;
		int k = 0;
		while (names[k] && strcmp(names[k], name) != 0)
			k++;
		if (!names[k])
			rc = cli_usage(c, "unknown option --%s", name);
		else
			vals[k] = value;
		free(name);
		if (rc != CLI_OK)
			return rc;
	}
	/* the demo fills an empty file, which has no accounts to log in to */
	return strcmp(c->command, "demo") == 0 ? cli_open_plain(c) : cli_open(c);
}

static int done(struct cli *c, int status, struct kerr *err)
{
	return status == K_OK ? cli_finish_output() : cli_fail(c, err);
}

static void members_json(const struct member_list *list)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '[');
	for (int i = 0; i < list->n; i++) {
		const struct member *m = &list->item[i];
		strbuf_puts(&sb, i ? ",\n{" : "{");
		jsonw_key(&sb, "person_id", 1);
		jsonw_string(&sb, m->person_id);
		jsonw_key(&sb, "name", 0);
		jsonw_string(&sb, m->name);
		jsonw_key(&sb, "role", 0);
		jsonw_string(&sb, m->role);
		jsonw_key(&sb, "since", 0);
		jsonw_string(&sb, *m->since ? m->since : NULL);
		strbuf_putc(&sb, '}');
	}
	strbuf_puts(&sb, "]\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
}

static int group_members(struct cli *c)
{
	static const char *const names[] = {NULL};
	bool json = false;
	int rc = read_args(c, 1, names, NULL, &json);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	char id[ID_LEN];
	struct member_list list;
	int status = entity_resolve(c->st, &group_entity, c->argv[1], id, &err);
	if (status == K_OK)
		status = membership_members(c->st, id, 1000000, &list, &err);
	if (status != K_OK)
		return cli_fail(c, &err);
	if (json) {
		members_json(&list);
	} else {
		for (int i = 0; i < list.n; i++) {
			printf("%-36s ", list.item[i].person_id);
			cli_print_cell(list.item[i].name, 28);
			printf(" %-10s %s\n", list.item[i].role, list.item[i].since);
		}
	}
	membership_list_free(&list);
	return cli_finish_output();
}

int cli_group_extra(struct cli *c, const char *verb, bool *handled)
{
	static const char *const names[] = {"role", "since", NULL};
	const char *vals[2] = {NULL, NULL};
	struct kerr err;
	*handled = true;
	if (strcmp(verb, "members") == 0)
		return group_members(c);
	bool join = strcmp(verb, "join") == 0;
	if (!join && strcmp(verb, "leave") != 0) {
		*handled = false;
		return CLI_OK;
	}
	int rc = read_args(c, 2, join ? names : names + 2, vals, NULL);
	if (rc != CLI_OK)
		return rc;
	int status = join ? membership_join(c->st, c->argv[1], c->argv[2], vals[0], vals[1], &err)
			  : membership_leave(c->st, c->argv[1], c->argv[2], &err);
	return done(c, status, &err);
}

/* kith person erase|keep|export ID: a coordinator's data protection duties. */
static int person_rights(struct cli *c, const char *verb)
{
	static const char *const names[] = {"reason", "until", "out", NULL};
	const char *vals[3] = {NULL, NULL, NULL};
	bool force = strcmp(verb, "export") == 0 && cli_take_flag(c, "force");
	int rc = read_args(c, 1, names, vals, NULL);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	char id[ID_LEN];
	int status = entity_resolve(c->st, &person_entity, c->argv[1], id, &err);
	if (status != K_OK)
		return cli_fail(c, &err);
	if (strcmp(verb, "export") == 0) {
		if (!vals[2])
			return cli_usage(c, "give --out FILE (the text goes to FILE.txt beside it)");
		status = person_export_out(c->st, id, vals[2], force, &err);
	} else if (!vals[0]) {
		return cli_usage(c, "give --reason TEXT: why, in a few words (it is kept in the "
				    "audit trail, so name no one)");
	} else {
		status = strcmp(verb, "erase") == 0 ? person_erase(c->st, id, vals[0], &err)
						    : person_keep(c->st, id, vals[0], vals[1], &err);
	}
	return done(c, status, &err);
}

int cli_person_extra(struct cli *c, const struct entity_def *def, const char *verb,
		     bool *handled)
{
	static const char *const names[] = {NULL};
	if (def == &person_entity && (strcmp(verb, "erase") == 0 || strcmp(verb, "keep") == 0 ||
				      strcmp(verb, "export") == 0)) {
		*handled = true;
		return person_rights(c, verb);
	}
	*handled = strcmp(verb, "tag") == 0;
	if (!*handled)
		return CLI_OK;
	int rc = read_args(c, 3, names, NULL, NULL);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	int status = tag_attach(c->st, def->kind, c->argv[1], c->argv[2], c->argv[3], &err);
	return done(c, status, &err);
}

int cli_activity_extra(struct cli *c, const char *verb, bool *handled)
{
	static const char *const names[] = {"role", NULL};
	const char *vals[1] = {NULL};
	*handled = strcmp(verb, "attend") == 0;
	if (!*handled)
		return CLI_OK;
	int rc = read_args(c, 2, names, vals, NULL);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	int status = activity_attend(c->st, c->argv[1], c->argv[2], vals[0], &err);
	return done(c, status, &err);
}

/* ---- demo ---- */

static int demo_number(struct cli *c, const char *flag, const char *v, long max, long *out)
{
	struct kerr err;
	if (valid_int(v, 0, max, out, flag, &err) != K_OK)
		return cli_usage(c, "%s", err.msg);
	return CLI_OK;
}

int cli_demo(struct cli *c)
{
	static const char *const names[] = {"seed", "people", "assets", "referrals", NULL};
	static const long max[] = {4000000000L, 10000000, 1000000, 50000000};
	const char *vals[4] = {NULL, NULL, NULL, NULL};
	c->argv--, c->argc++; /* demo has no verb: its options start right after it */
	int rc = read_args(c, 0, names, vals, NULL);
	c->argv++, c->argc--;
	struct demo_options opt;
	demo_defaults(&opt);
	opt.accounts = true;
	long *fields[] = {&opt.seed, &opt.people, &opt.assets, &opt.referrals};
	for (int k = 0; k < 4 && rc == CLI_OK; k++)
		if (vals[k])
			rc = demo_number(c, names[k], vals[k], max[k], fields[k]);
	if (rc != CLI_OK)
		return rc;
	struct demo_counts n;
	struct kerr err;
	if (demo_fill(c->st, &opt, &n, &err) != K_OK)
		return cli_fail(c, &err);
	printf("%s: a demo community of %ld people, %ld assets (%ld groups), %ld referrals,\n"
	       "%ld conversations, %ld memberships, %ld activities and %ld tags\n",
	       store_path(c->st), n.people, n.assets, n.groups, n.referrals, n.conversations,
	       n.memberships, n.activities, n.tags);
	return cli_finish_output();
}
