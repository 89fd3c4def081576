/* What only core's modules share about entities: the SQL pieces every read is built from,
 * the privacy condition every list and count passes through, and the reading and binding of
 * values. The command line and the interface reach records through entity.h alone. */
#ifndef KITH_ENTITY_IMPL_H
#define KITH_ENTITY_IMPL_H

#include "entity.h"

struct strbuf;
struct sqlite3_stmt;

/* Copies SQL text replacing each '@' with alias. Caller frees. */
char *entity_sql_alias(const char *sql, const char *alias);

/* For core modules that read records with their own conditions (pages, details): the
 * column list every record read selects from alias t, and the reading of one such row. */
void entity_select_columns(const struct entity_def *def, struct strbuf *sql);
/* The same without the names of the records each refers to, which entity_read_names then
 * reads into n rows read from it, each name once however many rows share it (a page's
 * venue, its worker): a page costs a lookup per distinct name, not per row and column. */
void entity_select_unnamed(const struct entity_def *def, struct strbuf *sql);
int entity_read_names(struct store *st, struct record **row, int n, struct kerr *err);

/* For a reader who does not see every restricted person, appends " AND (...)": a row of def
 * (read under alias) is kept only when it is not, and is not about, a restricted person the
 * reader may not see. Nothing is appended for other readers, or when def refers to no one.
 * Every list, search, filter, count and name lookup passes through it, so that no result,
 * position or count depends on a hidden person's fields. */
void entity_visible(struct store *st, const struct entity_def *def, const char *alias,
		    struct strbuf *sql);

struct record *entity_read_row(struct sqlite3_stmt *stmt, const struct entity_def *def);
/* Binds a field's value the way its column stores it (NULL, integer or text). Text is bound
 * where it is, not copied: value must stay as it is until the statement has run. */
int entity_bind(struct sqlite3_stmt *stmt, int index, const struct field_def *f, const char *value);

/* entity_memo.c: an answer of entity_resolve's remembered (true; *status, and out or err
 * filled as the lookup filled them), and the keeping of one. */
bool entity_memo_recall(struct store *st, int kind, const char *text, int *status, char out[ID_LEN],
			struct kerr *err);
void entity_memo_keep(struct store *st, int kind, const char *text, int status, const char *id,
		      const struct kerr *err);
/* Every name of a kind the reader may see, read once (entity_memo.c): due says when an
 * import has asked for enough names of kind that the caller should read them all, with
 * name_add for each (a kind with none stays unread: its lookups go on one by one);
 * name_find answers -1 when they were not read, else how many have that name (0, 1, or 2
 * for more), the id in out when 1. */
bool entity_memo_names_due(struct store *st, int kind);
void entity_memo_name_add(struct store *st, int kind, const char *name, const char *id);
int entity_memo_name_find(struct store *st, int kind, const char *name, char out[ID_LEN]);
/* Whole ids likewise: due once an import has looked up enough ids of kind one by one that
 * the caller should read every live one, and keep each (entity_memo_keep) as its answer. */
bool entity_memo_ids_due(struct store *st, int kind);
/* Makes room for more answers at once, ahead of reading them. */
void entity_memo_expect(struct store *st, size_t more);

#endif
