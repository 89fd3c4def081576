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

/* ---- the report as text ---- */

static void row(const char *label, const char *now, const char *before)
{
	printf("  %-28s %-30s %s\n", label, now, before ? before : "");
}

static void figure_rows(const struct network_figures *f, const struct network_figures *b)
{
	char x[96], y[96];
#define ROW(label, fmt, field)                                        \
	do {                                                          \
		snprintf(x, sizeof x, fmt, f->field);                   \
		if (b)                                                  \
			snprintf(y, sizeof y, fmt, b->field);           \
		row(label, x, b ? y : NULL);                            \
	} while (0)
	ROW("assets", "%d", assets);
	ROW("assets with any flow", "%d", with_flow);
	ROW("isolated assets", "%d", isolated);
	ROW("links (asset to asset)", "%d", edges);
	ROW("referrals", "%lld", referrals);
	ROW("  of which self-referrals", "%lld", self_referrals);
	ROW("density", "%.5f", density);
	ROW("reciprocity", "%.3f", reciprocity);
	ROW("weakly connected parts", "%d", wcc);
	ROW("  largest part, assets", "%d", wcc_largest);
	ROW("  largest part, share", "%.3f", wcc_share);
	ROW("strongly connected parts", "%d", scc);
	ROW("  largest, assets", "%d", scc_largest);
	ROW("single points of failure", "%d", articulation_points);
	ROW("bridges", "%d", bridges);
	ROW("average clustering", "%.4f", average_clustering);
	ROW("transitivity", "%.4f", transitivity);
	ROW("average distance", "%.3f", average_path);
	ROW("diameter", "%d", diameter);
	ROW("communities", "%d", communities);
	ROW("modularity", "%.4f", modularity);
	ROW("links across categories", "%.3f", cross_share);
	ROW("E-I index", "%.3f", ei_index);
#undef ROW
}

/* Node indexes sorted by a score, largest first, at most `top` with a score above zero. */
static int ranked(const struct network_report *r, double (*score)(const struct network_report *, int),
		  int top, int *out)
{
	int n = 0;
	for (int v = 0; v < r->net->n; v++) {
		double s = score(r, v);
		int at;
		if (s <= 0)
			continue;
		if (n < top)
			at = n++;
		else if (s > score(r, out[top - 1]))
			at = top - 1;
		else
			continue;
		out[at] = v;
		for (int i = at; i > 0 && score(r, out[i - 1]) < score(r, out[i]); i--) {
			int t = out[i - 1];
			out[i - 1] = out[i], out[i] = t;
		}
	}
	return n;
}

static double hub_score(const struct network_report *r, int v)
{
	return (double)(r->in_weight[v] + r->out_weight[v]);
}

static double broker_score(const struct network_report *r, int v)
{
	return r->betweenness[v];
}

static void lists(const struct network_report *r, int top)
{
	const struct network *net = r->net;
	int *pick = xmalloc(((size_t)top + 1) * sizeof *pick), n = ranked(r, hub_score, top, pick);
	printf("\nHubs: the most referrals in and out\n");
	for (int i = 0; i < n; i++) {
		printf("  ");
		cli_print_cell(net->name[pick[i]], 40);
		printf(" %lld in, %lld out\n", r->in_weight[pick[i]], r->out_weight[pick[i]]);
	}
	n = ranked(r, broker_score, top, pick);
	printf("\nBrokers: most often between others (betweenness%s)\n",
	       r->now.betweenness_exact ? "" : ", estimated from a sample");
	for (int i = 0; i < n; i++) {
		printf("  ");
		cli_print_cell(net->name[pick[i]], 40);
		printf(" %.4f\n", r->betweenness[pick[i]]);
	}
	free(pick);
	printf("\nSingle points of failure: parts of the network hang on them alone (%d)\n",
	       r->now.articulation_points);
	for (int v = 0, shown = 0; v < net->n && shown < top; v++)
		if (r->cut[v]) {
			printf("  ");
			cli_print_safe(net->name[v]);
			printf("\n");
			shown++;
		}
	printf("\nIsolated assets: on the map but in no referral this period (%d)\n",
	       r->now.isolated);
	for (int v = 0, shown = 0; v < net->n && shown < top; v++)
		if (r->net->g->und_start[v + 1] == r->net->g->und_start[v]) {
			printf("  ");
			cli_print_safe(net->name[v]);
			printf("\n");
			shown++;
		}
}

static void communities(const struct network_report *r, int top)
{
	const struct network *net = r->net;
	printf("\nCommunities (Louvain): the largest, with their busiest members\n");
	for (int c = 0; c < r->communities.count && c < top; c++) {
		if (r->communities.size[c] < 2)
			break;
		int pick[3] = {-1, -1, -1};
		for (int v = 0; v < net->n; v++) {
			if (r->communities.community[v] != c)
				continue;
			for (int k = 0; k < 3; k++)
				if (pick[k] < 0 || hub_score(r, v) > hub_score(r, pick[k])) {
					memmove(pick + k + 1, pick + k, (size_t)(2 - k) * sizeof *pick);
					pick[k] = v;
					break;
				}
		}
		printf("  %d. %d assets:", c + 1, r->communities.size[c]);
		for (int k = 0; k < 3 && pick[k] >= 0; k++)
			printf("%s %s", k ? "," : "", net->name[pick[k]]);
		printf("\n");
	}
}

