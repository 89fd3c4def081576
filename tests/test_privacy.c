/* Erasure and subject access: markers planted in every personal field are gone from the
 * database file and its write-ahead log after erasure, while the referral flow stays; the
 * subject access export holds everything and is private. */
#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "account.h"
#include "asset.h"
#include "check.h"
#include "conversation.h"
#include "database.h"
#include "entity.h"
#include "fixture.h"
#include "login.h"
#include "membership.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "tag.h"
#include "wellbeing.h"
#include "xalloc.h"

static struct store *st;
static char *path;

/* clang-format off */
static const char *const markers[] = {
	"Zqgivenmark", "Zqfamilymark", "Zqpreferredmark", "Zqpronounmark", "zqemailmark",
	"07700 913579", "Zqaddressmark", "KV9 7QX", "Zqhoodmark", "Zqlanguagemark",
	"Zqmattersmark", "Zqnotesmark", "Zqhopesmark", "Zqconcernsmark", "Zqgiftsmark",
	"Zqconvnotesmark", "Zqfollowmark", "Zqreasonmark", "Zqrefnotesmark", "Zqgiftassetmark",
	"Zqgiftdescmark", "Zqtagmark",
};
/* clang-format on */

/* The file and its log, lowercased (the search index keeps words in lower case). */
static char *file_text(const char *suffix, size_t *n)
{
	char *p = xasprintf("%s%s", path, suffix);
	FILE *f = fopen(p, "rb");
	free(p);
	*n = 0;
	if (!f)
		return xstrdup("");
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = xmalloc((size_t)size + 1);
	*n = fread(buf, 1, (size_t)size, f);
	fclose(f);
	for (size_t i = 0; i < *n; i++)
		buf[i] = (char)tolower((unsigned char)buf[i]);
	return buf;
}

static bool found(const char *hay, size_t n, const char *marker)
{
	char low[64];
	size_t k = strlen(marker);
	for (size_t i = 0; i <= k; i++)
		low[i] = (char)tolower((unsigned char)marker[i]);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(hay + i, low, k) == 0)
			return true;
	return false;
}

static int markers_in_files(void)
{
	size_t n1, n2;
	char *db = file_text("", &n1), *wal = file_text("-wal", &n2);
	int seen = 0;
	for (size_t i = 0; i < sizeof markers / sizeof *markers; i++)
		if (found(db, n1, markers[i]) || found(wal, n2, markers[i])) {
			seen++;
			fprintf(stderr, "  still there: %s\n", markers[i]);
		}
	free(db), free(wal);
	return seen;
}

static char *person;

static void plant(void)
{
	struct kerr err;
	const char *p[] = {"given_name",
			   markers[0],
			   "family_name",
			   markers[1],
			   "preferred_name",
			   markers[2],
			   "pronouns",
			   markers[3],
			   "email",
			   "zqemailmark@example.org",
			   "phone",
			   markers[5],
			   "address",
			   markers[6],
			   "postcode",
			   markers[7],
			   "neighbourhood",
			   markers[8],
			   "languages",
			   markers[9],
			   "what_matters",
			   markers[10],
			   "notes",
			   markers[11],
			   "consent_status",
			   "given",
			   NULL};
	person = fixture_add(st, &person_entity, p);
	const char *c[] = {"person_id", person,      "hopes",     markers[12], "concerns",
			   markers[13], "gifts",     markers[14], "notes",     markers[15],
			   "follow_up", markers[16], NULL};
	free(fixture_add(st, &conversation_entity, c));
	const char *a1[] = {"name", "Northgate Library", "category", "institution", NULL};
	const char *a2[] = {"name", "Riverside Shed", "category", "association", NULL};
	char *lib = fixture_add(st, &asset_entity, a1), *shed = fixture_add(st, &asset_entity, a2);
	const char *r[] = {"person_id", person,   "from_asset_id", lib,     "to_asset_id",
			   shed,        "reason", markers[17],     "notes", markers[18],
			   NULL};
	free(fixture_add(st, &referral_entity, r));
	const char *g[] = {"name",      markers[19], "category", "individual", "description",
			   markers[20], "person_id", person,     NULL};
	free(fixture_add(st, &asset_entity, g));
	const char *w[] = {"person_id", person, "life_satisfaction", "7", NULL};
	free(fixture_add(st, &wellbeing_entity, w));
	CHECK_INT(tag_attach(st, ENTITY_PERSON, person, "skill", markers[21], &err), K_OK);
	CHECK_INT(membership_join(st, shed, person, NULL, NULL, &err), K_OK);
	free(lib), free(shed);
}

