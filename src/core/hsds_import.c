/* Open Referral import: the package's tables read into memory (hsds_read.c; or flattened from
 * HSDS JSON, hsds_json.c), joined on their ids through hash indexes, and each service made (or
 * brought up to date as) one asset, in one transaction. A second import updates what the
 * directory owns, clears what it has since emptied, and keeps what kith owns: a category a
 * coordinator chose, neighbourhood, opening times, accessibility, capacity, confidentiality. */
#include "hsds.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "audit.h"
#include "auth.h"
#include "file.h"
#include "hsds_read.h"
#include "import_bulk.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "valid.h"
#include "xalloc.h"

struct reading {
	struct store *st;
	struct hsds_table *t; /* HSDS_T_N tables */
	struct import_result *out;
	struct strbuf notes;
	sqlite3_stmt *earlier;
};

/* A value with the file and line it came from, so that a note about it cites them. */
struct src {
	const char *value;
	const char *file;
	long line;
	bool known; /* the directory has the column: an empty value is one it emptied */
};

static struct src from(const struct hsds_table *t, long r, const char *column)
{
	return (struct src){hsds_cell(t, r, column), t->file, r >= 0 ? t->line[r] : 0,
			    hsds_has(t, column)};
}

static void note(struct reading *rd, struct src s)
{
	if (rd->notes.len > 400)
		return;
	char *v = xstrndup(s.value, 40);
	strbuf_printf(&rd->notes, "%s\"%s\" (%s line %ld) left out", rd->notes.len ? "; " : "", v,
		      s.file, s.line);
	free(v);
}

/* The asset category an attribute of the service names, when the term is one of ours; NULL
 * when it names none (a new asset is then an institution; an old one keeps its category). */
static const char *category(struct reading *rd, const char *service)
{
	struct hsds_table *a = &rd->t[HSDS_T_ATTR], *terms = &rd->t[HSDS_T_TERM];
	for (long r = hsds_find(a, "link_id", service, 0); r >= 0;
	     r = hsds_find(a, "link_id", service, r + 1)) {
		long term = hsds_find(terms, "id", hsds_cell(a, r, "taxonomy_term_id"), 0);
		const char *code = hsds_cell(terms, term, "code");
		for (int c = 0; asset_categories[c]; c++)
			if (strcmp(code, asset_categories[c]) == 0)
				return asset_categories[c];
	}
	return NULL;
}

