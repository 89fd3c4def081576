/* The worker entity: names and roles. Passwords never pass through here. */
#include "worker.h"

#include <stddef.h>

static const char *const roles[] = {"worker", "coordinator", "admin", NULL};

static const struct field_def fields[WORKER_NFIELDS] = {
	[WORKER_USERNAME] = {"username", "Username", FIELD_TEXT, FIELD_REQUIRED | FIELD_LISTED, 40,
			     0, NULL, 0, NULL, 12, NULL},
	[WORKER_DISPLAY_NAME] = {"display_name", "Name", FIELD_TEXT, FIELD_LISTED, 100, 0, NULL, 0,
				 NULL, 20, NULL},
	[WORKER_ROLE] = {"role", "Role", FIELD_CHOICE, FIELD_LISTED, 0, 0, roles, 0, "worker", 11,
			 "worker, coordinator or admin"},
	[WORKER_DISABLED] = {"disabled", "Disabled", FIELD_BOOL, 0, 0, 0, NULL, 0, "no", 3, NULL},
};

static const struct sort_def sorts[] = {
	{"name", "by username", {"t.username", "t.id", NULL}, false},
};

const struct entity_def worker_entity = {
	.kind = ENTITY_WORKER,
	.name = "worker",
	.plural = "workers",
	.table = "worker",
	.fields = fields,
	.nfields = WORKER_NFIELDS,
	.sorts = sorts,
	.nsorts = sizeof sorts / sizeof *sorts,
	.display = "CASE WHEN @.display_name <> '' THEN @.display_name ELSE @.username END",
	.search = "t.username LIKE :like ESCAPE '\\' OR t.display_name LIKE :like ESCAPE '\\'",
	.scope_field = -1,
};
