/* The command line's accounts: logging in (--user NAME, the password from the terminal or
 * from --password-fd N, never from the command line or the environment), and kith user. */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "account.h"
#include "audit.h"
#include "jsonw.h"
#include "login.h"
#include "page.h"
#include "record.h"
#include "setting.h"
#include "store.h"
#include "strbuf.h"
#include "xalloc.h"

/* ---- reading a password ---- */

/* A line from fd, at most max bytes, into guarded memory (freed and wiped with sodium_free).
 * NULL when nothing could be read or it is too long. */
static char *read_line(int fd, size_t max, bool *too_long)
{
	char *buf = sodium_malloc(max + 2);
	if (!buf)
		return NULL;
	size_t n = 0;
	*too_long = false;
	for (;;) {
		char ch;
		ssize_t got = read(fd, &ch, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || ch == '\n')
			break;
		if (n == max + 1) {
			*too_long = true;
			continue;
		}
		buf[n++] = ch;
	}
	if (n && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	if (*too_long || (n == 0 && fd >= 0 && !isatty(fd))) {
		sodium_free(buf);
		return NULL;
	}
	return buf;
}

/* Asks on the terminal, without echo. */
static char *ask_tty(const char *prompt, size_t max, bool *too_long)
{
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct termios old, quiet;
	bool echo_off = tcgetattr(fd, &old) == 0;
	if (echo_off) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	if (write(fd, prompt, strlen(prompt)) < 0) {
		/* the prompt is a courtesy; reading goes on */
	}
	char *pw = read_line(fd, max, too_long);
	if (echo_off)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* as above */
	}
	close(fd);
	return pw;
}

char *cli_secret_read(int fd, const char *prompt, size_t max, bool *too_long)
{
	*too_long = false;
	return fd >= 0 ? read_line(fd, max, too_long) : ask_tty(prompt, max, too_long);
}

/* A password from fd when one is given (>= 0), else from the terminal. */
static char *read_password(struct cli *c, int fd, const char *prompt)
{
	bool too_long = false;
	char *pw = cli_secret_read(fd, prompt, PASSWORD_MAX, &too_long);
	if (!pw)
		fprintf(stderr, "kith: %s: %s\n", c->command,
			too_long  ? "the password is longer than 1024 bytes"
			: fd >= 0 ? "no password could be read from --password-fd"
				  : "no terminal to ask the password on: give --password-fd N");
	return pw;
}

/* ---- logging in ---- */

int cli_login(struct cli *c)
{
	bool any = false;
	struct kerr err;
	if (account_exists(c->st, &any, &err) != K_OK)
		return cli_fail(c, &err);
	if (!any && c->user && !c->logged_in) { /* not logged in, though asked to be */
		fprintf(stderr,
			"kith: %s: %s has no accounts yet, so there is no %s to log in as; "
			"make the first admin with kith user add NAME --role admin\n",
			c->command, store_path(c->st), c->user);
		return CLI_REFUSED;
	}
	if (!any || c->logged_in)
		return CLI_OK;
	if (!c->user) {
		fprintf(stderr,
			"kith: %s: this database has accounts: give --user NAME (the "
			"password is asked for)\n",
			c->command);
		return CLI_REFUSED;
	}
	char prompt[120];
	snprintf(prompt, sizeof prompt, "Password for %.60s: ", c->user);
	char *pw = read_password(c, c->password_fd, prompt);
	if (!pw)
		return CLI_REFUSED;
	int status = login_attempt(c->st, c->user, pw, NULL, &err);
	sodium_free(pw);
	if (status != K_OK)
		return cli_fail(c, &err);
	c->logged_in = true;
	return CLI_OK;
}

/* ---- kith user ---- */

static int new_password(struct cli *c, int fd, char **out)
{
	*out = read_password(c, fd, "New password (12 characters or more): ");
	if (!*out)
		return CLI_REFUSED;
	if (fd >= 0)
		return CLI_OK;
	char *again = read_password(c, -1, "The same again: ");
	bool same = again && strcmp(again, *out) == 0;
	if (again)
		sodium_free(again);
	if (!same) {
		sodium_free(*out);
		*out = NULL;
		fprintf(stderr, "kith: %s: the two passwords differ; nothing was changed\n",
			c->command);
		return CLI_REFUSED;
	}
	return CLI_OK;
}