static void report_text(const struct network_report *r, int top)
{
	char a[DATE_LEN], b[DATE_LEN], c[DATE_LEN], d[DATE_LEN];
	const char *tag = r->now.betweenness_exact ? "" : " (sampled: figures marked ~ are estimates)";
	printf("Referral network, %s to %s%s\n\n", date_uk(r->net->since, a),
	       date_uk(r->net->until, b), tag);
	if (r->has_before) {
		char head[64];
		snprintf(head, sizeof head, "%s to %s", date_uk(r->before_since, c),
			 date_uk(r->before_until, d));
		row("", "this period", head);
	}
	figure_rows(&r->now, r->has_before ? &r->before : NULL);
	if (!r->now.distances_exact)
		printf("  ~ average distance and diameter from %s: the diameter may be larger\n",
		       "a sample of assets");
	lists(r, top);
	communities(r, top);
}

/* ---- the report as JSON ---- */

static void json_figures(struct strbuf *sb, const struct network_figures *f)
{
	strbuf_printf(sb, "{\"assets\":%d,\"assets_with_flow\":%d,\"isolated\":%d,"
			  "\"edges\":%d,\"referrals\":%lld,\"self_referrals\":%lld,"
			  "\"density\":%.17g,\"reciprocity\":%.17g,\"weak_components\":%d,"
			  "\"weak_largest\":%d,\"weak_largest_share\":%.17g,"
			  "\"strong_components\":%d,\"strong_largest\":%d,"
			  "\"strong_largest_share\":%.17g,\"articulation_points\":%d,"
			  "\"bridges\":%d,\"average_clustering\":%.17g,\"transitivity\":%.17g,"
			  "\"average_path\":%.17g,\"diameter\":%d,\"communities\":%d,"
			  "\"modularity\":%.17g,\"cross_category_share\":%.17g,"
			  "\"ei_index\":%.17g,\"betweenness_exact\":%s,\"distances_exact\":%s}",
		      f->assets, f->with_flow, f->isolated, f->edges, f->referrals,
		      f->self_referrals, f->density, f->reciprocity, f->wcc, f->wcc_largest,
		      f->wcc_share, f->scc, f->scc_largest, f->scc_share, f->articulation_points,
		      f->bridges, f->average_clustering, f->transitivity, f->average_path,
		      f->diameter, f->communities, f->modularity, f->cross_share, f->ei_index,
		      f->betweenness_exact ? "true" : "false", f->distances_exact ? "true" : "false");
}

static void json_asset(struct strbuf *sb, const struct network_report *r, int v)
{
	const struct network *net = r->net;
	strbuf_puts(sb, "{\"id\":");
	jsonw_string(sb, net->id[v]);
	strbuf_puts(sb, ",\"name\":");
	jsonw_string(sb, net->name[v]);
	strbuf_printf(sb, ",\"category\":\"%s\",\"neighbourhood\":", asset_categories[net->category[v]]);
	jsonw_string(sb, net->neighbourhood[v]);
	strbuf_printf(sb, ",\"in_degree\":%d,\"out_degree\":%d,\"in_referrals\":%lld,"
			  "\"out_referrals\":%lld,\"betweenness\":%.17g,\"clustering\":%.17g,"
			  "\"articulation_point\":%s,\"community\":%d}",
		      r->in_degree[v], r->out_degree[v], r->in_weight[v], r->out_weight[v],
		      r->betweenness[v], r->clustering[v], r->cut[v] ? "true" : "false",
		      r->communities.community[v] + 1);
}

static void report_json(const struct network_report *r)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "{\"since\":\"%s\",\"until\":\"%s\",\"figures\":", r->net->since,
		      r->net->until);
	json_figures(&sb, &r->now);
	if (r->has_before) {
		strbuf_printf(&sb, ",\"previous\":{\"since\":\"%s\",\"until\":\"%s\",\"figures\":",
			      r->before_since, r->before_until);
		json_figures(&sb, &r->before);
		strbuf_putc(&sb, '}');
	}
	strbuf_puts(&sb, ",\"assets\":[");
	for (int v = 0; v < r->net->n; v++) {
		if (v)
			strbuf_puts(&sb, ",\n");
		json_asset(&sb, r, v);
	}
	strbuf_puts(&sb, "],\"bridges\":[");
	for (int i = 0; i < r->nbridge; i++)
		strbuf_printf(&sb, "%s[\"%s\",\"%s\"]", i ? "," : "", r->net->id[r->bridge[i][0]],
			      r->net->id[r->bridge[i][1]]);
	strbuf_puts(&sb, "]}\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
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
	if (a.json)
		report_json(&r);
	else
		report_text(&r, a.top);
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
