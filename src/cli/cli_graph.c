/* kith graph: the connectedness report, referral chains, and the network for Gephi and
 * Graphviz. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "chain.h"
#include "cli.h"
#include "entity.h"
#include "export.h"
#include "jsonw.h"
#include "network.h"
#include "person.h"
#include "record.h"
#include "strbuf.h"
#include "utf8.h"
#include "valid.h"
#include "xalloc.h"

#define TOP 10

struct graph_args {
	struct network_query q;
	struct network_options o;
	int top, depth;
};

static int read_number(struct cli *c, const char *name, int *out)
{
	struct kerr err;
	const char *v = cli_value(c, name);
	long n;
	if (!v)
		return CLI_OK;
	if (valid_int(v, 1, 50, &n, name, &err) != K_OK)
		return cli_usage(c, "--%s", err.msg);
	*out = (int)n;
	return CLI_OK;
}

/* The defaults, and the period (--since, --until) every graph command takes. */
static int read_graph_args(struct cli *c, struct graph_args *a)
{
	memset(a, 0, sizeof *a);
	a->top = TOP;
	a->depth = 3;
	a->o.compare = true;
	int rc = cli_date(c, "since", a->q.since);
	return rc == CLI_OK ? cli_date(c, "until", a->q.until) : rc;
}

/* --neighbourhood and --category: which assets. */
static void read_place(struct cli *c, struct graph_args *a)
{
	a->q.neighbourhood = cli_value(c, "neighbourhood");
	a->q.category = cli_value(c, "category");
}

/* The report where it was asked for: a file (--out), JSON or text on the standard output. */
static int report_out(struct cli *c, const struct network_report *r,
		      const struct network_trend *trend, int top)
{
	struct kerr err;
	if (cli_value(c, "out")) {
		if (network_write(c->st, r, trend, top, cli_value(c, "out"), cli_flag(c, "force"),
				  &err) != K_OK)
			return cli_fail(c, &err);
	} else if (cli_flag(c, "json")) {
		struct strbuf sb = STRBUF_INIT;
		network_json(r, trend, &sb);
		fputs(strbuf_str(&sb), stdout);
		strbuf_free(&sb);
	} else {
		network_text(r, trend, top, utf8_user_locale(), stdout);
	}
	return cli_finish_output();
}

int cli_graph_report(struct cli *c)
{
	struct graph_args a;
	int rc = read_graph_args(c, &a);
	if (rc == CLI_OK)
		rc = read_number(c, "top", &a.top);
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	read_place(c, &a);
	a.o.exact = cli_flag(c, "exact");
	struct network_report r;
	struct network_trend *trend = NULL;
	struct kerr err;
	if (network_report(c->st, &a.q, &a.o, &r, &err) != K_OK)
		return cli_fail(c, &err);
	if (cli_flag(c, "trend")) {
		trend = xmalloc(sizeof *trend);
		if (network_trend(c->st, &a.q, trend, &err) != K_OK) {
			free(trend);
			network_report_free(&r);
			return cli_fail(c, &err);
		}
	}
	rc = report_out(c, &r, trend, a.top);
	free(trend);
	network_report_free(&r);
	return rc;
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
		strbuf_printf(&sb,
			      "%s{\"referral_id\":\"%s\",\"date\":\"%s\",\"kind\":\"%s\","
			      "\"status\":\"%s\",\"from_asset_id\":\"%s\",\"to_asset_id\":\"%s\","
			      "\"from\":",
			      i ? ",\n" : "", s->referral_id, s->date, s->kind, s->status,
			      s->from_id, s->to_id);
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
			printf("and %d other %s, fewer people each", n->folded,
			       n->folded == 1 ? "asset" : "assets");
		else
			cli_print_safe(n->name);
		printf("  %d %s%s\n", n->people, n->people == 1 ? "person" : "people",
		       n->folded ? " in all" : "");
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
	if (entity_resolve(c->st, &asset_entity, cli_value(c, "asset"), id, &err) != K_OK)
		return cli_fail(c, &err);
	struct chain_tree up, down;
	if (chain_asset(c->st, id, a->depth, a->top, a->q.since, a->q.until, &up, &down, &err) !=
	    K_OK)
		return cli_fail(c, &err);
	if (cli_flag(c, "json")) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_printf(&sb,
			      "{\"asset_id\":\"%s\",\"people\":%d,\"people_before\":%d,"
			      "\"people_after\":%d,\"referrals_in\":%d,\"referrals_out\":%d,"
			      "\"before\":",
			      id, down.n ? down.node[0].people : 0, up.moved, down.moved,
			      up.referrals, down.referrals);
		tree_json(&sb, &up);
		strbuf_puts(&sb, ",\"after\":");
		tree_json(&sb, &down);
		strbuf_puts(&sb, "}\n");
		fputs(strbuf_str(&sb), stdout);
		strbuf_free(&sb);
	} else {
		printf("Journeys through ");
		cli_print_safe(up.n ? up.node[0].name : id);
		printf(": %d people referred to or from it (%d referrals to it, %d from it)\n\n",
		       down.n ? down.node[0].people : 0, up.referrals, down.referrals);
		char title[120];
		snprintf(title, sizeof title,
			 "Where %d of them had been before it, hop by hop back:", up.moved);
		tree_text(&up, title);
		printf("\n");
		snprintf(title, sizeof title,
			 "Where %d of them went after it, hop by hop on:", down.moved);
		tree_text(&down, title);
	}
	chain_tree_free(&up);
	chain_tree_free(&down);
	return cli_finish_output();
}

int cli_graph_chain(struct cli *c)
{
	struct graph_args a;
	const char *person = cli_value(c, "person");
	if (!person == !cli_value(c, "asset"))
		return cli_usage(c, "give either --person ID or --asset ID");
	int rc = read_graph_args(c, &a);
	if (rc == CLI_OK)
		rc = read_number(c, "top", &a.top);
	if (rc == CLI_OK)
		rc = read_number(c, "depth", &a.depth);
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	if (!person)
		return asset_chain(c, &a);
	char id[ID_LEN];
	struct kerr err;
	struct record *who = NULL;
	if (entity_resolve(c->st, &person_entity, person, id, &err) != K_OK ||
	    entity_load(c->st, &person_entity, id, &who, &err) != K_OK)
		return cli_fail(c, &err);
	struct chain ch;
	if (chain_person(c->st, id, &ch, &err) != K_OK) {
		record_free(who);
		return cli_fail(c, &err);
	}
	if (cli_flag(c, "json"))
		chain_json(&ch);
	else
		chain_text(&ch, record_display(who));
	chain_free(&ch);
	record_free(who);
	return cli_finish_output();
}

/* ---- export ---- */

int cli_graph_export(struct cli *c)
{
	struct graph_args a;
	int rc = read_graph_args(c, &a);
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	read_place(c, &a);
	struct kerr err;
	int format = cli_choice(c, "format", EXPORT_GRAPHML);
	if (export_network(c->st, &a.q, (enum export_network_format)format, cli_value(c, "out"),
			   cli_flag(c, "force"), stdout, &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}
