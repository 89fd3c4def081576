/* A file's SHA-256, which an import's trail row records, and the look for it that refuses a
 * file imported before (unless --again). */
#include "import_hash.h"

#include <openssl/evp.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>

#include "date.h"
#include "xalloc.h"

/* OpenSSL's SHA-256 uses the processor's SHA instructions where it has them; libsodium's
 * (the same digest) is portable C, five times slower here: a few per cent of an import. */
void import_hash_of(const char *data, size_t n, char out[65])
{
	unsigned char h[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	if (!EVP_Digest(data, n, h, &len, EVP_sha256(), NULL) || len != 32)
		die("the file's SHA-256 could not be worked out");
	sodium_bin2hex(out, 65, h, len);
}

int import_seen_before(struct store *st, const char *hash, struct kerr *err)
{
	char like[80];
	snprintf(like, sizeof like, "%%sha256 %s%%", hash);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st,
				   "SELECT substr(created_at, 1, 10) FROM audit WHERE action = "
				   "'import' AND detail LIKE ?1 ORDER BY seq DESC LIMIT 1",
				   &stmt, err);
	if (status != K_OK)
		return status;
	sqlite3_bind_text(stmt, 1, like, -1, SQLITE_STATIC);
	int rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		char uk[DATE_LEN];
		status = kerr_set(err, K_DUPLICATE, "file",
				  "this file was imported on %s; give "
				  "--again to import it once more",
				  date_uk((const char *)sqlite3_column_text(stmt, 0), uk));
	} else if (rc != SQLITE_DONE) {
		status = store_error(st, rc, err);
	}
	sqlite3_finalize(stmt);
	return status;
}
