/* The readiness report. Scaffolding: the engineer building it replaces this file. */
#include "report.h"

#include "store.h"

int report_readiness(struct store *st, const struct report_query *q, struct report *out,
		     struct kerr *err)
{
	(void)st;
	(void)q;
	(void)out;
	return kerr_set(err, K_INVALID, "", "the readiness report is not built yet");
}
