/* kith: with a command, the command line; without one, the interface. */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "cli.h"
#include "keys.h"
#include "tui.h"
#include "utf8.h"

/* A crash must not leave personal data in a core file, and no other process of the same
 * user may read this one's memory; files kith makes are private whatever the umask. */
static void keep_to_itself(void)
{
	struct rlimit none = {0, 0};
	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	umask(077);
}

int main(int argc, char **argv)
{
	keep_to_itself();
	/* widths of names in any script, and the locale's UTF-8, whatever LANG says */
	utf8_locale();
	static const struct cli_interface tui = {tui_main, keys_markdown};
	return cli_main(argc, argv, &tui);
}
