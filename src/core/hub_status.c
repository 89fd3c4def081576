/* What the hub says of itself, for a coordinator: its laptops and when each last synced,
 * what it holds, and the erasures some laptops have not reached yet (they keep the person
 * until their next sync). Also the words people use for the tables that travel. */
#include "sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "jsonr.h"
#include "store.h"
#include "strbuf.h"
#include "sync_impl.h"
#include "xalloc.h"

/* clang-format off */
static const struct { const char *tbl, *words; } WORDS[] = {
	{"worker", "accounts"},
	{"person", "people"},
	{"consent_event", "consent records"},
	{"asset", "community assets"},
	{"membership", "group memberships"},
	{"tag", "gifts, skills and passions"},
	{"person_tag", "people's gifts and passions"},
	{"asset_tag", "assets' tags"},
	{"referral", "referrals"},
	{"conversation", "conversations"},
	{"activity", "activities"},
	{"attendance", "attendances"},
	{"wellbeing", "wellbeing ratings"},
	{"target", "targets"},
	{"funding", "funding"},
	{"story", "stories"},
	{"story_person", "stories' people"},
	{"story_asset", "stories' assets"},
	{"story_activity", "stories' activities"},
	{"story_outcome", "stories' outcomes"},
	{"partnership", "partnerships"},
	{"partner", "partners"},
	{"readiness", "readiness assessments"},
	{"readiness_answer", "readiness answers"},
	{"erasure", "erasures"},
	{"setting", "settings"},
	{"audit", "audit trail entries"},
};
/* clang-format on */

const char *sync_table_words(const char *tbl)
{
	for (size_t i = 0; i < sizeof WORDS / sizeof *WORDS; i++)
		if (strcmp(WORDS[i].tbl, tbl) == 0)
			return WORDS[i].words;
	return tbl;
}

/* A timestamp as people read it: "2026-12-06 17:40" (UTC), or what for none. */
static void when(struct strbuf *sb, const char *ts, const char *none)
{
	if (!ts || !*ts)
		strbuf_puts(sb, none);
	else
		strbuf_printf(sb, "%.10s %.5s UTC", ts, strlen(ts) > 11 ? ts + 11 : "");
}

static void laptops(struct strbuf *sb, const struct jsonr *list)
{
	strbuf_printf(sb, "%zu laptop%s:\n", list->n, list->n == 1 ? "" : "s");
	for (size_t i = 0; i < list->n; i++) {
		const struct jsonr *l = &list->item[i];
		strbuf_printf(sb, "  %-24.40s%s", jsonr_text(l, "name"),
			      strcmp(jsonr_text(l, "admin"), "true") == 0 ? " (admin)"
									  : "        ");
		if (*jsonr_text(l, "revoked")) {
			strbuf_puts(sb, "  revoked ");
			when(sb, jsonr_text(l, "revoked"), "");
		} else {
			strbuf_puts(sb, "  last synced ");
			when(sb, jsonr_text(l, "last_seen"), "never");
			if (strcmp(jsonr_text(l, "behind"), "true") == 0)
				strbuf_puts(sb, "; an erasure has not reached it yet");
		}
		strbuf_putc(sb, '\n');
	}
}

/* One "N words" of what the hub holds, the line broken before it passes 90 columns. */
static void held(struct strbuf *sb, size_t *line_start, int *n, const char *count,
		 const char *words)
{
	if (*n && sb->len - *line_start + strlen(count) + strlen(words) > 86) {
		strbuf_puts(sb, ",\n ");
		*line_start = sb->len - 1;
	} else if (*n) {
		strbuf_putc(sb, ',');
	}
	strbuf_printf(sb, " %s %s", count, words);
	(*n)++;
}

