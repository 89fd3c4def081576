/* Open Referral (HSDS 3.0) export: the community assets as a tabular data package. Each
 * asset is an organization offering one service, with its opening times (a schedule), last
 * verified (assured_date), the ABCD categories and the assets' tags as a taxonomy, linked by
 * attributes; where it is not confidential, its neighbourhood (the service's area), a location
 * with its address and accessibility, its phone and contact. Values go out as they are (no
 * spreadsheet guard) and what kith does not know is left empty. Ids are derived from kith's
 * own, so the same asset keeps the same ids from one export to the next. People and
 * individuals' gifts never leave. */
#include "hsds.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "asset.h"
#include "audit.h"
#include "auth.h"
#include "csv.h"
#include "file.h"
#include "hsds_tables.h"
#include "page.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "tag.h"
#include "xalloc.h"

/* A stable UUID for (what, id): "service" of asset X is always the same. */
static void derived(const char *what, const char *id, char out[37])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char *seed = xasprintf("kith-hsds:%s:%s", what, id);
	crypto_hash_sha256(h, (const unsigned char *)seed, strlen(seed));
	free(seed);
	h[6] = (unsigned char)((h[6] & 0x0F) | 0x50); /* version 5: from a name */
	h[8] = (unsigned char)((h[8] & 0x3F) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12],
		 h[13], h[14], h[15]);
}

struct package {
	struct strbuf csv[HSDS_TABLES];
	long rows[HSDS_TABLES];
};

/* Appends a row of table t: values by column name, the rest empty. */
static void put_row(struct package *p, enum hsds_table t, const char *const *names,
		    const char *const *values, int n)
{
	const struct hsds_table_def *def = &hsds_tables[t];
	for (int c = 0; c < def->ncolumns; c++) {
		const char *v = "";
		for (int k = 0; k < n; k++)
			if (strcmp(names[k], def->columns[c].name) == 0)
				v = values[k] ? values[k] : "";
		csv_cell_as_is(&p->csv[t], v, c == 0);
	}
	strbuf_puts(&p->csv[t], "\r\n");
	p->rows[t]++;
}

/* clang-format off */
#define ROW(p, t, ...)                                                                          \
	do {                                                                                    \
		const char *kv_[] = {__VA_ARGS__};                                              \
		const int n_ = (int)(sizeof kv_ / sizeof *kv_) / 2;                             \
		const char *names_[32], *values_[32];                                           \
		for (int i_ = 0; i_ < n_; i_++)                                                 \
			names_[i_] = kv_[2 * i_], values_[i_] = kv_[2 * i_ + 1];               \
		put_row(p, t, names_, values_, n_);                                             \
	} while (0)
/* clang-format on */

static const char *const status_of[][2] = {
	{"active", "active"}, {"paused", "temporarily closed"}, {"closed", "inactive"}};

static const char *service_status(const char *kith)
{
	for (size_t i = 0; i < sizeof status_of / sizeof *status_of; i++)
		if (strcmp(status_of[i][0], kith) == 0)
			return status_of[i][1];
	return "active";
}

static void taxonomy(struct package *p)
{
	char tax[37], term[37];
	derived("taxonomy", "abcd", tax);
	ROW(p, HSDS_TAXONOMY, "id", tax, "name", "ABCD community assets", "description",
	    "The six kinds of community asset of Asset-Based Community Development, and the "
	    "gifts, skills and passions kith records");
	for (int c = 0; asset_categories[c]; c++) {
		derived("term", asset_categories[c], term);
		ROW(p, HSDS_TAXONOMY_TERM, "id", term, "code", asset_categories[c], "name",
		    asset_categories[c], "description", "an ABCD category of community asset",
		    "taxonomy", "ABCD community assets", "taxonomy_id", tax, "language", "en");
	}
}

