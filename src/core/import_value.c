/* Spreadsheet values that are not in a form's words but say one thing only: "Yes", "Y" or
 * "TRUE" in a consent column, a year alone or a whole date in a date-of-birth or year-of-
 * birth column (kith keeps the year). Anything else goes on to the field's own check. */
#include "import_value.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "valid.h"

/* Choice fields that a yes or no answers, and the choice each means. */
static const struct {
	const char *field, *yes, *no;
} answers[] = {
	/* "No" in a consent column is an answer that was given: they said no */
	{"consent_status", "given", "refused"},
};

/* The choice a yes or no in field means; NULL when field takes none or text is neither. */
static const char *answer(const char *field, const char *text)
{
	int yes;
	for (size_t a = 0; a < sizeof answers / sizeof *answers; a++)
		if (strcmp(field, answers[a].field) == 0 &&
		    valid_bool(text, &yes, field, NULL) == K_OK)
			return yes ? answers[a].yes : answers[a].no;
	return NULL;
}

/* A whole date's year into buf: true. A year alone, or (unless must) what is neither, is
 * left as it is: false. Sets *bad (and err) when must and it is neither. */
static bool birth(const char *text, bool must, char *buf, size_t n, struct kerr *err, bool *bad)
{
	char iso[DATE_LEN];
	if (strlen(text) == 4 && strspn(text, "0123456789") == 4)
		return false;
	if (date_parse(text, iso, "date of birth", must ? err : NULL) == K_OK) {
		snprintf(buf, n, "%.4s", iso);
		return true;
	}
	*bad = must;
	return false;
}

const char *import_value(const struct entity_def *def, struct import_column column,
			 const char *text, char *buf, size_t n, struct kerr *err)
{
	const struct field_def *f = &def->fields[column.field];
	char t[64]; /* the cell without the spaces around it, when it is short enough to matter */
	size_t lead = strspn(text, " \t"), len = strlen(text + lead);
	while (len && strchr(" \t", text[lead + len - 1]))
		len--;
	if (len >= sizeof t)
		return text;
	memcpy(t, text + lead, len); /* every cell of a file comes here: no printf */
	t[len] = '\0';
	bool bad = false;
	if (column.how == IMPORT_BIRTH_DATE || strcmp(f->name, "birth_year") == 0) {
		if (birth(t, column.how == IMPORT_BIRTH_DATE, buf, n, err, &bad))
			return buf;
		return bad ? NULL : text;
	}
	const char *choice = f->kind == FIELD_CHOICE ? answer(f->name, t) : NULL;
	return choice ? choice : text;
}
