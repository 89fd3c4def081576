/* The connection to the hub (libpq): opening it with a timeout, each call counted and its
 * failure told apart (unreachable, refused, an error of the hub's), the connection string file
 * beside the database (0600, refused when others may read it), and laptops' strings made. */
#include "sync_impl.h"
#include "sync.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "jsonr.h"
#include "store.h"
#include "strbuf.h"
#include "testhook.h"
#include "xalloc.h"

#define HUB_FILE_MAX 8192

static const char KEPT[] = "; your work is kept here and goes up at the next sync";

/* The first line of libpq's message, without its "connection to server ... failed: ". */
static void first_line(const char *msg, char *out, size_t n)
{
	const char *failed = strstr(msg, "failed: ");
	if (failed && strchr(msg, '\n') > failed)
		msg = failed + strlen("failed: ");
	if (strncmp(msg, "FATAL:  ", 8) == 0)
		msg += 8;
	size_t len = strcspn(msg, "\n");
	snprintf(out, n, "%.*s", (int)len, msg);
}

/* What a failed connection or call means for the person syncing. */
static int conn_failed(struct sync_conn *c, const char *msg, struct kerr *err)
{
	char line[200];
	first_line(msg, line, sizeof line);
	if (strstr(line, "not permitted to log in") ||
	    strstr(line, "kith: this laptop was revoked"))
		return kerr_set(err, K_REFUSED, "hub",
				"the hub at %s no longer accepts this laptop (it was revoked): an "
				"admin can make it new credentials with kith hub add-laptop%s",
				c->where, KEPT);
	if (strstr(line, "password authentication failed for user \"kith_laptop_"))
		return kerr_set(
			err, K_REFUSED, "hub",
			"the hub at %s no longer accepts this laptop's credentials (it was "
			"revoked, or they were made again): an admin can make it new ones with "
			"kith hub add-laptop%s",
			c->where, KEPT);
	if (strstr(line, "password authentication failed") || strstr(line, "not a laptop of"))
		return kerr_set(err, K_REFUSED, "hub",
				"the hub at %s does not accept these credentials: %s", c->where,
				line);
	return kerr_set(err, K_IO, "hub", "the hub at %s could not be reached: %s%s", c->where,
			line, KEPT);
}

/* The keywords of a parsed string that have values, with connect_timeout and
 * application_name added when missing. The arrays point into opts. */
static int option_arrays(PQconninfoOption *opts, const char **keys, const char **vals, int max)
{
	int n = 0;
	bool timeout = false, app = false;
	for (PQconninfoOption *o = opts; o->keyword && n < max - 3; o++) {
		if (!o->val)
			continue;
		timeout |= strcmp(o->keyword, "connect_timeout") == 0;
		app |= strcmp(o->keyword, "application_name") == 0;
		keys[n] = o->keyword;
		vals[n++] = o->val;
	}
	if (!timeout) {
		keys[n] = "connect_timeout";
		vals[n++] = "10";
	}
	if (!app) {
		keys[n] = "application_name";
		vals[n++] = "kith";
	}
	keys[n] = vals[n] = NULL;
	return n;
}

/* Where the hub is, for messages: its host or socket directory, and a port given. */
static void describe(PQconninfoOption *opts, char *out, size_t n)
{
	const char *host = NULL, *port = NULL;
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if (strcmp(o->keyword, "host") == 0 ||
		    (!host && strcmp(o->keyword, "hostaddr") == 0))
			host = o->val;
		else if (strcmp(o->keyword, "port") == 0)
			port = o->val;
	}
	snprintf(out, n, "%s%s%s", host ? host : "localhost",
		 port && host && *host != '/' ? ":" : "", port && host && *host != '/' ? port : "");
}

/* Frees options parsed from a connection string, their values (a password among them)
 * wiped first: libpq frees without wiping. */
static void forget_options(PQconninfoOption *opts)
{
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (o->val)
			sodium_memzero(o->val, strlen(o->val));
	PQconninfoFree(opts);
}

