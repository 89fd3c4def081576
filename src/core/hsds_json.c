/* HSDS JSON as the import's tables: a service (service_full), a page of them (service_list),
 * or an organisation with its services (organization_full, or a page of those), flattened
 * into the rows a CSV package would hold, so that one import reads both. */
#include "hsds_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "jsonr.h"
#include "xalloc.h"

/* The columns the import reads, of each table made from JSON. */
static const char *const *const columns[HSDS_T_N] = {
	[HSDS_T_ORG] = (const char *const[]){"id", "name", "description", "email", "website", 0},
	[HSDS_T_SERVICE] = (const char *const[]){"id", "organization_id", "name", "description",
						 "url", "email", "status", 0},
	[HSDS_T_LOCATION] = (const char *const[]){"id", "name", 0},
	[HSDS_T_ADDRESS] = (const char *const[]){"id", "location_id", "address_1", "address_2",
						 "city", "postal_code", 0},
	[HSDS_T_SAL] = (const char *const[]){"id", "service_id", "location_id", 0},
	[HSDS_T_PHONE] = (const char *const[]){"id", "service_id", "organization_id", "contact_id",
					       "service_at_location_id", "number", 0},
	[HSDS_T_CONTACT] = (const char *const[]){"id", "service_id", "name", 0},
	[HSDS_T_TERM] = (const char *const[]){"id", "code", 0},
	[HSDS_T_ATTR] = (const char *const[]){"link_id", "taxonomy_term_id", 0},
	/* read from a package only: kith's own export writes them; JSON's stay empty */
	[HSDS_T_SCHEDULE] = (const char *const[]){"id", "service_id", "description", 0},
	[HSDS_T_ACCESS] = (const char *const[]){"id", "location_id", "description", 0},
	[HSDS_T_AREA] = (const char *const[]){"id", "service_id", "name", 0},
};

struct flat {
	struct hsds_table *t;
};

/* A row of table k from the object o: each column its member, or the link given for it
 * (column, value pairs, NULL-ended) when it is a link to the object that holds o. */
static void row(struct flat *f, int k, const struct jsonr *o, const char *const *link)
{
	struct hsds_table *t = &f->t[k];
	if (!o || o->type != JSONR_OBJECT)
		return;
	char **fields = xcalloc((size_t)t->ncol + 1, sizeof *fields);
	for (int c = 0; c < t->ncol; c++) {
		const char *v = jsonr_text(o, t->header[c]);
		for (const char *const *l = link; l && *l; l += 2)
			if (strcmp(*l, t->header[c]) == 0)
				v = l[1];
		fields[c] = xstrdup(v);
	}
	hsds_table_add(t, fields, o->line);
}

/* The items of o's array member key, *n of them (none when it has none). */
static const struct jsonr *each(const struct jsonr *o, const char *key, size_t *n)
{
	const struct jsonr *a = jsonr_get(o, key);
	*n = a && a->type == JSONR_ARRAY ? a->n : 0;
	return *n ? a->item : NULL;
}

static void phones(struct flat *f, const struct jsonr *o, const char *col, const char *id)
{
	size_t n_p = 0;
	const struct jsonr *ps = each(o, "phones", &n_p);
	for (const struct jsonr *p = ps; p && p < ps + n_p; p++)
		row(f, HSDS_T_PHONE, p, (const char *const[]){col, id, NULL});
}

static void contacts(struct flat *f, const struct jsonr *o, const char *col, const char *id)
{
	size_t n_c = 0;
	const struct jsonr *cs = each(o, "contacts", &n_c);
	for (const struct jsonr *c = cs; c && c < cs + n_c; c++) {
		row(f, HSDS_T_CONTACT, c, (const char *const[]){col, id, NULL});
		phones(f, c, "contact_id", jsonr_text(c, "id"));
	}
}

static void organization(struct flat *f, const struct jsonr *o)
{
	const char *id = jsonr_text(o, "id");
	if (!o || hsds_find(&f->t[HSDS_T_ORG], "id", id, 0) >= 0)
		return; /* a page of services repeats their organisation */
	row(f, HSDS_T_ORG, o, NULL);
	phones(f, o, "organization_id", id);
}

