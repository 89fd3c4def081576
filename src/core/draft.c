/* Drafts of forms, kept in the database for the worker who typed them: saving, listing,
 * discarding (blanked, tombstoned, the log emptied) and forgetting a person's. Every query
 * names the logged-in worker; the typing goes in and out through seal_text and open_text. */
#include "draft.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "jsonw.h"
#include "keyring.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- a draft in memory ---- */

void draft_init(struct draft *d)
{
	memset(d, 0, sizeof *d);
}

static void wipe_free(char *s)
{
	if (s)
		xwipe(s, strlen(s));
	free(s);
}

void draft_clear(struct draft *d)
{
	for (int i = 0; i < d->n; i++) {
		wipe_free(d->name[i]);
		wipe_free(d->value[i]);
	}
	free(d->name);
	free(d->value);
	draft_init(d);
}

void draft_set(struct draft *d, const char *name, const char *value)
{
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->name[i], name) == 0) {
			wipe_free(d->value[i]);
			d->value[i] = xstrdup(value ? value : "");
			return;
		}
	if ((size_t)d->n == d->cap) { /* side by side: both grow together */
		d->cap = xgrow_cap(d->cap);
		d->name = xreallocarray(d->name, d->cap, sizeof *d->name);
		d->value = xreallocarray(d->value, d->cap, sizeof *d->value);
	}
	d->name[d->n] = xstrdup(name);
	d->value[d->n++] = xstrdup(value ? value : "");
}

const char *draft_get(const struct draft *d, const char *name)
{
	for (int i = 0; i < d->n; i++)
		if (strcmp(d->name[i], name) == 0)
			return d->value[i];
	return NULL;
}

void draft_list_free(struct draft *list, int n)
{
	for (int i = 0; list && i < n; i++)
		draft_clear(&list[i]);
	free(list);
}

/* ---- the typing, sealed for its worker ---- */

/* What is stored for text typed by the logged-in worker: sealed to their own public key
 * (keyring.h), so that only their password, through their secret key, opens it again; the
 * file alone tells nothing of what they typed. */
static int seal_text(struct store *st, const char *worker_id, const char *text, char **out,
		     struct kerr *err)
{
	(void)worker_id; /* the store's worker, whose keys the session holds */
	const char *public_hex = store_public_key(st);
	*out = public_hex ? keyring_seal(public_hex, (const unsigned char *)text, strlen(text))
			  : NULL;
	if (!*out)
		return kerr_set(err, K_REFUSED, "",
				"your account has no key to keep a draft with "
				"yet; log in again");
	return K_OK;
}

/* The text the worker typed, from what seal_text stored; "" when it does not open with
 * their key (their password was set anew by an admin since, and with it their keys). *out
 * is the caller's. */
static int open_text(struct store *st, const char *worker_id, const char *sealed, char **out,
		     struct kerr *err)
{
	(void)worker_id, (void)err;
	const unsigned char *secret = store_secret_key(st);
	*out = secret && *sealed ? keyring_open_text(store_public_key(st), secret, sealed) : NULL;
	if (!*out)
		*out = xstrdup("");
	return K_OK;
}

/* The typing as one JSON object of name -> text. Caller frees (and wipes). */
static char *to_json(const struct draft *d)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_putc(&sb, '{');
	for (int i = 0; i < d->n; i++) {
		jsonw_key(&sb, d->name[i], i == 0);
		jsonw_string(&sb, d->value[i]);
	}
	strbuf_putc(&sb, '}');
	return strbuf_take(&sb);
}

/* Reads a JSON object of name -> text (as to_json writes it) into d. */
static int from_json(struct store *st, const char *json, struct draft *d, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, "SELECT key, value FROM json_each(?1) WHERE type = 'text'",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, json, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		draft_set(d, (const char *)sqlite3_column_text(stmt, 0),
			  (const char *)sqlite3_column_text(stmt, 1));
	status = rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_finalize(stmt);
	return status;
}

/* ---- whose ---- */

/* The logged-in worker, whose drafts these are; refuses when no one is logged in. */
static int owner(struct store *st, const char **who, struct kerr *err)
{
	*who = store_actor(st);
	if (!*who)
		return kerr_set(err, K_REFUSED, "",
				"log in first: a draft belongs to the worker "
				"who typed it");
	return K_OK;
}

