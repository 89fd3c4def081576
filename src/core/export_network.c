/* Exporting the referral network: its assets and the referrals between them as GraphML
 * (Gephi), DOT (Graphviz), CSV (a spreadsheet) or the edge list the graph driver reads,
 * written whole and private like every file kith writes. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	[EXPORT_GRAPHML] = "graphml", [EXPORT_DOT] = "dot", [EXPORT_NETWORK_CSV] = "csv",
	[EXPORT_EDGELIST] = "edgelist", NULL,
};
/* clang-format on */

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
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

static void write_graphml(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
	      "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
	      "  <key id=\"category\" for=\"node\" attr.name=\"category\" attr.type=\"string\"/>\n"
	      "  <key id=\"neighbourhood\" for=\"node\" attr.name=\"neighbourhood\" "
	      "attr.type=\"string\"/>\n"
	      "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"long\"/>\n"
	      "  <graph id=\"referrals\" edgedefault=\"directed\">\n",
	      f);
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
			fprintf(f,
				"    <edge source=\"%s\" target=\"%s\"><data key=\"weight\">%lld"
				"</data></edge>\n",
				net->id[v], net->id[g->out_to[i]], g->out_w[i]);
	fputs("  </graph>\n</graphml>\n", f);
}

/* One line per link, its names quoted as the records' CSV quotes them. */
static void write_csv(FILE *f, const struct network *net)
{
	const struct graph *g = net->g;
	struct strbuf line = STRBUF_INIT;
	fputs("source,target,referrals,source_name,target_name,source_category,target_category\r\n",
	      f);
	for (int v = 0; v < g->n; v++)
		for (int i = g->out_start[v]; i < g->out_start[v + 1]; i++) {
			int t = g->out_to[i];
			strbuf_reset(&line);
			strbuf_printf(&line, "%s,%s,%lld", net->id[v], net->id[t], g->out_w[i]);
			csv_cell(&line, net->name[v], false);
			csv_cell(&line, net->name[t], false);
			strbuf_printf(&line, ",%s,%s\r\n", asset_categories[net->category[v]],
				      asset_categories[net->category[t]]);
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

static void (*const writers[])(FILE *, const struct network *) = {
	[EXPORT_GRAPHML] = write_graphml,
	[EXPORT_DOT] = write_dot,
	[EXPORT_NETWORK_CSV] = write_csv,
	[EXPORT_EDGELIST] = write_edgelist,
};

int export_network(struct store *st, const struct network_query *q,
		   enum export_network_format format, const char *path, bool force, FILE *out,
		   struct kerr *err)
{
	struct network *net = NULL;
	struct file_out file;
	/* who may comes first: a worker is told that, not that the file is there */
	int status = auth_require(st, AUTH_EXPORT, err);
	if (status == K_OK && path)
		status = file_check_out(path, store_path(st), force, err);
	if (status == K_OK)
		status = network_load(st, q, &net, err);
	if (status == K_OK)
		status = audit_record(st, "export", "network", NULL, NULL, NULL,
				      export_network_formats[format], err);
	if (status == K_OK && path)
		status = file_out_open(&file, path, err);
	if (status == K_OK) {
		writers[format](path ? file.f : out, net);
		if (path)
			status = file_out_close(&file, true, err);
	}
	network_free(net);
	return status;
}
