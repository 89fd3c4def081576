/* The data commands typed after ':': import, export and backup, with the command line's
 * messages, and a progress bar on the status line for what takes more than a moment. */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backup.h"
#include "entity.h"
#include "export.h"
#include "file.h"
#include "hsds.h"
#include "import.h"
#include "store.h"
#include "strbuf.h"
#include "treeview.h"
#include "xalloc.h"

/* The status line as a bar while work goes on (drawn at once: the loop is busy). */
static bool progress(void *ctx, double done)
{
	struct tui *t = ctx;
	char bar[64] = "";
	int full = (int)(done * 20 + 0.5);
	for (int i = 0; i < 20; i++)
		strcat(bar, i < full ? "█" : "░");
	tui_status(t, false, "Working: %s %d%%", bar, (int)(done * 100));
	tui_show_now(t);
	return true;
}

/* A refused file: every line and why, in a list to read through. */
static void show_problems(struct tui *t, const char *path, const struct import_result *r)
{
	char title[300], note[80];
	snprintf(title, sizeof title, "Nothing was imported from %s", path);
	snprintf(note, sizeof note, "%d line%s refused: put them right and import again",
		 r->nproblem, r->nproblem == 1 ? " was" : "s were");
	struct treeview *tv = treeview_new(title, note);
	for (int i = 0; i < r->nproblem; i++) {
		char line[600];
		snprintf(line, sizeof line, "line %ld%s%s%s: %s", r->problem[i].line,
			 r->problem[i].column[0] ? ", \"" : "", r->problem[i].column,
			 r->problem[i].column[0] ? "\"" : "", r->problem[i].reason);
		treeview_add(tv, -1, line, NULL, ENTITY_COUNT, NULL);
	}
	tui_push(t, &tv->m);
}

static void import(struct tui *t, const char *what, const char *path)
{
	struct import_options o = {.progress = progress, .ctx = t};
	struct import_result *r = xcalloc(1, sizeof *r);
	struct kerr err;
	bool hsds = strcmp(what, "hsds") == 0;
	int kind = import_kind_parse(what);
	int status;
	if (!hsds && kind < 0)
		status = kerr_set(&err, K_INVALID, "", ":import people|assets|groups|memberships|"
							"referrals FILE, or :import hsds DIR");
	else
		status = hsds ? hsds_import(tui_store(t), path, &o, r, &err)
			      : import_csv(tui_store(t), (enum import_kind)kind, path, &o, r, &err);
	if (status == K_OK) {
		char line[1200];
		import_summary(path, r, &o, line, sizeof line);
		tui_react(t, R_RELOAD, NULL);
		tui_status(t, false, "%s", line);
	} else {
		tui_status(t, true, "%s", err.msg);
		if (r->nproblem)
			show_problems(t, path, r);
	}
	free(r);
}

static const struct entity_def *exportable(const char *what)
{
	static const struct {
		const char *word;
		enum entity_kind kind;
	} kinds[] = {{"people", ENTITY_PERSON}, {"assets", ENTITY_ASSET}, {"groups", ENTITY_GROUP},
		     {"referrals", ENTITY_REFERRAL}, {"conversations", ENTITY_CONVERSATION}};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(what, kinds[i].word) == 0)
			return entity_get(kinds[i].kind);
	return NULL;
}

static void export(struct tui *t, const char *what, const char *path)
{
	struct kerr err;
	long n = 0;
	if (strcmp(what, "hsds") == 0) {
		if (hsds_export(tui_store(t), path, &n, &err) != K_OK)
			tui_status(t, true, "%s", err.msg);
		else
			tui_status(t, false, "%s: an Open Referral package of %ld community assets",
				   path, n);
		return;
	}
	const struct entity_def *def = exportable(what);
	if (!def) {
		tui_status(t, true, ":export people|assets|groups|referrals|conversations FILE (.json "
				    "for JSON), or :export hsds DIR");
		return;
	}
	bool json = strlen(path) > 5 && strcmp(path + strlen(path) - 5, ".json") == 0;
	struct strbuf sb = STRBUF_INIT;
	/* never over a file already there, nor ever over the database itself */
	int status = file_check_out(path, store_path(tui_store(t)), false, &err);
	if (status == K_OK)
		status = export_entity(tui_store(t), def, json ? EXPORT_JSON : EXPORT_CSV, &sb, &n,
				       &err);
	if (status == K_OK)
		status = file_write_private(path, strbuf_str(&sb), sb.len, &err);
	strbuf_free(&sb);
	if (status != K_OK)
		tui_status(t, true, "%s", err.msg);
	else
		tui_status(t, false, "%s: %ld %s, readable only by you", path, n,
			   n == 1 ? def->name : def->plural);
}

static void backup(struct tui *t)
{
	struct backup_options o = {progress, t};
	char written[4096];
	struct kerr err;
	if (backup_take(tui_store(t), NULL, &o, written, sizeof written, &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	else
		tui_status(t, false, "Backed up, checked: %s", written);
}

bool command_data(struct tui *t, const char *cmd)
{
	char word[16] = "", what[24] = "", path[4096] = "";
	int n = sscanf(cmd, "%15s %23s %4095[^\n]", word, what, path);
	if (strcmp(word, "backup") == 0 && n == 1) {
		backup(t);
		return true;
	}
	if ((strcmp(word, "import") == 0 || strcmp(word, "export") == 0)) {
		if (n < 3)
			tui_status(t, true, ":%s WHAT FILE: %s", word,
				   word[0] == 'i' ? "people, assets, groups, memberships, referrals "
						    "or hsds"
						  : "people, assets, groups, referrals, conversations "
						    "or hsds");
		else if (word[0] == 'i')
			import(t, what, path);
		else
			export(t, what, path);
		return true;
	}
	return false;
}
