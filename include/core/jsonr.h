/* Reading JSON text (RFC 8259) into a tree, for the imports that take JSON: each value
 * knows the line it began on, so that a refusal can name it. Strings are UTF-8 with their
 * escapes undone; numbers, true and false keep their text; null has none. */
#ifndef KITH_JSONR_H
#define KITH_JSONR_H

#include <stddef.h>

enum jsonr_type { JSONR_NULL, JSONR_BOOL, JSONR_NUMBER, JSONR_STRING, JSONR_ARRAY, JSONR_OBJECT };

struct jsonr {
	enum jsonr_type type;
	char *key;          /* the member's name, inside an object */
	char *text;         /* a string's, number's or boolean's text; NULL otherwise */
	struct jsonr *item; /* an array's items or an object's members */
	size_t n;
	long line;
};

/* Parses the n bytes of s (s[n] is a NUL, as file_read leaves it); NULL when they are not JSON, with why and *line saying where. */
struct jsonr *jsonr_parse(const char *s, size_t n, char *why, size_t whylen, long *line);
void jsonr_free(struct jsonr *v); /* accepts NULL */
/* The member called key of an object, or NULL (also when v is no object). */
const struct jsonr *jsonr_get(const struct jsonr *v, const char *key);
/* A member's scalar text ("" when missing, null, an array or an object). */
const char *jsonr_text(const struct jsonr *v, const char *key);

#endif
