/* Gifts first: correcting and removing a person's or an asset's tags, and what fits a
 * person (kith person match), ranked with why each was suggested. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "jsonw.h"
#include "match.h"
#include "strbuf.h"
#include "tag.h"
#include "valid.h"

static int words_then_open(struct cli *c, int words)
{
	if (c->argc < words)
		return cli_usage(c, "needs %d argument%s", words, words == 1 ? "" : "s");
	return cli_open(c);
}

int cli_untag(struct cli *c)
{
	struct kerr err;
	int rc = words_then_open(c, 2);
	if (rc != CLI_OK)
		return rc;
	if (tag_detach(c->st, c->def->kind, c->argv[0], c->argv[1], &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}

int cli_retag(struct cli *c)
{
	struct kerr err;
	int rc = words_then_open(c, 3);
	if (rc != CLI_OK)
		return rc;
	int kind = cli_choice(c, "kind", -1);
	if (tag_correct(c->st, c->def->kind, c->argv[0], c->argv[1],
			kind >= 0 ? tag_kinds[kind] : NULL, c->argv[2], &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}

static void match_json(const struct match_list *list)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '[');
	for (int i = 0; i < list->n; i++) {
		const struct match_item *m = &list->item[i];
		strbuf_puts(&sb, i ? ",\n{" : "{");
		jsonw_key(&sb, "id", 1);
		jsonw_string(&sb, m->id);
		jsonw_key(&sb, "name", 0);
		jsonw_string(&sb, m->name);
		jsonw_key(&sb, "category", 0);
		jsonw_string(&sb, m->category);
		jsonw_key(&sb, "neighbourhood", 0);
		jsonw_string(&sb, m->neighbourhood);
		strbuf_printf(&sb, ",\"near\":%s,\"ready\":%s,\"full\":%s,\"fit\":%d",
			      m->near ? "true" : "false", m->ready ? "true" : "false",
			      m->full ? "true" : "false", m->fit);
		jsonw_key(&sb, "why", 0);
		jsonw_string(&sb, m->why);
		strbuf_putc(&sb, '}');
	}
	strbuf_puts(&sb, "]\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
}

static void match_text(const struct match_list *list)
{
	if (list->terms == 0)
		printf("nothing to match yet: record their gifts (person tag) or what matters "
		       "to them\n");
	else if (list->n == 0)
		printf("no group or asset fits their gifts, passions or what matters to them\n");
	for (int i = 0; i < list->n; i++) {
		const struct match_item *m = &list->item[i];
		printf("%2d. %s (%s%s%s)\n    %s\n", i + 1, m->name, m->category,
		       *m->neighbourhood ? ", " : "", m->neighbourhood, m->why);
	}
	if (list->found > list->n)
		printf("and %d more that fit less well or are further away (--limit)\n",
		       list->found - list->n);
}

int cli_person_match(struct cli *c)
{
	struct kerr err;
	const char *v = cli_value(c, "limit");
	long limit = 10;
	if (v && valid_int(v, 1, 1000, &limit, "--limit", &err) != K_OK)
		return cli_usage(c, "%s", err.msg);
	int rc = words_then_open(c, 1);
	if (rc != CLI_OK)
		return rc;
	struct match_list list;
	if (match_person(c->st, c->argv[0], (int)limit, &list, &err) != K_OK) {
		match_list_free(&list);
		return cli_fail(c, &err);
	}
	if (cli_flag(c, "json"))
		match_json(&list);
	else
		match_text(&list);
	match_list_free(&list);
	return cli_finish_output();
}
