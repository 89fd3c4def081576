/* What people type: dates, postcodes, e-mail, phones, web addresses, numbers and text, and
 * how names in any script are measured for the screen. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "kerr.h"
#include "utf8.h"
#include "valid.h"
#include "xalloc.h"

/* ---- dates ---- */

static const char *parsed(const char *text)
{
	static char out[DATE_LEN];
	static struct kerr err;
	if (date_parse(text, out, "date", &err) != K_OK)
		return err.msg;
	return out;
}

static void dates_words_and_offsets(void)
{
	CHECK_STR(parsed("today"), "2026-11-22");
	CHECK_STR(parsed("  Today "), "2026-11-22");
	CHECK_STR(parsed("yesterday"), "2026-11-21");
	CHECK_STR(parsed("tomorrow"), "2026-11-23");
	CHECK_STR(parsed("+7d"), "2026-11-29");
	CHECK_STR(parsed("+7"), "2026-11-29");
	CHECK_STR(parsed("-3d"), "2026-11-19");
	CHECK_STR(parsed("+2w"), "2026-12-06");
	CHECK_STR(parsed("+3m"), "2027-02-22");
	CHECK_STR(parsed("-1y"), "2025-11-22");
	CHECK_STR(parsed("+10d"), "2026-12-02");
}

static void dates_uk_and_iso(void)
{
	CHECK_STR(parsed("22/11/2026"), "2026-11-22");
	CHECK_STR(parsed("2/3/2026"), "2026-03-02");
	CHECK_STR(parsed("22.11.2026"), "2026-11-22");
	CHECK_STR(parsed("22-11-2026"), "2026-11-22");
	CHECK_STR(parsed("2026-11-22"), "2026-11-22");
	CHECK_STR(parsed("29/02/2024"), "2024-02-29");
	CHECK_STR(parsed("2000-02-29"), "2000-02-29");
	CHECK_STR(parsed("1/1/1900"), "1900-01-01");
	CHECK_STR(parsed("31.12.2199"), "2199-12-31");
	char out[DATE_LEN]; /* digits put in place, as %04d-%02d-%02d writes them */
	date_format(987, 4, 5, out);
	CHECK_STR(out, "0987-04-05");
	date_format(-5, 1, 1, out);
	CHECK_STR(out, "-005-01-01");
}

/* Dates as spreadsheets and people write them out: a month by name, a time after the date. */
static void dates_written_out(void)
{
	CHECK_STR(parsed("5 March 2026"), "2026-03-05");
	CHECK_STR(parsed("5th Mar 2026"), "2026-03-05");
	CHECK_STR(parsed("Thursday 5 March 2026"), "2026-03-05");
	CHECK_STR(parsed("Thu, 5 March 2026"), "2026-03-05");
	CHECK_STR(parsed("March 5, 2026"), "2026-03-05");
	CHECK_STR(parsed("05-Mar-2026"), "2026-03-05");
	CHECK_STR(parsed("1 sept 2026"), "2026-09-01");
	CHECK_STR(parsed("22nd NOVEMBER 2026"), "2026-11-22");
	CHECK_STR(parsed("05/03/2026"), "2026-03-05"); /* UK order: the fifth of March */
	CHECK_STR(parsed("2026-03-05 00:00:00"), "2026-03-05");
	CHECK_STR(parsed("2026-03-05T14:30:00Z"), "2026-03-05");
	CHECK_STR(parsed("05/03/2026 14:30"), "2026-03-05");
	CHECK_HAS(parsed("30 February 2026"), "not a real date");
	CHECK_HAS(parsed("5 March 26"), "year in full, as in 22 November 2026");
	CHECK_HAS(parsed("5 Ma 2026"), "is not a date; use 22/11/2026, 22 November 2026");
	CHECK_HAS(parsed("5 March"), "is not a date");
	CHECK_HAS(parsed("5th 6th 2026"), "is not a date");
	CHECK_HAS(parsed("5 March 2026 extra"), "is not a date");
	CHECK_HAS(parsed("5xx March 2026"), "is not a date");
	CHECK_HAS(parsed("2026-03-05 lunch"), "is not a date");
}

