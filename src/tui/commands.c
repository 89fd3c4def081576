/* The commands typed after ':': the venue, syncing, help and quitting, and the data commands import,
 * export and backup, with the command line's messages and a progress bar on the status line
 * for what takes more than a moment. */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asset.h"
#include "autosync.h"
#include "backup.h"
#include "dialog.h"
#include "entity.h"
#include "export.h"
#include "file.h"
#include "hsds.h"
#include "import.h"
#include "picker.h"
#include "record.h"
#include "setting.h"
#include "store.h"
#include "strbuf.h"
#include "treeview.h"
#include "tui_impl.h"
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
	long lines = r->refused ? r->refused : r->nproblem; /* Open Referral counts problems */
	snprintf(note, sizeof note, "%ld line%s refused: put them right and import again", lines,
		 lines == 1 ? " was" : "s were");
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

/* ":export KIND FILE ...; KIND: people assets ...", the kinds as core names them, apart by
 * spaces so that the twelve of them wrap onto the status line's two rows at 80 columns. */
static void say_kinds(struct tui *t, const char *word, const char *const *kinds)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_join(&sb, kinds, " ", " ");
	tui_status(t, true, ":%s KIND FILE%s or hsds DIR; KIND: %s", word,
		   kinds == export_kinds ? "[.json]" : "", strbuf_str(&sb));
	strbuf_free(&sb);
}

static void import(struct tui *t, const char *what, const char *path)
{
	bool hsds = strcmp(what, "hsds") == 0;
	int kind = import_kind_parse(what);
	if (!hsds && kind < 0) {
		say_kinds(t, "import", import_kinds);
		return;
	}
	struct import_options o = {.progress = progress, .ctx = t};
	struct import_result *r = xcalloc(1, sizeof *r);
	struct kerr err;
	int status = hsds ? hsds_import(tui_store(t), path, &o, r, &err)
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
	int kind = export_parse(export_kinds, what);
	if (kind < 0) {
		say_kinds(t, "export", export_kinds);
		return;
	}
	bool json = strlen(path) > 5 && strcmp(path + strlen(path) - 5, ".json") == 0;
	struct strbuf sb = STRBUF_INIT;
	/* never over a file already there, nor ever over the database itself */
	int status = file_check_out(path, store_path(tui_store(t)), false, &err);
	if (status == K_OK)
		status = export_kind(tui_store(t), (enum export_kind)kind,
				     json ? EXPORT_JSON : EXPORT_CSV, &sb, &n, &err);
	if (status == K_OK)
		status = file_write_private(path, strbuf_str(&sb), sb.len, &err);
	strbuf_free(&sb);
	if (status != K_OK)
		tui_status(t, true, "%s", err.msg);
	else
		tui_status(t, false, "%s: %ld %s, readable only by you", path, n,
			   export_kind_noun((enum export_kind)kind, n));
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

/* Runs cmd when it is one of these (true), else leaves it to the caller (false). */
static bool command_data(struct tui *t, const char *cmd)
{
	char word[16] = "", what[24] = "", path[4096] = "";
	int n = sscanf(cmd, "%15s %23s %4095[^\n]", word, what, path);
	if (strcmp(word, "backup") == 0 && n == 1) {
		backup(t);
		return true;
	}
	if ((strcmp(word, "import") == 0 || strcmp(word, "export") == 0)) {
		if (n < 3)
			say_kinds(t, word, word[0] == 'i' ? import_kinds : export_kinds);
		else if (word[0] == 'i')
			import(t, what, path);
		else
			export(t, what, path);
		return true;
	}
	return false;
}

static void venue_is(struct tui *t, const char *id)
{
	struct kerr err;
	struct record *rec = NULL;
	if (entity_load(t->st, &asset_entity, id, &rec, &err) != K_OK ||
	    setting_set(t->st, "venue", id, &err) != K_OK) {
		tui_status(t, true, "venue: %s", err.msg);
	} else {
		snprintf(t->venue, sizeof t->venue, "%s", id);
		snprintf(t->venue_name, sizeof t->venue_name, "%s", record_display(rec));
		tui_status(t, false, "Venue: %s. Referrals and conversations start from here.",
			   t->venue_name);
	}
	record_free(rec);
}

static void venue_chosen(struct tui *t, struct modal *m, bool ok)
{
	if (ok)
		venue_is(t, ((struct picker *)m)->value);
}

static void set_venue(struct tui *t, const char *name)
{
	struct kerr err;
	char id[ID_LEN];
	if (strcmp(name, "-") == 0) {
		t->venue[0] = '\0';
		setting_set(t->st, "venue", NULL, &err);
		tui_status(t, false, "No venue: referrals will ask where they come from");
		return;
	}
	if (*name && entity_resolve(t->st, &asset_entity, name, id, &err) == K_OK) {
		venue_is(t, id);
		return;
	}
	struct picker *p = picker_records(t, "Where is this drop-in?", &asset_entity, name);
	p->m.done = venue_chosen;
	tui_push(t, &p->m);
}

static void command_done(struct tui *t, struct modal *m, bool ok)
{
	struct dialog *d = (struct dialog *)m;
	char *cmd = d->line.text;
	while (*cmd == ' ')
		cmd++;
	if (!ok || !*cmd)
		return;
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0)
		tui_quit(t);
	else if (strncmp(cmd, "venue", 5) == 0 && (cmd[5] == ' ' || !cmd[5]))
		set_venue(t, cmd[5] ? cmd + 6 : "");
	else if (strcmp(cmd, "sync") == 0)
		autosync_command(t);
	else if (strcmp(cmd, "help") == 0)
		tui_push(t, &dialog_help(tui_screen(t)->ops->keymap, "Keys")->m);
	else if (!command_data(t, cmd))
		tui_status(t, true,
			   ":%s is not a command; there are :venue NAME, :sync, :import WHAT FILE, "
			   ":export WHAT FILE, :backup, :help and :quit",
			   cmd);
}

void command_prompt(struct tui *t)
{
	struct dialog *d = dialog_prompt(":", "");
	d->m.done = command_done;
	tui_push(t, &d->m);
}
