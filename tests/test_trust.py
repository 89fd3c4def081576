#!/usr/bin/python3
"""Backups, restores and imports on a shared laptop, through the real binary: a restore never
brings back anyone erased since the backup and keeps the live audit trail and accounts;
imports, backups and restores work while an interface sits open on the same file.
Usage: test_trust.py PATH-TO-KITH"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import time

import test_cli as cli_suite
from suite import run as run_suite
from test_cli import BASE_ENV, KITH, SCRATCH, kith, new_db, ok
from test_data import as_cora, count, fresh, write, PW

MARKS = ("Zqerasedgiven", "Zqerasedfamily", "Zqerasedhopes")


def file_has(db, word):
    data = b""
    for tail in ("", "-wal"):
        if os.path.exists(db + tail):
            with open(db + tail, "rb") as f:
                data += f.read().lower()
    return word.lower().encode() in data


def test_a_restore_applies_every_erasure_made_since_the_backup():
    db = fresh("erase-restore.db")
    pid = ok(as_cora("person", "add", "--given-name", MARKS[0], "--family-name", MARKS[1],
                     db=db)).out.strip()
    ok(as_cora("conversation", "add", "--person", pid, "--hopes", MARKS[2], db=db))
    ok(as_cora("person", "add", "--given-name", "Kept", "--family-name", "Person", db=db))
    backup = os.path.join(SCRATCH, "before-erasure.db")
    ok(as_cora("backup", "--out", backup, db=db))
    ok(as_cora("person", "erase", pid, "--reason", "asked to be forgotten", db=db))
    # an account made after the backup, and a record
    ok(as_cora("user", "add", "wes", "--role", "worker", "--new-password-fd", "0", db=db,
               input="copper fern window\n"))
    ok(as_cora("person", "add", "--given-name", "Added", "--family-name", "Later", db=db))
    trail_before = count(db, "SELECT count(*) FROM audit")
    r = ok(as_cora("restore", backup, db=db))
    assert "1 erasure applied again" in r.out, r.out
    # the live trail came across whole, ending with the restore
    got = count(db, "SELECT group_concat(action) FROM (SELECT action FROM audit WHERE seq > "
                    f"{trail_before} ORDER BY seq)")
    assert got == "login,restore", got
    # they do not come back: not listed, not shown, nothing of them in the file or its log
    r = as_cora("person", "show", pid, db=db)
    assert r.code == 1 and "deleted" in r.err
    assert count(db, "SELECT count(*) FROM person WHERE given_name = 'Kept'") == 1
    assert count(db, "SELECT count(*) FROM person WHERE given_name = 'Added'") == 0
    for mark in MARKS:
        assert not file_has(db, mark), mark
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'erase'") == 1
    assert count(db, "SELECT count(*) FROM erasure WHERE person_id = '%s'" % pid) == 1
    assert "rows are as kith wrote them" in ok(as_cora("audit", "verify", db=db)).out
    # the account made since still logs in; the backup itself is untouched
    ok(kith("person", "list", db=db, login="wes"))
    assert file_has(backup, MARKS[0])


def test_a_backup_of_another_database_keeps_its_own_trail_and_erasures_still_apply():
    db = fresh("laptop-a.db")
    pid = ok(as_cora("person", "add", "--given-name", "Twice", db=db)).out.strip()
    backup = os.path.join(SCRATCH, "laptop-a-backup.db")
    ok(as_cora("backup", "--out", backup, db=db))
    ok(as_cora("person", "erase", pid, "--reason", "asked to be forgotten", db=db))
    other = fresh("laptop-b.db")  # a new laptop, whose admin restores laptop a's backup
    gone = ok(as_cora("person", "add", "--given-name", "Briefly", db=other)).out.strip()
    ok(as_cora("person", "erase", gone, "--reason", "added by mistake", db=other))
    trail = count(backup, "SELECT count(*) FROM audit")
    r = ok(as_cora("restore", backup, db=other))
    assert "another database" in r.out, r.out
    assert count(other, "SELECT count(*) FROM person WHERE given_name = 'Twice'") == 1
    assert count(other, "SELECT count(*) FROM audit") == trail + 1  # its trail, and the restore
    # restoring that backup onto laptop a itself still applies a's erasure
    ok(as_cora("restore", backup, db=db))
    assert count(db, "SELECT count(*) FROM person WHERE given_name = 'Twice'") == 0


# ---- the audit trail against someone holding the file but no password ----

COLUMNS = ("seq", "id", "worker_id", "action", "entity", "record_id", "person_id", "fields",
           "detail", "created_at", "prev_hash")


def chain_hash(row):
    """A row's hash as kith makes it, written again from README's description: each value
    as "length:text;" ("-;" for none), SHA-256 over them all."""
    text = "".join("-;" if v is None else f"{len(str(v).encode())}:{v};" for v in row)
    return hashlib.sha256(text.encode()).hexdigest()


def rebuild(db, keep):
    """What an attacker with the sqlite3 shell does: guards dropped, the rows keep() keeps
    renumbered and hashed again into a chain that holds, the seal moved to its new end."""
    con = sqlite3.connect(db)
    con.executescript("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
    rows = con.execute("SELECT %s, updated_at, updated_by, deleted_at, mac FROM audit ORDER "
                       "BY seq" % ", ".join(COLUMNS)).fetchall()
    con.execute("DELETE FROM audit")
    prev, seq = "", 0
    for row in rows:
        if not keep(row):
            continue
        seq += 1
        values = (seq,) + tuple(row[1:10]) + (prev,)
        prev = chain_hash(values)
        con.execute("INSERT INTO audit (%s, hash, updated_at, updated_by, deleted_at, mac) "
                    "VALUES (%s)" % (", ".join(COLUMNS), ", ".join("?" * 16)),
                    values + (prev,) + tuple(row[11:]))  # each row's MAC kept as it was
    con.execute("UPDATE audit_seal SET seq = ?, hash = ?", (seq, prev))
    con.commit()
    con.close()


def test_a_rebuilt_trail_shows_to_anyone_with_a_password():
    db = fresh("rebuilt.db")
    pid = ok(as_cora("person", "add", "--given-name", "Watched", db=db)).out.strip()
    ok(as_cora("person", "show", pid, db=db))
    ok(as_cora("person", "show", pid, db=db))
    before = count(db, "SELECT count(*) FROM audit")
    # rebuilt with nothing taken out, the chain is as kith's: the rebuilding is kith's own
    rebuild(db, lambda row: True)
    r = as_cora("audit", "verify", db=db)
    assert r.code == 3 and "guards against changes were removed" in r.err, r.err
    ok(as_cora("check", db=db))
    assert "rows are as kith wrote them" in ok(as_cora("audit", "verify", db=db)).out
    assert count(db, "SELECT count(*) FROM audit") == before + 4  # 3 logins, a repair
    # the views of that person taken out, the chain rebuilt and the seal moved to its end
    rebuild(db, lambda row: row[3] != "view")
    r = as_cora("audit", "verify", db=db)
    assert r.code == 3 and "lacks the trail's key" in r.err, r.err
    # kith check puts the guards back; the trail stays shown as rebuilt
    r = ok(as_cora("check", db=db))
    assert "put back what was removed outside kith: audit_no_delete, audit_no_update" in r.out
    assert count(db, "SELECT count(*) FROM audit WHERE entity = 'schema' AND detail LIKE "
                     "'put back%audit_no_delete%'") == 2  # each time, written down
    r = as_cora("audit", "verify", db=db)
    assert r.code == 3 and "lacks the trail's key" in r.err, r.err
    # and with every row's MAC taken away, the rows show all the same
    con = sqlite3.connect(db)
    con.executescript("DROP TRIGGER audit_no_update; UPDATE audit SET mac = NULL;")
    con.close()
    r = as_cora("audit", "verify", db=db)
    assert r.code == 3 and "lacks the trail's key" in r.err, r.err


def interface_beside(db, ready, go, final):
    """An interface logged in as cora on db, idle (@until) until go exists, then searching."""
    script = write("beside.keys", f"""cora<Tab>{PW}<Enter>
