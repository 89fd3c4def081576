/* The sync benchmark's check that laptops ended with one picture (bench/sync.py): a laptop's
 * travelling rows as syncdb_dump writes them, or, with --hub, the hub's rows read from stdin
 * ("table<TAB>key<TAB>json" lines, as the hub's owner selects them) written the same way, so
 * that the two compare as text.
 *
 *   sync_dump DB
 *   sync_dump --hub < ROWS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "database.h"
#include "store.h"
#include "strbuf.h"
#include "syncdb.h"

static _Noreturn void fail(const char *what, const char *msg)
{
	fprintf(stderr, "sync_dump: %s: %s\n", what, msg);
	exit(1);
}

/* One hub row: its table and key as they are, its data canonical. */
static void hub_line(char *line, struct strbuf *out)
{
	char *tab1 = strchr(line, '\t');
	char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
	if (!tab2)
		fail("stdin", "a line without table, key and data");
	line[strcspn(line, "\n")] = '\0';
	struct kerr err;
	struct strbuf json = {0};
	if (syncdb_canonical(tab2 + 1, &json, &err) != K_OK)
		fail("the hub's data", err.msg);
	strbuf_add(out, line, (size_t)(tab2 - line + 1));
	strbuf_puts(out, strbuf_str(&json));
	strbuf_putc(out, '\n');
	strbuf_free(&json);
}

static int hub_dump(void)
{
	struct strbuf out = {0};
	char *line = NULL;
	size_t cap = 0;
	while (getline(&line, &cap, stdin) > 0)
		hub_line(line, &out);
	free(line);
	fputs(strbuf_str(&out), stdout);
	strbuf_free(&out);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: sync_dump DB | sync_dump --hub < ROWS\n");
		return 2;
	}
	if (strcmp(argv[1], "--hub") == 0)
		return hub_dump();
	struct store *st = NULL;
	struct kerr err;
	if (database_open(argv[1], &st, &err) != K_OK)
		fail(argv[1], err.msg);
	struct strbuf out = {0};
	if (syncdb_dump(st, &out, &err) != K_OK)
		fail("the dump", err.msg);
	fputs(strbuf_str(&out), stdout);
	strbuf_free(&out);
	store_close(st);
	return 0;
}
