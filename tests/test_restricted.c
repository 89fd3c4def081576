/* Restricted people cannot be found by those who may not see them. The extraction: as a
 * worker who did not record them, every prefix of every word of every field of a restricted
 * person and of every record about them is searched in every list, every value is tried as
 * a filter, every list is read in every order, names are resolved and values counted. None
 * of it may find them, and a twin database in which they have other words gives the worker
 * exactly the same answers, down to each row's place and each count. */
#include <ctype.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "account.h"
#include "activity.h"
#include "asset.h"
#include "check.h"
#include "conversation.h"
#include "database.h"
#include "entity.h"
#include "export.h"
#include "fixture.h"
#include "link_kinds.h"
#include "login.h"
#include "membership.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "referral.h"
#include "store.h"
#include "strbuf.h"
#include "tag.h"
#include "story.h"
#include "wellbeing.h"
#include "xalloc.h"

#define HIDDEN_MAX 8

/* One field of the restricted person's records, with its value in each twin. */
struct planted {
	enum entity_kind kind;
	const char *field;
	const char *value[2];
};

static const struct planted planted[] = {
	{ENTITY_PERSON, "given_name", {"Zephyrine", "Quillon"}},
	{ENTITY_PERSON, "family_name", {"Brackwater", "Ashcombe-Vey"}},
	{ENTITY_PERSON, "preferred_name", {"Zeph", "Quill"}},
	{ENTITY_PERSON, "pronouns", {"she/her", "they/them"}},
	{ENTITY_PERSON, "birth_year", {"1961", "1987"}},
	{ENTITY_PERSON, "email", {"zeph.brack@refugemail.org", "q.vey@otherpost.net"}},
	{ENTITY_PERSON, "phone", {"07700 900461", "07700 900982"}},
	{ENTITY_PERSON, "address", {"14 Larkspur Mews", "3 Tanner Row"}},
	{ENTITY_PERSON, "postcode", {"KV9 4ZT", "N1 9GU"}},
	{ENTITY_PERSON, "neighbourhood", {"Hollowfield", "Eastbrook"}},
	{ENTITY_PERSON, "languages", {"Tigrinya", "Basque"}},
	{ENTITY_PERSON, "what_matters", {"gardening with her grandson", "restoring clocks"}},
	{ENTITY_PERSON, "notes", {"fled in spring", "moved after a flood"}},
	{ENTITY_PERSON, "consent_status", {"given", "refused"}},
	{ENTITY_CONVERSATION, "hopes", {"a quiet allotment", "learn bookbinding"}},
	{ENTITY_CONVERSATION, "concerns", {"being found", "money worries"}},
	{ENTITY_CONVERSATION, "gifts", {"pickling", "carpentry"}},
	{ENTITY_CONVERSATION, "notes", {"met at crossroads", "met at the lido"}},
	{ENTITY_CONVERSATION, "follow_up", {"call thursday", "text monday"}},
	{ENTITY_CONVERSATION, "date", {"2026-03-04", "2026-05-06"}},
	{ENTITY_REFERRAL, "reason", {"legal aid urgently", "choir practice"}},
	{ENTITY_REFERRAL, "notes", {"escorted by caseworker", "bus fare given"}},
	{ENTITY_REFERRAL, "date", {"2026-03-05", "2026-05-07"}},
	{ENTITY_REFERRAL, "kind", {"signpost", "introduction"}},
	{ENTITY_WELLBEING, "life_satisfaction", {"3", "7"}},
	{ENTITY_WELLBEING, "worthwhile", {"4", "8"}},
	{ENTITY_WELLBEING, "happiness", {"2", "9"}},
	{ENTITY_WELLBEING, "anxiety", {"6", "1"}},
	{ENTITY_WELLBEING, "date", {"2026-03-06", "2026-05-08"}},
	{ENTITY_WELLBEING, "loneliness", {"often_always", "hardly_ever"}},
	{ENTITY_STORY, "title", {"Zephyrine found her allotment", "Quillon mends clocks again"}},
	{ENTITY_STORY, "body", {"digging beside strangers", "the tick of the workshop"}},
	{ENTITY_STORY, "date", {"2026-03-09", "2026-05-11"}},
	{ENTITY_STORY, "consent_share", {"1", "0"}},
	{ENTITY_ASSET, "name", {"Zephyrine's marquetry lessons", "Quillon's falconry talks"}},
	{ENTITY_ASSET, "description", {"inlaid woodwork", "birds of prey"}},
	{ENTITY_ASSET, "postcode", {"KV9 4ZT", "N1 9GU"}},
	{ENTITY_ASSET, "neighbourhood", {"Hollowfield", "Eastbrook"}},
	{ENTITY_TAG, "name", {"marquetry", "falconry"}},
};
#define NPLANTED (sizeof planted / sizeof *planted)

