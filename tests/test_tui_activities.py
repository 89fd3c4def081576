#!/usr/bin/python3
"""Activities: the Activities screen (7) and its filters, recording who came to a drop-in a
few keys a person (and someone not in kith yet), correcting a role or an attendance, the
count of those not named, a person's activities on their detail, the worker responsible,
`kith activity attend|unattend|who`, the new columns and attendance through export and
import, and a restricted person kept out of all of it for a worker who may not see them.
Usage: test_tui_activities.py PATH-TO-KITH"""

import json
import os
import sqlite3
import subprocess
import sys

from tuikit import (ENV, KITH, PASSWORDS, SCRATCH, cli, count, fresh_demo, main, run, status,
                    text)

FIVE = [("Quenby", "Ashdown"), ("Quarrie", "Belton"), ("Quilla", "Corrin"),
        ("Quaid", "Dunmore"), ("Quorra", "Elwick")]


def drop_in(name):
    """A demo copy with a drop-in today at a venue typed (no host: its first link is a
    person) and five residents no one else in the demo is named like."""
    db = fresh_demo(name)
    act = cli(db, "activity", "add", "--name", "Tuesday Drop-in", "--kind", "drop_in",
              "--date", "today", "--venue", "St Anne's Hall").strip()
    for given, family in FIVE:
        cli(db, "person", "add", "--given-name", given, "--family-name", family)
    return db, act


def came(db, act):
    con = sqlite3.connect(db)
    try:
        return dict(con.execute(
            "SELECT p.given_name, a.role FROM attendance a JOIN person p ON p.id = a.person_id"
            " WHERE a.activity_id = ? AND a.deleted_at IS NULL", (act,)).fetchall())
    finally:
        con.close()


def test_recording_five_people_at_a_drop_in_takes_five_keys_each():
    """27 keys for five people: w, then each person's four letters and Enter, then Esc; and
    one Tab to have the rest come as volunteers."""
    db, act = drop_in("five.db")
    # w, then four letters and Enter a person (the third comes as a volunteer: Tab), Esc
    people = "quen<Enter>\nquar<Enter>\n<Tab>quil<Enter>\nquai<Enter>\nquor<Enter>\n"
    s = run(db, "7\n/tuesday<Enter>\nw\n" + people + "@dump\n<Esc>\n@dump\n")
    assert came(db, act) == {"Quenby": "attendee", "Quarrie": "attendee",
                             "Quilla": "volunteer", "Quaid": "volunteer",
                             "Quorra": "volunteer"}, came(db, act)
    # the picker stayed open for the next, in the role last chosen
    assert "Who came to Tuesday Drop-in? As volunteer" in text(s[0])
    assert "Quorra Elwick came as volunteer · 5 by name" in text(s[0]), text(s[0])
    assert "5 recorded as coming to Tuesday Drop-in" in status(s[1])
    assert "Who came: 5 by name, 0 not named, 5 in all" in text(s[1])
    assert "Quilla Corrin · volunteer" in text(s[1]) and "Quenby Ashdown · attendee" in text(s[1])
    # each is audited as a write
    assert count(db, "SELECT count(*) FROM audit WHERE entity = 'attendance' AND "
                     f"action = 'create' AND record_id = '{act}'") == 5


def test_someone_not_in_kith_is_added_from_the_picker_and_came():
    db, act = drop_in("newcomer.db")
    s = run(db, """
7
/tuesday<Enter>
w
Xanthe Newhaven<Enter>
@dump
likes singing
<C-s>
@dump
qua
<F2>
@dump
<Esc>
<Esc>
<Esc>
@dump
""")
    assert "New person, who came to Tuesday Drop-in" in text(s[0])
    assert "Xanthe" in text(s[0]) and "Newhaven" in text(s[0])
    # saved, they came, and the picker is open again for the next
    assert "Xanthe Newhaven came as attendee · 1 by name" in text(s[1]), text(s[1])
    assert "Who came to Tuesday Drop-in?" in text(s[1])
    # F2 adds someone though others match what was typed
    assert "New person, who came to Tuesday Drop-in" in text(s[2])
    assert came(db, act) == {"Xanthe": "attendee"}
    assert count(db, "SELECT count(*) FROM person WHERE family_name = 'Newhaven' AND "
                     "what_matters = 'likes singing'") == 1


