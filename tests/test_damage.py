#!/usr/bin/python3
"""Files kith must not change and damage it must catch, through the real binary: a file kith
refuses is left byte for byte as it was (a log from another database beside it, an empty
file, a foreign one); damage to a database is caught before anything more is written to it;
a read-only directory is named as the cause. Usage: test_damage.py PATH-TO-KITH"""

import os
import random
import shutil
import sqlite3
import sys

import test_cli as cli_suite
import tuikit
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok, sha

PAGE = 4096


def snapshot(path):
    """Every file beside path that starts with its name, with its hash; but the -shm, sqlite's
    index of the log, which says nothing of the records and is rebuilt at will."""
    here = os.path.dirname(path)
    return {f: sha(os.path.join(here, f)) for f in sorted(os.listdir(here))
            if f.startswith(os.path.basename(path)) and not f.endswith("-shm")}


def test_an_empty_file_is_not_made_a_database():
    path = new_db("empty.db")
    open(path, "w").close()
    r = kith("person", "list", db=path)
    assert r.code == 3 and "an empty file, not a kith database" in r.err, r.err
    assert os.path.getsize(path) == 0
    # where no file is, kith makes one; --user on a database with no accounts is refused
    fresh = new_db("no-accounts.db")
    r = kith("person", "list", "--user", "ada", "--password-fd", "0", db=fresh, input="x\n")
    assert r.code == 1 and "has no accounts yet" in r.err, r.err


def test_a_log_from_another_database_is_not_folded_in():
    path, other = new_db("victim.db"), new_db("donor.db")
    ok(kith("init", db=path))
    donor = sqlite3.connect(other)
    donor.execute("PRAGMA journal_mode = WAL")
    donor.execute("PRAGMA wal_autocheckpoint = 0")
    donor.execute("CREATE TABLE ledger (amount)")
    donor.executemany("INSERT INTO ledger VALUES (?)", [(i,) for i in range(500)])
    donor.commit()
    shutil.copy(other + "-wal", path + "-wal")  # a log that is not the victim's
    donor.close()
    before = snapshot(path)
    for _ in range(2):
        r = kith("person", "list", db=path)
        assert r.code == 3 and "write-ahead log beside it" in r.err, r.err
    after = snapshot(path)
    for name, digest in before.items():
        assert after.get(name) == digest, name  # the file and the log as they were
    os.unlink(path + "-wal")
    ok(kith("person", "list", db=path))


def test_the_interface_exports_over_no_file_and_never_over_the_database():
    db = tuikit.fresh_demo("export-over.db")
    there = os.path.join(SCRATCH, "already.csv")
    with open(there, "w") as f:
        f.write("someone's own spreadsheet\n")
    s = tuikit.run(db, f":export people {there}<Enter>\n@dump\n:export people {db}<Enter>\n"
                       "@dump\n")
    assert "already exists: choose another name" in tuikit.status(s[0], 2), tuikit.status(s[0], 2)
    assert open(there).read() == "someone's own spreadsheet\n"
    assert "write somewhere else" in tuikit.status(s[1], 2), tuikit.status(s[1], 2)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM person").fetchone()[0] > 0


def test_a_foreign_database_with_its_log_is_left_as_it_was():
    live, path = new_db("ledger-live.db"), new_db("ledger.db")
    con = sqlite3.connect(live)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("CREATE TABLE ledger (amount)")
    con.executemany("INSERT INTO ledger VALUES (?)", [(i,) for i in range(500)])
    con.commit()
    shutil.copy(live, path)  # the file and its log as a crash would leave them
    shutil.copy(live + "-wal", path + "-wal")
    con.close()
    before = snapshot(path)
    for args in (("person", "list"), ("init",), ("check",)):
        r = kith(*args, db=path)
        assert r.code == 3 and "not a kith" in r.err, (args, r.err)
    after = snapshot(path)
    for name, digest in before.items():
        assert after.get(name) == digest, name


def test_a_log_from_a_diverged_copy_is_not_folded_into_a_large_database():
    path = pristine("large-victim.db")
    ok(kith("person", "list", "--limit", "1", db=path, login="ada"))  # as kith left it
    copy = new_db("diverged.db")
    shutil.copy(path, copy)
    for n in range(20):  # the database goes on without the copy
        ok(kith("person", "add", "--given-name", f"Later{n}", db=path, login="ada"))
    other = sqlite3.connect(copy)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute("CREATE TABLE ledger (amount)")
    other.executemany("INSERT INTO ledger VALUES (?)", [(i,) for i in range(3000)])
    other.execute("UPDATE person SET notes = 'from the copy'")
    other.commit()
    shutil.copy(copy + "-wal", path + "-wal")
    other.close()
    before = snapshot(path)
    r = kith("person", "add", "--given-name", "After", db=path, login="ada")
    assert r.code == 3, (r.code, r.err)
    after = snapshot(path)
    for name in (os.path.basename(path), os.path.basename(path) + "-wal"):
        assert after.get(name) == before[name], name
    os.unlink(path + "-wal")
    assert "Later19" in ok(kith("person", "list", "--search", "later19", db=path,
                                login="ada")).out


