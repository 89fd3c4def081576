/* Workers: the accounts of the tool. Until accounts and logins exist, workers are named so
 * that records can say who recorded them. */
#ifndef KITH_WORKER_H
#define KITH_WORKER_H

#include "entity.h"

enum worker_field {
	WORKER_USERNAME,
	WORKER_DISPLAY_NAME,
	WORKER_ROLE,
	WORKER_DISABLED,
	WORKER_NFIELDS
};

extern const struct entity_def worker_entity;

#endif