struct world {
	struct store *st;
	char person[ID_LEN];
	char hidden[HIDDEN_MAX][ID_LEN]; /* the person and every record about them */
	int nhidden;
	char group[ID_LEN], activity[ID_LEN];
	struct strbuf said; /* every answer the worker got, in order */
};

static long long queries;

static const char *planted_value(enum entity_kind kind, const char *field, int twin)
{
	for (size_t i = 0; i < NPLANTED; i++)
		if (planted[i].kind == kind && strcmp(planted[i].field, field) == 0)
			return planted[i].value[twin];
	return NULL;
}

/* Creates a record of kind from field=value pairs (NULL-ended); returns its id or "". */
static void create(struct world *w, enum entity_kind kind, char out[ID_LEN], ...)
{
	struct kerr err;
	struct record *rec = record_new(entity_get(kind));
	va_list ap;
	va_start(ap, out);
	for (const char *f; (f = va_arg(ap, const char *));)
		CHECK(record_set_named(rec, f, va_arg(ap, const char *)) >= 0);
	va_end(ap);
	if (!CHECK_INT(entity_create(w->st, rec, &err), K_OK))
		fprintf(stderr, "  %s: %s\n", entity_get(kind)->name, err.msg);
	snprintf(out, ID_LEN, "%s", rec->id);
	record_free(rec);
	usleep(1500); /* each record its own millisecond: the twins list them in the same order */
}

/* Sets every planted field of kind on rec, for the twin. */
static void plant(struct record *rec, enum entity_kind kind, int twin)
{
	for (size_t i = 0; i < NPLANTED; i++)
		if (planted[i].kind == kind)
			CHECK(record_set_named(rec, planted[i].field, planted[i].value[twin]) >= 0);
}

/* A record about the restricted person: the twin's planted words and the pairs given. */
static void create_planted(struct world *w, enum entity_kind kind, int twin, ...)
{
	struct kerr err;
	struct record *rec = record_new(entity_get(kind));
	plant(rec, kind, twin);
	va_list ap;
	va_start(ap, twin);
	for (const char *f; (f = va_arg(ap, const char *));)
		CHECK(record_set_named(rec, f, va_arg(ap, const char *)) >= 0);
	va_end(ap);
	if (!CHECK_INT(entity_create(w->st, rec, &err), K_OK))
		fprintf(stderr, "  %s: %s\n", entity_get(kind)->name, err.msg);
	snprintf(w->hidden[w->nhidden++], ID_LEN, "%s", rec->id);
	record_free(rec);
	usleep(1500);
}

/* Everyone else: people whose family names fall either side of the twins', places, a group,
 * an activity, and records about a visible person. */
static void others(struct world *w, char hall[ID_LEN], char amina[ID_LEN])
{
	char id[ID_LEN];
	const char *families[] = {"Abbott", "Bell", "Chowdhury", "Zane"};
	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		create(w, ENTITY_PERSON, id, "given_name", "Sam", "family_name", families[i],
		       "neighbourhood", "Northgate", NULL);
	create(w, ENTITY_PERSON, amina, "given_name", "Amina", "family_name", "Yusuf", "postcode",
	       "E1 6AN", "what_matters", "growing vegetables", NULL);
	create(w, ENTITY_ASSET, hall, "name", "Town Hall", "category", "institution", NULL);
	create(w, ENTITY_ASSET, w->group, "name", "Riverside Knitters", "category", "association",
	       NULL);
	create(w, ENTITY_ACTIVITY, w->activity, "name", "Spring walkabout", "date", "2026-04-01",
	       NULL);
	create(w, ENTITY_REFERRAL, id, "person_id", amina, "from_asset_id", hall, "to_asset_id",
	       w->group, "reason", "knitting", NULL);
	create(w, ENTITY_CONVERSATION, id, "person_id", amina, "hopes", "a garden", NULL);
	create(w, ENTITY_WELLBEING, id, "person_id", amina, "life_satisfaction", "5", NULL);
	struct kerr err;
	CHECK_INT(tag_attach(w->st, ENTITY_PERSON, amina, "skill", "cooking", &err), K_OK);
	CHECK_INT(membership_join(w->st, w->group, amina, NULL, NULL, &err), K_OK);
	CHECK_INT(activity_attend(w->st, w->activity, amina, NULL, &err), K_OK);
}

