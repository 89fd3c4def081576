#!/usr/bin/python3
"""Imports of join rows (memberships, attendance, gifts, asset tags) write the rows
themselves rather than through the commands, one statement a line: what they leave is what
the commands leave, pair for pair (roles and dates and their defaults, tag words), audited
by the one row of the import rather than one a pair; a pair joined already is left as it is
unless a new role is given; a refused file names each bad line and column and writes
nothing; only a coordinator imports, and a coordinator joins a restricted person as they
would by hand; a laptop joined to a hub captures each row. Usage: test_import_links.py PATH-TO-KITH"""

import shutil
import sqlite3
import sys

import test_cli as cli_suite
from suite import run as run_suite
from test_cli import kith, new_db, ok
from test_import_fast import rows, write


def as_cora(*args, db, **kw):
    return kith(*args, db=db, login="cora", **kw)


def audit_rows(db):
    """The trail's rows but logins (each command logs in)."""
    return rows(db, "SELECT count(*) FROM audit WHERE action <> 'login'")[0][0]


BASE = None


def community():
    """A demo's accounts, and people, places, a group, an activity and tags of our own
    (made once, copied for each test)."""
    global BASE
    if BASE is None:
        BASE = new_db("links-base.db")
        ok(kith("demo", "--people", "10", "--assets", "4", "--referrals", "10", db=BASE))
        ok(as_cora("import", "people", write("lp.csv", "Name\nOttoline Frabb\nKemi Zadoc\n"
                                             "Sam Quenby\n"), db=BASE))
        ok(as_cora("import", "assets", write("la.csv", "Organisation,Type\n"
                                             "Quarry Lane Library,institution\n"), db=BASE))
        ok(as_cora("group", "add", "--name", "Zinnia Knitters", db=BASE))
        ok(as_cora("group", "add", "--name", "Quarry Lane Allotments", db=BASE))
        ok(as_cora("activity", "add", "--name", "Quarry Lane Walkabout", "--kind", "walkabout",
                   "--date", "2026-11-01", db=BASE))
        for kind, name in (("gift_hands", "bookbinding"), ("skill", "sail mending"),
                           ("topic", "quince jam")):
            ok(as_cora("tag", "add", "--kind", kind, "--name", name, db=BASE))
    return BASE


def copy(name):
    db = new_db(name)
    shutil.copyfile(community(), db)
    return db


FILES = {
    "memberships": "Group,Member,Role,Joined\n"
                   "Zinnia Knitters,Ottoline Frabb,volunteer,01/09/2026\n"
                   "Zinnia Knitters,Kemi Zadoc,,\n"
                   "Quarry Lane Allotments,sam quenby,organiser,2025-03-31\n",
    "attendance": "Activity,Person,Role\n"
                  "Quarry Lane Walkabout,Ottoline Frabb,\n"
                  "Quarry Lane Walkabout,Sam Quenby,volunteer\n",
    "gifts": "Person,Tag\nOttoline Frabb,bookbinding\nOttoline Frabb,sail mending\nKemi Zadoc,bookbinding\n",
    "asset-tags": "Asset,Tag\nQuarry Lane Library,quince jam\nZinnia Knitters,bookbinding\n",
}
# the same, as the commands a worker types
COMMANDS = [
    ("group", "join", "Zinnia Knitters", "Ottoline Frabb", "--role", "volunteer", "--since",
     "01/09/2026"),
    ("group", "join", "Zinnia Knitters", "Kemi Zadoc"),
    ("group", "join", "Quarry Lane Allotments", "sam quenby", "--role", "organiser", "--since",
     "2025-03-31"),
    ("activity", "attend", "Quarry Lane Walkabout", "Ottoline Frabb"),
    ("activity", "attend", "Quarry Lane Walkabout", "Sam Quenby", "--role", "volunteer"),
    ("person", "tag", "Ottoline Frabb", "gift_hands", "bookbinding"),
    ("person", "tag", "Ottoline Frabb", "skill", "sail mending"),
    ("person", "tag", "Kemi Zadoc", "gift_hands", "bookbinding"),
    ("asset", "tag", "Quarry Lane Library", "topic", "quince jam"),
    ("asset", "tag", "Zinnia Knitters", "gift_hands", "bookbinding"),
]
PAIRS = {
    "membership": "SELECT asset_id, person_id, role, since, deleted_at FROM membership",
    "attendance": "SELECT activity_id, person_id, role, deleted_at FROM attendance",
    "person_tag": "SELECT person_id, tag_id, deleted_at FROM person_tag",
    "asset_tag": "SELECT asset_id, tag_id, deleted_at FROM asset_tag",
    "tag words": "SELECT id, tag_words FROM person UNION ALL SELECT id, tag_words FROM asset",
}


