#!/usr/bin/python3
"""The audit trail through a real hub (tests/pgtmp), as people would meet it: laptop A (the
demo) makes the hub, B and C join; what is done on A and B shows in C's `kith audit` with the
laptop it was done on, to a coordinator only; a laptop whose file was put back to an older
copy is told at its next sync, and by `kith audit verify`, that its trail was cut; after an
erasure the hub holds nothing of the person in its audit copy nor in its kept conflicts.
Usage: test_cli_sync_audit.py PATH-TO-KITH"""

import os
import shutil
import subprocess
import sys

import tuikit
import pghub
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

HUB_DIR = os.path.join(SCRATCH, "hub")
PSQL = shutil.which("psql") or "/usr/bin/psql"
CLEAN = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
STATE = {}


def owner_sql(sql):
    r = subprocess.run([PSQL, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                        STATE["owner"]], input=sql, capture_output=True, text=True, env=CLEAN,
                       timeout=60)
    assert r.returncode == 0, f"{sql!r}: {r.stderr}"
    return r.stdout.strip()


def sync(db, login=None):
    return ok(kith("sync", db=db, login=login)).out


def join(name):
    r = ok(kith("hub", "add-laptop", name, db=STATE["a"], login="ada"))
    db = new_db(name + ".db")
    ok(kith("hub", "join", db=db, input=r.out.strip().splitlines()[-1] + "\n"))
    sync(db)
    return db


def setup():
    if STATE:
        return STATE["a"], STATE["b"], STATE["c"]
    STATE["owner"] = pghub.start(HUB_DIR)
    a = STATE["a"] = new_db("a.db")
    ok(kith("demo", "--people", "20", "--assets", "5", "--referrals", "20", db=a))
    ok(kith("hub", "init", "--name", "a", db=a, login="ada", input=STATE["owner"] + "\n"))
    sync(a, login="ada")
    STATE["b"], STATE["c"] = join("b"), join("c")
    return a, STATE["b"], STATE["c"]


def add_person(db, given, family, login="wes"):
    return ok(kith("person", "add", "--given-name", given, "--family-name", family, db=db,
                   login=login)).out.strip()


def trail(db, login="cora", *args):
    return ok(kith("audit", "--json", "--limit", "100000", *args, db=db, login=login)).json()


def test_what_two_laptops_did_shows_on_a_third_with_where():
    a, b, c = setup()
    on_a = add_person(a, "Kezia", "Marchbank")
    on_b = add_person(b, "Tobiah", "Quennell")
    sync(a, login="wes")
    sync(b, login="wes")
    sync(c, login="cora")
    rows = trail(c)
    made = {r["record_id"]: r["origin"] for r in rows if r["action"] == "create"}
    assert made.get(on_a) == "a" and made.get(on_b) == "b", made
    # each laptop's own rows stay its own: C's are "" (here), and none comes twice
    assert {r["origin"] for r in rows} >= {"", "a", "b"}
    assert len({(r["origin"], r["seq"]) for r in rows}) == len(rows)
    text = ok(kith("audit", "--person", on_b, db=c, login="cora")).out
    line = next(x for x in text.splitlines() if " create " in x)
    assert line.split()[2] == "b", line  # the day, the time, then the laptop
    mine = ok(kith("audit", "--limit", "3", db=c, login="cora")).out.splitlines()
    assert all(x.split()[2] == "here" for x in mine), mine
    # a's own trail still verifies with b's rows beside it
    assert "as kith wrote them" in ok(kith("audit", "verify", db=a, login="ada")).out
    assert "the hub holds a copy of it" in ok(kith("audit", "verify", db=a, login="ada")).out


def laptops_listed(screen):
    """The Laptop column's values on a dumped Audit screen."""
    head = next(i for i, line in enumerate(screen) if "Laptop" in line and "When" in line)
    at = screen[head].index("Laptop")
    return {line[at:at + 10].strip() for line in screen[head + 1:] if line[at:at + 10].strip()}


def test_the_audit_screen_shows_the_laptop_of_each_row():
    a, b, c = setup()
    add_person(b, "Araminta", "Quennell")
    sync(b, login="wes")
    sync(c, login="cora")
    for size in ("100x30", "80x24"):
        s = tuikit.run(c, """
6
@dump
<End>
@dump
<Enter>
@dump
""", size=size)
        assert "here" in laptops_listed(s[0]), tuikit.text(s[0])
        assert "a" in laptops_listed(s[1]) | laptops_listed(s[0]), tuikit.text(s[1])
        assert "row 1 of a" in tuikit.text(s[2]) or "row 1 of b" in tuikit.text(s[2]), \
            tuikit.text(s[2])


def test_a_worker_reads_no_trail_and_logged_out_nothing():
    a, b, c = setup()
    r = kith("audit", db=c, login="wes")
    assert r.code != 0 and r.out == "", r.out
    r = kith("audit", "--json", db=c)
    assert r.code != 0 and r.out == "", r.out


def test_a_file_put_back_to_an_older_copy_is_told_its_trail_was_cut():
    setup()
    d = join("d")  # a laptop of its own: its trail stays cut
    add_person(d, "Ottoline", "Ashdown")
    assert "audit trail" not in sync(d, login="wes")
    before = d + ".before"
    shutil.copyfile(d, before)
    add_person(d, "Wilhelmina", "Ashdown")
    assert "audit trail" not in sync(d, login="wes")
    shutil.copyfile(before, d)  # behind kith's back: the rows since are gone from the file
    out = sync(d, login="wes")
    assert "The audit trail: this laptop's audit trail was cut" in out, out
    r = kith("audit", "verify", db=d, login="ada")
    assert r.code != 0 and "the hub holds its rows to row" in r.err, r.err


def test_the_hub_keeps_nothing_of_an_erased_person():
    a, b, c = setup()
    pid = add_person(a, "Philippa", "Strangeways")
    sync(a, login="wes")
    sync(c, login="wes")
    # the same field changed on two laptops: the hub keeps the value that lost
    ok(kith("person", "edit", pid, "--phone", "07700 900123", db=a, login="wes"))
    ok(kith("person", "edit", pid, "--phone", "07700 900456", db=c, login="wes"))
    sync(a, login="wes")
    sync(c, login="wes")
    kept = owner_sql(f"SELECT count(*) FROM kith.conflict WHERE person_id = '{pid}'")
    assert int(kept) >= 1, kept
    ok(kith("person", "erase", pid, "--reason", "asked to be forgotten", db=a, login="cora"))
    sync(a, login="cora")
    assert owner_sql(f"SELECT count(*) FROM kith.conflict WHERE person_id = '{pid}'") == "0"
    held = owner_sql("SELECT body::text FROM kith.audit")
    assert pid in held  # the trail says what was done to whom, by id
    for word in ("Philippa", "Strangeways", "900123", "900456"):
        assert word not in held, word
    assert "Philippa" not in owner_sql("SELECT data::text FROM kith.row")


def main():
    pghub.remove_at_exit(SCRATCH)
    return run_suite("cli-sync-audit", globals())


if __name__ == "__main__":
    sys.exit(main())