/* A world whose restricted person, recorded by wes, has the twin's words. */
static void build(struct world *w, int twin)
{
	struct kerr err;
	memset(w, 0, sizeof *w);
	w->st = fixture_open(":memory:");
	fixture_team(w->st);
	fixture_as(w->st, "wes");
	char hall[ID_LEN], amina[ID_LEN];
	others(w, hall, amina);
	struct record *rec = record_new(&person_entity);
	plant(rec, ENTITY_PERSON, twin);
	record_set(rec, PERSON_RESTRICTED, "1");
	CHECK_INT(entity_create(w->st, rec, &err), K_OK);
	snprintf(w->person, ID_LEN, "%s", rec->id);
	snprintf(w->hidden[w->nhidden++], ID_LEN, "%s", rec->id);
	record_free(rec);
	create_planted(w, ENTITY_CONVERSATION, twin, "person_id", w->person, NULL);
	create_planted(w, ENTITY_REFERRAL, twin, "person_id", w->person, "from_asset_id", hall,
		       "to_asset_id", w->group, NULL);
	create_planted(w, ENTITY_WELLBEING, twin, "person_id", w->person, NULL);
	create_planted(w, ENTITY_STORY, twin, "person_id", w->person, NULL);
	create_planted(w, ENTITY_ASSET, twin, "person_id", w->person, "category", "individual",
		       NULL);
	/* a visible person was sent to the gift they offer: the referral is Amina's to see,
	 * the place it went to is theirs to hide */
	char sent[ID_LEN];
	create(w, ENTITY_REFERRAL, sent, "person_id", amina, "from_asset_id", hall, "to_asset_id",
	       w->hidden[w->nhidden - 1], "reason", "to learn", "date", "2026-10-01", NULL);
	const char *gift = planted_value(ENTITY_TAG, "name", twin);
	CHECK_INT(tag_attach(w->st, ENTITY_PERSON, w->person, "gift_hands", gift, &err), K_OK);
	CHECK_INT(membership_join(w->st, w->group, w->person, "volunteer", NULL, &err), K_OK);
	CHECK_INT(activity_attend(w->st, w->activity, w->person, NULL, &err), K_OK);
	w->said = (struct strbuf)STRBUF_INIT;
}

static void world_free(struct world *w)
{
	store_close(w->st);
	strbuf_free(&w->said);
}

/* ---- what the worker is told ---- */

static bool is_hidden(const struct world *w, const char *id)
{
	for (int i = 0; i < w->nhidden; i++)
		if (strcmp(w->hidden[i], id) == 0)
			return true;
	return false;
}

/* A row as the worker sees it, without ids (the twins' ids differ); and a check that it is
 * not, and does not name, anything hidden. */
static void say_row(struct world *w, const struct record *rec)
{
	bool leak = is_hidden(w, rec->id);
	strbuf_printf(&w->said, "  %s", record_display(rec));
	for (int i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		if (f->kind == FIELD_REF) { /* a visible record may point at a hidden one, masked */
			leak |= is_hidden(w, record_get(rec, i)) &&
				strcmp(record_label(rec, i), "Restricted record") != 0;
			strbuf_printf(&w->said, "|%s", record_label(rec, i));
		} else if (!(f->flags & FIELD_AUTO)) {
			strbuf_printf(&w->said, "|%s", record_get(rec, i));
		}
	}
	strbuf_putc(&w->said, '\n');
	if (!CHECK(!leak))
		fprintf(stderr, "  found %s %s\n", rec->def->name, record_display(rec));
}

