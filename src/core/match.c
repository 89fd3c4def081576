/* Matching a person to the groups and assets that fit them. Each of their tags and each
 * telling word of what matters to them is looked up in the assets' search index (one small
 * query each, so a borough's 20,000 assets cost what a search keystroke does); what is found
 * earns points and a reason, and is ranked by plain rules that a connector can repeat. */
#include "match.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "asset.h"
#include "auth.h"
#include "date.h"
#include "entity.h"
#include "entity_impl.h"
#include "page.h"
#include "person.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

#define MAX_TERMS 24
/* A word of theirs found in more than one asset in this many says too little to suggest
 * any ("group" is in every group's description): it is left out. */
#define COMMON_WORD 20

enum term_kind { TERM_TAG, TERM_TAG_TEXT, TERM_WORD };

/* One lookup: what the person has (a tag's name, a word of theirs), and the FTS5 query. */
struct term {
	char *shown;
	char *query;
	enum term_kind kind;
};

struct cand {
	long long rowid;
	struct match_item item;
	int last_term;         /* a tag found in its tags is not counted again in its text */
	struct strbuf shares;  /* tags they share */
	struct strbuf mention; /* their tags it mentions */
	struct strbuf words;   /* their words it mentions */
	char *status, *verified;
	int room; /* places left, or -1 when it does not say */
};

struct matcher {
	struct store *st;
	char person[ID_LEN];
	char today[DATE_LEN];
	char *neighbourhood, *what_matters;
	struct term term[MAX_TERMS];
	int nterm;
	struct cand *cand;
	size_t ncand, cap;
	int *slot; /* asset fts_rowid -> index in cand + 1 */
	long long nslot;
	long long common; /* finds more than this many assets: a word too common to tell */
};

/* Words too common in what people say to tell one asset from another. */
static const char *const stop_words[] = {
	"about", "after",  "again",  "also",    "around", "because",   "been",   "being", "could",
	"does",  "doing",  "from",   "getting", "going",  "have",      "help",   "into",  "just",
	"know",  "like",   "make",   "more",    "most",   "much",      "myself", "only",  "other",
	"over",  "people", "really", "should",  "some",   "something", "still",  "such",  "than",
	"that",  "their",  "them",   "then",    "there",  "these",     "they",   "thing", "things",
	"this",  "those",  "time",   "very",    "want",   "wants",     "well",   "were",  "what",
	"when",  "where",  "which",  "while",   "will",   "with",      "would",  "your",  NULL};

static bool is_stop_word(const char *w)
{
	for (const char *const *s = stop_words; *s; s++)
		if (strcmp(*s, w) == 0)
			return true;
	return false;
}

static void add_term(struct matcher *m, const char *shown, const char *text, bool prefix,
		     enum term_kind kind)
{
	char *q = page_fts_query(text, prefix);
	if (!q || m->nterm == MAX_TERMS) {
		free(q);
		return;
	}
	const char *cols = kind == TERM_TAG        ? "{tag_words}"
			   : kind == TERM_TAG_TEXT ? "{name description}"
						   : "{name description tag_words}";
	m->term[m->nterm].shown = xstrdup(shown);
	m->term[m->nterm].query = xasprintf("%s : (%s)", cols, q);
	m->term[m->nterm++].kind = kind;
	free(q);
}

