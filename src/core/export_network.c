/* Exporting the referral network: its assets and the referrals between them as GraphML and
 * GEXF (Gephi), DOT (Graphviz), CSV (a spreadsheet, or Gephi's spreadsheet import: an edge
 * file and a nodes file beside it) or the edge list the graph driver reads, written whole and
 * private like every file kith writes. Names go out verbatim, escaped only as each format
 * needs. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "asset.h"
#include "audit.h"
#include "auth.h"
#include "csv.h"
#include "file.h"
#include "network.h"
#include "store.h"
#include "strbuf.h"

/* clang-format off */
const char *const export_network_formats[] = {
	[EXPORT_GRAPHML] = "graphml", [EXPORT_GEXF] = "gexf", [EXPORT_DOT] = "dot",
	[EXPORT_NETWORK_CSV] = "csv", [EXPORT_EDGELIST] = "edgelist", NULL,
};
/* clang-format on */

/* Text for an element or a double-quoted attribute. Line ends and tabs become references, for a
 * parser turns them into spaces in an attribute; the other controls, which XML 1.0 cannot carry
 * at all, become U+FFFD (kith refuses them in names, but an old file may hold one). */
static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '&')
			fputs("&amp;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c == '\n' || c == '\r' || c == '\t')
			fprintf(f, "&#%d;", c);
		else if (c < 0x20 || c == 0x7f)
			fputs("\xEF\xBF\xBD", f);
		else
			fputc(c, f);
	}
}

/* The period, and the place or category the network was narrowed to: "referrals 2026-01-01 to
 * 2026-12-31, neighbourhood Northgate". */
static void period_text(struct strbuf *sb, const struct network *net)
{
	strbuf_printf(sb, "referrals %s to %s", net->since, net->until);
	if (net->only_neighbourhood)
		strbuf_printf(sb, ", neighbourhood %s", net->only_neighbourhood);
	if (net->only_category)
		strbuf_printf(sb, ", category %s", net->only_category);
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

static void write_dot(FILE *f, const struct network *net)
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

/* <data key="key">text</data>, left out when text is NULL. */
static void graphml_data(FILE *f, const char *key, const char *text)
{
	if (!text)
		return;
	fprintf(f, "<data key=\"%s\">", key);
	xml_text(f, text);
	fputs("</data>", f);
}

/* The keys: label is what Gephi shows a node as (name is kept for those who read it); the
 * graph's own data say which period and which place or category it is of. */
static const char graphml_keys[] =
	"  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
	"  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
	"  <key id=\"category\" for=\"node\" attr.name=\"category\" attr.type=\"string\"/>\n"
	"  <key id=\"neighbourhood\" for=\"node\" attr.name=\"neighbourhood\" "
	"attr.type=\"string\"/>\n"
	"  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n"
	"  <key id=\"since\" for=\"graph\" attr.name=\"since\" attr.type=\"string\"/>\n"
	"  <key id=\"until\" for=\"graph\" attr.name=\"until\" attr.type=\"string\"/>\n"
	"  <key id=\"only_neighbourhood\" for=\"graph\" attr.name=\"only_neighbourhood\" "
	"attr.type=\"string\"/>\n"
	"  <key id=\"only_category\" for=\"graph\" attr.name=\"only_category\" "
	"attr.type=\"string\"/>\n";

static void write_graphml(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
	      f);
	fputs(graphml_keys, f);
	fputs("  <graph id=\"referrals\" edgedefault=\"directed\">\n    ", f);
	graphml_data(f, "since", net->since);
	graphml_data(f, "until", net->until);
	graphml_data(f, "only_neighbourhood", net->only_neighbourhood);
	graphml_data(f, "only_category", net->only_category);
	fputc('\n', f);
	for (int v = 0; v < net->n; v++) {
		fprintf(f, "    <node id=\"%s\">", net->id[v]);
		graphml_data(f, "label", net->name[v]);
		graphml_data(f, "name", net->name[v]);
		graphml_data(f, "category", asset_categories[net->category[v]]);
		graphml_data(f, "neighbourhood", net->neighbourhood[v]);
		fputs("</node>\n", f);
	}
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			fprintf(f,
				"    <edge source=\"%s\" target=\"%s\"><data key=\"weight\">%lld"
				"</data></edge>\n",
				net->id[v], net->id[g->out_to[i]], g->out_w[i]);
	fputs("  </graph>\n</graphml>\n", f);
}

/* GEXF 1.3, Gephi's own format: the period is the description in meta (a GEXF graph has no
 * data of its own), a node's category and neighbourhood are its attributes. */
static void gexf_head(FILE *f, const struct network *net)
{
	struct strbuf period = STRBUF_INIT;
	period_text(&period, net);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<gexf xmlns=\"http://gexf.net/1.3\" "
	      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
	      "version=\"1.3\">\n"
	      "  <meta>\n    <creator>kith</creator>\n    <description>",
	      f);
	xml_text(f, strbuf_str(&period));
	fputs("</description>\n  </meta>\n"
	      "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
	      "    <attributes class=\"node\" mode=\"static\">\n"
	      "      <attribute id=\"category\" title=\"category\" type=\"string\"/>\n"
	      "      <attribute id=\"neighbourhood\" title=\"neighbourhood\" type=\"string\"/>\n"
	      "    </attributes>\n",
	      f);
	strbuf_free(&period);
}

