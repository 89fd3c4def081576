/* kith: with a command, the command line; without one, the interface. */
#include "cli.h"
#include "tui.h"
#include "utf8.h"

int main(int argc, char **argv)
{
	/* widths of names in any script, and the locale's UTF-8, whatever LANG says */
	utf8_locale();
	return cli_main(argc, argv, tui_main);
}
