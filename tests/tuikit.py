"""What the interface's test suites share: the real binary driven by a key script (kith
--script), the screen dumped as text (@dump), the demo database made once and copied, and
logging in as the demo's accounts. The binary is the suite's first argument."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata

from suite import passed_on, run as run_suite

KITH = os.path.abspath(sys.argv[1])
SCRATCH = tempfile.mkdtemp(prefix="kith-test-tui-")
ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": os.path.join(SCRATCH, "home"),
    "KITH_TODAY": "2026-11-22",
    "KITH_PASSWORD_COST": "min",
    "TZ": "UTC",
    "LANG": "C.UTF-8",
    "TERM": "xterm",
}
ENV.update(passed_on())
DEMO = os.path.join(SCRATCH, "demo-template.db")


# the demo's accounts, as README gives them
PASSWORDS = {"ada": "quiet harbour lantern", "cora": "amber kettle meadow",
             "wes": "copper fern window", "wren": "violet stone harbour"}


def has_accounts(db):
    if not os.path.exists(db):
        return False
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM worker WHERE password_hash IS NOT NULL"
                           ).fetchone()[0] > 0
    finally:
        con.close()


def cli(db, *args, login="cora", input=None):
    """Runs the command line, logged in (through a pipe) when the database has accounts."""
    extra, fds = [], ()
    if login and has_accounts(db):
        r, w = os.pipe()
        os.write(w, (PASSWORDS[login] + "\n").encode())
        os.close(w)
        extra, fds = ["--user", login, "--password-fd", str(r)], (r,)
    try:
        p = subprocess.run([KITH, "--db", db] + extra + list(args), capture_output=True,
                           text=True, env=ENV, timeout=60, pass_fds=fds, input=input)
    finally:
        for fd in fds:
            os.close(fd)
    assert p.returncode == 0, p.stderr
    return p.stdout


def make_admin(db):
    """A database of one's own gets an admin, cora, with the coordinator's demo password."""
    cli(db, "user", "add", "cora", "--role", "admin", "--name", "Cora Lindqvist",
        "--new-password-fd", "0", input=PASSWORDS["cora"] + "\n")


def fresh_demo(name):
    """A copy of one demo database (made once): the same community in every test."""
    if not os.path.exists(DEMO):
        cli(DEMO, "demo")
        con = sqlite3.connect(DEMO)
        con.execute("PRAGMA journal_mode = DELETE")
        con.close()
    path = os.path.join(SCRATCH, name)
    shutil.copy(DEMO, path)
    os.chmod(path, 0o600)
    return path


def run(db, script, size="100x30", code=0, env=None, login="cora"):
    """Runs a key script, logged in as login first; returns the screens it dumped (each a
    list of lines)."""
    path = os.path.join(SCRATCH, "script.txt")
    if login and has_accounts(db):
        script = f"{login}<Tab>{PASSWORDS[login]}<Enter>\n" + script.lstrip("\n")
    with open(path, "w") as f:
        f.write(script.strip("\n") + "\n")
    r = subprocess.run([KITH, "--db", db, "--script", path, "--size", size],
                       capture_output=True, text=True, env=dict(ENV, **(env or {})),
                       timeout=120)
    assert r.returncode == code, (r.returncode, r.stderr)
    screens = r.stdout.split("--- screen\n")[1:]
    return [s[:-1].split("\n") if s.endswith("\n") else s.split("\n") for s in screens]


def text(screen):
    return "\n".join(screen)


def status(screen):
    return screen[-2]


def hints(screen):
    return screen[-1]


def chosen_row(screen):
    rows = [line for line in screen if line.startswith("▸")]
    return rows[0] if rows else ""


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def count(db, sql):
    con = sqlite3.connect(db)
    n = con.execute(sql).fetchone()[0]
    con.close()
    return n


def main(suite, namespace):
    """Runs every test_ function of namespace; prints "SUITE: N passed, N failed"."""
    return run_suite(suite, namespace, SCRATCH)

