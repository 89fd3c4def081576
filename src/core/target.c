/* The target entity, the defaults a target has when none is recorded, and how a target
 * scales to a report's period. The defaults are Croydon's outputs for a part-time ABCD
 * worker; the seed gives no period for the asset map's 600 contacts or the 400 people
 * signposted, and a year is the reading that fits beside 70 conversations a month. */
#include "target.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "date.h"
#include "record.h"
#include "store.h"

/* clang-format off */
const struct target_measure_def TARGET_MEASURES[MEASURE_COUNT] = {
	[MEASURE_CONVERSATIONS] = {"conversations", "outputs.conversations",
		"New learning conversations", "Conversations", 70, "month"},
	[MEASURE_ASSET_CONTACTS] = {"asset_contacts", "outputs.asset_contacts",
		"Contacts added to the asset map", "Asset map", 600, "year"},
	[MEASURE_NEW_ACTIVITIES] = {"new_activities", "outputs.new_activities",
		"New social activities set up", "New activities", 60, "year"},
	[MEASURE_REFERRALS] = {"referrals", "outputs.referrals",
		"People signposted or referred", "Signposted", 400, "year"},
	[MEASURE_MEETINGS] = {"multi_agency_meetings", "outputs.multi_agency_meetings",
		"Multi-agency meetings held", "Meetings", 1, "month"},
};
/* clang-format on */

static const char *const measures[] = {"conversations", "asset_contacts",        "new_activities",
				       "referrals",     "multi_agency_meetings", NULL};
static const char *const periods[] = {"month", "quarter", "year", NULL};

/* clang-format off */
static const struct field_def fields[TARGET_NFIELDS] = {
	[TARGET_MEASURE] = {"measure", "Measure", FIELD_CHOICE, FIELD_REQUIRED | FIELD_LISTED, 0, 0,
			    measures, 0, NULL, 22, "conversations, asset contacts, new activities, "
			    "referrals or multi-agency meetings"},
	[TARGET_WORKER] = {"worker_id", "Worker", FIELD_REF, FIELD_LISTED, 0, 0, NULL,
			   ENTITY_WORKER, NULL, 18, "whose target; none: the programme's"},
	[TARGET_AMOUNT] = {"amount", "Amount", FIELD_INT, FIELD_REQUIRED | FIELD_LISTED, 1000000, 0,
			   NULL, 0, NULL, 7, "how many over the period"},
	[TARGET_PERIOD] = {"period", "Period", FIELD_CHOICE, FIELD_REQUIRED | FIELD_LISTED, 0, 0,
			   periods, 0, "month", 8, "month, quarter or year"},
};
/* clang-format on */

static const struct sort_def sorts[] = {
	{"measure", "by measure", {"t.measure", "coalesce(t.worker_id, '')", "t.id", NULL}, false},
};

/* The live target for measure and worker ("" for the programme) other than except's: its id,
 * amount and period; *found false when there is none. */
struct live {
	bool found;
	char id[ID_LEN];
	long amount;
	char period[8];
};