def test_a_role_is_changed_an_attendance_taken_back_and_the_unnamed_counted():
    db, act = drop_in("correct.db")
    cli(db, "activity", "attend", act, "Quenby Ashdown")
    cli(db, "activity", "attend", act, "Quarrie Belton")
    s = run(db, """
7
/tuesday<Enter>
r
@dump
<Enter>
@dump
j
x
@dump
y
@dump
+
+
+
-
@dump
z
@dump
""")
    assert "Quenby Ashdown came to Tuesday Drop-in as" in text(s[0])
    assert "their role now" in text(s[0])
    assert "Quenby Ashdown came to Tuesday Drop-in as volunteer (was attendee)" in status(s[1])
    assert "Quenby Ashdown · volunteer" in text(s[1])
    assert "Quarrie Belton did not come to Tuesday Drop-in after all?" in text(s[2])
    assert "Quarrie Belton is no longer recorded as coming" in status(s[3])
    assert came(db, act) == {"Quenby": "volunteer"}
    assert "Who came: 1 by name, 2 not named, 3 in all" in text(s[4]), text(s[4])
    assert "Who came: 1 by name, 3 not named, 4 in all" in text(s[5]), text(s[5])
    assert count(db, f"SELECT unnamed FROM activity WHERE id = '{act}'") == 3
    assert count(db, "SELECT count(*) FROM audit WHERE entity = 'attendance' AND "
                     f"action = 'update' AND record_id = '{act}'") == 1
    # r with no one chosen says how
    s = run(db, "7\nr\n@dump\n")
    assert "Open the activity (Enter), choose a person with j and k, then r" in status(s[0])


def test_a_persons_activities_show_on_their_detail_and_lead_to_the_activity():
    db, act = drop_in("person.db")
    cli(db, "activity", "attend", act, "Quilla Corrin", "--role", "organiser")
    s = run(db, """
1
/quilla<Enter>
@dump
G
<Enter>
@dump
""")
    assert "Activities" in text(s[0])
    assert "22/11/2026 Tuesday Drop-in · organiser, drop in" in text(s[0]), text(s[0])
    assert "Who came: 1 by name" in text(s[1]) and "Quilla Corrin · organiser" in text(s[1])


def test_the_list_filters_by_kind_period_and_new_social_activities():
    db = fresh_demo("filters.db")
    s = run(db, """
7
@dump
f
new social
<Enter>
@dump
f
drop in
<Enter>
@dump
f
in the month: 2026-10
<Enter>
@dump
""")
    total = count(db, "SELECT count(*) FROM activity WHERE deleted_at IS NULL")
    new = count(db, "SELECT count(*) FROM activity WHERE new_activity = 1")
    drop = count(db, "SELECT count(*) FROM activity WHERE kind = 'drop_in'")
    october = count(db, "SELECT count(*) FROM activity WHERE date LIKE '2026-10-%'")
    assert new > 0 and drop > 0 and october > 0
    assert f"{total} activities" in s[0][1] and "Date" in s[0][2] and "Came" in s[0][2]
    assert "new social activities set up" in s[1][1] and f"{new} activities" in s[1][1]
    assert f"{drop} activities" in s[2][1], s[2][1]
    assert f"{october} activities" in s[3][1], s[3][1]
    # every kind the programmes run is in the demo
    assert count(db, "SELECT count(DISTINCT kind) FROM activity") == 11
    # a month a multi-agency meeting
    assert count(db, "SELECT count(DISTINCT substr(date, 1, 7)) FROM activity WHERE "
                     "kind = 'multi_agency_meeting' AND date <= '2026-11-22'") >= 23