/* One query: the first page and the count, as the worker. */
static void ask(struct world *w, const struct page_query *q, const char *what)
{
	struct kerr err;
	struct page pg;
	long long n = -1;
	queries++;
	int status = page_load(w->st, q, &pg, &err);
	strbuf_printf(&w->said, "%s %s: %d", q->def->plural, what, status);
	if (status == K_OK)
		page_count(w->st, q, 1000, &n, &err);
	strbuf_printf(&w->said, " rows %d count %lld\n", pg.n, n);
	for (int i = 0; i < pg.n; i++)
		say_row(w, pg.row[i]);
	page_free(&pg);
}

/* Every kind a worker lists and searches: all but the accounts and the audit trail, which a
 * worker may not read at all. A new kind of record is searched here without being named. */
static enum entity_kind searched[ENTITY_COUNT];
static size_t nsearched;

static void choose_searched(void)
{
	for (int k = 0; k < ENTITY_COUNT; k++)
		if (k != ENTITY_WORKER && k != ENTITY_AUDIT)
			searched[nsearched++] = (enum entity_kind)k;
}

static void search_prefixes(struct world *w, const char *text)
{
	for (const char *p = text; *p;) {
		while (*p && !isalnum((unsigned char)*p))
			p++;
		const char *start = p;
		while (*p && isalnum((unsigned char)*p))
			p++;
		for (const char *end = start + 1; end <= p && p > start; end++) {
			char prefix[64];
			snprintf(prefix, sizeof prefix, "%.*s", (int)(end - start), start);
			for (size_t k = 0; k < nsearched; k++) {
				struct page_query q;
				page_query_init(&q, entity_get(searched[k]));
				q.search = prefix;
				ask(w, &q, prefix);
			}
		}
	}
}

/* A filter with a value (a gift): the values it offers, and each planted gift and a visible
 * one as its value. */
static void valued_filter(struct world *w, const struct entity_def *def, int f)
{
	struct kerr err;
	char **values = NULL;
	queries++;
	CHECK_INT(entity_filter_values(w->st, def, f, &values, &err), K_OK);
	for (char **v = values; v && *v; v++)
		strbuf_printf(&w->said, "%s %s offers %s\n", def->name, def->filters[f].name, *v);
	entity_values_free(values);
	const char *gifts[] = {planted_value(ENTITY_TAG, "name", 0),
			       planted_value(ENTITY_TAG, "name", 1), "cooking"};
	for (size_t i = 0; i < sizeof gifts / sizeof *gifts; i++) {
		struct page_query q;
		char name[80];
		snprintf(name, sizeof name, "%s=%s", def->filters[f].name, gifts[i]);
		page_query_init(&q, def);
		CHECK_INT(page_query_named(&q, name, &err), K_OK);
		ask(w, &q, name);
	}
}

/* Every field of every searched entity filtered by each planted value of that field. */
static void filter_values(struct world *w)
{
	struct kerr err;
	for (size_t k = 0; k < nsearched; k++) {
		const struct entity_def *def = entity_get(searched[k]);
		for (size_t i = 0; i < NPLANTED; i++) {
			if (entity_field(def, planted[i].field) < 0)
				continue;
			for (int twin = 0; twin < 2; twin++) {
				struct page_query q;
				page_query_init(&q, def);
				char *norm = NULL;
				int f = entity_field(def, planted[i].field);
				if (entity_normalize(w->st, def, f, planted[i].value[twin], &norm,
						     &err) != K_OK)
					continue;
				CHECK_INT(page_query_where(&q, planted[i].field, norm, &err), K_OK);
				ask(w, &q, planted[i].field);
				free(norm);
			}
		}
		for (int f = 0; f < def->nfilters; f++) {
			if (def->filters[f].values) {
				valued_filter(w, def, f);
				continue;
			}
			struct page_query q;
			page_query_init(&q, def);
			CHECK_INT(page_query_named(&q, def->filters[f].name, &err), K_OK);
			ask(w, &q, def->filters[f].name);
		}
	}
}