/* HSDS's status as kith's, or NULL for one HSDS does not have. */
static const char *status_from(const char *hsds)
{
	static const char *const map[][2] = {{"active", "active"},
					     {"temporarily closed", "paused"},
					     {"inactive", "closed"},
					     {"defunct", "closed"}};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcmp(hsds, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

/* A field the directory owns: set to its value, cleared when the directory has emptied it
 * (on update), and left as it was, with a note, when kith cannot keep the value. */
static void owned(struct reading *rd, struct record *rec, int field, struct src s)
{
	struct kerr err;
	char *norm = NULL;
	if (!*s.value && s.known)
		record_set(rec, field, "");
	else if (!*s.value)
		return; /* a directory that leaves the column out says nothing of it */
	else if (entity_normalize(rd->st, &asset_entity, field, s.value, &norm, &err) == K_OK)
		record_put(rec, field, norm);
	else
		note(rd, s);
}

/* The service's own value, else its organisation's. */
static struct src either(struct reading *rd, long s, const char *col, long org, const char *ocol)
{
	struct src v = from(&rd->t[HSDS_T_SERVICE], s, col);
	return *v.value ? v : from(&rd->t[HSDS_T_ORG], org, ocol);
}

static void address(struct reading *rd, struct record *rec, const char *location)
{
	struct hsds_table *t = &rd->t[HSDS_T_ADDRESS];
	long a = hsds_find(t, "location_id", location, 0);
	if (!hsds_has(t, "address_1"))
		return;
	struct strbuf sb = STRBUF_INIT;
	const char *parts[] = {"address_1", "address_2", "city"};
	for (int i = 0; i < 3; i++)
		if (*hsds_cell(t, a, parts[i]))
			strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", hsds_cell(t, a, parts[i]));
	const char *postcode = hsds_cell(t, a, "postal_code");
	char *norm = NULL;
	struct kerr err;
	if (*postcode &&
	    entity_normalize(rd->st, &asset_entity, ASSET_POSTCODE, postcode, &norm, &err) == K_OK)
		record_put(rec, ASSET_POSTCODE, norm);
	else /* none, or not a UK postcode: then it stays part of the address */
		record_set(rec, ASSET_POSTCODE, "");
	if (*postcode && !norm)
		strbuf_printf(&sb, "%s%s", sb.len ? ", " : "", postcode);
	record_set(rec, ASSET_ADDRESS, strbuf_str(&sb));
	strbuf_free(&sb);
}

/* The service's phone: its own, else one of its contacts' (as the UK profile links them),
 * else one at its place, else its organisation's. */
static struct src phone(struct reading *rd, long s, const char *id, const char *sal)
{
	struct hsds_table *ph = &rd->t[HSDS_T_PHONE], *con = &rd->t[HSDS_T_CONTACT];
	long p = hsds_find(ph, "service_id", id, 0);
	for (long c = hsds_find(con, "service_id", id, 0); p < 0 && c >= 0;
	     c = hsds_find(con, "service_id", id, c + 1))
		p = hsds_find(ph, "contact_id", hsds_cell(con, c, "id"), 0);
	if (p < 0)
		p = hsds_find(ph, "service_at_location_id", sal, 0);
	if (p < 0)
		p = hsds_find(ph, "organization_id",
			      hsds_cell(&rd->t[HSDS_T_SERVICE], s, "organization_id"), 0);
	return from(ph, p, "number");
}

/* A field kith owns (a coordinator keeps it) that HSDS has a place for: a new asset takes the
 * directory's value, as a package kith exported comes back whole; a known one keeps its own
 * unless it has none. */
static void kiths(struct reading *rd, struct record *rec, int field, struct src s)
{
	if (!*record_get(rec, field))
		owned(rd, rec, field, s);
}

/* Opening times, neighbourhood, accessibility and last verified, which kith's own export
 * writes to schedules, service areas, accessibility and service.assured_date. */
static void kiths_all(struct reading *rd, long s, struct record *rec, const char *location)
{
	struct hsds_table *svc = &rd->t[HSDS_T_SERVICE];
	const char *id = hsds_cell(svc, s, "id");
	struct hsds_table *sch = &rd->t[HSDS_T_SCHEDULE], *area = &rd->t[HSDS_T_AREA],
			  *acc = &rd->t[HSDS_T_ACCESS];
	kiths(rd, rec, ASSET_LAST_VERIFIED, from(svc, s, "assured_date"));
	kiths(rd, rec, ASSET_OPENING_TIMES,
	      from(sch, hsds_find(sch, "service_id", id, 0), "description"));
	kiths(rd, rec, ASSET_NEIGHBOURHOOD,
	      from(area, hsds_find(area, "service_id", id, 0), "name"));
	kiths(rd, rec, ASSET_ACCESSIBILITY,
	      from(acc, hsds_find(acc, "location_id", location, 0), "description"));
}

static void fill(struct reading *rd, long s, struct record *rec)
{
	struct hsds_table *svc = &rd->t[HSDS_T_SERVICE];
	const char *id = hsds_cell(svc, s, "id");
	long org = hsds_find(&rd->t[HSDS_T_ORG], "id", hsds_cell(svc, s, "organization_id"), 0);
	record_set(rec, ASSET_NAME, hsds_cell(svc, s, "name"));
	const char *cat = category(rd, id);
	if (cat || !*record_get(rec, ASSET_CATEGORY))
		record_set(rec, ASSET_CATEGORY, cat ? cat : "institution");
	const char *status = status_from(hsds_cell(svc, s, "status"));
	if (status) {
		record_set(rec, ASSET_STATUS, status);
	} else if (!*record_get(rec, ASSET_STATUS)) { /* none given: a known one keeps its own */
		record_set(rec, ASSET_STATUS, "active");
		if (rd->notes.len <= 400)
			strbuf_printf(&rd->notes, "%sno status (%s line %ld): taken as active",
				      rd->notes.len ? "; " : "", svc->file, svc->line[s]);
	}
	owned(rd, rec, ASSET_DESCRIPTION, either(rd, s, "description", org, "description"));
	owned(rd, rec, ASSET_EMAIL, either(rd, s, "email", org, "email"));
	owned(rd, rec, ASSET_WEBSITE, either(rd, s, "url", org, "website"));
	long sal = hsds_find(&rd->t[HSDS_T_SAL], "service_id", id, 0);
	struct src number = phone(rd, s, id, hsds_cell(&rd->t[HSDS_T_SAL], sal, "id"));
	char *unquoted = xstrdup(number.value);
	for (char *p = unquoted; *p; p++) /* "+44 ..." quoted inside its field */
		if (*p == '"')
			*p = ' ';
	char *trimmed = valid_trim(unquoted);
	number.value = trimmed;
	owned(rd, rec, ASSET_PHONE, number);
	free(trimmed), free(unquoted);
	long con = hsds_find(&rd->t[HSDS_T_CONTACT], "service_id", id, 0);
	owned(rd, rec, ASSET_CONTACT_NAME, from(&rd->t[HSDS_T_CONTACT], con, "name"));
	address(rd, rec, hsds_cell(&rd->t[HSDS_T_SAL], sal, "location_id"));
	kiths_all(rd, s, rec, hsds_cell(&rd->t[HSDS_T_SAL], sal, "location_id"));
}

/* The asset imported from this service before, or NULL. The query repeats the partial
 * index's condition (hsds_id <> '') word for word so that sqlite can use the index. */
static struct record *earlier(struct reading *rd, const char *hsds_id)
{
	char id[ID_LEN] = "";
	if (!rd->earlier &&
	    store_prepare(rd->st,
			  "SELECT id FROM asset WHERE hsds_id = ?1 AND hsds_id <> '' "
			  "AND deleted_at IS NULL",
			  &rd->earlier, NULL) != K_OK)
		return NULL;
	sqlite3_reset(rd->earlier);
	sqlite3_bind_text(rd->earlier, 1, hsds_id, -1, SQLITE_STATIC);
	if (sqlite3_step(rd->earlier) == SQLITE_ROW)
		snprintf(id, sizeof id, "%s", sqlite3_column_text(rd->earlier, 0));
	struct record *rec = NULL;
	struct kerr err;
	if (*id && entity_load(rd->st, &asset_entity, id, &rec, &err) != K_OK)
		rec = NULL;
	return rec;
}

static bool same(const struct record *a, const struct record *b)
{
	for (int f = 0; f < a->def->nfields; f++)
		if (strcmp(record_get(a, f), record_get(b, f)) != 0)
			return false;
	return true;
}

/* A new service is added as a bulk import adds (the import's one audit row records it); a
 * known one is saved, with its own history, only when the directory changed something. */
static int save(struct reading *rd, struct record *rec, const struct record *was, const char *id,
		struct kerr *err)
{
	if (was)
		return same(rec, was) ? K_OK : entity_update(rd->st, rec, err);
	int status = entity_check_new(rd->st, rec, err);
	/* the directory's id is kith's to set, never typed: it goes in with the new asset, once
	 * the checks have left what kith sets as it was */
	record_set(rec, ASSET_HSDS_ID, id);
	if (status == K_OK)
		status = entity_insert_checked(rd->st, rec, err);
	return status;
}

static void one_service(struct reading *rd, long s)
{
	struct import_result *out = rd->out;
	struct kerr err;
	const char *id = hsds_cell(&rd->t[HSDS_T_SERVICE], s, "id");
	struct record *rec = earlier(rd, id);
	struct record *was = rec ? record_copy(rec) : NULL;
	if (!rec)
		rec = record_new(&asset_entity);
	fill(rd, s, rec);
	if (save(rd, rec, was, id, &err) == K_OK)
		*(was ? &out->updated : &out->added) += 1;
	else
		hsds_problem(out, rd->t[HSDS_T_SERVICE].file, rd->t[HSDS_T_SERVICE].line[s], "%s",
			     err.msg);
	record_free(rec), record_free(was);
}

/* What would make a service ambiguous or wrong, said before anything is written: an id that
 * is missing or on two lines, a status HSDS does not have. */
static void check_services(struct reading *rd)
{
	struct hsds_table *svc = &rd->t[HSDS_T_SERVICE];
	for (long s = 0; s < svc->n; s++) {
		struct src id = from(svc, s, "id"), status = from(svc, s, "status");
		long first = hsds_find(svc, "id", id.value, 0);
		if (!*id.value)
			hsds_problem(rd->out, svc->file, id.line, "the service has no id");
		else if (first != s)
			hsds_problem(rd->out, svc->file, id.line,
				     "service id %.80s is also on line %ld: one service, one id",
				     id.value, svc->line[first]);
		if (*status.value && !status_from(status.value))
			hsds_problem(rd->out, svc->file, status.line,
				     "status \"%.60s\" is not one of HSDS's (active, inactive, "
				     "defunct, temporarily closed)",
				     status.value);
	}
}

static int write_all(struct reading *rd, const char *dir, const struct import_options *o,
		     struct kerr *err)
{
	struct import_result *out = rd->out;
	struct import_bulk bulk;
	int status = store_begin(rd->st, err);
	if (status != K_OK)
		return status;
	status = import_bulk_begin(rd->st, &bulk, "asset", err); /* the search index once */
	for (long s = 0; status == K_OK && s < rd->t[HSDS_T_SERVICE].n && !out->nproblem;
	     s++, out->rows++)
		one_service(rd, s);
	status = import_bulk_end(rd->st, &bulk, status, err);
	sqlite3_finalize(rd->earlier);
	rd->earlier = NULL;
	char detail[300];
	snprintf(detail, sizeof detail, "Open Referral package from %.200s: %ld added, %ld updated",
		 dir, out->added, out->updated);
	if (status == K_OK && !out->nproblem && !o->dry_run)
		status = audit_record(rd->st, "import", "asset", NULL, NULL, NULL, detail, err);
	if (status == K_OK && out->nproblem)
		status = kerr_set(err, K_INVALID, "", "nothing was imported: %d line%s refused",
				  out->nproblem, out->nproblem == 1 ? " was" : "s were");
	if (status != K_OK || o->dry_run)
		store_rollback(rd->st);
	else
		status = store_commit(rd->st, err);
	return status;
}

int hsds_import(struct store *st, const char *dir, const struct import_options *o,
		struct import_result *out, struct kerr *err)
{
	memset(out, 0, sizeof *out);
	struct hsds_table t[HSDS_T_N];
	memset(t, 0, sizeof t);
	struct reading rd = {.st = st, .t = t, .out = out, .notes = STRBUF_INIT};
	int status = auth_require(st, AUTH_IMPORT, err);
	if (status == K_OK)
		status = hsds_read(dir, t, out, err);
	strbuf_puts(&rd.notes, out->ignored); /* what the reading said: a profile */
	if (status == K_OK && !out->nproblem)
		check_services(&rd);
	if (status == K_OK && out->nproblem)
		status = kerr_set(err, K_INVALID, "", "nothing was imported: %d line%s refused",
				  out->nproblem, out->nproblem == 1 ? " was" : "s were");
	if (status == K_OK)
		status = store_bulk_start(st, 256, err);
	if (status == K_OK) {
		status = write_all(&rd, dir, o, err);
		struct kerr ended;
		if (store_bulk_end(st, &ended) != K_OK && status == K_OK)
			status = kerr_set(err, ended.status, "", "%s", ended.msg);
	}
	snprintf(out->ignored, sizeof out->ignored, "%s", strbuf_str(&rd.notes));
	strbuf_free(&rd.notes);
	for (int i = 0; i < HSDS_T_N; i++)
		hsds_table_free(&t[i]);
	return status;
}
