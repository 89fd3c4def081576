/* add, list, show, edit and delete for every entity, driven by its description: the flags
 * are the field names with dashes (read in cli_args.c), and its help lists the same fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "entity.h"
#include "page.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "valid.h"
#include "xalloc.h"

/* ---- help ---- */

static const char *kind_word(const struct field_def *f)
{
	static const char *const words[] = {
		[FIELD_TEXT] = "TEXT",     [FIELD_NOTE] = "TEXT",
		[FIELD_DATE] = "DATE",     [FIELD_YEAR] = "YEAR",
		[FIELD_INT] = "N",         [FIELD_BOOL] = "yes|no",
		[FIELD_CHOICE] = "CHOICE", [FIELD_POSTCODE] = "POSTCODE",
		[FIELD_EMAIL] = "EMAIL",   [FIELD_PHONE] = "PHONE",
		[FIELD_URL] = "URL",       [FIELD_REF] = "ID|NAME",
		[FIELD_MONEY] = "POUNDS",
	};
	return words[f->kind];
}

/* "from_asset_id" -> "from-asset": the flag a person types. */
static char *flag_of(const struct field_def *f)
{
	size_t n = strlen(f->name);
	if (f->kind == FIELD_REF && n > 3 && strcmp(f->name + n - 3, "_id") == 0)
		n -= 3;
	if (f->kind == FIELD_MONEY && n > 6 && strcmp(f->name + n - 6, "_pence") == 0)
		n -= 6;
	char *s = xstrndup(f->name, n);
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = '-';
	return s;
}

/* An amount held as "1250.50", as people read it: "£1,250.50". */
static const char *money(const char *plain)
{
	static char shown[48];
	valid_money_shown(plain, shown, sizeof shown);
	return shown;
}

static void help_field(const struct field_def *f)
{
	char *flag = flag_of(f);
	char *left = xasprintf("--%s %s", flag, kind_word(f));
	printf("  %-30s %s", left, f->label);
	if (f->flags & FIELD_REQUIRED)
		fputs(" (required)", stdout);
	if (f->help)
		printf(": %s", f->help);
	if (f->kind == FIELD_CHOICE && !(f->help && strchr(f->help, ','))) {
		fputs(" [", stdout);
		for (const char *const *c = f->choices; *c; c++)
			printf("%s%s", c == f->choices ? "" : ", ", *c);
		fputs("]", stdout);
	}
	if (f->def && f->kind != FIELD_BOOL)
		printf(" (default %s)", f->def);
	putchar('\n');
	free(left);
	free(flag);
}

void cli_entity_help(const struct entity_def *def)
{
	const char *n = def->name;
	printf("\nID is a whole id, its first few characters, or the %s's name.\n\nfields:\n", n);
	for (int i = 0; i < def->nfields; i++)
		if (!(def->fields[i].flags & FIELD_AUTO) && !(def->scope_field == i))
			help_field(&def->fields[i]);
	printf("\nsort orders:");
	for (int i = 0; i < def->nsorts; i++)
		printf(" %s (%s)%s", def->sorts[i].name, def->sorts[i].label,
		       i + 1 < def->nsorts ? "," : "\n");
	if (def->nfilters) {
		printf("filters:");
		for (int i = 0; i < def->nfilters; i++)
			printf(" %s (%s)%s", def->filters[i].name, def->filters[i].label,
			       i + 1 < def->nfilters ? "," : "\n");
	}
	printf("dates: today, yesterday, +7d, -2w, 22/11/2026 or 2026-11-22\n");
}

/* ---- the fields given ---- */

/* Sets each --FIELD VALUE given (read against the entity's fields, cli_args.c) in rec. */
static void set_fields(struct cli *c, struct record *rec)
{
	for (int i = 0; i < c->nfield; i++)
		record_set(rec, c->field[i].field, c->field[i].value);
}

/* ---- add, edit, delete ---- */