/* Their tags: each a tag an asset may share, or name in its text. */
static int tag_terms(struct matcher *m, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(m->st,
				   "SELECT g.name FROM person_tag k JOIN tag g ON g.id = k.tag_id "
				   "WHERE k.person_id = ?1 AND k.deleted_at IS NULL AND "
				   "g.deleted_at IS NULL GROUP BY g.name ORDER BY g.name",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, m->person, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW && m->nterm + 2 <= MAX_TERMS) {
		const char *name = (const char *)sqlite3_column_text(stmt, 0);
		add_term(m, name, name, false, TERM_TAG);
		add_term(m, name, name, false, TERM_TAG_TEXT);
	}
	status = rc == SQLITE_DONE || rc == SQLITE_ROW ? K_OK : store_error(m->st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* "gardening" is looked up as garden*, so that it finds a garden and gardeners too. */
static void stem(char *w)
{
	static const char *const endings[] = {"ing", "ers", "er", "es", "s", NULL};
	size_t n = strlen(w);
	for (const char *const *e = endings; *e; e++) {
		size_t k = strlen(*e);
		if (n >= k + 4 && strcmp(w + n - k, *e) == 0) {
			w[n - k] = '\0';
			return;
		}
	}
}

static bool seen_word(const struct matcher *m, const char *w)
{
	for (int i = 0; i < m->nterm; i++)
		if (strcasecmp(m->term[i].shown, w) == 0)
			return true;
	return false;
}

/* The telling words of what matters to them, in the order they said them: four letters or
 * more, not a common word, each once. */
static void word_terms(struct matcher *m)
{
	const char *p = m->what_matters;
	while (*p && m->nterm < MAX_TERMS) {
		while (*p && !isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
			p++;
		const char *start = p;
		while (*p && (isalnum((unsigned char)*p) || ((unsigned char)*p & 0x80)))
			p++;
		char w[64], s[64];
		if (p - start < 4 || p - start >= (long)sizeof w)
			continue;
		for (long i = 0; i < p - start; i++)
			w[i] = (char)tolower((unsigned char)start[i]);
		w[p - start] = '\0';
		if (is_stop_word(w) || seen_word(m, w))
			continue;
		snprintf(s, sizeof s, "%s", w);
		stem(s);
		add_term(m, w, s, true, TERM_WORD);
	}
}

/* Whether text has word in it, case ignored (ASCII). */
static bool says(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = text; *p; p++)
		if (strncasecmp(p, word, n) == 0)
			return true;
	return false;
}

static struct cand *cand_of(struct matcher *m, sqlite3_stmt *stmt)
{
	long long rowid = sqlite3_column_int64(stmt, 0);
	if (rowid >= 0 && rowid < m->nslot && m->slot[rowid])
		return &m->cand[m->slot[rowid] - 1];
	m->cand = xgrow(m->cand, m->ncand, &m->cap, sizeof *m->cand);
	struct cand *c = &m->cand[m->ncand++];
	memset(c, 0, sizeof *c);
	c->rowid = rowid;
	c->last_term = -1;
	snprintf(c->item.id, sizeof c->item.id, "%s", (const char *)sqlite3_column_text(stmt, 1));
	c->item.name = xstrdup((const char *)sqlite3_column_text(stmt, 2));
	c->item.category = xstrdup((const char *)sqlite3_column_text(stmt, 3));
	c->item.neighbourhood = xstrdup((const char *)sqlite3_column_text(stmt, 4));
	c->item.ready = sqlite3_column_int(stmt, 5);
	c->status = xstrdup((const char *)sqlite3_column_text(stmt, 6));
	c->verified = xstrdup((const char *)sqlite3_column_text(stmt, 7));
	/* a capacity that is a number is weighed against the members; words are taken at
	 * their word ("full", "waiting list") */
	const char *capacity = (const char *)sqlite3_column_text(stmt, 8);
	bool counted = sqlite3_column_type(stmt, 9) != SQLITE_NULL;
	int left = atoi(capacity) - sqlite3_column_int(stmt, 9);
	c->room = !counted ? -1 : left > 0 ? left : 0;
	c->item.full = (counted && c->room == 0) || says(capacity, "full") ||
		       says(capacity, "waiting");
	c->item.near = *m->neighbourhood &&
		       strcasecmp(m->neighbourhood, c->item.neighbourhood) == 0;
	if (rowid >= 0 && rowid < m->nslot)
		m->slot[rowid] = (int)m->ncand;
	return c;
}

static void credit(struct cand *c, const struct term *t, int index)
{
	struct strbuf *list = t->kind == TERM_TAG        ? &c->shares
			      : t->kind == TERM_TAG_TEXT ? &c->mention
							 : &c->words;
	if (t->kind == TERM_TAG_TEXT && c->last_term == index - 1 && index > 0)
		return; /* it carries the tag: shared, not also mentioned */
	c->last_term = index;
	c->item.fit += t->kind == TERM_TAG        ? MATCH_SHARED_TAG
		       : t->kind == TERM_TAG_TEXT ? MATCH_TAG_MENTIONED
						  : MATCH_WORD;
	strbuf_printf(list, "%s%s", list->len ? ", " : "", t->shown);
}

/* Whether a word of theirs is found in too many assets to tell them apart. */
static int too_common(struct matcher *m, const struct term *t, bool *out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	*out = false;
	int status = store_cached(m->st,
				  "SELECT count(*) FROM (SELECT 1 FROM asset_fts WHERE asset_fts "
				  "MATCH ?1 LIMIT ?2)",
				  &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, t->query, -1, SQLITE_STATIC);
	sqlite3_bind_int64(stmt, 2, m->common + 1);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(stmt, 0) > m->common;
	status = rc == SQLITE_ROW ? K_OK : store_error(m->st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* The live, open groups and assets a term finds, each credited. */
static int run_term(struct matcher *m, int index, struct kerr *err)
{
	bool skip = false;
	int status = m->term[index].kind == TERM_WORD ? too_common(m, &m->term[index], &skip, err)
						      : K_OK;
	if (status != K_OK || skip)
		return status;
	struct strbuf sql = STRBUF_INIT;
	strbuf_puts(
		&sql,
		"SELECT a.fts_rowid, a.id, a.name, a.category, a.neighbourhood, "
		"a.status = 'active' AND coalesce(a.last_verified, '') >= date(?2, '-1 year'), "
		"a.status, coalesce(a.last_verified, ''), a.capacity, CASE WHEN a.capacity "
		"GLOB '[1-9]*' AND a.capacity NOT GLOB '*[^0-9]*' THEN (SELECT count(*) FROM "
		"membership s WHERE s.asset_id = a.id AND s.deleted_at IS NULL AND (s.until IS "
		"NULL OR s.until >= ?2)) END FROM asset_fts f CROSS JOIN asset a INDEXED BY "
		"asset_match ON a.fts_rowid = f.rowid WHERE asset_fts MATCH ?1 AND a.deleted_at IS NULL AND "
		"a.status <> 'closed' AND a.category <> 'individual'");
	entity_visible(m->st, &asset_entity, "a", &sql);
	sqlite3_stmt *stmt = NULL;
	status = store_cached(m->st, strbuf_str(&sql), &stmt, err);
	strbuf_free(&sql);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, m->term[index].query, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, m->today, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		credit(cand_of(m, stmt), &m->term[index], index);
	status = rc == SQLITE_DONE ? K_OK : store_error(m->st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* The ranking a connector can repeat: theirs first, then ready, then with room, then the
 * better fit, then by name (and id, so that it never depends on the order found). */
static int by_rank(const void *pa, const void *pb)
{
	const struct match_item *a = &((const struct cand *)pa)->item;
	const struct match_item *b = &((const struct cand *)pb)->item;
	if (a->near != b->near)
		return a->near ? -1 : 1;
	if (a->ready != b->ready)
		return a->ready ? -1 : 1;
	if (a->full != b->full)
		return a->full ? 1 : -1;
	if (a->fit != b->fit)
		return b->fit - a->fit;
	int c = strcasecmp(a->name, b->name);
	return c ? c : strcmp(a->id, b->id);
}

static char *why(const struct cand *c)
{
	struct strbuf sb = STRBUF_INIT;
	if (c->shares.len)
		strbuf_printf(&sb, "shares %s; ", strbuf_str(&c->shares));
	if (c->mention.len)
		strbuf_printf(&sb, "mentions %s; ", strbuf_str(&c->mention));
	if (c->words.len)
		strbuf_printf(&sb, "mentions %s (what matters to them); ", strbuf_str(&c->words));
	if (c->item.near)
		strbuf_printf(&sb, "in %s; ", c->item.neighbourhood);
	if (c->item.ready)
		strbuf_printf(&sb, "active, verified %s", c->verified);
	else if (strcmp(c->status, "active") != 0)
		strbuf_puts(&sb, c->status);
	else
		strbuf_puts(&sb, *c->verified ? "not verified in a year" : "never verified");
	if (c->item.full)
		strbuf_puts(&sb, "; full");
	else if (c->room > 0)
		strbuf_printf(&sb, "; room for %d more", c->room);
	return strbuf_take(&sb);
}

static void cand_free(struct cand *c)
{
	free(c->item.name);
	free(c->item.category);
	free(c->item.neighbourhood);
	free(c->item.why);
	free(c->status);
	free(c->verified);
	strbuf_free(&c->shares);
	strbuf_free(&c->mention);
	strbuf_free(&c->words);
}

/* Hands the best limit over to out, ranked, with their reasons. */
static void take_best(struct matcher *m, int limit, struct match_list *out)
{
	if (m->ncand) /* qsort is not given NULL, even for nothing */
		qsort(m->cand, m->ncand, sizeof *m->cand, by_rank);
	out->found = (int)m->ncand;
	out->n = limit < (int)m->ncand ? limit : (int)m->ncand;
	out->item = xcalloc((size_t)(out->n ? out->n : 1), sizeof *out->item);
	for (int i = 0; i < out->n; i++) {
		struct cand *c = &m->cand[i];
		c->item.why = why(c);
		out->item[i] = c->item;
		memset(&c->item, 0, sizeof c->item); /* out owns its strings now */
	}
}

/* The person, their neighbourhood and what matters to them. A whole id finds a restricted
 * person whom the reader may not see (entity_resolve leaves masking to the loading): they
 * are told what an id nobody has gets, so that the refusal does not say the person exists. */
static int load_person(struct matcher *m, const char *person, struct kerr *err)
{
	int status = entity_resolve_person(m->st, person, m->person, err);
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(
			m->st, "SELECT neighbourhood, what_matters FROM person WHERE id = ?1",
			&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, m->person, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		m->neighbourhood = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		m->what_matters = xstrdup((const char *)sqlite3_column_text(stmt, 1));
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(m->st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

static int slots(struct matcher *m, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(m->st, "SELECT coalesce(max(fts_rowid), 0) + 1 FROM asset", &stmt,
				  err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		m->nslot = sqlite3_column_int64(stmt, 0);
		m->common = m->nslot / COMMON_WORD; /* about as many as there are assets */
		if (m->common < 5)                  /* a handful of assets: every word tells */
			m->common = 5;
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(m->st, rc, err);
	sqlite3_reset(stmt);
	if (m->nslot > 50000000) /* a key far beyond any borough's: found by search alone */
		m->nslot = 0;
	m->slot = xcalloc((size_t)(m->nslot ? m->nslot : 1), sizeof *m->slot);
	return status;
}

int match_person(struct store *st, const char *person, int limit, struct match_list *out,
		 struct kerr *err)
{
	memset(out, 0, sizeof *out);
	struct matcher m = {.st = st};
	date_today(m.today);
	int status = auth_require(st, AUTH_RECORDS, err);
	if (status == K_OK)
		status = load_person(&m, person, err);
	if (status == K_OK)
		status = tag_terms(&m, err);
	if (status == K_OK) {
		word_terms(&m);
		status = slots(&m, err);
	}
	for (int i = 0; status == K_OK && i < m.nterm; i++)
		status = run_term(&m, i, err);
	out->terms = m.nterm;
	if (status == K_OK)
		take_best(&m, limit, out);
	for (size_t i = 0; i < m.ncand; i++)
		cand_free(&m.cand[i]);
	for (int i = 0; i < m.nterm; i++) {
		free(m.term[i].shown);
		free(m.term[i].query);
	}
	free(m.cand);
	free(m.slot);
	free(m.neighbourhood);
	free(m.what_matters);
	return status;
}

void match_list_free(struct match_list *list)
{
	for (int i = 0; i < list->n; i++) {
		free(list->item[i].name);
		free(list->item[i].category);
		free(list->item[i].neighbourhood);
		free(list->item[i].why);
	}
	free(list->item);
	memset(list, 0, sizeof *list);
}
