/* Who came to an activity from the command line: recording someone (in a role, or a new
 * role for someone recorded already), taking it back, and the list of who came with the
 * count of those not named. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "activity.h"
#include "cli.h"
#include "jsonw.h"
#include "record.h"
#include "strbuf.h"

/* ACTIVITY PERSON: taking part (role NULL) or taking it back (unattend). */
static int pair(struct cli *c, bool unattend)
{
	struct kerr err;
	if (c->argc < 2)
		return cli_usage(c, "needs 2 arguments");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	int status = unattend ? activity_unattend(c->st, c->argv[0], c->argv[1], &err)
			      : activity_attend(c->st, c->argv[0], c->argv[1], cli_value(c, "role"),
						&err);
	return status == K_OK ? cli_finish_output() : cli_fail(c, &err);
}

int cli_activity_attend(struct cli *c)
{
	return pair(c, false);
}

int cli_activity_unattend(struct cli *c)
{
	return pair(c, true);
}

static void who_json(const struct record *act, const struct attendee_list *list)
{
	struct strbuf sb = STRBUF_INIT;
	long long unnamed = strtoll(record_get(act, ACTIVITY_UNNAMED), NULL, 10);
	strbuf_putc(&sb, '{');
	jsonw_key(&sb, "activity_id", 1);
	jsonw_string(&sb, act->id);
	jsonw_key(&sb, "name", 0);
	jsonw_string(&sb, record_display(act));
	strbuf_printf(&sb, ",\"named\":%lld,\"unnamed\":%lld,\"came\":%lld,\"people\":[",
		      list->total, unnamed, list->total + unnamed);
	for (int i = 0; i < list->n; i++) {
		strbuf_puts(&sb, i ? ",\n{" : "\n{");
		jsonw_key(&sb, "person_id", 1);
		jsonw_string(&sb, list->item[i].person_id);
		jsonw_key(&sb, "name", 0);
		jsonw_string(&sb, list->item[i].name);
		jsonw_key(&sb, "role", 0);
		jsonw_string(&sb, list->item[i].role);
		strbuf_putc(&sb, '}');
	}
	strbuf_puts(&sb, "]}\n");
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
}

int cli_activity_who(struct cli *c)
{
	if (c->argc < 1)
		return cli_usage(c, "needs 1 argument");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	char id[ID_LEN];
	struct record *act = NULL;
	struct attendee_list list = {0};
	int status = entity_resolve(c->st, &activity_entity, c->argv[0], id, &err);
	if (status == K_OK)
		status = entity_load(c->st, &activity_entity, id, &act, &err);
	if (status == K_OK)
		status = activity_attendees(c->st, id, 1000000, &list, &err);
	if (status != K_OK) {
		activity_attendees_free(&list);
		record_free(act);
		return cli_fail(c, &err);
	}
	if (cli_flag(c, "json")) {
		who_json(act, &list);
	} else {
		for (int i = 0; i < list.n; i++) {
			printf("%-36s ", list.item[i].person_id);
			cli_print_cell(list.item[i].name, 28);
			printf(" %s\n", list.item[i].role);
		}
		printf("%lld by name and %s not named came to %s\n", list.total,
		       record_get(act, ACTIVITY_UNNAMED), record_display(act));
	}
	activity_attendees_free(&list);
	record_free(act);
	return cli_finish_output();
}
