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

static void csv_cell(FILE *f, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL || strchr("=+-@\t\r", s[0]);
	if (!quote) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (strchr("=+-@\t\r", s[0]) && s[0])
		fputc('\'', f); /* a spreadsheet would run it as a formula */
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

static void dot_text(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void export_dot(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	fprintf(f, "digraph kith {\n  label=\"referrals %s to %s\";\n", net->since, net->until);
	for (int v = 0; v < net->n; v++) {
		fprintf(f, "  \"%s\" [label=", net->id[v]);
		dot_text(f, net->name[v]);
		fprintf(f, ", category=\"%s\"];\n", asset_categories[net->category[v]]);
	}
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			fprintf(f, "  \"%s\" -> \"%s\" [weight=%lld];\n", net->id[v],
				net->id[g->out_to[i]], g->out_w[i]);
	fputs("}\n", f);
}

static void export_graphml(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
	      "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
	      "  <key id=\"category\" for=\"node\" attr.name=\"category\" attr.type=\"string\"/>\n"
	      "  <key id=\"neighbourhood\" for=\"node\" attr.name=\"neighbourhood\" "
	      "attr.type=\"string\"/>\n"
	      "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n"
	      "  <graph id=\"referrals\" edgedefault=\"directed\">\n", f);
	for (int v = 0; v < net->n; v++) {
		fprintf(f, "    <node id=\"%s\"><data key=\"name\">", net->id[v]);
		xml_text(f, net->name[v]);
		fprintf(f, "</data><data key=\"category\">%s</data><data key=\"neighbourhood\">",
			asset_categories[net->category[v]]);
		xml_text(f, net->neighbourhood[v]);
		fputs("</data></node>\n", f);
	}
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			fprintf(f, "    <edge source=\"%s\" target=\"%s\"><data key=\"weight\">%lld"
				   "</data></edge>\n", net->id[v], net->id[g->out_to[i]], g->out_w[i]);
	fputs("  </graph>\n</graphml>\n", f);
}

static void export_csv(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	fputs("source,target,referrals,source_name,target_name,source_category,target_category\r\n",
	      f);
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++) {
			int t = g->out_to[i];
			fprintf(f, "%s,%s,%lld,", net->id[v], net->id[t], g->out_w[i]);
			csv_cell(f, net->name[v]);
			fputc(',', f);
			csv_cell(f, net->name[t]);
			fprintf(f, ",%s,%s\r\n", asset_categories[net->category[v]],
				asset_categories[net->category[t]]);
		}
}

static void export_edgelist(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	fprintf(f, "n %d\n", g->n);
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			fprintf(f, "e %d %d %lld\n", v, g->out_to[i], g->out_w[i]);
	for (int v = 0; v < g->n; v++)
		fprintf(f, "g %d %d\n", v, net->category[v]);
}

/* Writes to a temporary file beside out and renames it, so a reader never sees half. */
static FILE *open_out(const char *out, char **tmp)
{
	*tmp = xasprintf("%s.tmp-XXXXXX", out);
	int fd = mkstemp(*tmp);
	if (fd < 0)
		return NULL;
	fchmod(fd, 0600);
	return fdopen(fd, "w");
}

static int cmd_export(struct cli *c)
{
	struct graph_args a;
	bool force = cli_take_flag(c, "force");
	int rc = read_graph_args(c, &a);
	if (rc != CLI_OK)
		return rc;
	static const char *const formats[] = {"dot", "graphml", "csv", "edgelist", NULL};
	void (*const writers[])(FILE *, const struct network *) = {export_dot, export_graphml,
								    export_csv, export_edgelist};
	int fmt = 0;
	const char *want = a.format ? a.format : "graphml";
	while (formats[fmt] && strcmp(formats[fmt], want) != 0)
		fmt++;
	if (!formats[fmt])
		return cli_usage(c, "--format is dot, graphml, csv or edgelist");
	struct network *net = NULL;
	struct kerr err;
	if (auth_require(c->st, AUTH_EXPORT, &err) != K_OK ||
	    (a.out && file_check_out(a.out, store_path(c->st), force, &err) != K_OK) ||
	    network_load(c->st, &a.q, &net, &err) != K_OK ||
	    audit_record(c->st, "export", "network", NULL, NULL, NULL, formats[fmt], &err) != K_OK) {
		network_free(net);
		return cli_fail(c, &err);
	}
	char *tmp = NULL;
	FILE *f = a.out ? open_out(a.out, &tmp) : stdout;
	if (!f) {
		fprintf(stderr, "kith: graph export: cannot write %s\n", a.out);
		rc = CLI_REFUSED;
	} else {
		writers[fmt](f, net);
		if (a.out) {
			bool bad = fflush(f) != 0 || ferror(f);
			bad |= fclose(f) != 0;
			if (bad || rename(tmp, a.out) != 0) {
				remove(tmp);
				fprintf(stderr, "kith: graph export: cannot write %s\n", a.out);
				rc = CLI_REFUSED;
			}
		}
	}
	free(tmp);
	network_free(net);
	return rc == CLI_OK ? cli_finish_output() : rc;
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