/* What the hub holds, in the order the tables travel (a table this kith lacks last). */
static void holds(struct strbuf *sb, const struct jsonr *rows)
{
	int n = 0;
	size_t line_start = sb->len;
	strbuf_puts(sb, "The hub holds:");
	for (size_t k = 0; k < sizeof WORDS / sizeof *WORDS; k++) {
		const char *count = jsonr_text(rows, WORDS[k].tbl);
		if (*count)
			held(sb, &line_start, &n, count, WORDS[k].words);
	}
	for (size_t i = 0; rows && rows->type == JSONR_OBJECT && i < rows->n; i++)
		if (sync_table_words(rows->item[i].key) == rows->item[i].key)
			held(sb, &line_start, &n, rows->item[i].text ? rows->item[i].text : "0",
			     rows->item[i].key);
	strbuf_puts(sb, n ? ".\n" : " nothing yet.\n");
}

/* The laptops an erasure waits for, comma separated; false when it waits for none. */
static bool waiting(struct strbuf *sb, const struct jsonr *erasure)
{
	const struct jsonr *w = jsonr_get(erasure, "waiting");
	for (size_t i = 0; w && w->type == JSONR_ARRAY && i < w->n; i++)
		strbuf_printf(sb, "%s%s", i ? (i + 1 == w->n ? " and " : ", ") : "",
			      w->item[i].text ? w->item[i].text : "");
	return w && w->type == JSONR_ARRAY && w->n > 0;
}

static void erasures(struct strbuf *sb, const struct jsonr *list)
{
	for (size_t i = 0; list && list->type == JSONR_ARRAY && i < list->n; i++) {
		struct strbuf who = STRBUF_INIT;
		if (waiting(&who, &list->item[i])) {
			strbuf_puts(sb, "An erasure of ");
			when(sb, jsonr_text(&list->item[i], "at"), "some time ago");
			strbuf_printf(sb,
				      " has not reached %s yet: the person is erased there at "
				      "its next sync.\n",
				      strbuf_str(&who));
		}
		strbuf_free(&who);
	}
}

/* kith.status() parsed; NULL with err set when it cannot be had. */
static struct jsonr *status_of(struct sync_conn *c, struct kerr *err)
{
	char *answer = NULL;
	if (sync_call_value(c, "SELECT kith.status()", NULL, 0, &answer, err) != K_OK)
		return NULL;
	struct jsonr *v = sync_json(answer);
	free(answer);
	if (!v || v->type != JSONR_OBJECT || !jsonr_get(v, "laptops")) {
		jsonr_free(v);
		kerr_set(err, K_DB, "hub", "the hub at %s gave a status kith does not understand",
			 c->where);
		return NULL;
	}
	return v;
}

int hub_status(struct store *st, struct strbuf *out, struct kerr *err)
{
	struct sync_conn c = {0};
	char *own = NULL;
	int status = auth_require(st, AUTH_REPORTS, err);
	if (status == K_OK)
		status = sync_hub_read(st, &own, err);
	if (status == K_OK)
		status = sync_conn_open(&c, own, err);
	sync_forget(&own);
	struct jsonr *v = status == K_OK ? status_of(&c, err) : NULL;
	sync_conn_close(&c);
	if (status == K_OK && !v)
		status = err->status;
	if (status != K_OK)
		return status;
	strbuf_printf(out, "The hub at %s has ", c.where);
	laptops(out, jsonr_get(v, "laptops"));
	holds(out, jsonr_get(v, "rows"));
	erasures(out, jsonr_get(v, "erasures"));
	jsonr_free(v);
	return K_OK;
}

/* Every sync asks only for the erasures (kith.status counts the hub's rows, which at a
 * borough's size is most of a drop-in's sync at the hub). */
void hub_waiting_note(struct sync_conn *c, char *note, size_t n)
{
	struct kerr err;
	char *answer = NULL;
	if (sync_call_value(c, "SELECT kith.erasures_waiting()", NULL, 0, &answer, &err) != K_OK)
		return;
	struct jsonr *v = sync_json(answer);
	free(answer);
	struct strbuf sb = STRBUF_INIT;
	erasures(&sb, v);
	if (sb.len) {
		sb.buf[--sb.len] = '\0'; /* the last newline */
		snprintf(note, n, "%s", strbuf_str(&sb));
	}
	strbuf_free(&sb);
	jsonr_free(v);
}
