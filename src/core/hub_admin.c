/* The hub's administration from a laptop: making the hub (its schema, with the owner's
 * connection string, which is used once and not kept), joining laptops to it, making and
 * ending their credentials, and what the hub says of its laptops and erasures. */
#include "sync.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "hub_schema.h"
#include "jsonr.h"
#include "schema.h"
#include "store.h"
#include "strbuf.h"
#include "sync_impl.h"
#include "syncdb.h"
#include "testhook.h"
#include "xalloc.h"

/* Connects with this laptop's own credentials (its .hub file). */
static int connect_own(struct store *st, struct sync_conn *c, char **conninfo, struct kerr *err)
{
	int status = sync_hub_read(st, conninfo, err);
	if (status == K_OK)
		status = sync_conn_open(c, *conninfo, err);
	return status;
}

/* Makes a laptop's role at the hub and the connection string it will use, from the string
 * of whoever asks (the owner's at init, an admin laptop's after). */
static int make_laptop(struct sync_conn *c, const char *from, const char *name, bool admin,
		       char **conninfo, struct kerr *err)
{
	char role[64], *password = NULL;
	const char *p[] = {name, admin ? "true" : "false"};
	int status = sync_laptop_role(name, role, sizeof role, err);
	if (status == K_OK)
		status = sync_call_value(c, "SELECT kith.add_laptop($1, $2::bool)", p, 2, &password,
					 err);
	if (status == K_OK && !*password)
		status = kerr_set(err, K_DB, "hub", "the hub made no password for %s", name);
	if (status == K_OK)
		status = sync_conninfo_for(from, role, password, conninfo, err);
	sync_forget(&password);
	return status;
}

int hub_join(struct store *st, const char *conninfo, struct kerr *err)
{
	struct sync_conn c = {0};
	char version[16], *answer = NULL;
	snprintf(version, sizeof version, "%d", SCHEMA_VERSION);
	const char *p[] = {version};
	int status = auth_require(st, AUTH_SETTINGS, err);
	if (status == K_OK)
		status = sync_conn_open(&c, conninfo, err);
	if (status == K_OK)
		status = sync_call_value(&c, "SELECT kith.hello($1::int)", p, 1, &answer, err);
	sync_conn_close(&c);
	struct jsonr *v = status == K_OK ? sync_json(answer) : NULL;
	const char *laptop = v ? jsonr_text(v, "laptop") : "";
	if (status == K_OK && !*laptop)
		status = kerr_set(err, K_DB, "hub",
				  "the hub at %s did not say who this laptop is: "
				  "is it kith's hub?",
				  c.where);
	if (status == K_OK)
		status = sync_hub_write(st, conninfo, err);
	if (status == K_OK)
		status = syncdb_join(st, laptop, err);
	jsonr_free(v);
	free(answer);
	return status;
}

/* The kith version the hub's data comes from becomes this kith's when it is newer: only init
 * moves it (a laptop's hello does not), and older laptops are then told of the newer kith. */
static int raise_version(struct sync_conn *c, struct kerr *err)
{
	char version[16], *answer = NULL;
	snprintf(version, sizeof version, "%d", SCHEMA_VERSION);
	const char *p[] = {version};
	int status = sync_call_value(c, "SELECT kith.raise_version($1::int)", p, 1, &answer, err);
	free(answer);
	return status;
}

/* Takes back the laptop name made at the hub, if it never pushed; whatever the hub says is
 * not the error told (the hub may have nothing of it). */
static void undo_laptop(struct sync_conn *c, const char *name)
{
	const char *p[] = {name};
	char *answer = NULL;
	struct kerr ignored;
	if (sync_call_value(c, "SELECT kith.undo_laptop($1)", p, 1, &answer, &ignored) == K_OK)
		free(answer);
}

/* Init all or nothing: when this laptop's own join fails after its laptop was made at the
 * hub, the laptop is taken back (the join's error is the one told), else its name stays taken
 * and init again is refused. */
