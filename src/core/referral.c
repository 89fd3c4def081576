/* The referral entity: fields, orders, search by person or asset name, and the status
 * rules. A new referral gets a follow-up date so that "did they go?" gets asked. A status
 * that went wrong can be corrected, outside the allowed moves, by a coordinator or by the
 * worker who set it within the last day; the audit row says it was a correction. */
#include "referral.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "date.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"

#define FOLLOW_UP_DAYS 14
#define OWN_CORRECTION_HOURS 24 /* a worker's stray key is noticed the same day, or the next */

/* clang-format off */
const char *const referral_statuses[] = {"made", "contacted", "attended", "declined",
					 "did_not_attend", "closed", NULL};
/* clang-format on */
static const char *const kinds[] = {"referral", "signpost", "introduction", NULL};

static const struct field_def fields[REFERRAL_NFIELDS] = {
	[REFERRAL_PERSON] = {"person_id", "Person", FIELD_REF, FIELD_REQUIRED | FIELD_LISTED, 0, 0,
			     NULL, ENTITY_PERSON, NULL, 18, "who is being connected"},
	[REFERRAL_FROM_ASSET] = {"from_asset_id", "From", FIELD_REF, FIELD_REQUIRED | FIELD_LISTED,
				 0, 0, NULL, ENTITY_ASSET, NULL, 20,
				 "where they came from: the venue, a GP surgery, the team"},
	[REFERRAL_TO_ASSET] = {"to_asset_id", "To", FIELD_REF, FIELD_REQUIRED | FIELD_LISTED, 0, 0,
			       NULL, ENTITY_ASSET, NULL, 20, "where they are going"},
	[REFERRAL_KIND] = {"kind", "Kind", FIELD_CHOICE, FIELD_LISTED, 0, 0, kinds, 0, "referral",
			   12, "referral, signpost or introduction"},
	[REFERRAL_DATE] = {"date", "Date", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, NULL, 0,
			   "today", 10, NULL},
	[REFERRAL_STATUS] = {"status", "Status", FIELD_CHOICE, FIELD_LISTED, 0, 0,
			     referral_statuses, 0, "made", 14, NULL},
	[REFERRAL_STATUS_DATE] = {"status_date", "Status since", FIELD_DATE, FIELD_AUTO, 0, 0, NULL,
				  0, NULL, 10, NULL},
	[REFERRAL_FOLLOW_UP_DATE] = {"follow_up_date", "Follow up", FIELD_DATE, FIELD_LISTED, 0, 0,
				     NULL, 0, NULL, 10,
				     "when to ask: did they go? (two weeks on when left empty)"},
	[REFERRAL_REASON] = {"reason", "Reason", FIELD_NOTE, FIELD_PERSONAL, 2000, 0, NULL, 0, NULL,
			     30, NULL},
	[REFERRAL_NOTES] = {"notes", "Notes", FIELD_NOTE, FIELD_PERSONAL, 10000, 0, NULL, 0, NULL,
			    30, NULL},
	[REFERRAL_WORKER] = {"worker_id", "Recorded by", FIELD_REF, FIELD_AUTO, 0, 0, NULL,
			     ENTITY_WORKER, NULL, 14, NULL},
};

/* clang-format off */
static const struct sort_def sorts[] = {
	{"date", "newest first", {"t.date", "t.id", NULL}, true},
	{"follow_up", "by follow-up date", {"coalesce(t.follow_up_date, '9999-12-31')", "t.id", NULL},
	 false},
	{"status", "by status", {"t.status", "t.date", "t.id"}, false},
};
/* clang-format on */

/* clang-format off */
static const struct filter_def filters[] = {
	{"due", "follow-up due", "t.follow_up_date <= :today AND t.status IN ('made', 'contacted')", NULL},
	{"open", "open", "t.status IN ('made', 'contacted')", NULL},
};
/* clang-format on */

/* Allowed moves, as [from][to]; the order of referral_statuses. */
static const bool moves[6][6] = {
	/* made contacted attended declined dna closed */
	{1, 1, 1, 1, 1, 1}, /* made */
	{0, 1, 1, 1, 1, 1}, /* contacted */
	{0, 0, 1, 0, 0, 1}, /* attended */
	{0, 0, 0, 1, 0, 1}, /* declined */
	{0, 1, 0, 0, 1, 1}, /* did not attend: they may be put in touch again */
	{0, 0, 0, 0, 0, 1}, /* closed */
};

