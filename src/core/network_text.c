/* The connectedness report in words: as text for a terminal, as JSON for a program, and as the
 * phrases the Network screen shows. Every network-level figure comes from the one list in
 * network.h, so a figure added there appears in all three. */
#include "network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "auth.h"
#include "file.h"
#include "jsonw.h"
#include "store.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"

#define NETWORK_JSON_int "%d"
#define NETWORK_JSON_count "%lld"
#define NETWORK_JSON_real "%.17g"

/* ---- text ---- */

static void put_safe(FILE *out, const char *text)
{
	char *safe = utf8_printable(text ? text : "");
	fputs(safe, out);
	free(safe);
}

/* A name cut or padded to cols columns, control characters made harmless. */
static void put_cell(FILE *out, const char *text, int cols)
{
	char *safe = utf8_printable(text ? text : "");
	int used;
	size_t n = utf8_fit(safe, cols, &used);
	fwrite(safe, 1, n, out);
	for (; used < cols; used++)
		fputc(' ', out);
	free(safe);
}

static void row(FILE *out, const char *label, const char *now, const char *before)
{
	fprintf(out, "  %-28s %-30s %s\n", label, now, before ? before : "");
}

static void figure_rows(FILE *out, const struct network_figures *f, const struct network_figures *b)
{
	char x[96], y[96];
/* clang-format off */
#define NETWORK_ROW(field, type, key, label, format, ...)                   \
	if (label) {                                                          \
		snprintf(x, sizeof x, format, f->field);                      \
		if (b)                                                        \
			snprintf(y, sizeof y, format, b->field);              \
		row(out, label, x, b ? y : NULL);                             \
	}
	/* clang-format on */
	NETWORK_FIGURES(NETWORK_ROW)
#undef NETWORK_ROW
}

/* Node indexes sorted by a score, largest first, at most `top` with a score above zero. */
static int ranked(const struct network_report *r,
		  double (*score)(const struct network_report *, int), int top, int *out)
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

static void ranked_lists(FILE *out, const struct network_report *r, int top)
{
	const struct network *net = r->net;
	int *pick = xmalloc(((size_t)top + 1) * sizeof *pick), n = ranked(r, hub_score, top, pick);
	fprintf(out, "\nHubs: the most referrals in and out\n");
	for (int i = 0; i < n; i++) {
		fputs("  ", out);
		put_cell(out, net->name[pick[i]], 40);
		fprintf(out, " %lld in, %lld out\n", r->in_weight[pick[i]], r->out_weight[pick[i]]);
	}
	n = ranked(r, broker_score, top, pick);
	fprintf(out, "\nBrokers: most often between others (betweenness%s)\n",
		r->now.betweenness_exact ? "" : ", estimated from a sample");
	for (int i = 0; i < n; i++) {
		fputs("  ", out);
		put_cell(out, net->name[pick[i]], 40);
		fprintf(out, " %.4f\n", r->betweenness[pick[i]]);
	}
	free(pick);
}

/* The assets of which keep(r, v) holds, at most top, under a heading. */
static void named_list(FILE *out, const struct network_report *r, int top, const char *heading,
		       bool (*keep)(const struct network_report *, int))
{
	fprintf(out, "%s", heading);
	for (int v = 0, shown = 0; v < r->net->n && shown < top; v++)
		if (keep(r, v)) {
			fputs("  ", out);
			put_safe(out, r->net->name[v]);
			fputc('\n', out);
			shown++;
		}
}

static bool is_cut(const struct network_report *r, int v)
{
	return r->cut[v];
}

/* From the degrees, not the graph: a report kept without its graph is written too. */
static bool is_isolated(const struct network_report *r, int v)
{
	return r->in_degree[v] + r->out_degree[v] == 0;
}

static void lists(FILE *out, const struct network_report *r, int top)
{
	char heading[160];
	ranked_lists(out, r, top);
	snprintf(heading, sizeof heading,
		 "\nSingle points of failure: parts of the network hang "
		 "on them alone (%d)\n",
		 r->now.articulation_points);
	named_list(out, r, top, heading, is_cut);
	snprintf(heading, sizeof heading,
		 "\nIsolated assets: on the map but in no referral this "
		 "period (%d)\n",
		 r->now.isolated);
	named_list(out, r, top, heading, is_isolated);
}

