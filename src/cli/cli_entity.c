/* add, list, show, edit and delete for every entity, driven by its description: the flags
 * are the field names with dashes, and the help text is made from the same table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "entity.h"
#include "page.h"
#include "record.h"
#include "store.h"
#include "strbuf.h"
#include "valid.h"
#include "xalloc.h"

/* ---- help ---- */

static const char *kind_word(const struct field_def *f)
{
	static const char *const words[] = {
		[FIELD_TEXT] = "TEXT",     [FIELD_NOTE] = "TEXT",  [FIELD_DATE] = "DATE",
		[FIELD_YEAR] = "YEAR",     [FIELD_INT] = "N",      [FIELD_BOOL] = "yes|no",
		[FIELD_CHOICE] = "CHOICE", [FIELD_POSTCODE] = "POSTCODE",
		[FIELD_EMAIL] = "EMAIL",   [FIELD_PHONE] = "PHONE", [FIELD_URL] = "URL",
		[FIELD_REF] = "ID|NAME",
	};
	return words[f->kind];
}

/* "from_asset_id" -> "from-asset": the flag a person types. */
static char *flag_of(const struct field_def *f)
{
	size_t n = strlen(f->name);
	if (f->kind == FIELD_REF && n > 3 && strcmp(f->name + n - 3, "_id") == 0)
		n -= 3;
	char *s = xstrndup(f->name, n);
	for (char *p = s; *p; p++)
		if (*p == '_')
			*p = '-';
	return s;
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
	printf("usage: kith %s add [--FIELD VALUE ...]\n"
	       "       kith %s list [--search TEXT] [--sort ORDER] [--filter NAME] [--FIELD VALUE]\n"
	       "                   [--limit N] [--json]\n"
	       "       kith %s show ID [--json]\n"
	       "       kith %s edit ID --FIELD VALUE ...\n"
	       "       kith %s delete ID\n",
	       n, n, n, n, n);
	if (def->kind == ENTITY_GROUP)
		printf("       kith group join GROUP PERSON [--role ROLE] [--since DATE]\n"
		       "       kith group leave GROUP PERSON\n"
		       "       kith group members GROUP [--json]\n");
	if (def->kind == ENTITY_PERSON || def->kind == ENTITY_ASSET)
		printf("       kith %s tag ID KIND NAME\n", n);
	if (def->kind == ENTITY_ACTIVITY)
		printf("       kith activity attend ACTIVITY PERSON [--role ROLE]\n");
	printf("\nID is a whole id, its first few characters, or the %s's name.\n\nfields:\n", n);
	for (int i = 0; i < def->nfields; i++)
		if (!(def->fields[i].flags & FIELD_AUTO) &&
		    !(def->scope_field == i))
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

/* ---- field flags ---- */

/* The field a --flag names, or -1. */
static int field_of_flag(const struct entity_def *def, const char *flag)
{
	char *name = xstrdup(flag);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	int f = entity_field(def, name);
	free(name);
	return f;
}

/* Reads --FIELD VALUE pairs from argv[from..] into rec. */
static int read_fields(struct cli *c, int from, struct record *rec, int *nset)
{
	const struct entity_def *def = rec->def;
	*nset = 0;
	for (int i = from; i < c->argc;) {
		char *name = NULL;
		const char *value = NULL;
		int rc = cli_next_option(c, &i, &name, &value);
		if (rc != CLI_OK)
			return rc;
		int f = field_of_flag(def, name);
		if (f < 0 || (def->fields[f].flags & FIELD_AUTO))
			rc = cli_usage(c, "%s have no field --%s%s", def->plural, name,
				       f >= 0 ? " that can be set (kith sets it)" : "");
		free(name);
		if (rc != CLI_OK)
			return rc;
		record_set(rec, f, value);
		(*nset)++;
	}
	return CLI_OK;
}

/* ---- add, edit, delete ---- */

static int cmd_add(struct cli *c, const struct entity_def *def)
{
	struct record *rec = record_new(def);
	int nset, rc = read_fields(c, 1, rec, &nset);
	if (rc == CLI_OK)
		rc = cli_open(c);
	struct kerr err;
	if (rc == CLI_OK && entity_create(c->st, rec, &err) != K_OK)
		rc = cli_fail(c, &err);
	if (rc == CLI_OK) {
		printf("%s\n", rec->id);
		rc = cli_finish_output();
	}
	record_free(rec);
	return rc;
}

static int resolve_arg(struct cli *c, const struct entity_def *def, char id[ID_LEN])
{
	if (c->argc < 2 || strncmp(c->argv[1], "--", 2) == 0)
		return cli_usage(c, "which %s? give its id or name", def->name);
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	if (entity_resolve(c->st, def, c->argv[1], id, &err) != K_OK)
		return cli_fail(c, &err);
	return CLI_OK;
}

static int cmd_edit(struct cli *c, const struct entity_def *def)
{
	char id[ID_LEN];
	int rc = resolve_arg(c, def, id);
	if (rc != CLI_OK)
		return rc;
	struct kerr err;
	struct record *rec = NULL;
	if (entity_load(c->st, def, id, &rec, &err) != K_OK)
		return cli_fail(c, &err);
	int nset;
	rc = read_fields(c, 2, rec, &nset);
	if (rc == CLI_OK && nset == 0)
		rc = cli_usage(c, "nothing to change: give --FIELD VALUE");
	if (rc == CLI_OK && entity_update(c->st, rec, &err) != K_OK)
		rc = cli_fail(c, &err);
	record_free(rec);
	return rc;
}

static int cmd_delete(struct cli *c, const struct entity_def *def)
{
	char id[ID_LEN];
	int rc = resolve_arg(c, def, id);
	if (rc != CLI_OK)
		return rc;
	if (c->argc > 2)
		return cli_usage(c, "delete takes only the id");
	struct kerr err;
	if (entity_delete(c->st, def, id, &err) != K_OK)
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
		else
			cli_print_safe(v);
		putchar('\n');
	}
	printf("  %-22s %s\n  %-22s %s\n", "created", rec->created_at, "updated", rec->updated_at);
}

