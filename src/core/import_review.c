/* People's review dates through an import of contacts. Each conversation, referral or
 * wellbeing answer's trigger moves its person's review date on (the latest of theirs and a
 * retention period after the contact), a row at a time; a record of kith's own export coming
 * back leaves a review date as it was (import.c). Here the trigger is set aside inside the
 * import's transaction and the same sequence of dates is followed in memory, a person at a
 * time, in the file's order, and written once a person at the end: the dates are those the
 * rows one by one would have left (tests/test_import_bulk.py). Set aside inside the
 * transaction, the trigger comes back with it if it is rolled back. */
#include "import_review.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "entity.h"
#include "hash.h"
#include "id.h"
#include "xalloc.h"

/* A person's review date (or, in the table of dues, a date's due date), in the slot itself:
 * a file of contacts names thousands of people, and a probe that follows a pointer a slot
 * waits on memory each time. */
struct review_slot {
	uint32_t hash; /* of key: a probe compares it first */
	bool used;     /* false: an empty slot */
	bool has;      /* a review date; false as the column's NULL */
	bool live;     /* a live person: the trigger touches no other */
	bool moved;
	char key[ID_LEN];      /* the person's id, or the date */
	char review[DATE_LEN]; /* as it stands now */
};

/* The retention period as the triggers read it: the setting, or 24. */
static int months_of(struct store *st, char out[24], struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT coalesce((SELECT value FROM setting WHERE key = "
				   "'retention_months' AND deleted_at IS NULL), '24')",
				   &stmt, err);
	if (status != K_OK)
		return status;
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(out, 24, "%s", (const char *)sqlite3_column_text(stmt, 0));
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

int import_review_begin(struct store *st, struct import_review *r, const char *trigger,
			struct kerr *err)
{
	*r = (struct import_review){0};
	int status = months_of(st, r->months, err);
	if (status != K_OK || !trigger)
		return status;
	sqlite3_stmt *stmt = NULL;
	status = store_prepare(st,
			       "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND "
			       "name = ?1",
			       &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, trigger, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		r->trigger = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	else if (rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status == K_OK && r->trigger) { /* dropped once the schema is no longer read */
		char *drop = sqlite3_mprintf("DROP TRIGGER \"%w\"", trigger);
		status = store_exec(st, drop, err);
		sqlite3_free(drop);
	}
	return status;
}

static uint32_t hash_of(const char *key)
{
	uint64_t h = hash_text(HASH_START, key);
	return (uint32_t)(h ^ (h >> 32));
}

static struct review_slot *find(struct review_slot *slot, size_t cap, const char *key, uint32_t h)
{
	size_t i = h & (cap - 1);
	while (slot[i].used && (slot[i].hash != h || strcmp(slot[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

/* Room for more keys: the table at most three quarters full with them in (a probe compares a
 * stored hash before the key). */
static void grow(struct review_table *t, size_t more)
{
	size_t cap = t->cap ? t->cap : 1024;
	while (4 * (t->used + more) > 3 * cap)
		cap *= 2;
	if (cap == t->cap)
		return;
	struct review_slot *slot = xcalloc(cap, sizeof *slot);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slot[i].used)
			continue;
		size_t j = t->slot[i].hash & (cap - 1); /* every key is there once */
		while (slot[j].used)
			j = (j + 1) & (cap - 1);
		slot[j] = t->slot[i];
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
}

/* key's slot in t, made room for: empty (not used) when key is not there yet. */
static struct review_slot *lookup(struct review_table *t, const char *key)
{
	grow(t, 1);
	return find(t->slot, t->cap, key, hash_of(key));
}

/* Sets a slot's date: NULL as the column's NULL. A date (or an id) is never longer than its
 * slot; should the database hold one that is, the import stops rather than compare it cut. */
static int set_date(struct review_slot *s, const char *date, struct kerr *err)
{
	s->has = date != NULL;
	if (date && strlen(date) >= sizeof s->review)
		return kerr_set(err, K_DB, "", "a review date kith cannot read: '%.40s'", date);
	if (date)
		memcpy(s->review, date, strlen(date) + 1);
	return K_OK;
}

/* Fills an empty slot: key, its value (NULL as the column's NULL), and whether it is live. */
static int put(struct review_table *t, struct review_slot *s, const char *key, const char *value,
	       bool live, struct kerr *err)
{
	if (strlen(key) >= sizeof s->key)
		return kerr_set(err, K_DB, "", "an id kith cannot read: '%.40s'", key);
	*s = (struct review_slot){hash_of(key), true, false, live, false, "", ""};
	memcpy(s->key, key, strlen(key) + 1);
	t->used++;
	return set_date(s, value, err);
}

/* After this many people named, every live person's review date is read at once (a scan)
 * rather than one look-up each: a file of contacts names most of a community. */
#define ALL_AFTER 256

/* person's slot, added when it is not there: live with review (NULL as the column's NULL),
 * or not live. */
static int add_slot(struct import_review *r, const char *person, bool live, const char *review,
		    struct review_slot **out, struct kerr *err)
{
	*out = lookup(&r->people, person);
	return (*out)->used ? K_OK : put(&r->people, *out, person, review, live, err);
}

/* Whether id is a live person's, once every live one is read: the import's memo asks. */
static bool live(void *ctx, const char *id)
{
	struct import_review *r = ctx;
	const struct review_slot *s = find(r->people.slot, r->people.cap, id, hash_of(id));
	return s->used && s->live;
}

/* Every live person's review date, for those not read yet. There are at most as many as the
 * last rowid, told at once: the table grows once rather than doubling through. */
static int read_all(struct store *st, struct import_review *r, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	struct review_slot *s;
	long long n = 0;
	int status = store_query_int(st, "SELECT coalesce(max(rowid), 0) FROM person", &n, err),
	    rc = SQLITE_DONE;
	grow(&r->people, n > 0 ? (size_t)n : 0);
	if (status == K_OK)
		status = store_prepare(
			st, "SELECT id, review_date FROM person WHERE deleted_at IS NULL", &stmt,
			err);
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		status = add_slot(r, (const char *)sqlite3_column_text(stmt, 0), true,
				  (const char *)sqlite3_column_text(stmt, 1), &s, err);
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	r->all = status == K_OK;
	if (r->all)
		entity_memo_people(st, live, r);
	return status;
}

int import_review_expect(struct store *st, struct import_review *r, long lines, struct kerr *err)
{
	return lines >= ALL_AFTER && !r->all ? read_all(st, r, err) : K_OK;
}

/* The person's slot, read from the file the first time they are named (or with everyone's):
 * someone not among everyone read is no live person. */
static int slot_of(struct store *st, struct import_review *r, const char *person,
		   struct review_slot **out, struct kerr *err)
{
	int status = K_OK;
	if (!r->all && r->people.used == ALL_AFTER)
		status = read_all(st, r, err);
	*out = lookup(&r->people, person);
	if (status != K_OK || (*out)->used)
		return status;
	if (r->all)
		return add_slot(r, person, false, NULL, out, err);
	sqlite3_stmt *stmt = NULL;
	status = store_cached(st,
			      "SELECT review_date FROM person WHERE id = ?1 AND "
			      "deleted_at IS NULL",
			      &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, person, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	if (status == K_OK)
		status = add_slot(r, person, rc == SQLITE_ROW,
				  rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0)
						   : NULL,
				  out, err);
	sqlite3_reset(stmt);
	return status;
}

/* date(date, '+N months'), as the trigger works it out (its slot's has false for a date it
 * cannot read); each date's answer is remembered (a file's contacts fall on a few hundred
 * days). */
static int due_of(struct store *st, struct import_review *r, const char *date,
		  const struct review_slot **out, struct kerr *err)
{
	struct review_slot *memo = lookup(&r->dues, date);
	*out = memo;
	if (memo->used)
		return K_OK;
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "SELECT date(?1, '+' || ?2 || ' months')", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, r->months, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	if (status == K_OK)
		status = put(&r->dues, memo, date,
			     sqlite3_column_type(stmt, 0) != SQLITE_NULL
				     ? (const char *)sqlite3_column_text(stmt, 0)
				     : NULL,
			     true, err);
	sqlite3_reset(stmt);
	return status;
}

int import_review_contact(struct store *st, struct import_review *r, const char *person,
			  const char *date, bool back, struct kerr *err)
{
	struct review_slot *s = NULL;
	const struct review_slot *due = NULL;
	int status = slot_of(st, r, person, &s, err);
	if (status != K_OK || !s->live)
		return status;
	/* the trigger: max(coalesce(review_date, ''), due), NULL when due is; a record coming
	 * back then puts back a review date it found (one it did not find stays moved) */
	if (back && s->has && *s->review)
		return K_OK;
	status = due_of(st, r, date, &due, err);
	if (status != K_OK)
		return status;
	if (!due->has)
		s->has = false;
	else if (!s->has || strcmp(due->review, s->review) >= 0)
		status = set_date(s, due->review, err);
	/* otherwise the date they have is the later, and stays */
	s->moved = true;
	return status;
}

static int write_one(struct store *st, const struct review_slot *s, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "UPDATE person SET review_date = ?1 WHERE id = ?2", &stmt,
				  err);
	if (status != K_OK)
		return status;
	if (s->has)
		sqlite3_bind_text(stmt, 1, s->review, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(stmt, 1);
	sqlite3_bind_text(stmt, 2, s->key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

int import_review_end(struct store *st, struct import_review *r, int status, struct kerr *err)
{
	for (size_t i = 0; status == K_OK && i < r->people.cap; i++) {
		const struct review_slot *s = &r->people.slot[i];
		if (s->used && s->moved)
			status = write_one(st, s, err);
	}
	if (status == K_OK && r->trigger)
		status = store_exec(st, r->trigger, err);
	free(r->people.slot), free(r->dues.slot), free(r->trigger);
	*r = (struct import_review){0};
	return status;
}
