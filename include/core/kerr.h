/* Status codes and the error a core call fills in. Core returns a status and never prints:
 * the interface shows kerr.msg on its status line, the command line prints it to stderr. */
#ifndef KITH_KERR_H
#define KITH_KERR_H

#define KERR_STATUSES(X) \
	X(OK, "ok") \
	X(INVALID, "invalid input") \
	X(NOT_FOUND, "not found") \
	X(AMBIGUOUS, "ambiguous") \
	X(CONFLICT, "conflict") \
	X(TRANSITION, "not an allowed change") \
	X(DUPLICATE, "already exists") \
	X(DB, "database error") \
	X(BUSY, "database is busy") \
	X(READONLY, "database is read-only") \
	X(CORRUPT, "database is damaged") \
	X(NEWER, "database is from a newer kith") \
	X(NOT_KITH, "not a kith database") \
	X(UNSAFE, "unsafe file") \
	X(IO, "input/output error") \
	X(REFUSED, "refused")

enum kstatus {
#define X(name, text) K_##name,
	KERR_STATUSES(X)
#undef X
};

struct kerr {
	enum kstatus status;
	char field[48]; /* the field or input the refusal is about; "" when none */
	char msg[320]; /* a full sentence for a person: what is wrong and, where useful, how to fix it */
};

/* Sets err (which may be NULL) and returns status, so callers can `return kerr_set(...)`. */
int kerr_set(struct kerr *err, enum kstatus status, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void kerr_clear(struct kerr *err);
const char *kerr_status_text(enum kstatus status);

#endif
