#!/usr/bin/python3
"""The interface's gate and roles: the first admin, logins, the lock, another worker, the
Audit screen, restricted people and review. Usage: test_tui_access.py PATH-TO-KITH"""

import os
import sqlite3
import sys

from tuikit import (PASSWORDS, SCRATCH, chosen_row, cli, fresh_demo, main, run, status,
                    text)


# ---- accounts, locking and roles ----

def test_first_admin_is_asked_for_then_logged_in():
    db = os.path.join(SCRATCH, "first.db")
    cli(db, "init")
    s = run(db, """
@dump
ada<Tab>Ada Okafor<Tab>password1234<Tab>password1234<Enter>
@dump
quiet harbour lantern<Tab>quiet harbour lantern<Enter>
@dump
""", login=None)
    assert "Welcome to kith" in text(s[0]) and "Make the first admin" in text(s[0])
    assert "People" not in s[0][0]
    assert "password: too easy to guess" in text(s[1]) and "password1234" not in text(s[1])
    assert "Logged in as Ada Okafor (admin)" in status(s[2]) and "1 People" in s[2][0]


def test_the_demo_login_says_how_to_get_in_and_shows_nothing_else():
    db = fresh_demo("demo-login.db")
    screen = run(db, "@dump\n", login=None)[0]
    assert "Log in" in text(screen) and "This is the demo: try cora, password amber kettle meadow" \
        in text(screen)
    assert "People" not in screen[0] and "Adeyemi" not in text(screen)


def test_lock_hides_the_screen_and_keeps_the_form_for_the_same_worker():
    db = fresh_demo("lock.db")
    s = run(db, """
a
Half typed
<C-x>
@dump
wrong password entirely<Enter>
@dump
amber kettle meadow<Enter>
@dump
<Esc>
y
@idle
@dump
""")
    assert "Locked" in text(s[0]) and "Cora Lindqvist's password opens it" in text(s[0])
    assert "Half typed" not in text(s[0]) and "Adeyemi" not in text(s[0])
    assert "wrong name or password" in text(s[1])
    assert "Half typed" in text(s[2]) and "Unlocked" in status(s[2])
    assert "Locked" in text(s[3])  # the idle minutes passed
    actions = [row[0] for row in sqlite3.connect(db).execute(
        "SELECT action FROM audit WHERE action IN ('lock', 'unlock', 'login_failed') "
        "ORDER BY seq")]
    assert actions == ["lock", "login_failed", "unlock", "lock"]


def test_another_worker_starts_afresh_and_sees_only_their_screens():
    db = fresh_demo("switch.db")
    s = run(db, """
a
Half typed
<C-x>
<F2>
wes<Tab>copper fern window<Enter>
@dump
5
@dump
6
@dump
""")
    assert "Logged in as Wes Achterberg (worker)" in status(s[0])
    assert "Half typed" not in text(s[0]) and "New person" not in text(s[0])
    assert "4 Referrals" in s[0][0] and "5 Network" not in s[0][0] and "6 Audit" not in s[0][0]
    assert "the network report needs a coordinator's account" in status(s[1])
    assert "the audit trail needs a coordinator's account" in status(s[2])


def test_the_audit_screen_shows_who_looked_at_whom():
    db = fresh_demo("audit.db")
    s = run(db, """
/adeyemi kwame<Enter>
6
@dump
<Enter>
@dump
""")
    assert "6 Audit" in s[0][0] and "Audit newest first" in s[0][1]
    first = chosen_row(s[0])
    assert "Cora Lindqvist" in first and "view" in first and "Kwame Adeyemi" in first
    assert any(line.split() == ["About", "▸", "Kwame", "Adeyemi"] for line in s[1]), text(s[1])


