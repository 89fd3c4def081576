/* Matching a spreadsheet's headers to kith's fields: by the field's name or label, or by
 * the words spreadsheets use for it, with case, spaces and punctuation ignored. */
#include "import_map.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Other words for a field, by field name (the same for every entity that has the field). */
static const struct {
	const char *field;
	const char *words[8];
} synonyms[] = {
	{"given_name", {"firstname", "forename", "forenames", "first", "christianname"}},
	{"family_name", {"surname", "lastname", "last", "secondname"}},
	{"preferred_name", {"knownas", "nickname", "prefers"}},
	{"birth_year", {"yearofbirth", "yob", "born"}},
	{"email", {"emailaddress", "mail"}},
	{"phone",
	 {"telephone", "tel", "mobile", "phonenumber", "mobilenumber", "telephonenumber",
	  "contactnumber"}},
	{"address", {"addressline1", "street", "streetaddress", "address1"}},
	{"postcode", {"postalcode", "zip", "zipcode"}},
	{"neighbourhood", {"neighborhood", "area", "ward", "locality"}},
	{"languages", {"language", "languagesspoken"}},
	{"what_matters", {"whatmatterstome", "whatmatterstothem", "whatmatters"}},
	{"notes", {"comments", "comment", "note"}},
	{"consent_status", {"consent", "consentgiven"}},
	{"name", {"assetname", "organisation", "organization", "groupname", "venue"}},
	{"category", {"type", "kind"}},
	{"contact_name", {"contact", "contactperson"}},
	{"website", {"url", "web", "webaddress", "site"}},
	{"opening_times", {"openinghours", "hours", "times", "when"}},
	{"person_id", {"person", "personname", "client", "resident", "participant", "member"}},
	{"from_asset_id", {"from", "referredfrom", "source", "referrer", "fromasset"}},
	{"to_asset_id", {"to", "referredto", "destination", "toasset", "service"}},
	{"date", {"referraldate", "datereferred", "dateofreferral"}},
	{"follow_up_date", {"followup", "followupdate", "followupby"}},
	{"reason", {"reasonforreferral", "why"}},
};

/* Words for a date of birth: its year is what kith keeps. */
static const char *const birth_dates[] = {"dob", "dateofbirth", "birthdate", "birthday", NULL};
/* Words for a whole name, split into given and family names. */
static const char *const full_names[] = {"name", "fullname", "personname", "clientname", NULL};

/* "Post code" and "post_code" are "postcode". */
void import_normalise(const char *header, char *out, size_t n)
{
	size_t k = 0;
	for (const char *p = header; *p && k + 1 < n; p++)
		if (isalnum((unsigned char)*p))
			out[k++] = (char)tolower((unsigned char)*p);
		else if ((unsigned char)*p >= 0x80) /* letters outside ASCII stay as they are */
			out[k++] = *p;
	out[k] = '\0';
}

static bool listed(const char *word, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(word, *list) == 0)
			return true;
	return false;
}

/* What kith's own exports carry besides the fields: the record's id and stamps, and beside
 * each reference the name of what it points at ("from_asset_name" beside "from_asset_id"). */
static struct import_column exported(const struct entity_def *def, const char *want)
{
	static const char *const stamps[] = {"updatedat", "updatedby", "deletedat", NULL};
	if (strcmp(want, "id") == 0)
		return (struct import_column){-1, IMPORT_ID};
	if (strcmp(want, "createdat") == 0)
		return (struct import_column){-1, IMPORT_CREATED};
	if (listed(want, stamps))
		return (struct import_column){-1, IMPORT_STAMP};
	for (int i = 0; i < def->nfields; i++) {
		char have[128];
		if (def->fields[i].kind != FIELD_REF)
			continue;
		import_normalise(def->fields[i].name, have, sizeof have);
		size_t n = strlen(have);
		if (n > 2 && strcmp(have + n - 2, "id") == 0)
			have[n - 2] = '\0';
		if (strlen(have) + 4 < sizeof have)
			strcat(have, "name");
		if (strcmp(want, have) == 0)
			return (struct import_column){i, IMPORT_REF_NAME};
	}
	return (struct import_column){-1, IMPORT_FIELD};
}