int cli_entity_add(struct cli *c)
{
	struct record *rec = record_new(c->def);
	set_fields(c, rec);
	int rc = cli_open(c);
	struct kerr err;
	struct person_twin twin;
	bool person = c->def == &person_entity;
	int status = rc != CLI_OK ? K_OK
		     : person ? person_add(c->st, rec, cli_flag(c, "allow-duplicate"), &twin, &err)
			      : entity_create(c->st, rec, &err);
	if (status == K_DUPLICATE && person && *twin.id)
		snprintf(err.msg, sizeof err.msg,
			 "likely already here: %s (id %.8s); add them all the same with "
			 "--allow-duplicate, or merge them later with kith person merge",
			 twin.label, twin.id);
	if (status != K_OK)
		rc = cli_fail(c, &err);
	if (rc == CLI_OK) {
		printf("%s\n", rec->id);
		rc = cli_finish_output();
	}
	record_free(rec);
	return rc;
}

/* The record the command's first word names. */
static int resolve_arg(struct cli *c, char id[ID_LEN])
{
	if (c->argc < 1)
		return cli_usage(c, "which %s? give its id or name", c->def->name);
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	if (entity_resolve(c->st, c->def, c->argv[0], id, &err) != K_OK)
		return cli_fail(c, &err);
	return CLI_OK;
}

int cli_entity_edit(struct cli *c)
{
	char id[ID_LEN];
	int rc = resolve_arg(c, id);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	struct record *rec = NULL;
	if (entity_load(c->st, c->def, id, &rec, &err) != K_OK)
		return cli_fail(c, &err);
	set_fields(c, rec);
	if (entity_update(c->st, rec, &err) != K_OK)
		rc = cli_fail(c, &err);
	record_free(rec);
	return rc;
}

int cli_entity_delete(struct cli *c)
{
	char id[ID_LEN];
	int rc = resolve_arg(c, id);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	if (entity_delete(c->st, c->def, id, &err) != K_OK)
		return cli_fail(c, &err);
	return CLI_OK;
}

/* ---- show ---- */

static void show_text(const struct record *rec)
{
	const struct entity_def *def = rec->def;
	cli_print_safe(record_display(rec));
	printf("\n  %-22s %s\n", "id", rec->id);
	for (int i = 0; i < def->nfields; i++) {
		const struct field_def *f = &def->fields[i];
		const char *v = record_get(rec, i);
		if (!*v)
			continue;
		printf("  ");
		cli_print_cell(f->label, 22);
		putchar(' ');
		if (f->kind == FIELD_BOOL)
			fputs(strcmp(v, "1") == 0 ? "yes" : "no", stdout);
		else if (f->kind == FIELD_REF)
			cli_print_safe(record_label(rec, i));
		else if (f->kind == FIELD_MONEY)
			cli_print_safe(money(v));
		else
			cli_print_safe(v);
		putchar('\n');
	}
	printf("  %-22s %s\n  %-22s %s\n", "created", rec->created_at, "updated", rec->updated_at);
}

int cli_entity_show(struct cli *c)
{
	char id[ID_LEN];
	int rc = resolve_arg(c, id);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	struct record *rec = NULL;
	if (entity_view(c->st, c->def, id, &rec, &err) != K_OK) /* shown: a view, audited */
		return cli_fail(c, &err);
	if (cli_flag(c, "json")) {
		struct strbuf sb = STRBUF_INIT;
		record_json(rec, &sb);
		printf("%s\n", strbuf_str(&sb));
		strbuf_free(&sb);
	} else {
		show_text(rec);
	}
	record_free(rec);
	return cli_finish_output();
}

/* ---- list ---- */

struct list_opts {
	struct page_query q;
	long limit; /* rows to print; 0 for all */
	bool json;
	char *values[PAGE_MAX_FILTERS];
};

static int list_value(struct cli *c, struct list_opts *o, int f, const char *value)
{
	struct kerr err;
	char *norm = NULL;
	if (o->q.nfilter == PAGE_MAX_FILTERS)
		return cli_usage(c, "at most %d filters", PAGE_MAX_FILTERS);
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	if (entity_normalize(c->st, o->q.def, f, value, &norm, &err) != K_OK)
		return cli_fail(c, &err);
	o->values[o->q.nfilter] = norm;
	o->q.filter[o->q.nfilter++] = (struct page_filter){f, -1, norm};
	return CLI_OK;
}

