/* Drafts: kept for the worker who typed them and for no one else; their typing comes back
 * exactly; discarding leaves none of it in the database file or its log; erasing a person
 * blanks every worker's drafts about them. */
#include <ctype.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

#include "account.h"
#include "check.h"
#include "database.h"
#include "draft.h"
#include "entity.h"
#include "fixture.h"
#include "login.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "xalloc.h"

#define MARK "Zqdraftmark"

static struct store *st;
static char *path;

/* A new person's form, half typed, with text that JSON and SQL must both carry safely. */
static void typed(struct draft *d, const char *person_id)
{
	draft_init(d);
	snprintf(d->entity, sizeof d->entity, "%s", "person");
	if (person_id)
		snprintf(d->person_id, sizeof d->person_id, "%s", person_id);
	draft_set(d, "given_name", MARK "Given");
	draft_set(d, "family_name", "O'Brien \"Bobby\"'); DROP TABLE draft; --");
	draft_set(d, "what_matters", "Zoë's garden\nline two\ttabbed \\ backslash");
	draft_set(d, "@title", "New person");
}

static long long count_live(void)
{
	return fixture_count(st, "SELECT count(*) FROM draft WHERE deleted_at IS NULL");
}

/* ---- nothing, empty, hostile ---- */

static void no_one_logged_in_keeps_or_reads_no_draft(void)
{
	struct kerr err;
	struct draft d, *list = NULL;
	int n = -1;
	login_logout(st);
	typed(&d, NULL);
	CHECK_INT(draft_save(st, &d, &err), K_REFUSED);
	CHECK_HAS(err.msg, "log in");
	CHECK_INT(draft_list(st, &list, &n, &err), K_REFUSED);
	CHECK(list == NULL && n == 0);
	CHECK_INT(draft_discard(st, "anything", &err), K_REFUSED);
	draft_clear(&d);
	draft_clear(&d); /* twice is harmless */
	CHECK_INT(count_live(), 0);
}

static void a_draft_needs_its_entity_and_a_missing_id_is_not_found(void)
{
	struct kerr err;
	struct draft d;
	fixture_as(st, "cora");
	draft_init(&d);
	CHECK_INT(draft_save(st, &d, &err), K_INVALID);
	CHECK_INT(draft_discard(st, NULL, &err), K_NOT_FOUND);
	CHECK_INT(draft_discard(st, "", &err), K_NOT_FOUND);
	CHECK_INT(draft_discard(st, "' OR 1 = 1 --", &err), K_NOT_FOUND);
	CHECK(draft_get(&d, "given_name") == NULL);
	draft_list_free(NULL, 0);
}

/* ---- keeping and reading ---- */

static void typing_comes_back_exactly_and_in_order(void)
{
	struct kerr err;
	struct draft d, *list = NULL;
	int n = 0;
	fixture_as(st, "cora");
	typed(&d, NULL);
	draft_set(&d, "given_name", MARK "Again"); /* a later value replaces the earlier */
	CHECK_INT(draft_save(st, &d, &err), K_OK);
	CHECK(id_valid(d.id));
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	if (CHECK_INT(n, 1)) {
		CHECK_STR(list[0].id, d.id);
		CHECK_STR(list[0].entity, "person");
		CHECK_STR(list[0].record_id, "");
		CHECK_STR(list[0].created_at, d.created_at);
		CHECK_INT(list[0].n, 4);
		CHECK_STR(list[0].name[0], "given_name");
		CHECK_STR(draft_get(&list[0], "given_name"), MARK "Again");
		CHECK_STR(draft_get(&list[0], "family_name"), draft_get(&d, "family_name"));
		CHECK_STR(draft_get(&list[0], "what_matters"), draft_get(&d, "what_matters"));
		CHECK_STR(list[0].name[3], "@title");
	}
	draft_list_free(list, n);
	/* kept again: the same draft, changed */
	char id[ID_LEN];
	snprintf(id, sizeof id, "%s", d.id);
	draft_set(&d, "phone", "07700 900123");
	CHECK_INT(draft_save(st, &d, &err), K_OK);
	CHECK_STR(d.id, id);
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(draft_get(&list[0], "phone"), "07700 900123");
	draft_list_free(list, n);
	CHECK_INT(draft_discard(st, d.id, &err), K_OK);
	draft_clear(&d);
}

static void a_person_that_does_not_exist_is_kept_as_none(void)
{
	struct kerr err;
	struct draft d, *list = NULL;
	int n = 0;
	fixture_as(st, "cora");
	typed(&d, "99999999-9999-4999-8999-999999999999");
	CHECK_INT(draft_save(st, &d, &err), K_OK);
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	if (CHECK_INT(n, 1))
		CHECK_STR(list[0].person_id, "");
	draft_list_free(list, n);
	CHECK_INT(draft_discard(st, d.id, &err), K_OK);
	draft_clear(&d);
}

/* ---- whose ---- */

