/* The hub's schema (src/core/hub.sql, compiled into the binary as schema.sql is): the tables,
 * roles and SECURITY DEFINER functions a PostgreSQL database needs to be a kith hub. sync.c
 * installs it at `kith hub init`; tests install it into a throwaway server (tests/pgtmp). */
#ifndef KITH_HUB_SCHEMA_H
#define KITH_HUB_SCHEMA_H

#include "kerr.h"

struct pg_conn; /* libpq's PGconn */

/* The version of hub.sql (kith.meta 'schema', "hub" in kith.hello's answer). */
#define HUB_SCHEMA_VERSION 3

/* The text of src/core/hub.sql, and of hub_audit.sql (the laptops' audit trails), run after
 * it in the same transaction. */
extern const char hub_sql_text[];
extern const char hub_audit_sql_text[];

/* Runs hub.sql in one transaction on conn, a connection as the hub's owner (a role that may
 * create schemas and roles). Idempotent: on a hub already set up it changes nothing it holds.
 * K_IO when the connection failed, K_REFUSED when the owner lacks a privilege, K_DB otherwise;
 * nothing is left half made. */
int hub_schema_install(struct pg_conn *conn, struct kerr *err);

#endif
