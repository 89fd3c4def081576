/* The sync proof's hub: one private PostgreSQL for the whole run (tests/pgtmp), a database of
 * its own per seed, the laptops joined to it through kith's own hub_init, hub_add_laptop and
 * hub_join, syncs run plainly, killed part way (a child process, SIGKILLed) or with their
 * connection dropped (KITH_SYNC_DROP), and the hub's rows read as its owner for the dump. */
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "database.h"
#include "hub_schema.h"
#include "pghub.h"
#include "proof.h"
#include "store.h"
#include "sync.h"
#include "syncdb.h"
#include "xalloc.h"

static char pgdir[200];
static char owner[600]; /* the owner's connection string, as pgtmp printed it */
static char url[700];   /* the owner's, to this worker's database */
static PGconn *admin;   /* the owner's, on this worker's database */
static bool installed;  /* this worker's hub has kith's schema (hub_init ran once) */

static bool owner_exec(const char *sql)
{
	PGresult *r = PQexec(admin, sql);
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	if (!ok)
		fprintf(stderr, "%s: %s", sql, PQerrorMessage(admin));
	PQclear(r);
	return ok;
}

bool proof_hub_start(const char *scratch)
{
	snprintf(pgdir, sizeof pgdir, "%s/pg", scratch);
	if (!pghub_start(pgdir, owner, sizeof owner))
		return false;
	/* the hub's roles belong to the whole server: made once here, so that the two workers'
	 * first hub_init (each in a database of its own) do not race to make them */
	PGconn *pg = PQconnectdb(owner);
	PGresult *r = PQexec(pg, "CREATE DATABASE kith_proof_roles");
	bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	PQfinish(pg);
	char *roles = xasprintf("%s dbname=kith_proof_roles", owner);
	pg = ok ? PQconnectdb(roles) : NULL;
	free(roles);
	struct kerr err;
	ok = ok && hub_schema_install(pg, &err) == K_OK;
	if (!ok)
		fprintf(stderr, "the hub's schema cannot be installed: %s\n", pg ? err.msg : "");
	PQfinish(pg);
	return ok;
}

bool proof_hub_worker(int worker)
{
	admin = PQconnectdb(owner);
	char sql[80];
	snprintf(sql, sizeof sql, "CREATE DATABASE kith_proof_%d", worker);
	bool ok = PQstatus(admin) == CONNECTION_OK && owner_exec(sql);
	if (!ok)
		fprintf(stderr, "the hub's owner cannot make a database: %s",
			PQerrorMessage(admin));
	PQfinish(admin); /* from now on, the owner works in the hub's database */
	snprintf(url, sizeof url, "%s dbname=kith_proof_%d", owner, worker);
	admin = ok ? PQconnectdb(url) : NULL;
	return ok && PQstatus(admin) == CONNECTION_OK &&
	       owner_exec("SET client_min_messages = warning");
}

void proof_hub_worker_end(void)
{
	PQfinish(admin);
	admin = NULL;
}

void proof_hub_stop(void)
{
	if (!pghub_stop())
		fprintf(stderr, "could not stop the test's PostgreSQL in %s\n", pgdir);
}

/* A seed's hub starts empty: the first is made by hub_init; the next ones keep kith's schema
 * (installing it is most of the hub's work in a seed) with every table emptied but meta. */
static bool empty_hub(void)
{
	return owner_exec("DO $$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables "
			  "WHERE schemaname = 'kith' AND tablename <> 'meta' LOOP EXECUTE "
			  "format('TRUNCATE kith.%I CASCADE', t); END LOOP; END $$");
}

/* ---- the hub's side of the comparison ---- */

char *proof_hub_dump(struct proof *p)
{
	PGresult *r = PQexec(admin, "SELECT tbl, key, data::text FROM kith.row");
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		proof_fail(p, "the hub's rows cannot be read: %s", PQerrorMessage(admin));
		PQclear(r);
		return NULL;
	}
	struct strbuf dump = STRBUF_INIT, canon = STRBUF_INIT;
	struct kerr err;
	for (int i = 0; i < PQntuples(r); i++) {
		strbuf_reset(&canon);
		if (syncdb_canonical(PQgetvalue(r, i, 2), &canon, &err) != K_OK)
			proof_fail(p, "the hub's row %s %s: %s", PQgetvalue(r, i, 0),
				   PQgetvalue(r, i, 1), err.msg);
		strbuf_printf(&dump, "%s\t%s\t%s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
			      strbuf_str(&canon));
	}
	PQclear(r);
	strbuf_free(&canon);
	char *sorted = proof_sorted(strbuf_str(&dump));
	strbuf_free(&dump);
	return sorted;
}

/* After a sync of laptop l that succeeded: everything it made before is at the hub. */
static void check_acked(struct proof *p, int l)
{
	for (long i = 0; i < p->nmade; i++) {
		struct proof_made *m = &p->made[i];
		if (m->laptop != l || m->acked)
			continue;
		const char *v[2] = {m->tbl, m->key};
		PGresult *r = PQexecParams(admin,
					   "SELECT 1 FROM kith.row WHERE tbl = $1 AND key = $2", 2,
					   NULL, v, NULL, NULL, 0);
		m->acked = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1;
		if (!m->acked)
			proof_fail(p,
				   "%s %s made on laptop %d at step %ld: its sync succeeded but "
				   "the hub has not got it",
				   m->tbl, m->key, l, m->step);
		PQclear(r);
	}
}