/* The three busiest members of community c, into pick (-1 where it has fewer). */
static void busiest(const struct network_report *r, int c, int pick[3])
{
	pick[0] = pick[1] = pick[2] = -1;
	for (int v = 0; v < r->net->n; v++) {
		if (r->communities.community[v] != c)
			continue;
		for (int k = 0; k < 3; k++)
			if (pick[k] < 0 || hub_score(r, v) > hub_score(r, pick[k])) {
				memmove(pick + k + 1, pick + k, (size_t)(2 - k) * sizeof *pick);
				pick[k] = v;
				break;
			}
	}
}

static void communities(FILE *out, const struct network_report *r, int top)
{
	fprintf(out, "\nCommunities (Louvain): the largest, with their busiest members\n");
	for (int c = 0; c < r->communities.count && c < top; c++) {
		if (r->communities.size[c] < 2)
			break;
		int pick[3];
		busiest(r, c, pick);
		fprintf(out, "  %d. %d assets:", c + 1, r->communities.size[c]);
		for (int k = 0; k < 3 && pick[k] >= 0; k++) {
			fputs(k ? ", " : " ", out);
			put_safe(out, r->net->name[pick[k]]);
		}
		fputc('\n', out);
	}
}

void network_text(const struct network_report *r, const struct network_trend *trend, int top,
		  bool utf8, FILE *out)
{
	char a[DATE_LEN], b[DATE_LEN], c[DATE_LEN], d[DATE_LEN];
	const char *tag = r->now.betweenness_exact ? ""
						   : " (sampled: figures marked ~ are estimates)";
	fputs("Referral network", out);
	if (r->net->only_category || r->net->only_neighbourhood) {
		fputs(" of ", out);
		put_safe(out, r->net->only_category);
		fputs(r->net->only_category ? " assets" : "assets", out);
	}
	if (r->net->only_neighbourhood) {
		fputs(" in ", out);
		put_safe(out, r->net->only_neighbourhood);
	}
	fprintf(out, ", %s to %s%s\n\n", date_uk(r->net->since, a), date_uk(r->net->until, b), tag);
	if (r->has_before) {
		char head[64];
		snprintf(head, sizeof head, "%s to %s", date_uk(r->before_since, c),
			 date_uk(r->before_until, d));
		row(out, "", "this period", head);
	}
	figure_rows(out, &r->now, r->has_before ? &r->before : NULL);
	if (!r->now.distances_exact)
		fprintf(out,
			"  ~ average distance and diameter from %s: the diameter may be "
			"larger\n",
			"a sample of assets");
	lists(out, r, top);
	communities(out, r, top);
	if (trend)
		network_trend_text(trend, utf8, out);
	network_meanings_text(out);
}

/* ---- what the figures mean ---- */

/* clang-format off */
const struct network_term network_asset_terms[] = {
	{"Links in, out",
	 "How many different assets referred someone to it, and how many it referred someone "
	 "to. Four referrals from one asset are one link in."},
	{"Referrals in, out",
	 "How many referrals reached it, and how many it made, each counted: the busyness of "
	 "its links. Only referrals between assets of the network count; its chain browser "
	 "(Enter) follows the people themselves, wherever they had been before."},
	{"Betweenness",
	 "How often it lies on the shortest way between two other assets, 0 to 1: a broker "
	 "that others' connections go through (≈: worked out from a sample of assets)."},
	{"Clustering",
	 "How far the assets it is linked to are linked to each other, 0 to 1."},
	{"Cut point",
	 "yes: a single point of failure; some assets reach the rest of the network only "
	 "through it."},
	{NULL, NULL},
};
/* clang-format on */

