/* After a sync: people who came that are likely the same as someone here (the same given and
 * family names, and the same postcode or year of birth), as when one person is added on two
 * laptops. The rule is person_likely_duplicate's; the warning names only people the reader
 * may see, and says how to merge them (the merge then travels like any change). */
#include "sync_impl.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entity_impl.h"
#include "person.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* The query: a live person (p, ?1) and a likely twin (o), both visible to the reader. */
static char *twin_sql(struct store *st)
{
	char *name_p = entity_sql_alias(person_entity.display, "p");
	char *name_o = entity_sql_alias(person_entity.display, "o");
	struct strbuf sql = STRBUF_INIT;
	strbuf_printf(&sql,
		      "SELECT o.id, %s, %s FROM person p JOIN person o ON o.id <> p.id AND "
		      "o.deleted_at IS NULL AND o.given_name = p.given_name COLLATE NOCASE AND "
		      "o.family_name = p.family_name COLLATE NOCASE AND ((p.postcode <> '' AND "
		      "o.postcode = p.postcode) OR (p.birth_year IS NOT NULL AND o.birth_year = "
		      "p.birth_year)) WHERE p.id = ?1 AND p.deleted_at IS NULL",
		      name_p, name_o);
	entity_visible(st, &person_entity, "p", &sql);
	entity_visible(st, &person_entity, "o", &sql);
	strbuf_puts(&sql, " ORDER BY o.id LIMIT 1");
	free(name_p);
	free(name_o);
	return strbuf_take(&sql);
}

/* Adds "Name (ids abcd1234 and ef567890)" for each person in ids with a twin, each pair once. */
static int find_twins(struct store *st, char *const *ids, int n, struct strbuf *out, int *pairs,
		      struct kerr *err)
{
	char *sql = twin_sql(st);
	sqlite3_stmt *stmt = NULL;
	int status = store_prepare(st, sql, &stmt, err);
	free(sql);
	for (int i = 0; status == K_OK && i < n; i++) {
		sqlite3_bind_text(stmt, 1, ids[i], -1, SQLITE_STATIC);
		int rc = sqlite3_step(stmt);
		const char *other = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(stmt, 0)
						     : "";
		bool seen = false; /* both came: the pair is named once, from its smaller id */
		for (int j = 0; rc == SQLITE_ROW && j < n && !seen; j++)
			seen = strcmp(ids[j], other) == 0 && strcmp(other, ids[i]) < 0;
		if (rc == SQLITE_ROW && !seen && out->len < 300)
			strbuf_printf(out, "%s%s (ids %.8s and %.8s)", (*pairs)++ ? "; " : "",
				      sqlite3_column_text(stmt, 1), ids[i], other);
		else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			status = store_error(st, rc, err);
		sqlite3_reset(stmt);
	}
	sqlite3_finalize(stmt);
	return status;
}

void sync_twins_note(struct store *st, char *const *ids, int n, char *note, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	struct kerr err;
	int pairs = 0;
	if (n > 0 && find_twins(st, ids, n, &sb, &pairs, &err) == K_OK && pairs)
		snprintf(note, len,
			 "Likely recorded twice, on two laptops: %s. If so, merge them with kith "
			 "person merge KEEP OTHER (the merge reaches every laptop).",
			 strbuf_str(&sb));
	strbuf_free(&sb);
}