static void tags(struct store *st, struct package *p, const char *asset, const char *service)
{
	struct tag_list list;
	struct kerr err;
	char tax[37], term[37], attr[37];
	derived("taxonomy", "abcd", tax);
	if (tag_list_for(st, ENTITY_ASSET, asset, &list, &err) != K_OK)
		return;
	for (int i = 0; i < list.n; i++) {
		char *key = xasprintf("%s:%s", list.item[i].kind, list.item[i].name);
		derived("term", key, term);
		free(key);
		char *code = xasprintf("%s:%s", list.item[i].kind, list.item[i].id);
		if (!strstr(strbuf_str(&p->csv[HSDS_TAXONOMY_TERM]), term))
			ROW(p, HSDS_TAXONOMY_TERM, "id", term, "code", code, "name",
			    list.item[i].name, "description", list.item[i].kind, "taxonomy",
			    "ABCD community assets", "taxonomy_id", tax, "language", "en");
		free(code);
		derived(list.item[i].id, service, attr);
		ROW(p, HSDS_ATTRIBUTE, "id", attr, "link_id", service, "taxonomy_term_id", term,
		    "link_type", "tag", "link_entity", "service");
	}
	tag_list_free(&list);
}

/* Where the asset is: a location, its address (only the parts kith knows: HSDS's city and
 * state_province have no counterpart in kith and are left empty rather than invented) and
 * its accessibility, which HSDS keeps per location. */
static void place(struct package *p, const struct record *a, const char *org, const char *svc)
{
	char loc[37], adr[37], sal[37], acc[37];
	const char *id = a->id, *postcode = record_get(a, ASSET_POSTCODE),
		   *street = record_get(a, ASSET_ADDRESS),
		   *access = record_get(a, ASSET_ACCESSIBILITY);
	if (!*postcode && !*street && !*access)
		return;
	derived("location", id, loc);
	derived("service_at_location", id, sal);
	ROW(p, HSDS_LOCATION, "id", loc, "location_type", "physical", "organization_id", org,
	    "name", record_get(a, ASSET_NAME));
	ROW(p, HSDS_SERVICE_AT_LOCATION, "id", sal, "service_id", svc, "location_id", loc);
	if (*postcode || *street) {
		derived("address", id, adr);
		ROW(p, HSDS_ADDRESS, "id", adr, "location_id", loc, "address_1", street,
		    "postal_code", postcode, "country", "GB", "address_type", "physical");
	}
	if (*access) {
		derived("accessibility", id, acc);
		ROW(p, HSDS_ACCESSIBILITY, "id", acc, "location_id", loc, "description", access);
	}
}

/* How to reach the asset: its phone and its contact person (with the asset's e-mail). */
static void reach(struct package *p, const struct record *a, const char *org, const char *svc)
{
	char ph[37], con[37];
	if (*record_get(a, ASSET_PHONE)) {
		derived("phone", a->id, ph);
		ROW(p, HSDS_PHONE, "id", ph, "service_id", svc, "organization_id", org, "number",
		    record_get(a, ASSET_PHONE), "type", "voice");
	}
	if (*record_get(a, ASSET_CONTACT_NAME)) {
		derived("contact", a->id, con);
		ROW(p, HSDS_CONTACT, "id", con, "organization_id", org, "service_id", svc, "name",
		    record_get(a, ASSET_CONTACT_NAME), "email", record_get(a, ASSET_EMAIL));
	}
}

/* A confidential asset (a refuge) is listed by what it offers and when, never by where it is
 * or by who and how to reach there directly: no location, address, accessibility or
 * neighbourhood, and no phone, e-mail or contact person, all of which can lead to the door.
 * People are referred to it through a connector who knows it. */
