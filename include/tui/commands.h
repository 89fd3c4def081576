/* The interface's commands, typed after ':': `:venue NAME`, `:sync`, `:help`, `:quit`, and the data
 * commands `:import WHAT FILE`, `:export WHAT FILE` and `:backup`, with the same messages as
 * the command line. */
#ifndef KITH_COMMANDS_H
#define KITH_COMMANDS_H

#include "tui.h"

/* Asks for a command on the bottom line and runs it. */
void command_prompt(struct tui *t);

#endif
