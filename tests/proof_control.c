/* The sync proof's control: the same laptops and operations with no hub. A laptop's sync hands
 * its outbox (kith's own capture, read as the push batches syncdb_batch makes) straight to every
 * other laptop, which keeps, for each row, the version with the later updated_at by the
 * writers' own clocks, and applies it with kith's own syncdb_apply. Only the decision differs
 * from the real sync; the proof's checks must see it fail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonr.h"
#include "jsonw.h"
#include "proof.h"
#include "syncdb.h"
#include "xalloc.h"

static void json_out(const struct jsonr *v, struct strbuf *out)
{
	switch (v->type) {
	case JSONR_NULL:
		strbuf_puts(out, "null");
		break;
	case JSONR_BOOL:
	case JSONR_NUMBER:
		strbuf_puts(out, v->text);
		break;
	case JSONR_STRING:
		jsonw_string(out, v->text);
		break;
	case JSONR_ARRAY:
	case JSONR_OBJECT:
		strbuf_putc(out, v->type == JSONR_ARRAY ? '[' : '{');
		for (size_t i = 0; i < v->n; i++) {
			if (v->type == JSONR_OBJECT)
				jsonw_key(out, v->item[i].key, i == 0);
			else if (i > 0)
				strbuf_putc(out, ',');
			json_out(&v->item[i], out);
		}
		strbuf_putc(out, v->type == JSONR_ARRAY ? ']' : '}');
		break;
	}
}

static struct jsonr *parse(const char *s)
{
	char why[120];
	long line;
	return jsonr_parse(s, strlen(s), why, sizeof why, &line);
}

/* The row's JSON in a sorted dump ("tbl\tkey\tjson" lines), or NULL. */
static char *row_in(const char *dump, const char *tbl, const char *key)
{
	char *head = xasprintf("%s\t%s\t", tbl, key);
	size_t n = strlen(head);
	char *found = NULL;
	for (const char *s = dump; *s && !found;) {
		const char *nl = strchr(s, '\n');
		if (strncmp(s, head, n) == 0)
			found = xstrndup(s + n, (size_t)((nl ? nl : s + strlen(s)) - s) - n);
		s = nl ? nl + 1 : s + strlen(s);
	}
	free(head);
	return found;
}

static bool in_cols(const struct jsonr *cols, const char *name)
{
	if (!cols || cols->type != JSONR_ARRAY)
		return true; /* an insert: every column */
	for (size_t i = 0; i < cols->n; i++)
		if (cols->item[i].text && strcmp(cols->item[i].text, name) == 0)
			return true;
	return false;
}

/* The naive rule: the incoming change's columns when its updated_at is later than the row's
 * here, else nothing (NULL). */
static char *decide(const struct jsonr *change, const char *mine)
{
	const struct jsonr *d = jsonr_get(change, "d"), *cols = jsonr_get(change, "c");
	struct strbuf out = STRBUF_INIT;
	if (!mine) {
		json_out(d, &out);
		return strbuf_take(&out);
	}
	struct jsonr *row = parse(mine);
	if (row && strcmp(jsonr_text(d, "updated_at"), jsonr_text(row, "updated_at")) > 0) {
		strbuf_putc(&out, '{');
		for (size_t i = 0; i < row->n; i++) {
			const char *name = row->item[i].key;
			const struct jsonr *theirs = jsonr_get(d, name);
			jsonw_key(&out, name, i == 0);
			json_out(theirs && in_cols(cols, name) ? theirs : &row->item[i], &out);
		}
		strbuf_putc(&out, '}');
	}
	jsonr_free(row);
	return out.len ? strbuf_take(&out) : NULL;
}

/* Laptop m takes the changes of one batch by the naive rule, through kith's own apply. */
static void take(struct proof *p, int m, const struct jsonr *changes)
{
	struct strbuf dump = STRBUF_INIT;
	struct syncdb_state state;
	struct kerr err;
	if (syncdb_dump(p->lap[m].st, &dump, &err) != K_OK ||
	    syncdb_state(p->lap[m].st, &state, &err) != K_OK) {
		proof_fail(p, "laptop %d: %s", m, err.msg);
		strbuf_free(&dump);
		return;
	}
	struct syncdb_row *rows = xcalloc(changes->n + 1, sizeof *rows);
	char **data = xcalloc(changes->n + 1, sizeof *data);
	int n = 0;
	for (size_t i = 0; i < changes->n; i++) {
		const struct jsonr *c = &changes->item[i];
		char *mine = row_in(strbuf_str(&dump), jsonr_text(c, "t"), jsonr_text(c, "k"));
		data[n] = decide(c, mine);
		free(mine);
		if (data[n])
			rows[n] = (struct syncdb_row){state.cursor, jsonr_text(c, "t"),
						      jsonr_text(c, "k"), data[n]},
			n++;
	}
	struct syncdb_applied applied = {0};
	if (n > 0 && syncdb_apply(p->lap[m].st, rows, n, state.cursor, &applied, &err) != K_OK)
		proof_fail(p, "laptop %d cannot apply: %s", m, err.msg);
	for (int i = 0; i < n; i++)
		free(data[i]);
	free(data);
	free(rows);
	strbuf_free(&dump);
}

void proof_control_sync(struct proof *p, int l)
{
	struct syncdb_batch b;
	struct kerr err;
	p->step++;
	p->count->syncs++;
	for (int round = 0; round < 1000; round++) {
		proof_clock(p, l);
		if (syncdb_batch(p->lap[l].st, 2000, &b, &err) != K_OK) {
			proof_fail(p, "laptop %d: no batch: %s", l, err.msg);
			return;
		}
		struct jsonr *changes = b.count > 0 ? parse(b.json) : NULL;
		for (int m = 0; changes && m < p->n; m++)
			if (m != l) {
				proof_clock(p, m);
				take(p, m, changes);
			}
		jsonr_free(changes);
		proof_clock(p, l);
		int status = b.count > 0 ? syncdb_batch_done(p->lap[l].st, &b, &err) : K_OK;
		long count = b.count;
		syncdb_batch_free(&b);
		if (status != K_OK)
			proof_fail(p, "laptop %d: batch not done: %s", l, err.msg);
		if (status != K_OK || count == 0)
			return;
	}
}
