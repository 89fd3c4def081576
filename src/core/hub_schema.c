/* Installing the hub's schema: hub.sql, whole, in one transaction, so a failure leaves the
 * hub as it was. The SQL is its own file (idempotent, commented) so that an operator can read
 * exactly what kith makes in their PostgreSQL. */
#include "hub_schema.h"

#include "pq.h"
#include <string.h>

/* what the server said, on one line */
static int failed(PGconn *conn, PGresult *res, struct kerr *err)
{
	char said[240];
	snprintf(said, sizeof said, "%s", res ? PQresultErrorMessage(res) : PQerrorMessage(conn));
	said[strcspn(said, "\n")] = '\0';
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	PQclear(res);
	if (PQstatus(conn) != CONNECTION_OK)
		return kerr_set(err, K_IO, "hub", "The hub could not be reached: %s", said);
	PQclear(PQexec(conn, "ROLLBACK"));
	if (state && strcmp(state, "42501") == 0)
		return kerr_set(err, K_REFUSED, "hub",
				"The hub's schema needs its owner (a role that may create schemas "
				"and roles): %s",
				said);
	return kerr_set(err, K_DB, "hub", "The hub's schema could not be made: %s", said);
}

static int exec_ok(PGconn *conn, const char *sql, struct kerr *err)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType s = PQresultStatus(res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
		return failed(conn, res, err);
	PQclear(res);
	return K_OK;
}

int hub_schema_install(struct pg_conn *conn, struct kerr *err)
{
	int status = pq_load(err);
	if (status == K_OK)
		status = exec_ok(conn, "BEGIN", err);
	if (status == K_OK)
		status = exec_ok(conn, hub_sql_text, err);
	if (status == K_OK)
		status = exec_ok(conn, hub_audit_sql_text, err);
	if (status == K_OK)
		status = exec_ok(conn, "COMMIT", err);
	return status;
}