/* ---- keeping ---- */

/* What a draft's row is written from, ?1 to ?7: its id, the worker, the form, the record
 * and person (NULL for none), the sealed typing, when. */
static void row_values(const char *v[7], const char *id, const struct draft *d, const char *who,
		       const char *sealed, const char *now)
{
	v[0] = id, v[1] = who, v[2] = d->entity;
	v[3] = *d->record_id ? d->record_id : NULL;
	v[4] = *d->person_id ? d->person_id : NULL;
	v[5] = sealed, v[6] = now;
}

/* Updates the worker's live draft d->id; *changed says whether there was one. */
static int update_draft(struct store *st, const struct draft *d, const char *who,
			const char *sealed, const char *now, bool *changed, struct kerr *err)
{
	const char *v[7];
	row_values(v, d->id, d, who, sealed, now);
	int status = store_run(st,
			       "UPDATE draft SET entity = ?3, record_id = ?4, person_id = "
			       "(SELECT id FROM person WHERE id = ?5), typed = ?6, updated_at = "
			       "?7, updated_by = ?2 WHERE id = ?1 AND worker_id = ?2 AND "
			       "deleted_at IS NULL",
			       v, 7, err);
	*changed = status == K_OK && sqlite3_changes(store_db(st)) == 1;
	return status;
}

static int insert_draft(struct store *st, const struct draft *d, const char *id, const char *who,
			const char *sealed, const char *now, struct kerr *err)
{
	const char *v[7];
	row_values(v, id, d, who, sealed, now);
	return store_run(st,
			 "INSERT INTO draft (id, worker_id, entity, record_id, person_id, "
			 "typed, created_at, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, "
			 "(SELECT id FROM person WHERE id = ?5), ?6, ?7, ?7, ?2)",
			 v, 7, err);
}

/* Writes the sealed typing over d->id when it is still the worker's, else as a new draft. */
static int write_draft(struct store *st, struct draft *d, const char *who, const char *sealed,
		       struct kerr *err)
{
	char now[STAMP_LEN], id[ID_LEN];
	bool changed = false;
	date_stamp(now);
	int status = *d->id ? update_draft(st, d, who, sealed, now, &changed, err) : K_OK;
	if (status != K_OK || changed) {
		if (changed)
			snprintf(d->updated_at, sizeof d->updated_at, "%s", now);
		return status;
	}
	id_new(id);
	status = insert_draft(st, d, id, who, sealed, now, err);
	if (status == K_OK) {
		snprintf(d->id, sizeof d->id, "%s", id);
		snprintf(d->created_at, sizeof d->created_at, "%s", now);
		snprintf(d->updated_at, sizeof d->updated_at, "%s", now);
	}
	return status;
}

/* Seals d's typing and writes it, in the caller's transaction. */
static int keep_one(struct store *st, struct draft *d, const char *who, struct kerr *err)
{
	char *sealed = NULL, *json = NULL;
	if (!*d->entity)
		return kerr_set(err, K_INVALID, "entity", "a draft needs the form's entity");
	json = to_json(d);
	int status = seal_text(st, who, json, &sealed, err);
	if (status == K_OK)
		status = write_draft(st, d, who, sealed, err);
	wipe_free(json);
	wipe_free(sealed);
	return status;
}

