/* Outcomes from the wellbeing answers: for each ONS4 question the change between a person's
 * baseline and their follow-up, and the ONS bands they moved between; the ONS loneliness
 * answer before and after. A pair is a person's first baseline and their latest follow-up
 * dated after it and within the period; a question counts in a pair when both answered it. */
#ifndef KITH_OUTCOMES_H
#define KITH_OUTCOMES_H

#include <stdbool.h>

#include "date.h"
#include "id.h"
#include "kerr.h"

struct store;
struct report_query;

enum { OUTCOMES_QUESTIONS = 4, OUTCOMES_BANDS = 4, OUTCOMES_LONELINESS = 5 };

struct outcomes_question {
	const char *key;              /* "life_satisfaction": the column, and the report's key */
	const char *label;            /* "Life satisfaction" */
	bool lower_better;            /* anxiety */
	int band_min[OUTCOMES_BANDS]; /* the lowest score of each band */
	const char *band[OUTCOMES_BANDS]; /* "low", "medium", "high", "very high" */
};
extern const struct outcomes_question outcomes_questions[OUTCOMES_QUESTIONS];

/* The loneliness answers as the ONS words them, in wellbeing_loneliness's order. */
extern const char *const outcomes_lonely_label[OUTCOMES_LONELINESS];

/* The band (0 to 3) score is in for question q. */
int outcomes_band(int q, int score);

/* One person's pair: -1 where a question was not answered. */
struct outcomes_pair {
	char person[ID_LEN];
	char baseline[DATE_LEN], follow_up[DATE_LEN];
	int before[OUTCOMES_QUESTIONS], after[OUTCOMES_QUESTIONS];
	int lonely_before, lonely_after; /* index in wellbeing_loneliness, or -1 */
};

struct outcomes_cohort {
	long pairs;                      /* people with a pair */
	long n[OUTCOMES_QUESTIONS];      /* pairs that answered the question both times */
	long change[OUTCOMES_QUESTIONS]; /* the sum of after - before */
	long better[OUTCOMES_QUESTIONS]; /* moved to a better band */
	long worse[OUTCOMES_QUESTIONS];  /* moved to a worse band */
	long moved[OUTCOMES_QUESTIONS][OUTCOMES_BANDS][OUTCOMES_BANDS]; /* [from][to] */
	long lonely_n;                       /* pairs that answered loneliness both times */
	long lonely[2][OUTCOMES_LONELINESS]; /* [before/after][answer] */
	long less_lonely, more_lonely;       /* feel lonely less (more) often now */
};

/* The pairs of q's period (its worker: the follow-up recorded by them; its neighbourhood:
 * people living there) among the people the reader may see, summed. */
int outcomes_cohort(struct store *st, const struct report_query *q, struct outcomes_cohort *out,
		    struct kerr *err);
/* One person's pair, whatever its date; *found false when they have none. */
int outcomes_person(struct store *st, const char *person_id, struct outcomes_pair *out, bool *found,
		    struct kerr *err);

#endif
