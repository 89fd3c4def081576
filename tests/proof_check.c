/* The sync proof's judgements: two dumps compared line by line, and what the operations wrote
 * held against what the reference laptop ended with (its file equals the hub by then):
 * nothing made is missing, a column one laptop wrote ends with that laptop's last value, one
 * several wrote with one of their values, and a referral's status is the furthest written. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proof.h"
#include "store.h"
#include "syncdb.h"
#include "xalloc.h"

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *proof_sorted(const char *dump)
{
	char *copy = xstrdup(dump);
	char **line = NULL;
	long n = 0;
	size_t cap = 0;
	for (char *s = copy, *nl; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		line = xgrow(line, (size_t)(n + 1), &cap, sizeof *line);
		line[n++] = s;
		if (!nl)
			break;
		*nl = '\0';
	}
	qsort(line, (size_t)n, sizeof *line, by_text);
	struct strbuf out = STRBUF_INIT;
	for (long i = 0; i < n; i++)
		strbuf_printf(&out, "%s\n", line[i]);
	free(line);
	free(copy);
	return strbuf_take(&out);
}

bool proof_same(struct proof *p, int laptop, const char *what, const char *ref)
{
	struct strbuf dump = STRBUF_INIT;
	struct kerr err;
	if (syncdb_dump(p->lap[laptop].st, &dump, &err) != K_OK) {
		proof_fail(p, "laptop %d: no dump: %s", laptop, err.msg);
		strbuf_free(&dump);
		return false;
	}
	char *mine = proof_sorted(strbuf_str(&dump));
	strbuf_free(&dump);
	const char *a = mine, *b = ref;
	while (*a && *a == *b)
		a++, b++;
	bool same = !*a && !*b;
	if (!same) { /* the row, and where in it they part */
		const char *la = a, *lb = b;
		while (la > mine && la[-1] != '\n')
			la--;
		while (lb > ref && lb[-1] != '\n')
			lb--;
		long at = (long)(a - la), from = at > 60 ? at - 60 : 0;
		proof_fail(
			p,
			"laptop %d differs from %s in the row [%.60s]: ...%.120s... where %s has "
			"...%.120s...",
			laptop, what, la, la + from, what, lb + from);
	}
	free(mine);
	return same;
}

/* ---- what was written ---- */