int sync_conn_open(struct sync_conn *c, const char *conninfo, struct kerr *err)
{
	char *why = NULL;
	c->pg = NULL;
	c->calls = 0;
	const char *drop = testhook_env("KITH_SYNC_DROP");
	c->drop_after = drop ? atoi(drop) : 0;
	int status = pq_load(err);
	if (status != K_OK)
		return status;
	PQconninfoOption *opts = PQconninfoParse(conninfo, &why);
	if (!opts) { /* why may quote the string, password and all: not repeated */
		PQfreemem(why);
		return kerr_set(err, K_INVALID, "connection",
				"the hub's connection string is not one "
				"(keyword=value pairs, or postgresql://...)");
	}
	const char *keys[64], *vals[64];
	option_arrays(opts, keys, vals, 64);
	describe(opts, c->where, sizeof c->where);
	c->pg = PQconnectdbParams(keys, vals, 0);
	forget_options(opts);
	if (PQstatus(c->pg) == CONNECTION_OK)
		return K_OK;
	status = conn_failed(c, c->pg ? PQerrorMessage(c->pg) : "out of memory", err);
	PQfinish(c->pg);
	c->pg = NULL;
	return status;
}

void sync_conn_close(struct sync_conn *c)
{
	if (c->pg)
		PQfinish(c->pg);
	c->pg = NULL;
}

/* An error the hub answered with: its own refusals, a lost connection, or a fault. */
static int call_failed(struct sync_conn *c, PGresult *res, struct kerr *err)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *code = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char msg[240];
	snprintf(msg, sizeof msg, "%s", primary ? primary : PQerrorMessage(c->pg));
	if (strstr(msg, "kith: this laptop was revoked") || strstr(msg, "kith: not a laptop of"))
		return conn_failed(c, msg, err);
	/* the server stopped or restarted under the call (57P01-57P03), or the line broke */
	if (PQstatus(c->pg) == CONNECTION_BAD || (code && strncmp(code, "57P0", 4) == 0) ||
	    (code && strncmp(code, "08", 2) == 0)) {
		char line[200];
		first_line(msg, line, sizeof line);
		return kerr_set(err, K_IO, "hub",
				"the hub at %s went away in the middle of the sync (%s): sync "
				"again once it is back%s",
				c->where, line, KEPT);
	}
	if (strncmp(msg, "kith: ", 6) == 0) { /* the hub's own refusal, in a sentence */
		char why[240];
		first_line(msg + 6, why, sizeof why);
		return kerr_set(err, K_REFUSED, "hub", "the hub at %s refused: %s", c->where, why);
	}
	if (code && strcmp(code, "42501") == 0) /* insufficient privilege */
		return kerr_set(err, K_REFUSED, "hub",
				"the hub at %s does not let this laptop do that (only an admin "
				"laptop adds or revokes laptops): %s",
				c->where, msg);
	char line[240];
	first_line(msg, line, sizeof line);
	return kerr_set(err, K_DB, "hub", "the hub at %s answered with an error: %s", c->where,
			line);
}

int sync_send(struct sync_conn *c, const char *sql, const char *const *p, int n, struct kerr *err)
{
	if (!c->pg)
		return kerr_set(err, K_IO, "hub",
				"the hub at %s could not be reached: not connected%s", c->where,
				KEPT);
	c->calls++;
	if (PQsendQueryParams(c->pg, sql, n, NULL, p, NULL, NULL, 0))
		return K_OK;
	return call_failed(c, NULL, err);
}

/* The call's result, and the end of the call (libpq's NULL after it), read. */
static PGresult *last_result(PGconn *pg)
{
	PGresult *r = NULL, *next;
	while ((next = PQgetResult(pg)) != NULL) {
		PQclear(r);
		r = next;
	}
	return r;
}

int sync_receive(struct sync_conn *c, PGresult **res, struct kerr *err)
{
	*res = NULL;
	PGresult *r = last_result(c->pg);
	ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (c->drop_after > 0 && c->calls >= c->drop_after) {
		/* the test hook: the hub has done the call, its answer is lost with the line */
		shutdown(PQsocket(c->pg), SHUT_RDWR);
		PQclear(r);
		return kerr_set(err, K_IO, "hub",
				"the hub at %s could not be reached: the connection dropped (test "
				"hook, after %d calls)%s",
				c->where, c->calls, KEPT);
	}
	if (s == PGRES_TUPLES_OK || s == PGRES_COMMAND_OK) {
		*res = r;
		return K_OK;
	}
	int status = call_failed(c, r, err);
	PQclear(r);
	return status;
}

