/* Installs the hub's schema into a PostgreSQL through core's hub_schema_install, the way
 * `kith hub init` does, for test_hub.py (which drives the hub's functions with psql).
 * Usage: hub_driver < CONNINFO   prints "installed" or the error ("STATUS: message"); the
 * owner's string comes on standard input, as kith takes it, never as a word others see. */
#include <libpq-fe.h>
#include <stdio.h>
#include <string.h>

#include "hub_schema.h"
#include "kerr.h"

int main(int argc, char **argv)
{
	(void)argv;
	char line[4096];
	if (argc != 1 || !fgets(line, sizeof line, stdin)) {
		fprintf(stderr, "usage: hub_driver < CONNINFO\n");
		return 2;
	}
	line[strcspn(line, "\n")] = '\0';
	PGconn *conn = PQconnectdb(line);
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