static int text_cmp(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int by_cell(const void *va, const void *vb)
{
	const struct proof_write *a = va, *b = vb;
	int c = strcmp(a->tbl, b->tbl);
	if (!c)
		c = strcmp(a->k1, b->k1);
	if (!c)
		c = text_cmp(a->k2, b->k2);
	if (!c)
		c = strcmp(a->col, b->col);
	return c ? c : a->step < b->step ? -1 : a->step > b->step;
}

static bool same_cell(const struct proof_write *a, const struct proof_write *b)
{
	return strcmp(a->tbl, b->tbl) == 0 && strcmp(a->k1, b->k1) == 0 &&
	       text_cmp(a->k2, b->k2) == 0 && strcmp(a->col, b->col) == 0;
}

static bool erased(const struct proof *p, const char *person)
{
	for (long i = 0; person && i < p->nerased; i++)
		if (strcmp(p->erased[i], person) == 0)
			return true;
	return false;
}

/* The cell's value on the reference laptop; *found false when its row is not there. */
static char *final_value(struct proof *p, int ref, const struct proof_write *w, bool *found)
{
	char *sql = w->k2col ? xasprintf("SELECT %s FROM %s WHERE %s = ?1 AND %s = ?2", w->col,
					 w->tbl, w->k1col, w->k2col)
			     : xasprintf("SELECT %s FROM %s WHERE %s = ?1", w->col, w->tbl,
					 w->k1col);
	sqlite3_stmt *stmt = NULL;
	struct kerr err;
	char *value = NULL;
	*found = false;
	if (store_prepare(p->lap[ref].st, sql, &stmt, &err) == K_OK) {
		sqlite3_bind_text(stmt, 1, w->k1, -1, SQLITE_STATIC);
		if (w->k2col)
			sqlite3_bind_text(stmt, 2, w->k2, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			*found = true;
			const char *v = (const char *)sqlite3_column_text(stmt, 0);
			value = v ? xstrdup(v) : NULL;
		}
	}
	sqlite3_finalize(stmt);
	free(sql);
	return value;
}

/* How far a referral's status has gone: made, contacted, an outcome, closed. */
int proof_rank(const char *status)
{
	static const char *const by_rank[] = {"made",     "contacted",      "attended",
					      "declined", "did_not_attend", "closed"};
	static const int ranks[] = {0, 1, 2, 2, 2, 3};
	for (int i = 0; i < 6; i++)
		if (status && strcmp(status, by_rank[i]) == 0)
			return ranks[i];
	return -1;
}

/* The writes w[0..n-1] of one cell against its final value. */
static void judge(struct proof *p, const struct proof_write *w, long n, const char *final)
{
	bool one = true, among = false;
	int furthest = -1;
	for (long i = 0; i < n; i++) {
		one = one && w[i].laptop == w[0].laptop;
		among = among || text_cmp(w[i].value, final) == 0;
		if (proof_rank(w[i].value) > furthest)
			furthest = proof_rank(w[i].value);
	}
	const struct proof_write *last = &w[n - 1];
	if (strcmp(w->tbl, "referral") == 0 && strcmp(w->col, "status") == 0) {
		if (proof_rank(final) != furthest)
			proof_fail(p,
				   "referral %s ended %s, but %d was the furthest status written",
				   w->k1, final ? final : "NULL", furthest);
	} else if (one && text_cmp(last->value, final) != 0) {
		proof_fail(
			p,
			"%s %s %s: only laptop %d wrote it, last [%s] at step %ld; it ended [%s]",
			w->tbl, w->k1, w->col, last->laptop, last->value ? last->value : "NULL",
			last->step, final ? final : "NULL");
	} else if (!one && !among) {
		proof_fail(p, "%s %s %s ended [%s], which no laptop wrote", w->tbl, w->k1, w->col,
			   final ? final : "NULL");
	}
}

static void check_made(struct proof *p, int ref)
{
	for (long i = 0; i < p->nmade; i++) {
		struct proof_write w = {p->made[i].tbl, "id", NULL, "id", p->made[i].key,
					NULL,           NULL, NULL, 0,    0};
		bool found;
		free(final_value(p, ref, &w, &found));
		if (!found)
			proof_fail(p, "%s %s made on laptop %d at step %ld is missing", w.tbl, w.k1,
				   p->made[i].laptop, p->made[i].step);
	}
}

void proof_check_writes(struct proof *p, int ref)
{
	check_made(p, ref);
	qsort(p->w, (size_t)p->nw, sizeof *p->w, by_cell);
	for (long i = 0, j; i < p->nw; i = j) {
		for (j = i + 1; j < p->nw && same_cell(&p->w[i], &p->w[j]); j++)
			;
		bool gone = false;
		for (long k = i; k < j; k++)
			gone = gone || erased(p, p->w[k].person);
		if (gone) /* an erasure blanks what was written about the person */
			continue;
		bool found;
		char *final = final_value(p, ref, &p->w[i], &found);
		if (!found)
			proof_fail(p, "%s %s (written on laptop %d at step %ld) is missing",
				   p->w[i].tbl, p->w[i].k1, p->w[i].laptop, p->w[i].step);
		else
			judge(p, &p->w[i], j - i, final);
		free(final);
	}
}

void proof_reset(struct proof *p)
{
	for (long i = 0; i < p->nw; i++) {
		free(p->w[i].k1);
		free(p->w[i].k2);
		free(p->w[i].person);
		free(p->w[i].value);
	}
	for (long i = 0; i < p->nmade; i++)
		free(p->made[i].key);
	for (long i = 0; i < p->nerased; i++)
		free(p->erased[i]);
	p->nw = p->nmade = p->nerased = 0;
	p->failures = 0;
	p->step = 0;
	strbuf_reset(&p->why);
}
