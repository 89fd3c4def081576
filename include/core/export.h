/* Exporting records for reports and other tools: every live record of an entity as CSV
 * (RFC 4180, formula cells made inert) or JSON, written whole and private. A coordinator's
 * bulk export, in the audit trail. Import reads the CSV back to the same records. */
#ifndef KITH_EXPORT_H
#define KITH_EXPORT_H

#include <stdbool.h>

#include "kerr.h"

struct store;
struct entity_def;
struct strbuf;

enum export_format { EXPORT_CSV, EXPORT_JSON };

/* The records as text in out; *rows gets how many. */
int export_entity(struct store *st, const struct entity_def *def, enum export_format format,
		  struct strbuf *out, long *rows, struct kerr *err);

#endif
