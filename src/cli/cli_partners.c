/* The command line of the programme's own records: a partnership's partners joining and
 * leaving, and the readiness self-assessment rated question by question and read back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "partnership.h"
#include "readiness.h"
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