static int list_sort(struct cli *c, struct list_opts *o, const char *name)
{
	for (int s = 0; s < o->q.def->nsorts; s++)
		if (strcmp(o->q.def->sorts[s].name, name) == 0) {
			o->q.sort = s;
			return CLI_OK;
		}
	return cli_usage(c, "%s have no sort order '%s'", o->q.def->plural, name);
}

/* --search, --sort, --filter, --limit and --json, and each --FIELD VALUE to match. */
static int list_options(struct cli *c, struct list_opts *o)
{
	struct kerr err;
	const char *v;
	o->q.search = cli_value(c, "search");
	o->json = cli_flag(c, "json");
	int rc = (v = cli_value(c, "sort")) ? list_sort(c, o, v) : CLI_OK;
	if (rc == CLI_OK && (v = cli_value(c, "filter")) &&
	    page_query_named(&o->q, v, &err) != K_OK)
		rc = cli_usage(c, "%s", err.msg);
	if (rc == CLI_OK && (v = cli_value(c, "limit")) &&
	    valid_int(v, 1, 1000000000, &o->limit, "--limit", &err) != K_OK)
		rc = cli_usage(c, "%s", err.msg);
	for (int i = 0; i < c->nfield && rc == CLI_OK; i++)
		rc = list_value(c, o, c->field[i].field, c->field[i].value);
	return rc;
}

static void list_header(const struct entity_def *def)
{
	cli_print_cell("ID", 37);
	for (int i = 0; i < def->nfields; i++)
		if (def->fields[i].flags & FIELD_LISTED) {
			cli_print_cell(def->fields[i].label, def->fields[i].width);
			putchar(' ');
		}
	putchar('\n');
}

static void list_row(const struct record *rec)
{
	printf("%-36s ", rec->id);
	for (int i = 0; i < rec->def->nfields; i++) {
		const struct field_def *f = &rec->def->fields[i];
		if (!(f->flags & FIELD_LISTED))
			continue;
		const char *v = f->kind == FIELD_REF ? record_label(rec, i) : record_get(rec, i);
		if (f->kind == FIELD_BOOL)
			v = strcmp(v, "1") == 0 ? "yes" : "no";
		if (f->kind == FIELD_MONEY)
			v = money(v);
		cli_print_cell(v, f->width);
		putchar(' ');
	}
	putchar('\n');
}

static void print_row(const struct record *rec, bool json, long index)
{
	if (!json) {
		list_row(rec);
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	record_json(rec, &sb);
	printf("%s%s", index ? ",\n" : "", strbuf_str(&sb));
	strbuf_free(&sb);
}

struct listing {
	struct list_opts *o;
	long printed;
};

static bool next_row(void *ctx, const struct record *rec)
{
	struct listing *l = ctx;
	if (l->o->limit && l->printed >= l->o->limit)
		return false;
	print_row(rec, l->o->json, l->printed++);
	return true;
}

/* Pages through the whole list, one keyset page at a time. */
static int list_pages(struct cli *c, struct list_opts *o)
{
	struct kerr err;
	struct listing l = {o, 0};
	return page_each(c->st, &o->q, next_row, &l, &err) == K_OK ? CLI_OK : cli_fail(c, &err);
}

int cli_entity_list(struct cli *c)
{
	struct list_opts o = {0};
	page_query_init(&o.q, c->def);
	o.q.limit = 200;
	int rc = list_options(c, &o);
	/* pages no longer than what is wanted: --limit 50 reads 50 rows, not 200 */
	if (o.limit > 0 && o.limit < o.q.limit)
		o.q.limit = (int)o.limit;
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc == CLI_OK) {
		if (o.json)
			fputs("[", stdout);
		else
			list_header(c->def);
		rc = list_pages(c, &o);
		if (o.json)
			fputs("]\n", stdout);
	}
	for (int i = 0; i < PAGE_MAX_FILTERS; i++)
		free(o.values[i]);
	int out = cli_finish_output();
	return rc != CLI_OK ? rc : out;
}
