/* Date parsing and arithmetic. Dates are stored as ISO text so that sqlite sorts them and
 * its date functions read them; people type them the UK way. */
#include "date.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "testhook.h"

long date_to_days(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil. */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dim[m - 1];
}

bool date_ymd_valid(int y, int m, int d)
{
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Digits put in place: each date of an import is formatted (snprintf cost more than the
 * parse). Numbers outside a date's widths go through snprintf, as they always did. */
void date_format(int y, int m, int d, char out[DATE_LEN])
{
	if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) {
		snprintf(out, DATE_LEN, "%04d-%02d-%02d", y, m, d);
		return;
	}
	const int part[] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -1,
			    m / 10,   m % 10,       -1,          d / 10, d % 10};
	for (int i = 0; i < 10; i++)
		out[i] = part[i] < 0 ? '-' : (char)('0' + part[i]);
	out[10] = '\0';
}

/* The number in s's n digits, or -1 when one of them is no digit: the dates and stamps kith
 * writes are read without sscanf, which an import of thousands of lines pays for each. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "YYYY-MM-DD" at s, digits and dashes where they belong (what follows is not looked at). */
static bool ymd_at(const char *s, int *y, int *m, int *d)
{
	if (s[0] == '\0' || s[1] == '\0' || s[2] == '\0' || s[3] == '\0' || s[4] != '-' ||
	    s[5] == '\0' || s[6] == '\0' || s[7] != '-' || s[8] == '\0' || s[9] == '\0')
		return false;
	*y = digits(s, 4), *m = digits(s + 5, 2), *d = digits(s + 8, 2);
	return *y >= 0 && *m >= 0 && *d >= 0;
}

bool date_split(const char *iso, int *y, int *m, int *d)
{
	char tail;
	if (!iso || strlen(iso) != 10)
		return false;
	if (!ymd_at(iso, y, m, d) && sscanf(iso, "%4d-%2d-%2d%c", y, m, d, &tail) != 3)
		return false;
	return date_ymd_valid(*y, *m, *d);
}

