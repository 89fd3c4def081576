/* The command line of the programme's own records: a partnership's partners joining and
 * leaving, and the readiness self-assessment rated question by question and read back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "partnership.h"
#include "readiness.h"
#include "report.h"
#include "valid.h"

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

int cli_partnership_join(struct cli *c)
{
	struct kerr err;
	int rc = open_with(c, 2);
	if (rc != CLI_OK)
		return rc;
	return done(c, partnership_join(c->st, c->argv[0], c->argv[1], &err), &err);
}

int cli_partnership_leave(struct cli *c)
{
	struct kerr err;
	int rc = open_with(c, 2);
	if (rc != CLI_OK)
		return rc;
	return done(c, partnership_leave(c->st, c->argv[0], c->argv[1], &err), &err);
}

int cli_partnership_partners(struct cli *c)
{
	struct kerr err;
	char id[ID_LEN];
	struct partner_list list = {0};
	int rc = open_with(c, 1);
	if (rc != CLI_OK)
		return rc;
	int status = entity_resolve(c->st, &partnership_entity, c->argv[0], id, &err);
	if (status == K_OK)
		status = partnership_partners(c->st, id, &list, &err);
	if (status != K_OK)
		return cli_fail(c, &err);
	for (int i = 0; i < list.n; i++) {
		printf("%-36s ", list.item[i].asset_id);
		cli_print_cell(list.item[i].name, 32);
		printf(" %s\n", list.item[i].category);
	}
	partnership_partners_free(&list);
	return cli_finish_output();
}

int cli_readiness_rate(struct cli *c)
{
	struct kerr err;
	long question = 0;
	int rating = 0;
	int rc = open_with(c, 3);
	if (rc != CLI_OK)
		return rc;
	int status = valid_int(c->argv[1], 1, READINESS_QUESTIONS, &question, "question", &err);
	if (status == K_OK)
		status = readiness_rating_parse(c->argv[2], &rating, &err);
	if (status == K_OK)
		status = readiness_rate(c->st, c->argv[0], (int)question, rating,
					cli_value(c, "evidence"), &err);
	return done(c, status, &err);
}

static void print_answers(const struct readiness_answers *a)
{
	printf("%s (%s)\n", a->title, a->date);
	for (int t = 0; t < READINESS_THEMES; t++) {
		double mean;
		if (readiness_theme_mean(a, t, &mean))
			printf("\n%s: %.1f\n", readiness_themes[t], mean);
		else
			printf("\n%s: not rated\n", readiness_themes[t]);
		for (int q = 0; q < READINESS_QUESTIONS; q++) {
			if (readiness_questions[q].theme != t)
				continue;
			int r = a->rating[q];
			printf("  %2d %-42s %d %s\n", q + 1, readiness_questions[q].label, r,
			       r ? readiness_levels[r - 1] : "not rated");
			if (*a->evidence[q]) {
				fputs("       ", stdout);
				cli_print_safe(a->evidence[q]);
				putchar('\n');
			}
		}
	}
}

int cli_readiness_answers(struct cli *c)
{
	struct kerr err;
	char id[ID_LEN];
	struct readiness_answers a;
	int rc = open_with(c, 1);
	if (rc != CLI_OK)
		return rc;
	int status = entity_resolve(c->st, &readiness_entity, c->argv[0], id, &err);
	if (status == K_OK)
		status = readiness_answers_load(c->st, id, &a, &err);
	if (status != K_OK)
		return cli_fail(c, &err);
	print_answers(&a);
	readiness_answers_free(&a);
	return cli_finish_output();
}

/* --since and --until as a report's period (the twelve months to today by default). */
static int read_period(struct cli *c, struct report_query *q)
{
	struct kerr err;
	const char *since = cli_value(c, "since"), *until = cli_value(c, "until");
	memset(q, 0, sizeof *q);
	int status = K_OK;
	if (since)
		status = date_parse(since, q->from, "since", &err);
	if (status == K_OK && until)
		status = date_parse(until, q->to, "until", &err);
	if (status == K_OK)
		status = report_period(q, &err);
	return status == K_OK ? CLI_OK : cli_usage(c, "--%s", err.msg);
}

static void figures_json(const struct report_query *q, const struct partnership_figures *f)
{
	printf("{\"since\": \"%s\", \"until\": \"%s\", \"partnerships\": %d, \"new\": %d, "
	       "\"ended\": %d, \"forming\": %d, \"organisations\": %d, "
	       "\"organisations_in_none\": %d, \"partners\": %d, \"links\": %d, "
	       "\"components\": %d, \"largest\": %d, \"density\": %.9f}\n",
	       q->from, q->to, f->partnerships, f->started, f->ended, f->forming, f->organisations,
	       f->in_none, f->partners, f->links, f->components, f->largest, f->density);
}

static void figures_text(const struct report_query *q, const struct partnership_figures *f)
{
	printf("Partnerships from %s to %s\n", q->from, q->to);
	printf("  partnerships                     %d (%d new, %d ended; %d forming)\n",
	       f->partnerships, f->started, f->ended, f->forming);
	printf("  groups and institutions in none  %d of %d\n", f->in_none, f->organisations);
	printf("  partners                         %d, in %d pairs\n", f->partners, f->links);
	printf("  separate parts                   %d (the largest has %d)\n", f->components,
	       f->largest);
	printf("  density                          %.3f\n", f->density);
}

int cli_partnership_network(struct cli *c)
{
	struct kerr err;
	struct report_query q;
	struct partnership_figures f;
	int rc = read_period(c, &q);
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	if (partnership_figures(c->st, q.from, q.to, &f, &err) != K_OK)
		return cli_fail(c, &err);
	if (cli_flag(c, "json"))
		figures_json(&q, &f);
	else
		figures_text(&q, &f);
	return cli_finish_output();
}
