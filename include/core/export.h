/* Exporting for reports and other tools: every live record of an entity as CSV (RFC 4180,
 * formula cells made inert) or JSON, and the referral network for Gephi, Graphviz, a
 * spreadsheet or the benchmark. A coordinator's bulk export, in the audit trail, written whole
 * and private (file.h). Import reads the CSV back to the same records. The names typed for
 * what is exported and in which format are listed here once, for parsing and for help. */
#ifndef KITH_EXPORT_H
#define KITH_EXPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "kerr.h"

struct store;
struct entity_def;
struct strbuf;
struct network_query;

/* What kith export (and :export) takes away whole: export_kinds names them in this order. */
enum export_kind {
	EXPORT_PEOPLE,
	EXPORT_ASSETS,
	EXPORT_GROUPS,
	EXPORT_REFERRALS,
	EXPORT_CONVERSATIONS,
	EXPORT_ACTIVITIES,
	EXPORT_WELLBEING,
	EXPORT_STORIES,
	EXPORT_TAGS,
	EXPORT_PARTNERSHIPS,
	EXPORT_FUNDING,
	EXPORT_READINESS,
	EXPORT_MEMBERSHIPS, /* from here on the join rows (link_kinds.h), in their order */
	EXPORT_ATTENDANCE,
	EXPORT_GIFTS,
	EXPORT_ASSET_TAGS,
	EXPORT_STORY_PEOPLE,
	EXPORT_STORY_ASSETS,
	EXPORT_STORY_ACTIVITIES,
	EXPORT_STORY_OUTCOMES,
	EXPORT_PARTNERS,
	EXPORT_READINESS_ANSWERS
};
extern const char *const export_kinds[]; /* NULL-terminated */

/* A kind's records: export_formats names them ("csv", "json"). */
enum export_format { EXPORT_CSV, EXPORT_JSON };
extern const char *const export_formats[];

/* The network: GraphML and GEXF for Gephi, DOT for Graphviz, CSV for a spreadsheet, the edge
 * list the graph driver and benchmark read; export_network_formats names them. */
enum export_network_format {
	EXPORT_GRAPHML,
	EXPORT_GEXF,
	EXPORT_DOT,
	EXPORT_NETWORK_CSV,
	EXPORT_EDGELIST
};
extern const char *const export_network_formats[];

/* The index of word in names (one of the lists above), or -1. */
int export_parse(const char *const *names, const char *word);
/* The entity whose records kind is; NULL for the join rows (memberships and the like). */
const struct entity_def *export_kind_entity(enum export_kind kind);
/* What n of kind are called: "1 person", "2 people", "3 memberships". */
const char *export_kind_noun(enum export_kind kind, long n);
/* Every live record (or join) of kind the reader may see, as text in out; *rows gets how
 * many. A coordinator's, in the audit trail. */
int export_kind(struct store *st, enum export_kind kind, enum export_format format,
		struct strbuf *out, long *rows, struct kerr *err);

/* The records as text in out; *rows gets how many. */
int export_entity(struct store *st, const struct entity_def *def, enum export_format format,
		  struct strbuf *out, long *rows, struct kerr *err);

/* Writes the referral network of q's period in format to path, or to out when path is NULL.
 * path is refused when it is there and force is false, and always when it is the database or
 * a file sqlite keeps beside it (file_check_out). CSV to a path also writes every asset to
 * export_network_nodes_path(path) beside it, checked the same way. */
int export_network(struct store *st, const struct network_query *q,
		   enum export_network_format format, const char *path, bool force, FILE *out,
		   struct kerr *err);
/* The nodes file beside a CSV edge file: "net.csv" -> "net-nodes.csv". The caller frees. */
char *export_network_nodes_path(const char *path);

#endif
