/* Entities described as data. Each entity (person, asset, referral, ...) is a table of fields
 * with their kinds and rules, a few sort orders and how it is searched; one engine uses the
 * description to validate, create, load, update, tombstone and list records, and the command
 * line, the forms and the exports read the same description, so a field is declared once. */
#ifndef KITH_ENTITY_H
#define KITH_ENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include "id.h"
#include "kerr.h"

struct store;
struct record;

/* Every kind of record, once: X(KIND, name) gives ENTITY_KIND and the description
 * name_entity (defined in its own file, name.c) that entity_get returns for it. */
/* clang-format off */
#define ENTITIES(X)                                                         \
	X(PERSON, person)                                                   \
	X(ASSET, asset)                                                     \
	X(GROUP, group)               /* a view of asset: 'association' */  \
	X(REFERRAL, referral)                                               \
	X(CONVERSATION, conversation)                                       \
	X(ACTIVITY, activity)                                               \
	X(WELLBEING, wellbeing)                                             \
	X(STORY, story)                                                     \
	X(TAG, tag)                                                         \
	X(WORKER, worker)                                                   \
	X(TARGET, target)             /* set by coordinators */             \
	X(AUDIT, audit)               /* read-only: the audit trail */      \
	X(PARTNERSHIP, partnership)                                         \
	X(FUNDING, funding)                                                 \
	X(READINESS, readiness)
/* clang-format on */

/* clang-format off */
enum entity_kind {
#define ENTITY_KIND(kind, name) ENTITY_##kind,
	ENTITIES(ENTITY_KIND)
#undef ENTITY_KIND
	ENTITY_COUNT
};
/* clang-format on */

enum field_kind {
	FIELD_TEXT,     /* one line */
	FIELD_NOTE,     /* several lines */
	FIELD_DATE,     /* ISO date; typed as today, +7d, 22/11/2026 ... */
	FIELD_YEAR,     /* a year not in the future */
	FIELD_INT,      /* whole number in [min, max] */
	FIELD_BOOL,     /* yes/no, stored 0/1 */
	FIELD_CHOICE,   /* one of choices */
	FIELD_POSTCODE, /* UK postcode, normalised */
	FIELD_EMAIL,
	FIELD_PHONE,
	FIELD_URL,
	FIELD_REF,  /* the id of a live record of another entity */
	FIELD_MONEY /* pounds: typed "£1,250.50", held as "1250.50", stored in pence (a column
		     * NAME_pence, whose word is NAME: --amount for amount_pence) */
};

enum field_flag {
	FIELD_REQUIRED = 1 << 0,
	FIELD_LISTED = 1 << 1,   /* a column of lists */
	FIELD_AUTO = 1 << 2,     /* set by kith, not typed (shown, never asked for) */
	FIELD_PERSONAL = 1 << 3, /* personal data: blanked when a person is erased */
	FIELD_NULL = 1 << 4      /* a choice stored as NULL when empty (a question not asked) */
};

struct field_def {
	const char *name;  /* column; the command line's flag is it with dashes */
	const char *label; /* for people: "Given name" */
	enum field_kind kind;
	unsigned flags;
	int max;                    /* bytes of text, or largest number */
	int min;                    /* smallest number */
	const char *const *choices; /* FIELD_CHOICE: NULL-terminated stored values */
	enum entity_kind ref;       /* FIELD_REF: what it points at */
	const char *def;            /* value on create when empty ("today" for dates) */
	int width;                  /* columns in a list */
	const char *help;           /* one line for forms and --help */
};

#define SORT_KEYS 4

struct sort_def {
	const char *name;            /* "name", "recent", ... for the command line */
	const char *label;           /* "by family name" */
	const char *keys[SORT_KEYS]; /* SQL expressions over alias t; the last is t.id */
	bool desc;
};

struct filter_def {
	const char *name;  /* "due" */
	const char *label; /* "follow-up due" */
	const char *sql; /* condition over alias t; may use :today, and :value when it takes one */
	/* A filter that takes a value ("gift=Cooking"): the query of the values it offers, its
	 * rows' conditions (scope, what the reader may see) put at its %s; NULL for none. */
	const char *values;
};

/* One reference a search runs through. Arms are tried in order; one marked fallback starts
 * a group searched only when the arms before it find nothing (a referral's places, when no
 * person's name matches). */
struct through_def {
	int field;
	bool fallback;
};

enum entity_erasure {
	ERASURE_NONE,    /* kept whole (the audit trail, which says only who did what) */
	ERASURE_DELETE,  /* personal fields blanked, the record deleted */
	ERASURE_KEEP_ROW /* personal fields blanked, the record kept (a referral stays as
				  flow between assets) */
};