static int live_target(struct store *st, const char *measure, const char *worker,
		       const char *except, struct live *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(
		st,
		"SELECT id, amount, period FROM target WHERE deleted_at IS NULL AND "
		"measure = ?1 AND coalesce(worker_id, '') = ?2 AND id <> ?3",
		&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, measure, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 2, worker ? worker : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(stmt, 3, except ? except : "", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	out->found = rc == SQLITE_ROW;
	if (out->found) {
		snprintf(out->id, sizeof out->id, "%s", sqlite3_column_text(stmt, 0));
		out->amount = (long)sqlite3_column_int64(stmt, 1);
		snprintf(out->period, sizeof out->period, "%s", sqlite3_column_text(stmt, 2));
	}
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

/* One target per measure for each worker and for the programme: the second is refused
 * naming the first, rather than by the index's bare complaint. */
static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	(void)old;
	struct live other;
	int status = live_target(st, record_get(rec, TARGET_MEASURE),
				 record_get(rec, TARGET_WORKER), rec->id, &other, err);
	if (status == K_OK && other.found)
		status = kerr_set(err, K_DUPLICATE, "measure",
				  "measure: %s already has a target%s (%ld a %s): change that one",
				  record_get(rec, TARGET_MEASURE),
				  *record_get(rec, TARGET_WORKER) ? " for that worker"
								  : " for the programme",
				  other.amount, other.period);
	return status;
}

const struct entity_def target_entity = {
	.kind = ENTITY_TARGET,
	.name = "target",
	.plural = "targets",
	.table = "target",
	.fields = fields,
	.nfields = TARGET_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	/* "conversations for wes", "referrals for the programme": what edit and delete name */
	.display = "@.measure || ' for ' || coalesce((SELECT w.username FROM worker w WHERE w.id = "
		   "@.worker_id), 'the programme')",
	.search = "t.measure LIKE :like ESCAPE '\\' OR t.worker_id IN (SELECT w.id FROM worker w "
		  "WHERE w.username LIKE :like ESCAPE '\\' OR w.display_name LIKE :like ESCAPE "
		  "'\\')",
	.scope_field = -1,
	.check = check,
};

enum target_measure target_measure_find(const char *name)
{
	for (int m = 0; name && m < MEASURE_COUNT; m++)
		if (strcmp(TARGET_MEASURES[m].name, name) == 0)
			return (enum target_measure)m;
	return MEASURE_COUNT;
}

static double per_year(long amount, const char *period)
{
	double times = strcmp(period, "month") == 0 ? 12 : strcmp(period, "quarter") == 0 ? 4 : 1;
	return (double)amount * times;
}

static void set_rate(struct target_rate *out, long amount, const char *period, bool recorded)
{
	out->amount = amount;
	snprintf(out->period, sizeof out->period, "%s", period);
	out->per_year = per_year(amount, period);
	out->recorded = recorded;
}

/* The recorded target of worker (NULL: the programme), if any. */
static int recorded(struct store *st, const char *worker, enum target_measure m,
		    struct target_rate *out, bool *found, struct kerr *err)
{
	struct live t;
	int status = live_target(st, TARGET_MEASURES[m].name, worker, NULL, &t, err);
	*found = status == K_OK && t.found;
	if (*found)
		set_rate(out, t.amount, t.period, true);
	return status;
}

/* The programme's default: its workers' targets, each recorded or the default, summed as
 * rates a year, and shown in the measure's default period. */
static int workers_sum(struct store *st, enum target_measure m, struct target_rate *out,
		       struct kerr *err)
{
	const struct target_measure_def *d = &TARGET_MEASURES[m];
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(
		st,
		"SELECT count(*), coalesce(sum(coalesce((SELECT t.amount * CASE t.period WHEN "
		"'month' THEN 12 WHEN 'quarter' THEN 4 ELSE 1 END FROM target t WHERE "
		"t.deleted_at IS NULL AND t.measure = ?1 AND t.worker_id = w.id), ?2)), 0) FROM "
		"worker w WHERE w.deleted_at IS NULL AND ((w.role = 'worker' AND w.disabled = 0) "
		"OR EXISTS (SELECT 1 FROM target t WHERE t.deleted_at IS NULL AND t.measure = ?1 "
		"AND t.worker_id = w.id))",
		&stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, d->name, -1, SQLITE_STATIC);
	sqlite3_bind_double(stmt, 2, per_year(d->amount, d->period));
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->workers = sqlite3_column_int(stmt, 0);
		out->per_year = sqlite3_column_double(stmt, 1);
		out->recorded = false;
		snprintf(out->period, sizeof out->period, "%s", d->period);
		out->amount = lround(out->per_year / per_year(1, d->period));
	}
	status = rc == SQLITE_ROW ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	return status;
}

int target_rate(struct store *st, const char *worker_id, enum target_measure m,
		struct target_rate *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	bool found = false;
	int status = recorded(st, worker_id && *worker_id ? worker_id : NULL, m, out, &found, err);
	if (status != K_OK || found)
		return status;
	if (worker_id && *worker_id) {
		set_rate(out, TARGET_MEASURES[m].amount, TARGET_MEASURES[m].period, false);
		return K_OK;
	}
	return workers_sum(st, m, out, err);
}

double target_months(const char *from, const char *to)
{
	int y, m, d, ty, tm, td;
	if (!date_split(from, &y, &m, &d) || !date_split(to, &ty, &tm, &td))
		return 0;
	long first = date_to_days(y, m, d), last = date_to_days(ty, tm, td);
	double months = 0;
	while (first <= last) { /* month by month: the share of each month's days covered */
		int ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
		long start = date_to_days(y, m, 1), next = date_to_days(ny, nm, 1);
		long end = next - 1 < last ? next - 1 : last;
		months += (double)(end - first + 1) / (double)(next - start);
		first = next;
		y = ny, m = nm;
	}
	return months;
}

double target_over(const struct target_rate *t, const char *from, const char *to)
{
	return round(t->per_year * target_months(from, to) / 12.0);
}

void target_words(const struct target_rate *t, char *out, size_t n)
{
	snprintf(out, n, "%ld a %s", t->amount, t->period);
}

/* The worker a target is for: a username first (what people type), else as the engine
 * resolves a reference. */
static int find_worker(struct store *st, const char *text, char id[ID_LEN], struct kerr *err)
{
	sqlite3_stmt *stmt = NULL;
	int status = store_cached(
		st, "SELECT id FROM worker WHERE deleted_at IS NULL AND username = ?1", &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, text, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		snprintf(id, ID_LEN, "%s", sqlite3_column_text(stmt, 0));
	status = rc == SQLITE_ROW || rc == SQLITE_DONE ? K_OK : store_error(st, rc, err);
	sqlite3_reset(stmt);
	if (status == K_OK && rc == SQLITE_DONE) {
		status = entity_resolve(st, entity_get(ENTITY_WORKER), text, id, err);
		if (status != K_OK && err)
			snprintf(err->field, sizeof err->field, "worker");
	}
	return status;
}

static int set_fields(struct store *st, struct record *rec, const char *amount, const char *period,
		      struct kerr *err)
{
	record_set(rec, TARGET_AMOUNT, amount);
	if (period && *period)
		record_set(rec, TARGET_PERIOD, period);
	return rec->id[0] ? entity_update(st, rec, err) : entity_create(st, rec, err);
}

int target_set(struct store *st, const char *measure, const char *worker, const char *amount,
	       const char *period, struct kerr *err)
{
	if (target_measure_find(measure) == MEASURE_COUNT)
		return kerr_set(err, K_INVALID, "measure",
				"measure: '%.40s' is not conversations, asset_contacts, "
				"new_activities, referrals or multi_agency_meetings",
				measure ? measure : "");
	char who[ID_LEN] = "";
	int status = store_begin(st, err);
	if (status != K_OK)
		return status;
	if (worker && *worker)
		status = find_worker(st, worker, who, err);
	struct live t = {.found = false};
	struct record *rec = NULL;
	if (status == K_OK)
		status = live_target(st, measure, who, NULL, &t, err);
	if (status == K_OK && t.found)
		status = entity_load(st, &target_entity, t.id, &rec, err);
	else if (status == K_OK) {
		rec = record_new(&target_entity);
		record_set(rec, TARGET_MEASURE, measure);
		record_set(rec, TARGET_WORKER, who);
	}
	if (status == K_OK)
		status = set_fields(st, rec, amount, period, err);
	record_free(rec);
	return store_finish(st, status, err);
}