static void place(struct flat *f, const struct jsonr *sal, const char *service)
{
	const struct jsonr *loc = jsonr_get(sal, "location");
	const char *loc_id = jsonr_text(loc, "id");
	row(f, HSDS_T_SAL, sal,
	    (const char *const[]){"service_id", service, "location_id", loc_id, NULL});
	phones(f, sal, "service_at_location_id", jsonr_text(sal, "id"));
	if (!loc || hsds_find(&f->t[HSDS_T_LOCATION], "id", loc_id, 0) >= 0)
		return;
	row(f, HSDS_T_LOCATION, loc, NULL);
	size_t n_a = 0;
	const struct jsonr *as = each(loc, "addresses", &n_a);
	for (const struct jsonr *a = as; a && a < as + n_a; a++)
		row(f, HSDS_T_ADDRESS, a, (const char *const[]){"location_id", loc_id, NULL});
}

static void service(struct flat *f, const struct jsonr *s, const char *org)
{
	const char *id = jsonr_text(s, "id");
	const struct jsonr *own = jsonr_get(s, "organization");
	if (own)
		organization(f, own);
	const char *org_id = own ? jsonr_text(own, "id") : org;
	row(f, HSDS_T_SERVICE, s, (const char *const[]){"organization_id", org_id, NULL});
	phones(f, s, "service_id", id);
	contacts(f, s, "service_id", id);
	size_t n_sal = 0;
	const struct jsonr *sals = each(s, "service_at_locations", &n_sal);
	for (const struct jsonr *sal = sals; sal && sal < sals + n_sal; sal++)
		place(f, sal, id);
	size_t n_a = 0;
	const struct jsonr *as = each(s, "attributes", &n_a);
	for (const struct jsonr *a = as; a && a < as + n_a; a++) {
		const struct jsonr *term = jsonr_get(a, "taxonomy_term");
		const char *term_id = *jsonr_text(a, "taxonomy_term_id")
					      ? jsonr_text(a, "taxonomy_term_id")
					      : jsonr_text(term, "id");
		row(f, HSDS_T_ATTR, a,
		    (const char *const[]){"link_id", id, "taxonomy_term_id", term_id, NULL});
		if (term && hsds_find(&f->t[HSDS_T_TERM], "id", term_id, 0) < 0)
			row(f, HSDS_T_TERM, term, NULL);
	}
}

/* One object of the file: an organisation holds services; otherwise it is a service. */
static void object(struct flat *f, const struct jsonr *o)
{
	if (!jsonr_get(o, "services")) {
		service(f, o, "");
		return;
	}
	organization(f, o);
	size_t n_s = 0;
	const struct jsonr *ss = each(o, "services", &n_s);
	for (const struct jsonr *s = ss; s && s < ss + n_s; s++)
		service(f, s, jsonr_text(o, "id"));
}

static void flatten(struct flat *f, const struct jsonr *root)
{
	const struct jsonr *page = jsonr_get(root, "contents");
	if (root->type == JSONR_ARRAY) {
		for (size_t i = 0; i < root->n; i++)
			object(f, &root->item[i]);
	} else if (page) {
		size_t n_o = 0;
		const struct jsonr *os = each(root, "contents", &n_o);
		for (const struct jsonr *o = os; o && o < os + n_o; o++)
			object(f, o);
	} else {
		object(f, root);
	}
}

int hsds_read_json(const char *path, struct hsds_table *t, struct import_result *out,
		   struct kerr *err)
{
	size_t n = 0;
	char *text = file_read(path, &n, err);
	if (!text)
		return !err                  ? K_REFUSED
		       : err->status == K_IO ? (err->status = K_REFUSED)
					     : err->status;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	for (int k = 0; k < HSDS_T_N; k++) {
		int ncol = 0;
		while (columns[k][ncol])
			ncol++;
		hsds_table_header(&t[k], columns[k], ncol);
		t[k].file = base;
	}
	char why[200];
	long line = 0;
	struct jsonr *root = jsonr_parse(text, n, why, sizeof why, &line);
	free(text);
	if (!root) {
		hsds_problem(out, base, line, "not JSON: %s", why);
		return K_OK;
	}
	struct flat f = {t};
	hsds_check_version(root, base, out);
	flatten(&f, root);
	for (int k = 0; k < HSDS_T_N; k++)
		if (k != HSDS_T_SERVICE && t[k].n == 0) /* left out: known to say nothing */
			hsds_table_free(&t[k]), t[k].file = base;
	if (t[HSDS_T_SERVICE].n == 0)
		hsds_problem(out, base, root->line,
			     "no service: kith reads an HSDS service, a page of services or an "
			     "organisation with its services");
	jsonr_free(root);
	return K_OK;
}
