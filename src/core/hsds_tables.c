/* The HSDS 3.0 tables kith uses, as its package definition gives them. */
#include "hsds_tables.h"

#include <stddef.h>

static const struct hsds_column organization[] = {
	{"id", "string", "uuid", true},
	{"name", "string", NULL, true},
	{"alternate_name", "string", NULL, false},
	{"description", "string", NULL, true},
	{"email", "string", "email", false},
	{"website", "string", "uri", false},
	{"tax_status", "string", NULL, false},
	{"tax_id", "string", NULL, false},
	{"year_incorporated", "number", NULL, false},
	{"legal_status", "string", NULL, false},
	{"logo", "string", NULL, false},
	{"uri", "string", "uri", false},
	{"parent_organization_id", "string", "uuid", false},
};

static const struct hsds_column service[] = {
	{"id", "string", "uuid", true},
	{"organization_id", "string", "uuid", true},
	{"program_id", "string", "uuid", false},
	{"name", "string", NULL, true},
	{"alternate_name", "string", NULL, false},
	{"description", "string", NULL, false},
	{"url", "string", "uri", false},
	{"email", "string", "email", false},
	{"status", "string", NULL, true},
	{"interpretation_services", "string", NULL, false},
	{"application_process", "string", NULL, false},
	{"fees_description", "string", NULL, false},
	{"wait_time", "string", NULL, false},
	{"fees", "string", NULL, false},
	{"accreditations", "string", NULL, false},
	{"eligibility_description", "string", NULL, false},
	{"minimum_age", "number", NULL, false},
	{"maximum_age", "number", NULL, false},
	{"assured_date", "date", NULL, false},
	{"assurer_email", "string", "email", false},
	{"licenses", "string", NULL, false},
	{"alert", "string", NULL, false},
	{"last_modified", "datetime", NULL, false},
};

static const struct hsds_column location[] = {
	{"id", "string", "uuid", true},
	{"location_type", "string", NULL, true},
	{"url", "string", "uri", false},
	{"organization_id", "string", "uuid", false},
	{"name", "string", NULL, false},
	{"alternate_name", "string", NULL, false},
	{"description", "string", NULL, false},
	{"transportation", "string", NULL, false},
	{"latitude", "number", NULL, false},
	{"longitude", "number", NULL, false},
	{"external_identifier", "string", NULL, false},
	{"external_identifier_type", "string", NULL, false},
};

/* clang-format off */
static const struct hsds_column address[] = {
	{"id", "string", "uuid", true},
	{"location_id", "string", "uuid", false},
	{"attention", "string", NULL, false},
	{"address_1", "string", NULL, true},
	{"address_2", "string", NULL, false},
	{"city", "string", NULL, true},
	{"region", "string", NULL, false},
	{"state_province", "string", NULL, true},
	{"postal_code", "string", NULL, true},
	{"country", "string", NULL, true},
	{"address_type", "string", NULL, true},
};
/* clang-format on */

static const struct hsds_column service_at_location[] = {
	{"id", "string", "uuid", true},
	{"service_id", "string", "uuid", true},
	{"location_id", "string", "uuid", true},
	{"description", "string", NULL, false},
};

static const struct hsds_column phone[] = {
	{"id", "string", "uuid", true},
	{"location_id", "string", "uuid", false},
	{"service_id", "string", "uuid", false},
	{"organization_id", "string", "uuid", false},
	{"contact_id", "string", "uuid", false},
	{"service_at_location_id", "string", "uuid", false},
	{"number", "string", NULL, true},
	{"extension", "number", NULL, false},
	{"type", "string", NULL, false},
	{"description", "string", NULL, false},
};

static const struct hsds_column contact[] = {
	{"id", "string", "uuid", true},
	{"organization_id", "string", "uuid", false},
	{"service_id", "string", "uuid", false},
	{"service_at_location_id", "string", "uuid", false},
	{"location_id", "string", "uuid", false},
	{"name", "string", NULL, false},
	{"title", "string", NULL, false},
	{"department", "string", NULL, false},
	{"email", "string", "email", false},
};

/* clang-format off */
static const struct hsds_column taxonomy[] = {
	{"id", "string", "uuid", true},
	{"name", "string", NULL, true},
	{"description", "string", NULL, true},
	{"uri", "string", "uri", false},
	{"version", "string", NULL, false},
};
/* clang-format on */

/* clang-format off */
static const struct hsds_column taxonomy_term[] = {
	{"id", "string", "uuid", true},
	{"code", "string", NULL, false},
	{"name", "string", NULL, true},
	{"description", "string", NULL, true},
	{"parent_id", "string", "uuid", false},
	{"taxonomy", "string", NULL, false},
	{"language", "string", NULL, false},
	{"taxonomy_id", "string", "uuid", false},
	{"term_uri", "string", "uri", false},
};
/* clang-format on */

static const struct hsds_column attribute[] = {
	{"id", "string", "uuid", true},
	{"link_id", "string", "uuid", true},
	{"taxonomy_term_id", "string", "uuid", true},
	{"link_type", "string", NULL, false},
	{"link_entity", "string", NULL, true},
	{"value", "string", NULL, false},
};

/* clang-format off */
#define TABLE(name, path) {#name, path, name, (int)(sizeof name / sizeof *name)}
/* clang-format on */

const struct hsds_table_def hsds_tables[HSDS_TABLES] = {
	[HSDS_ORGANIZATION] = TABLE(organization, "organizations.csv"),
	[HSDS_SERVICE] = TABLE(service, "services.csv"),
	[HSDS_LOCATION] = TABLE(location, "locations.csv"),
	[HSDS_ADDRESS] = TABLE(address, "addresses.csv"),
	[HSDS_SERVICE_AT_LOCATION] = TABLE(service_at_location, "service_at_location.csv"),
	[HSDS_PHONE] = TABLE(phone, "phones.csv"),
	[HSDS_CONTACT] = TABLE(contact, "contacts.csv"),
	[HSDS_TAXONOMY] = TABLE(taxonomy, "taxonomies.csv"),
	[HSDS_TAXONOMY_TERM] = TABLE(taxonomy_term, "taxonomy_terms.csv"),
	[HSDS_ATTRIBUTE] = TABLE(attribute, "attributes.csv"),
};
