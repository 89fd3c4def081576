/* UUID generation and checks. Ids are the only keys that leave the database, so they must
 * be globally unique (laptops will sync) and recognisable when someone types one. */
#include "id.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>

/* Random bytes drawn from the kernel a page at a time: an import makes an id per row, and
 * asking the kernel each time was a twentieth of its time. Each byte is used once and
 * wiped; a forked copy of the process draws a pool of its own, so that no two processes
 * ever hand out the same ids. */
static unsigned char pool[4096];
static size_t pool_left;
static pid_t pool_pid;

void id_new(char out[ID_LEN])
{
	uuid_t u;
	if (pool_left < sizeof u || pool_pid != getpid()) {
		randombytes_buf(pool, sizeof pool);
		pool_left = sizeof pool;
		pool_pid = getpid();
	}
	pool_left -= sizeof u;
	memcpy(u, pool + pool_left, sizeof u);
	sodium_memzero(pool + pool_left, sizeof u);
	u[6] = (unsigned char)((u[6] & 0x0F) | 0x40); /* version 4 */
	u[8] = (unsigned char)((u[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	uuid_unparse_lower(u, out);
}

void id_from_bits(uint64_t hi, uint64_t lo, char out[ID_LEN])
{
	uuid_t u;
	for (int i = 0; i < 8; i++) {
		u[i] = (unsigned char)(hi >> (56 - 8 * i));
		u[8 + i] = (unsigned char)(lo >> (56 - 8 * i));
	}
	u[6] = (unsigned char)((u[6] & 0x0F) | 0x40); /* version 4 */
	u[8] = (unsigned char)((u[8] & 0x3F) | 0x80); /* RFC 4122 variant */
	uuid_unparse_lower(u, out);
}

void id_named(const char *name, char out[ID_LEN])
{
	/* kith's namespace: a version-4 UUID drawn once, never to change */
	static const uuid_t space = {0x6b, 0x69, 0x74, 0x68, 0x2d, 0x1e, 0x4a, 0x17,
				     0x9c, 0x05, 0x53, 0x79, 0x6e, 0x63, 0x68, 0x21};
	uuid_t u;
	uuid_generate_sha1(u, space, name, strlen(name));
	uuid_unparse_lower(u, out);
}

static bool id_char_ok(const char *s, size_t i)
{
	if (i == 8 || i == 13 || i == 18 || i == 23)
		return s[i] == '-';
	return (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f');
}

bool id_prefix_valid(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 36)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!id_char_ok(s, i))
			return false;
	return true;
}

bool id_valid(const char *s)
{
	return strlen(s) == 36 && id_prefix_valid(s);
}
