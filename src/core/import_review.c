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

#include "xalloc.h"

/* A person's review date (or, in the table of dues, a date's due date). */
struct review_slot {
	char *person; /* NULL: an empty slot */
	char *review; /* as it stands now; NULL as the column's NULL */
	bool live;    /* a live person: the trigger touches no other */
	bool moved;
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

static struct review_slot *find(struct review_slot *slot, size_t cap, const char *person)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)person; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	size_t i = (size_t)h & (cap - 1);
	while (slot[i].person && strcmp(slot[i].person, person) != 0)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

/* Kept at most half full. */
static void grow(struct review_table *t)
{
	size_t cap = t->cap ? t->cap * 2 : 1024;
	struct review_slot *slot = xcalloc(cap, sizeof *slot);
	for (size_t i = 0; i < t->cap; i++)
		if (t->slot[i].person)
			*find(slot, cap, t->slot[i].person) = t->slot[i];
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
}

/* key's slot in t, made room for: empty (person NULL) when key is not there yet. */
static struct review_slot *lookup(struct review_table *t, const char *key)
{
	if (2 * (t->used + 1) > t->cap)
		grow(t);
	return find(t->slot, t->cap, key);
}

/* Fills an empty slot: key, its value (NULL as the column's NULL), and whether it is live. */
static void put(struct review_table *t, struct review_slot *s, const char *key, const char *value,
		bool live)
{
	*s = (struct review_slot){xstrdup(key), value ? xstrdup(value) : NULL, live, false};
	t->used++;
}

/* After this many people named, every live person's review date is read at once (a scan)
 * rather than one look-up each: a file of contacts names most of a community. */
#define ALL_AFTER 256

/* A new slot for person: live with review (NULL as the column's NULL), or not live. */
static struct review_slot *add_slot(struct import_review *r, const char *person, bool live,
				    const char *review)
{
	struct review_slot *s = lookup(&r->people, person);
	if (!s->person)
		put(&r->people, s, person, review, live);
	return s;
}

/* Every live person's review date, for those not read yet. */
static int read_all(struct store *st, struct import_review *r, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT id, review_date FROM person WHERE deleted_at IS NULL",
				   &stmt, err),
	    rc = SQLITE_DONE;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		add_slot(r, (const char *)sqlite3_column_text(stmt, 0), true,
			 (const char *)sqlite3_column_text(stmt, 1));
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	r->all = status == K_OK;
	return status;
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
	if (status != K_OK || (*out)->person)
		return status;
	if (r->all) {
		*out = add_slot(r, person, false, NULL);
		return K_OK;
	}
	sqlite3_stmt *stmt = NULL;
	status = store_cached(st,
			      "SELECT review_date FROM person WHERE id = ?1 AND "
			      "deleted_at IS NULL",
			      &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, person, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	*out = add_slot(r, person, rc == SQLITE_ROW,
			rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0) : NULL);
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* date(date, '+N months'), as the trigger works it out (NULL for a date it cannot read);
 * each date's answer is remembered (a file's contacts fall on a few hundred days). */
static int due_of(struct store *st, struct import_review *r, const char *date, char **out,
		  struct kerr *err)
{
	struct review_slot *memo = lookup(&r->dues, date);
	*out = NULL;
	if (memo->person) {
		*out = memo->review ? xstrdup(memo->review) : NULL;
		return K_OK;
	}
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "SELECT date(?1, '+' || ?2 || ' months')", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, r->months, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		*out = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	if (status == K_OK)
		put(&r->dues, memo, date, *out, true);
	return status;
}

int import_review_contact(struct store *st, struct import_review *r, const char *person,
			  const char *date, bool back, struct kerr *err)
{
	struct review_slot *s = NULL;
	char *due = NULL;
	int status = slot_of(st, r, person, &s, err);
	if (status != K_OK || !s->live)
		return status;
	/* the trigger: max(coalesce(review_date, ''), due), NULL when due is; a record coming
	 * back then puts back a review date it found (one it did not find stays moved) */
	const char *was = s->review ? s->review : "";
	if (back && *was)
		return K_OK;
	status = due_of(st, r, date, &due, err);
	if (status != K_OK)
		return status;
	char *now = !due ? NULL : strcmp(due, was) >= 0 ? due : xstrdup(was);
	if (now != due)
		free(due);
	free(s->review);
	s->review = now;
	s->moved = true;
	return K_OK;
}

static int write_one(struct store *st, const struct review_slot *s, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(st, "UPDATE person SET review_date = ?1 WHERE id = ?2", &stmt,
				  err);
	if (status != K_OK)
		return status;
	if (s->review)
		sqlite3_bind_text(stmt, 1, s->review, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, s->person, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

int import_review_end(struct store *st, struct import_review *r, int status, struct kerr *err)
{
	for (size_t i = 0; i < r->people.cap; i++) {
		struct review_slot *s = &r->people.slot[i];
		if (status == K_OK && s->person && s->moved)
			status = write_one(st, s, err);
		free(s->person), free(s->review);
	}
	for (size_t i = 0; i < r->dues.cap; i++)
		free(r->dues.slot[i].person), free(r->dues.slot[i].review);
	if (status == K_OK && r->trigger)
		status = store_exec(st, r->trigger, err);
	free(r->people.slot), free(r->dues.slot), free(r->trigger);
	*r = (struct import_review){0};
	return status;
}