static void another_worker_cannot_read_change_or_discard_it(void)
{
	struct kerr err;
	struct draft mine, theirs, *list = NULL;
	int n = -1;
	fixture_as(st, "cora");
	typed(&mine, NULL);
	CHECK_INT(draft_save(st, &mine, &err), K_OK);
	fixture_as(st, "wes");
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	CHECK_INT(n, 0); /* cora's draft is not wes's to see */
	draft_list_free(list, n);
	CHECK_INT(draft_discard(st, mine.id, &err), K_NOT_FOUND);
	/* keeping over cora's id makes wes a draft of his own and leaves hers alone */
	typed(&theirs, NULL);
	snprintf(theirs.id, sizeof theirs.id, "%s", mine.id);
	draft_set(&theirs, "given_name", "Wesley's own");
	CHECK_INT(draft_save(st, &theirs, &err), K_OK);
	CHECK(strcmp(theirs.id, mine.id) != 0);
	fixture_as(st, "cora");
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	if (CHECK_INT(n, 1))
		CHECK_STR(draft_get(&list[0], "given_name"), MARK "Given");
	draft_list_free(list, n);
	CHECK_INT(draft_discard(st, theirs.id, &err), K_NOT_FOUND);
	CHECK_INT(draft_discard(st, mine.id, &err), K_OK);
	CHECK_INT(draft_discard(st, mine.id, &err), K_NOT_FOUND); /* once */
	fixture_as(st, "wes");
	CHECK_INT(draft_discard(st, theirs.id, &err), K_OK);
	draft_clear(&mine);
	draft_clear(&theirs);
	CHECK_INT(count_live(), 0);
}

/* ---- leaving nothing ---- */

/* The database file and its log hold marker anywhere (case ignored)? */
static bool in_files(const char *marker)
{
	bool seen = false;
	for (int i = 0; i < 2 && !seen; i++) {
		char *p = xasprintf("%s%s", path, i ? "-wal" : "");
		FILE *f = fopen(p, "rb");
		free(p);
		if (!f)
			continue;
		size_t k = strlen(marker), got = 0;
		char *buf = xcalloc(k, 1);
		int c;
		while ((c = fgetc(f)) != EOF && !seen) {
			/* a window of the last k bytes, compared as it slides */
			memmove(buf, buf + 1, k - 1);
			buf[k - 1] = (char)tolower(c);
			got++;
			seen = got >= k && strncasecmp(buf, marker, k) == 0;
		}
		free(buf);
		fclose(f);
	}
	return seen;
}

static void a_discarded_draft_leaves_no_typing_in_the_file(void)
{
	struct kerr err;
	struct draft d;
	fixture_as(st, "cora");
	typed(&d, NULL);
	CHECK_INT(draft_save(st, &d, &err), K_OK);
	/* sealed for cora: the file tells nothing of it even while it is kept, though she reads
	 * it back whole */
	CHECK(!in_files(MARK));
	struct draft *list = NULL;
	int n = 0;
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	CHECK(n == 1 && strstr(draft_get(&list[0], "given_name"), MARK) != NULL);
	draft_list_free(list, n);
	/* and what she typed is not readable with the file and another's password */
	fixture_as(st, "wes");
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	CHECK_INT(n, 0);
	draft_list_free(list, n);
	fixture_as(st, "cora");
	CHECK_INT(draft_discard(st, d.id, &err), K_OK);
	CHECK(!in_files(MARK));
	CHECK(!in_files("DROP TABLE draft"));
	/* the tombstone keeps no typing */
	CHECK_COUNT(st, "SELECT count(*) FROM draft WHERE typed <> '' OR person_id IS NOT NULL", 0);
	CHECK(fixture_count(st, "SELECT count(*) FROM draft WHERE deleted_at IS NOT NULL") >= 1);
	CHECK(store_exec(st, "DELETE FROM draft", &err) != K_OK); /* tombstones stay */
	draft_clear(&d);
}

static void erasing_a_person_blanks_every_workers_drafts_about_them(void)
{
	struct kerr err;
	struct draft a, b, other, *list = NULL;
	int n = 0, forgot = 0;
	fixture_as(st, "cora");
	char *person = fixture_add(st, &person_entity, PAIRS("given_name", "Ayo"));
	char *someone = fixture_add(st, &person_entity, PAIRS("given_name", "Bea"));
	typed(&a, person);
	CHECK_INT(draft_save(st, &a, &err), K_OK);
	typed(&other, someone);
	CHECK_INT(draft_save(st, &other, &err), K_OK);
	fixture_as(st, "wes");
	typed(&b, person);
	CHECK_INT(draft_save(st, &b, &err), K_OK);
	CHECK_INT(draft_forget_person(st, person, &forgot, &err), K_REFUSED); /* a worker may not */
	fixture_as(st, "cora");
	CHECK_INT(draft_forget_person(st, person, &forgot, &err), K_OK);
	CHECK_INT(forgot, 2);
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	if (CHECK_INT(n, 1))
		CHECK_STR(list[0].person_id, someone);
	draft_list_free(list, n);
	CHECK_INT(draft_discard(st, other.id, &err), K_OK);
	CHECK(!in_files(MARK));
	draft_clear(&a), draft_clear(&b), draft_clear(&other);
	free(person), free(someone);
}

int main(void)
{
	setenv("KITH_PASSWORD_COST", "min", 1);
	fixture_scratch("draft");
	path = fixture_path("kith.db");
	st = fixture_open(path);
	fixture_team(st);
	fixture_as(st, "cora");
	RUN(no_one_logged_in_keeps_or_reads_no_draft);
	RUN(a_draft_needs_its_entity_and_a_missing_id_is_not_found);
	RUN(typing_comes_back_exactly_and_in_order);
	RUN(a_person_that_does_not_exist_is_kept_as_none);
	RUN(another_worker_cannot_read_change_or_discard_it);
	RUN(a_discarded_draft_leaves_no_typing_in_the_file);
	RUN(erasing_a_person_blanks_every_workers_drafts_about_them);
	store_close(st);
	free(path);
	fixture_scratch_remove();
	return check_summary("draft");
}