def test_a_read_only_directory_is_named_as_the_cause():
    if os.geteuid() != 0:
        return  # the directory is made read-only for another user, which needs root
    place = os.path.join(SCRATCH, "ro-dir")
    os.makedirs(place)
    os.chmod(SCRATCH, 0o755)
    path = os.path.join(place, "kith.db")
    ok(kith("init", db=path))
    os.chown(place, 65534, 65534)
    os.chown(path, 65534, 65534)
    os.chmod(place, 0o555)
    r = kith("person", "list", db=path, user=65534)
    assert r.code == 3 and "not its directory" in r.err, r.err
    r = kith("init", db=os.path.join(place, "new.db"), user=65534)
    assert r.code == 3 and "directory is read-only" in r.err, r.err


def pristine(name):
    """A database of more than 2 MB, with no free pages (every page one sqlite checks)."""
    path = new_db(name)
    ok(kith("demo", "--people", "1500", "--assets", "150", "--referrals", "3000", db=path))
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("VACUUM")
    con.close()
    assert os.path.getsize(path) > 2 << 20
    return path


def page_of(path, table):
    """The first page of a table: where damage goes that the quick look at open never reads
    (a page number alone moves whenever the schema gains a table)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    page = con.execute("SELECT min(pageno) FROM dbstat WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    return page


def damage(path, page, kind, rng):
    with open(path, "r+b") as f:
        f.seek((page - 1) * PAGE)
        if kind == "zeroed":
            f.write(bytes(PAGE))
        elif kind == "garbage":
            f.write(rng.randbytes(PAGE))
        else:  # the page's header and cell pointers scrambled
            f.seek((page - 1) * PAGE + (100 if page == 1 else 0))
            f.write(rng.randbytes(24))


def test_damage_is_caught_before_anything_more_is_written():
    clean = pristine("clean.db")
    work = new_db("damaged.db")
    pages = os.path.getsize(clean) // PAGE
    rng = random.Random(57)
    caught = tried = 0
    for page in [1 + round(i * (pages - 1) / 18) for i in range(19)]:
        for kind in ("zeroed", "garbage", "scrambled"):
            for tail in ("", "-wal", "-shm", "-checked"):
                if os.path.exists(work + tail):
                    os.unlink(work + tail)
            shutil.copy(clean, work)
            ok(kith("person", "list", "--limit", "1", db=work, login="ada"))  # kith sees it
            damage(work, page, kind, rng)
            tried += 1
            codes = [kith("person", "add", "--given-name", f"After{n}", db=work,
                          login="ada").code for n in range(5)]
            if all(code == 3 for code in codes):
                caught += 1
            else:
                print(f"  page {page} {kind}: adds exited {codes}", file=sys.stderr)
    print(f"damage: {caught} of {tried} damaged variants caught before a write",
          file=sys.stderr)
    assert caught == tried


def test_damage_kith_could_not_see_change_is_caught_by_the_daily_check():
    clean = pristine("daily.db")
    ok(kith("person", "list", "--limit", "1", db=clean, login="ada"))
    stat = os.stat(clean)
    damage(clean, page_of(clean, "person_fts_docsize"), "zeroed", random.Random(1))
    os.utime(clean, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the file looks untouched
    # checked less than a day ago: the quick look at open does not reach that page
    r = kith("person", "list", "--limit", "1", db=clean, login="ada")
    seen = open(clean + "-checked").read().split()
    seen[-1] = str(int(seen[-1]) - 25 * 3600)  # checked more than a day ago
    with open(clean + "-checked", "w") as f:
        f.write(" ".join(seen) + "\n")
    r = kith("person", "add", "--given-name", "Later", db=clean, login="ada")
    assert r.code == 3 and "is damaged" in r.err and "restore a backup" in r.err, r.err


def test_the_check_after_a_login_finds_what_the_quick_look_missed_and_stops_writes():
    db = pristine("session.db")
    ok(kith("person", "list", "--limit", "1", db=db, login="ada"))  # kith saw it, and checked
    stat = os.stat(db)
    damage(db, page_of(db, "person_fts_docsize"), "zeroed", random.Random(2))
    os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # bit rot: the file looks untouched
    screens = tuikit.run(db, """
@wait
@dump
1a
Later<Tab>Person
<C-s>
@dump
""")
    assert "The database is damaged: nothing more can be saved. An admin restores a backup" \
        in tuikit.status(screens[0], 2), tuikit.text(screens[0])
    # nothing more is written: the form stays, refused, with the way to restore
    assert "New person" in tuikit.text(screens[1]) and "is damaged" in tuikit.text(screens[1])
    con = sqlite3.connect(f"file:{db}?immutable=1", uri=True)
    try:
        assert con.execute("SELECT count(*) FROM person WHERE given_name = 'Later'"
                           ).fetchone()[0] == 0
    except sqlite3.DatabaseError:
        pass  # too damaged to ask: nothing was written to it either way
    con.close()


def main():
    status = run_suite("damage", globals(), cli_suite.SCRATCH, before=tuikit.SEEN.clear,
                       explain=tuikit.show_failure)
    shutil.rmtree(tuikit.SCRATCH, ignore_errors=True)  # the interface's, for two tests here
    return status


if __name__ == "__main__":
    sys.exit(main())
