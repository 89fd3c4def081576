/* Importing what organisations already have in spreadsheets: people, assets, groups,
 * memberships, referrals, conversations, activities, wellbeing and tags from CSV (or kith's
 * JSON export). Columns are matched by their headers (case, spaces and the usual spreadsheet
 * words ignored: "First name", "Surname", "Post code", "DOB"), every value checked as the
 * forms check it, and the whole file goes in as one transaction or not at all: a refused file
 * lists each bad line, its column and why. Likely duplicates are reported and skipped; each
 * import is in the audit trail with the file's hash, so the same file twice is noticed.
 * kith's own exports come back whole: a record with an id keeps it (and when it was
 * recorded, and who recorded it when that worker is here), and one whose id is here already
 * is left as it is, so an export imported where it came from changes nothing. */
#ifndef KITH_IMPORT_H
#define KITH_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "kerr.h"

struct store;

enum import_kind {
	IMPORT_PEOPLE,
	IMPORT_ASSETS,
	IMPORT_GROUPS,
	IMPORT_MEMBERSHIPS,
	IMPORT_REFERRALS,
	IMPORT_CONVERSATIONS,
	IMPORT_ACTIVITIES,
	IMPORT_WELLBEING,
	IMPORT_TAGS,
	IMPORT_ATTENDANCE, /* join rows, like memberships (link_kinds.h) */
	IMPORT_GIFTS,
	IMPORT_ASSET_TAGS,
	IMPORT_STORIES,
	IMPORT_STORY_PEOPLE, /* join rows of stories (link_kinds.h) */
	IMPORT_STORY_ASSETS,
	IMPORT_STORY_ACTIVITIES,
	IMPORT_STORY_OUTCOMES,
	IMPORT_PARTNERSHIPS,
	IMPORT_FUNDING,
	IMPORT_READINESS,
	IMPORT_PARTNERS,          /* join rows: a partnership's partners */
	IMPORT_READINESS_ANSWERS, /* join rows: an assessment's ratings */
	IMPORT_KINDS
};

struct import_options {
	bool dry_run;         /* check everything, add nothing */
	bool keep_duplicates; /* add likely duplicates too */
	bool again;           /* import a file that was imported before */
	bool (*progress)(void *ctx, double done);
	void *ctx;
};

struct import_problem {
	long line;
	char column[64]; /* the header as in the file, or "" */
	char reason[320];
};

#define IMPORT_PROBLEMS_MAX 200

struct import_result {
	long rows;       /* records in the file */
	long added;      /* added (or that would be, on a dry run) */
	long updated;    /* Open Referral: assets imported before, brought up to date */
	long duplicates; /* likely duplicates skipped (or, kept, added) */
	long here;       /* records whose id is here already (kith's own export back), left be */
	struct import_problem problem[IMPORT_PROBLEMS_MAX]; /* every one on a line */
	int nproblem;
	long more_problems;                       /* beyond those listed */
	long refused;                             /* lines with a problem */
	long duplicate_line[IMPORT_PROBLEMS_MAX]; /* the lines of the first duplicates */
	int nduplicate_line;
	char ignored[512]; /* headers that are no field of kith's, comma-separated */
	char sha256[65];
	char read_as[80]; /* how a CSV file was read, if not as comma-separated UTF-8 */
};

/* One line saying what an import did (or would do): "people.csv: 120 added, 3 likely
 * duplicates skipped (lines 4, 9, 12) (read as Windows-1252 text separated by semicolons)". */
void import_summary(const char *path, const struct import_result *r, const struct import_options *o,
		    char *buf, size_t n);

/* The kinds' names, by enum import_kind ("people", ...); NULL-terminated. */
extern const char *const import_kinds[];
/* "people" -> IMPORT_PEOPLE; -1 when it is no kind. */
int import_kind_parse(const char *word);
/* Imports path. K_OK when it went in (or would have, on a dry run); K_INVALID when any line
 * was refused (nothing written; the problems say where); K_DUPLICATE when the same file was
 * imported before (err says when). */
int import_csv(struct store *st, enum import_kind kind, const char *path,
	       const struct import_options *o, struct import_result *out, struct kerr *err);

#endif