void date_today(char out[DATE_LEN])
{
	int y, m, d;
	const char *fixed = testhook_env("KITH_TODAY");
	if (fixed && date_split(fixed, &y, &m, &d)) {
		date_format(y, m, d, out);
		return;
	}
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	date_format(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}

int date_this_year(void)
{
	char today[DATE_LEN];
	date_today(today);
	return atoi(today);
}

bool date_add_days(const char *iso, long days, char out[DATE_LEN])
{
	int y, m, d;
	if (!date_split(iso, &y, &m, &d))
		return false;
	date_from_days(date_to_days(y, m, d) + days, &y, &m, &d);
	date_format(y, m, d, out);
	return true;
}

bool date_add_months(const char *iso, long months, char out[DATE_LEN])
{
	int y, m, d;
	if (!date_split(iso, &y, &m, &d))
		return false;
	long total = (long)y * 12 + (m - 1) + months;
	if (total < 0)
		return false;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	if (d > days_in_month(y, m))
		d = days_in_month(y, m); /* 31 Jan + 1 month is the last day of February */
	date_format(y, m, d, out);
	return true;
}

/* "+7d", "-2w", "+3m", "+1y"; returns false if text is not of that shape. */
static bool parse_relative(const char *text, char out[DATE_LEN])
{
	if (text[0] != '+' && text[0] != '-')
		return false;
	char *end;
	errno = 0;
	long n = strtol(text, &end, 10);
	if (errno || end == text + 1 || n < -1000000 || n > 1000000)
		return false;
	char unit = (char)tolower((unsigned char)*end);
	if (*end == '\0')
		unit = 'd';
	else if (end[1] != '\0')
		return false;
	char today[DATE_LEN];
	date_today(today);
	switch (unit) {
	case 'd':
		return date_add_days(today, n, out);
	case 'w':
		return date_add_days(today, n * 7, out);
	case 'm':
		return date_add_months(today, n, out);
	case 'y':
		return date_add_months(today, n * 12, out);
	default:
		return false;
	}
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return n > 0;
}

/* Splits "a?b?c" on one separator character into three digit runs. */
static bool three_numbers(const char *text, int *a, int *b, int *c, size_t *alen, size_t *clen)
{
	const char *sep = strpbrk(text, "/.-");
	if (!sep)
		return false;
	char s = *sep;
	const char *p2 = sep + 1, *sep2 = strchr(p2, s);
	if (!sep2 || strchr(sep2 + 1, s))
		return false;
	size_t l1 = (size_t)(sep - text), l2 = (size_t)(sep2 - p2), l3 = strlen(sep2 + 1);
	if (!all_digits(text, l1) || !all_digits(p2, l2) || !all_digits(sep2 + 1, l3))
		return false;
	if (l1 > 4 || l2 > 2 || l3 > 4)
		return false;
	*a = atoi(text), *b = atoi(p2), *c = atoi(sep2 + 1);
	*alen = l1, *clen = l3;
	return true;
}

/* Dates as people write them out: "5 March 2026", "5th Mar 2026", "Thursday 5 March 2026",
 * "March 5, 2026", "05-Mar-2026". With a month's name the order is never in doubt. */
static const char *const months[] = {"january",   "february", "march",    "april",
				     "may",       "june",     "july",     "august",
				     "september", "october",  "november", "december"};

/* 1-12 for a month's name or its first three letters or more; 0 otherwise. */
static int month_named(const char *word)
{
	size_t n = strlen(word);
	for (int m = 0; m < 12 && n >= 3; m++)
		if (strncasecmp(word, months[m], n) == 0)
			return m + 1;
	return 0;
}

static bool weekday_named(const char *word)
{
	static const char *const days[] = {"monday", "tuesday",  "wednesday", "thursday",
					   "friday", "saturday", "sunday"};
	size_t n = strlen(word);
	for (int d = 0; d < 7 && n >= 3; d++)
		if (strncasecmp(word, days[d], n) == 0)
			return true;
	return false;
}

/* A day of the month, "5" or "5th"; 0 otherwise. */
static int day_number(const char *word)
{
	size_t digits = strspn(word, "0123456789");
	if (digits < 1 || digits > 2 || (word[digits] && strlen(word + digits) != 2))
		return 0;
	static const char *const ends[] = {"st", "nd", "rd", "th"};
	bool ok = !word[digits];
	for (int e = 0; e < 4 && !ok; e++)
		ok = strcasecmp(word + digits, ends[e]) == 0;
	return ok ? atoi(word) : 0;
}

/* Fills y, m, d from words with a month's name; 1 when read, 0 when text is not of that shape,
 * -1 when its year is not written in full. */
static int parse_named(char *buf, int *y, int *m, int *d)
{
	char *word[5], *save = NULL;
	int n = 0;
	for (char *w = strtok_r(buf, " ,-./", &save); w; w = strtok_r(NULL, " ,-./", &save))
		if (n < 5)
			word[n++] = w;
		else
			return 0;
	int first = n == 4 && weekday_named(word[0]);
	if (n - first != 3)
		return 0;
	int at = month_named(word[first]) ? first : first + 1;
	*m = month_named(word[at]);
	int other = at == first ? first + 1 : first;
	int year = first + 2;
	*d = day_number(word[other]);
	if (!*m || !*d)
		return 0;
	size_t ylen = strlen(word[year]);
	if (strspn(word[year], "0123456789") != ylen || ylen > 4)
		return 0;
	*y = atoi(word[year]);
	return ylen == 4 ? 1 : -1;
}

/* "2026-03-05 00:00:00" or "05/03/2026 14:30", as spreadsheets save a date with a time: the
 * time is cut off. */
static void drop_time(char *buf)
{
	char *cut = strpbrk(buf, " T");
	if (!cut || cut == buf || !isdigit((unsigned char)cut[1]))
		return;
	const char *t = cut + 1;
	if (strspn(t, "0123456789:.Z") != strlen(t) || !strchr(t, ':'))
		return;
	if (!isdigit((unsigned char)cut[-1]))
		return;
	*cut = '\0';
}

static int named(const char *buf, char out[DATE_LEN], const char *field, struct kerr *err)
{
	char words[32];
	snprintf(words, sizeof words, "%s", buf);
	int y, m, d, got = parse_named(words, &y, &m, &d);
	if (got < 0)
		return kerr_set(err, K_INVALID, field,
				"%s: write the year in full, as in 22 November 2026", field);
	if (got && date_ymd_valid(y, m, d)) {
		date_format(y, m, d, out);
		return K_OK;
	}
	if (got)
		return kerr_set(err, K_INVALID, field, "%s: '%s' is not a real date", field, buf);
	return kerr_set(err, K_INVALID, field,
			"%s: '%s' is not a date; use 22/11/2026, 22 November 2026, 2026-11-22, "
			"today, yesterday or +7d",
			field, buf);
}

int date_parse(const char *text, char out[DATE_LEN], const char *field, struct kerr *err)
{
	char buf[32];
	size_t n = text ? strlen(text) : 0;
	while (n && isspace((unsigned char)text[n - 1]))
		n--;
	while (n && isspace((unsigned char)*text))
		text++, n--;
	if (n == 0 || n >= sizeof buf)
		return kerr_set(err, K_INVALID, field,
				"%s: enter a date such as 22/11/2026, today or +7d", field);
	memcpy(buf, text, n);
	buf[n] = '\0';

	if (strcasecmp(buf, "today") == 0 || strcasecmp(buf, "now") == 0) {
		date_today(out);
		return K_OK;
	}
	if (strcasecmp(buf, "yesterday") == 0 || strcasecmp(buf, "tomorrow") == 0) {
		char today[DATE_LEN];
		date_today(today);
		date_add_days(today, tolower((unsigned char)buf[0]) == 'y' ? -1 : 1, out);
		return K_OK;
	}
	if (parse_relative(buf, out)) {
		int y, m, d;
		if (date_split(out, &y, &m, &d))
			return K_OK;
		return kerr_set(err, K_INVALID, field,
				"%s: '%s' is too far away (years 1900 to 2200)", field, buf);
	}

	drop_time(buf);
	int a, b, c;
	size_t alen, clen;
	if (three_numbers(buf, &a, &b, &c, &alen, &clen)) {
		int y = a, m = b, d = c; /* ISO when the year comes first, UK order otherwise */
		if (alen != 4) {
			if (clen != 4)
				return kerr_set(err, K_INVALID, field,
						"%s: write the year in full, as in 22/11/2026",
						field);
			y = c, d = a;
		}
		if (date_ymd_valid(y, m, d)) {
			date_format(y, m, d, out);
			return K_OK;
		}
		return kerr_set(err, K_INVALID, field, "%s: '%s' is not a real date", field, buf);
	}
	return named(buf, out, field, err);
}

/* A stamp is made for every row an import writes: the second's part is worked out once a
 * second (in each thread: the interface stamps from a worker thread too). */
static void stamp_format(time_t sec, long ms, char out[STAMP_LEN])
{
	static _Thread_local time_t last = -1;
	static _Thread_local char second[STAMP_LEN];
	if (sec != last) {
		struct tm tm;
		gmtime_r(&sec, &tm);
		/* the moduli only tell the compiler the widths; real values are within them */
		snprintf(second, sizeof second, "%04u-%02u-%02uT%02u:%02u:%02u",
			 (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
			 (unsigned)tm.tm_mday % 100u, (unsigned)tm.tm_hour % 100u,
			 (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
		last = sec;
	}
	memcpy(out, second, 19);
	unsigned m = (unsigned)ms % 1000u;
	out[19] = '.';
	out[20] = (char)('0' + m / 100), out[21] = (char)('0' + m / 10 % 10);
	out[22] = (char)('0' + m % 10), out[23] = 'Z', out[24] = '\0';
}

void date_stamp_in(long seconds, char out[STAMP_LEN])
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	/* KITH_CLOCK_SHIFT moves the clock, so that tests can see a lock run out */
	const char *shift = testhook_env("KITH_CLOCK_SHIFT");
	time_t sec = ts.tv_sec + seconds + (shift ? atol(shift) : 0);
	stamp_format(sec, ts.tv_nsec / 1000000, out);
}

bool date_stamp_seconds(const char *stamp, long long *out)
{
	int y, mo, d, h = -1, mi = -1;
	if (stamp && ymd_at(stamp, &y, &mo, &d) && stamp[10] == 'T' && stamp[11] && stamp[12] &&
	    stamp[13] == ':' && stamp[14] && stamp[15])
		h = digits(stamp + 11, 2), mi = digits(stamp + 14, 2);
	if (h < 0 || mi < 0) /* not as kith writes it: read as sscanf reads it */
		if (!stamp || sscanf(stamp, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5)
			return false;
	if (!date_ymd_valid(y, mo, d))
		return false;
	*out = date_to_days(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL;
	return true;
}

void date_stamp(char out[STAMP_LEN])
{
	date_stamp_in(0, out);
}

void date_stamp_after(const char *prev, char out[STAMP_LEN])
{
	date_stamp(out);
	int y, mo, d, h, mi, s, ms;
	if (!prev || strcmp(out, prev) > 0 ||
	    sscanf(prev, "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ", &y, &mo, &d, &h, &mi, &s, &ms) != 7)
		return;
	long long total = (date_to_days(y, mo, d) * 86400LL + h * 3600 + mi * 60 + s) * 1000 + ms +
			  1;
	stamp_format((time_t)(total / 1000), (long)(total % 1000), out);
}

const char *date_uk(const char *iso, char out[DATE_LEN])
{
	int y, m, d;
	if (!iso || !date_split(iso, &y, &m, &d)) {
		snprintf(out, DATE_LEN, "%s", iso ? iso : "");
		return out;
	}
	snprintf(out, DATE_LEN, "%02u/%02u/%04u", (unsigned)d % 100u, (unsigned)m % 100u,
		 (unsigned)y % 10000u);
	return out;
}
