"""The interface and the hub, as people meet them: two laptops' databases joined to one real
PostgreSQL (tests/pgtmp), a person added on one found on the other after :sync, the status
line saying when the laptop last synced, the hub stopped (kith says so and keys still work),
a sync by itself bringing a change with no key pressed, and a worker's sync bringing someone
that worker still may not see. Usage: test_tui_sync.py PATH-TO-KITH"""

import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time

import pghub
from tuikit import (PASSWORDS, SCRATCH, chosen_row, cli, fresh_demo, main, read_until,
                    run, spawn, status, text, wait_exit)

# The real day (the stamps of a sync are the real clock's, so "synced 14:02" needs today's
# date, not the suites' fixed one): tests that sync assert only the form of the time.
NOW = {"KITH_TODAY": ""}
# a minute of sync_minutes lasts this long (test builds), for the sync that runs by itself
QUICK = {"KITH_TODAY": "", "KITH_SYNC_MINUTE_MS": "200"}


def start_hub():
    """A private PostgreSQL; returns its directory and the owner's connection string."""
    parent = tempfile.mkdtemp(prefix="kith-hub-")
    os.chmod(parent, 0o755)  # the server runs as nobody when the suite runs as root
    pghub.remove_at_exit(parent)
    where = os.path.join(parent, "pg")
    return where, pghub.start(where)


def stop_hub(where):
    pghub.stop(where)
    shutil.rmtree(os.path.dirname(where), ignore_errors=True)


def laptops(name, hub=None, before=None):
    """Laptop a (the demo, its admin started the hub) and laptop b (new, joined with the
    string a's admin made for it, and synced once: everything came, accounts too). before(a)
    runs on a before it joins."""
    where, owner = hub or start_hub()
    a = fresh_demo(name + "-a.db")
    if before:
        before(a)
    cli(a, "hub", "init", "--name", "a", login="ada", input=owner + "\n")
    cli(a, "sync")  # what a holds goes up
    conninfo = cli(a, "hub", "add-laptop", "b", login="ada").strip().split("\n")[-1]
    b = os.path.join(SCRATCH, name + "-b.db")
    cli(b, "hub", "join", input=conninfo + "\n")  # a new laptop: no accounts yet, no login
    cli(b, "sync")
    return where, a, b


