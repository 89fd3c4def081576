/* The command table: every command kith takes, its verbs, its handler, the words it takes,
 * what it is for and its options. Dispatch, kith --help, kith COMMAND --help and the checking
 * of options are all made from it (cli.c, cli_args.c, cli_help.c), as the key table drives the
 * interface's keys, help and hint bar. A new command is a row here and its handler. */
#include "cli.h"

#include <stddef.h>

#include "export.h"
#include "import.h"
#include "report_render.h"
#include "tag.h"

/* clang-format off */
#define END {NULL, NULL, NULL, NULL, 0}
/* clang-format on */
#define OPTIONS(...) ((const struct cli_option[]){__VA_ARGS__, END})
/* clang-format off */
#define FLAG(name, help) {name, NULL, help, NULL, 0}
/* clang-format on */
/* clang-format off */
#define VALUE(name, value, help) {name, value, help, NULL, 0}
/* clang-format on */
/* clang-format off */
#define NEEDED(name, value, help) {name, value, help, NULL, CLI_REQUIRED}
/* clang-format on */
/* clang-format off */
#define CHOICE(name, choices, help) {name, "", help, choices, 0}
/* clang-format on */

#define JSON FLAG("json", "as JSON")
#define FORCE FLAG("force", "replace a file already there")
#define LIMIT(what) VALUE("limit", "N", what)
/* clang-format off */
#define REASON NEEDED("reason", "TEXT", "why, in a few words (it is kept in the audit trail, so " \
					"name no one)")
/* clang-format on */
#define SINCE VALUE("since", "DATE", "the period's first day (default: a year before --until)")
#define UNTIL VALUE("until", "DATE", "its last day (default: today)")
/* clang-format off */
#define PLACE VALUE("neighbourhood", "NAME", "only the assets there"), \
	VALUE("category", "CATEGORY", "only the assets of this category")
/* clang-format on */
#define TOP(what) VALUE("top", "N", what " (1 to 50, default 10)")
#define FROM_FILE \
	VALUE("from", "FILE", \
	      "read the connection string from FILE (yours, mode 600) instead: " \
	      "never give it as a word, which others see in ps")
/* clang-format off */
#define NEW_PASSWORD VALUE("new-password-fd", "N", "the new password from descriptor N, once " \
							"(else it is asked for twice)")
/* clang-format on */

/* clang-format off */
const struct cli_option cli_global_options[] = {
	VALUE("db", "PATH", "the database file (default $KITH_DB, else\n"
			    "$XDG_DATA_HOME/kith/kith.db, else ~/.local/share/kith/kith.db)"),
	FLAG("demo", "the demo database, demo.db beside the default one"),
	{"user", "NAME", "log in (once the database has accounts); the password is asked\n"
			 "for on the terminal", NULL, CLI_ANYWHERE},
	{"password-fd", "N", "read the password from file descriptor N instead (for scripts;\n"
			     "it must be open and readable, and not the database)", NULL,
	 CLI_ANYWHERE},
	VALUE("script", "FILE", NULL), /* the interface's keys from FILE (the tests') */
	VALUE("size", "COLSxROWS", NULL),
	FLAG("help", "this text"),
	FLAG("version", "kith's version"),
	END,
};
/* clang-format on */

