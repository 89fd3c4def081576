/* What the unit tests share: a database that opens or stops the program, what a query
 * counts, records made from name and value pairs, the test accounts and logging in as them,
 * and a scratch directory. A helper that fails makes a failed check in the calling test. */
#ifndef KITH_FIXTURE_H
#define KITH_FIXTURE_H

#include <stdbool.h>

#include "auth.h"
#include "check.h"
#include "entity.h"
#include "store.h"
#include "strbuf.h"

/* Every test account's password: long enough, and no word of a name. */
#define FIXTURE_PASSWORD "river lantern oatmeal"

/* A NULL-ended array of name, value pairs, for fixture_add. */
#define PAIRS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Opens the database at path (":memory:": a new one in memory) with kith's schema. One that
 * cannot be opened is a bug in the test or in kith: the program says why and exits 1, as
 * nothing after it could run. */
struct store *fixture_open(const char *path);

/* Closes *st (NULL is fine) and puts a new, empty database in memory in its place. */
void fixture_fresh(struct store **st);

/* The integer sql's one row gives (a count, most often); -1 and a failed check if it fails. */
long long fixture_count(struct store *st, const char *sql);

/* Checks that sql's integer is want; a failure names the query and what it gave. */
bool fixture_check_count(const char *file, int line, struct store *st, const char *sql,
			 long long want);
#define CHECK_COUNT(st, sql, want) fixture_check_count(__FILE__, __LINE__, (st), (sql), (want))

/* Creates a record of def from pairs (PAIRS("given_name", "Amina", ...)); returns its id, to
 * be freed. An unknown field or a refusal is a failed check (with the reason), and the id
 * is then "". */
char *fixture_add(struct store *st, const struct entity_def *def, const char *const *pairs);

/* Adds an account with FIXTURE_PASSWORD, as whoever is logged in (anyone, for the first). */
void fixture_account(struct store *st, const char *username, const char *display_name,
		     enum role role);

/* The test team, all with FIXTURE_PASSWORD: an admin, ada ("Ada Admin"), a coordinator,
 * cora ("Cora Coordinator"), and two workers, wes and wren ("Wes Worker", "Wren Worker"),
 * added to a database that has no accounts yet; leaves no one logged in. */
void fixture_team(struct store *st);

/* Logs out, then in as username with FIXTURE_PASSWORD; NULL stays logged out. */
void fixture_as(struct store *st, const char *username);

/* From now on, each statement run whose SQL want() accepts is planned again through sqlite's
 * own query planner (EXPLAIN QUERY PLAN), each line of its plan added to out; the tests of
 * which index a query reads. fixture_plans_stop ends it. */
void fixture_plans(struct store *st, bool (*want)(const char *sql), struct strbuf *out);
void fixture_plans_stop(struct store *st);

/* Makes the program's scratch directory, /tmp/kith-test-SUITE-XXXXXX, and returns its path
 * (kept until fixture_scratch_remove); one that cannot be made exits the program with 2. */
const char *fixture_scratch(const char *suite);

/* name's path in the scratch directory, to be freed. */
char *fixture_path(const char *name);

/* Removes the scratch directory and all that is in it. */
void fixture_scratch_remove(void);

#endif