def test_join_files_leave_what_the_commands_leave_audited_once_each():
    imported, typed = copy("links-imported.db"), copy("links-typed.db")
    for kind, text in FILES.items():
        before = audit_rows(imported)
        r = ok(as_cora("import", kind, write(f"l-{kind}.csv", text), db=imported))
        n = text.count("\n") - 1
        assert f": {n} added" in r.out, (kind, r.out)
        assert audit_rows(imported) == before + 1, kind  # the import's row, for them all
        detail = rows(imported, "SELECT action, entity, detail FROM audit ORDER BY seq DESC "
                                "LIMIT 1")[0]
        assert detail[:2] == ("import", kind) and f"{n} added" in detail[2], detail
    before = audit_rows(typed)
    for cmd in COMMANDS:
        ok(as_cora(*cmd, db=typed))
    assert audit_rows(typed) == before + len(COMMANDS)  # by hand: one a pair
    for what, sql in PAIRS.items():
        got, want = sorted(rows(imported, sql), key=str), sorted(rows(typed, sql), key=str)
        assert got == want, (what, got, want)
    # a role and a day not given are a member's, from today, as `group join` gives
    kemi = rows(imported, "SELECT m.role, m.since FROM membership m JOIN person p ON "
                          "p.id = m.person_id WHERE p.family_name = 'Zadoc'")
    assert kemi == [("member", "2026-11-22")], kemi
    found = ok(as_cora("person", "list", "--search", "sail", db=imported)).out
    assert "Ottoline" in found and "Frabb" in found, found  # her new skill in the index
    assert "as kith wrote them" in ok(kith("audit", "verify", db=imported, login="ada")).out


def test_a_pair_joined_already_is_left_unless_a_new_role_is_given():
    db = copy("links-again.db")
    ok(as_cora("import", "memberships", write("again.csv", FILES["memberships"]), db=db))
    stamp = rows(db, "SELECT updated_at FROM membership ORDER BY 1")
    r = ok(as_cora("import", "memberships", write("again.csv", FILES["memberships"]),
                   "--again", db=db))
    assert ": 0 added, 3 here already" in r.out, r.out
    assert rows(db, "SELECT updated_at FROM membership ORDER BY 1") == stamp
    text = FILES["memberships"].replace("Ottoline Frabb,volunteer", "Ottoline Frabb,champion")
    r = ok(as_cora("import", "memberships", write("again2.csv", text), db=db))
    assert ": 1 added, 2 here already" in r.out, r.out
    roles = rows(db, "SELECT p.given_name, m.role FROM membership m JOIN person p ON "
                     "p.id = m.person_id WHERE p.family_name IN ('Frabb', 'Zadoc', 'Quenby') "
                     "ORDER BY 1")
    assert roles == [("Kemi", "member"), ("Ottoline", "champion"), ("Sam", "organiser")], roles
    # attendance likewise: a role given anew is taken, none given leaves it
    ok(as_cora("import", "attendance", write("att.csv", FILES["attendance"]), db=db))
    r = ok(as_cora("import", "attendance", write("att2.csv", "Activity,Person,Role\n"
                                                 "Quarry Lane Walkabout,Ottoline Frabb,organiser\n"
                                                 "Quarry Lane Walkabout,Sam Quenby,\n"), db=db))
    assert ": 1 added, 1 here already" in r.out, r.out
    came = rows(db, "SELECT p.given_name, a.role FROM attendance a JOIN person p ON "
                    "p.id = a.person_id WHERE p.family_name IN ('Frabb', 'Quenby') ORDER BY 1")
    assert came == [("Ottoline", "organiser"), ("Sam", "volunteer")], came


def test_a_pair_that_was_undone_comes_back_as_joining_it_again_brings_it():
    imported, typed = copy("links-back.db"), copy("links-back-typed.db")
    for db in (imported, typed):
        ok(as_cora("group", "join", "Zinnia Knitters", "Kemi Zadoc", "--role", "organiser",
                   db=db))
        ok(as_cora("group", "leave", "Zinnia Knitters", "Kemi Zadoc", db=db))
        ok(as_cora("person", "tag", "Kemi Zadoc", "gift_hands", "bookbinding", db=db))
        ok(as_cora("person", "untag", "Kemi Zadoc", "bookbinding", db=db))
    r = ok(as_cora("import", "memberships", write("back.csv", "Group,Member,Role\n"
                                                  "Zinnia Knitters,Kemi Zadoc,volunteer\n"),
                   db=imported))
    assert ": 1 added" in r.out, r.out
    r = ok(as_cora("import", "gifts", write("back-gift.csv", "Person,Tag\n"
                                            "Kemi Zadoc,bookbinding\n"), db=imported))
    assert ": 1 added" in r.out, r.out
    ok(as_cora("group", "join", "Zinnia Knitters", "Kemi Zadoc", "--role", "volunteer",
               db=typed))
    ok(as_cora("person", "tag", "Kemi Zadoc", "gift_hands", "bookbinding", db=typed))
    for what in ("membership", "person_tag", "tag words"):
        got, want = rows(imported, PAIRS[what]), rows(typed, PAIRS[what])
        assert sorted(got, key=str) == sorted(want, key=str), (what, got, want)
    # one row a pair still: brought back, not added beside its tombstone
    assert rows(imported, "SELECT count(*) FROM membership m JOIN person p ON "
                          "p.id = m.person_id WHERE p.family_name = 'Zadoc'") == [(1,)]


