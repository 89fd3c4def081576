#!/usr/bin/python3
"""Round trips: every kind kith exports, in CSV and JSON, imports into an empty database as
the same records with the same ids, and into the database it came from as no change (the
audit trail saying so); exporting stays a coordinator's, and no one logged out gets anything.
Usage: test_roundtrip.py PATH-TO-KITH"""

import os
import sqlite3
import sys

import test_cli as cli_suite
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

# in the order they refer to each other: a referral needs its person and its places
KINDS = ("people", "assets", "groups", "referrals", "conversations", "activities", "wellbeing",
         "tags", "partnerships", "funding", "readiness", "memberships", "attendance", "gifts",
         "asset-tags", "stories", "story-people", "story-assets", "story-activities",
         "story-outcomes", "partners", "readiness-answers")
FORMATS = ("csv", "json")
TABLES = ("person", "asset", "referral", "conversation", "activity", "wellbeing", "tag", "story",
          "partnership", "funding", "readiness")
# what the database sets as it writes: when, by whom, its search index
UNCOMPARED = {"updated_at", "updated_by", "fts_rowid"}
# the join rows, by their two keys (when a join was made is not exported)
LINKS = {"membership": ("asset_id", "person_id"), "attendance": ("activity_id", "person_id"),
         "person_tag": ("person_id", "tag_id"), "asset_tag": ("asset_id", "tag_id"),
         "story_person": ("story_id", "person_id"), "story_asset": ("story_id", "asset_id"),
         "story_activity": ("story_id", "activity_id"), "story_outcome": ("story_id", "outcome"),
         "partner": ("partnership_id", "asset_id"),
         "readiness_answer": ("readiness_id", "question")}
ROOT = "tidal beacon orchard"
DEMO = None


def demo():
    """A small demo community with a restricted person among it."""
    global DEMO
    if DEMO:
        return DEMO
    DEMO = new_db("roundtrip-demo.db")
    ok(kith("demo", "--people", "60", "--assets", "14", "--referrals", "160", db=DEMO))
    zeph = ok(kith("person", "add", "--given-name", "Zephyrine", "--family-name", "Brackwater",
                   "--restricted", "yes", "--notes", "=fled in spring", db=DEMO,
                   login="wes")).out.strip()
    met_at_the_cafe(DEMO)
    ok(kith("story", "add", "--title", "Zephyrine's allotment", "--person", zeph, db=DEMO,
            login="wes"))
    return DEMO


def met_at_the_cafe(db):
    """A story with another person in it: the demo's stories are each one person's."""
    people = ok(kith("person", "list", "--limit", "2", "--json", db=db, login="cora")).json()
    sid = ok(kith("story", "add", "--title", "Met at the café", "--person", people[0]["id"],
                  "--consent-share", "yes", db=db, login="cora")).out.strip()
    ok(kith("story", "link", sid, "person", people[1]["id"], db=db, login="cora"))


def export(kind, fmt, db, login="cora"):
    out = os.path.join(SCRATCH, f"{os.path.basename(db)}-{kind}.{fmt}")
    if os.path.exists(out):
        os.remove(out)
    return kith("export", kind, "--format", fmt, "--out", out, db=db, login=login), out


def empty(name):
    """A new database with one admin, and the demo's workers as accounts (no password):
    who recorded a referral comes back where that worker is."""
    db = new_db(name)
    ok(kith("user", "add", "root", "--role", "admin", "--new-password-fd", "0", db=db,
            input=ROOT + "\n"))
    con = sqlite3.connect(db)
    con.execute("ATTACH ? AS demo", (demo(),))
    con.execute("INSERT INTO worker (id, username, display_name, role, created_at, updated_at)"
                " SELECT id, username || '-there', display_name, role, created_at, updated_at"
                " FROM demo.worker")
    con.commit()
    con.close()
    return db


def rows(db, table):
    con = sqlite3.connect(db)
    try:
        left = UNCOMPARED | {"created_at"} if table in LINKS else UNCOMPARED
        cols = [c[1] for c in con.execute(f"PRAGMA table_info({table})") if c[1] not in left]
        got = con.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE deleted_at IS NULL")
        # an empty text and none at all are the same to a reader
        key = (lambda r: r[:2]) if table in LINKS else (lambda r: r[0])
        return {key(r): dict(zip(cols, ("" if v is None else v for v in r))) for r in got}
    finally:
        con.close()


def everything(db):
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in TABLES + tuple(LINKS)}
    finally:
        con.close()


def test_every_export_imports_into_an_empty_database_as_the_same_records():
    for fmt in FORMATS:
        back = empty(f"roundtrip-empty-{fmt}.db")
        for kind in KINDS:
            r, path = export(kind, fmt, demo())
            ok(r)
            r = ok(kith("import", kind, path, db=back, login="root", password=ROOT))
            assert "refused" not in r.err and "left out" not in r.out, (kind, r.out)
        for table in TABLES + tuple(LINKS):
            want, got = rows(demo(), table), rows(back, table)
            assert set(want) == set(got), (fmt, table, len(want), len(got))
            for rid, record in want.items():
                assert got[rid] == record, (fmt, table, {
                    k: (v, got[rid][k]) for k, v in record.items() if got[rid][k] != v})
        zeph = rows(back, "person")
        assert any(p["given_name"] == "Zephyrine" and p["restricted"] == 1 and
                   p["notes"] == "=fled in spring" for p in zeph.values())