def test_the_activity_form_asks_kind_venue_and_new_and_names_the_worker():
    db = fresh_demo("form.db")
    s = run(db, """
7
a
@dump
Knit and Natter launch<Tab>l<Tab><Tab>Millbrook Library<Tab><Tab><C-u>4<Tab>y
<C-s>
@dump
""", login="wes")
    assert "New activity" in text(s[0]) and "Wes Achterberg" in text(s[0])
    assert "Venue" in text(s[0]) and "New social activity" in text(s[0])
    con = sqlite3.connect(db)
    row = con.execute("SELECT a.kind, a.venue, a.unnamed, a.new_activity, w.username FROM "
                      "activity a JOIN worker w ON w.id = a.worker_id WHERE a.name = "
                      "'Knit and Natter launch'").fetchone()
    assert row == ("listening_event", "Millbrook Library", 4, 1, "wes"), (row, text(s[1]))


def kith_cli(db, *args, login="cora"):
    """The command line, for its exit status too (cli() asserts success)."""
    extra, fds = [], ()
    if login:
        r, w = os.pipe()
        os.write(w, (PASSWORDS[login] + "\n").encode())
        os.close(w)
        extra, fds = ["--user", login, "--password-fd", str(r)], (r,)
    try:
        return subprocess.run([KITH, "--db", db] + extra + list(args), capture_output=True,
                              text=True, env=ENV, timeout=60, pass_fds=fds)
    finally:
        for fd in fds:
            os.close(fd)


def test_the_command_line_records_who_came_in_a_role_and_takes_it_back():
    db, act = drop_in("cli.db")
    cli(db, "activity", "attend", "tuesday drop-in", "quenby", "--role", "organiser")
    cli(db, "activity", "attend", act, "quarrie belton")
    r = kith_cli(db, "activity", "attend", act, "quarrie belton")
    assert r.returncode == 1 and "already recorded as coming" in r.stderr, r.stderr
    cli(db, "activity", "attend", act, "quarrie belton", "--role", "volunteer")
    r = kith_cli(db, "activity", "attend", act, "quarrie belton", "--role", "dancer")
    assert r.returncode != 0 and "role" in r.stderr
    cli(db, "activity", "edit", act, "--unnamed", "7")
    who = json.loads(cli(db, "activity", "who", act, "--json"))
    assert (who["named"], who["unnamed"], who["came"]) == (2, 7, 9)
    assert [(p["name"], p["role"]) for p in who["people"]] == [
        ("Quenby Ashdown", "organiser"), ("Quarrie Belton", "volunteer")]
    out = cli(db, "activity", "who", act)
    assert "2 by name and 7 not named came to Tuesday Drop-in" in out
    cli(db, "activity", "unattend", act, "quenby")
    assert came(db, act) == {"Quarrie": "volunteer"}
    r = kith_cli(db, "activity", "unattend", act, "quenby")
    assert r.returncode == 1 and "not recorded as coming" in r.stderr


def test_the_worker_responsible_is_who_records_it_unless_a_coordinator_says_another():
    db = fresh_demo("worker.db")
    wes = cli(db, "activity", "add", "--name", "Litter pick", "--date", "today",
              login="wes").strip()
    assert count(db, "SELECT count(*) FROM activity a JOIN worker w ON w.id = a.worker_id "
                     f"WHERE a.id = '{wes}' AND w.username = 'wes'") == 1
    r = kith_cli(db, "activity", "add", "--name", "Street party", "--date", "today",
                 "--worker", "Cora Lindqvist", login="wes")
    assert r.returncode != 0 and "only a coordinator names another worker" in r.stderr
    r = kith_cli(db, "activity", "edit", wes, "--worker", "Cora Lindqvist", login="wes")
    assert r.returncode != 0 and "only a coordinator" in r.stderr
    cli(db, "activity", "edit", wes, "--worker", "Wes Achterberg", login="cora")
    cli(db, "activity", "edit", wes, "--worker", "Cora Lindqvist", login="cora")
    assert count(db, "SELECT count(*) FROM activity a JOIN worker w ON w.id = a.worker_id "
                     f"WHERE a.id = '{wes}' AND w.username = 'cora'") == 1