static int status_index(const char *s)
{
	for (int i = 0; referral_statuses[i]; i++)
		if (strcmp(referral_statuses[i], s) == 0)
			return i;
	return -1;
}

bool referral_can_move(const char *from, const char *to)
{
	int a = status_index(from), b = status_index(to);
	return a >= 0 && b >= 0 && moves[a][b];
}

const char *referral_next_status(const char *status)
{
	static const char *const next[] = {"contacted", "attended", "closed",
					   "closed",    "closed",   NULL};
	int i = status_index(status);
	return i < 0 ? NULL : next[i];
}

bool referral_awaits_follow_up(const char *status)
{
	return strcmp(status, "made") == 0 || strcmp(status, "contacted") == 0;
}

/* Whether the logged-in worker made the referral's last change of status (or made it)
 * within OWN_CORRECTION_HOURS: the audit trail knows, by its index on the record. */
static int set_lately_by_actor(struct store *st, const char *id, bool *out, struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	char since[STAMP_LEN];
	*out = false;
	if (!store_actor(st))
		return K_OK;
	int status = store_cached(st,
				  "SELECT worker_id = ?2 AND created_at >= ?3 FROM audit "
				  "WHERE record_id = ?1 AND entity = 'referral' "
				  "AND action IN ('create', 'update') "
				  "AND instr(',' || fields || ',', ',status,') > 0 "
				  "ORDER BY created_at DESC, seq DESC LIMIT 1",
				  &stmt, err);
	if (status != K_OK)
		return status;
	date_stamp_in(-OWN_CORRECTION_HOURS * 3600L, since);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, store_actor(st), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, since, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	*out = rc == SQLITE_ROW && sqlite3_column_int(stmt, 0) == 1;
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* A move outside the allowed ones is a correction: a coordinator's, or the worker's who
 * set the status lately. */
static int may_correct(struct store *st, const struct record *old, const char *now,
		       struct kerr *err)
{
	bool own = false;
	if (auth_allows(st, AUTH_CORRECT))
		return K_OK;
	int status = set_lately_by_actor(st, old->id, &own, err);
	if (status != K_OK || own)
		return status;
	char *a = entity_choice_label(record_get(old, REFERRAL_STATUS)),
	     *b = entity_choice_label(now);
	kerr_set(err, K_TRANSITION, "status",
		 "status: a referral that is %s cannot become %s; a coordinator can correct it, "
		 "or whoever set its status, within a day",
		 a, b);
	free(a), free(b);
	return K_TRANSITION;
}

/* A correction changes what was recorded, not when things happened: the status keeps its
 * date (made is always since the referral's date), and an open referral keeps its
 * follow-up, getting one only when it has none. */
static void corrected(struct record *rec)
{
	const char *now = record_get(rec, REFERRAL_STATUS);
	char today[DATE_LEN], due[DATE_LEN];
	if (strcmp(now, "made") == 0)
		record_set(rec, REFERRAL_STATUS_DATE, record_get(rec, REFERRAL_DATE));
	date_today(today);
	if (referral_awaits_follow_up(now) && !*record_get(rec, REFERRAL_FOLLOW_UP_DATE) &&
	    date_add_days(today, FOLLOW_UP_DAYS, due))
		record_set(rec, REFERRAL_FOLLOW_UP_DATE, due);
}

/* A new open referral's follow-up, when none is given: two weeks after its date (typed as a
 * form takes dates, or stored). */
static bool implied(const struct record *rec, int field, char *out, size_t n)
{
	const char *status = record_get(rec, REFERRAL_STATUS);
	char date[DATE_LEN], due[DATE_LEN];
	if (field != REFERRAL_FOLLOW_UP_DATE ||
	    !referral_awaits_follow_up(*status ? status : fields[REFERRAL_STATUS].def) ||
	    date_parse(record_get(rec, REFERRAL_DATE), date, "date", NULL) != K_OK ||
	    !date_add_days(date, FOLLOW_UP_DAYS, due))
		return false;
	snprintf(out, n, "%s", due);
	return true;
}

static void created(struct store *st, struct record *rec)
{
	char due[DATE_LEN];
	record_set(rec, REFERRAL_WORKER, store_actor(st));
	record_set(rec, REFERRAL_STATUS_DATE, record_get(rec, REFERRAL_DATE));
	if (!*record_get(rec, REFERRAL_FOLLOW_UP_DATE) &&
	    implied(rec, REFERRAL_FOLLOW_UP_DATE, due, sizeof due))
		record_set(rec, REFERRAL_FOLLOW_UP_DATE, due);
}

static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	const char *now = record_get(rec, REFERRAL_STATUS);
	char today[DATE_LEN];
	date_today(today);
	if (!old) {
		created(st, rec);
		return K_OK;
	}
	const char *was = record_get(old, REFERRAL_STATUS);
	if (strcmp(was, now) == 0)
		return K_OK;
	if (!referral_can_move(was, now)) {
		int status = may_correct(st, old, now, err);
		if (status == K_OK)
			corrected(rec);
		return status;
	}
	record_set(rec, REFERRAL_STATUS_DATE, today);
	/* still open: ask again in two weeks rather than at once */
	char due[DATE_LEN];
	bool open = referral_awaits_follow_up(now);
	if (open && strcmp(record_get(rec, REFERRAL_FOLLOW_UP_DATE), today) <= 0 &&
	    strcmp(record_get(rec, REFERRAL_FOLLOW_UP_DATE),
		   record_get(old, REFERRAL_FOLLOW_UP_DATE)) == 0 &&
	    date_add_days(today, FOLLOW_UP_DAYS, due))
		record_set(rec, REFERRAL_FOLLOW_UP_DATE, due);
	return K_OK;
}