def last_sync(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT last_sync FROM sync_state").fetchone()[0]
    finally:
        con.close()


def polled(cond, seconds=30):
    """Waits until cond() holds, as read_until waits for the screen; fails if it never does."""
    end = time.monotonic() + seconds
    while not cond():
        assert time.monotonic() < end, "it never happened"
        time.sleep(0.05)


def add_person(db, given, family, *more, login="cora"):
    return cli(db, "person", "add", "--given-name", given, "--family-name", family, *more,
               login=login).strip()


def test_a_laptop_that_has_not_joined_says_how_to():
    db = fresh_demo("alone.db")
    s = run(db, ":sync<Enter>\n@wait\n@dump\nj\n@dump\n")
    said = status(s[0], 2)
    assert "has not joined a hub" in said and "kith hub join" in said, said
    # nothing about syncing where the laptop has no hub
    assert "synced" not in s[1][-2] and "hub" not in s[1][-2], s[1][-2]


def test_a_person_added_on_one_laptop_is_found_on_another_after_sync():
    hub, a, b = laptops("found")
    try:
        add_person(a, "Odalys", "Quenneville")
        cli(a, "sync")
        s = run(b, """
/quenneville
@dump
<Esc><Esc>
:sync<Enter>
@wait
@dump
j
@dump
/quenneville
@dump
<Enter>
@dump
""", env=NOW)
        assert "Nothing matches" in text(s[0])
        said = status(s[1], 2)
        assert re.search(r"Synced: \d+ changes? came in: .*people", said), said
        # the status line's right end says when: the time of day, today
        assert re.search(r"synced (\d\d:\d\d|yesterday)$", s[2][-2].rstrip()), s[2][-2]
        assert "Quenneville" in text(s[3])
        assert "Odalys" in text(s[4]) and "Quenneville" in text(s[4])
    finally:
        stop_hub(hub)


def test_a_stopped_hub_is_said_and_keys_still_work():
    hub, a, b = laptops("stopped")
    stop_hub(hub)
    s = run(b, """
:sync<Enter>
@wait
@dump
j
@dump
/a
@dump
<Enter>
@dump
""", env=NOW)
    said = status(s[0], 2)
    assert "could not be reached" in said and "kept" in said, said
    assert re.search(r"hub not answering since (\d\d:\d\d|\d\d/\d\d/\d{4})$",
                     s[1][-2].rstrip()), s[1][-2]
    # the list answers as before: moving, searching, opening a person
    assert chosen_row(s[1]) and chosen_row(s[1]) != chosen_row(s[0])
    assert chosen_row(s[2])
    assert "What matters to them" in text(s[3]), text(s[3])


def test_a_revoked_laptop_is_told_and_stops_syncing_by_itself():
    hub, a, b = laptops("revoked")
    try:
        cli(a, "hub", "revoke", "b", login="ada")
        s = run(b, ":sync<Enter>\n@wait\n@dump\nj\n@dump\n", env=NOW)
        said = status(s[0], 2)
        assert "revoked" in said, said
        assert s[1][-2].rstrip().endswith("the hub refused this laptop: :sync says why")
    finally:
        stop_hub(hub)


def test_the_status_line_says_when_the_laptop_last_synced():
    # what the file says is what shows (no sync runs in a script without :sync or @wait)
    db = fresh_demo("when.db")
    label = []
    for stamp in ("2026-11-22T14:02:31.000Z", "2026-11-21T09:00:00.000Z",
                  "2026-11-19T23:59:00.000Z", None):
        con = sqlite3.connect(db)
        con.execute("UPDATE sync_state SET joined = 1, laptop = 'b', last_sync = ?", (stamp,))
        con.commit()
        con.close()
        label.append(run(db, "@dump\n")[0][-2].rstrip())  # the suites' day: 2026-11-22
    assert label[0].endswith("synced 14:02"), label
    assert label[1].endswith("synced yesterday"), label
    assert label[2].endswith("synced 3 days ago"), label
    assert label[3].endswith("not synced yet: :sync"), label


def test_what_a_sync_brings_leaves_the_cursor_and_a_form_being_typed():
    hub, a, b = laptops("typing")
    try:
        s = run(b, "jjj\n@dump\n", env=QUICK)
        row = chosen_row(s[0])
        add_person(a, "Odalys", "Aabye")  # first by family name
        cli(a, "sync")
        # the first sync by itself comes at the script's first @wait, a form open meanwhile
        s = run(b, """
jjj
@dump
a
Zeynep
@wait
@dump
<Esc>
y
@dump
""", env=QUICK)
        assert chosen_row(s[0]) == row and "Aabye" not in text(s[0])
        assert "Zeynep" in text(s[1])  # the form keeps what was typed
        # the list under it shows who came, the cursor on the row it was on
        assert "Aabye" in text(s[2]) and "Zeynep" not in text(s[2])
        assert chosen_row(s[2]) == row, (chosen_row(s[2]), row)
    finally:
        stop_hub(hub)


def test_a_sync_by_itself_brings_a_change_with_no_key_pressed():
    hub, a, b = laptops("itself")
    try:
        cli(b, "setting", "set", "sync_minutes", "1", login="ada")
        before = last_sync(b)
        pid, fd = spawn(b, env=QUICK)
        try:
            read_until(fd, b"Log in")
            os.write(fd, f"cora\t{PASSWORDS['cora']}\r".encode())
            read_until(fd, b"it is sound", 30)
            os.write(fd, b"j")  # the status line clears: its end says when it synced
            read_until(fd, b"synced", 30)
            # the sync at login has ended (the file says so): what follows comes later
            polled(lambda: last_sync(b) != before)
            add_person(a, "Odalys", "Aabye")  # first by family name
            cli(a, "sync")
            # no key: the list shows them by itself (the given name, all of whose letters
            # differ from the row it pushes down, so the terminal is sent it whole)
            read_until(fd, b"Odalys", 30)
            os.write(fd, b"\x11")  # Ctrl-Q
            wait_exit(pid, fd)
        finally:
            os.close(fd)
    finally:
        stop_hub(hub)


def test_a_workers_sync_brings_someone_that_worker_may_not_see():
    where, owner = start_hub()
    try:
        def wren(a):
            cli(a, "user", "add", "wren", "--role", "worker", "--new-password-fd", "0",
                login="ada", input=PASSWORDS["wren"] + "\n")
        _, a, b = laptops("private", (where, owner), wren)
        add_person(a, "Safe", "Harbourside", "--address", "1 Refuge Road", "--restricted",
                   "yes", login="wes")
        add_person(a, "Open", "Harbourside", login="wes")
        cli(a, "sync", login="wes")
        s = run(b, """
/harbourside
@dump
<Esc><Esc>
@wait
/harbourside
@dump
<Esc><Esc>
:sync<Enter>
@wait
@dump
""", env=QUICK, login="wren")
        # the sync by itself (at @wait) brings Open, whom wren may see, and not Safe
        assert "Nothing matches" in text(s[0])
        assert "Open" in text(s[1]) and "Safe" not in text(s[1])
        assert "Refuge" not in text(s[1]) and "Restricted" not in text(s[1])
        # wren's summary counts only what wren may see: both came at the sync by itself,
        # so :sync after it has nothing more, and nothing names the hidden person
        said = re.sub(r" +synced \d\d:\d\d$", "", status(s[2]))  # the line's end: when
        assert re.match(r"Synced: (nothing new came in|0 changes came in)", said), said
        assert "Safe" not in said and "Harbourside" not in said, said
        # it came all the same: a coordinator on b finds them
        s = run(b, "/harbourside\n@dump\n", env=NOW, login="cora")
        assert "Safe" in text(s[0])
    finally:
        stop_hub(where)


if __name__ == "__main__":
    sys.exit(main("tui-sync", globals()))
