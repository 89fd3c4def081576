/* A suite's private PostgreSQL through tests/pghub.c and nothing else, for test_hub.py, which
 * kills it as meson's timeout would and looks for what it left.
 * Usage: pghub_driver DIR   starts a cluster in DIR, prints the owner's connection string,
 * waits for the end of standard input, stops the cluster; exit status 0, or 1. */
#include <stdio.h>

#include "pghub.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: pghub_driver DIR\n");
		return 2;
	}
	char owner[1024];
	if (!pghub_start(argv[1], owner, sizeof owner))
		return 1;
	printf("%s\n", owner);
	fflush(stdout);
	while (getchar() != EOF)
		;
	return pghub_stop() ? 0 : 1;
}
