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
#include "login.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "xalloc.h"

#define PW "river lantern oatmeal"
#define MARK "Zqdraftmark"

static struct store *st;
static char path[64];

static void as(const char *who)
{
	struct kerr err;
	login_logout(st);
	if (!CHECK_INT(login_attempt(st, who, PW, NULL, &err), K_OK))
		fprintf(stderr, "  %s\n", err.msg);
}

static char *add_person(const char *given)
{
	struct kerr err;
	struct record *rec = record_new(&person_entity);
	record_set(rec, PERSON_GIVEN_NAME, given);
	CHECK_INT(entity_create(st, rec, &err), K_OK);
	char *id = xstrdup(rec->id);
	record_free(rec);
	return id;
}

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

static int count_live(void)
{
	long long n = -1;
	struct kerr err;
	store_query_int(st, "SELECT count(*) FROM draft WHERE deleted_at IS NULL", &n, &err);
	return (int)n;
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
	as("cora");
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
	as("cora");
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
	as("cora");
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
	as("cora");
	typed(&mine, NULL);
	CHECK_INT(draft_save(st, &mine, &err), K_OK);
	as("wes");
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
	as("cora");
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	if (CHECK_INT(n, 1))
		CHECK_STR(draft_get(&list[0], "given_name"), MARK "Given");
	draft_list_free(list, n);
	CHECK_INT(draft_discard(st, theirs.id, &err), K_NOT_FOUND);
	CHECK_INT(draft_discard(st, mine.id, &err), K_OK);
	CHECK_INT(draft_discard(st, mine.id, &err), K_NOT_FOUND); /* once */
	as("wes");
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
	as("cora");
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
	as("wes");
	CHECK_INT(draft_list(st, &list, &n, &err), K_OK);
	CHECK_INT(n, 0);
	draft_list_free(list, n);
	as("cora");
	CHECK_INT(draft_discard(st, d.id, &err), K_OK);
	CHECK(!in_files(MARK));
	CHECK(!in_files("DROP TABLE draft"));
	long long left = -1;
	store_query_int(st, "SELECT count(*) FROM draft WHERE typed <> '' OR person_id IS NOT "
			    "NULL", &left, &err);
	CHECK_INT(left, 0); /* the tombstone keeps no typing */
	store_query_int(st, "SELECT count(*) FROM draft WHERE deleted_at IS NOT NULL", &left, &err);
	CHECK(left >= 1);
	CHECK(store_exec(st, "DELETE FROM draft", &err) != K_OK); /* tombstones stay */
	draft_clear(&d);
}

static void erasing_a_person_blanks_every_workers_drafts_about_them(void)
{
	struct kerr err;
	struct draft a, b, other, *list = NULL;
	int n = 0, forgot = 0;
	as("cora");
	char *person = add_person("Ayo"), *someone = add_person("Bea");
	typed(&a, person);
	CHECK_INT(draft_save(st, &a, &err), K_OK);
	typed(&other, someone);
	CHECK_INT(draft_save(st, &other, &err), K_OK);
	as("wes");
	typed(&b, person);
	CHECK_INT(draft_save(st, &b, &err), K_OK);
	CHECK_INT(draft_forget_person(st, person, &forgot, &err), K_REFUSED); /* a worker may not */
	as("cora");
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
	struct kerr err;
	setenv("KITH_PASSWORD_COST", "min", 1);
	snprintf(path, sizeof path, "/tmp/kith-draft-XXXXXX");
	int fd = mkstemp(path);
	close(fd);
	unlink(path);
	if (database_open(path, &st, &err) != K_OK) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	account_add(st, "cora", "", ROLE_ADMIN, PW, NULL, &err);
	login_attempt(st, "cora", PW, NULL, &err);
	account_add(st, "wes", "", ROLE_WORKER, PW, NULL, &err);
	RUN(no_one_logged_in_keeps_or_reads_no_draft);
	RUN(a_draft_needs_its_entity_and_a_missing_id_is_not_found);
	RUN(typing_comes_back_exactly_and_in_order);
	RUN(a_person_that_does_not_exist_is_kept_as_none);
	RUN(another_worker_cannot_read_change_or_discard_it);
	RUN(a_discarded_draft_leaves_no_typing_in_the_file);
	RUN(erasing_a_person_blanks_every_workers_drafts_about_them);
	store_close(st);
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	unlink(path), unlink(wal), unlink(shm);
	free(wal), free(shm);
	return check_summary("draft");
}
