/* FNV-1a over a text (hash.h). */
#include "hash.h"

uint64_t hash_text(uint64_t h, const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 1099511628211ull;
	return h;
}
