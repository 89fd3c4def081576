/* What entity_resolve answered, remembered through one bulk write (an import of referrals
 * names the same people and places on thousands of lines). Only kinds the bulk write adds
 * nothing to are remembered, and only within its transaction and for its one reader, so an
 * answer remembered is the answer a fresh lookup would give: the same id, or the same
 * refusal word for word. An open-addressing table keyed by the kind and the text; after
 * many names of a kind, every name of it the reader may see is read once into the same
 * table, for the lookups by name that would scan the table each. */
#include "entity.h"
#include "entity_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "kerr.h"
#include "store.h"
#include "xalloc.h"

struct answer {
	char *text;    /* NULL: an empty slot */
	uint32_t hash; /* of kind and text: a probe compares it before the text, elsewhere */
	int kind;      /* enum entity_kind */
	int status;    /* K_OK, or the refusal's status */
	char *said;    /* K_OK: the id (NULL: text is the id); otherwise the refusal's message */
};

/* Looking names up one by one costs a scan of the table each when the name is worked out
 * (a person's): after this many, every visible name of the kind is read once instead. */
#define NAMES_AFTER 16
#define NAMES 64 /* added to a kind: the key of a name in the table of every name */
/* A whole id is looked up by its index, a few microseconds: after this many of a kind, reading
 * every live id of it at once (its smallest index, a scan) costs less than the rest will. */
#define IDS_AFTER 256

struct entity_memo {
	unsigned kinds;  /* 1 << kind for each kind remembered */
	unsigned loaded; /* 1 << kind: its every name is in the table */
	bool (*live_person)(void *ctx, const char *id); /* entity_memo_people's, or NULL */
	void *live_ctx;
	int asked[NAMES];
	int asked_ids[NAMES]; /* whole ids of each kind looked up, until they are all read */
	struct answer *slot;
	size_t cap, used; /* cap a power of two */
};

static uint32_t hash_of(int kind, const char *text)
{
	uint64_t h = hash_text(HASH_START ^ (uint64_t)kind, text);
	return (uint32_t)(h ^ (h >> 32));
}

static struct answer *find(struct answer *slot, size_t cap, int kind, const char *text, uint32_t h)
{
	size_t i = h & (cap - 1);
	while (slot[i].text &&
	       (slot[i].hash != h || slot[i].kind != kind || strcmp(slot[i].text, text) != 0))
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

/* Room for more answers: the table at most three quarters full (a probe compares a stored
 * hash, so a longer run costs little) with them in. */
static void grow(struct entity_memo *m, size_t more)
{
	size_t cap = m->cap ? m->cap : 1024;
	while (4 * (m->used + more) > 3 * cap)
		cap *= 2;
	if (cap == m->cap)
		return;
	struct answer *slot = xcalloc(cap, sizeof *slot);
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slot[i].text)
			continue;
		size_t j = m->slot[i].hash & (cap - 1); /* every text is there once */
		while (slot[j].text)
			j = (j + 1) & (cap - 1);
		slot[j] = m->slot[i];
	}
	free(m->slot);
	m->slot = slot;
	m->cap = cap;
}

void entity_memo_begin(struct store *st, unsigned kinds)
{
	entity_memo_end(st);
	struct entity_memo *m = xcalloc(1, sizeof *m);
	m->kinds = kinds;
	store_set_memo(st, m);
}

void entity_memo_end(struct store *st)
{
	struct entity_memo *m = store_memo(st);
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->slot[i].text), free(m->slot[i].said);
	free(m->slot);
	free(m);
	store_set_memo(st, NULL);
}