static int cmd_show(struct cli *c, const struct entity_def *def)
{
	char id[ID_LEN];
	int rc = resolve_arg(c, def, id);
	if (rc != CLI_OK)
		return rc;
	bool json = false;
	for (int i = 2; i < c->argc; i++) {
		if (!cli_flag(c, i, "json"))
			return cli_usage(c, "show takes an id and --json");
		json = true;
	}
	struct kerr err;
	struct record *rec = NULL;
	if (entity_view(c->st, def, id, &rec, &err) != K_OK) /* shown: a view, audited */
		return cli_fail(c, &err);
	if (json) {
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

static int list_option(struct cli *c, struct list_opts *o, int *i)
{
	if (cli_flag(c, *i, "json")) {
		o->json = true;
		(*i)++;
		return CLI_OK;
	}
	char *name = NULL;
	const char *v = NULL;
	struct kerr err;
	long n = 0;
	int rc = cli_next_option(c, i, &name, &v);
	if (rc != CLI_OK)
		return rc;
	if (strcmp(name, "search") == 0) {
		o->q.search = v;
	} else if (strcmp(name, "sort") == 0) {
		rc = list_sort(c, o, v);
	} else if (strcmp(name, "filter") == 0) {
		if (page_query_named(&o->q, v, &err) != K_OK)
			rc = cli_usage(c, "%s", err.msg);
	} else if (strcmp(name, "limit") == 0) {
		if (valid_int(v, 1, 1000000000, &n, "--limit", &err) != K_OK)
			rc = cli_usage(c, "%s", err.msg);
		o->limit = n;
	} else {
		int f = field_of_flag(o->q.def, name);
		rc = f < 0 ? cli_usage(c, "unknown option --%s", name) : list_value(c, o, f, v);
	}
	free(name);
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

static int cmd_list(struct cli *c, const struct entity_def *def)
{
	struct list_opts o = {0};
	page_query_init(&o.q, def);
	o.q.limit = 200;
	int rc = CLI_OK;
	for (int i = 1; i < c->argc && rc == CLI_OK;)
		rc = list_option(c, &o, &i);
	/* pages no longer than what is wanted: --limit 50 reads 50 rows, not 200 */
	if (o.limit > 0 && o.limit < o.q.limit)
		o.q.limit = (int)o.limit;
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc == CLI_OK) {
		if (o.json)
			fputs("[", stdout);
		else
			list_header(def);
		rc = list_pages(c, &o);
		if (o.json)
			fputs("]\n", stdout);
	}
	for (int i = 0; i < PAGE_MAX_FILTERS; i++)
		free(o.values[i]);
	int out = cli_finish_output();
	return rc != CLI_OK ? rc : out;
}

/* ---- dispatch ---- */

int cli_entity(struct cli *c, const struct entity_def *def)
{
	const char *verb = c->argv[0];
	char *command = xasprintf("%s %s", def->name, verb);
	const char *was = c->command;
	c->command = command;
	bool handled = false;
	int rc = CLI_OK;
	if (strcmp(verb, "add") == 0)
		rc = cmd_add(c, def), handled = true;
	else if (strcmp(verb, "list") == 0)
		rc = cmd_list(c, def), handled = true;
	else if (strcmp(verb, "show") == 0)
		rc = cmd_show(c, def), handled = true;
	else if (strcmp(verb, "edit") == 0)
		rc = cmd_edit(c, def), handled = true;
	else if (strcmp(verb, "delete") == 0)
		rc = cmd_delete(c, def), handled = true;
	else if (def->kind == ENTITY_GROUP)
		rc = cli_group_extra(c, verb, &handled);
	else if (def->kind == ENTITY_PERSON || def->kind == ENTITY_ASSET)
		rc = cli_person_extra(c, def, verb, &handled);
	else if (def->kind == ENTITY_ACTIVITY)
		rc = cli_activity_extra(c, verb, &handled);
	if (!handled)
		rc = cli_usage(c, "unknown command '%s %s'", def->name, verb);
	c->command = was;
	free(command);
	return rc;
}
