/* A restore on a laptop that syncs with a hub. The laptop stays the laptop it is (its name and
 * its joining come from the live file: the .hub file beside it is that laptop's), and the
 * restored records, older than the hub's, are brought level by the next sync pulling all
 * again from the start, this laptop's own rows too. Of the backup's outbox only what the live
 * file had still not pushed goes up: the rest reached the hub long ago, and pushed again it
 * would arrive after other laptops' newer changes and undo them. */
#include "backup.h"
#include "backup_impl.h"

#include <sqlite3.h>
#include <stdio.h>

#include "store.h"
#include "syncdb.h"

/* The backup's changes the live file still had to push: the same entries of the outbox
 * (its numbers are never used twice, so a number both hold is the same change). */
static int keep_unpushed(struct store *next, struct kerr *err)
{
	return store_exec(next,
			  "DELETE FROM main.sync_outbox WHERE NOT EXISTS (SELECT 1 FROM "
			  "live.sync_outbox l WHERE l.n = main.sync_outbox.n AND l.tbl = "
			  "main.sync_outbox.tbl AND l.key = main.sync_outbox.key)",
			  err);
}

/* The live laptop's state, its cursor at the start; capture held off (applying) while the
 * restore puts the live accounts back, which the hub has already, or newer. */
static int keep_state(struct store *next, struct kerr *err)
{
	return store_exec(
		next,
		"UPDATE main.sync_state SET (laptop, joined, applying, cursor, last_sync, "
		"last_error, batch_id, batch_max, hub_version) = (SELECT laptop, joined, "
		"1, 0, last_sync, last_error, batch_id, batch_max, hub_version FROM "
		"live.sync_state WHERE id = 1) WHERE id = 1",
		err);
}

/* The restored file as a laptop that never joined: no outbox, no name, no cursor. */
static int not_joined(struct store *next, struct kerr *err)
{
	return store_exec(next,
			  "DELETE FROM main.sync_outbox; UPDATE main.sync_state SET laptop = '', "
			  "joined = 0, applying = 0, cursor = 0, batch_id = NULL, batch_max = NULL "
			  "WHERE id = 1",
			  err);
}

/* Another database's backup on a joined laptop: as if it joined now, all it holds goes up. */
static int join_again(struct store *next, struct kerr *err)
{
	int status = not_joined(next, err);
	char name[64] = "";
	sqlite3_stmt *stmt = NULL;
	if (status == K_OK)
		status = store_prepare(next, "SELECT laptop FROM live.sync_state WHERE id = 1",
				       &stmt, err);
	int rc = status == K_OK ? sqlite3_step(stmt) : SQLITE_DONE;
	if (rc == SQLITE_ROW)
		snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(stmt, 0));
	else if (rc != SQLITE_DONE)
		status = store_error(next, rc, err);
	sqlite3_finalize(stmt);
	if (status == K_OK)
		status = syncdb_join(next, name, err);
	if (status == K_OK)
		status = keep_state(next, err);
	return status;
}

int backup_sync_keep(struct store *next, bool same, bool *joined, struct kerr *err)
{
	long long yes = 0;
	int status = store_query_int(next, "SELECT joined FROM live.sync_state WHERE id = 1", &yes,
				     err);
	*joined = yes == 1;
	if (status == K_OK && !*joined) /* never joined: nothing of the backup's goes anywhere */
		status = not_joined(next, err);
	else if (status == K_OK && same)
		status = keep_unpushed(next, err);
	if (status == K_OK && *joined)
		status = same ? keep_state(next, err) : join_again(next, err);
	return status;
}

int backup_sync_capture(struct store *next, struct kerr *err)
{
	return store_exec(next, "UPDATE main.sync_state SET applying = 0 WHERE id = 1", err);
}
