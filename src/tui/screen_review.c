/* Keep, erase and export a person, each asking what core needs (a reason, a file) first. The
 * person is the one under the People list's cursor, which a question above it cannot move. */
#include "screen_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "date.h"
#include "dialog.h"
#include "person.h"
#include "record.h"
#include "store.h"
#include "xalloc.h"

/* The answer typed, without leading spaces, and the person it is about (the id copied: a
 * refresh replaces the list's rows). False when there is nothing to do. */
static bool answered(struct tui *t, struct modal *m, bool ok, char **text, char id[ID_LEN])
{
	const struct record *p = listview_current(&tui_screen(t)->list);
	if (!ok || !p)
		return false;
	const char *typed = ((struct dialog *)m)->line.text;
	while (*typed == ' ')
		typed++;
	*text = xstrdup(typed);
	snprintf(id, ID_LEN, "%s", p->id);
	return true;
}

static void ask_why(struct tui *t, const char *label,
		    void (*done)(struct tui *, struct modal *, bool))
{
	struct dialog *d = dialog_prompt(label, "");
	d->m.done = done;
	tui_push(t, &d->m);
}

/* An empty reason asks again, so that Enter pressed too soon loses nothing already
 * confirmed; Esc still gives up. */
static bool unanswered(struct tui *t, char *reason, const char *label,
		       void (*done)(struct tui *, struct modal *, bool))
{
	if (*reason)
		return false;
	free(reason);
	ask_why(t, label, done);
	return true;
}

static void kept(struct tui *t, struct modal *m, bool ok)
{
	char *reason, id[ID_LEN];
	struct kerr err;
	if (!answered(t, m, ok, &reason, id) ||
	    unanswered(t, reason, "A reason is needed (Esc: keep nothing). Why keep it? ", kept))
		return;
	if (person_keep(tui_store(t), id, reason, NULL, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
	} else {
		tui_react(t, R_RELOAD, id);
		tui_status(t, false,
			   "Kept for another retention period: the reason is in the audit");
	}
	free(reason);
}

static void erased(struct tui *t, struct modal *m, bool ok)
{
	char *reason, id[ID_LEN];
	struct kerr err;
	if (!answered(t, m, ok, &reason, id) ||
	    unanswered(t, reason, "A reason is needed (Esc: erase nothing). Why erase? ", erased))
		return;
	int status = person_erase(tui_store(t), id, reason, &err);
	free(reason);
	tui_screen(t)->detail_focus = false;
	tui_react(t, R_RELOAD, NULL);
	if (status == K_OK)
		tui_status(t, false,
			   "Erased. Their referrals stay as anonymous flow between assets");
	else
		tui_status(t, true, "%s", err.msg);
}

static void erase_confirmed(struct tui *t, struct modal *m, bool ok)
{
	(void)m;
	if (ok)
		ask_why(t, "Why erase? (kept in the audit trail: name no one) ", erased);
}

static void exported(struct tui *t, struct modal *m, bool ok)
{
	char *path, id[ID_LEN];
	struct kerr err;
	if (!answered(t, m, ok, &path, id))
		return;
	if (person_export(tui_store(t), id, path, &err) != K_OK)
		tui_status(t, true, "%s", err.msg);
	else
		tui_status(t, false, "Written, private to you: %s and %s.txt", path, path);
	free(path);
}

void review_act(struct tui *t, const struct record *person, enum action a)
{
	struct kerr err;
	enum auth_right right = a == ACT_KEEP    ? AUTH_REVIEW
				: a == ACT_ERASE ? AUTH_ERASE
						 : AUTH_SUBJECT_ACCESS;
	if (auth_require(tui_store(t), right, &err) != K_OK) {
		tui_status(t, true, "%s", err.msg);
		return;
	}
	char question[300];
	if (a == ACT_KEEP) {
		ask_why(t, "Why keep this record? ", kept);
	} else if (a == ACT_ERASE) {
		snprintf(question, sizeof question,
			 "Erase %s for good? Their details, conversations "
			 "and wellbeing answers go; referrals stay, nameless.",
			 record_display(person));
		struct dialog *d = dialog_confirm(question);
		d->m.done = erase_confirmed;
		tui_push(t, &d->m);
	} else {
		const char *home = getenv("HOME");
		char day[DATE_LEN], *path = xasprintf("%s/kith-subject-access-%.8s-%s.json",
						      home && *home ? home : ".", person->id,
						      (date_today(day), day));
		struct dialog *d = dialog_prompt("Write everything held about them to: ", path);
		d->m.done = exported;
		tui_push(t, &d->m);
		free(path);
	}
}