void sync_drop_answer(struct sync_conn *c)
{
	if (c->pg)
		PQclear(last_result(c->pg));
}

int sync_call(struct sync_conn *c, const char *sql, const char *const *p, int n, PGresult **res,
	      struct kerr *err)
{
	*res = NULL;
	int status = sync_send(c, sql, p, n, err);
	return status == K_OK ? sync_receive(c, res, err) : status;
}

int sync_call_value(struct sync_conn *c, const char *sql, const char *const *p, int n, char **out,
		    struct kerr *err)
{
	PGresult *res;
	*out = NULL;
	int status = sync_call(c, sql, p, n, &res, err);
	if (status != K_OK)
		return status;
	if (PQntuples(res) != 1 || PQnfields(res) < 1) {
		PQclear(res);
		return kerr_set(err, K_DB, "hub",
				"the hub at %s gave no answer to a call (is it "
				"kith's hub? kith hub init makes one)",
				c->where);
	}
	*out = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return K_OK;
}

struct jsonr *sync_json(const char *text)
{
	char why[80];
	long line;
	return jsonr_parse(text, strlen(text), why, sizeof why, &line);
}

void sync_forget(char **secret)
{
	if (*secret)
		sodium_memzero(*secret, strlen(*secret));
	free(*secret);
	*secret = NULL;
}

/* ---- the connection string file ---- */

int sync_hub_path(const struct store *st, char **out, struct kerr *err)
{
	const char *db = store_path(st);
	*out = NULL;
	if (!db || !*db || strcmp(db, ":memory:") == 0)
		return kerr_set(err, K_INVALID, "hub", "a database in memory cannot join a hub");
	*out = xasprintf("%s.hub", db);
	return K_OK;
}

/* Whether the open file fd may hold a password: ours, a plain file, for us alone. */
static int check_private(int fd, const char *path, struct kerr *err)
{
	struct stat sb;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
		return kerr_set(err, K_UNSAFE, "hub", "%s is not a plain file", path);
	if (sb.st_uid != geteuid())
		return kerr_set(err, K_UNSAFE, "hub",
				"%s belongs to someone else: it holds this "
				"laptop's password for the hub, so kith will not use it",
				path);
	if (sb.st_mode & 077)
		return kerr_set(
			err, K_UNSAFE, "hub",
			"%s can be read by others (mode %04o): it holds this laptop's password "
			"for the hub; make it private with chmod 600 and ask an admin for new "
			"credentials if others may have read it",
			path, (unsigned)(sb.st_mode & 07777));
	return K_OK;
}

/* The connection string in the open file fd (path, for messages), which must be private. */
static int read_private(int fd, const char *path, char **out, struct kerr *err)
{
	int status = check_private(fd, path, err);
	char *buf = xmalloc(HUB_FILE_MAX + 1);
	ssize_t n = status == K_OK ? read(fd, buf, HUB_FILE_MAX) : 0;
	close(fd);
	if (status == K_OK && (n <= 0 || n == HUB_FILE_MAX))
		status = kerr_set(err, K_INVALID, "hub", "%s does not hold a connection string",
				  path);
	if (status != K_OK) {
		sodium_memzero(buf, HUB_FILE_MAX + 1); /* what was read may hold a password */
		free(buf);
		return status;
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	*out = buf;
	return K_OK;
}

static int read_hub_file(const char *path, char **out, struct kerr *err)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return kerr_set(err, K_NOT_FOUND, "hub", SYNC_NOT_JOINED);
	if (fd < 0)
		return kerr_set(err, K_UNSAFE, "hub", "%s cannot be read: %s", path,
				strerror(errno));
	return read_private(fd, path, out, err);
}