static void write_gexf(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	gexf_head(f, net);
	fputs("    <nodes>\n", f);
	for (int v = 0; v < net->n; v++) {
		fprintf(f, "      <node id=\"%s\" label=\"", net->id[v]);
		xml_text(f, net->name[v]);
		fprintf(f,
			"\"><attvalues><attvalue for=\"category\" value=\"%s\"/>"
			"<attvalue for=\"neighbourhood\" value=\"",
			asset_categories[net->category[v]]);
		xml_text(f, net->neighbourhood[v]);
		fputs("\"/></attvalues></node>\n", f);
	}
	fputs("    </nodes>\n    <edges>\n", f);
	long long id = 0;
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			fprintf(f,
				"      <edge id=\"%lld\" source=\"%s\" target=\"%s\" weight=\"%lld\"/>\n",
				id++, net->id[v], net->id[g->out_to[i]], g->out_w[i]);
	fputs("    </edges>\n  </graph>\n</gexf>\n", f);
}

/* One line per link, its names quoted as the records' CSV quotes them; Type and Weight are the
 * columns Gephi's spreadsheet import reads. */
static void write_csv(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	struct strbuf line = STRBUF_INIT;
	fputs("source,target,referrals,source_name,target_name,source_category,target_category,"
	      "Type,Weight\r\n",
	      f);
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++) {
			int t = g->out_to[i];
			strbuf_reset(&line);
			strbuf_printf(&line, "%s,%s,%lld", net->id[v], net->id[t], g->out_w[i]);
			csv_cell(&line, net->name[v], false);
			csv_cell(&line, net->name[t], false);
			strbuf_printf(&line, ",%s,%s,Directed,%lld\r\n",
				      asset_categories[net->category[v]],
				      asset_categories[net->category[t]], g->out_w[i]);
			fputs(strbuf_str(&line), f);
		}
	strbuf_free(&line);
}

/* Every asset of the network, those with no referral too, for Gephi's nodes table. */
static void write_csv_nodes(FILE *f, const struct network *net)
{
	struct strbuf line = STRBUF_INIT;
	fputs("Id,Label,category,neighbourhood\r\n", f);
	for (int v = 0; v < net->n; v++) {
		strbuf_reset(&line);
		strbuf_puts(&line, net->id[v]);
		csv_cell(&line, net->name[v], false);
		strbuf_printf(&line, ",%s", asset_categories[net->category[v]]);
		csv_cell(&line, net->neighbourhood[v], false);
		strbuf_puts(&line, "\r\n");
		fputs(strbuf_str(&line), f);
	}
	strbuf_free(&line);
}

static void write_edgelist(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	fprintf(f, "n %d\n", g->n);
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++)
			fprintf(f, "e %d %d %lld\n", v, g->out_to[i], g->out_w[i]);
	for (int v = 0; v < g->n; v++)
		fprintf(f, "g %d %d\n", v, net->category[v]);
}

typedef void writer_fn(FILE *, const struct network *);

static writer_fn *const writers[] = {
	[EXPORT_GRAPHML] = write_graphml,   [EXPORT_GEXF] = write_gexf,
	[EXPORT_DOT] = write_dot,           [EXPORT_NETWORK_CSV] = write_csv,
	[EXPORT_EDGELIST] = write_edgelist,
};

char *export_network_nodes_path(const char *path)
{
	size_t n = strlen(path);
	if (n > 4 && strcasecmp(path + n - 4, ".csv") == 0)
		n -= 4;
	struct strbuf sb = STRBUF_INIT;
	strbuf_add(&sb, path, n);
	strbuf_puts(&sb, "-nodes.csv");
	return strbuf_take(&sb);
}

static int write_file(const char *path, writer_fn *write, const struct network *net,
		      struct kerr *err)
{
	struct file_out file;
	int status = file_out_open(&file, path, err);
	if (status == K_OK) {
		write(file.f, net);
		status = file_out_close(&file, true, err);
	}
	return status;
}

int export_network(struct store *st, const struct network_query *q,
		   enum export_network_format format, const char *path, bool force, FILE *out,
		   struct kerr *err)
{
	struct network *net = NULL;
	/* the nodes file beside a CSV edge file, so that assets with no referral are kept */
	char *nodes = path && format == EXPORT_NETWORK_CSV ? export_network_nodes_path(path) : NULL;
	/* who may comes first: a worker is told that, not that the file is there */
	int status = auth_require(st, AUTH_EXPORT, err);
	if (status == K_OK && path)
		status = file_check_out(path, store_path(st), force, err);
	if (status == K_OK && nodes)
		status = file_check_out(nodes, store_path(st), force, err);
	if (status == K_OK)
		status = network_load(st, q, &net, err);
	if (status == K_OK)
		status = audit_record(st, "export", "network", NULL, NULL, NULL,
				      export_network_formats[format], err);
	if (status == K_OK && nodes)
		status = write_file(nodes, write_csv_nodes, net, err);
	if (status == K_OK && path)
		status = write_file(path, writers[format], net, err);
	else if (status == K_OK)
		writers[format](out, net);
	network_free(net);
	free(nodes);
	return status;
}