def test_an_export_imported_where_it_came_from_changes_nothing_and_the_audit_says_so():
    db = new_db("roundtrip-same.db")
    ok(kith("demo", "--people", "40", "--assets", "10", "--referrals", "120", db=db))
    met_at_the_cafe(db)
    for fmt in FORMATS:
        files = []
        for kind in KINDS:
            r, path = export(kind, fmt, db)
            files.append((kind, ok(r) and path))
        before = everything(db)
        for kind, path in files:
            r = ok(kith("import", kind, path, db=db, login="cora"))
            assert "0 added" in r.out and "here already (by id), left as they are" in r.out, \
                r.out
        assert everything(db) == before
        con = sqlite3.connect(db)
        said = [d for (d,) in con.execute("SELECT detail FROM audit WHERE action = 'import' "
                                          f"ORDER BY seq DESC LIMIT {len(KINDS)}")]
        con.close()
        assert all(": 0 added" in d and "here already" in d for d in said), said


def test_ids_win_over_names_and_a_name_serves_where_no_id_is():
    db = new_db("roundtrip-names.db")
    ok(kith("demo", "--people", "10", "--assets", "4", "--referrals", "0", db=db))
    people = ok(kith("person", "list", "--json", db=db, login="cora")).json()
    assets = ok(kith("asset", "list", "--json", db=db, login="cora")).json()
    a, b = people[0], people[1]
    # two people of one name: the id says which
    ok(kith("person", "edit", b["id"], "--given-name", a["given_name"], "--family-name",
            a["family_name"], db=db, login="cora"))
    name = f"{a['given_name']} {a['family_name']}"
    path = os.path.join(SCRATCH, "names.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("person_id,person_name,from_asset_id,from_asset_name,to_asset_id,to_asset_name,"
                "date\n")
        f.write(f"{b['id']},{name},{assets[0]['id']},,,{assets[1]['name']},2026-11-02\n")
    ok(kith("import", "referrals", path, db=db, login="cora"))
    got = ok(kith("referral", "list", "--json", db=db, login="cora")).json()
    assert [(g["person_id"], g["from_asset_id"], g["to_asset_id"]) for g in got] == \
        [(b["id"], assets[0]["id"], assets[1]["id"])]
    # a name alone that two people have is still refused, naming the column
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"person_name,from_asset_name,to_asset_name,date\n{name},{assets[0]['name']},"
                f"{assets[1]['name']},2026-11-03\n")
    r = kith("import", "referrals", path, db=db, login="cora")
    assert r.code != 0 and "more than one person matches" in r.err and "person_name" in r.err


def test_json_comes_in_with_its_values_as_they_are_and_a_broken_file_names_its_line():
    db = new_db("roundtrip-json.db")
    ok(kith("user", "add", "root", "--role", "admin", "--new-password-fd", "0", db=db,
            input=ROOT + "\n"))
    path = os.path.join(SCRATCH, "hand.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write('[{"given_name": "Ann", "notes": "\'=x \\u00e9\\ud83d\\ude00", "shoe": 9},\n'
                ' {"given_name": "Bo"\n  "family_name": "Ng"}]')
    r = kith("import", "people", path, db=db, login="root", password=ROOT)
    assert r.code != 0 and "line 3: a comma or } expected" in r.err, r.err
    with open(path, "w", encoding="utf-8") as f:
        f.write('[{"given_name": "Ann", "notes": "\'=x \\u00e9\\ud83d\\ude00", "shoe": 9}]')
    with open(path + ".one", "w", encoding="utf-8") as f:
        f.write('{"given_name": "Ann"}')
    r = kith("import", "people", path + ".one", db=db, login="root", password=ROOT)
    assert r.code != 0 and "line 1: a JSON export is an array of records" in r.err, r.err
    r = ok(kith("import", "people", path, db=db, login="root", password=ROOT))
    assert "1 added" in r.out and "no field of kith's): shoe" in r.out, r.out
    ann = ok(kith("person", "list", "--json", db=db, login="root", password=ROOT)).json()
    assert [p["notes"] for p in ann] == ["'=x \u00e9\U0001F600"]


def test_exporting_is_a_coordinators_and_no_one_logged_out_gets_anything():
    for kind in KINDS:
        for fmt in ("csv", "json"):
            r, path = export(kind, fmt, demo(), login="wes")
            assert r.code != 0 and "coordinator" in r.err and not os.path.exists(path), r.err
            r, path = export(kind, fmt, demo(), login=None)
            assert r.code != 0 and not os.path.exists(path), r.err
            assert "Zephyrine" not in r.out + r.err


def main():
    return run_suite("roundtrip", globals(), cli_suite.SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
