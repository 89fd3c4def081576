"""What the interface's test suites share: the real binary driven by a key script (kith
--script), the screen dumped as text (@dump), the demo database made once and copied, and
logging in as the demo's accounts; a test that fails prints the screens it was looking at,
each after the keys that led to it, so that a failure in CI reads without running it
again. The binary is the suite's first argument."""

import fcntl
import os
import pty
import select
import shutil
import signal
import sqlite3
import struct
import subprocess
import sys
import tempfile
import termios
import time
import traceback
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


class Screen(list):
    """One dumped screen, a list of its lines, that knows where it came from: its place
    among the run's dumps and the script's lines (keys and @ commands) sent since the dump
    before it."""

    def __init__(self, lines, index, keys):
        super().__init__(lines)
        self.index = index
        self.keys = keys


SEEN = []  # the screens of the running test's runs, oldest first


def screens_of(script, out):
    """The screens kith --script wrote to out, each with the script lines before its @dump."""
    dumps = out.split("--- screen\n")[1:]
    keys, pending = [], []
    for line in script.split("\n"):
        if line.strip() == "@dump":
            keys.append(pending)
            pending = []
        elif line:
            pending.append(line)
    return [Screen(d[:-1].split("\n") if d.endswith("\n") else d.split("\n"), i,
                   keys[i] if i < len(keys) else [])
            for i, d in enumerate(dumps)]


def run(db, script, size="100x30", code=0, env=None, login="cora"):
    """Runs a key script, logged in as login first; returns the screens it dumped (each a
    Screen: a list of lines)."""
    path = os.path.join(SCRATCH, "script.txt")
    typed = script.strip("\n")
    if login and has_accounts(db):
        script = f"{login}<Tab>{PASSWORDS[login]}<Enter>\n" + script.lstrip("\n")
    with open(path, "w") as f:
        f.write(script.strip("\n") + "\n")
    r = subprocess.run([KITH, "--db", db, "--script", path, "--size", size],
                       capture_output=True, text=True, env=dict(ENV, **(env or {})),
                       timeout=120)
    screens = screens_of(typed, r.stdout)
    SEEN.append(screens)
    assert r.returncode == code, (r.returncode, r.stderr)
    return screens


def show(screen, out=sys.stderr):
    keys = " / ".join(screen.keys) if screen.keys else "(none)"
    print(f"--- screen [{screen.index}], after {keys}", file=out)
    for line in screen:
        print(f"|{line}", file=out)


def show_failure(tb):
    """After a failed test's traceback: every screen its failing frames held (a run's
    screens, or one of them), else those of its last run, whole."""
    held = []
    for frame, _ in traceback.walk_tb(tb):
        for value in frame.f_locals.values():
            if isinstance(value, Screen):
                held.append(value)
            elif isinstance(value, list) and value and isinstance(value[0], Screen):
                held.extend(value)
    if not held and SEEN:
        held = SEEN[-1]
    shown = set()
    for screen in held:
        if id(screen) not in shown:
            shown.add(id(screen))
            show(screen)
    if held:
        print("--- end of screens", file=sys.stderr)


def text(screen):
    return "\n".join(screen)


def status(screen, rows=1):
    """The status line; a message wider than the screen goes on over the hint bar, and rows
    2 reads both (joined with a space)."""
    return " ".join(line.strip() for line in screen[-2:-2 + rows or None])


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


# ---- a real terminal ----

def spawn(db, under_shell=False, env=None):
    """kith in a new terminal of 100x30, leading its session (so a hang-up signals it), or
    under a shell that leads it and ignores the hang-up (so kith only sees its terminal go);
    env adds to the suites' environment."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
            os.environ.clear()
            os.environ.update(ENV)
            os.environ.update(env or {})
            if under_shell:
                os.execv("/bin/sh", ["sh", "-c", 'trap "" HUP; "$0" --db "$1"; exit $?',
                                     KITH, db])
            os.execv(KITH, [KITH, "--db", db])
        finally:
            os._exit(127)
    return pid, fd


def read_until(fd, needle, seconds=10):
    """What kith wrote to the terminal until needle; its tail in the failure if it never came."""
    got = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end and needle not in got:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                got += os.read(fd, 65536)
            except OSError:
                break
    assert needle in got, (needle, got[-400:])
    return got


def wait_exit(pid, fd=None, seconds=10):
    """kith's exit status, reading (and dropping) what it writes to fd meanwhile; killed,
    and a failure, if it has not ended within seconds."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            return st
        if fd is not None:  # what it writes on the way out must not fill the terminal
            ready, _, _ = select.select([fd], [], [], 0.005)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    fd = None
        else:
            time.sleep(0.005)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("kith kept running")


def count(db, sql):
    con = sqlite3.connect(db)
    n = con.execute(sql).fetchone()[0]
    con.close()
    return n


def main(suite, namespace):
    """Runs every test_ function of namespace; prints "SUITE: N passed, N failed"."""
    return run_suite(suite, namespace, SCRATCH, before=SEEN.clear, explain=show_failure)