/* ---- joining and syncing ---- */

/* Laptop 0 joins an emptied hub as hub_init's last step does: an admin laptop the owner
 * adds. */
static int owner_adds(struct proof *p, struct kerr *err)
{
	const char *v[1] = {p->lap[0].name};
	PGresult *r = PQexecParams(admin, "SELECT kith.add_laptop($1, true)", 1, NULL, v, NULL,
				   NULL, 0);
	int status = K_DB;
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
		char role[80];
		snprintf(role, sizeof role, "kith_laptop_%s", p->lap[0].name);
		for (char *c = role; *c; c++)
			*c = *c == '-' ? '_' : *c;
		char *conninfo = xasprintf("%s user=%s password=%s", url, role,
					   PQgetvalue(r, 0, 0));
		status = hub_join(p->lap[0].st, conninfo, err);
		free(conninfo);
	} else {
		kerr_set(err, K_DB, "", "%s", PQerrorMessage(admin));
	}
	PQclear(r);
	return status;
}

bool proof_hub_join(struct proof *p, long seed)
{
	struct kerr err;
	for (int l = 0; l < p->n; l++)
		snprintf(p->lap[l].name, sizeof p->lap[l].name, "s%ld-%d", seed, l);
	proof_clock(p, 0);
	int status = !installed    ? hub_init(p->lap[0].st, url, p->lap[0].name, &err)
		     : empty_hub() ? owner_adds(p, &err)
				   : kerr_set(&err, K_DB, "", "the hub could not be emptied");
	if (status != K_OK) {
		proof_fail(p, "the hub for laptop 0: %s", err.msg);
		return false;
	}
	installed = true;
	for (int l = 1; l < p->n; l++) {
		char *conninfo = NULL;
		proof_clock(p, 0);
		status = hub_add_laptop(p->lap[0].st, p->lap[l].name, false, &conninfo, &err);
		proof_clock(p, l);
		if (status == K_OK)
			status = hub_join(p->lap[l].st, conninfo, &err);
		free(conninfo);
		if (status != K_OK) {
			proof_fail(p, "laptop %d cannot join: %s", l, err.msg);
			return false;
		}
	}
	return true;
}

/* A sync in a child process, killed after a while: whatever it had done stays done. Another
 * laptop may sync meanwhile, so that two pushes and pulls meet at the hub. */
static bool killed_sync(struct proof *p, int l, const struct proof_sync *how)
{
	store_close(p->lap[l].st);
	p->lap[l].st = NULL;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		struct store *st = NULL;
		struct sync_summary sum;
		struct kerr err;
		int status = database_open(p->lap[l].path, &st, &err);
		if (status == K_OK)
			status = sync_run(st, NULL, NULL, &sum, &err);
		store_close(st);
		_exit(status == K_OK ? 0 : 1);
	}
	if (how->alongside >= 0) {
		struct proof_sync plain = {PROOF_PLAIN, 0, -1, 0};
		proof_hub_sync(p, how->alongside, &plain);
		proof_clock(p, l);
	}
	struct timespec ts = {0, how->kill_us * 1000};
	nanosleep(&ts, NULL);
	if (pid > 0)
		kill(pid, SIGKILL);
	int ws = 0;
	if (pid > 0)
		waitpid(pid, &ws, 0);
	struct kerr err;
	if (database_open(p->lap[l].path, &p->lap[l].st, &err) != K_OK) {
		proof_fail(p, "laptop %d does not open after a killed sync: %s", l, err.msg);
		return false;
	}
	if (WIFSIGNALED(ws))
		p->count->killed++;
	return WIFEXITED(ws) && WEXITSTATUS(ws) == 0;
}

bool proof_hub_sync(struct proof *p, int l, const struct proof_sync *how)
{
	struct sync_summary sum;
	struct kerr err;
	bool ok = false;
	p->step++;
	p->count->syncs++;
	proof_clock(p, l);
	if (how->how == PROOF_KILLED) {
		ok = killed_sync(p, l, how);
	} else if (how->how == PROOF_DROPPED) {
		char calls[24];
		snprintf(calls, sizeof calls, "%d", how->drop);
		setenv("KITH_SYNC_DROP", calls, 1);
		ok = sync_run(p->lap[l].st, NULL, NULL, &sum, &err) == K_OK;
		unsetenv("KITH_SYNC_DROP");
		p->count->dropped += !ok;
	} else {
		ok = sync_run(p->lap[l].st, NULL, NULL, &sum, &err) == K_OK;
		if (!ok)
			proof_fail(p, "laptop %d: sync failed: %s", l, err.msg);
	}
	if (ok)
		check_acked(p, l);
	return ok;
}

/* The laptop's sync moved nothing either way. */
bool proof_hub_quiet(struct proof *p, int l, bool *quiet)
{
	struct sync_summary sum;
	struct kerr err;
	p->step++;
	proof_clock(p, l);
	if (sync_run(p->lap[l].st, NULL, NULL, &sum, &err) != K_OK) {
		proof_fail(p, "laptop %d: final sync failed: %s", l, err.msg);
		return false;
	}
	check_acked(p, l);
	*quiet = sum.came == 0 && sum.went == 0;
	return true;
}
