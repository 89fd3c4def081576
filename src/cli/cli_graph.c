/* kith graph: the connectedness report, referral chains, and the network for Gephi and
 * Graphviz. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "asset.h"
#include "audit.h"
#include "auth.h"
#include "chain.h"
#include "cli.h"
#include "entity.h"
#include "export.h"
#include "file.h"
#include "jsonw.h"
#include "network.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "valid.h"
#include "xalloc.h"

#define TOP 10

struct graph_args {
	struct network_query q;
	struct network_options o;
	bool json;
	int top, depth;
	const char *person, *asset, *format, *out;
	char since_typed[DATE_LEN], until_typed[DATE_LEN];
};

static int read_date(struct cli *c, const char *v, char out[DATE_LEN], const char *what)
{
	struct kerr err;
	if (date_parse(v, out, what, &err) != K_OK)
		return cli_usage(c, "%s", err.msg);
	return CLI_OK;
}

static int graph_option(struct cli *c, struct graph_args *a, const char *name, const char *v)
{
	struct kerr err;
	long n;
	if (strcmp(name, "since") == 0)
		return read_date(c, v, a->q.since, "--since");
	if (strcmp(name, "until") == 0)
		return read_date(c, v, a->q.until, "--until");
	if (strcmp(name, "neighbourhood") == 0) {
		a->q.neighbourhood = v;
	} else if (strcmp(name, "category") == 0) {
		a->q.category = v;
	} else if (strcmp(name, "person") == 0) {
		a->person = v;
	} else if (strcmp(name, "asset") == 0) {
		a->asset = v;
	} else if (strcmp(name, "format") == 0) {
		a->format = v;
	} else if (strcmp(name, "out") == 0) {
		a->out = v;
	} else if (strcmp(name, "depth") == 0 || strcmp(name, "top") == 0) {
		if (valid_int(v, 1, 50, &n, name, &err) != K_OK)
			return cli_usage(c, "--%s", err.msg);
		*(strcmp(name, "depth") == 0 ? &a->depth : &a->top) = (int)n;
	} else {
		return cli_usage(c, "unknown option --%s", name);
	}
	return CLI_OK;
}

static int read_graph_args(struct cli *c, struct graph_args *a)
{
	memset(a, 0, sizeof *a);
	a->top = TOP;
	a->depth = 3;
	a->o.compare = true;
	for (int i = 1; i < c->argc;) {
		if (cli_flag(c, i, "json") || cli_flag(c, i, "exact")) {
			*(cli_flag(c, i, "json") ? &a->json : &a->o.exact) = true;
			i++;
			continue;
		}
		char *name = NULL;
		const char *v = NULL;
		int rc = cli_next_option(c, &i, &name, &v);
		if (rc == CLI_OK)
			rc = graph_option(c, a, name, v);
		free(name);
		if (rc != CLI_OK)
			return rc;
	}
	return cli_open(c);
}

static int cmd_report(struct cli *c)
{
	struct graph_args a;
	int rc = read_graph_args(c, &a);
	if (rc != CLI_OK)
		return rc;
	struct network_report r;
	struct kerr err;
	if (network_report(c->st, &a.q, &a.o, &r, &err) != K_OK)
		return cli_fail(c, &err);
	if (a.json) {
		struct strbuf sb = STRBUF_INIT;
		network_json(&r, &sb);
		fputs(strbuf_str(&sb), stdout);
		strbuf_free(&sb);
	} else {
		network_text(&r, a.top, stdout);
	}
	network_report_free(&r);
	return cli_finish_output();
}

/* ---- chains ---- */

static void chain_text(const struct chain *ch, const char *who)
{
	char d[DATE_LEN];
	printf("The journey of %s: %d referral%s\n", who, ch->n, ch->n == 1 ? "" : "s");
	for (int i = 0; i < ch->n; i++) {
		const struct chain_step *s = &ch->step[i];
		char *status = entity_choice_label(s->status);
		printf("  %s  ", date_uk(s->date, d));
		cli_print_safe(s->from_name);
		printf(" -> ");
		cli_print_safe(s->to_name);
		printf("  (%s, %s)\n", s->kind, status);
		free(status);
	}
}

static void chain_json(const struct chain *ch)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '[');
	for (int i = 0; i < ch->n; i++) {
		const struct chain_step *s = &ch->step[i];
		strbuf_printf(&sb, "%s{\"referral_id\":\"%s\",\"date\":\"%s\",\"kind\":\"%s\","
				  "\"status\":\"%s\",\"from_asset_id\":\"%s\",\"to_asset_id\":\"%s\","
				  "\"from\":", i ? ",\n" : "", s->referral_id, s->date, s->kind,
			      s->status, s->from_id, s->to_id);
		jsonw_string(&sb, s->from_name);
		strbuf_puts(&sb, ",\"to\":");
		jsonw_string(&sb, s->to_name);
		strbuf_putc(&sb, '}');
	}
	strbuf_puts(&sb, "]\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
}

