/* The ids an import has added, in memory (import_ids.h): asking the table whether each line's
 * id is there already costs a look-up in its index a line, which a table that was empty when
 * the import began can answer from here. An open-addressing table of the ids. */
#include "import_ids.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static size_t at(const struct import_ids *s, const char *id)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	size_t i = (size_t)h & (s->cap - 1);
	while (s->slot[i][0] && strcmp(s->slot[i], id) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

bool import_ids_has(const struct import_ids *s, const char *id)
{
	return s->cap && s->slot[at(s, id)][0];
}

static void grow(struct import_ids *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	struct import_ids bigger = {xcalloc(cap, ID_LEN), cap, 0};
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i][0])
			memcpy(bigger.slot[at(&bigger, s->slot[i])], s->slot[i], ID_LEN);
	bigger.used = s->used;
	free(s->slot);
	*s = bigger;
}

void import_ids_add(struct import_ids *s, const char *id)
{
	if (2 * (s->used + 1) > s->cap)
		grow(s);
	size_t i = at(s, id);
	if (!s->slot[i][0]) {
		size_t n = strnlen(id, ID_LEN - 1);
		memcpy(s->slot[i], id, n);
		s->slot[i][n] = '\0';
		s->used++;
	}
}

void import_ids_free(struct import_ids *s)
{
	free(s->slot);
	*s = (struct import_ids){0};
}
