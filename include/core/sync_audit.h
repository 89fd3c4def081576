/* The audit trail's part of a sync: this laptop's own rows go up to the hub, which takes them
 * only when they continue its copy of this laptop's chain, and other laptops' rows come down
 * into the local trail with their origin. A trail cut or rebuilt behind kith's back shows
 * against the hub's copy; a row changed at the hub shows against its own hash. */
#ifndef KITH_SYNC_AUDIT_H
#define KITH_SYNC_AUDIT_H

#include "kerr.h"

struct store;
struct pg_conn; /* libpq's PGconn */

struct sync_audit {
	long pushed;       /* this laptop's rows the hub took */
	long pulled;       /* other laptops' rows taken here */
	long long hub_has; /* the last of this laptop's rows the hub holds */
	char problem[320]; /* "" or a sentence for whoever reads the summary: the trail was cut,
			      differs from the hub's copy, a row from the hub was changed */
};

/* Pushes this laptop's rows the hub does not hold yet, in batches, after checking that the
 * hub's copy and this trail agree where they meet. A disagreement is no error (the records
 * still sync): out->problem says it, and nothing more of the trail goes up. K_IO when the
 * hub cannot be reached, K_REFUSED when this laptop was revoked. Adds to out. */
int sync_audit_push(struct store *st, struct pg_conn *conn, struct sync_audit *out,
		    struct kerr *err);

/* Pulls other laptops' rows after the last pulled, in the hub's order, one transaction a
 * page. A row whose hash does not hold, or that does not follow its laptop's chain here, is
 * not taken (out->problem), nor any after it; a row by an account not here yet waits for the
 * next sync. Call it after the records are pulled. Adds to out. */
int sync_audit_pull(struct store *st, struct pg_conn *conn, struct sync_audit *out,
		    struct kerr *err);

#endif
