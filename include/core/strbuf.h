/* A growable NUL-terminated string, for building output and JSON. The buffer is owned by
 * the struct: strbuf_free() releases it, strbuf_take() hands it to the caller. */
#ifndef KITH_STRBUF_H
#define KITH_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf; /* always NUL-terminated once anything is added; NULL when empty */
	size_t len;
	size_t cap;
};

/* clang-format off */
#define STRBUF_INIT {NULL, 0, 0}
/* clang-format on */

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the NULL-terminated words with sep between them and last before the last one:
 * ("a", "b", "c"), ", ", " or " gives "a, b or c". */
void strbuf_join(struct strbuf *sb, const char *const *words, const char *sep, const char *last);
void strbuf_reset(struct strbuf *sb);            /* empties it, keeps the memory */
const char *strbuf_str(const struct strbuf *sb); /* "" when empty, never NULL */
char *strbuf_take(struct strbuf *sb);            /* caller frees; the strbuf is left empty */
void strbuf_free(struct strbuf *sb);

#endif
