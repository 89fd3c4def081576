/* A C suite's private PostgreSQL (tests/pgtmp), stopped even when the suite is killed: the
 * postmaster runs in a session of its own, so a suite killed by meson's timeout (SIGTERM to
 * its process group) would leave it running. The C twin of tests/pghub.py. */
#ifndef KITH_PGHUB_H
#define KITH_PGHUB_H

#include <stdbool.h>
#include <stddef.h>

/* Starts a cluster in dir (missing or empty) and puts its owner's connection string in
 * owner; false, saying why on stderr, when it cannot. From then until pghub_stop, SIGTERM,
 * SIGINT or SIGHUP to this process stops it too (one cluster at a time). */
bool pghub_start(const char *dir, char *owner, size_t size);

/* Stops the cluster and removes its directory; false when tests/pgtmp could not. */
bool pghub_stop(void);

#endif