@dump {ready}
@until {go}
/quentin
@dump {final}
""")
    env = dict(BASE_ENV, TERM="xterm")
    return subprocess.Popen([KITH, "--db", db, "--script", script, "--size", "100x30"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_imports_backups_and_restores_work_while_an_interface_is_open():
    db = fresh("beside.db")
    ready, go, final = (os.path.join(SCRATCH, n) for n in ("ready.txt", "go", "final.txt"))
    ui = interface_beside(db, ready, go, final)
    try:
        for _ in range(600):
            if os.path.exists(ready) or ui.poll() is not None:
                break
            time.sleep(0.05)
        assert os.path.exists(ready), ui.communicate()
        people = write("beside.csv", "First name,Surname\nQuentin,Importer\nRosa,Second\n")
        r = ok(as_cora("import", "people", people, db=db))
        assert "2 added" in r.out
        backup = os.path.join(SCRATCH, "beside-backup.db")
        ok(as_cora("backup", "--out", backup, db=db))
        ok(as_cora("person", "add", "--given-name", "After", "--family-name", "Backup", db=db))
        ok(as_cora("restore", backup, db=db))
        assert count(db, "SELECT count(*) FROM person WHERE given_name = 'After'") == 0
    finally:
        open(go, "w").close()
        out, err = ui.communicate(timeout=60)
    assert ui.returncode == 0, err
    with open(final) as f:
        screen = f.read()
    assert "Quentin Importer" in screen or "Importer" in screen, screen


def main():
    return run_suite("trust", globals(), cli_suite.SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