static void tree_text(const struct chain_tree *t, const char *title)
{
	printf("%s\n", title);
	for (int i = 1; i < t->n; i++) {
		const struct chain_node *n = &t->node[i];
		printf("  %*s%s ", (n->depth - 1) * 4, "", n->depth > 1 ? "└─" : "•");
		if (n->folded)
			printf("and %d smaller %s", n->folded, n->folded == 1 ? "branch" : "branches");
		else
			cli_print_safe(n->name);
		printf("  %d %s\n", n->people, n->people == 1 ? "person" : "people");
	}
	if (t->n < 2)
		printf("  nobody\n");
}

static void tree_json(struct strbuf *sb, const struct chain_tree *t)
{
	strbuf_putc(sb, '[');
	for (int i = 1; i < t->n; i++) {
		strbuf_printf(sb, "%s{\"asset_id\":\"%s\",\"depth\":%d,\"people\":%d,\"parent\":",
			      i > 1 ? "," : "", t->node[i].asset_id, t->node[i].depth,
			      t->node[i].people);
		if (t->node[i].parent > 0)
			strbuf_printf(sb, "\"%s\"", t->node[t->node[i].parent].asset_id);
		else
			strbuf_puts(sb, "null");
		strbuf_puts(sb, ",\"name\":");
		jsonw_string(sb, t->node[i].name);
		if (t->node[i].folded)
			strbuf_printf(sb, ",\"folded\":%d", t->node[i].folded);
		strbuf_putc(sb, '}');
	}
	strbuf_putc(sb, ']');
}

static int asset_chain(struct cli *c, struct graph_args *a)
{
	char id[ID_LEN];
	struct kerr err;
	if (entity_resolve(c->st, &asset_entity, a->asset, id, &err) != K_OK)
		return cli_fail(c, &err);
	struct chain_tree up, down;
	if (chain_asset(c->st, id, a->depth, a->top, a->q.since, a->q.until, &up, &down, &err) !=
	    K_OK)
		return cli_fail(c, &err);
	if (a->json) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_printf(&sb, "{\"asset_id\":\"%s\",\"people\":%d,\"before\":", id,
			      down.n ? down.node[0].people : 0);
		tree_json(&sb, &up);
		strbuf_puts(&sb, ",\"after\":");
		tree_json(&sb, &down);
		strbuf_puts(&sb, "}\n");
		fputs(strbuf_str(&sb), stdout);
		strbuf_free(&sb);
	} else {
		printf("Journeys through ");
		cli_print_safe(up.n ? up.node[0].name : id);
		printf(": %d people\n\n", down.n ? down.node[0].people : 0);
		tree_text(&up, "Where they came from, hop by hop back:");
		printf("\n");
		tree_text(&down, "Where they went after, hop by hop on:");
	}
	chain_tree_free(&up);
	chain_tree_free(&down);
	return cli_finish_output();
}

static int cmd_chain(struct cli *c)
{
	struct graph_args a;
	int rc = read_graph_args(c, &a);
	if (rc != CLI_OK)
		return rc;
	if (!a.person == !a.asset)
		return cli_usage(c, "give either --person ID or --asset ID");
	if (a.asset)
		return asset_chain(c, &a);
	char id[ID_LEN];
	struct kerr err;
	struct record *who = NULL;
	if (entity_resolve(c->st, &person_entity, a.person, id, &err) != K_OK ||
	    entity_load(c->st, &person_entity, id, &who, &err) != K_OK)
		return cli_fail(c, &err);
	struct chain ch;
	if (chain_person(c->st, id, &ch, &err) != K_OK) {
		record_free(who);
		return cli_fail(c, &err);
	}
	if (a.json)
		chain_json(&ch);
	else
		chain_text(&ch, record_display(who));
	chain_free(&ch);
	record_free(who);
	return cli_finish_output();
}

/* ---- export ---- */

static int cmd_export(struct cli *c)
{
	struct graph_args a;
	bool force = cli_take_flag(c, "force");
	int rc = read_graph_args(c, &a);
	if (rc != CLI_OK)
		return rc;
	int format = export_parse(export_network_formats, a.format ? a.format : "graphml");
	if (format < 0)
		return cli_usage(c, "--format is dot, graphml, csv or edgelist");
	struct kerr err;
	if (export_network(c->st, &a.q, (enum export_network_format)format, a.out, force, stdout,
			   &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}

int cli_graph(struct cli *c)
{
	const char *verb = c->argc ? c->argv[0] : "";
	char *command = xasprintf("graph %s", verb);
	const char *was = c->command;
	c->command = command;
	int rc;
	if (strcmp(verb, "report") == 0)
		rc = cmd_report(c);
	else if (strcmp(verb, "chain") == 0)
		rc = cmd_chain(c);
	else if (strcmp(verb, "export") == 0)
		rc = cmd_export(c);
	else
		rc = cli_usage(c, "graph has report, chain and export");
	c->command = was;
	free(command);
	return rc;
}