int sync_string_read(const char *path, char **out, struct kerr *err)
{
	*out = NULL;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return kerr_set(err, errno == ENOENT ? K_NOT_FOUND : K_UNSAFE, "from",
				"%s cannot be read: %s", path, strerror(errno));
	return read_private(fd, path, out, err);
}

int sync_hub_read(struct store *st, char **out, struct kerr *err)
{
	char *path;
	*out = NULL;
	int status = sync_hub_path(st, &path, err);
	if (status == K_OK)
		status = read_hub_file(path, out, err);
	free(path);
	return status;
}

int sync_hub_write(struct store *st, const char *conninfo, struct kerr *err)
{
	char *path;
	int status = sync_hub_path(st, &path, err);
	if (status != K_OK)
		return status;
	char *text = xasprintf("%s\n", conninfo);
	status = file_write_private(path, text, strlen(text), err);
	sync_forget(&text);
	free(path);
	return status;
}

/* ---- connection strings for laptops ---- */

/* What a laptop's string keeps of the one it is made from: where the hub is and how TLS is
 * checked. Never user, password, passfile or a client certificate (those are the maker's). */
static const char *const KEEP[] = {
	"host",
	"hostaddr",
	"port",
	"dbname",
	"sslmode",
	"sslrootcert",
	"sslcrl",
	"sslcrldir",
	"sslsni",
	"ssl_min_protocol_version",
	"ssl_max_protocol_version",
	"requirepeer",
	"channel_binding",
	"gssencmode",
	"krbsrvname",
	"target_session_attrs",
	"connect_timeout",
	NULL,
};

static bool kept(const char *keyword)
{
	for (int i = 0; KEEP[i]; i++)
		if (strcmp(KEEP[i], keyword) == 0)
			return true;
	return false;
}

/* keyword=value, the value quoted when it must be (libpq's rules). */
static void put_pair(struct strbuf *sb, const char *key, const char *val)
{
	bool quote = !*val || strpbrk(val, " \t\n\r\f\v'\\");
	strbuf_printf(sb, "%s%s=", sb->len ? " " : "", key);
	if (quote)
		strbuf_putc(sb, '\'');
	for (const char *p = val; *p; p++) {
		if (*p == '\'' || *p == '\\')
			strbuf_putc(sb, '\\');
		strbuf_putc(sb, *p);
	}
	if (quote)
		strbuf_putc(sb, '\'');
}

int sync_conninfo_for(const char *from, const char *user, const char *password, char **out,
		      struct kerr *err)
{
	char *why = NULL;
	*out = NULL;
	int status = pq_load(err);
	if (status != K_OK)
		return status;
	PQconninfoOption *opts = PQconninfoParse(from, &why);
	if (!opts) {
		PQfreemem(why);
		return kerr_set(err, K_INVALID, "connection",
				"the hub's connection string is not one "
				"(keyword=value pairs, or postgresql://...)");
	}
	/* room for it all at once (quoting at most doubles a value; 17 keywords kept): a buffer
	 * grown on the way would leave pieces of the password in the memory it freed */
	size_t cap = 2 * (strlen(from) + strlen(user) + strlen(password)) + 1024;
	struct strbuf sb = {xmalloc(cap), 0, cap};
	sb.buf[0] = '\0';
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (o->val && *o->val && kept(o->keyword))
			put_pair(&sb, o->keyword, o->val);
	forget_options(opts);
	put_pair(&sb, "user", user);
	put_pair(&sb, "password", password);
	*out = strbuf_take(&sb);
	return K_OK;
}

int sync_laptop_role(const char *name, char *role, int n, struct kerr *err)
{
	size_t len = strlen(name);
	bool ok = len >= 1 && len <= 40 &&
		  strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") == len;
	if (!ok)
		return kerr_set(err, K_INVALID, "name",
				"a laptop's name is 1 to 40 small letters, digits and '-' (such as "
				"dropin-north): '%.60s' is not one",
				name);
	snprintf(role, (size_t)n, "kith_laptop_%s", name);
	for (char *p = role; *p; p++)
		if (*p == '-')
			*p = '_';
	return K_OK;
}
