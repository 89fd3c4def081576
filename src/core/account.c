/* Accounts and their passwords. */
#include "account.h"

#include <ctype.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "date.h"
#include "keyring.h"
#include "setting.h"
#include "store.h"
#include "testhook.h"
#include "utf8.h"
#include "xalloc.h"

/* ---- what a password may not be ---- */

/* Words people build passwords from; with digits and symbols around them they are still the
 * first guesses of anyone trying. */
/* clang-format off */
static const char *const common[] = {
	"password", "passw0rd", "p@ssword", "p@ssw0rd", "qwerty", "letmein", "welcome",
	"iloveyou", "admin", "administrator", "football", "monkey", "dragon", "sunshine",
	"princess", "baseball", "trustno1", "superman", "batman", "master", "shadow", "michael",
	"charlie", "abc123", "changeme", "kith", "community", "secret", "login", "default",
	"hello", "whatever", "starwars", "liverpool", "chelsea", "arsenal", "computer",
	"internet", "qazwsx", "zaq12wsx", "freedom", "summer", "winter", "spring", "autumn",
	"london", "england", "jesus", "blessed", "family", "friends", "mustang", "pokemon",
	"tigger", "flower", "loveme", "lovely", "jordan", "hunter", "soccer", "cheese",
	"google", "facebook", "samsung", "apple", "matrix", "pa55word", "connector", "volunteer",
};
/* clang-format on */

/* Rows and columns people walk on a keyboard, and the plain runs. */
/* clang-format off */
static const char *const walks[] = {
	"qwertyuiopasdfghjklzxcvbnm", "1234567890", "0987654321",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "zaq12wsxcde34rfvbgt56yhnmju78ik,.lo90p;/",
	"abcdefghijklmnopqrstuvwxyz", "zyxwvutsrqponmlkjihgfedcba", "qazwsxedcrfvtgbyhnujmikolp",
	"mnbvcxzlkjhgfdsapoiuytrewq",
};
/* clang-format on */

static bool one_character(const char *p)
{
	for (const char *c = p + 1; *c; c++)
		if (*c != *p)
			return false;
	return true;
}

/* Part of a walk, repeated as often as it takes: "qwertyqwerty", "123412341234". */
static bool a_walk(const char *lower)
{
	size_t n = strlen(lower);
	for (size_t w = 0; w < sizeof walks / sizeof *walks; w++) {
		for (size_t period = 3; period <= n && period <= strlen(walks[w]); period++) {
			char head[64];
			if (period >= sizeof head)
				break;
			memcpy(head, lower, period);
			head[period] = '\0';
			if (!strstr(walks[w], head))
				break;
			bool repeats = true;
			for (size_t i = period; i < n && repeats; i++)
				repeats = lower[i] == lower[i % period];
			if (repeats)
				return true;
		}
	}
	return false;
}

/* The word inside: digits and symbols around it taken away ("Summer2026!" is "summer"). */
static void core_word(const char *lower, char *out, size_t n)
{
	const char *a = lower, *b = lower + strlen(lower);
	while (*a && !isalpha((unsigned char)*a))
		a++;
	while (b > a && !isalpha((unsigned char)b[-1]))
		b--;
	snprintf(out, n, "%.*s", (int)(b - a), a);
}

static bool common_word(const char *word)
{
	size_t n = strlen(word);
	for (size_t i = 0; i < sizeof common / sizeof *common; i++) {
		size_t k = strlen(common[i]);
		if (n % k)
			continue;
		bool same = true; /* the word, once or repeated ("passwordpassword") */
		for (size_t j = 0; j < n && same; j++)
			same = word[j] == common[i][j % k];
		if (same)
			return true;
	}
	return false;
}

static size_t characters(const char *s)
{
	size_t n = 0, len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		n++;
	}
	return n;
}