static void dates_refused_with_the_field_named(void)
{
	struct kerr err;
	char out[DATE_LEN];
	CHECK_INT(date_parse("31/02/2026", out, "date", &err), K_INVALID);
	CHECK_HAS(err.msg, "not a real date");
	CHECK_HAS(err.msg, "date");
	CHECK_INT(date_parse("29/02/2026", out, "follow up", &err), K_INVALID);
	CHECK_HAS(err.msg, "follow up");
	CHECK_INT(date_parse("1900-02-29", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("22/11/26", out, "d", &err), K_INVALID);
	CHECK_HAS(err.msg, "year in full");
	CHECK_INT(date_parse("next tuesday", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("32/01/2026", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("00/01/2026", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("1/13/2026", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("+7x", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("2026/11", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("1/1/1/2026", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse(NULL, out, "d", &err), K_INVALID);
	/* regression: far relative dates read outside the month table or left the range */
	CHECK_INT(date_parse("-2100y", out, "follow up", &err), K_INVALID);
	CHECK_INT(date_parse("+1000y", out, "follow up", &err), K_INVALID);
	CHECK_HAS(err.msg, "follow up: '+1000y' is too far away");
	CHECK_INT(date_parse("-100000d", out, "d", &err), K_INVALID);
	CHECK_INT(date_parse("+50y", out, "d", &err), K_OK);
	CHECK_STR(out, "2076-11-22");
}

static void dates_arithmetic(void)
{
	char out[DATE_LEN];
	CHECK(date_add_days("2024-02-28", 1, out));
	CHECK_STR(out, "2024-02-29");
	CHECK(date_add_days("2026-12-31", 1, out));
	CHECK_STR(out, "2027-01-01");
	CHECK(!date_add_days("2026-02-30", 1, out));
	int y, m, d;
	date_from_days(date_to_days(1970, 1, 1), &y, &m, &d);
	CHECK(y == 1970 && m == 1 && d == 1);
	CHECK_INT(date_to_days(1970, 1, 2), 1);
	char stamp[STAMP_LEN];
	date_stamp(stamp);
	CHECK_INT(strlen(stamp), 24);
	CHECK(stamp[10] == 'T' && stamp[23] == 'Z');
}

/* ---- postcodes, e-mail, phones, web ---- */

static const char *postcode(const char *text)
{
	static char out[POSTCODE_LEN];
	struct kerr err;
	return valid_postcode(text, out, "postcode", &err) == K_OK ? out : "refused";
}

static void postcodes_normalised(void)
{
	CHECK_STR(postcode("e1 6an"), "E1 6AN");
	CHECK_STR(postcode("E16AN"), "E1 6AN");
	CHECK_STR(postcode("sw1a 1aa"), "SW1A 1AA");
	CHECK_STR(postcode("M1 1AE"), "M1 1AE");
	CHECK_STR(postcode("B33 8TH"), "B33 8TH");
	CHECK_STR(postcode("CR2 6XH"), "CR2 6XH");
	CHECK_STR(postcode("DN55 1PT"), "DN55 1PT");
	CHECK_STR(postcode("W1A 0AX"), "W1A 0AX");
	CHECK_STR(postcode("EC1A 1BB"), "EC1A 1BB");
	CHECK_STR(postcode("gir 0aa"), "GIR 0AA");
	CHECK_STR(postcode("  LS6  2AB "), "LS6 2AB");
}

static void postcodes_refused(void)
{
	CHECK_STR(postcode("12345"), "refused");
	CHECK_STR(postcode("E1"), "refused");
	CHECK_STR(postcode("E1 6A"), "refused");
	CHECK_STR(postcode("Q1 6AN"), "refused");  /* Q never starts a postcode */
	CHECK_STR(postcode("EI1 6AN"), "refused"); /* I is never second */
	CHECK_STR(postcode("E1 6CN"), "refused");  /* C is not used inward */
	CHECK_STR(postcode("E1-6AN"), "refused");
	CHECK_STR(postcode("E1 6ANN"), "refused");
	CHECK_STR(postcode("ÉE1 6AN"), "refused");
	struct kerr err;
	char out[POSTCODE_LEN];
	valid_postcode("nope", out, "postcode", &err);
	CHECK_HAS(err.msg, "postcode");
	CHECK_HAS(err.msg, "not a UK postcode");
}

static void email_phone_url(void)
{
	struct kerr err;
	CHECK_INT(valid_email("amina.yusuf@example.org", "e-mail", &err), K_OK);
	CHECK_INT(valid_email("a+tag@sub.example.co.uk", "e-mail", &err), K_OK);
	CHECK_INT(valid_email("amina", "e-mail", &err), K_INVALID);
	CHECK_HAS(err.msg, "e-mail");
	CHECK_INT(valid_email("a@b", "e-mail", &err), K_INVALID);
	CHECK_INT(valid_email("a b@example.org", "e-mail", &err), K_INVALID);
	CHECK_INT(valid_email("a..b@example.org", "e-mail", &err), K_INVALID);
	CHECK_INT(valid_email("@example.org", "e-mail", &err), K_INVALID);
	CHECK_INT(valid_email("a@example..org", "e-mail", &err), K_INVALID);
	CHECK_INT(valid_email("a@-example.org", "e-mail", &err), K_INVALID);

	CHECK_INT(valid_phone("07700 900123", "phone", &err), K_OK);
	CHECK_INT(valid_phone("020 7946 0000", "phone", &err), K_OK);
	CHECK_INT(valid_phone("+44 7700 900123", "phone", &err), K_OK);
	CHECK_INT(valid_phone("(0113) 496 0000", "phone", &err), K_OK);
	CHECK_INT(valid_phone("0770090", "phone", &err), K_INVALID);
	CHECK_HAS(err.msg, "10 or 11 digits");
	CHECK_INT(valid_phone("call me", "phone", &err), K_INVALID);
	CHECK_INT(valid_phone("07700 9001234567", "phone", &err), K_INVALID);
	CHECK_INT(valid_phone("0770+0900123", "phone", &err), K_INVALID);

	char *url = NULL;
	CHECK_INT(valid_url("example.org/knit", &url, "website", &err), K_OK);
	CHECK_STR(url, "https://example.org/knit");
	free(url);
	CHECK_INT(valid_url("http://example.org:8080/x?y", &url, "website", &err), K_OK);
	CHECK_STR(url, "http://example.org:8080/x?y");
	free(url);
	CHECK_INT(valid_url("not a site", &url, "website", &err), K_INVALID);
	CHECK_INT(valid_url("javascript:alert(1)", &url, "website", &err), K_INVALID);
}

static void numbers_bools_text(void)
{
	struct kerr err;
	long v;
	CHECK_INT(valid_int("42", 0, 100, &v, "n", &err), K_OK);
	CHECK_INT(v, 42);
	CHECK_INT(valid_int("101", 0, 100, &v, "headcount", &err), K_INVALID);
	CHECK_HAS(err.msg, "between 0 and 100");
	CHECK_INT(valid_int("4x", 0, 100, &v, "n", &err), K_INVALID);
	CHECK_INT(valid_int("", 0, 100, &v, "n", &err), K_INVALID);
	CHECK_INT(valid_int("99999999999999999999", 0, 100, &v, "n", &err), K_INVALID);
	int b;
	CHECK(valid_bool("Yes", &b, "b", &err) == K_OK && b == 1);
	CHECK(valid_bool("off", &b, "b", &err) == K_OK && b == 0);
	CHECK_INT(valid_bool("maybe", &b, "b", &err), K_INVALID);

	CHECK_INT(valid_text("Siobhán Ó Súilleabháin", 100, false, "name", &err), K_OK);
	CHECK_INT(valid_text("line\nbreak", 100, false, "name", &err), K_INVALID);
	CHECK_HAS(err.msg, "control character");
	CHECK_INT(valid_text("line\nbreak", 100, true, "notes", &err), K_OK);
	CHECK_INT(valid_text("bell\a", 100, true, "notes", &err), K_INVALID);
	CHECK_INT(valid_text("esc\x1b[31m", 100, true, "notes", &err), K_INVALID);
	CHECK_INT(valid_text("\xc3\x28", 100, false, "name", &err), K_INVALID);
	CHECK_HAS(err.msg, "UTF-8");
	CHECK_INT(valid_text("abcdef", 5, false, "name", &err), K_INVALID);
	CHECK_HAS(err.msg, "too long");
	CHECK_INT(valid_text("\u202Eevil", 100, false, "name", &err), K_INVALID);
	char *t = valid_trim("  Amina \t");
	CHECK_STR(t, "Amina");
	free(t);
}

/* Issue 12, item 8: "Ann" and "Ann" with a zero width space looked the same and were two
 * people. A name refuses what cannot be seen; every script keeps what it needs. */
static void invisible_characters_refused_in_names(void)
{
	struct kerr err;
	static const char *const kept[] = {
		"Zoë",
		"李伟",
		"ليلى",
		"আয়েশা",
		"علی\u200cرضا", /* Persian: ZWNJ between joining letters */
		"می\u200cخواهم",
		"क्\u200dष",
		"क्\u200cष", /* Devanagari: after a virama */
		"ශ්\u200dරී", /* Sinhala */
		"র\u200d্য", /* Bengali ya-phala: ZWJ before the virama */
		"Knit \u2764\ufe0f Natter",
		"1\ufe0f\u20e3",
		"葛\U000E0100",
		"\u1820\u180b",
		"\U0001F469\U0001F3FD\u200d\U0001F4BB", /* woman technologist, a skin tone */
	};
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++)
		if (!CHECK_INT(valid_text(kept[i], 200, false, "given name", &err), K_OK))
			fprintf(stderr, "  refused %s: %s\n", kept[i], err.msg);
	static const char *const refused[] = {
		"Ann\u200b",     "An\u2060n",        "\ufeffAnn", "An\u00adn",     "Ann\u200e",
		"Ann\u200f",     "Ann\u061c",        "A\u202aB",  "A\u2066B",      "An\u180en",
		"Ann\U000E0041", "An\u034fn",        "Ann\ufe0f", "1\ufe0f",       "Ann\u200c",
		"Ann\u200d",     "\u200dAnn",        "A\u200dnn", "علی\u200c رضا", "علی\u200c",
		"\u200cعلی",     "क्\u200d",          "क्\u200dA",  "\u3164",        "\u115f",
		"\u17b4",        "\U0001F468\u200d",
	};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
		if (!CHECK_INT(valid_text(refused[i], 200, false, "given name", &err), K_INVALID))
			fprintf(stderr, "  kept %s\n", refused[i]);
	valid_text("Ann\u200b", 200, false, "given name", &err);
	CHECK_STR(err.msg, "given name: contains an invisible character (U+200B ZERO WIDTH SPACE); "
			   "type the given name again");
	CHECK_STR(err.field, "given name");
	valid_text("Ann\u200c", 200, false, "given name", &err);
	CHECK_HAS(err.msg, "(U+200C ZERO WIDTH NON-JOINER) that joins nothing here");
	/* a note keeps joiners, emoji and zero widths, but not what reorders the text */
	CHECK_INT(valid_text("a family: \U0001F468\u200d\U0001F469\u200d\U0001F467\u200d"
			     "\U0001F466\nand \U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063"
			     "\U000E0074\U000E007F",
			     200, true, "notes", &err),
		  K_OK);
	CHECK_INT(valid_text("zero\u200bwidth", 200, true, "notes", &err), K_OK);
	CHECK_INT(valid_text("a\u200fb", 200, true, "notes", &err), K_INVALID);
	CHECK_HAS(err.msg, "notes: contains an invisible character (U+200F RIGHT-TO-LEFT MARK)");
	CHECK_INT(valid_text("a\u2067b", 200, true, "notes", &err), K_INVALID);
}

/* ---- UTF-8 and widths ---- */

static void utf8_validation(void)
{
	CHECK(utf8_valid("Zoë 李伟 ليلى", strlen("Zoë 李伟 ليلى")));
	CHECK(!utf8_valid("\xc0\xaf", 2));         /* overlong '/' */
	CHECK(!utf8_valid("\xed\xa0\x80", 3));     /* a surrogate */
	CHECK(!utf8_valid("\xf4\x90\x80\x80", 4)); /* beyond U+10FFFF */
	CHECK(!utf8_valid("\xe2\x82", 2));         /* truncated */
	CHECK(!utf8_valid("a\0b", 3));             /* NUL inside */
	CHECK(!utf8_valid("\x80", 1));
}

static void widths_line_up_names_in_any_script(void)
{
	CHECK_INT(utf8_width("Amina"), 5);
	CHECK_INT(utf8_width("李伟"), 4);        /* wide */
	CHECK_INT(utf8_width("Zoe\xcc\x88"), 3); /* e + combining diaeresis */
	CHECK_INT(utf8_width("ليلى"), 4);        /* right-to-left letters take one column */
	CHECK_INT(utf8_width("\x1b"), 1);        /* a control is drawn as one '?' */
	int used;
	size_t n = utf8_fit("李伟伟", 5, &used); /* never half a wide character */
	CHECK_INT(n, 6);
	CHECK_INT(used, 4);
	n = utf8_fit("Zoe\xcc\x88!", 3, &used); /* the mark stays with its letter */
	CHECK_INT(n, 5);
	CHECK_INT(used, 3);
	char *p = utf8_printable("a\x1b[2Jb\nc\u202Ed");
	CHECK_STR(p, "a?[2Jb c?d");
	free(p);
}

/* A name with a joined emoji, a skin tone or an emoji selector is drawn as its first
 * character, which terminals agree on; curses would count every part, and the text after it
 * would move. */
static void clusters_are_drawn_as_terminals_agree(void)
{
	const char *family = "Ana \U0001F468\u200D\U0001F469\u200D\U0001F467 Rua";
	CHECK_INT(utf8_width(family), 10); /* "Ana ", an emoji of two, " Rua" */
	char *d = utf8_drawable(family);
	CHECK_STR(d, "Ana \U0001F468 Rua");
	CHECK_INT(utf8_width(d), 10);
	free(d);
	CHECK_INT(utf8_width("\U0001F44D\U0001F3FD"), 2); /* a thumb with a skin tone */
	CHECK_INT(utf8_width("\u2764\uFE0F!"), 2);        /* a heart asking for emoji */
	CHECK_INT(utf8_width("\U0001F1EC\U0001F1E7"), 2); /* a flag: two letters, one cluster */
	d = utf8_drawable("Zoe\xcc\x88 \u2764\uFE0F");
	CHECK_STR(d, "Zoe\xcc\x88 \u2764"); /* marks stay; the selector goes */
	free(d);
	int used;
	size_t n = utf8_fit(family, 5, &used); /* the emoji is never cut in two */
	CHECK_INT(n, 4);
	CHECK_INT(used, 4);
	n = utf8_fit(family, 6, &used);
	CHECK_INT(n, strlen("Ana \U0001F468\u200D\U0001F469\u200D\U0001F467"));
	CHECK_INT(used, 6);
	CHECK_INT(utf8_next_cluster(family + 4, strlen(family + 4)), 18);
	CHECK_INT(utf8_next_cluster("e\xcc\x88x", 4), 3);
	CHECK_INT(utf8_next_cluster("ab", 2), 1);
}

/* The dates and stamps kith writes, and what an import reads back as one ("a time kith
 * wrote"): read alike whether written as kith writes them or not quite. */
static void stamps_read_back(void)
{
	long long secs = 0, day = 86400;
	CHECK(date_stamp_seconds("2026-11-21T11:17:00.000Z", &secs));
	CHECK(secs % day == 11 * 3600 + 17 * 60);
	long long first = secs;
	CHECK(date_stamp_seconds("2026-11-22T11:17:59.999Z", &secs));
	CHECK_INT((int)(secs - first), (int)day);
	CHECK(date_stamp_seconds("2026-11-21T11:17", &secs) && secs == first);
	CHECK(date_stamp_seconds("2026-11-21T1:17:00Z", &secs)); /* as sscanf takes it */
	CHECK_INT((int)((secs - first) / 3600), -10);
	CHECK(!date_stamp_seconds("2026-02-30T10:00:00.000Z", &secs));
	CHECK(!date_stamp_seconds("2026-11-21 11:17", &secs));
	CHECK(!date_stamp_seconds("20x6-11-21T11:17", &secs));
	CHECK(!date_stamp_seconds("", &secs));
	CHECK(!date_stamp_seconds(NULL, &secs));
	int y = 0, m = 0, d = 0;
	CHECK(date_split("2024-02-29", &y, &m, &d) && y == 2024 && m == 2 && d == 29);
	CHECK(!date_split("2023-02-29", &y, &m, &d));
	CHECK(!date_split("2024-02-2", &y, &m, &d));
	CHECK(!date_split("2024-02-29T", &y, &m, &d));
	CHECK(!date_split("2024/02/29", &y, &m, &d));
	CHECK(!date_split("2024-2-029", &y, &m, &d));
}

/* Printable ASCII told from everything else at every place in a text (it is read eight bytes
 * at a time), and what it lets through is what the closer look lets through. */
static void plain_ascii_at_every_place(void)
{
	const unsigned char odd[] = {0x01, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xFF};
	char text[24];
	for (size_t n = 1; n < sizeof text; n++) {
		memset(text, 'a', n);
		text[0] = ' ', text[n - 1] = '~'; /* 0x20 and 0x7E: the ends of printable */
		CHECK(utf8_plain_ascii(text, n));
		for (size_t at = 0; at < n; at++)
			for (size_t k = 0; k < sizeof odd; k++) {
				char keep = text[at];
				text[at] = (char)odd[k];
				CHECK(!utf8_plain_ascii(text, n));
				text[at] = keep;
			}
	}
	struct kerr err;
	CHECK_INT(valid_text("Kemi\x7F Adeyemi", 100, false, "name", &err), K_INVALID);
	CHECK_HAS(err.msg, "control character (U+007F)");
	CHECK_INT(valid_text("Kemi\x01", 100, true, "notes", &err), K_INVALID);
	CHECK_INT(valid_text("Kemi Adeyemi, 12 Elm Road", 100, false, "name", &err), K_OK);
	CHECK_INT(valid_text("Kemi Adeyemi, 12 Elm Road", 10, false, "name", &err), K_INVALID);
	CHECK_HAS(err.msg, "too long");
}

int main(void)
{
	setenv("KITH_TODAY", "2026-11-22", 1);
	CHECK(utf8_locale());
	RUN(dates_words_and_offsets);
	RUN(stamps_read_back);
	RUN(plain_ascii_at_every_place);
	RUN(dates_uk_and_iso);
	RUN(dates_written_out);
	RUN(dates_refused_with_the_field_named);
	RUN(dates_arithmetic);
	RUN(postcodes_normalised);
	RUN(postcodes_refused);
	RUN(email_phone_url);
	RUN(numbers_bools_text);
	RUN(invisible_characters_refused_in_names);
	RUN(utf8_validation);
	RUN(widths_line_up_names_in_any_script);
	RUN(clusters_are_drawn_as_terminals_agree);
	return check_summary("text");
}