struct entity_def {
	enum entity_kind kind;
	const char *name;   /* "person": the command line's word */
	const char *plural; /* "people" */
	const char *table;
	const struct field_def *fields;
	int nfields;
	const struct sort_def *sorts; /* the first is the default */
	int nsorts;
	const struct filter_def *filters; /* named filters beyond field equality */
	int nfilters;
	const char *display; /* SQL naming a row, over alias @ (see entity_sql_alias) */
	/* or, for a row read without names (entity_select_unnamed), its name made from the
	 * names it refers to, once read; caller frees */
	char *(*display_of)(const struct record *rec);
	const char *fts; /* own full-text table keyed by t.fts_rowid, or NULL */
	/* what a search through a reference to it matches there, in place of :q (a
	 * column filter around it), or NULL for :q itself */
	const char *fts_through;
	const char *key_index; /* index by id holding what a reference reads (its name) */
	const char *search;    /* else: condition over t using :q (FTS query) or :like */
	/* or a search through the names of the records it refers to (page_through.c): the
	 * reference fields searched, and how their rows come, for the list's title */
	const struct through_def *through;
	int nthrough;
	const char *through_order;
	const char *scope; /* condition every row of this entity meets, or NULL */
	int scope_field;   /* the field scope fixes, or -1 */
	const char *scope_value;
	/* Rules across fields and against the stored row, run in the write transaction.
	 * old is NULL on create. May adjust rec (automatic fields). */
	int (*check)(struct store *st, const struct record *old, struct record *rec,
		     struct kerr *err);
	/* What saving a new record puts in an empty field, worked out from its other fields
	 * (a referral's follow-up date from its date), so that a form can show it before
	 * the save: written to out (n bytes); false when the field stays empty. NULL: none. */
	bool (*implied)(const struct record *rec, int field, char *out, size_t n);
	bool read_only; /* written by kith itself, never through the engine */
	int writes;     /* the right (enum auth_right) writing needs; 0, AUTH_RECORDS, by default */
	/* Records about one person (their person_id): the heading they have in that person's
	 * subject access export (person_export.c), and what erasing the person does to them
	 * (person_erase.c). An entity with a person_id and no heading fails test_privacy. */
	const char *subject_heading;
	enum entity_erasure erasure;
	/* Whether an update from old to rec corrects what was recorded rather than records
	 * what happened (a referral's status put where no move goes), so that the audit says
	 * so; NULL: only a change taken back (entity_revert) is a correction. */
	bool (*corrects)(const struct record *old, const struct record *rec);
};

const struct entity_def *entity_get(enum entity_kind kind);
const struct entity_def *entity_by_name(const char *name); /* NULL when unknown */
/* Index of the field called name (or, for a reference, name without "_id"), or -1. */
int entity_field(const struct entity_def *def, const char *name);
/* The word a field is typed and exported as: its column, but for money without "_pence"
 * ("amount_pence" -> "amount"). */
void entity_field_key(const struct field_def *f, char *out, size_t n);
/* The field's label as messages name it: "Given name" -> "given name", "UK postcode" kept. */
void entity_field_words(const struct field_def *f, char *out, size_t n);
/* "did_not_attend" -> "did not attend". Caller frees. */
char *entity_choice_label(const char *value);

/* Checks and normalises every field of rec (trims, ISO dates, postcodes, resolved
 * references; defaults when old is NULL, that is when creating). References unchanged from
 * old are kept even if their target was deleted since. On refusal rec is untouched and err
 * names the field. */
int entity_validate(struct store *st, struct record *rec, const struct record *old,
		    struct kerr *err);

/* Normalises one value for field as validation would (a typed date to ISO, a name to the id
 * it refers to, a choice to its stored form). *out is the caller's. */
int entity_normalize(struct store *st, const struct entity_def *def, int field, const char *text,
		     char **out, struct kerr *err);

/* Validates and inserts rec as one transaction; fills its id and timestamps. */
int entity_create(struct store *st, struct record *rec, struct kerr *err);
/* Bulk adding (an import), inside the caller's transaction, which records the whole
 * operation in the audit once and rolls it all back if any record is refused.
 * entity_check_new validates and normalises rec in place as entity_create would (so that
 * the caller can compare it, for duplicates); entity_insert_checked then inserts a record
 * entity_check_new accepted, with no savepoint or audit row of its own, and fills its id. */
