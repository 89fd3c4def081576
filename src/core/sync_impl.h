/* What sync.c (pushing and pulling) and hub_admin.c (init, join, add, revoke, status) share:
 * a connection to the hub with its calls counted (for the test hook that drops it), the
 * connection string file beside the database, and connection strings taken apart and made. */
#ifndef KITH_SYNC_IMPL_H
#define KITH_SYNC_IMPL_H

#include "pq.h"
#include <stdbool.h>
#include <stddef.h>

#include "kerr.h"

struct store;
struct strbuf;
struct jsonr;

/* What a database that has not joined a hub is told. */
#define SYNC_NOT_JOINED \
	"this database has not joined a hub: kith hub join (it asks for the connection string " \
	"an admin makes with kith hub add-laptop NAME)"

struct sync_conn {
	PGconn *pg;
	char where[128]; /* the hub's host (or socket directory), for messages */
	int calls;       /* hub calls made so far */
	int drop_after;  /* test builds: the connection drops once this call has run (0: never) */
};

/* Connects with conninfo (connect_timeout 10 unless it names one). K_IO when the hub cannot
 * be reached, K_REFUSED when it turns these credentials away (a revoked laptop), K_INVALID
 * when conninfo is not a connection string; the messages never hold a password. On failure
 * c->pg is NULL. */
int sync_conn_open(struct sync_conn *c, const char *conninfo, struct kerr *err);
void sync_conn_close(struct sync_conn *c);
/* Runs sql with the n text parameters p (NULL: SQL NULL) and wants rows (or a single value).
 * On success *res is the caller's (PQclear). K_IO when the connection failed, K_REFUSED when
 * the hub refused this laptop, K_DB for any other error from the hub. */
int sync_call(struct sync_conn *c, const char *sql, const char *const *p, int n, PGresult **res,
	      struct kerr *err);
/* sync_call in two halves, so that the hub works on the next page while this laptop applies
 * the last: sync_send sends the call, sync_receive waits for its rows. Between them no other
 * call; a call sent and not wanted after all is read and thrown away by sync_drop_answer. */
int sync_send(struct sync_conn *c, const char *sql, const char *const *p, int n, struct kerr *err);
int sync_receive(struct sync_conn *c, PGresult **res, struct kerr *err);
void sync_drop_answer(struct sync_conn *c);
/* The same for a call that returns one value: *out (owned) is its text ("" for NULL). */
int sync_call_value(struct sync_conn *c, const char *sql, const char *const *p, int n, char **out,
		    struct kerr *err);

/* The hub's connection string this database keeps (its .hub file), checked to be private.
 * K_NOT_FOUND when it has none, K_UNSAFE when others may read it. *out is the caller's. */
int sync_hub_read(struct store *st, char **out, struct kerr *err);
/* Writes it, mode 0600, atomically. */
int sync_hub_write(struct store *st, const char *conninfo, struct kerr *err);

/* The hub's JSON parsed (jsonr_free), or NULL when it is not JSON. */
struct jsonr *sync_json(const char *text);

/* For a coordinator after a sync: a sentence naming the laptops an erasure has not reached
 * yet, into note (left as it is when there are none or the hub cannot say). */
void hub_waiting_note(struct sync_conn *c, char *note, size_t n);

/* After a sync: when a person among ids (the people who came) is likely the same as another
 * here that the reader may see, a sentence naming them and how to merge them, into note (left
 * as it is otherwise). */
void sync_twins_note(struct store *st, char *const *ids, int n, char *note, size_t len);

/* A laptop's connection string made from another (the owner's or an admin laptop's): its
 * host, port, database and TLS settings, with user and password replaced. *out owned. */
int sync_conninfo_for(const char *from, const char *user, const char *password, char **out,
		      struct kerr *err);
/* The role a laptop called name logs in as: "kith_laptop_" and name with '-' made '_'.
 * K_INVALID, naming the field, when name is not 1 to 40 of a-z, 0-9 and '-'. */
int sync_laptop_role(const char *name, char *role, int n, struct kerr *err);

#endif