static void one_asset(struct store *st, struct package *p, const struct record *a)
{
	char org[37], svc[37], attr[37], term[37], sch[37], area[37];
	const char *id = a->id;
	bool open = strcmp(record_get(a, ASSET_CONFIDENTIAL), "1") != 0;
	derived("organization", id, org);
	derived("service", id, svc);
	const char *name = record_get(a, ASSET_NAME), *desc = record_get(a, ASSET_DESCRIPTION),
		   *email = open ? record_get(a, ASSET_EMAIL) : "";
	ROW(p, HSDS_ORGANIZATION, "id", org, "name", name, "description", *desc ? desc : name,
	    "email", email, "website", record_get(a, ASSET_WEBSITE));
	ROW(p, HSDS_SERVICE, "id", svc, "organization_id", org, "name", name, "description", desc,
	    "url", record_get(a, ASSET_WEBSITE), "email", email, "status",
	    service_status(record_get(a, ASSET_STATUS)), "assured_date",
	    record_get(a, ASSET_LAST_VERIFIED), "last_modified", a->updated_at);
	derived("term", record_get(a, ASSET_CATEGORY), term);
	derived("category", svc, attr);
	ROW(p, HSDS_ATTRIBUTE, "id", attr, "link_id", svc, "taxonomy_term_id", term, "link_type",
	    "category", "link_entity", "service");
	tags(st, p, id, svc);
	if (*record_get(a, ASSET_OPENING_TIMES)) { /* free text: no rule is guessed from it */
		derived("schedule", id, sch);
		ROW(p, HSDS_SCHEDULE, "id", sch, "service_id", svc, "description",
		    record_get(a, ASSET_OPENING_TIMES));
	}
	if (!open)
		return;
	if (*record_get(a, ASSET_NEIGHBOURHOOD)) { /* the area it belongs to and serves */
		derived("service_area", id, area);
		ROW(p, HSDS_SERVICE_AREA, "id", area, "service_id", svc, "name",
		    record_get(a, ASSET_NEIGHBOURHOOD));
	}
	place(p, a, org, svc);
	reach(p, a, org, svc);
}

struct walking {
	struct store *st;
	struct package *p;
	long n;
};

/* Every live community asset: not a person's own gift. */
static bool community_asset(void *ctx, const struct record *a)
{
	struct walking *w = ctx;
	if (strcmp(record_get(a, ASSET_CATEGORY), "individual") != 0) {
		one_asset(w->st, w->p, a);
		w->n++;
	}
	return true;
}

static int assets(struct store *st, struct package *p, long *n, struct kerr *err)
{
	struct page_query q;
	page_query_init(&q, &asset_entity);
	q.limit = 500;
	struct walking w = {st, p, 0};
	int status = page_each(st, &q, community_asset, &w, err);
	*n = w.n;
	return status;
}

static void fields(struct strbuf *out, const struct hsds_table_def *d)
{
	for (int c = 0; c < d->ncolumns; c++) {
		const struct hsds_column *col = &d->columns[c];
		strbuf_printf(out, "%s\n        {\"name\": \"%s\", \"type\": \"%s\"", c ? "," : "",
			      col->name, col->type);
		if (col->format)
			strbuf_printf(out, ", \"format\": \"%s\"", col->format);
		strbuf_printf(out, ", \"constraints\": {\"required\": %s, \"unique\": %s",
			      col->required ? "true" : "false", col->unique ? "true" : "false");
		if (col->enums)
			strbuf_printf(out, ", \"enum\": %s", col->enums);
		strbuf_puts(out, "}}");
	}
}

static void foreign_keys(struct strbuf *out, const struct hsds_table_def *d)
{
	strbuf_puts(out, "\"foreignKeys\": [");
	for (int k = 0; d->keys[k].field; k++)
		strbuf_printf(out,
			      "%s\n        {\"fields\": \"%s\", \"reference\": {\"resource\": "
			      "\"%s\", \"fields\": \"id\"}}",
			      k ? "," : "", d->keys[k].field, d->keys[k].resource);
	strbuf_puts(out, "]");
}

/* datapackage.json: the specification's definition of each table written (its constraints,
 * enumerations and the foreign keys among them) and its licence, so that a validator run
 * on the package checks what the specification would. */
