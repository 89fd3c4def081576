/* The readiness self-assessment for a community asset based approach (the NDTi / Partners in
 * Care and Health briefing): 18 questions in six themes, each rated 1 (not yet) to 4
 * (established) with the local evidence for the rating, at sittings repeated over time. */
#ifndef KITH_READINESS_H
#define KITH_READINESS_H

#include "date.h"
#include "entity.h"
#include "id.h"

struct store;

enum readiness_field {
	READINESS_DATE,
	READINESS_TITLE,
	READINESS_NOTES,
	READINESS_WORKER,
	READINESS_NFIELDS
};

extern const struct entity_def readiness_entity;

#define READINESS_QUESTIONS 18
#define READINESS_THEMES 6
#define READINESS_LEVELS 4

struct readiness_question {
	int theme;         /* index into readiness_themes */
	const char *label; /* a few of the briefing's own words: "Value of involving community" */
	const char *text;  /* the question as the briefing asks it */
};
extern const char *const readiness_themes[READINESS_THEMES]; /* "Co-production", ... */
extern const struct readiness_question readiness_questions[READINESS_QUESTIONS]; /* 1..18 at 0.. */
/* The ratings' names, 1 to 4 at 0 to 3: "not yet", "emerging", "developing", "established". */
extern const char *const readiness_levels[READINESS_LEVELS];

/* Rates question (1..18) of the assessment text names (an id, its start, or its title):
 * rating 1..4, or 0 to leave the rating unset (evidence only); evidence NULL keeps what
 * was given. One transaction; coordinators only. */
int readiness_rate(struct store *st, const char *assessment, int question, int rating,
		   const char *evidence, struct kerr *err);
/* "3", "developing", "dev" -> 3; refuses anything else, naming the field "rating". */
int readiness_rating_parse(const char *text, int *out, struct kerr *err);

/* One sitting's answers: rating[q] (0 when unrated) and evidence[q] ("" when none) for
 * question q + 1. */
struct readiness_answers {
	char id[ID_LEN];
	char date[DATE_LEN];
	char *title;
	int rating[READINESS_QUESTIONS];
	char *evidence[READINESS_QUESTIONS];
};
int readiness_answers_load(struct store *st, const char *id, struct readiness_answers *out,
			   struct kerr *err);
void readiness_answers_free(struct readiness_answers *a);
/* The mean rating of a theme's rated questions; false when none is rated. */
bool readiness_theme_mean(const struct readiness_answers *a, int theme, double *out);
/* Every sitting, oldest first, to `to` ("" for all): ids and dates. *out is the caller's
 * (free it). */
struct readiness_sitting {
	char id[ID_LEN];
	char date[DATE_LEN];
};
int readiness_sittings(struct store *st, const char *to, struct readiness_sitting **out, int *n,
		       struct kerr *err);

#endif
