/* Commands beyond add/list/show/edit/delete: joining groups, tagging, a
 * coordinator's keep, erase and subject access, and filling a demo database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "cli.h"
#include "demo.h"
#include "jsonw.h"
#include "membership.h"
#include "person.h"
#include "store.h"
#include "strbuf.h"
#include "tag.h"
#include "target.h"
#include "valid.h"
#include "xalloc.h"

/* Opens the database and logs in, once the command has its words (read in cli_args.c). */
static int open_with(struct cli *c, int words)
{
	if (c->argc < words)
		return cli_usage(c, "needs %d argument%s", words, words == 1 ? "" : "s");
	return cli_open(c);
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

int cli_group_members(struct cli *c)
{
	int rc = open_with(c, 1);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	char id[ID_LEN];
	struct member_list list;
	int status = entity_resolve(c->st, &group_entity, c->argv[0], id, &err);
	if (status == K_OK)
		status = membership_members(c->st, id, 1000000, &list, &err);
	if (status != K_OK)
		return cli_fail(c, &err);
	if (cli_flag(c, "json")) {
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

int cli_group_join(struct cli *c)
{
	struct kerr err;
	int rc = open_with(c, 2);
	if (rc != CLI_OK)
		return rc;
	int status = membership_join(c->st, c->argv[0], c->argv[1], cli_value(c, "role"),
				     cli_value(c, "since"), &err);
	return done(c, status, &err);
}

int cli_group_leave(struct cli *c)
{
	struct kerr err;
	int rc = open_with(c, 2);
	if (rc != CLI_OK)
		return rc;
	int status = membership_leave(c->st, c->argv[0], c->argv[1], &err);
	return done(c, status, &err);
}

int cli_tag(struct cli *c)
{
	struct kerr err;
	int rc = open_with(c, 3);
	if (rc != CLI_OK)
		return rc;
	int status = tag_attach(c->st, c->def->kind, c->argv[0], c->argv[1], c->argv[2], &err);
	return done(c, status, &err);
}

/* ---- a coordinator's data protection duties ---- */

/* The person the command's first word names. */
static int person_of(struct cli *c, char id[ID_LEN])
{
	int rc = open_with(c, 1);
	struct kerr err;
	if (rc == CLI_OK && entity_resolve(c->st, &person_entity, c->argv[0], id, &err) != K_OK)
		rc = cli_fail(c, &err);
	return rc;
}

int cli_person_keep(struct cli *c)
{
	char id[ID_LEN];
	struct kerr err;
	int rc = person_of(c, id);
	if (rc != CLI_OK)
		return rc;
	int status = person_keep(c->st, id, cli_value(c, "reason"), cli_value(c, "until"), &err);
	return done(c, status, &err);
}

int cli_target_set(struct cli *c)
{
	int rc = open_with(c, 2);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	int status = target_set(c->st, c->argv[0], cli_value(c, "worker"), c->argv[1],
				cli_value(c, "per"), &err);
	return done(c, status, &err);
}

int cli_person_erase(struct cli *c)
{
	char id[ID_LEN];
	struct kerr err;
	int rc = person_of(c, id);
	if (rc != CLI_OK)
		return rc;
	int status = person_erase(c->st, id, cli_value(c, "reason"), &err);
	return done(c, status, &err);
}

int cli_person_merge(struct cli *c)
{
	struct kerr err;
	long long moved = 0;
	int rc = open_with(c, 2);
	if (rc != CLI_OK)
		return rc;
	if (person_merge(c->st, c->argv[0], c->argv[1], &moved, &err) != K_OK)
		return cli_fail(c, &err);
	printf("merged: %lld record%s moved to the one kept\n", moved, moved == 1 ? "" : "s");
	return cli_finish_output();
}

int cli_person_export(struct cli *c)
{
	char id[ID_LEN];
	struct kerr err;
	int rc = person_of(c, id);
	if (rc != CLI_OK)
		return rc;
	int status = person_export_out(c->st, id, cli_value(c, "out"), cli_flag(c, "force"), &err);
	return done(c, status, &err);
}

/* ---- demo ---- */

static int demo_number(struct cli *c, const char *name, long max, long *out)
{
	struct kerr err;
	const char *v = cli_value(c, name);
	if (v && valid_int(v, 0, max, out, name, &err) != K_OK)
		return cli_usage(c, "%s", err.msg);
	return CLI_OK;
}

int cli_demo(struct cli *c)
{
	struct demo_options opt;
	demo_defaults(&opt);
	opt.accounts = true;
	int rc = demo_number(c, "seed", 4000000000L, &opt.seed);
	if (rc == CLI_OK)
		rc = demo_number(c, "people", 10000000, &opt.people);
	if (rc == CLI_OK)
		rc = demo_number(c, "assets", 1000000, &opt.assets);
	if (rc == CLI_OK)
		rc = demo_number(c, "referrals", 50000000, &opt.referrals);
	if (rc == CLI_OK) /* the demo fills an empty file, which has no accounts to log in to */
		rc = cli_open_plain(c);
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
