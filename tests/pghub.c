/* A C suite's private PostgreSQL, stopped when the suite exits or is killed (see pghub.h).
 * On a signal the stop runs in a process of its own, in a new session, and the suite dies at
 * once by that signal: meson sends SIGKILL to the suite's group half a second after SIGTERM,
 * which would cut short a stop run from the suite itself. */
#include "pghub.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xalloc.h"

#ifndef KITH_PGTMP
#define KITH_PGTMP "tests/pgtmp"
#endif

static const int killers[] = {SIGTERM, SIGINT, SIGHUP};
static char running[PATH_MAX]; /* the cluster's directory, "" when none runs */
static pid_t starter;          /* the process that started it (forked workers inherit this) */

/* Async-signal-safe: fork, setsid, open, dup2, execv, signal, raise. */
static void killed(int sig)
{
	if (running[0] && getpid() == starter && fork() == 0) {
		setsid();
		int null = open("/dev/null", O_RDWR);
		if (null >= 0) {
			dup2(null, STDIN_FILENO);
			dup2(null, STDOUT_FILENO);
			dup2(null, STDERR_FILENO);
		}
		char *argv[] = {(char *)KITH_PGTMP, (char *)"stop", running, NULL};
		execv(KITH_PGTMP, argv);
		_exit(127);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void arm(void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof killers / sizeof killers[0]; i++)
		sigaddset(&sa.sa_mask, killers[i]); /* one stop, whichever comes first */
	for (size_t i = 0; i < sizeof killers / sizeof killers[0]; i++)
		sigaction(killers[i], &sa, NULL);
}

bool pghub_start(const char *dir, char *owner, size_t size)
{
	if (strlen(dir) >= sizeof running) {
		fprintf(stderr, "pghub: %s: too long a path\n", dir);
		return false;
	}
	/* armed before it starts: a kill during pgtmp start stops what it started */
	snprintf(running, sizeof running, "%s", dir);
	starter = getpid();
	arm(killed);
	char *cmd = xasprintf("'%s' start '%s'", KITH_PGTMP, dir);
	FILE *f = popen(cmd, "r");
	free(cmd);
	bool ok = f && fgets(owner, (int)size, f);
	if (f && pclose(f) != 0)
		ok = false;
	if (!ok) {
		fprintf(stderr, "pghub: tests/pgtmp could not start PostgreSQL in %s\n", dir);
		running[0] = '\0';
		arm(SIG_DFL);
		return false;
	}
	owner[strcspn(owner, "\n")] = '\0';
	return true;
}

bool pghub_stop(void)
{
	if (!running[0])
		return true;
	char *cmd = xasprintf("'%s' stop '%s'", KITH_PGTMP, running);
	bool ok = system(cmd) == 0;
	free(cmd);
	arm(SIG_DFL);
	running[0] = '\0';
	return ok;
}
