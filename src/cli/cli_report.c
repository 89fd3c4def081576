/* kith report KIND: a report for commissioners (programme, outcomes, network, readiness) for a
 * period, a worker and a neighbourhood, as text, Markdown, CSV, JSON or an HTML file to print.
 * Core builds it (checking who may read what) and renders it; this reads the options. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account.h"
#include "auth.h"
#include "cli.h"
#include "entity.h"
#include "report.h"
#include "report_render.h"
#include "store.h"
#include "strbuf.h"
#include "worker.h"
#include "xalloc.h"

static const struct report_def *kind_of(struct cli *c)
{
	const struct report_def *def = c->argc == 1 ? report_find(c->argv[0]) : NULL;
	if (def)
		return def;
	struct strbuf sb = STRBUF_INIT;
	const char **names = xcalloc((size_t)REPORT_COUNT + 1, sizeof *names);
	for (int i = 0; i < REPORT_COUNT; i++)
		names[i] = REPORTS[i].name;
	strbuf_join(&sb, names, ", ", " or ");
	if (c->argc == 1)
		cli_usage(c, "KIND: '%s' is not a report; give %s", c->argv[0], strbuf_str(&sb));
	else
		cli_usage(c, "give the report: %s", strbuf_str(&sb));
	free(names);
	strbuf_free(&sb);
	return NULL;
}

/* --from, --to and --neighbourhood, checked before the database is opened. */
static int read_query(struct cli *c, struct report_query *q)
{
	memset(q, 0, sizeof *q);
	int rc = cli_date(c, "from", q->from);
	if (rc == CLI_OK)
		rc = cli_date(c, "to", q->to);
	if (rc == CLI_OK && q->from[0] && q->to[0] && strcmp(q->from, q->to) > 0)
		rc = cli_usage(c, "--from: %s comes after --to (%s)", q->from, q->to);
	const char *n = cli_value(c, "neighbourhood");
	if (rc == CLI_OK && n && !*n)
		rc = cli_usage(c, "--neighbourhood: give its name");
	q->neighbourhood = n;
	return rc;
}

/* --worker: an account by its username, its name or its id; a worker may name only
 * themselves. */
static int read_worker(struct cli *c, struct report_query *q)
{
	const char *w = cli_value(c, "worker");
	struct kerr err;
	if (!w)
		return CLI_OK;
	struct account a;
	int status = account_find(c->st, w, &a, &err); /* a username, else a name or an id */
	if (status == K_OK)
		snprintf(q->worker, sizeof q->worker, "%s", a.id);
	else if (status == K_NOT_FOUND)
		status = entity_resolve(c->st, &worker_entity, w, q->worker, &err);
	account_free(&a);
	const char *me = store_actor(c->st);
	if (!auth_allows(c->st, AUTH_REPORTS) &&
	    (status != K_OK || !me || strcmp(me, q->worker) != 0))
		return cli_usage(c, "--worker: a worker's report is of their own work; "
				    "another's is for a coordinator");
	return status == K_OK ? CLI_OK : cli_usage(c, "--worker: %s", err.msg);
}

static int put_out(struct cli *c, const struct report *r)
{
	const char *path = cli_value(c, "output");
	int f = cli_choice(c, "format", -1);
	struct kerr err;
	if (path) {
		enum report_format format = f < 0 ? report_format_of_path(path)
						  : (enum report_format)f;
		if (report_render_write(r, format, path, store_path(c->st), cli_flag(c, "force"),
					&err) != K_OK)
			return cli_fail(c, &err);
		fprintf(stderr, "kith: the %s written to %s\n", r->title ? r->title : "report",
			path);
		return cli_finish_output();
	}
	struct strbuf sb = STRBUF_INIT;
	report_render(r, f < 0 ? REPORT_FORMAT_TEXT : (enum report_format)f, 80, &sb);
	fputs(strbuf_str(&sb), stdout);
	strbuf_free(&sb);
	return cli_finish_output();
}

int cli_report(struct cli *c)
{
	struct report_query q;
	const struct report_def *def = kind_of(c);
	if (!def)
		return CLI_USAGE;
	if (cli_value(c, "force") && !cli_value(c, "output"))
		return cli_usage(c, "--force: it replaces the file --output names; give --output");
	int rc = read_query(c, &q);
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc == CLI_OK)
		rc = read_worker(c, &q);
	if (rc != CLI_OK)
		return rc;
	struct report r;
	struct kerr err;
	if (report_build(c->st, def, &q, &r, &err) != K_OK) {
		report_free(&r);
		return cli_fail(c, &err);
	}
	rc = put_out(c, &r);
	report_free(&r);
	return rc;
}