const char *network_meaning(const char *key)
{
/* clang-format off */
#define NETWORK_MEANING(field, type, name, label, format, text, number, scale, flags, meaning) \
	if (strcmp(key, name) == 0)                                                            \
		return meaning;
	/* clang-format on */
	NETWORK_FIGURES(NETWORK_MEANING)
#undef NETWORK_MEANING
	return NULL;
}

/* The words of text from column indent, lines within width columns. */
static void wrapped(FILE *out, const char *text, int indent, int width)
{
	int at = indent;
	fprintf(out, "%*s", indent, "");
	while (*text) {
		size_t n = strcspn(text, " ");
		char word[200];
		snprintf(word, sizeof word, "%.*s", (int)n, text);
		int w = utf8_width(word);
		if (at > indent && at + 1 + w > width) {
			fprintf(out, "\n%*s", indent, "");
			at = indent;
		} else if (at > indent) {
			fputc(' ', out);
			at++;
		}
		fwrite(text, 1, n, out);
		at += w;
		text += n;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

static void meaning_row(FILE *out, const char *label, const char *meaning)
{
	while (*label == ' ')
		label++;
	fprintf(out, "  %s\n", label);
	wrapped(out, meaning, 6, 92);
}

void network_meanings_text(FILE *out)
{
	fprintf(out, "\nWhat the figures mean\n");
/* clang-format off */
#define NETWORK_EXPLAIN(field, type, key, label, format, text, number, scale, flags, meaning) \
	if (label)                                                                             \
		meaning_row(out, label, meaning);
	/* clang-format on */
	NETWORK_FIGURES(NETWORK_EXPLAIN)
#undef NETWORK_EXPLAIN
	fprintf(out, "\nWhat each asset's measures mean\n");
	for (int i = 0; network_asset_terms[i].term; i++)
		meaning_row(out, network_asset_terms[i].term, network_asset_terms[i].meaning);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n >= k && strcmp(s + n - k, tail) == 0;
}

int network_write(struct store *st, const struct network_report *r,
		  const struct network_trend *trend, int top, const char *path, bool force,
		  struct kerr *err)
{
	struct file_out o;
	int status = auth_require(st, AUTH_REPORTS, err);
	if (status == K_OK)
		status = file_check_out(path, store_path(st), force, err);
	if (status == K_OK)
		status = file_out_open(&o, path, err);
	if (status != K_OK)
		return status;
	if (ends_with(path, ".json")) {
		struct strbuf sb = STRBUF_INIT;
		network_json(r, trend, &sb);
		fputs(strbuf_str(&sb), o.f);
		strbuf_free(&sb);
	} else {
		network_text(r, trend, top, true, o.f);
	}
	return file_out_close(&o, true, err);
}

/* ---- JSON ---- */

void network_figures_json(const struct network_figures *f, struct strbuf *sb)
{
	const char *comma = "";
/* clang-format off */
#define NETWORK_KEY(field, type, key, ...)                                          \
	strbuf_printf(sb, "%s\"" key "\":" NETWORK_JSON_##type, comma, f->field);    \
	comma = ",";
	/* clang-format on */
	strbuf_putc(sb, '{');
	NETWORK_FIGURES(NETWORK_KEY)
#undef NETWORK_KEY
	strbuf_printf(sb, ",\"betweenness_exact\":%s,\"distances_exact\":%s}",
		      f->betweenness_exact ? "true" : "false",
		      f->distances_exact ? "true" : "false");
}

static void json_asset(struct strbuf *sb, const struct network_report *r, int v)
{
	const struct network *net = r->net;
	strbuf_puts(sb, "{\"id\":");
	jsonw_string(sb, net->id[v]);
	strbuf_puts(sb, ",\"name\":");
	jsonw_string(sb, net->name[v]);
	strbuf_printf(sb, ",\"category\":\"%s\",\"neighbourhood\":",
		      asset_categories[net->category[v]]);
	jsonw_string(sb, net->neighbourhood[v]);
	strbuf_printf(sb,
		      ",\"in_degree\":%d,\"out_degree\":%d,\"in_referrals\":%lld,"
		      "\"out_referrals\":%lld,\"betweenness\":%.17g,\"clustering\":%.17g,"
		      "\"articulation_point\":%s,\"community\":%d}",
		      r->in_degree[v], r->out_degree[v], r->in_weight[v], r->out_weight[v],
		      r->betweenness[v], r->clustering[v], r->cut[v] ? "true" : "false",
		      r->communities.community[v] + 1);
}

void network_json(const struct network_report *r, const struct network_trend *trend,
		  struct strbuf *sb)
{
	strbuf_printf(sb, "{\"since\":\"%s\",\"until\":\"%s\",\"neighbourhood\":", r->net->since,
		      r->net->until);
	if (r->net->only_neighbourhood)
		jsonw_string(sb, r->net->only_neighbourhood);
	else
		strbuf_puts(sb, "null");
	strbuf_puts(sb, ",\"category\":");
	if (r->net->only_category)
		jsonw_string(sb, r->net->only_category);
	else
		strbuf_puts(sb, "null");
	strbuf_puts(sb, ",\"figures\":");
	network_figures_json(&r->now, sb);
	if (r->has_before) {
		strbuf_printf(sb, ",\"previous\":{\"since\":\"%s\",\"until\":\"%s\",\"figures\":",
			      r->before_since, r->before_until);
		network_figures_json(&r->before, sb);
		strbuf_putc(sb, '}');
	}
	strbuf_puts(sb, ",\"assets\":[");
	for (int v = 0; v < r->net->n; v++) {
		if (v)
			strbuf_puts(sb, ",\n");
		json_asset(sb, r, v);
	}
	strbuf_puts(sb, "],\"bridges\":[");
	for (int i = 0; i < r->nbridge; i++)
		strbuf_printf(sb, "%s[\"%s\",\"%s\"]", i ? "," : "", r->net->id[r->bridge[i][0]],
			      r->net->id[r->bridge[i][1]]);
	strbuf_putc(sb, ']');
	if (trend) {
		strbuf_puts(sb, ",\"trend\":");
		network_trend_json(trend, sb);
	}
	strbuf_puts(sb, "}\n");
}

/* ---- the screen's phrases ---- */

/* One figure as the screen says it: the value now and, when there is one, before. */
struct saying {
	const char *text, *number;
	double now, before;
	bool has_before;
	int flags;
};

/* Appends a figure's phrase to the fact it joins, or starts the next fact with it. */
static int phrase(char (*fact)[NETWORK_PHRASE_LEN], int n, int max, const struct saying *s,
		  bool rough)
{
	char value[48], then[48], said[NETWORK_PHRASE_LEN], was[64] = "";
	snprintf(value, sizeof value, s->number, s->now);
	snprintf(then, sizeof then, s->number, s->before);
	if ((s->flags & NETWORK_WAS) && s->has_before && strcmp(value, then) != 0)
		snprintf(was, sizeof was, " (was %s)", then);
	char *shown = xasprintf("%s%s", rough && (s->flags & NETWORK_ROUGH) ? "≈" : "", value);
	snprintf(said, sizeof said, s->text, shown);
	free(shown);
	if (!(s->flags & NETWORK_JOIN) || n == 0) {
		if (n == max)
			return n;
		fact[n++][0] = '\0';
	}
	size_t used = strlen(fact[n - 1]);
	snprintf(fact[n - 1] + used, NETWORK_PHRASE_LEN - used, "%s%s", said, was);
	return n;
}

int network_phrases(const struct network_figures *f, const struct network_figures *before,
		    char (*fact)[NETWORK_PHRASE_LEN], int max)
{
	int n = 0;
/* clang-format off */
#define NETWORK_PHRASE(field, type, key, label, format, text, number, scale, flags, ...)  \
	if (text) {                                                                        \
		struct saying s = {text, number, (double)(scale) * (double)f->field,         \
				   before ? (double)(scale) * (double)before->field : 0,      \
				   before != NULL, flags};                                    \
		n = phrase(fact, n, max, &s, !f->distances_exact);                          \
	}
	/* clang-format on */
	NETWORK_FIGURES(NETWORK_PHRASE)
#undef NETWORK_PHRASE
	return n;
}