int account_password_ok(const char *username, const char *password, struct kerr *err)
{
	size_t len = strlen(password);
	if (characters(password) < PASSWORD_MIN)
		return kerr_set(err, K_INVALID, "password",
				"password: at least %d characters; "
				"three or four unrelated words make a good one",
				PASSWORD_MIN);
	if (len > PASSWORD_MAX)
		return kerr_set(err, K_INVALID, "password", "password: at most %d bytes",
				PASSWORD_MAX);
	if (!utf8_valid(password, len))
		return kerr_set(err, K_INVALID, "password", "password: not valid UTF-8");
	char *lower = xstrdup(password), word[PASSWORD_MAX + 1];
	for (char *c = lower; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	core_word(lower, word, sizeof word);
	char *name = xstrdup(username ? username : "");
	for (char *c = name; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	bool weak = one_character(lower) || a_walk(lower) || strlen(word) < 4 ||
		    common_word(word) || a_walk(word) || (strlen(name) >= 3 && strstr(lower, name));
	sodium_memzero(lower, len);
	free(lower);
	sodium_memzero(word, sizeof word);
	free(name);
	if (weak)
		return kerr_set(err, K_INVALID, "password",
				"password: too easy to guess (a common "
				"word, a keyboard run, or the username, with numbers around it); "
				"three or four unrelated words make a good one");
	return K_OK;
}

/* ---- the cost of a hash ---- */

#define TARGET_SECONDS 0.35
#define CALIBRATION_MEM (64ULL * 1024 * 1024)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cost_get(struct store *st, unsigned long long *ops, size_t *mem, struct kerr *err)
{
	char *o = NULL, *m = NULL;
	int status = setting_get(st, "password_ops", &o, err);
	if (status == K_OK)
		status = setting_get(st, "password_mem", &m, err);
	*ops = o ? strtoull(o, NULL, 10) : 0;
	*mem = m ? (size_t)strtoull(m, NULL, 10) : 0;
	free(o), free(m);
	return status;
}

/* ---- kith's hash: one Argon2id run gives what checks a password and what unlocks ---- */

#define HASH_TAG "$kith1$"
#define SALT_BYTES crypto_pwhash_SALTBYTES
#define HASH_MAX 160

/* Argon2id of password with salt at the cost gives 64 bytes: the first half checks the
 * password, the second is the key that unlocks the account's secret key (keyring.h). */
static bool derive(const char *password, const unsigned char salt[SALT_BYTES],
		   unsigned long long ops, size_t mem, unsigned char out[2 * KEYRING_KEY])
{
	return crypto_pwhash(out, 2 * KEYRING_KEY, password, strlen(password), salt, ops, mem,
			     crypto_pwhash_ALG_ARGON2ID13) == 0;
}

/* "$kith1$OPS$MEM$SALT$CHECK" (salt and check in hex); the unlock half is never written. */
static bool make_hash(const char *password, unsigned long long ops, size_t mem, char out[HASH_MAX],
		      unsigned char unlock[KEYRING_KEY])
{
	unsigned char salt[SALT_BYTES], both[2 * KEYRING_KEY];
	char salt_hex[2 * SALT_BYTES + 1], check_hex[2 * KEYRING_KEY + 1];
	randombytes_buf(salt, sizeof salt);
	if (!derive(password, salt, ops, mem, both))
		return false;
	sodium_bin2hex(salt_hex, sizeof salt_hex, salt, sizeof salt);
	sodium_bin2hex(check_hex, sizeof check_hex, both, KEYRING_KEY);
	snprintf(out, HASH_MAX, HASH_TAG "%llu$%zu$%s$%s", ops, mem, salt_hex, check_hex);
	if (unlock)
		memcpy(unlock, both + KEYRING_KEY, KEYRING_KEY);
	sodium_memzero(both, sizeof both);
	return true;
}

struct parsed_hash {
	unsigned long long ops;
	size_t mem;
	unsigned char salt[SALT_BYTES], check[KEYRING_KEY];
};

static bool parse_hash(const char *hash, struct parsed_hash *p)
{
	char salt_hex[2 * SALT_BYTES + 1], check_hex[2 * KEYRING_KEY + 1], tail;
	size_t n1 = 0, n2 = 0;
	return strncmp(hash, HASH_TAG, strlen(HASH_TAG)) == 0 &&
	       sscanf(hash + strlen(HASH_TAG), "%llu$%zu$%32[0-9a-f]$%64[0-9a-f]%c", &p->ops,
		      &p->mem, salt_hex, check_hex, &tail) == 4 &&
	       sodium_hex2bin(p->salt, sizeof p->salt, salt_hex, strlen(salt_hex), NULL, &n1,
			      NULL) == 0 &&
	       n1 == SALT_BYTES &&
	       sodium_hex2bin(p->check, sizeof p->check, check_hex, strlen(check_hex), NULL, &n2,
			      NULL) == 0 &&
	       n2 == KEYRING_KEY;
}

/* Checks password against a hash in kith's form, in constant time; fills unlock. */
static bool verify_kith(const char *hash, const char *password, unsigned char *unlock,
			unsigned long long *ops, size_t *mem)
{
	struct parsed_hash p;
	unsigned char both[2 * KEYRING_KEY];
	if (!parse_hash(hash, &p) || !derive(password, p.salt, p.ops, p.mem, both))
		return false;
	bool ok = sodium_memcmp(both, p.check, KEYRING_KEY) == 0;
	if (ok && unlock)
		memcpy(unlock, both + KEYRING_KEY, KEYRING_KEY);
	sodium_memzero(both, sizeof both);
	*ops = p.ops;
	*mem = p.mem;
	return ok;
}

/* Keeps the cost, and a hash of random bytes at that cost for logins with no account. */
static int cost_set(struct store *st, unsigned long long ops, size_t mem, struct kerr *err)
{
	char o[24], m[24], dummy[HASH_MAX], noise[33];
	snprintf(o, sizeof o, "%llu", ops);
	snprintf(m, sizeof m, "%zu", mem);
	unsigned char bytes[16];
	randombytes_buf(bytes, sizeof bytes);
	sodium_bin2hex(noise, sizeof noise, bytes, sizeof bytes);
	if (!make_hash(noise, ops, mem, dummy, NULL))
		return kerr_set(err, K_IO, "", "not enough memory to protect passwords");
	int status = store_begin(st, err);
	if (status == K_OK)
		status = setting_set(st, "password_ops", o, err);
	if (status == K_OK)
		status = setting_set(st, "password_mem", m, err);
	if (status == K_OK)
		status = setting_set(st, "password_dummy", dummy, err);
	return store_finish(st, status, err);
}

char *account_dummy_hash(struct store *st)
{
	char *hash = NULL;
	struct kerr err;
	setting_get(st, "password_dummy", &hash, &err);
	return hash;
}

/* The cost that takes about TARGET_SECONDS here. */
static void measure(unsigned long long *ops, size_t *mem)
{
	const char *want = testhook_env("KITH_PASSWORD_COST");
	if (want && strcmp(want, "min") == 0) {
		*ops = crypto_pwhash_OPSLIMIT_MIN;
		*mem = crypto_pwhash_MEMLIMIT_MIN;
		return;
	}
	char out[crypto_pwhash_STRBYTES];
	*mem = CALIBRATION_MEM;
	unsigned long long n = 2;
	/* time is not quite in proportion to the passes: guess, time the guess, correct once
	 * (the first hash also pays for faulting the memory in, and is not counted) */
	for (int round = 0; round < 3; round++) {
		double start = now();
		if (crypto_pwhash_str(out, "calibration", 11, n, *mem) != 0) {
			*ops = crypto_pwhash_OPSLIMIT_INTERACTIVE; /* not enough memory: the usual */
			*mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
			return;
		}
		double took = now() - start;
		if (round > 0 && took > 0)
			n = (unsigned long long)((double)n * TARGET_SECONDS / took + 0.5);
		n = n < 2 ? 2 : n > 64 ? 64 : n;
	}
	*ops = n;
}

int account_calibrate(struct store *st, struct kerr *err)
{
	unsigned long long ops, kept_ops;
	size_t mem, kept_mem;
	int status = cost_get(st, &kept_ops, &kept_mem, err);
	if (status != K_OK)
		return status;
	measure(&ops, &mem);
	if (kept_ops && ops * mem <= kept_ops * kept_mem)
		return K_OK; /* the cost never falls: old hashes would stay weaker */
	return cost_set(st, ops, mem, err);
}

char *account_hash(struct store *st, const char *password, unsigned char unlock[KEYRING_KEY],
		   struct kerr *err)
{
	unsigned long long ops;
	size_t mem;
	if (cost_get(st, &ops, &mem, err) != K_OK)
		return NULL;
	if (!ops && (account_calibrate(st, err) != K_OK || cost_get(st, &ops, &mem, err) != K_OK))
		return NULL;
	char out[HASH_MAX];
	if (!make_hash(password, ops, mem, out, unlock)) {
		kerr_set(err, K_IO, "", "not enough memory to protect the password");
		return NULL;
	}
	return xstrdup(out);
}

bool account_verify(struct store *st, const char *hash, const char *password, bool *stale,
		    unsigned char unlock[KEYRING_KEY], bool *unlocked)
{
	unsigned long long ops = 0, want_ops;
	size_t mem = 0, want_mem;
	struct kerr err;
	*stale = *unlocked = false;
	if (!hash)
		return false;
	bool ok, old = strncmp(hash, HASH_TAG, strlen(HASH_TAG)) != 0;
	if (old) /* libsodium's own form, from before accounts had keys: made again at login */
		ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
	else
		ok = verify_kith(hash, password, unlock, &ops, &mem);
	if (!ok)
		return false;
	*unlocked = !old;
	*stale = old;
	if (!old && cost_get(st, &want_ops, &want_mem, &err) == K_OK && want_ops)
		*stale = ops < want_ops || mem < want_mem;
	return true;
}