static void descriptor(struct strbuf *out)
{
	strbuf_printf(out,
		      "{\n  \"name\": \"kith-community-assets\",\n  \"title\": \"Community "
		      "assets from kith\",\n  \"profile\": \"tabular-data-package\",\n  "
		      "\"version\": \"3.0.0\",\n  \"homepage\": \"http://docs.openreferral.org\",\n"
		      "  \"license\": {\"name\": \"%s\", \"type\": \"%s\", \"url\": \"%s\"},\n"
		      "  \"resources\": [",
		      hsds_licence.name, hsds_licence.type, hsds_licence.url);
	for (int t = 0; t < HSDS_TABLES; t++) {
		const struct hsds_table_def *d = &hsds_tables[t];
		strbuf_printf(
			out,
			"%s\n    {\"name\": \"%s\", \"path\": \"%s\", \"format\": \"csv\", "
			"\"mediatype\": \"text/csv\", \"encoding\": \"utf-8\", \"profile\": "
			"\"tabular-data-resource\",\n      \"schema\": {\"primaryKey\": \"id\", "
			"\"fields\": [",
			t ? "," : "", d->name, d->path);
		fields(out, d);
		strbuf_puts(out, "],\n      ");
		foreign_keys(out, d);
		strbuf_puts(out, "}}");
	}
	strbuf_puts(out, "\n  ]\n}\n");
}

/* Every file of the package may be written into dir: checked before any is, so that a
 * refusal leaves an earlier package whole. */
static int check_files(struct store *st, const char *dir, bool force, struct kerr *err)
{
	int status = K_OK;
	for (int t = 0; t <= HSDS_TABLES && status == K_OK; t++) {
		char *path = xasprintf("%s/%s", dir,
				       t < HSDS_TABLES ? hsds_tables[t].path : "datapackage.json");
		status = file_check_out(path, store_path(st), force, err);
		free(path);
	}
	return status;
}

static int write_all(const char *dir, struct package *p, struct kerr *err)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return kerr_set(err, K_REFUSED, "dir", "cannot make %s: %s", dir, strerror(errno));
	int status = K_OK;
	for (int t = 0; t < HSDS_TABLES && status == K_OK; t++) {
		char *path = xasprintf("%s/%s", dir, hsds_tables[t].path);
		status = file_write_private(path, strbuf_str(&p->csv[t]), p->csv[t].len, err);
		free(path);
	}
	struct strbuf d = STRBUF_INIT;
	descriptor(&d);
	char *path = xasprintf("%s/datapackage.json", dir);
	if (status == K_OK)
		status = file_write_private(path, strbuf_str(&d), d.len, err);
	free(path);
	strbuf_free(&d);
	return status;
}

int hsds_export(struct store *st, const char *dir, long *assets_out, struct kerr *err)
{
	return hsds_export_out(st, dir, false, assets_out, err);
}

int hsds_export_out(struct store *st, const char *dir, bool force, long *assets_out,
		    struct kerr *err)
{
	*assets_out = 0;
	int status = auth_require(st, AUTH_EXPORT, err);
	if (status == K_OK)
		status = check_files(st, dir, force, err);
	if (status != K_OK)
		return status;
	struct package p;
	memset(&p, 0, sizeof p);
	for (int t = 0; t < HSDS_TABLES; t++) { /* every table starts with its header */
		for (int c = 0; c < hsds_tables[t].ncolumns; c++)
			csv_cell_as_is(&p.csv[t], hsds_tables[t].columns[c].name, c == 0);
		strbuf_puts(&p.csv[t], "\r\n");
	}
	taxonomy(&p);
	status = assets(st, &p, assets_out, err);
	if (status == K_OK)
		status = write_all(dir, &p, err);
	char detail[120];
	snprintf(detail, sizeof detail, "Open Referral package, %ld assets", *assets_out);
	if (status == K_OK)
		status = audit_record(st, "export", "asset", NULL, NULL, NULL, detail, err);
	for (int t = 0; t < HSDS_TABLES; t++)
		strbuf_free(&p.csv[t]);
	return status;
}
