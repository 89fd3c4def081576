/* The ids an import has added, in memory (import_ids.h): asking the table whether each line's
 * id is there already costs a look-up in its index a line, which a table that was empty when
 * the import began can answer from here. An open-addressing table of the ids' 64-bit hashes:
 * eight bytes an id, so that the table of a big file stays small, and a hash found is only a
 * "maybe", which the table itself then answers. */
#include "import_ids.h"

#include <stdint.h>
#include <stdlib.h>

#include "hash.h"
#include "xalloc.h"

static uint64_t hash_of(const char *id)
{
	uint64_t h = hash_text(HASH_START, id);
	return h ? h : 1; /* 0 marks an empty slot */
}

static size_t at(const struct import_ids *s, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 32)) & (s->cap - 1);
	while (s->slot[i] && s->slot[i] != h)
		i = (i + 1) & (s->cap - 1);
	return i;
}

bool import_ids_maybe(const struct import_ids *s, const char *id)
{
	return s->cap && s->slot[at(s, hash_of(id))];
}

static void grow(struct import_ids *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	struct import_ids bigger = {xcalloc(cap, sizeof *bigger.slot), cap, s->used};
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i])
			bigger.slot[at(&bigger, s->slot[i])] = s->slot[i];
	free(s->slot);
	*s = bigger;
}

void import_ids_add(struct import_ids *s, const char *id)
{
	if (2 * (s->used + 1) > s->cap)
		grow(s);
	uint64_t h = hash_of(id);
	size_t i = at(s, h);
	if (!s->slot[i]) {
		s->slot[i] = h;
		s->used++;
	}
}

void import_ids_free(struct import_ids *s)
{
	free(s->slot);
	*s = (struct import_ids){0};
}
