/* What makes a file a kith database, for the store below that knows only connections and
 * files: the tables it must have, the schema that brings it forward, the search queue its
 * commits flush and the privacy function its views call. */
#include "database.h"

#include <stddef.h>

#include "auth.h"
#include "schema.h"
#include "store.h"

/* clang-format off */
static const char *const tables[] = {"person", "asset", "referral", "setting", "fts_queue",
				     NULL};
/* clang-format on */
/* the accounts: what any use reads first */
static const char *const small_tables[] = {"worker", NULL};
static const char *const index_checks[] = {
	"INSERT INTO person_fts (person_fts, rank) VALUES ('integrity-check', 1)",
	"INSERT INTO asset_fts (asset_fts, rank) VALUES ('integrity-check', 1)", NULL};

static const struct store_format kith_format = {
	.version = SCHEMA_VERSION,
	.tables = tables,
	.small_tables = small_tables,
	.index_checks = index_checks,
	.configure = auth_install,
	.upgrade = schema_upgrade,
	.before_commit = schema_flush_search,
};

int database_open(const char *path, struct store **out, struct kerr *err)
{
	return store_open(path, &kith_format, out, err);
}