struct import_column import_match(const struct entity_def *def, const char *header)
{
	struct import_column c = {-1, IMPORT_FIELD};
	char want[128], have[128];
	import_normalise(header, want, sizeof want);
	if (!*want)
		return c;
	c = exported(def, want);
	if (c.field >= 0 || c.how != IMPORT_FIELD)
		return c;
	if (def->kind == ENTITY_PERSON && listed(want, birth_dates))
		return (struct import_column){entity_field(def, "birth_year"), IMPORT_BIRTH_DATE};
	for (int i = 0; i < def->nfields; i++) {
		import_normalise(def->fields[i].name, have, sizeof have);
		if (strcmp(want, have) == 0)
			return (struct import_column){i, IMPORT_FIELD};
		import_normalise(def->fields[i].label, have, sizeof have);
		if (strcmp(want, have) == 0)
			return (struct import_column){i, IMPORT_FIELD};
	}
	for (size_t s = 0; s < sizeof synonyms / sizeof *synonyms; s++) {
		int f = entity_field(def, synonyms[s].field);
		if (f >= 0 && listed(want, synonyms[s].words))
			return (struct import_column){f, IMPORT_FIELD};
	}
	if (def->kind == ENTITY_PERSON && listed(want, full_names))
		return (struct import_column){entity_field(def, "given_name"), IMPORT_FULL_NAME};
	return c;
}

/* ---- join rows' headers (memberships, attendance, gifts, asset tags) ---- */

/* The words spreadsheets use for a membership's group, person, role and date joined. */
static const char *const member_words[4][6] = {
	{"group", "groupname", "asset", "assetname", "club", NULL},
	{"person", "name", "member", "personname", "fullname", NULL},
	{"role", NULL},
	{"since", "joined", "datejoined", "startdate", "from", NULL},
};

/* Whether want names slot s of a join row: 0 and 2 the two sides' ids, 1 and 3 their names
 * (an export's "asset_name", the entity's name, or a membership's spreadsheet word), 4 and 5
 * the further columns. */
static bool names_slot(const struct link_kind *k, int s, const char *want)
{
	char have[128], word[160];
	const char *col = s < 2 ? k->a : k->b;
	const struct entity_def *def = entity_get(s < 2 ? k->a_of : k->b_of);
	if (!def && s < 4) { /* a code, not a record: its one column, by its own name */
		import_normalise(s == 2 ? col : "", have, sizeof have);
		return *have && strcmp(want, have) == 0;
	}
	if (s >= 4) {
		const char *extra = k->extra[s - 4];
		import_normalise(extra ? extra : "", have, sizeof have);
	} else if (s % 2 == 0) {
		import_normalise(col, have, sizeof have);
		snprintf(word, sizeof word, "%sid", def->name);
		if (strcmp(want, word) == 0)
			return true;
	} else {
		snprintf(word, sizeof word, "%.*sname", (int)strlen(col) - 3, col);
		import_normalise(word, have, sizeof have);
		snprintf(word, sizeof word, "%sname", def->name);
		if (strcmp(want, def->name) == 0 || strcmp(want, word) == 0)
			return true;
	}
	if (*have && strcmp(want, have) == 0)
		return true;
	if (strcmp(k->name, "memberships") != 0 || s == 0 || s == 2)
		return false;
	int legacy = s == 1 ? 0 : s == 3 ? 1 : s - 2; /* the words of a membership's names */
	for (int w = 0; member_words[legacy][w]; w++)
		if (strcmp(want, member_words[legacy][w]) == 0)
			return true;
	return false;
}

void import_match_links(const struct link_kind *k, char *const *header, int ncol,
			struct import_column *col, int link_col[6])
{
	char want[128];
	for (int s = 0; s < 6; s++)
		link_col[s] = -1;
	for (int c = 0; c < ncol; c++) {
		import_normalise(header[c], want, sizeof want);
		col[c].field = -1;
		for (int s = 0; s < 6 && col[c].field < 0; s++)
			if (link_col[s] < 0 && names_slot(k, s, want))
				link_col[s] = c, col[c].field = s;
	}
}
