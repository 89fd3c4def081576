#!/usr/bin/python3
"""The release build ignores every variable meant for tests. Each check is made against the
test build too, which must honour the variable, so that a check that could not tell the two
apart fails. Usage: test_release.py TEST-KITH RELEASE-KITH"""

import datetime
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

from suite import passed_on, run as run_suite

TEST = os.path.abspath(sys.argv[1])
RELEASE = os.path.abspath(sys.argv[2])
if not os.access(RELEASE, os.X_OK):
    sys.exit(f"release: no release build at {RELEASE}: ./run tests makes one in build/; "
             "a test build configured with -Drelease_build=DIR looks in DIR")
SCRATCH = tempfile.mkdtemp(prefix="kith-test-release-")
PASSWORD = "granite orchard whistle"
TEN_YEARS = str(10 * 365 * 86400)
HOOKS = {"KITH_TODAY": "2001-02-03", "KITH_CLOCK_SHIFT": TEN_YEARS,
         "KITH_PASSWORD_COST": "min", "KITH_EXACT_WORK": "0"}
ENV = dict({"PATH": "/usr/bin:/bin", "HOME": SCRATCH, "TZ": "UTC", "LANG": "C.UTF-8"},
           **passed_on(), **HOOKS)


def kith(binary, db, *args, login=False, stdin=None):
    fds, extra = (), []
    if login:
        r, w = os.pipe()
        os.write(w, (PASSWORD + "\n").encode())
        os.close(w)
        fds, extra = (r,), ["--user", "ada", "--password-fd", str(r)]
    try:
        p = subprocess.run([binary, "--db", db] + extra + list(args), capture_output=True,
                           text=True, env=ENV, pass_fds=fds, input=stdin, timeout=120)
    finally:
        for fd in fds:
            os.close(fd)
    assert p.returncode == 0, p.stderr
    return p.stdout


def one(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def database(binary, name):
    """A database made by binary, with the hooks set: an admin, a person with consent and a
    small network (three assets, two referrals)."""
    db = os.path.join(SCRATCH, name)
    kith(binary, db, "user", "add", "ada", "--role", "admin", "--new-password-fd", "0",
         stdin=PASSWORD + "\n")
    kith(binary, db, "person", "add", "--given-name", "Amina", "--consent-status", "given",
         login=True)
    for name in ("Surgery", "Library", "Cafe"):
        kith(binary, db, "asset", "add", "--name", name, "--category", "space", login=True)
    for a, b in (("Surgery", "Library"), ("Library", "Cafe")):
        kith(binary, db, "referral", "add", "--person", "Amina", "--from-asset", a,
             "--to-asset", b, "--date", "2026-01-10", login=True)
    return db


DBS = {}


def made_by(binary):
    if binary not in DBS:
        DBS[binary] = database(binary, os.path.basename(os.path.dirname(binary)) + ".db")
    return DBS[binary]


def test_the_version_says_which_build_it_is():
    assert "test build" in kith(TEST, os.path.join(SCRATCH, "v.db"), "--version")
    assert "test build" not in kith(RELEASE, os.path.join(SCRATCH, "v.db"), "--version")


def test_password_cost_min_weakens_no_hash_in_a_release():
    # libsodium's least Argon2id cost is 8 KiB of memory
    assert int(one(made_by(TEST), "SELECT value FROM setting WHERE key = 'password_mem'")) \
        == 8192
    assert int(one(made_by(RELEASE), "SELECT value FROM setting WHERE key = 'password_mem'")) \
        >= 8 * 1024 * 1024


def test_a_shifted_clock_stamps_nothing_in_a_release():
    def years_ahead(db):
        stamp = one(db, "SELECT max(created_at) FROM audit")
        when = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")
        return (when - datetime.datetime.utcnow()).days / 365
    assert years_ahead(made_by(TEST)) > 9
    assert abs(years_ahead(made_by(RELEASE))) < 0.1


def test_a_fixed_day_is_not_today_in_a_release():
    sql = "SELECT consent_date FROM person"
    assert one(made_by(TEST), sql) == "2001-02-03"
    today = {str(datetime.date.today() + datetime.timedelta(days=d)) for d in (-1, 0, 1)}
    assert one(made_by(RELEASE), sql) in today


def test_the_exact_line_does_not_move_in_a_release():
    args = ("graph", "report", "--since", "2026-01-01", "--until", "2026-12-31")
    assert "estimated" in kith(TEST, made_by(TEST), *args, login=True)
    out = kith(RELEASE, made_by(RELEASE), *args, login=True)
    assert "estimated" not in out and re.search(r"\b3\b", out)


if __name__ == "__main__":
    sys.exit(run_suite("release", globals(), SCRATCH))