/* A status put where no allowed move goes corrects what was recorded. */
static bool corrects(const struct record *old, const struct record *rec)
{
	const char *was = record_get(old, REFERRAL_STATUS), *now = record_get(rec, REFERRAL_STATUS);
	return strcmp(was, now) != 0 && !referral_can_move(was, now);
}

/* What a search finds a referral by: the person's name, or when no one's matches, the
 * place they went to or came from. */
static const struct through_def through[] = {
	{REFERRAL_PERSON, false},
	{REFERRAL_TO_ASSET, true},
	{REFERRAL_FROM_ASSET, false},
};

/* "Amina Yusuf to Knit and Natter", from the names as the reader may see them */
static char *display_of(const struct record *rec)
{
	const char *who = rec->label[REFERRAL_PERSON], *to = rec->label[REFERRAL_TO_ASSET];
	struct strbuf sb = STRBUF_INIT;
	strbuf_printf(&sb, "%s to %s", who ? who : "", to ? to : "");
	return strbuf_take(&sb);
}

/* clang-format off */
const struct entity_def referral_entity = {
	.kind = ENTITY_REFERRAL,
	.name = "referral",
	.plural = "referrals",
	.table = "referral",
	.fields = fields,
	.nfields = REFERRAL_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.filters = filters,
	.nfilters = sizeof filters / sizeof *filters,
	/* the person's name as the reader may see it (person.c), so that a restricted person
	 * cannot be found by naming their referral either */
	.display = "(SELECT " PERSON_NAME_SQL("p") " FROM person p WHERE p.id = @.person_id) || "
		   "' to ' || (SELECT a.name FROM asset a WHERE a.id = @.to_asset_id)",
	.display_of = display_of,
	.through = through,
	.nthrough = sizeof through / sizeof *through,
	.through_order = "by person (or place), newest first",
	.scope_field = -1,
	.check = check,
	.implied = implied,
	.subject_heading = "Referrals",
	.erasure = ERASURE_KEEP_ROW,
	.corrects = corrects,
};
/* clang-format on */

int referral_set_status(struct store *st, const char *id, const char *status,
			struct entity_change *undo, struct kerr *err)
{
	struct record *rec = NULL, *before = NULL;
	int rc = store_begin(st, err);
	if (rc != K_OK)
		return rc;
	rc = entity_load(st, &referral_entity, id, &rec, err);
	if (rc == K_OK) {
		before = record_copy(rec);
		record_set(rec, REFERRAL_STATUS, status);
		rc = entity_update(st, rec, err);
	}
	rc = store_finish(st, rc, err);
	if (rc == K_OK && undo)
		entity_change_set(undo, before, rec);
	record_free(before);
	record_free(rec);
	return rc;
}
