/* The sync proof's shared parts (test_sync_proof.c): laptops that are real kith files, the
 * random operations done on them through core's own functions, what each operation wrote (read
 * back from the laptop, so that the oracle needs no model of kith's rules), and the final
 * checks of item 5: every laptop equal to the reference, nothing acknowledged lost. */
#ifndef KITH_PROOF_H
#define KITH_PROOF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct store;

#define PROOF_MAX_LAPTOPS 6

struct proof_laptop {
	char path[160];
	char name[48]; /* its name at the hub */
	struct store *st;
	long shift; /* its clock's offset from the true clock, seconds (KITH_CLOCK_SHIFT) */
};

/* One column of one row as an operation left it: the row's table and key (one or two key
 * columns), the column (or an SQL expression of the row's columns, such as "deleted_at IS
 * NULL"), the person it is about (its erasure voids the check), who wrote it, when. */
struct proof_write {
	const char *tbl, *k1col, *k2col, *col;
	char *k1, *k2, *person;
	char *value; /* NULL: SQL NULL */
	int laptop;
	long step;
};

/* A record a laptop made, and whether a sync since has been seen to take it to the hub. */
struct proof_made {
	const char *tbl;
	char *key;
	int laptop;
	long step;
	bool acked;
};

struct proof_counts {
	long seeds, laptops, ops, syncs, killed, dropped, diverged;
};

struct proof {
	uint64_t rng;
	int n;
	long step;
	struct proof_laptop lap[PROOF_MAX_LAPTOPS];
	struct proof_write *w;
	long nw;
	size_t capw;
	struct proof_made *made;
	long nmade;
	size_t capmade;
	char **erased; /* person ids erased anywhere */
	long nerased;
	size_t caperased;
	struct strbuf why; /* the first failures of this seed, for its one line */
	int failures;
	struct proof_counts *count;
};

/* xorshift64*: the seed's whole schedule comes from it. */
uint64_t proof_rand(struct proof *p);
long proof_below(struct proof *p, long n); /* 0 .. n-1 */

/* Sets the laptop's clock (KITH_CLOCK_SHIFT) for what core does next on it. */
void proof_clock(struct proof *p, int laptop);

/* 1 to 5 random operations on the laptop; each that core accepted adds its writes. */
void proof_ops(struct proof *p, int laptop, int count);

/* A failure of this seed: counted, and the first few kept for its line. */
void proof_fail(struct proof *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Compares the laptop's dump with ref (a dump, sorted lines); false, with a failure naming the
 * first line that differs, when they differ. */
bool proof_same(struct proof *p, int laptop, const char *what, const char *ref);

/* The checks on what was written, against the reference laptop's file (equal to the hub
 * by then): each record made exists, each column written by one laptop ends with its last
 * value, each written by several with one of theirs, a referral's status the furthest. */
void proof_check_writes(struct proof *p, int ref);

/* How far a referral's status has gone: made 0, contacted 1, an outcome 2, closed 3; -1 for
 * anything else. */
int proof_rank(const char *status);

/* A sorted copy of a dump's lines, one string. */
char *proof_sorted(const char *dump);

void proof_reset(struct proof *p);

/* ---- the hub (proof_hub.c) ---- */

/* Starts the private PostgreSQL (tests/pgtmp) in scratch/pg; false when it cannot. */
bool proof_hub_start(const char *scratch);
void proof_hub_stop(void);
/* A worker process's own hub database (seeds run in two processes at once); false when it
 * cannot be made. */
bool proof_hub_worker(int worker);
void proof_hub_worker_end(void);
/* The seed's hub, empty: laptop 0 makes it (hub_init, the worker's first seed) or joins it,
 * and adds the others, who join (hub_join). */
bool proof_hub_join(struct proof *p, long seed);

enum proof_how { PROOF_PLAIN, PROOF_KILLED, PROOF_DROPPED };
struct proof_sync {
	enum proof_how how;
	long kill_us;  /* killed: how long the child syncs before SIGKILL */
	int alongside; /* killed: another laptop that syncs meanwhile, or -1 */
	int drop;      /* dropped: after how many of the hub's calls the line drops */
};
/* One sync of laptop l; whether it finished. A plain one that fails is a failure. */
bool proof_hub_sync(struct proof *p, int l, const struct proof_sync *how);
/* A sync that must succeed; *quiet when it moved nothing either way. */
bool proof_hub_quiet(struct proof *p, int l, bool *quiet);
/* Every kith.row as a sorted dump (each row's JSON through syncdb_canonical), or NULL. */
char *proof_hub_dump(struct proof *p);

/* ---- the control (proof_control.c) ---- */

/* Laptop l hands its outbox to every other laptop, which keeps the later by its clock. */
void proof_control_sync(struct proof *p, int l);

#endif
