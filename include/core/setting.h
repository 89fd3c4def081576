/* Settings of this database (the drop-in venue, retention, idle lock, ...), as text. */
#ifndef KITH_SETTING_H
#define KITH_SETTING_H

#include "kerr.h"

struct store;

/* *out is the value (caller frees), or NULL when the setting was never made. */
int setting_get(struct store *st, const char *key, char **out, struct kerr *err);
/* Sets key to value (NULL or "" tombstones it) in one transaction. */
int setting_set(struct store *st, const char *key, const char *value, struct kerr *err);

#endif