static void erasure_leaves_nothing_of_them_in_the_file_or_its_log(void)
{
	struct kerr err;
	plant();
	CHECK(markers_in_files() > 0); /* the test can see them while they are there */
	long long flow_before = -1, flow_after = -1;
	store_query_int(st, "SELECT sum(n) FROM referral_flow", &flow_before, &err);
	CHECK_INT(person_erase(st, person, "x", &err), K_INVALID); /* a reason is needed */
	CHECK_INT(person_erase(st, person, "asked to be forgotten", &err), K_OK);
	CHECK_INT(markers_in_files(), 0);
	/* the referral stays as flow between the assets */
	store_query_int(st, "SELECT sum(n) FROM referral_flow", &flow_after, &err);
	CHECK_INT(flow_after, flow_before);
	long long refs = -1;
	store_query_int(st,
			"SELECT count(*) FROM referral WHERE deleted_at IS NULL AND reason = ''",
			&refs, &err);
	CHECK_INT(refs, 1);
	struct record *rec = NULL;
	CHECK_INT(entity_load(st, &person_entity, person, &rec, &err), K_NOT_FOUND);
	long long erased = -1;
	store_query_int(st,
			"SELECT count(*) FROM audit WHERE action = 'erase' AND detail = "
			"'asked to be forgotten'",
			&erased, &err);
	CHECK_INT(erased, 1);
	free(person);
}

static int die_after_commit(void *ctx, sqlite3 *db, const char *name, int pages)
{
	(void)ctx, (void)db, (void)name, (void)pages;
	_exit(0); /* killed the moment the erasure is committed */
}

/* A kill right after the erasure's commit, before the log is emptied, must find nothing of
 * them left once the log is folded in: the index is cleaned inside the transaction. */
static void an_erasure_killed_after_its_commit_leaves_no_word_in_the_index(void)
{
	struct kerr err;
	plant();
	login_logout(st);
	store_close(st);
	st = NULL;
	pid_t child = fork();
	if (child == 0) {
		if (database_open(path, &st, &err) != K_OK ||
		    login_attempt(st, "cora", FIXTURE_PASSWORD, NULL, &err) != K_OK)
			_exit(2);
		sqlite3_wal_hook(store_db(st), die_after_commit, NULL);
		person_erase(st, person, "asked to be forgotten", &err);
		_exit(3); /* the hook never ran */
	}
	int status = -1;
	waitpid(child, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	sqlite3 *db = NULL; /* what the next program to open the file makes of it */
	sqlite3_open(path, &db);
	CHECK_INT(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(markers_in_files(), 0);
	st = fixture_open(path);
	fixture_as(st, "cora");
	long long registered = -1;
	store_query_int(st, "SELECT count(*) FROM erasure", &registered, &err);
	CHECK_INT(registered, 2); /* this one, and the first test's */
	free(person);
}

static void subject_access_writes_everything_privately(void)
{
	struct kerr err;
	plant();
	char *out = xasprintf("%s-export.json", path), *txt = xasprintf("%s.txt", out);
	CHECK_INT(person_export(st, person, out, &err), K_OK);
	struct stat sb;
	CHECK(stat(out, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	CHECK(stat(txt, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	FILE *f = fopen(out, "r");
	char buf[65536];
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	for (size_t i = 0; i < sizeof markers / sizeof *markers; i++)
		if (i != 19 && i != 20) /* the gift asset is theirs, not about them */
			CHECK_HAS(buf, markers[i][0] == 'z' ? "zqemailmark" : markers[i]);
	CHECK_HAS(buf, "\"audit\":[");
	CHECK_HAS(buf, "\"action\":\"export\"");
	f = fopen(txt, "r");
	n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	buf[n] = '\0';
	if (f)
		fclose(f);
	CHECK_HAS(buf, "Everything kith holds about Zqpreferredmark Zqfamilymark");
	CHECK_HAS(buf, "What matters to me: Zqmattersmark");
	unlink(out), unlink(txt);
	free(out), free(txt), free(person);
	/* a worker may not */
	fixture_as(st, "wes");
	CHECK_INT(person_export(st, "anyone", "/tmp/never.json", &err), K_REFUSED);
	CHECK_INT(person_erase(st, "anyone", "because", &err), K_REFUSED);
}

/* A kind of record that names a person must be in their subject access export and say
 * what erasing them does to it: a new one without is caught here, not by a data subject. */
static void every_record_about_a_person_is_exported_and_erased(void)
{
	for (int k = 0; k < ENTITY_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		int f = entity_field(def, "person_id");
		if (k == ENTITY_PERSON || f < 0 || def->fields[f].ref != ENTITY_PERSON)
			continue;
		if (k == ENTITY_ASSET || k == ENTITY_GROUP)
			continue; /* a gift offered as an asset: its words go with anonymise_gifts */
		if (!def->subject_heading || (def->erasure == ERASURE_NONE && k != ENTITY_AUDIT))
			fprintf(stderr, "  %s names a person but is not exported or erased\n",
				def->name);
		CHECK(def->subject_heading != NULL);
		CHECK(def->erasure != ERASURE_NONE || k == ENTITY_AUDIT);
	}
}

int main(void)
{
	setenv("KITH_PASSWORD_COST", "min", 1);
	fixture_scratch("privacy");
	path = fixture_path("kith.db");
	st = fixture_open(path);
	fixture_team(st);
	fixture_as(st, "cora");
	RUN(erasure_leaves_nothing_of_them_in_the_file_or_its_log);
	RUN(an_erasure_killed_after_its_commit_leaves_no_word_in_the_index);
	RUN(subject_access_writes_everything_privately);
	RUN(every_record_about_a_person_is_exported_and_erased);
	store_close(st);
	free(path);
	fixture_scratch_remove();
	return check_summary("privacy");
}
