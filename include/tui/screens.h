/* The screens, one row each in the order of their tabs. The row is all there is to say about
 * a screen beyond its own screen_*.c: it gives the screen its id (SCREEN_PEOPLE), the action
 * that switches to it (ACT_PEOPLE, with the word and the help line that the hint bar and `?`
 * show), its digit key (its place in the list) and its operations (people_screen). */
#ifndef KITH_SCREENS_H
#define KITH_SCREENS_H

/* X(NAME, ops, word, help). A draft keeps the number of the screen its form was opened on,
 * so a new screen goes at the end: one put between others moves their numbers, and a draft
 * kept before would open on the wrong screen. */
#define SCREENS(X) \
	X(PEOPLE, people_screen, "people", "people") \
	X(GROUPS, groups_screen, "groups", "groups") \
	X(ASSETS, assets_screen, "assets", "assets") \
	X(REFERRALS, referrals_screen, "referrals", "referrals") \
	X(NETWORK, network_screen, "network", "the referral network") \
	X(AUDIT, audit_screen, "audit", "the audit trail") \
	X(ACTIVITIES, activities_screen, "activities", "activities, and who came") \
	X(REPORTS, reports_screen, "reports", "reports for commissioners, with charts")

/* clang-format off */
enum screen_id {
#define X(name, ops, word, help) SCREEN_##name,
	SCREENS(X)
#undef X
	SCREEN_COUNT
};
/* clang-format on */

_Static_assert(SCREEN_COUNT <= 9, "a screen's digit key is 1 to 9: there is none for a tenth");

#endif
