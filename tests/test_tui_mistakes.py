#!/usr/bin/python3
"""Mistakes a key makes at once, and their way back: u and v say what they did and z takes
it back (a correction, in the audit), an empty reason for erasing is asked again, and q on
a top screen asks before quitting. Usage: test_tui_mistakes.py PATH-TO-KITH"""

import sqlite3
import sys

from tuikit import chosen_row, cli, fresh_demo, main, run, status, text


def audit_rows(db, record):
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT w.username, a.fields, coalesce(a.detail, '') FROM audit a "
        "JOIN worker w ON w.id = a.worker_id WHERE a.record_id = ? AND a.action = 'update' "
        "ORDER BY a.seq", (record,)).fetchall()
    con.close()
    return rows


def referral_of(db, family):
    con = sqlite3.connect(db)
    row = con.execute("SELECT r.id, r.status, r.status_date, r.follow_up_date FROM referral r "
                      "JOIN person p ON p.id = r.person_id WHERE p.family_name = ?",
                      (family,)).fetchone()
    con.close()
    return row


def test_a_stray_u_is_taken_back_by_the_worker_who_pressed_it():
    db = fresh_demo("undo-u.db")
    cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Referred")
    cli(db, "referral", "add", "--person", "tayo referred", "--from-asset", "men's shed",
        "--to-asset", "northgate library", "--date", "01/11/2026", "--status", "contacted")
    before = referral_of(db, "Referred")
    s = run(db, """
4
/tayo<Enter>
q
u
@dump
z
@dump
z
@dump
""", login="wes")
    assert "Tayo Referred: marked attended · z takes it back" in status(s[0]), status(s[0])
    assert "attended" in chosen_row(s[0])
    assert ("Taken back (audited): Tayo Referred's referral is back to contacted"
            in status(s[1])), status(s[1])
    assert "contacted" in chosen_row(s[1]) and "attended" not in chosen_row(s[1])
    assert "Nothing to take back" in status(s[2])
    assert referral_of(db, "Referred") == before  # its dates as they were, too
    rows = audit_rows(db, before[0])
    assert rows[-1] == ("wes", "status,status_date",
                        "correction: status attended → contacted"), rows
    # a coordinator finds it among the corrections on the Audit screen
    s = run(db, """
6
f
corrections<Enter>
@dump
<Enter>
@dump
""", login="cora", size="140x36")
    assert "corrections" in s[0][1] and "Wes" in chosen_row(s[0])
    assert "correction: status attended → contacted" in text(s[1])


def test_a_stray_v_is_taken_back():
    db = fresh_demo("undo-v.db")
    aid = cli(db, "asset", "add", "--name", "Ashby Green Community Fridge", "--category",
              "economy", "--last-verified", "01/09/2026").strip()
    s = run(db, """
3
/fridge<Enter>
q
v
@dump
z
@dump
""", login="wes")
    assert "Ashby Green Community Fridge: verified today · z takes it back" in status(s[0])
    assert "22/11/2026" in chosen_row(s[0])
    assert ("Taken back (audited): Ashby Green Community Fridge was last verified on 01/09/2026"
            in status(s[1])), status(s[1])
    assert "01/09/2026" in chosen_row(s[1])
    assert audit_rows(db, aid)[-1] == (
        "wes", "last_verified", "correction: last_verified 2026-11-22 → 2026-09-01")


def test_z_is_in_the_help_and_another_worker_cannot_take_back():
    db = fresh_demo("undo-who.db")
    s = run(db, "4\n?\n@dump\n", login="wes")
    assert "take back what u or v just did (audited)" in text(s[0])
    # the change is the session's: after the lock another worker gets nothing to take back
    s = run(db, """
4
u
<C-x>
<F2>
cora<Tab>amber kettle meadow<Enter>
4
z
@dump
""", login="wes")
    assert "Nothing to take back" in status(s[0]), status(s[0])


def test_an_empty_reason_for_erasing_is_asked_again():
    db = fresh_demo("erase-empty.db")
    due = "SELECT count(*) FROM person WHERE review_date <= '2026-11-22' AND deleted_at IS NULL"
    n = sqlite3.connect(db).execute(due).fetchone()[0]
    s = run(db, """
f
review
<Enter>
X
y
<Enter>
@dump
<Esc>
@dump
X
y
   <Enter>
@dump
moved away<Enter>
@dump
""")
    assert "A reason is needed (Esc: erase nothing). Why erase?" in text(s[0])
    assert "Erased" not in status(s[1]) and f"{n} people" in s[1][1]
    assert "A reason is needed" in text(s[2])
    assert "Erased" in status(s[3]) and f"{n - 1} people" in s[3][1]
    assert sqlite3.connect(db).execute(due).fetchone()[0] == n - 1


def test_q_on_a_top_screen_asks_before_quitting():
    db = fresh_demo("quit-asks.db")
    s = run(db, """
q
@dump
n
@dump
<Enter>
q
@dump
4
q
@dump
<Esc>
q
y
@dump
""")
    assert "Quit kith?" in text(s[0])
    assert "Quit kith?" not in text(s[1]) and "1 People" in s[1][0]
    # q in a detail goes back to the list, without asking
    assert "Quit kith?" not in text(s[2])
    assert "Quit kith?" in text(s[3])  # on every top screen
    assert len(s) == 4  # the yes ended kith before the last dump


def test_q_after_following_a_link_goes_back_without_asking():
    db = fresh_demo("quit-back.db")
    s = run(db, """
4
<Enter>
<Enter>
@dump
q
@dump
q
@dump
""")
    assert "1 People" in s[0][0]
    assert "4 Referrals" in s[1][0] and "Quit kith?" not in text(s[1])
    assert "Quit kith?" not in text(s[2])


if __name__ == "__main__":
    sys.exit(main("tui-mistakes", globals()))
