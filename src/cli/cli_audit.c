/* kith audit (the trail, newest first, and checking its chain) and kith setting. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "asset.h"
#include "audit.h"
#include "date.h"
#include "entity.h"
#include "jsonw.h"
#include "page.h"
#include "record.h"
#include "setting.h"
#include "store.h"
#include "strbuf.h"
#include "utf8.h"
#include "valid.h"
#include "xalloc.h"

#define AUDIT_LIMIT 100

struct audit_args {
	const char *person, *worker;
	char person_id[ID_LEN], worker_id[ID_LEN]; /* the query points at these */
	char since[DATE_LEN];
	long limit;
	bool json, corrections;
};

static int audit_args(struct cli *c, struct audit_args *a)
{
	memset(a, 0, sizeof *a);
	a->limit = AUDIT_LIMIT;
	a->person = cli_value(c, "person");
	a->worker = cli_value(c, "worker");
	a->json = cli_flag(c, "json");
	a->corrections = cli_flag(c, "corrections");
	struct kerr err;
	const char *since = cli_value(c, "since"), *limit = cli_value(c, "limit");
	if ((since && date_parse(since, a->since, "--since", &err) != K_OK) ||
	    (limit && valid_int(limit, 1, 100000, &a->limit, "--limit", &err) != K_OK))
		return cli_usage(c, "%s", err.msg);
	return CLI_OK;
}

/* "22/11/2026 14:03:11" from a stamp (UTC, as kept). */
static void when(const char *stamp, char *out, size_t n)
{
	char day[DATE_LEN], uk[DATE_LEN];
	snprintf(day, sizeof day, "%.10s", stamp ? stamp : "");
	snprintf(out, n, "%s %.8s", date_uk(day, uk),
		 stamp && strlen(stamp) > 11 ? stamp + 11 : "");
}

static void row_text(const struct record *r)
{
	char at[40];
	when(r->created_at, at, sizeof at);
	printf("%s  ", at);
	cli_print_cell(*record_get(r, AUDIT_ORIGIN) ? record_get(r, AUDIT_ORIGIN) : "here", 10);
	cli_print_cell(*record_label(r, AUDIT_WORKER) ? record_label(r, AUDIT_WORKER) : "-", 18);
	cli_print_cell(record_get(r, AUDIT_ACTION), 13);
	cli_print_cell(record_get(r, AUDIT_ENTITY), 13);
	cli_print_safe(record_label(r, AUDIT_PERSON));
	if (*record_get(r, AUDIT_FIELDS)) {
		printf("  fields: ");
		cli_print_safe(record_get(r, AUDIT_FIELDS));
	}
	if (*record_get(r, AUDIT_DETAIL)) {
		printf("  ");
		cli_print_safe(record_get(r, AUDIT_DETAIL));
	}
	putchar('\n');
}

static int narrow(struct cli *c, struct audit_args *a, struct page_query *q)
{
	struct kerr err;
	if (a->person && (entity_resolve(c->st, entity_get(ENTITY_PERSON), a->person, a->person_id,
					 &err) != K_OK ||
			  page_query_where(q, "person_id", a->person_id, &err) != K_OK))
		return cli_fail(c, &err);
	if (a->worker) {
		struct account w;
		if (account_find(c->st, a->worker, &w, &err) != K_OK)
			return cli_fail(c, &err);
		snprintf(a->worker_id, sizeof a->worker_id, "%s", w.id);
		account_free(&w);
		if (page_query_where(q, "worker_id", a->worker_id, &err) != K_OK)
			return cli_fail(c, &err);
	}
	if (a->corrections && page_query_named(q, "corrections", &err) != K_OK)
		return cli_fail(c, &err);
	return CLI_OK;
}

struct listing {
	struct audit_args *a;
	struct strbuf *json;
	long shown;
};

static bool one_row(void *ctx, const struct record *r)
{
	struct listing *l = ctx;
	if (l->shown >= l->a->limit ||
	    (l->a->since[0] && strncmp(r->created_at, l->a->since, 10) < 0))
		return false;
	if (l->a->json) {
		strbuf_puts(l->json, l->shown ? ",\n" : "");
		record_json(r, l->json);
	} else {
		row_text(r);
	}
	l->shown++;
	return true;
}

/* Newest first, page after page, until the limit or a row older than --since. */
static int list(struct cli *c, struct audit_args *a)
{
	struct page_query q;
	struct kerr err;
	page_query_init(&q, &audit_entity);
	int rc = narrow(c, a, &q);
	if (rc != CLI_OK)
		return rc;
	struct strbuf sb = STRBUF_INIT;
	struct listing l = {a, &sb, 0};
	if (a->json)
		strbuf_putc(&sb, '[');
	if (page_each(c->st, &q, one_row, &l, &err) != K_OK) {
		strbuf_free(&sb);
		return cli_fail(c, &err);
	}
	if (a->json) {
		strbuf_puts(&sb, "]\n");
		fputs(strbuf_str(&sb), stdout);
	}
	strbuf_free(&sb);
	return cli_finish_output();
}

