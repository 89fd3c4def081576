/* The interface's data commands, typed after ':': `:import WHAT FILE`, `:export WHAT FILE`
 * and `:backup`, with the same messages as the command line. */
#ifndef KITH_COMMANDS_H
#define KITH_COMMANDS_H

#include <stdbool.h>

#include "tui.h"

/* Runs cmd when it is one of these (true), else leaves it to the caller (false). */
bool command_data(struct tui *t, const char *cmd);

#endif