int entity_check_new(struct store *st, struct record *rec, struct kerr *err);
int entity_insert_checked(struct store *st, struct record *rec, struct kerr *err);
/* Loads a live record; K_NOT_FOUND (saying when, if it was deleted) otherwise.
 * *out is the caller's (record_free). */
int entity_load(struct store *st, const struct entity_def *def, const char *id, struct record **out,
		struct kerr *err);
/* Validates and saves rec over the stored row as one transaction. Refuses with K_CONFLICT
 * when the row changed since rec was loaded (its updated_at differs). */
int entity_update(struct store *st, struct record *rec, struct kerr *err);
/* A saved change, kept so that it can be taken back: which record, what each field it
 * changed held before (NULL for a field it left alone; no other values are kept), and the
 * record's updated_at once saved. def is NULL when it holds nothing. */
struct entity_change {
	const struct entity_def *def;
	char id[ID_LEN];
	char *saved_at;
	char **was; /* def->nfields */
};
/* Fills c (emptied first) with what made after of before: the same record loaded before a
 * change and as entity_update left it. c stays empty when no field changed. */
void entity_change_set(struct entity_change *c, const struct record *before,
		       const struct record *after);
/* Empties c (one already empty is fine). */
void entity_change_free(struct entity_change *c);
/* Puts back what c changed, automatic fields included, as one transaction checked as an
 * update is (the entity's check decides whether the way back is allowed: a referral's
 * status put back needs a coordinator, or the worker who set it), audited as a
 * correction. K_CONFLICT when the record was changed again since. */
int entity_revert(struct store *st, const struct entity_change *c, struct kerr *err);
/* Tombstones a live record. */
int entity_delete(struct store *st, const struct entity_def *def, const char *id, struct kerr *err);
/* Finds the live record text names: a whole id, the start of one (4 or more characters), or
 * its display name (case ignored). K_AMBIGUOUS when several match. */
int entity_resolve(struct store *st, const struct entity_def *def, const char *text,
		   char out[ID_LEN], struct kerr *err);
/* Through a bulk write that adds no records of the kinds in kinds (1 << ENTITY_PERSON, ...),
 * entity_resolve remembers what each text named, so that an import naming the same person on
 * a thousand lines looks them up once; entity_memo_end forgets (call it before the
 * transaction ends, and before another reader logs in). */
void entity_memo_begin(struct store *st, unsigned kinds);
void entity_memo_end(struct store *st);
/* A bulk write that knows every live person itself (import_review) answers the memo's
 * lookups of their whole ids: live(ctx, id) says whether id is a live person's (a person has
 * no scope), and the memo then never reads them; any other text is looked up as before. */
void entity_memo_people(struct store *st, bool (*live)(void *ctx, const char *id), void *ctx);
/* The distinct non-empty values of field among live records, sorted (case ignored), for a
 * filter: NULL-terminated, freed with entity_values_free. */
int entity_distinct(struct store *st, const struct entity_def *def, int field, char ***out,
		    struct kerr *err);
void entity_values_free(char **values);
/* The values def->filters[filter] offers (those of the records the reader may see), as
 * entity_distinct gives them. */
int entity_filter_values(struct store *st, const struct entity_def *def, int filter, char ***out,
			 struct kerr *err);
/* How many live records there are. */
int entity_count(struct store *st, const struct entity_def *def, long long *out, struct kerr *err);

/* ---- who may (entity_guard.c) ---- */

/* The role check for reading or writing records of def (K_REFUSED with why). */
int entity_may_read(struct store *st, const struct entity_def *def, struct kerr *err);
int entity_may_write(struct store *st, const struct entity_def *def, struct kerr *err);
/* Refuses a record that is, or is about, a restricted person the worker may not see, naming
 * whom to ask. */
int entity_may_touch(struct store *st, const struct record *rec, struct kerr *err);
int entity_may_touch_person(struct store *st, const char *person_id, struct kerr *err);
/* The person text names, refusing one the reader may not see as if there were no one (a
 * refusal that named whom to ask would tell them a restricted record is there). */
int entity_resolve_person(struct store *st, const char *text, char id[ID_LEN], struct kerr *err);
/* Whether the reader sees every restricted person (coordinators, admins, and anyone before
 * the first account exists). */
bool entity_sees_all(struct store *st);
/* Blanks a restricted person the worker may not see, leaving the id and that it is
 * restricted; entity_masked says whether rec was. */
void entity_mask(struct store *st, struct record *rec);
bool entity_masked(const struct record *rec);
/* Loads a record for its detail and audits the view when it concerns a person. */
int entity_view(struct store *st, const struct entity_def *def, const char *id, struct record **out,
		struct kerr *err);

#endif
