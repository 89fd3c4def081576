/* Writing JSON text into a strbuf: strings escaped per RFC 8259, control characters as \u. */
#ifndef KITH_JSONW_H
#define KITH_JSONW_H

struct strbuf;

void jsonw_string(struct strbuf *out, const char *s); /* NULL writes null */
/* "key": with the comma that precedes it unless first. */
void jsonw_key(struct strbuf *out, const char *key, int first);

#endif