def test_the_new_columns_and_attendance_are_exported():
    """(test_roundtrip imports every column of every kind back, the demo's activities'
    venue, new social activity and worker among them)"""
    db, act = drop_in("export.db")
    cli(db, "activity", "edit", act, "--unnamed", "12", "--new-activity", "yes")
    cli(db, "activity", "attend", act, "quaid", "--role", "volunteer")
    out = os.path.join(SCRATCH, "activities.json")
    cli(db, "export", "activities", "--format", "json", "--out", out)
    rows = {r["id"]: r for r in json.load(open(out))}
    mine = rows[act]
    assert (mine["kind"], mine["venue"], mine["unnamed"], mine["new_activity"],
            mine["worker_name"]) == ("drop_in", "St Anne's Hall", 12, True, "Cora Lindqvist")
    csv_out = os.path.join(SCRATCH, "attendance.csv")
    cli(db, "export", "attendance", "--out", csv_out)
    text_csv = open(csv_out).read()
    assert "role" in text_csv.splitlines()[0] and "Quaid Dunmore" in text_csv


def test_a_worker_never_sees_a_restricted_person_at_an_activity():
    db, act = drop_in("restricted.db")
    cli(db, "user", "add", "wren", "--role", "worker", "--new-password-fd", "0",
        login="ada", input=PASSWORDS["wren"] + "\n")
    cli(db, "person", "add", "--given-name", "Safe", "--family-name", "Harbourside",
        "--restricted", "yes", login="wes")
    cli(db, "activity", "attend", act, "harbourside", "--role", "organiser", login="wes")
    cli(db, "activity", "attend", act, "quenby", login="wes")
    cli(db, "activity", "edit", act, "--unnamed", "3", login="wes")
    s = run(db, """
7
/tuesday
@dump
<Enter>
@dump
w
harbour
@dump
<Esc>
<Esc>
/harbour
@dump
""", login="wren")
    # the list's count, the detail, the picker and the search: as if they were not there
    row = [line for line in s[0] if "Tuesday Drop-in" in line][0]
    assert "1+3" in row and "2+3" not in row, row
    assert "Who came: 1 by name, 3 not named, 4 in all" in text(s[1]), text(s[1])
    assert "Harbourside" not in text(s[1]) and "Restricted" not in text(s[1])
    assert "Harbourside" not in text(s[2]) and "nothing matches" in text(s[2])
    assert "Harbourside" not in text(s[3])
    r = kith_cli(db, "activity", "who", act, "--json", login="wren")
    who = json.loads(r.stdout)
    assert who["named"] == 1 and "Harbourside" not in r.stdout
    # who recorded them, and a coordinator, see them
    s = run(db, "7\n/tuesday<Enter>\n@dump\n", login="wes")
    assert "Safe Harbourside · organiser" in text(s[0])
    who = json.loads(cli(db, "activity", "who", act, "--json", login="cora"))
    assert who["named"] == 2
    # logged out: nothing
    r = kith_cli(db, "activity", "who", act, login=None)
    assert r.returncode != 0 and "Harbourside" not in r.stdout and "Quenby" not in r.stdout
    r = kith_cli(db, "activity", "list", login=None)
    assert r.returncode != 0 and "Tuesday" not in r.stdout


def test_recording_a_drop_in_fits_80_by_24():
    db, act = drop_in("small.db")
    s = run(db, "7\n/tuesday<Enter>\nw\nquen<Enter>\n@dump\n<Esc>\n@dump\n",
            size="80x24", login="wes")
    assert "Who came to Tuesday Drop-in? As attendee (Tab)" in text(s[0])
    assert all(len(line) <= 80 for line in s[0])
    assert "Quenby Ashdown · attendee" in text(s[1])


if __name__ == "__main__":
    sys.exit(main("tui-activities", globals()))
