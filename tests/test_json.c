/* The JSON reader (jsonr) the HSDS JSON import rests on: what it gives back of strings,
 * escapes and numbers, the line each value starts on, and what it refuses (a hostile file
 * must never crash or exhaust the stack). */
#include <string.h>

#include "check.h"
#include "jsonr.h"
#include "xalloc.h"

static struct jsonr *parse(const char *s, char *why, long *line)
{
	return jsonr_parse(s, strlen(s), why, 200, line);
}

static void values_and_lines(void)
{
	char why[200] = "";
	long line = 0;
	struct jsonr *v = parse("\xEF\xBB\xBF{\n \"a\": \"caf\\u00e9 \\ud83d\\ude00\\n\",\n"
				" \"n\": -1.5e3, \"t\": true,\n \"z\": null, \"list\": [1, {\"b\": "
				"\"x\"}]\n}",
				why, &line);
	if (!CHECK(v != NULL))
		return;
	CHECK_INT(v->type, JSONR_OBJECT);
	CHECK_STR(jsonr_text(v, "a"), "caf\xC3\xA9 \xF0\x9F\x98\x80\n");
	CHECK_STR(jsonr_text(v, "n"), "-1.5e3");
	CHECK_STR(jsonr_text(v, "t"), "true");
	CHECK_STR(jsonr_text(v, "z"), "");    /* null: nothing */
	CHECK_STR(jsonr_text(v, "list"), ""); /* an array has no text */
	CHECK_STR(jsonr_text(v, "missing"), "");
	const struct jsonr *list = jsonr_get(v, "list");
	CHECK_INT(list->n, 2);
	CHECK_INT(list->line, 4);
	CHECK_STR(jsonr_text(&list->item[1], "b"), "x");
	CHECK_INT(jsonr_get(v, "a")->line, 2);
	jsonr_free(v);
}

static void refused_with_the_line(void)
{
	static const struct {
		const char *text, *why;
		long line;
	} bad[] = {
		{"{\"a\": 1,\n \"b\": oops}", "not a JSON value", 2},
		{"{\"a\": \"\\ud800\"}", "lone surrogate", 1},
		{"{\"a\": \"\\q\"}", "unknown escape", 1},
		{"{\"a\": \"tab\there\"}", "control character", 1},
		{"{\"a\": \"\xC3\x28\"}", "not UTF-8", 1},
		{"[1, 2", "comma or ]", 1},
		{"{\"a\" 1}", "colon", 1},
		{"{1: 2}", "quoted name", 1},
		{"01", "malformed number", 1},
		{"{} {}", "more after", 1},
		{"", "ends where a value", 1},
		{"\"never ends", "never ends", 1},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char why[200] = "";
		long line = 0;
		struct jsonr *v = parse(bad[i].text, why, &line);
		CHECK(v == NULL);
		CHECK_HAS(why, bad[i].why);
		CHECK_INT(line, bad[i].line);
		jsonr_free(v);
	}
}

static void deep_nesting_is_refused_not_recursed(void)
{
	size_t n = 200000;
	char *s = xcalloc(2 * n + 1, 1);
	memset(s, '[', n);
	memset(s + n, ']', n);
	char why[200] = "";
	long line = 0;
	struct jsonr *v = jsonr_parse(s, 2 * n, why, sizeof why, &line);
	CHECK(v == NULL);
	CHECK_HAS(why, "nested more than 64 deep");
	free(s);
}

int main(void)
{
	RUN(values_and_lines);
	RUN(refused_with_the_line);
	RUN(deep_nesting_is_refused_not_recursed);
	return check_summary("json");
}
