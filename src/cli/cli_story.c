/* Commands for stories beyond add/list/show/edit/delete: linking a story to the people,
 * assets, groups and activities it is about, tagging it with the programme's intended
 * outcomes, and listing both. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "jsonw.h"
#include "store.h"
#include "story.h"
#include "strbuf.h"

/* "group" names an asset that is a group: both are linked as assets. */
static int link_kind(struct cli *c, const char *word, enum story_link *out)
{
	for (int k = 0; story_link_kinds[k]; k++)
		if (strcmp(word, story_link_kinds[k]) == 0)
			return *out = (enum story_link)k, CLI_OK;
	if (strcmp(word, "group") == 0)
		return *out = STORY_LINK_ASSET, CLI_OK;
	return cli_usage(c, "KIND is person, asset, group or activity, not '%s'", word);
}

static int linking(struct cli *c, bool on)
{
	enum story_link kind = STORY_LINK_PERSON;
	if (c->argc < 3)
		return cli_usage(c, "needs 3 arguments");
	int rc = link_kind(c, c->argv[1], &kind);
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	if (story_link(c->st, c->argv[0], kind, c->argv[2], on, &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}

int cli_story_link(struct cli *c)
{
	return linking(c, true);
}

int cli_story_unlink(struct cli *c)
{
	return linking(c, false);
}

static int tagging(struct cli *c, bool on)
{
	if (c->argc < 2)
		return cli_usage(c, "needs 2 arguments");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	if (story_tag(c->st, c->argv[0], c->argv[1], on, &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}

int cli_story_tag(struct cli *c)
{
	return tagging(c, true);
}

int cli_story_untag(struct cli *c)
{
	return tagging(c, false);
}

int cli_story_outcomes(struct cli *c)
{
	(void)c;
	for (int i = 0; i < STORY_OUTCOMES; i++)
		printf("%-26s %s (%s)\n", story_outcomes[i].code, story_outcomes[i].label,
		       story_outcomes[i].source);
	return cli_finish_output();
}

static const char *kind_word(enum story_link kind)
{
	return kind == STORY_LINKS ? "outcome" : story_link_kinds[kind];
}

static void links_json(const struct story_links *l)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '[');
	for (int i = 0; i < l->n; i++) {
		const struct story_linked *it = &l->item[i];
		strbuf_puts(&sb, i ? ",\n{" : "{");
		jsonw_key(&sb, "kind", 1);
		jsonw_string(&sb, kind_word(it->kind));
		jsonw_key(&sb, "id", 0);
		jsonw_string(&sb, it->code ? it->code : it->id);
		jsonw_key(&sb, "name", 0);
		jsonw_string(&sb, it->name);
		strbuf_putc(&sb, '}');
	}
	strbuf_puts(&sb, "]\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
}

int cli_story_links(struct cli *c)
{
	if (c->argc < 1)
		return cli_usage(c, "needs 1 argument");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	struct story_links l;
	if (story_links_load(c->st, c->argv[0], &l, &err) != K_OK)
		return cli_fail(c, &err);
	if (cli_flag(c, "json"))
		links_json(&l);
	for (int i = 0; !cli_flag(c, "json") && i < l.n; i++)
		printf("%-9s %-36s %s\n", kind_word(l.item[i].kind),
		       l.item[i].code ? l.item[i].code : l.item[i].id, l.item[i].name);
	story_links_free(&l);
	return cli_finish_output();
}
