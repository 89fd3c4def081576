/* The command line's accounts: logging in (--user NAME, the password from the terminal or
 * from --password-fd N, never from the command line or the environment), kith user, kith
 * audit and kith setting. */
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

/* A line from fd, at most PASSWORD_MAX bytes, into guarded memory (freed and wiped with
 * sodium_free). NULL when nothing could be read or it is too long. */
static char *read_line(int fd, bool *too_long)
{
	char *buf = sodium_malloc(PASSWORD_MAX + 2);
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
		if (n == PASSWORD_MAX + 1) {
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
static char *ask_tty(const char *prompt, bool *too_long)
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
	char *pw = read_line(fd, too_long);
	if (echo_off)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* as above */
	}
	close(fd);
	return pw;
}

/* A password from fd when one is given (>= 0), else from the terminal. */
static char *read_password(struct cli *c, int fd, const char *prompt)
{
	bool too_long = false;
	char *pw = fd >= 0 ? read_line(fd, &too_long) : ask_tty(prompt, &too_long);
	if (!pw)
		fprintf(stderr, "kith: %s: %s\n", c->command,
			too_long ? "the password is longer than 1024 bytes"
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
		fprintf(stderr, "kith: %s: %s has no accounts yet, so there is no %s to log in as; "
				"make the first admin with kith user add NAME --role admin\n",
			c->command, store_path(c->st), c->user);
		return CLI_REFUSED;
	}
	if (!any || c->logged_in)
		return CLI_OK;
	if (!c->user) {
		fprintf(stderr, "kith: %s: this database has accounts: give --user NAME (the "
				"password is asked for)\n", c->command);
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

struct user_args {
	const char *name, *display, *role;
	int new_fd;
	bool json;
};

static int user_args(struct cli *c, int from, struct user_args *a)
{
	memset(a, 0, sizeof *a);
	a->new_fd = -1;
	for (int i = from; i < c->argc;) {
		if (cli_flag(c, i, "json")) {
			a->json = true;
			i++;
			continue;
		}
		if (strncmp(c->argv[i], "--", 2) != 0) {
			if (a->name && a->role)
				return cli_usage(c, "unexpected '%s'", c->argv[i]);
			*(a->name ? &a->role : &a->name) = c->argv[i++];
			continue;
		}
		char *name = NULL;
		const char *v = NULL;
		int rc = cli_next_option(c, &i, &name, &v);
		if (rc != CLI_OK)
			return rc;
		if (strcmp(name, "name") == 0)
			a->display = v;
		else if (strcmp(name, "role") == 0)
			a->role = v;
		else if (strcmp(name, "new-password-fd") == 0)
			rc = cli_password_fd(c, "--new-password-fd", v, &a->new_fd);
		else
			rc = cli_usage(c, "unknown option --%s", name);
		free(name);
		if (rc != CLI_OK)
			return rc;
	}
	return CLI_OK;
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

static int user_add(struct cli *c, struct user_args *a)
{
	enum role role = ROLE_WORKER;
	struct kerr err;
	if (!a->name)
		return cli_usage(c, "give the new account's username");
	if (a->role && auth_role_parse(a->role, &role, &err) != K_OK)
		return cli_fail(c, &err);
	char *pw = NULL;
	int rc = new_password(c, a->new_fd, &pw);
	if (rc != CLI_OK)
		return rc;
	char id[ID_LEN];
	int status = account_add(c->st, a->name, a->display, role, pw, id, &err);
	sodium_free(pw);
	if (status != K_OK)
		return cli_fail(c, &err);
	printf("%s\n", id);
	return cli_finish_output();
}

static int user_verb(struct cli *c, const char *verb, struct user_args *a)
{
	struct kerr err;
	int status = K_OK;
	enum role role;
	if (strcmp(verb, "list") == 0) {
		struct account_list list;
		if (auth_require(c->st, AUTH_ACCOUNTS, &err) != K_OK ||
		    account_list(c->st, &list, &err) != K_OK)
			return cli_fail(c, &err);
		print_accounts(&list, a->json);
		account_list_free(&list);
		return cli_finish_output();
	}
	if (strcmp(verb, "calibrate") == 0) {
		if (auth_require(c->st, AUTH_SETTINGS, &err) != K_OK ||
		    account_calibrate(c->st, &err) != K_OK)
			return cli_fail(c, &err);
		return cli_finish_output();
	}
	if (!a->name)
		return cli_usage(c, "give the account's username");
	if (strcmp(verb, "disable") == 0 || strcmp(verb, "enable") == 0) {
		status = account_disable(c->st, a->name, strcmp(verb, "disable") == 0, &err);
	} else if (strcmp(verb, "role") == 0) {
		status = auth_role_parse(a->role, &role, &err);
		if (status == K_OK)
			status = account_set_role(c->st, a->name, role, &err);
	} else if (strcmp(verb, "passwd") == 0) {
		char *pw = NULL;
		int rc = new_password(c, a->new_fd, &pw);
		if (rc != CLI_OK)
			return rc;
		status = account_set_password(c->st, a->name, pw, &err);
		sodium_free(pw);
	} else {
		return cli_usage(c, "user has add, list, disable, enable, role, passwd and calibrate");
	}
	return status == K_OK ? cli_finish_output() : cli_fail(c, &err);
}

int cli_user(struct cli *c)
{
	if (c->argc == 0)
		return cli_usage(c, "user has add, list, disable, enable, role, passwd and calibrate");
	const char *verb = c->argv[0];
	struct user_args a;
	int rc = user_args(c, 1, &a);
	if (rc == CLI_OK)
		rc = cli_open(c);
	if (rc != CLI_OK)
		return rc;
	return strcmp(verb, "add") == 0 ? user_add(c, &a) : user_verb(c, verb, &a);
}