/* --new-password-fd, checked before the database is opened; -1 when not given. */
static int new_password_fd(struct cli *c, int *fd)
{
	const char *v = cli_value(c, "new-password-fd");
	*fd = -1;
	return v ? cli_password_fd(c, "--new-password-fd", v, fd) : CLI_OK;
}

/* The account the command's first word names, and the database, opened. */
static int account_named(struct cli *c)
{
	if (c->argc < 1)
		return cli_usage(c, "give the account's username");
	return cli_open(c);
}

static void print_accounts(const struct account_list *list, bool json)
{
	struct strbuf sb = STRBUF_INIT;
	if (json)
		strbuf_putc(&sb, '[');
	for (int i = 0; i < list->n; i++) {
		const struct account *a = &list->item[i];
		if (!json) {
			cli_print_cell(a->username, 17);
			cli_print_cell(auth_role_name(a->role), 13);
			cli_print_cell(a->disabled ? "disabled" : "", 10);
			cli_print_safe(a->display_name);
			putchar('\n');
			continue;
		}
		{
			strbuf_printf(&sb, "%s{\"id\":\"%s\",\"username\":", i ? "," : "", a->id);
			jsonw_string(&sb, a->username);
			strbuf_puts(&sb, ",\"name\":");
			jsonw_string(&sb, a->display_name);
			strbuf_printf(&sb, ",\"role\":\"%s\",\"disabled\":%s,\"last_login\":",
				      auth_role_name(a->role), a->disabled ? "true" : "false");
			jsonw_string(&sb, a->last_login);
			strbuf_putc(&sb, '}');
		}
	}
	if (json) { /* JSON escapes every control character itself */
		strbuf_puts(&sb, "]\n");
		fputs(strbuf_str(&sb), stdout);
	}
	strbuf_free(&sb);
}

int cli_user_add(struct cli *c)
{
	enum role role = ROLE_WORKER;
	struct kerr err;
	int fd;
	if (c->argc < 1)
		return cli_usage(c, "give the new account's username");
	int rc = new_password_fd(c, &fd);
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	const char *role_name = cli_value(c, "role");
	if (role_name && auth_role_parse(role_name, &role, &err) != K_OK)
		return cli_fail(c, &err);
	char *pw = NULL;
	rc = new_password(c, fd, &pw);
	if (rc != CLI_OK)
		return rc;
	char id[ID_LEN];
	int status = account_add(c->st, c->argv[0], cli_value(c, "name"), role, pw, id, &err);
	sodium_free(pw);
	if (status != K_OK)
		return cli_fail(c, &err);
	printf("%s\n", id);
	return cli_finish_output();
}

int cli_user_list(struct cli *c)
{
	struct kerr err;
	struct account_list list;
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	if (auth_require(c->st, AUTH_ACCOUNTS, &err) != K_OK ||
	    account_list(c->st, &list, &err) != K_OK)
		return cli_fail(c, &err);
	print_accounts(&list, cli_flag(c, "json"));
	account_list_free(&list);
	return cli_finish_output();
}

int cli_user_calibrate(struct cli *c)
{
	struct kerr err;
	int rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	if (auth_require(c->st, AUTH_SETTINGS, &err) != K_OK ||
	    account_calibrate(c->st, &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}

static int disable(struct cli *c, bool disabled)
{
	struct kerr err;
	int rc = account_named(c);
	if (rc != CLI_OK)
		return rc;
	if (account_disable(c->st, c->argv[0], disabled, &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}

int cli_user_disable(struct cli *c)
{
	return disable(c, true);
}

int cli_user_enable(struct cli *c)
{
	return disable(c, false);
}

int cli_user_role(struct cli *c)
{
	struct kerr err;
	enum role role;
	int rc = account_named(c);
	if (rc != CLI_OK)
		return rc;
	if (auth_role_parse(c->argc > 1 ? c->argv[1] : NULL, &role, &err) != K_OK ||
	    account_set_role(c->st, c->argv[0], role, &err) != K_OK)
		return cli_fail(c, &err);
	return cli_finish_output();
}

int cli_user_passwd(struct cli *c)
{
	struct kerr err;
	int fd;
	int rc = new_password_fd(c, &fd);
	if (rc == CLI_OK)
		rc = account_named(c);
	char *pw = NULL;
	if (rc == CLI_OK)
		rc = new_password(c, fd, &pw);
	if (rc != CLI_OK)
		return rc;
	int status = account_set_password(c->st, c->argv[0], pw, &err);
	sodium_free(pw);
	return status == K_OK ? cli_finish_output() : cli_fail(c, &err);
}
