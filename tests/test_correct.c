/* Correcting what was recorded: a referral's status put where no move goes (a coordinator's,
 * or the worker's who set it within a day), a change taken back as it was (u and v in the
 * interface), each audited as a correction, and what the network report then counts. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "audit.h"
#include "check.h"
#include "fixture.h"
#include "network.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "referral.h"

static struct store *st;
static char hall[ID_LEN], choir[ID_LEN];

/* The team, two assets and, recorded by wes, a person and their referral from the hall to
 * the choir on 1 November; wes stays logged in. restricted: the person is. */
static char *world(bool restricted)
{
	fixture_fresh(&st);
	fixture_team(st);
	fixture_as(st, "wes");
	char *a = fixture_add(st, &asset_entity, PAIRS("name", "Hall", "category", "institution"));
	char *b = fixture_add(st, &asset_entity, PAIRS("name", "Choir", "category", "association"));
	snprintf(hall, sizeof hall, "%s", a);
	snprintf(choir, sizeof choir, "%s", b);
	free(a), free(b);
	char *p = fixture_add(st, &person_entity,
			      PAIRS("given_name", "Amina", "family_name", "Yusuf", "restricted",
				    restricted ? "1" : "0"));
	char *r = fixture_add(st, &referral_entity,
			      PAIRS("person_id", p, "from_asset_id", hall, "to_asset_id", choir,
				    "date", "01/11/2026", "status", "contacted"));
	free(p);
	return r;
}

static struct record *load(const struct entity_def *def, const char *id)
{
	struct record *r = NULL;
	struct kerr err;
	CHECK_INT(entity_load(st, def, id, &r, &err), K_OK);
	return r;
}