/* Answers from memory: true with *status (and out or err filled as the lookup did). */
bool entity_memo_recall(struct store *st, int kind, const char *text, int *status, char out[ID_LEN],
			struct kerr *err)
{
	struct entity_memo *m = store_memo(st);
	if (!m || !(m->kinds & (1u << kind)))
		return false;
	if (kind == ENTITY_PERSON && m->live_person && m->live_person(m->live_ctx, text)) {
		*status = K_OK;
		snprintf(out, ID_LEN, "%s", text);
		return true;
	}
	if (!m->cap)
		return false;
	const struct answer *a = find(m->slot, m->cap, kind, text, hash_of(kind, text));
	if (!a->text)
		return false;
	*status = a->status;
	if (a->status == K_OK)
		snprintf(out, ID_LEN, "%s", a->said ? a->said : a->text);
	else
		kerr_set(err, (enum kstatus)a->status, "", "%s", a->said);
	return true;
}

/* Remembers a lookup's answer: an id, or a refusal about the text (never a failure of the
 * database, which is not the text's). */
void entity_memo_keep(struct store *st, int kind, const char *text, int status, const char *id,
		      const struct kerr *err)
{
	struct entity_memo *m = store_memo(st);
	if (!m || !(m->kinds & (1u << kind)) ||
	    (status != K_OK && status != K_NOT_FOUND && status != K_AMBIGUOUS &&
	     status != K_INVALID) ||
	    (status != K_OK && !err))
		return;
	grow(m, 1);
	uint32_t h = hash_of(kind, text);
	struct answer *a = find(m->slot, m->cap, kind, text, h);
	if (a->text)
		return;
	const char *said = status != K_OK ? err->msg : strcmp(id, text) != 0 ? id : NULL;
	*a = (struct answer){xstrdup(text), h, kind, status, said ? xstrdup(said) : NULL};
	m->used++;
}

/* Names compare as sqlite's NOCASE compares them: only ASCII letters fold. */
static char *folded(const char *text)
{
	char *f = xstrdup(text);
	for (char *p = f; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

bool entity_memo_names_due(struct store *st, int kind)
{
	struct entity_memo *m = store_memo(st);
	return m && (m->kinds & (1u << kind)) && !(m->loaded & (1u << kind)) &&
	       ++m->asked[kind] == NAMES_AFTER;
}

void entity_memo_expect(struct store *st, size_t more)
{
	struct entity_memo *m = store_memo(st);
	if (m)
		grow(m, more);
}

bool entity_memo_ids_due(struct store *st, int kind)
{
	struct entity_memo *m = store_memo(st);
	return m && (m->kinds & (1u << kind)) && !(kind == ENTITY_PERSON && m->live_person) &&
	       ++m->asked_ids[kind] == IDS_AFTER;
}

void entity_memo_people(struct store *st, bool (*live)(void *ctx, const char *id), void *ctx)
{
	struct entity_memo *m = store_memo(st);
	if (m && (m->kinds & (1u << ENTITY_PERSON)))
		m->live_person = live, m->live_ctx = ctx;
}

void entity_memo_name_add(struct store *st, int kind, const char *name, const char *id)
{
	struct entity_memo *m = store_memo(st);
	if (!m)
		return;
	grow(m, 1);
	char *key = folded(name);
	uint32_t h = hash_of(NAMES + kind, key);
	struct answer *a = find(m->slot, m->cap, NAMES + kind, key, h);
	if (a->text) { /* a second of that name: ambiguous */
		a->status = 2;
		free(key);
		return;
	}
	*a = (struct answer){key, h, NAMES + kind, 1, xstrdup(id)};
	m->used++;
	m->loaded |= 1u << kind;
}

int entity_memo_name_find(struct store *st, int kind, const char *name, char out[ID_LEN])
{
	struct entity_memo *m = store_memo(st);
	if (!m || !(m->loaded & (1u << kind)))
		return -1;
	char *key = folded(name);
	const struct answer *a = find(m->slot, m->cap, NAMES + kind, key,
				      hash_of(NAMES + kind, key));
	free(key);
	if (a->text && a->status == 1)
		snprintf(out, ID_LEN, "%s", a->said);
	return a->text ? a->status : 0;
}