static bool say_each(void *ctx, const struct record *row)
{
	say_row(ctx, row);
	return true;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines said since from, in sorted order: rows that tie on a sort's keys come in the
 * order of their random ids, which the twins do not share (that a hidden row has no place
 * at all is what say_row checks). */
static void sort_lines(struct strbuf *sb, size_t from)
{
	char *tail = xstrdup(strbuf_str(sb) + from), **line = NULL, *save = NULL;
	size_t n = 0, cap = 0;
	for (char *l = strtok_r(tail, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		line = xgrow(line, n, &cap, sizeof *line);
		line[n++] = l;
	}
	if (n > 1) /* none: a list with nothing the worker may see (qsort's NULL is undefined) */
		qsort(line, n, sizeof *line, by_text);
	sb->len = from;
	sb->buf[from] = '\0';
	for (size_t i = 0; i < n; i++)
		strbuf_printf(sb, "%s\n", line[i]);
	free(line);
	free(tail);
}

/* Every list read whole in every order: a hidden row has no place in any. */
static void every_order(struct world *w)
{
	struct kerr err;
	for (size_t k = 0; k < nsearched; k++) {
		const struct entity_def *def = entity_get(searched[k]);
		for (int s = 0; s < def->nsorts; s++) {
			struct page_query q;
			page_query_init(&q, def);
			q.sort = s;
			q.limit = 2; /* pages turn between the twins' places */
			queries++;
			strbuf_printf(&w->said, "%s %s:\n", def->plural, def->sorts[s].name);
			size_t from = w->said.len;
			CHECK_INT(page_each(w->st, &q, say_each, w, &err), K_OK);
			sort_lines(&w->said, from);
		}
		long long n = -1;
		CHECK_INT(entity_count(w->st, def, &n, &err), K_OK);
		strbuf_printf(&w->said, "%s count %lld\n", def->plural, n);
	}
}

/* The join rows as an export reads them (exporting is a coordinator's: this is its query as
 * the worker would run it): none about the restricted person, and as many in either twin. */
static void exported_joins(struct world *w)
{
	struct kerr err;
	for (int k = 0; k < LINK_KINDS; k++) {
		struct strbuf out = STRBUF_INIT;
		long rows = 0;
		CHECK_INT(link_kinds_export(w->st, &link_kinds[k], true, &out, &rows, &err), K_OK);
		for (int h = 0; h < w->nhidden; h++)
			CHECK(!strstr(strbuf_str(&out), w->hidden[h]));
		for (size_t i = 0; i < NPLANTED; i++)
			for (int t = 0; t < 2; t++)
				CHECK(!strstr(strbuf_str(&out), planted[i].value[t]) ||
				      strlen(planted[i].value[t]) < 5);
		strbuf_printf(&w->said, "exported %s: %ld\n", link_kinds[k].name, rows);
		strbuf_free(&out);
		/* and the export itself is refused to a worker */
		CHECK_INT(export_kind(w->st, EXPORT_MEMBERSHIPS + k, EXPORT_JSON, &out, &rows,
				      &err),
			  K_REFUSED);
		strbuf_free(&out);
		queries += 2;
	}
}

/* Names resolved (whole values and the display name), distinct values of each text field,
 * and the lists of a group, an activity and the tags. */
static void names_and_values(struct world *w, int twin)
{
	struct kerr err;
	for (size_t k = 0; k < nsearched; k++) {
		const struct entity_def *def = entity_get(searched[k]);
		for (size_t i = 0; i < NPLANTED; i++) {
			char id[ID_LEN] = "";
			int status = entity_resolve(w->st, def, planted[i].value[twin], id, &err);
			queries++;
			/* a birth year is also the start of an id: a record the worker may see whose
			 * random id happens to start so is found in one twin and not the other */
			if (status == K_OK && !is_hidden(w, id) &&
			    strncmp(id, planted[i].value[twin], strlen(planted[i].value[twin])) ==
				    0)
				status = K_NOT_FOUND;
			strbuf_printf(&w->said, "resolve %s %s: %d\n", def->name, planted[i].field,
				      status);
			CHECK(status != K_OK || !is_hidden(w, id));
		}
		for (int f = 0; f < def->nfields; f++) {
			char **values = NULL;
			if (def->fields[f].kind != FIELD_TEXT)
				continue;
			queries++;
			CHECK_INT(entity_distinct(w->st, def, f, &values, &err), K_OK);
			for (char **v = values; v && *v; v++)
				strbuf_printf(&w->said, "%s %s value %s\n", def->name,
					      def->fields[f].name, *v);
			entity_values_free(values);
		}
	}
	/* nor by the start of an id: every prefix of every hidden record's, in every list */
	for (int h = 0; h < w->nhidden; h++)
		for (size_t len = 4; len <= 12; len++) {
			char prefix[16], found[ID_LEN] = "";
			snprintf(prefix, sizeof prefix, "%.*s", (int)len, w->hidden[h]);
			for (size_t k = 0; k < nsearched; k++) {
				queries++;
				entity_resolve(w->st, entity_get(searched[k]), prefix, found, &err);
				CHECK(!is_hidden(w, found));
			}
		}
	char id[ID_LEN];
	strbuf_printf(&w->said, "resolve the whole name: %d\n",
		      entity_resolve(w->st, &person_entity,
				     twin ? "Quillon Ashcombe-Vey" : "Zephyrine Brackwater", id,
				     &err));
	struct member_list members;
	CHECK_INT(membership_members(w->st, w->group, 50, &members, &err), K_OK);
	strbuf_printf(&w->said, "members %d of %lld\n", members.n, members.total);
	for (int i = 0; i < members.n; i++)
		CHECK(!is_hidden(w, members.item[i].person_id));
	membership_list_free(&members);
	long long came = -1;
	CHECK_INT(activity_attendance(w->st, w->activity, &came, &err), K_OK);
	strbuf_printf(&w->said, "came %lld\n", came);
	struct attendee_list at;
	CHECK_INT(activity_attendees(w->st, w->activity, 50, &at, &err), K_OK);
	strbuf_printf(&w->said, "attendees %d of %lld\n", at.n, at.total);
	for (int i = 0; i < at.n; i++)
		CHECK(!is_hidden(w, at.item[i].person_id));
	activity_attendees_free(&at);
	struct tag_list tags;
	CHECK_INT(tag_list_all(w->st, &tags, &err), K_OK);
	for (int i = 0; i < tags.n; i++)
		strbuf_printf(&w->said, "tag %s %d\n", tags.item[i].name, tags.item[i].uses);
	tag_list_free(&tags);
	queries += 3;
	exported_joins(w);
}

static void extract(struct world *w, int twin)
{
	for (size_t i = 0; i < NPLANTED; i++)
		for (int t = 0; t < 2; t++) /* their words, and the other twin's */
			search_prefixes(w, planted[i].value[t]);
	filter_values(w);
	every_order(w);
	names_and_values(w, twin);
}

/* Where the twins' answers first differ, for the failure message. */
static void first_difference(const char *a, const char *b)
{
	int line = 1;
	const char *start_a = a, *start_b = b;
	while (*a && *a == *b) {
		if (*a == '\n') {
			line++;
			start_a = a + 1;
			start_b = b + 1;
		}
		a++, b++;
	}
	fprintf(stderr, "  line %d:\n    %.*s\n    %.*s\n", line, (int)strcspn(start_a, "\n"),
		start_a, (int)strcspn(start_b, "\n"), start_b);
}

/* A kind of record about a person must have its words planted above, or nothing here would
 * notice them leaking. */
static void every_kind_about_a_person_is_planted(void)
{
	for (int k = 0; k < ENTITY_COUNT; k++) {
		const struct entity_def *def = entity_get((enum entity_kind)k);
		int f = entity_field(def, "person_id");
		if (!def->subject_heading || k == ENTITY_AUDIT || f < 0)
			continue;
		size_t i = 0;
		while (i < NPLANTED && planted[i].kind != (enum entity_kind)k)
			i++;
		if (i == NPLANTED)
			fprintf(stderr, "  nothing of %s is planted\n", def->name);
		CHECK(i < NPLANTED);
	}
}

static void a_worker_extracts_nothing_of_a_restricted_person(void)
{
	struct world w[2];
	queries = 0;
	for (int twin = 0; twin < 2; twin++) {
		build(&w[twin], twin);
		fixture_as(w[twin].st, "wren");
		extract(&w[twin], twin);
	}
	const char *a = strbuf_str(&w[0].said), *b = strbuf_str(&w[1].said);
	if (!CHECK(strcmp(a, b) == 0))
		first_difference(a, b);
	else if (!check_failures())
		fprintf(stderr,
			"extraction: %lld queries as a worker, in each twin, found nothing "
			"of them\n",
			queries / 2);
	/* the same searches do find them for whoever may see them: the test can tell */
	fixture_as(w[0].st, "cora");
	struct page_query q;
	struct page pg;
	struct kerr err;
	page_query_init(&q, &person_entity);
	q.search = "zeph";
	CHECK_INT(page_load(w[0].st, &q, &pg, &err), K_OK);
	CHECK_INT(pg.n, 1);
	page_free(&pg);
	const char *theirs[] = {"marquetry", "grandson"}; /* a gift, what matters */
	for (size_t i = 0; i < sizeof theirs / sizeof *theirs; i++) {
		q.search = theirs[i];
		CHECK_INT(page_load(w[0].st, &q, &pg, &err), K_OK);
		CHECK_INT(pg.n, 1);
		page_free(&pg);
	}
	page_query_init(&q, &person_entity);
	CHECK_INT(page_query_named(&q, "gift=Marquetry", &err), K_OK);
	CHECK_INT(page_load(w[0].st, &q, &pg, &err), K_OK);
	CHECK_INT(pg.n, 1);
	page_free(&pg);
	fixture_as(w[0].st, "wes"); /* who recorded them */
	page_query_init(&q, &referral_entity);
	q.search = "zeph";
	CHECK_INT(page_load(w[0].st, &q, &pg, &err), K_OK);
	CHECK_INT(pg.n, 1);
	page_free(&pg);
	for (int twin = 0; twin < 2; twin++)
		world_free(&w[twin]);
}

/* Logged out, every one of those paths is refused outright. */
static void logged_out_nothing_is_read(void)
{
	struct world w;
	struct kerr err;
	build(&w, 0);
	fixture_as(w.st, NULL);
	for (size_t k = 0; k < nsearched; k++) {
		struct page_query q;
		struct page pg;
		long long n = 0;
		char id[ID_LEN], **values = NULL;
		page_query_init(&q, entity_get(searched[k]));
		q.search = "z";
		CHECK_INT(page_load(w.st, &q, &pg, &err), K_REFUSED);
		CHECK_INT(pg.n, 0);
		page_free(&pg);
		CHECK_INT(page_count(w.st, &q, 1000, &n, &err), K_REFUSED);
		CHECK_INT(entity_count(w.st, q.def, &n, &err), K_REFUSED);
		CHECK_INT(entity_resolve(w.st, q.def, "Zephyrine", id, &err), K_REFUSED);
		CHECK_INT(entity_distinct(w.st, q.def, 0, &values, &err), K_REFUSED);
	}
	struct member_list members;
	CHECK_INT(membership_members(w.st, w.group, 50, &members, &err), K_REFUSED);
	long long came = 0;
	CHECK_INT(activity_attendance(w.st, w.activity, &came, &err), K_REFUSED);
	struct attendee_list at;
	CHECK_INT(activity_attendees(w.st, w.activity, 50, &at, &err), K_REFUSED);
	CHECK_INT(at.n, 0);
	CHECK_INT(activity_attended(w.st, w.person, 50, &at, &err), K_REFUSED);
	CHECK_INT(at.n, 0);
	struct tag_list tags;
	CHECK_INT(tag_list_all(w.st, &tags, &err), K_REFUSED);
	for (int k = EXPORT_PEOPLE; k <= EXPORT_ASSET_TAGS; k++) {
		struct strbuf out = STRBUF_INIT;
		long rows = 0;
		CHECK_INT(export_kind(w.st, (enum export_kind)k, EXPORT_CSV, &out, &rows, &err),
			  K_REFUSED);
		CHECK_INT(rows, 0);
		strbuf_free(&out);
	}
	world_free(&w);
}

int main(void)
{
	choose_searched();
	RUN(every_kind_about_a_person_is_planted);
	RUN(a_worker_extracts_nothing_of_a_restricted_person);
	RUN(logged_out_nothing_is_read);
	return check_summary("restricted");
}
