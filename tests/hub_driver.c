/* Installs the hub's schema into a PostgreSQL through core's hub_schema_install, the way
 * `kith hub init` does, for test_hub.py (which drives the hub's functions with psql).
 * Usage: hub_driver CONNINFO   prints "installed" or the error ("STATUS: message"). */
#include <libpq-fe.h>
#include <stdio.h>

#include "hub_schema.h"
#include "kerr.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: hub_driver CONNINFO\n");
		return 2;
	}
	PGconn *conn = PQconnectdb(argv[1]);
	struct kerr err = {0};
	int status = PQstatus(conn) == CONNECTION_OK
			     ? hub_schema_install(conn, &err)
			     : kerr_set(&err, K_IO, "hub", "%s", PQerrorMessage(conn));
	PQfinish(conn);
	if (status != K_OK) {
		printf("%s: %s\n", kerr_status_text(err.status), err.msg);
		return 1;
	}
	printf("installed\n");
	return 0;
}