static int join_or_undo(struct store *st, struct sync_conn *c, const char *conninfo,
			const char *name, struct kerr *err)
{
	int status = hub_join(st, conninfo, err);
	if (status != K_OK)
		undo_laptop(c, name);
	return status;
}

/* Writes name as this laptop's, not joined yet ("": none); a joined laptop's is left. */
static int mark_laptop(struct store *st, const char *name, struct kerr *err)
{
	const char *p[] = {name};
	int status = store_begin(st, err);
	if (status == K_OK)
		status = store_run(st,
				   "UPDATE sync_state SET laptop = ?1 WHERE id = 1 AND joined = 0",
				   p, 1, err);
	return store_finish(st, status, err);
}

/* Init all or nothing, when kith itself stops between making its laptop at the hub and
 * joining (a crash, a power cut): the name it is about to make is written here first, as a
 * laptop not joined yet, so that init again with that name takes back what the stopped one
 * made (only a laptop that never pushed). */
static int undo_unfinished(struct store *st, struct sync_conn *c, const char *name,
			   struct kerr *err)
{
	struct syncdb_state s;
	int status = syncdb_state(st, &s, err);
	if (status != K_OK || s.joined)
		return status;
	if (strcmp(s.laptop, name) == 0)
		undo_laptop(c, name);
	return mark_laptop(st, name, err);
}

int hub_init(struct store *st, const char *owner_url, const char *name, struct kerr *err)
{
	struct sync_conn c = {0};
	char *conninfo = NULL;
	int status = auth_require(st, AUTH_SETTINGS, err);
	if (status == K_OK)
		status = sync_laptop_role(name, (char[64]){0}, 64, err);
	if (status == K_OK)
		status = sync_conn_open(&c, owner_url, err);
	if (status == K_OK)
		status = hub_schema_install(c.pg, err);
	if (status == K_OK)
		status = raise_version(&c, err);
	if (status == K_OK)
		status = undo_unfinished(st, &c, name, err);
	if (status == K_OK) {
		status = make_laptop(&c, owner_url, name, true, &conninfo, err);
		struct kerr ignored;
		if (status != K_OK) /* the name is another laptop's: never to be undone from here */
			mark_laptop(st, "", &ignored);
	}
	if (status == K_OK && testhook_env("KITH_HUB_INIT_CRASH"))
		raise(SIGKILL); /* the tests' crash between the two steps */
	if (status == K_OK)
		status = join_or_undo(st, &c, conninfo, name, err);
	sync_conn_close(&c);
	sync_forget(&conninfo);
	return status;
}

int hub_add_laptop(struct store *st, const char *name, bool admin, char **conninfo,
		   struct kerr *err)
{
	struct sync_conn c = {0};
	char *own = NULL;
	*conninfo = NULL;
	int status = auth_require(st, AUTH_SETTINGS, err);
	if (status == K_OK)
		status = sync_laptop_role(name, (char[64]){0}, 64, err);
	if (status == K_OK)
		status = connect_own(st, &c, &own, err);
	if (status == K_OK)
		status = make_laptop(&c, own, name, admin, conninfo, err);
	sync_conn_close(&c);
	sync_forget(&own);
	return status;
}

int hub_revoke(struct store *st, const char *name, struct kerr *err)
{
	struct sync_conn c = {0};
	struct syncdb_state state;
	char *own = NULL, *answer = NULL;
	const char *p[] = {name};
	int status = auth_require(st, AUTH_SETTINGS, err);
	if (status == K_OK)
		status = syncdb_state(st, &state, err);
	if (status == K_OK && state.joined && strcmp(state.laptop, name) == 0)
		status = kerr_set(err, K_REFUSED, "name",
				  "this laptop is %s: revoke it from another "
				  "admin laptop",
				  name);
	if (status == K_OK)
		status = connect_own(st, &c, &own, err);
	if (status == K_OK)
		status = sync_call_value(&c, "SELECT kith.revoke_laptop($1)", p, 1, &answer, err);
	sync_conn_close(&c);
	sync_forget(&own);
	free(answer);
	return status;
}
