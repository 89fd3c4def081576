/* The wellbeing entity: the ONS4 answers and the ONS loneliness question, at a baseline and at
 * follow-ups. Both are the Office for National Statistics' own measures, free to use. */
#include "wellbeing.h"

#include <stddef.h>

#include "record.h"
#include "store.h"

static const char *const stages[] = {"baseline", "follow_up", NULL};
/* "How often do you feel lonely?", oftenest first */
const char *const wellbeing_loneliness[] = {
	"often_always", "some_of_the_time", "occasionally", "hardly_ever", "never", NULL};

/* clang-format off */
#define SCORE(f, label, help) \
	{f, label, FIELD_INT, FIELD_LISTED | FIELD_PERSONAL, 10, 0, NULL, 0, NULL, 3, help}
/* clang-format on */
/* clang-format off */
static const struct field_def fields[WELLBEING_NFIELDS] = {
	[WELLBEING_PERSON] = {"person_id", "Person", FIELD_REF, FIELD_REQUIRED | FIELD_LISTED, 0, 0,
			      NULL, ENTITY_PERSON, NULL, 18, NULL},
	[WELLBEING_DATE] = {"date", "Date", FIELD_DATE, FIELD_REQUIRED | FIELD_LISTED, 0, 0, NULL, 0,
			    "today", 10, NULL},
	[WELLBEING_STAGE] = {"stage", "Stage", FIELD_CHOICE, FIELD_LISTED, 0, 0, stages, 0,
			     "baseline", 9, "baseline or follow-up"},
	[WELLBEING_LIFE_SATISFACTION] = SCORE("life_satisfaction", "Life satisfaction",
					      "Overall, how satisfied are you with your life "
					      "nowadays? 0-10"),
	[WELLBEING_WORTHWHILE] = SCORE("worthwhile", "Worthwhile",
				       "To what extent are the things you do in your life "
				       "worthwhile? 0-10"),
	[WELLBEING_HAPPINESS] = SCORE("happiness", "Happiness",
				      "Overall, how happy did you feel yesterday? 0-10"),
	[WELLBEING_ANXIETY] = SCORE("anxiety", "Anxiety",
				    "Overall, how anxious did you feel yesterday? 0-10"),
	[WELLBEING_LONELINESS] = {"loneliness", "Lonely", FIELD_CHOICE, FIELD_PERSONAL | FIELD_NULL, 0,
				  0,
				  wellbeing_loneliness, 0, NULL, 16,
				  "How often do you feel lonely? often/always, some of the time, "
				  "occasionally, hardly ever or never"},
	[WELLBEING_WORKER] = {"worker_id", "Recorded by", FIELD_REF, FIELD_AUTO, 0, 0, NULL,
			      ENTITY_WORKER, NULL, 14, NULL},
};
/* clang-format on */
#undef SCORE

/* a search finds them by the person's name */
static const struct through_def through[] = {{WELLBEING_PERSON, false}};

static const struct sort_def sorts[] = {
	{"date", "newest first", {"t.date", "t.id", NULL}, true},
	{"recent", "recently changed first", {"t.updated_at", "t.id", NULL}, true},
};

static int check(struct store *st, const struct record *old, struct record *rec, struct kerr *err)
{
	(void)err;
	if (!old)
		record_set(rec, WELLBEING_WORKER, store_actor(st));
	return K_OK;
}

const struct entity_def wellbeing_entity = {
	.kind = ENTITY_WELLBEING,
	.name = "wellbeing",
	.plural = "wellbeing answers",
	.table = "wellbeing",
	.fields = fields,
	.nfields = WELLBEING_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.display = "'wellbeing of ' || @.date",
	.through = through,
	.nthrough = 1,
	.through_order = "by person, newest first",
	.scope_field = -1,
	.check = check,
	.subject_heading = "Wellbeing",
	.erasure = ERASURE_DELETE,
};