def test_a_restricted_person_cannot_be_found_by_a_worker_who_may_not_see_them():
    db = fresh_demo("restricted.db")
    cli(db, "user", "add", "wren", "--role", "worker", "--new-password-fd", "0",
        login="ada", input=PASSWORDS["wren"] + "\n")
    pid = cli(db, "person", "add", "--given-name", "Safe", "--family-name", "Harbourside",
              "--address", "1 Refuge Road", "--restricted", "yes", login="wes").strip()
    s = run(db, """
/harbourside
@dump
<Esc>
/sa
@dump
""", login="wren")
    assert "Nothing matches" in text(s[0]) and "Restricted" not in text(s[0])
    assert "Safe" not in text(s[1]) and "Restricted" not in text(s[1])
    # who recorded them finds them, and so does a coordinator
    s = run(db, "/harbourside<Enter>\n<Enter>\n@dump\n", login="wes")
    assert "1 Refuge Road" in text(s[0])
    s = run(db, "/harbourside<Enter>\n<Enter>\n@dump\n", login="cora")
    assert "1 Refuge Road" in text(s[0])
    # reached by its id (a link someone was given), the record says whom to ask
    out = cli(db, "person", "show", pid, login="wren")
    assert "Refuge" not in out and "Harbourside" not in out and "Restricted record" in out


def test_a_worker_can_neither_merge_nor_be_warned_of_someone_hidden():
    db = fresh_demo("restricted-twice.db")
    cli(db, "user", "add", "wren", "--role", "worker", "--new-password-fd", "0",
        login="ada", input=PASSWORDS["wren"] + "\n")
    cli(db, "person", "add", "--given-name", "Safe", "--family-name", "Harbourside",
        "--postcode", "KV9 4ZT", "--restricted", "yes", login="wes")
    s = run(db, """
a
Safe<Tab>Harbourside<Tab><Tab><Tab><Tab>kv94zt
<C-s>
@dump
M
<C-u>harbourside
@dump
<C-u>restricted
@dump
""", login="wren")
    # adding them again, wren is told of no one: the form saves as any other
    assert "Added Safe Harbourside" in status(s[0]) and "likely" not in text(s[0])
    # and merging finds only the record wren made
    assert text(s[1]).count("│ Safe Harbourside") == 1, text(s[1])
    assert "Restricted record" not in text(s[1])
    assert "nothing matches" in text(s[2])
    # wes, who recorded them, is warned of them both
    s = run(db, "a\nSafe<Tab>Harbourside<Tab><Tab><Tab><Tab>kv94zt\n<C-s>\n@dump\n",
            login="wes")
    assert "likely already here: Safe Harbourside, KV9 4ZT" in text(s[0])


def test_a_coordinator_keeps_or_erases_who_is_due_for_review():
    db = fresh_demo("review.db")
    due = sqlite3.connect(db).execute(
        "SELECT count(*) FROM person WHERE review_date <= '2026-11-22' AND deleted_at IS NULL"
    ).fetchone()[0]
    assert due >= 2
    s = run(db, """
f
review
<Enter>
@dump
<Enter>
@dump
K
still meeting at the allotment<Enter>
@dump
j
X
@dump
y
moved away, asked to be forgotten<Enter>
@dump
""")
    assert "review due" in s[0][1] and f"{due} people" in s[0][1]
    assert "Review due since" in text(s[1])
    assert "Kept for another retention period" in status(s[2])
    assert "Erase " in text(s[3]) and "for good?" in text(s[3])
    assert "Erased" in status(s[4])
    assert f"{due - 2} people" in s[4][1]
    trail = sqlite3.connect(db).execute(
        "SELECT action, detail FROM audit WHERE action IN ('erase', 'update') AND detail <> '' "
        "ORDER BY seq").fetchall()
    assert ("erase", "moved away, asked to be forgotten") in trail
    assert any(d.startswith("kept until") for a, d in trail)


def test_a_worker_is_told_that_importing_in_bulk_is_for_coordinators():
    path = os.path.join(SCRATCH, "by-role.csv")
    with open(path, "w") as f:
        f.write("First name,Surname\nOlumide,Quarshie\n")
    added = "SELECT count(*) FROM person WHERE family_name = 'Quarshie'"
    db = fresh_demo("import-roles.db")
    s = run(db, f":import people {path}<Enter>\n@dump\n:import hsds {SCRATCH}<Enter>\n@dump\n",
            login="wes")
    for screen in s:
        assert "importing in bulk needs a coordinator's account" in status(screen), status(screen)
    assert sqlite3.connect(db).execute(added).fetchone()[0] == 0
    s = run(db, f":import people {path}<Enter>\n@dump\n", login="cora")
    assert "by-role.csv: 1 added" in status(s[0]), status(s[0])
    assert sqlite3.connect(db).execute(added).fetchone()[0] == 1


if __name__ == "__main__":
    sys.exit(main("tui-access", globals()))
