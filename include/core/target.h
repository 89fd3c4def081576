/* Targets for the programme's outputs (Croydon's outputs per part-time worker): one per
 * measure for each worker or for the programme, each over a month, a quarter or a year.
 * What is not recorded has a default; a report scales a target to its own period. */
#ifndef KITH_TARGET_H
#define KITH_TARGET_H

#include <stdbool.h>

#include "entity.h"

struct store;

enum target_field { TARGET_MEASURE, TARGET_WORKER, TARGET_AMOUNT, TARGET_PERIOD, TARGET_NFIELDS };

extern const struct entity_def target_entity;

/* The outputs a target can be set for, in the order reports show them. */
enum target_measure {
	MEASURE_CONVERSATIONS,
	MEASURE_ASSET_CONTACTS,
	MEASURE_NEW_ACTIVITIES,
	MEASURE_REFERRALS,
	MEASURE_MEETINGS,
	MEASURE_COUNT
};

struct target_measure_def {
	const char *name;   /* stored: "conversations" */
	const char *key;    /* the report's key: "outputs.conversations" */
	const char *label;  /* "New learning conversations" */
	const char *column; /* short, for a table's header: "Conversations" */
	long amount;        /* the default for a part-time worker (Croydon) */
	const char *period; /* the default's period: "month", "quarter" or "year" */
};
extern const struct target_measure_def TARGET_MEASURES[MEASURE_COUNT];
/* MEASURE_COUNT when name is none of them. */
enum target_measure target_measure_find(const char *name);

/* A target as it applies: recorded or the default, as a rate a year so that targets of
 * different periods add up. */
struct target_rate {
	long amount;     /* as recorded (or the default), over period */
	char period[8];  /* "month", "quarter", "year" */
	double per_year; /* amount scaled to a year */
	bool recorded;   /* false: the default (a worker's) or the sum of the workers' */
	int workers;     /* the programme's default: how many workers' targets it sums */
};

/* The target of worker_id (NULL: the programme) for measure. A worker's default is Croydon's
 * for a part-time worker; the programme's, when none is recorded, is the sum of the targets
 * of its workers (live, enabled accounts in the worker role, and anyone with a target of
 * their own). */
int target_rate(struct store *st, const char *worker_id, enum target_measure m,
		struct target_rate *out, struct kerr *err);
/* How many months from..to covers (inclusive ISO dates): whole months count 1 each, a part
 * month its share of days. */
double target_months(const char *from, const char *to);
/* The target over from..to: the rate scaled by target_months, rounded to a whole number. */
double target_over(const struct target_rate *t, const char *from, const char *to);
/* "70 a month", "600 a year" into out. */
void target_words(const struct target_rate *t, char *out, size_t n);

/* Records (or changes) the target of worker (a username, a name or an id; NULL or "" for
 * the programme) for measure, as one transaction: a coordinator's. */
int target_set(struct store *st, const char *measure, const char *worker, const char *amount,
	       const char *period, struct kerr *err);

#endif
