/* Small modal widgets: a yes/no question, a line typed at the bottom (search, or a :command)
 * and the help generated from the key table. */
#ifndef KITH_DIALOG_H
#define KITH_DIALOG_H

#include "lineedit.h"
#include "tui.h"

struct dialog {
	struct modal m;
	char *text;           /* the question, or the prompt's label ("/", ":") */
	struct lineedit line; /* a prompt's text */
	/* a prompt calls this after every change (search as you type) */
	void (*changed)(struct tui *t, struct dialog *d);
	/* a prompt with it takes Down, Up, PgDn and PgUp (ACT_DOWN...) to move in what it
	 * shows (the matches of a search), and says so */
	void (*moved)(struct tui *t, struct dialog *d, enum action a);
	enum keymap help_map; /* for help: whose keys */
	int top;              /* for help: first row shown */
};

/* done is called with ok true when the answer is yes. */
struct dialog *dialog_confirm(const char *question);
struct dialog *dialog_prompt(const char *label, const char *text);
struct dialog *dialog_help(enum keymap map, const char *title);
/* Where a file named file goes unless the user says otherwise, to offer in a prompt: their
 * documents folder ($XDG_DOCUMENTS_DIR, else ~/Documents), else their home. Caller frees. */
char *dialog_default_path(const char *file);

#endif
