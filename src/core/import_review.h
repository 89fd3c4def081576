/* Private to import.c and import_review.c: people's review dates through an import of
 * contacts (conversations, referrals, wellbeing answers), worked out in memory and written
 * once a person. */
#ifndef KITH_IMPORT_REVIEW_H
#define KITH_IMPORT_REVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "kerr.h"
#include "store.h"

struct review_table {
	struct review_slot *slot;
	size_t cap, used; /* cap a power of two */
};

struct import_review {
	char *trigger;              /* the trigger set aside (its CREATE), or NULL */
	char months[24];            /* the retention period, as the trigger reads it */
	struct review_table people; /* review dates as they stand, by person */
	struct review_table dues;   /* a contact's due date, by its date */
	bool all;                   /* people holds every live person */
};

/* Sets aside the table's review trigger (named; NULL when another set it aside already). */
int import_review_begin(struct store *st, struct import_review *r, const char *trigger,
			struct kerr *err);
/* Ahead of a file of lines (a count, or an estimate): when they are many, every live person's
 * review date is read at once, and the import's memo asks the table read whether a person's
 * id is live (entity_memo_people): one scan serves both. */
int import_review_expect(struct store *st, struct import_review *r, long lines, struct kerr *err);
/* A contact with person on date: as the trigger would have moved their review date, and, for
 * a record coming back (back), as the import then puts it back. */
int import_review_contact(struct store *st, struct import_review *r, const char *person,
			  const char *date, bool back, struct kerr *err);
/* The review dates written and the trigger back (when status is K_OK); frees r. */
int import_review_end(struct store *st, struct import_review *r, int status, struct kerr *err);

#endif
