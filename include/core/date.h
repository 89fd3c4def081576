/* Calendar dates as ISO text (YYYY-MM-DD), parsed from what a person types. "Today" is the
 * local date, or $KITH_TODAY when set (so tests and demos are repeatable). */
#ifndef KITH_DATE_H
#define KITH_DATE_H

#include <stdbool.h>

#include "kerr.h"

#define DATE_LEN 11  /* "YYYY-MM-DD" and its NUL */
#define STAMP_LEN 25 /* "YYYY-MM-DDTHH:MM:SS.mmmZ" and its NUL */

/* Accepts today, yesterday, tomorrow, +7d/-7d, +2w, +3m, +1y, 22/11/2026 (UK order; '/', '.'
 * or '-' between parts), 2026-11-22, a month by name (22 November 2026, 22nd Nov 2026,
 * Sunday 22 November 2026, November 22, 2026, 22-Nov-2026), and any of these followed by a
 * time of day, which is left off (2026-11-22 00:00:00, as spreadsheets save dates). Fills out with the ISO date. On refusal returns
 * K_INVALID with a message naming field. */
int date_parse(const char *text, char out[DATE_LEN], const char *field, struct kerr *err);
void date_today(char out[DATE_LEN]);
bool date_ymd_valid(int y, int m, int d);
/* Days since 1970-01-01 and back; the proleptic Gregorian calendar. */
long date_to_days(int y, int m, int d);
void date_from_days(long days, int *y, int *m, int *d);
/* out = iso + days; iso must be a valid ISO date (returns false otherwise). */
bool date_add_days(const char *iso, long days, char out[DATE_LEN]);
/* The same day months on (or back, when negative), the last day of a shorter month: 31 Jan
 * + 1 month is the last day of February. */
bool date_add_months(const char *iso, long months, char out[DATE_LEN]);
bool date_split(const char *iso, int *y, int *m, int *d);
void date_format(int y, int m, int d, char out[DATE_LEN]);
/* The current time in UTC as ISO 8601 with milliseconds, for created_at and friends. */
void date_stamp(char out[STAMP_LEN]);
/* The minute a stamp names, in seconds since 1970 (UTC); false when it is not a stamp. */
bool date_stamp_seconds(const char *stamp, long long *out);
/* The time that many seconds from now (before, when negative), as a stamp. */
void date_stamp_in(long seconds, char out[STAMP_LEN]);
/* The current time, or if that is not later than prev (a stamp), prev plus a millisecond:
 * a row's updated_at always moves forward, so an edit of a stale copy is always noticed. */
void date_stamp_after(const char *prev, char out[STAMP_LEN]);
/* The date as people in the UK write it: "2026-11-22" -> "22/11/2026" (anything that is not
 * an ISO date is copied as it is). Returns out. */
const char *date_uk(const char *iso, char out[DATE_LEN]);
/* Today's year, for year-of-birth checks. */
int date_this_year(void);

#endif
