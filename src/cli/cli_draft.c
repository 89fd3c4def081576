/* kith draft: a worker's own drafts (forms kept when kith had to stop, or another worker
 * logged in at the lock screen), listed or discarded from the command line. Each worker
 * sees only their own: they are sealed with their key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "draft.h"
#include "jsonw.h"
#include "strbuf.h"

static void draft_json(const struct draft *d, struct strbuf *sb)
{
	strbuf_putc(sb, '{');
	jsonw_key(sb, "id", 1);
	jsonw_string(sb, d->id);
	jsonw_key(sb, "entity", 0);
	jsonw_string(sb, d->entity);
	jsonw_key(sb, "record_id", 0);
	jsonw_string(sb, *d->record_id ? d->record_id : NULL);
	jsonw_key(sb, "person_id", 0);
	jsonw_string(sb, *d->person_id ? d->person_id : NULL);
	jsonw_key(sb, "created_at", 0);
	jsonw_string(sb, d->created_at);
	jsonw_key(sb, "typed", 0);
	strbuf_putc(sb, '{');
	for (int i = 0; i < d->n; i++) {
		jsonw_key(sb, d->name[i], i == 0);
		jsonw_string(sb, d->value[i]);
	}
	strbuf_puts(sb, "}}");
}

static void draft_line(const struct draft *d)
{
	char uk[DATE_LEN], day[DATE_LEN];
	snprintf(day, sizeof day, "%.10s", d->created_at);
	printf("%.8s  %-12s %s %.5s  ", d->id, d->entity, date_uk(day, uk), d->created_at + 11);
	for (int i = 0, shown = 0; i < d->n && shown < 3; i++) {
		if (d->name[i][0] == '@' || !*d->value[i])
			continue;
		printf("%s", shown++ ? ", " : "");
		cli_print_safe(d->value[i]);
	}
	putchar('\n');
}

int cli_draft_list(struct cli *c)
{
	struct draft *all = NULL;
	int n = 0;
	struct kerr err;
	bool json = cli_flag(c, "json");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	if (draft_list(c->st, &all, &n, &err) != K_OK)
		return cli_fail(c, &err);
	struct strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '[');
	for (int i = 0; i < n; i++) {
		if (json) {
			strbuf_puts(&sb, i ? "," : "");
			draft_json(&all[i], &sb);
		} else {
			draft_line(&all[i]);
		}
	}
	strbuf_puts(&sb, "]\n");
	if (json)
		fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
	draft_list_free(all, n);
	return cli_finish_output();
}

/* Discards one's own draft named by its id or its start, as `draft list` shows it. */
int cli_draft_discard(struct cli *c)
{
	struct draft *all = NULL;
	int n = 0, found = -1, matches = 0;
	struct kerr err;
	if (c->argc < 1)
		return cli_usage(c, "give the id of the draft to discard (see kith draft list)");
	const char *given = c->argv[0];
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	if (draft_list(c->st, &all, &n, &err) != K_OK)
		return cli_fail(c, &err);
	for (int i = 0; i < n; i++)
		if (strlen(given) >= 4 && strncmp(all[i].id, given, strlen(given)) == 0)
			found = i, matches++;
	int status =
		matches == 1
			? draft_discard(c->st, all[found].id, &err)
			: kerr_set(
				  &err, matches ? K_AMBIGUOUS : K_NOT_FOUND, "",
				  matches ? "more than one of your drafts starts %s: give more of its id"
					  : "you have no draft %s",
				  given);
	draft_list_free(all, n);
	return status == K_OK ? cli_finish_output() : cli_fail(c, &err);
}
