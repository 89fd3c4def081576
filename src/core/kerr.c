/* Filling in struct kerr: one sentence, the field it is about, and a status code. */
#include "kerr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const status_text[] = {
#define X(name, text) text,
	KERR_STATUSES(X)
#undef X
};

const char *kerr_status_text(enum kstatus status)
{
	if ((unsigned)status >= sizeof status_text / sizeof status_text[0])
		return "unknown status";
	return status_text[status];
}

int kerr_set(struct kerr *err, enum kstatus status, const char *field, const char *fmt, ...)
{
	if (!err)
		return (int)status;
	err->status = status;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return (int)status;
}

void kerr_clear(struct kerr *err)
{
	if (!err)
		return;
	err->status = K_OK;
	err->field[0] = '\0';
	err->msg[0] = '\0';
}