/* clang-format off */
const struct cli_command cli_commands[] = {
	{.name = "init", .run = cli_init, .what = "create the database if needed and check it"},
	{.name = "path", .run = cli_path, .what = "print where the database is"},
	{.name = "keys", .run = cli_keys,
	 .what = "every key of the interface, as Markdown (README's key reference)"},
	{.name = "check", .run = cli_check,
	 .what = "check the whole database and its search indexes"},
	{.name = "demo", .run = cli_demo,
	 .what = "fill an empty database with a believable community",
	 .options = OPTIONS(VALUE("seed", "N", "the same seed makes the same community (default 1)"),
			    VALUE("people", "N", "how many people (default 300)"),
			    VALUE("assets", "N", "how many community assets (default 60)"),
			    VALUE("referrals", "N", "how many referrals (default 900)"))},

	/* a person's own add comes before every entity's, which it replaces */
	{.name = "person", .verb = "add", .run = cli_entity_add, .flags = CLI_SET_FIELDS,
	 .what = "add a person and print their id; refused when they are likely here already",
	 .options = OPTIONS(FLAG("allow-duplicate", "add them even when someone with the same "
						    "names and postcode or year of birth is here"))},

	/* every entity's records */
	{.verb = "add", .run = cli_entity_add, .flags = CLI_SET_FIELDS,
	 .what = "add a record and print its id"},
	{.verb = "list", .run = cli_entity_list, .flags = CLI_MATCH_FIELDS,
	 .what = "list records (person list --filter review: who is due for review)",
	 .options = OPTIONS(VALUE("search", "TEXT", "those whose names or words match TEXT"),
			    VALUE("sort", "ORDER", "in one of the sort orders below"),
			    VALUE("filter", "NAME", "only those one of the filters below names"),
			    LIMIT("at most N records"), JSON)},
	{.verb = "show", .run = cli_entity_show, .words = "ID", .what = "show one record",
	 .options = OPTIONS(JSON)},
	{.verb = "edit", .run = cli_entity_edit, .words = "ID", .flags = CLI_CHANGE_FIELDS,
	 .what = "change fields of a record"},
	{.verb = "delete", .run = cli_entity_delete, .words = "ID",
	 .what = "delete a record (kept as a tombstone)"},
	{.name = "group", .verb = "join", .run = cli_group_join, .words = "GROUP PERSON",
	 .what = "a person joins a group",
	 .options = OPTIONS(VALUE("role", "ROLE", "member (the default), organiser, volunteer or "
						  "champion"),
			    VALUE("since", "DATE", "since when (default: today)"))},
	{.name = "group", .verb = "leave", .run = cli_group_leave, .words = "GROUP PERSON",
	 .what = "a person leaves a group"},
	{.name = "group", .verb = "members", .run = cli_group_members, .words = "GROUP",
	 .what = "who is in a group", .options = OPTIONS(JSON)},
	{.name = "person", .verb = "tag", .run = cli_tag, .words = "PERSON KIND NAME",
	 .what = "add a gift, skill, passion, interest or topic"},
	{.name = "asset", .verb = "tag", .run = cli_tag, .words = "ASSET KIND NAME",
	 .what = "tag an asset with a gift, skill, passion, interest or topic"},
	{.name = "person", .verb = "untag", .run = cli_untag, .words = "PERSON TAG",
	 .what = "remove one of their gifts, skills or passions (its name or id)"},
	{.name = "asset", .verb = "untag", .run = cli_untag, .words = "ASSET TAG",
	 .what = "remove one of an asset's tags (its name or id)"},
	{.name = "person", .verb = "retag", .run = cli_retag, .words = "PERSON TAG NAME",
	 .what = "correct one of their gifts, skills or passions: TAG becomes NAME",
	 .options = OPTIONS(CHOICE("kind", tag_kinds, "its kind, if that changes too"))},
	{.name = "asset", .verb = "retag", .run = cli_retag, .words = "ASSET TAG NAME",
	 .what = "correct one of an asset's tags: TAG becomes NAME",
	 .options = OPTIONS(CHOICE("kind", tag_kinds, "its kind, if that changes too"))},
	{.name = "person", .verb = "match", .run = cli_person_match, .words = "PERSON",
	 .what = "the groups and assets that fit their gifts, passions and what matters, best "
		 "first, each with why",
	 .options = OPTIONS(LIMIT("how many (default 10)"), JSON)},
	{.name = "target", .verb = "set", .run = cli_target_set, .words = "MEASURE AMOUNT",
	 .what = "a target for an output (coordinators): conversations, asset_contacts, "
		 "new_activities, referrals or multi_agency_meetings",
	 .options = OPTIONS(VALUE("per", "PERIOD", "month, quarter or year (default month)"),
			    VALUE("worker", "USERNAME", "whose target (default: the programme's)"))},
	{.name = "person", .verb = "keep", .run = cli_person_keep, .words = "PERSON",
	 .what = "keep a person past their review (coordinators)",
	 .options = OPTIONS(REASON, VALUE("until", "DATE", "the next review (default: another "
							   "retention period)"))},
	{.name = "person", .verb = "merge", .run = cli_person_merge, .words = "KEEP OTHER",
	 .what = "one person recorded twice: OTHER's records move to KEEP, OTHER is kept as a "
		 "tombstone"},
	{.name = "person", .verb = "erase", .run = cli_person_erase, .words = "PERSON",
	 .what = "erase a person's personal data (coordinators)", .options = OPTIONS(REASON)},
	{.name = "person", .verb = "export", .run = cli_person_export, .words = "PERSON",
	 .what = "everything kith holds about a person: subject access (coordinators)",
	 .options = OPTIONS(NEEDED("out", "FILE", "the file to write, JSON; the text goes to "
						  "FILE.txt beside it"),
			    FORCE)},
	{.name = "activity", .verb = "attend", .run = cli_activity_attend,
	 .words = "ACTIVITY PERSON", .what = "a person attended an activity",
	 .options = OPTIONS(VALUE("role", "ROLE", "attendee, volunteer or organiser: what "
						  "they did there (given again: their role now)"))},
	{.name = "activity", .verb = "unattend", .run = cli_activity_unattend,
	 .words = "ACTIVITY PERSON", .what = "take back that a person came to an activity"},
	{.name = "activity", .verb = "who", .run = cli_activity_who, .words = "ACTIVITY",
	 .what = "who came to an activity, in what role, and how many not named",
	 .options = OPTIONS(JSON)},
	{.name = "story", .verb = "link", .run = cli_story_link, .words = "STORY KIND NAME",
	 .what = "link a story to a person, asset, group or activity it is about (KIND)"},
	{.name = "story", .verb = "unlink", .run = cli_story_unlink, .words = "STORY KIND NAME",
	 .what = "take away one of a story's links"},
	{.name = "story", .verb = "tag", .run = cli_story_tag, .words = "STORY OUTCOME",
	 .what = "tag a story with an intended outcome it shows (kith story outcomes lists them)"},
	{.name = "story", .verb = "untag", .run = cli_story_untag, .words = "STORY OUTCOME",
	 .what = "take an outcome off a story"},
	{.name = "story", .verb = "links", .run = cli_story_links, .words = "STORY",
	 .what = "whom and what a story is about, and the outcomes it shows",
	 .options = OPTIONS(JSON)},
	{.name = "story", .verb = "outcomes", .run = cli_story_outcomes,
	 .what = "the programme's intended outcomes a story can be tagged with"},
	{.name = "partnership", .verb = "join", .run = cli_partnership_join,
	 .words = "PARTNERSHIP ASSET", .what = "a group or organisation becomes a partner "
					      "(coordinators)"},
	{.name = "partnership", .verb = "leave", .run = cli_partnership_leave,
	 .words = "PARTNERSHIP ASSET", .what = "a partner leaves the partnership (coordinators)"},
	{.name = "partnership", .verb = "partners", .run = cli_partnership_partners,
	 .words = "PARTNERSHIP", .what = "the partners of a partnership"},
	{.name = "partnership", .verb = "network", .run = cli_partnership_network,
	 .what = "the partnership network's figures: how many, new and ended, the groups and "
		 "institutions in none, its parts and density",
	 .options = OPTIONS(SINCE, UNTIL, JSON)},
	{.name = "readiness", .verb = "rate", .run = cli_readiness_rate,
	 .words = "ASSESSMENT QUESTION RATING",
	 .what = "rate one of the 18 questions 1 (not yet), 2 (emerging), 3 (developing) or 4 "
		 "(established) (coordinators)",
	 .options = OPTIONS(VALUE("evidence", "TEXT", "the local evidence for the rating"))},
	{.name = "readiness", .verb = "answers", .run = cli_readiness_answers,
	 .words = "ASSESSMENT", .what = "an assessment's ratings and evidence, by theme"},

	{.name = "graph", .verb = "report", .run = cli_graph_report,
	 .what = "how well the assets are connected by referrals",
	 .options = OPTIONS(SINCE, UNTIL, PLACE,
			    FLAG("exact", "exact betweenness and distances, however long they "
					  "take"),
			    FLAG("trend", "each figure month by month, as a small chart"),
			    VALUE("out", "FILE", "write the report to FILE (JSON when it ends in "
						 ".json) instead of the standard output"),
			    FORCE, TOP("how many to name in each list"), JSON)},
	{.name = "graph", .verb = "chain", .run = cli_graph_chain,
	 .what = "a person's journey; the journeys through an asset",
	 .options = OPTIONS(VALUE("person", "ID", "the journey of this person"),
			    VALUE("asset", "ID", "the journeys through this asset"),
			    VALUE("depth", "N", "hops each way (1 to 50, default 3)"),
			    TOP("the largest branches of each hop"), SINCE, UNTIL, JSON)},
	{.name = "graph", .verb = "export", .run = cli_graph_export,
	 .what = "the network for Gephi (GraphML, GEXF) or Graphviz (DOT)",
	 .options = OPTIONS(CHOICE("format", export_network_formats,
				   "graphml (the default, for Gephi), gexf (Gephi's own), dot "
				   "(Graphviz), csv (a spreadsheet or Gephi's spreadsheet import; "
				   "--out also writes FILE-nodes.csv) or edgelist (the benchmark)"),
			    VALUE("out", "FILE", "the file to write (default: the standard output)"),
			    FORCE, SINCE, UNTIL, PLACE)},

	{.name = "report", .run = cli_report, .words = "KIND",
	 .what = "what the work achieved, for commissioners: programme, outcomes, network or "
		 "readiness",
	 .options = OPTIONS(VALUE("from", "DATE", "the period's first day (default: a year before "
						  "--to)"),
			    VALUE("to", "DATE", "its last day (default: today)"),
			    VALUE("worker", "NAME", "one worker's outputs (coordinators; a worker's "
						    "report is always their own)"),
			    VALUE("neighbourhood", "NAME", "only the people and assets there"),
			    CHOICE("format", report_formats,
				   "text (the default), md, csv (a row a figure), json or html (a "
				   "page to print on A4; with --output, from FILE's ending)"),
			    VALUE("output", "FILE", "write the report to FILE instead of the "
						    "standard output"),
			    FORCE)},

	{.name = "draft", .verb = "list", .run = cli_draft_list,
	 .what = "your own unsaved forms, kept when kith had to stop", .options = OPTIONS(JSON)},
	{.name = "draft", .verb = "discard", .run = cli_draft_discard, .words = "ID",
	 .what = "discard one of them"},

	{.name = "user", .verb = "add", .run = cli_user_add, .words = "NAME",
	 .what = "a new account (admins)",
	 .options = OPTIONS(VALUE("role", "worker|coordinator|admin", "what they may do "
								      "(default: worker)"),
			    VALUE("name", "TEXT", "their name as kith shows it"), NEW_PASSWORD)},
	{.name = "user", .verb = "list", .run = cli_user_list, .what = "the accounts (admins)",
	 .options = OPTIONS(JSON)},
	{.name = "user", .verb = "disable", .run = cli_user_disable, .words = "NAME",
	 .what = "stop an account logging in (admins)"},
	{.name = "user", .verb = "enable", .run = cli_user_enable, .words = "NAME",
	 .what = "let it log in again (admins)"},
	{.name = "user", .verb = "role", .run = cli_user_role, .words = "NAME ROLE",
	 .what = "change what an account may do (admins)"},
	{.name = "user", .verb = "passwd", .run = cli_user_passwd, .words = "NAME",
	 .what = "a new password (admins; anyone their own)", .options = OPTIONS(NEW_PASSWORD)},
	{.name = "user", .verb = "calibrate", .run = cli_user_calibrate,
	 .what = "make passwords as costly to guess as this computer allows (admins)"},

	{.name = "audit", .run = cli_audit_list, .what = "who did what, newest first",
	 .options = OPTIONS(VALUE("person", "ID", "only about this person"),
			    VALUE("worker", "NAME", "only what this account did"),
			    VALUE("since", "DATE", "only from this day on"),
			    FLAG("corrections", "only corrections: a status or a verification "
						"put right or taken back"),
			    LIMIT("at most N rows (default 100)"), JSON)},
	{.name = "audit", .verb = "verify", .run = cli_audit_verify,
	 .what = "check that nothing in the trail was changed or removed"},

	{.name = "import", .run = cli_import, .choices = import_kinds, .words = "FILE",
	 .what = "a CSV file, all of it or none; --dry-run only checks (coordinators)",
	 .options = OPTIONS(FLAG("dry-run", "check every line, add nothing"),
			    FLAG("keep-duplicates", "add likely duplicates too"),
			    FLAG("again", "import a file imported before"))},
	{.name = "import", .verb = "hsds", .run = cli_import_hsds, .words = "DIR|FILE.json",
	 .what = "an Open Referral package, or HSDS JSON, into assets",
	 .options = OPTIONS(FLAG("dry-run", "check everything, add nothing"))},
	{.name = "export", .run = cli_export, .choices = export_kinds,
	 .what = "every record, for a spreadsheet (coordinators)",
	 .options = OPTIONS(CHOICE("format", export_formats, "csv (the default) or json"),
			    VALUE("out", "FILE", "the file to write (default: the standard output)"),
			    FORCE)},
	{.name = "export", .verb = "hsds", .run = cli_export_hsds, .words = "DIR",
	 .what = "the community assets as Open Referral (HSDS 3.0)", .options = OPTIONS(FORCE)},
	{.name = "backup", .run = cli_backup,
	 .what = "a checked copy, safe while kith runs (coordinators)",
	 .options = OPTIONS(VALUE("out", "FILE", "the file to write (default: a new one in the "
						 "backups folder beside the database)"),
			    FORCE)},
	{.name = "restore", .run = cli_restore, .words = "FILE",
	 .what = "put a backup back, keeping what it replaces (admins)"},
	{.name = "setting", .verb = "list", .run = cli_setting_list, .flags = CLI_DEFAULT,
	 .what = "retention_months, lock_minutes, backups_kept and venue, with what they mean"},
	{.name = "setting", .verb = "set", .run = cli_setting_set, .words = "KEY VALUE",
	 .what = "change one (admins)"},
	{.name = "sync", .run = cli_sync,
	 .what = "send this laptop's changes to the hub and bring everyone else's (any account)"},
	{.name = "hub", .verb = "init", .run = cli_hub_init, .flags = CLI_SECRET_IN,
	 .what = "make the hub's schema with its owner's connection string (asked for, or on "
		 "stdin), and join it (admins)",
	 .options = OPTIONS(VALUE("name", "NAME", "this laptop's name at the hub (default: the "
						  "machine's name)"),
			    FROM_FILE)},
	{.name = "hub", .verb = "add-laptop", .run = cli_hub_add_laptop, .words = "NAME",
	 .what = "credentials for another laptop; the last line is its connection string (admins)",
	 .options = OPTIONS(FLAG("admin", "an admin laptop, which may add and revoke laptops"))},
	{.name = "hub", .verb = "join", .run = cli_hub_join, .flags = CLI_SECRET_IN,
	 .what = "join the hub with the string hub add-laptop printed (asked for, or on stdin); "
		 "kith sync then brings all",
	 .options = OPTIONS(FROM_FILE)},
	{.name = "hub", .verb = "revoke", .run = cli_hub_revoke, .words = "NAME",
	 .what = "end a laptop's credentials: its next sync is refused (admins)"},
	{.name = "hub", .verb = "status", .run = cli_hub_status, .flags = CLI_DEFAULT,
	 .what = "the hub's laptops, when each last synced, erasures not yet everywhere "
		 "(coordinators)"},
	{.run = NULL},
};
/* clang-format on */