def test_a_refused_join_file_names_each_bad_line_and_writes_nothing():
    db = copy("links-refused.db")
    before = {what: rows(db, sql) for what, sql in PAIRS.items()}
    trail = audit_rows(db)
    r = as_cora("import", "memberships", write("bad-m.csv", "Group,Member,Role,Joined\n"
                                               "Zinnia Knitters,Ottoline Frabb,volunteer,\n"
                                               "Zinnia Knitters,Kemi Zadoc,captain,\n"
                                               "Zinnia Knitters,Nobody Here,,\n"
                                               "Quarry Lane Allotments,Sam Quenby,,31/02/2026\n"),
                db=db)
    assert r.code == 1 and "nothing was imported: 3 lines were refused" in r.err, r.err
    assert 'line 3, "Role"' in r.err and "'captain' is not member, organiser" in r.err, r.err
    assert 'line 4, "Member"' in r.err and "Nobody Here" in r.err, r.err
    assert 'line 5, "Joined"' in r.err, r.err
    r = as_cora("import", "attendance", write("bad-a.csv", "Activity,Person,Role\n"
                                              "Quarry Lane Walkabout,Ottoline Frabb,host\n"), db=db)
    assert r.code == 1 and 'line 2, "Role"' in r.err and "not attendee" in r.err, r.err
    r = as_cora("import", "gifts", write("bad-g.csv", "Person,Tag\nOttoline Frabb,bookbinding\n"
                                         "Ottoline Frabb,juggling\n"), db=db)
    assert r.code == 1 and 'line 3, "Tag"' in r.err and "juggling" in r.err, r.err
    assert {what: rows(db, sql) for what, sql in PAIRS.items()} == before
    assert audit_rows(db) == trail


def test_only_a_coordinator_imports_joins_and_joins_a_restricted_person():
    db = copy("links-restricted.db")
    zeph = ok(kith("person", "add", "--given-name", "Zephyrine", "--family-name",
                   "Brackwater", "--restricted", "yes", db=db, login="wes")).out.strip()
    path = write("r-m.csv", f"Group,Member\nZinnia Knitters,{zeph}\n")
    before = rows(db, PAIRS["membership"])
    r = kith("import", "memberships", path, db=db, login="wes")
    assert r.code != 0 and "needs a coordinator's account" in r.err, r.err
    r = kith("import", "memberships", path, db=db)
    assert r.code != 0 and "has accounts: give --user" in r.err, r.err
    assert rows(db, PAIRS["membership"]) == before
    # a coordinator sees everyone, and joins them as `group join` would
    r = ok(as_cora("import", "memberships", path, db=db))
    assert ": 1 added" in r.out, r.out
    assert rows(db, "SELECT role FROM membership WHERE person_id = ?", zeph) == [("member",)]


def test_a_laptop_joined_to_a_hub_captures_every_row_an_import_adds():
    """An import sets the capture triggers of what it adds aside while the laptop has joined
    no hub (they would record nothing); a joined laptop keeps them."""
    triggers = "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"
    for joined in (0, 1):
        db = copy(f"links-capture-{joined}.db")
        con = sqlite3.connect(db)
        con.execute("UPDATE sync_state SET joined = ?", (joined,))
        con.commit()
        con.close()
        before = rows(db, triggers)
        for kind, text in FILES.items():
            ok(as_cora("import", kind, write(f"c-{kind}.csv", text), db=db))
        ok(as_cora("import", "conversations", write("c-conv.csv", "Person,Date,Notes\n"
                                                    "Ottoline Frabb,2026-10-01,met\n"), db=db))
        captured = dict(rows(db, "SELECT tbl, count(*) FROM sync_outbox WHERE cols IS NULL "
                                 "GROUP BY tbl"))
        assert rows(db, triggers) == before, joined
        if not joined:
            assert captured == {}, captured
            continue
        for table, n in (("membership", 3), ("attendance", 2), ("person_tag", 3),
                         ("asset_tag", 2), ("conversation", 1)):
            assert captured.get(table) == n, (table, captured)


def main():
    return run_suite("import-links", globals(), cli_suite.SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
