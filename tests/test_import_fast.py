#!/usr/bin/python3
"""An import sets aside the triggers of what it adds and does their work once (the search
index of new people and places, their tag words, the network's stamp and flows, people's
review dates): what it leaves is what the rows added one by one leave. A community exported
kind by kind and imported into a new file is the community it came from; new contacts give
the review dates `conversation add` and `wellbeing add` give; a refused file leaves every
trigger as it was.
Usage: test_import_fast.py PATH-TO-KITH"""

import csv
import json
import os
import shutil
import sqlite3
import sys

import test_cli as cli_suite
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

PW = "quiet harbour lantern"  # the demo's admin, ada
WES_PW = "copper fern window"  # the demo's worker
ORDER = ["people", "assets", "groups", "tags", "conversations", "activities", "wellbeing",
         "memberships", "attendance", "gifts", "asset-tags", "referrals"]


def as_ada(*args, db, **kw):
    return kith(*args, db=db, login="ada", password=PW, **kw)


def rows(db, sql, *args):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def write(name, text):
    path = os.path.join(SCRATCH, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def index_holds(db):
    """FTS5's own check that each search index is its content's, word for word."""
    con = sqlite3.connect(db)
    try:
        for fts in ("person_fts", "asset_fts"):
            con.execute(f"INSERT INTO {fts} ({fts}) VALUES ('integrity-check')")
    finally:
        con.close()


def triggers(db):
    return sorted(rows(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"))


def found(db, kind, words):
    """What `kith KIND list --search` finds for each word, by id."""
    got = {}
    for w in words:
        r = ok(as_ada(kind, "list", "--search", w, "--json", db=db))
        got[w] = sorted(x["id"] for x in json.loads(r.out))
    return got


def moved(src, to):
    """src's records exported kind by kind and imported into a new file, in turn."""
    ok(kith("user", "add", "ada", "--role", "admin", "--name", "Ada", "--new-password-fd",
            "0", db=to, input=PW + "\n"))
    for kind in ORDER:
        path = os.path.join(SCRATCH, f"moved-{kind}.csv")
        ok(as_ada("export", kind, "--format", "csv", "--out", path, "--force", db=src))
        if kind == "activities":  # the workers responsible are the old laptop's accounts
            with open(path, encoding="utf-8", newline="") as f:
                table = list(csv.DictReader(f))
            with open(path, "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, list(table[0]) if table else ["name"])
                w.writeheader()
                w.writerows(dict(r, worker_id="", worker_name="") if "worker_id" in r else r
                            for r in table)
        if kind == "assets":  # groups come on their own file
            with open(path, encoding="utf-8", newline="") as f:
                lines = f.read().split("\r\n")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write("\r\n".join(x for x in lines if ",association," not in x))
        r = as_ada("import", kind, path, db=to)
        assert r.code == 0, (kind, r.err)


def test_a_community_moved_kind_by_kind_is_the_community_it_came_from():
    src, to = new_db("fast-source.db"), new_db("fast-moved.db")
    ok(kith("demo", "--people", "60", "--assets", "20", "--referrals", "200", db=src))
    moved(src, to)
    sealed = (rows(to, "SELECT seq FROM audit_seal"), rows(to, "SELECT max(seq) FROM audit"))
    index_holds(to)
    assert triggers(to) == triggers(src), "a trigger set aside was not put back"
    person = "SELECT id, tag_words, review_date FROM person ORDER BY id"
    assert rows(to, person) == rows(src, person), "tag words or review dates differ"
    assert rows(to, "SELECT id, tag_words FROM asset ORDER BY id") == \
        rows(src, "SELECT id, tag_words FROM asset ORDER BY id")
    flow = ("SELECT r.month, f.id, t.id, r.n FROM referral_flow r JOIN asset f ON "
            "f.fts_rowid = r.from_rowid JOIN asset t ON t.fts_rowid = r.to_rowid ORDER BY 1, 2, 3")
    assert rows(to, flow) == rows(src, flow), "the monthly flow differs"
    words = [w for (n,) in rows(src, "SELECT family_name FROM person WHERE family_name <> '' "
                                     "ORDER BY id LIMIT 6") for w in (n, n[:3])]
    words += [n for (n,) in rows(src, "SELECT name FROM tag ORDER BY id LIMIT 4")]
    assert found(to, "person", words) == found(src, "person", words), "search differs"
    places = [n.split()[0] for (n,) in rows(src, "SELECT name FROM asset ORDER BY id LIMIT 6")]
    assert found(to, "asset", places) == found(src, "asset", places)
    # the network's stamp moved once a place and a referral, as the triggers move it
    places_and_referrals = rows(to, "SELECT (SELECT count(*) FROM asset) + "
                                    "(SELECT count(*) FROM referral)")[0][0]
    assert rows(to, "SELECT n FROM network_stamp")[0][0] == places_and_referrals
    # the seal at the trail's last row, though a bulk write seals it once, and the trail holds
    assert sealed[0] == sealed[1], sealed
    assert "as kith wrote them" in ok(as_ada("audit", "verify", db=to)).out


def community(name):
    """A few people and places, a retention of 119 months (a contact on 31 March is reviewed
    on 2 March ten years on, one on 1 April on 1 March), and one person with no review date."""
    db = new_db(name)
    ok(kith("user", "add", "ada", "--role", "admin", "--name", "Ada", "--new-password-fd",
            "0", db=db, input=PW + "\n"))
    ok(as_ada("import", "people", write("c-people.csv", "Name\nAmina Yusuf\nKemi Adebayo\n"
                                        "Sam Lee\nZoë Clarke\n"), db=db))
    ok(as_ada("import", "assets", write("c-assets.csv", "Organisation,Type\n"
                                        "Northgate Library,institution\n"), db=db))
    ok(as_ada("setting", "set", "retention_months", "119", db=db))
    return db


CONTACTS = [("Kemi Adebayo", "2026-03-31"), ("Kemi Adebayo", "2026-04-01"),
            ("Amina Yusuf", "2026-01-31"), ("Sam Lee", "2025-02-28"),
            ("Amina Yusuf", "2025-12-01")]


def test_new_contacts_move_review_dates_as_adding_them_does():
    for kind, header, extra, add in (
            ("conversations", "Person,Date,Notes\n", ",met\n", ["--notes", "met"]),
            ("wellbeing", "Person,Date,Stage,Life satisfaction\n", ",baseline,5\n",
             ["--stage", "baseline", "--life-satisfaction", "5"])):
        db = community(f"contacts-{kind}.db")
        imported, added = new_db(f"imported-{kind}.db"), new_db(f"added-{kind}.db")
        shutil.copyfile(db, imported)
        shutil.copyfile(db, added)
        text = header + "".join(f"{p},{d}{extra}" for p, d in CONTACTS)
        ok(as_ada("import", kind, write(f"new-{kind}.csv", text), db=imported))
        for p, d in CONTACTS:
            ok(as_ada(kind.rstrip("s") if kind != "wellbeing" else kind, "add", "--person", p,
                      "--date", d, *add, db=added))
        review = "SELECT id, review_date FROM person ORDER BY id"
        assert rows(imported, review) == rows(added, review), kind
        kemi = rows(imported, "SELECT review_date FROM person WHERE given_name = 'Kemi'")[0][0]
        assert kemi == "2036-03-02", kemi  # the latest of each contact's date, not the last's
        assert triggers(imported) == triggers(db)


def test_contacts_with_hundreds_of_people_move_review_dates_as_the_trigger_does():
    """Past a few hundred people named, the import reads every review date at once and
    remembers each date's due date: the dates are still those the trigger gives, row by row
    (here the trigger itself, on a copy, is the oracle), the end of a month and a person with
    none among them."""
    db = new_db("many-contacts.db")
    ok(kith("demo", "--people", "400", "--assets", "20", "--referrals", "20", db=db))
    con = sqlite3.connect(db)
    people = [r[0] for r in con.execute("SELECT id FROM person WHERE deleted_at IS NULL "
                                        "ORDER BY id")]
    con.execute("UPDATE person SET review_date = NULL WHERE id IN (?, ?)", people[:2])
    con.execute("UPDATE person SET review_date = '2099-01-01' WHERE id = ?", (people[2],))
    con.commit()
    con.close()
    days = ["2026-01-31", "2024-02-29", "2025-12-31", "2026-03-01", "2023-08-31"]
    lines = [(people[i % len(people)], days[i % len(days)]) for i in range(2 * len(people))]
    oracle = new_db("many-contacts-oracle.db")
    shutil.copyfile(db, oracle)
    con = sqlite3.connect(oracle)
    for i, (p, d) in enumerate(lines):  # the trigger at work, a row at a time
        con.execute("INSERT INTO conversation (id, person_id, date, created_at, updated_at) "
                    "VALUES (?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                    (f"00000000-0000-4000-8000-{i:012d}", p, d))
    con.commit()
    con.close()
    text = "person_id,date\n" + "".join(f"{p},{d}\n" for p, d in lines)
    r = ok(as_ada("import", "conversations", write("many.csv", text), db=db))
    assert f"{len(lines)} added" in r.out, r.out
    review = "SELECT id, review_date FROM person ORDER BY id"
    assert rows(db, review) == rows(oracle, review)
    assert rows(db, "SELECT review_date FROM person WHERE id = ?", people[2]) == \
        [("2099-01-01",)]
    assert triggers(db) == triggers(oracle)


def test_a_long_file_refuses_whom_a_short_one_refuses():
    """A file of hundreds of lines reads every live person at its start and answers the lookups
    of their ids from that: someone deleted and an id nobody has are still refused on their
    lines as a file of that one line refuses them, and nothing goes in. A worker, who may
    import nothing, is refused the long file as the short one, whoever it names."""
    db = new_db("long-refusals.db")
    ok(kith("demo", "--people", "300", "--assets", "20", "--referrals", "20", db=db))
    con = sqlite3.connect(db)
    people = [r[0] for r in con.execute("SELECT id FROM person WHERE deleted_at IS NULL "
                                        "ORDER BY id")]
    con.close()
    gone, nobody = people.pop(), "0badc0de-0000-4000-8000-000000000000"
    ok(as_ada("person", "delete", gone, db=db))
    before = rows(db, "SELECT count(*) FROM wellbeing")
    head = "person_id,date,life_satisfaction\n"
    good = "".join(f"{p},2026-03-0{1 + i % 9},7\n" for i, p in enumerate(people))
    for who in (gone, nobody):
        alone = as_ada("import", "wellbeing", write("alone.csv", f"{head}{who},2026-03-01,7\n"),
                       db=db)
        many = as_ada("import", "wellbeing",
                      write("many.csv", f"{head}{who},2026-03-01,7\n{good}"), db=db)
        assert alone.code != 0 and many.code != 0, (alone.out, many.out)
        assert "line 2," in alone.err and "1 line was refused" in many.err, many.err
        assert alone.err.split("line 2,")[1] in many.err, (alone.err, many.err)
    worker = kith("import", "wellbeing", write("many.csv", head + good), db=db, login="wes",
                  password=WES_PW)
    assert worker.code != 0 and "needs a coordinator's account" in worker.err, worker.err
    assert rows(db, "SELECT count(*) FROM wellbeing") == before


def test_new_people_get_the_consent_event_and_review_date_adding_them_gives():
    imported, added = community("people-imported.db"), community("people-added.db")
    people = [("Rosa", "Quince", "given", "consent", "2026-02-01"),
              ("Tam", "Quince", "refused", "", "2025-12-31"),
              ("Uma", "Quince", "not_asked", "", ""),
              ("Vik", "Quince", "given", "legitimate_interests", "2024-02-29")]
    text = "given_name,family_name,consent_status,consent_basis,consent_date\n" + "".join(
        ",".join(p) + "\n" for p in people)
    ok(as_ada("import", "people", write("consent-people.csv", text), db=imported))
    for given, family, status, basis, day in people:
        args = ["--given-name", given, "--family-name", family, "--consent-status", status]
        args += ["--consent-basis", basis] if basis else []
        args += ["--consent-date", day] if day else []
        ok(as_ada("person", "add", *args, db=added))
    person = ("SELECT given_name, review_date, consent_status FROM person "
              "WHERE family_name = 'Quince' ORDER BY 1")
    assert rows(imported, person) == rows(added, person)
    assert all(r[1] for r in rows(imported, person)), "a new person without a review date"
    events = ("SELECT p.given_name, e.status, e.basis, e.date, length(e.id) FROM "
              "consent_event e JOIN person p ON p.id = e.person_id "
              "WHERE p.family_name = 'Quince' ORDER BY 1")
    got = rows(imported, events)
    assert got == rows(added, events) and len(got) == 3, got
    assert triggers(imported) == triggers(added)
    index_holds(imported)


def test_an_id_twice_in_a_file_for_an_empty_table_is_here_already_the_second_time():
    """Into a table that held nothing, the ids the import added are the only ones an id of
    the file can find: a line repeated is here already, as in a table that held rows."""
    db = community("twice.db")
    person = rows(db, "SELECT id FROM person ORDER BY id LIMIT 1")[0][0]
    line = f"5f0c6d8e-2b1a-4c3d-9e8f-0a1b2c3d4e5f,{person},2026-01-02,met\n"
    text = "id,person_id,date,notes\n" + line + \
        f"6a1d7e9f-3c2b-4d4e-8f9a-1b2c3d4e5f60,{person},2026-01-03,again\n" + line
    r = ok(as_ada("import", "conversations", write("twice.csv", text), db=db))
    assert ": 2 added, 1 here already" in r.out, r.out
    r = ok(as_ada("import", "conversations", write("twice.csv", text), "--again", db=db))
    assert ": 0 added, 3 here already" in r.out, r.out
    assert rows(db, "SELECT count(*) FROM conversation") == [(2,)]


def test_records_coming_back_leave_review_dates_and_one_with_none_gets_one():
    db = community("back.db")
    back = new_db("back-again.db")  # the same people, before the conversations
    shutil.copyfile(db, back)
    for p, d in (("Sam Lee", "2026-05-01"), ("Zoë Clarke", "2026-06-01"),
                 ("Zoë Clarke", "2026-09-01"), ("Zoë Clarke", "2026-03-01")):
        ok(as_ada("conversation", "add", "--person", p, "--date", d, db=db))
    path = os.path.join(SCRATCH, "back.csv")
    ok(as_ada("export", "conversations", "--format", "csv", "--out", path, "--force", db=db))
    con = sqlite3.connect(back)
    con.execute("UPDATE person SET review_date = '2030-01-01' WHERE given_name = 'Sam'")
    con.execute("UPDATE person SET review_date = NULL WHERE given_name = 'Zoë'")
    con.commit()
    con.close()
    with open(path, encoding="utf-8") as f:
        zoe_first = next(line for line in f if "Zoë" in line).split(",")[3]
    ok(as_ada("import", "conversations", path, db=back))
    sam = rows(back, "SELECT review_date FROM person WHERE given_name = 'Sam'")[0][0]
    zoe = rows(back, "SELECT review_date FROM person WHERE given_name = 'Zoë'")[0][0]
    assert sam == "2030-01-01", sam  # as it was, though a later contact came back
    # none was there: the first of hers in the file gives it, as one line at a time does
    due = rows(back, "SELECT date(?, '+119 months')", zoe_first)[0][0]
    assert zoe == due, (zoe, due)
    assert triggers(back) == triggers(db)


def test_a_refused_file_leaves_every_trigger_and_the_index_as_they_were():
    db = new_db("refused.db")
    ok(kith("demo", "--people", "20", "--assets", "8", "--referrals", "20", db=db))
    before = triggers(db)
    person = rows(db, "SELECT id FROM person ORDER BY id LIMIT 1")[0][0]
    for kind, text in (
            ("people", "Name,Email\nNew Person,new@example.org\nBad Email,not-an-email\n"),
            ("assets", "Organisation,Type\nNew Hall,institution\nOdd Place,not-a-type\n"),
            ("gifts", f"person_id,tag_name\n{person},Baking\nnobody-here,Baking\n"),
            ("conversations", f"Person,Date\n{person},2026-01-01\n{person},not-a-date\n"),
            ("referrals", f"Person,From,To,Date\n{person},x,y,2026-01-01\n")):
        stamp = rows(db, "SELECT n FROM network_stamp")
        r = as_ada("import", kind, write(f"refused-{kind}.csv", text), db=db)
        assert r.code == 1 and "nothing was imported" in r.err, (kind, r.err)
        assert triggers(db) == before, kind
        assert rows(db, "SELECT n FROM network_stamp") == stamp, kind
        index_holds(db)
    # and a dry run, which rolls back what it did
    r = ok(as_ada("import", "people", write("dry.csv", "Name\nDry Run\n"), "--dry-run", db=db))
    assert "1 would be added" in r.out and triggers(db) == before
    index_holds(db)
    assert "Dry" not in ok(as_ada("person", "list", "--search", "Dry", db=db)).out


def test_an_open_referral_package_is_searchable_as_it_comes_in():
    from test_data import as_cora, fresh
    from test_hsds_in import SERVICE, package
    db = fresh("hsds-fast.db")
    before, stamp = triggers(db), rows(db, "SELECT n FROM network_stamp")[0][0]
    places = rows(db, "SELECT count(*) FROM asset")[0][0]
    r = ok(as_cora("import", "hsds", package("fast-hsds"), db=db))
    assert "1 added" in r.out, r.out
    index_holds(db)
    assert "Community Counselling" in ok(as_cora("asset", "list", "--search", "counsel",
                                                 db=db)).out
    assert rows(db, "SELECT hsds_id FROM asset WHERE name = 'Community Counselling'") == \
        [(SERVICE,)]
    assert rows(db, "SELECT n FROM network_stamp")[0][0] == \
        stamp + rows(db, "SELECT count(*) FROM asset")[0][0] - places
    assert triggers(db) == before


def main():
    return run_suite("import-fast", globals(), cli_suite.SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