/* The detail of the referral's newest audit row. */
static char *last_detail(const char *id)
{
	sqlite3_stmt *stmt = NULL;
	char *out = NULL;
	if (sqlite3_prepare_v2(store_db(st),
			       "SELECT coalesce(detail, '') FROM audit WHERE record_id = ? "
			       "ORDER BY seq DESC LIMIT 1",
			       -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			out = strdup((const char *)sqlite3_column_text(stmt, 0));
	}
	sqlite3_finalize(stmt);
	return out ? out : strdup("(none)");
}

/* A stray u (contacted -> attended) is taken back by the worker who pressed it: the status,
 * its date and the follow-up are as they were, and the audit says it was a correction. */
static void a_worker_takes_back_their_own_stray_move(void)
{
	char *id = world(false);
	struct kerr err;
	struct entity_change undo = {0};
	struct record *before = load(&referral_entity, id);
	CHECK_INT(referral_set_status(st, id, "attended", &undo, &err), K_OK);
	CHECK(undo.def == &referral_entity);
	CHECK_INT(entity_revert(st, &undo, &err), K_OK);
	struct record *after = load(&referral_entity, id);
	for (int f = 0; f < REFERRAL_NFIELDS; f++)
		CHECK_STR(record_get(after, f), record_get(before, f));
	char *detail = last_detail(id);
	CHECK_STR(detail, "correction: status attended → contacted");
	free(detail);
	/* the change is spent: taken back again, it meets the record changed since */
	CHECK_INT(entity_revert(st, &undo, &err), K_CONFLICT);
	CHECK_HAS(err.msg, "changed again since");
	entity_change_free(&undo);
	record_free(before), record_free(after);
	free(id);
}

/* Anyone else's status is a coordinator's to correct; a worker's own, only within a day. */
static void who_may_correct_a_status(void)
{
	char *id = world(false);
	struct kerr err;
	CHECK_INT(referral_set_status(st, id, "attended", NULL, &err), K_OK);
	fixture_as(st, "wren");
	CHECK_INT(referral_set_status(st, id, "contacted", NULL, &err), K_TRANSITION);
	CHECK_HAS(err.msg, "a referral that is attended cannot become contacted");
	CHECK_HAS(err.msg, "a coordinator can correct it");
	fixture_as(st, "wes");
	setenv("KITH_CLOCK_SHIFT", "90000", 1); /* 25 hours on */
	CHECK_INT(referral_set_status(st, id, "contacted", NULL, &err), K_TRANSITION);
	fixture_as(st, "cora");
	CHECK_INT(referral_set_status(st, id, "contacted", NULL, &err), K_OK);
	unsetenv("KITH_CLOCK_SHIFT");
	char *detail = last_detail(id);
	CHECK_STR(detail, "correction: status attended → contacted");
	free(detail);
	/* a move along the allowed ones is no correction */
	CHECK_INT(referral_set_status(st, id, "attended", NULL, &err), K_OK);
	detail = last_detail(id);
	CHECK_STR(detail, "");
	free(detail);
	fixture_as(st, NULL);
	CHECK_INT(referral_set_status(st, id, "contacted", NULL, &err), K_REFUSED);
	free(id);
}

/* v taken back: the asset's last verification is the one before, audited as a correction. */
static void a_verification_is_taken_back(void)
{
	char *id = world(false);
	struct kerr err;
	struct entity_change undo = {0};
	struct record *rec = load(&asset_entity, hall);
	record_set(rec, ASSET_LAST_VERIFIED, "01/09/2026");
	CHECK_INT(entity_update(st, rec, &err), K_OK);
	record_free(rec);
	CHECK_INT(asset_verify(st, hall, &undo, &err), K_OK);
	rec = load(&asset_entity, hall);
	CHECK_STR(record_get(rec, ASSET_LAST_VERIFIED), "2026-11-22");
	record_free(rec);
	CHECK_INT(entity_revert(st, &undo, &err), K_OK);
	rec = load(&asset_entity, hall);
	CHECK_STR(record_get(rec, ASSET_LAST_VERIFIED), "2026-09-01");
	record_free(rec);
	char *detail = last_detail(hall);
	CHECK_STR(detail, "correction: last_verified 2026-11-22 → 2026-09-01");
	free(detail);
	/* verified twice the same day: the second changed nothing, so holds nothing to undo */
	CHECK_INT(asset_verify(st, hall, &undo, &err), K_OK);
	CHECK_INT(asset_verify(st, hall, &undo, &err), K_OK);
	CHECK(undo.def == NULL);
	entity_change_free(&undo);
	free(id);
}

/* The Audit's corrections filter lists them, for a coordinator only. */
static void corrections_are_a_filter_of_the_audit(void)
{
	char *id = world(false);
	struct kerr err;
	struct entity_change undo = {0};
	CHECK_INT(referral_set_status(st, id, "attended", &undo, &err), K_OK);
	CHECK_INT(entity_revert(st, &undo, &err), K_OK);
	entity_change_free(&undo);
	struct page_query q;
	page_query_init(&q, &audit_entity);
	CHECK_INT(page_query_named(&q, "corrections", &err), K_OK);
	struct page pg = {0};
	fixture_as(st, "cora");
	CHECK_INT(page_load(st, &q, &pg, &err), K_OK);
	CHECK_INT(pg.n, 1);
	page_free(&pg);
	fixture_as(st, "wes");
	CHECK(page_load(st, &q, &pg, &err) != K_OK);
	page_free(&pg);
	fixture_as(st, NULL);
	CHECK(page_load(st, &q, &pg, &err) != K_OK);
	page_free(&pg);
	free(id);
}

/* A worker who may not see a restricted person can neither move nor take back their
 * referral's status. */
static void a_restricted_persons_referral_stays_out_of_reach(void)
{
	char *id = world(true);
	struct kerr err;
	struct entity_change undo = {0};
	CHECK_INT(referral_set_status(st, id, "attended", &undo, &err), K_OK);
	fixture_as(st, "wren");
	CHECK(referral_set_status(st, id, "closed", NULL, &err) != K_OK);
	CHECK(entity_revert(st, &undo, &err) != K_OK);
	CHECK(strstr(err.msg, "Amina") == NULL);
	fixture_as(st, "cora");
	struct record *r = load(&referral_entity, id);
	CHECK_STR(record_get(r, REFERRAL_STATUS), "attended");
	record_free(r);
	entity_change_free(&undo);
	free(id);
}

static long long referrals_reported(void)
{
	struct network_query q;
	struct network_options opt = {.exact = true};
	struct network_report rep;
	struct kerr err;
	memset(&q, 0, sizeof q);
	CHECK_INT(network_period(&q, &err), K_OK);
	if (!CHECK_INT(network_report(st, &q, &opt, &rep, &err), K_OK))
		return -1;
	long long n = rep.now.referrals;
	network_report_free(&rep);
	return n;
}

/* The report counts every referral whatever its status: a stray move and its correction
 * neither add one nor lose one. */
static void the_network_report_counts_the_corrected_referral_once(void)
{
	char *id = world(false);
	struct kerr err;
	struct entity_change undo = {0};
	fixture_as(st, "cora");
	CHECK_INT(referrals_reported(), 1);
	fixture_as(st, "wes");
	CHECK_INT(referral_set_status(st, id, "declined", &undo, &err), K_OK);
	CHECK_INT(entity_revert(st, &undo, &err), K_OK);
	fixture_as(st, "cora");
	CHECK_INT(referrals_reported(), 1);
	struct record *r = load(&referral_entity, id);
	CHECK_STR(record_get(r, REFERRAL_STATUS), "contacted");
	record_free(r);
	entity_change_free(&undo);
	free(id);
}

int main(void)
{
	RUN(a_worker_takes_back_their_own_stray_move);
	RUN(who_may_correct_a_status);
	RUN(a_verification_is_taken_back);
	RUN(corrections_are_a_filter_of_the_audit);
	RUN(a_restricted_persons_referral_stays_out_of_reach);
	RUN(the_network_report_counts_the_corrected_referral_once);
	store_close(st);
	return check_summary("correct");
}