int draft_save_all(struct store *st, struct draft *d, int n, struct kerr *err)
{
	const char *who = NULL;
	kerr_clear(err);
	int status = owner(st, &who, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	for (int i = 0; i < n && status == K_OK; i++)
		status = keep_one(st, &d[i], who, err);
	return store_finish(st, status, err);
}

int draft_save(struct store *st, struct draft *d, struct kerr *err)
{
	return draft_save_all(st, d, 1, err);
}

/* ---- reading ---- */

static void copy_column(sqlite3_stmt *stmt, int col, char *out, size_t n)
{
	const unsigned char *v = sqlite3_column_text(stmt, col);
	snprintf(out, n, "%s", v ? (const char *)v : "");
}

/* One row of the list query into d, its typing opened. */
static int read_draft(struct store *st, sqlite3_stmt *stmt, const char *who, struct draft *d,
		      struct kerr *err)
{
	char *json = NULL;
	draft_init(d);
	copy_column(stmt, 0, d->id, sizeof d->id);
	copy_column(stmt, 1, d->entity, sizeof d->entity);
	copy_column(stmt, 2, d->record_id, sizeof d->record_id);
	copy_column(stmt, 3, d->person_id, sizeof d->person_id);
	copy_column(stmt, 5, d->created_at, sizeof d->created_at);
	copy_column(stmt, 6, d->updated_at, sizeof d->updated_at);
	const char *sealed = (const char *)sqlite3_column_text(stmt, 4);
	int status = open_text(st, who, sealed ? sealed : "", &json, err);
	if (status == K_OK && *json)
		status = from_json(st, json, d, err);
	wipe_free(json);
	return status;
}

int draft_list(struct store *st, struct draft **out, int *n, struct kerr *err)
{
	const char *who = NULL;
	sqlite3_stmt *stmt = NULL;
	*out = NULL;
	*n = 0;
	kerr_clear(err);
	int status = owner(st, &who, err);
	if (status == K_OK)
		status = store_prepare(st,
				       "SELECT id, entity, record_id, person_id, typed, "
				       "created_at, updated_at FROM draft WHERE worker_id = ?1 "
				       "AND deleted_at IS NULL ORDER BY created_at, id",
				       &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, who, -1, SQLITE_TRANSIENT);
	int rc = SQLITE_DONE;
	size_t cap = 0;
	while (status == K_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		*out = xgrow(*out, (size_t)*n, &cap, sizeof **out);
		status = read_draft(st, stmt, who, &(*out)[(*n)++], err);
	}
	if (status == K_OK && rc != SQLITE_DONE)
		status = store_error(st, rc, err);
	sqlite3_finalize(stmt);
	if (status != K_OK) {
		draft_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return status;
}

/* ---- discarding ---- */

/* Empties the write-ahead log, so that no old page of a discarded draft stays beside the
 * file. Another connection reading may keep it for now: the draft is discarded all the same,
 * and the log is emptied when the last connection closes. */
static void empty_log(struct store *st)
{
	if (store_in_transaction(st))
		return;
	int log = 0, moved = 0;
	sqlite3_wal_checkpoint_v2(store_db(st), NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &moved);
}

/* Blanks drafts matching where (over ?1, with ?2 the time and ?3 the actor); *n gets how
 * many. */
static int blank(struct store *st, const char *where, const char *arg, int *n, struct kerr *err)
{
	char now[STAMP_LEN];
	date_stamp(now);
	char *sql = xasprintf("UPDATE draft SET typed = '', person_id = NULL, deleted_at = ?2, "
			      "updated_at = ?2, updated_by = ?3 WHERE deleted_at IS NULL AND %s",
			      where);
	const char *v[] = {arg, now, store_actor(st)};
	int status = store_run(st, sql, v, 3, err);
	free(sql);
	if (status == K_OK && n)
		*n = sqlite3_changes(store_db(st));
	return status;
}

int draft_discard(struct store *st, const char *id, struct kerr *err)
{
	const char *who = NULL;
	int n = 0;
	kerr_clear(err);
	int status = owner(st, &who, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	/* the worker's own: ?1 is the draft, and the actor (?3) must be its worker */
	status = blank(st, "id = ?1 AND worker_id = ?3", id ? id : "", &n, err);
	if (status == K_OK && n == 0)
		status = kerr_set(err, K_NOT_FOUND, "", "you have no such draft");
	status = store_finish(st, status, err);
	if (status == K_OK)
		empty_log(st);
	return status;
}

int draft_forget_person(struct store *st, const char *person_id, int *n, struct kerr *err)
{
	kerr_clear(err);
	if (n)
		*n = 0;
	int status = auth_require(st, AUTH_ERASE, err);
	if (status == K_OK)
		status = store_begin(st, err);
	if (status != K_OK)
		return status;
	status = blank(st, "person_id = ?1", person_id ? person_id : "", n, err);
	return store_finish(st, status, err);
}
