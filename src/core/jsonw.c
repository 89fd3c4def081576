/* Minimal JSON writing for --json output and exports; reading JSON is not needed. */
#include "jsonw.h"

#include <stdio.h>

#include "strbuf.h"

void jsonw_string(struct strbuf *out, const char *s)
{
	if (!s) {
		strbuf_puts(out, "null");
		return;
	}
	strbuf_putc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			strbuf_puts(out, "\\\"");
			break;
		case '\\':
			strbuf_puts(out, "\\\\");
			break;
		case '\n':
			strbuf_puts(out, "\\n");
			break;
		case '\r':
			strbuf_puts(out, "\\r");
			break;
		case '\t':
			strbuf_puts(out, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				strbuf_printf(out, "\\u%04x", *p);
			else
				strbuf_putc(out, (char)*p);
		}
	}
	strbuf_putc(out, '"');
}

void jsonw_key(struct strbuf *out, const char *key, int first)
{
	if (!first)
		strbuf_putc(out, ',');
	jsonw_string(out, key);
	strbuf_putc(out, ':');
}
