/* The gate in front of everything personal: making the first admin of a new database,
 * logging in, and the lock screen. While the gate is up nothing else is drawn, and an
 * unsaved form waits behind it for the same worker. */
#ifndef KITH_GATE_H
#define KITH_GATE_H

#include "lineedit.h"
#include "tui.h"

enum gate_mode { GATE_FIRST, GATE_LOGIN, GATE_LOCKED };
enum gate_result { GATE_STAY, GATE_OPENED, GATE_QUIT, GATE_SWITCH };

#define GATE_FIELDS 4

struct gate {
	enum gate_mode mode;
	struct lineedit field[GATE_FIELDS];
	int nfield, focus;
	char who[160]; /* whose password opens a lock */
	char message[320];
	bool error;
	char note[200]; /* said under a lock's first line: what happens to a waiting form */
};

struct gate *gate_new(enum gate_mode mode, const char *who);
void gate_free(struct gate *g); /* wipes what was typed */
void gate_draw(struct tui *t, struct gate *g);
/* A key at the gate: GATE_OPENED when someone logged in or unlocked (the store now acts as
 * them), GATE_QUIT to leave kith, GATE_SWITCH when the locked worker's session is to end
 * for another worker (the caller keeps what must be kept, then calls gate_switch). */
enum gate_result gate_key(struct tui *t, struct gate *g, int key);
/* Ends the locked worker's session and asks for a login. */
void gate_switch(struct tui *t, struct gate *g);
/* Says msg under the fields (an error stands out). */
void gate_say(struct gate *g, bool error, const char *msg);

#endif
