/* Taking back what one key did: u moves a referral on and v marks an asset verified at once,
 * so a stray key must be as easy to undo. The status line says what the key did and which
 * key takes it back; taking it back is a correction, audited as one. */
#include "tui_impl.h"

#include <stdarg.h>
#include <stdio.h>

void tui_undoable(struct tui *t, struct entity_change *change, const char *back, const char *fmt,
		  ...)
{
	char did[200], key[24];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(did, sizeof did, fmt, ap);
	va_end(ap);
	tui_undo_forget(t);
	if (!change->def) { /* it changed nothing */
		tui_status(t, false, "%s", did);
		return;
	}
	t->undo = *change;
	*change = (struct entity_change){0};
	snprintf(t->undo_back, sizeof t->undo_back, "%s", back);
	keys_key_for(KEYMAP_RECORDS, ACT_UNDO, key, sizeof key);
	tui_status(t, false, "%s · %s takes it back", did, key);
}

int tui_undo(struct tui *t)
{
	struct kerr err;
	if (!t->undo.def) {
		tui_status(t, true,
			   "Nothing to take back: only a status or a verification "
			   "a key has just set can be");
		return R_NONE;
	}
	int status = entity_revert(t->st, &t->undo, &err);
	if (status != K_OK) {
		tui_status(t, true, "%s", err.msg);
		if (status == K_CONFLICT) /* changed since: there is no way back by a key */
			tui_undo_forget(t);
		return R_NONE;
	}
	tui_react(t, R_RELOAD, t->undo.id);
	tui_status(t, false, "Taken back (audited): %s", t->undo_back);
	tui_undo_forget(t);
	return R_NONE;
}

void tui_undo_forget(struct tui *t)
{
	entity_change_free(&t->undo);
	t->undo_back[0] = '\0';
}
