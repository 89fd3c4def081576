/* A member's role, picked from the roles core knows: in what role someone joins a group (m on
 * the Groups or the People screen), and changing it later (r on a chosen member). */
#include "roles.h"

#include <stdio.h>
#include <string.h>

#include "membership.h"
#include "picker.h"
#include "store.h"
#include "tui.h"

/* What the one role picker open is about: kept here rather than allocated, so that a picker
 * freed without an answer (kith locked or quit) leaves nothing behind. */
static struct roles_ask pending;

static void chosen(struct tui *t, struct modal *m, bool ok)
{
	struct picker *p = (struct picker *)m;
	const struct roles_ask *ask = &pending;
	struct kerr err;
	if (ok) {
		bool change = *ask->current != '\0';
		int status = change ? membership_set_role(tui_store(t), ask->group, ask->person,
							  p->value, &err)
				    : membership_join(tui_store(t), ask->group, ask->person,
						      p->value, NULL, &err);
		if (status != K_OK) {
			tui_status(t, true, "%s", err.msg);
		} else {
			tui_react(t, R_RELOAD, ask->reload);
			if (change)
				tui_status(t, false, "%s is now %s of %s (was %s)",
					   ask->person_name, p->label, ask->group_name,
					   ask->current);
			else
				tui_status(t, false, "%s joined %s as %s", ask->person_name,
					   ask->group_name, p->label);
		}
	}
}

void roles_choose(struct tui *t, const struct roles_ask *ask)
{
	char title[300];
	if (*ask->current)
		snprintf(title, sizeof title, "%s's role in %s", ask->person_name, ask->group_name);
	else
		snprintf(title, sizeof title, "%s joins %s as", ask->person_name, ask->group_name);
	struct picker *p = picker_new(title);
	for (const char *const *r = membership_roles; *r; r++)
		picker_add(p, *r, *r, strcmp(*r, ask->current) == 0 ? "their role now" : "");
	picker_refresh(t, p);
	/* on a change, the first role that is not theirs; on joining, member */
	for (int i = 0; *ask->current && i < p->nshown; i++)
		if (strcmp(p->shown[i].value, ask->current) != 0) {
			p->sel = i;
			break;
		}
	pending = *ask;
	p->m.done = chosen;
	tui_push(t, &p->m);
}
