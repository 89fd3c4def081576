/* Open Referral (HSDS 3.0): the directory standard councils and service finders publish in.
 * Export writes the community assets as a tabular data package (organizations, services,
 * schedules, service areas, locations, addresses, accessibility, phones, contacts, the ABCD
 * taxonomy and its attributes, and datapackage.json from the specification's definition),
 * leaving out individuals' gifts, every person, and a confidential asset's place and direct
 * contact details. Import reads such a package into assets, one a service, keeping the
 * service's id so that a second import updates rather than duplicates. */
#ifndef KITH_HSDS_H
#define KITH_HSDS_H

#include <stdbool.h>

#include "import.h"
#include "kerr.h"

struct store;

/* Writes the package into dir (made 0700 if missing); *assets gets how many (a
 * coordinator). Refuses, before anything is written, when a file of the package is already
 * in dir (a package exported before) unless force, and whenever one would be the database
 * (file_check_out). hsds_export never replaces a file. */
int hsds_export_out(struct store *st, const char *dir, bool force, long *assets, struct kerr *err);
int hsds_export(struct store *st, const char *dir, long *assets, struct kerr *err);
/* Imports the package in dir, or the HSDS JSON file dir names (a service, a page of services,
 * an organisation with its services), all of it or none. out->added and out->updated count
 * assets; values that are no good (a postcode from abroad, a malformed e-mail) are left out or
 * moved into the address, and said in out->ignored (naming the file and line). A refusal
 * (a duplicate service id, a status HSDS has not, another HSDS version) names them in
 * out->problem. A known service gets the directory's values and keeps kith's own. */
int hsds_import(struct store *st, const char *dir, const struct import_options *o,
		struct import_result *out, struct kerr *err);

#endif