int cli_audit_verify(struct cli *c)
{
	struct kerr err;
	struct audit_check check;
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	if (auth_require(c->st, AUTH_AUDIT, &err) != K_OK)
		return cli_fail(c, &err);
	if (audit_verify(c->st, &check, &err) != K_OK)
		return cli_fail(c, &err);
	printf("the audit trail's %lld rows are as kith wrote them\n", check.rows);
	if (check.keyed && check.sealed)
		printf("its seal, checked with the trail's key, vouches that none were removed up "
		       "to row %lld%s\n",
		       check.sealed,
		       check.sealed < check.rows
			       ? "; the rows after it were written without a login (failed logins)"
			       : "");
	else if (check.sealed)
		printf("its seal could not be checked: this account holds no key to the trail yet "
		       "(it gets one at the next login of an account that has it)\n");
	else
		printf("it has no seal yet: the trail is sealed from the first login with a key\n");
	if (check.hub)
		printf("the hub holds a copy of it to row %lld, as it is here\n", check.hub);
	return cli_finish_output();
}

int cli_audit_list(struct cli *c)
{
	struct audit_args a;
	int rc = audit_args(c, &a);
	if (rc == CLI_OK)
		rc = cli_open(c);
	return rc == CLI_OK ? list(c, &a) : rc;
}

/* ---- kith setting ---- */

static const struct {
	const char *key, *fallback, *what;
} known[] = {
	{"retention_months", "24", "months after the last contact that a person is reviewed"},
	{"lock_minutes", "5", "minutes without a key before the screen locks (1 to 15)"},
	{"backups_kept", "10", "backups kith keeps of those it names itself (1 to 100)"},
	{"venue", "", "the drop-in's venue: an asset's name or id (:venue in the interface)"},
	{"sync_minutes", "5",
	 "minutes between the interface's syncs with the hub (0 to 1440; 0: only :sync)"},
};

#define SETTINGS (sizeof known / sizeof *known)

/* What a value means to a person: the venue's name rather than its id (the id when the
 * asset is gone). Caller frees. */
static char *shown_value(struct cli *c, const char *key, const char *value)
{
	struct record *rec = NULL;
	struct kerr err;
	char *shown = NULL;
	if (strcmp(key, "venue") == 0 && *value &&
	    entity_load(c->st, &asset_entity, value, &rec, &err) == K_OK)
		shown = xstrdup(record_display(rec));
	record_free(rec);
	return shown ? shown : xstrdup(value);
}

/* Each setting, its value and what it is for, in columns as wide as their widest cell. */
int cli_setting_list(struct cli *c)
{
	struct kerr err;
	char *value[SETTINGS] = {NULL};
	int rc = cli_open(c), keys = 0, values = 0, status = K_OK;
	if (rc != CLI_OK)
		return rc;
	for (size_t i = 0; i < SETTINGS && status == K_OK; i++) {
		char *v = NULL;
		status = setting_get(c->st, known[i].key, &v, &err);
		value[i] = shown_value(c, known[i].key, v ? v : known[i].fallback);
		free(v);
		keys = utf8_width(known[i].key) > keys ? utf8_width(known[i].key) : keys;
		values = utf8_width(value[i]) > values ? utf8_width(value[i]) : values;
	}
	for (size_t i = 0; i < SETTINGS && status == K_OK; i++) {
		cli_print_cell(known[i].key, keys + 2);
		cli_print_cell(value[i], values + 2);
		cli_print_safe(known[i].what);
		putchar('\n');
	}
	for (size_t i = 0; i < SETTINGS; i++)
		free(value[i]);
	return status == K_OK ? cli_finish_output() : cli_fail(c, &err);
}

int cli_setting_set(struct cli *c)
{
	struct kerr err;
	char id[ID_LEN];
	if (c->argc != 2)
		return cli_usage(c, "give the setting and its value: setting set KEY VALUE");
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	const char *value = c->argv[1];
	/* the venue by its name, as the interface's :venue takes it */
	if (strcmp(c->argv[0], "venue") == 0 && *value) {
		if (entity_resolve(c->st, &asset_entity, value, id, &err) != K_OK)
			return cli_fail(c, &err);
		value = id;
	}
	for (size_t i = 0; i < SETTINGS; i++)
		if (strcmp(known[i].key, c->argv[0]) == 0)
			return setting_set(c->st, c->argv[0], value, &err) == K_OK
				       ? cli_finish_output()
				       : cli_fail(c, &err);
	return cli_usage(c, "there is no setting %s (see kith setting list)", c->argv[0]);
}
