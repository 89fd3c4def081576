#!/usr/bin/python3
"""Importing many records at once gives what importing them one line at a time gives: the
same referrals, the same monthly flows, network stamp and review dates, the same refusal for
each bad line, and still nothing at all when any line is refused (an import looks each name up
once and does its triggers' work once at the end, which must change nothing of this).
Usage: test_import_bulk.py PATH-TO-KITH"""

import collections
import csv
import os
import shutil
import sqlite3
import sys

import test_cli as cli_suite
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

PW = "river lantern oatmeal"
HEADER = "Person,From,To,Kind,Date,Status,Follow up,Reason\n"
MANY = 20  # people named in a file: enough that an import reads every name at once


def as_cora(*args, db, **kw):
    return kith(*args, db=db, login="cora", password=PW, **kw)


def write(name, text):
    path = os.path.join(SCRATCH, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def rows(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def community(name):
    """People (two of one name, one deleted), places, and a retention of 119 months, so
    that a referral made on 31 March is reviewed later (2 March, ten years on: February has
    no 31st) than one made on 1 April (1 March)."""
    db = new_db(name)
    ok(kith("user", "add", "cora", "--role", "admin", "--new-password-fd", "0", db=db,
            input=PW + "\n"))
    many = "".join(f"Neighbour{n} Test\n" for n in range(MANY))
    ok(as_cora("import", "people", write("people.csv", "Name\nAmina Yusuf\nKemi Adebayo\n"
                                         "Sam Lee\nSam Lee\nGone Away\nZoë Clarke\n" + many),
               "--keep-duplicates", db=db))
    ok(as_cora("import", "assets", write("assets.csv", "Organisation,Type\n"
                                         "Northgate Library,institution\n"
                                         "Knit and Natter,association\n"
                                         "Men's Shed,association\n"), db=db))
    gone = rows(db, "SELECT id FROM person WHERE given_name = 'Gone'")[0][0]
    ok(as_cora("person", "delete", gone, db=db))
    ok(as_cora("setting", "set", "retention_months", "119", db=db))
    ok(as_cora("referral", "add", "--person", "Kemi Adebayo", "--from-asset", "Men's Shed",
               "--to-asset", "Northgate Library", "--date", "2026-01-15", db=db))
    return db, gone


def good_lines(db):
    amina = rows(db, "SELECT id FROM person WHERE given_name = 'Amina'")[0][0]
    library = rows(db, "SELECT id FROM asset WHERE name = 'Northgate Library'")[0][0]
    return [
        "Amina Yusuf,Northgate Library,Knit and Natter,referral,2026-01-31,made,,Lonely\n",
        f"{amina},{library},Men's Shed,signpost,2026-02-01,attended,,\n",
        f"yusuf amina,{library[:8]},knit and natter,introduction,31/03/2026,contacted,"
        "2026-04-30,\n",
        "Kemi Adebayo,Knit and Natter,Northgate Library,referral,2026-03-31,closed,,\"a, b\"\n",
        "KEMI ADEBAYO,Men's Shed,Knit and Natter,,2026-04-01,,,\n",
        # NOCASE folds only ASCII: the whole name does not match, its words do
        "ZOË CLARKE,Men's Shed,Knit and Natter,,2026-04-01,,,\n",
    ] + [f"neighbour{n} test,Men's Shed,Knit and Natter,,2026-04-01,,,\n" for n in range(MANY)]


def snapshot(db):
    return {
        "referrals": collections.Counter(rows(
            db, "SELECT person_id, from_asset_id, to_asset_id, worker_id, kind, date, reason, "
                "status, status_date, follow_up_date, notes, updated_by, deleted_at "
                "FROM referral")),
        "flow": sorted(rows(db, "SELECT * FROM referral_flow")),
        "stamp": rows(db, "SELECT n FROM network_stamp"),
        "people": sorted(rows(db, "SELECT id, review_date, updated_at FROM person")),
        "triggers": sorted(rows(db, "SELECT name, sql FROM sqlite_schema WHERE type = "
                                    "'trigger' AND tbl_name = 'referral'")),
    }


def test_a_file_gives_what_its_lines_give_one_at_a_time():
    db, _ = community("lines.db")
    lines = good_lines(db) * 40  # the same names on many lines, as a real file has them
    whole, one_by_one = new_db("whole.db"), new_db("one-by-one.db")
    shutil.copyfile(db, whole)
    shutil.copyfile(db, one_by_one)
    r = ok(as_cora("import", "referrals", write("all.csv", HEADER + "".join(lines)),
                   db=whole))
    assert f"{len(lines)} added" in r.out, r.out
    # each line once by itself, then the counts compared forty times over
    for i, line in enumerate(good_lines(db)):
        ok(as_cora("import", "referrals", write(f"line-{i}.csv", HEADER + line), db=one_by_one))
    got, alone = snapshot(whole), snapshot(one_by_one)
    once = alone["referrals"]
    before = snapshot(db)["referrals"]
    assert got["referrals"] == before + collections.Counter(
        {k: v * 40 for k, v in (once - before).items()}), "the referrals differ"
    assert got["triggers"] == alone["triggers"] and len(got["triggers"]) >= 3
    assert got["people"] == alone["people"], "review dates differ"
    # the flow and stamp as the triggers keep them: a sum per month and pair, one move a row
    flow = collections.Counter()
    for month, a, b, n in rows(one_by_one, "SELECT * FROM referral_flow"):
        flow[(month, a, b)] += n
    for month, a, b, n in rows(db, "SELECT * FROM referral_flow"):
        flow[(month, a, b)] -= n
    expect = {k: v * 40 for k, v in flow.items()}
    for month, a, b, n in rows(db, "SELECT * FROM referral_flow"):
        expect[(month, a, b)] = expect.get((month, a, b), 0) + n
    assert got["flow"] == sorted((m, a, b, n) for (m, a, b), n in expect.items() if n), \
        "the flow differs"
    stamp0 = snapshot(db)["stamp"][0][0]
    assert got["stamp"][0][0] - stamp0 == len(lines)
    # the latest of each referral's own review date, not the review date of the latest
    kemi = rows(whole, "SELECT review_date FROM person WHERE given_name = 'Kemi'")[0][0]
    assert kemi == "2036-03-02", kemi
    # the triggers are back: a referral added by hand is counted in the flow
    ok(as_cora("referral", "add", "--person", "Amina Yusuf", "--from-asset", "Men's Shed",
               "--to-asset", "Knit and Natter", "--date", "2026-06-10", db=whole))
    assert rows(whole, "SELECT sum(n) FROM referral_flow")[0][0] == \
        rows(whole, "SELECT count(*) FROM referral")[0][0]


def test_the_bulk_work_is_what_the_triggers_do():
    """The flow, the network's stamp and review dates an import sets once at the end are
    what the triggers set for the same referrals added one by one with `referral add`."""
    db, _ = community("triggers.db")
    imported, added = new_db("imported.db"), new_db("added.db")
    shutil.copyfile(db, imported)
    shutil.copyfile(db, added)
    lines = good_lines(db)
    ok(as_cora("import", "referrals", write("bulk.csv", HEADER + "".join(lines)), db=imported))
    options = ["--person", "--from-asset", "--to-asset", "--kind", "--date", "--status",
               "--follow-up-date", "--reason"]
    for line in csv.reader(lines):
        args = [a for o, v in zip(options, line) if v for a in (o, v)]
        ok(as_cora("referral", "add", *args, db=added))
    got, want = snapshot(imported), snapshot(added)
    assert got["flow"] == want["flow"], "the flow differs"
    assert got["stamp"] == want["stamp"], "the network's stamp differs"
    review = "SELECT id, review_date FROM person ORDER BY id"
    assert rows(imported, review) == rows(added, review), "review dates differ"


def refusals(r):
    return [line.strip() for line in r.err.splitlines() if line.startswith("  line ")]


def test_every_bad_line_is_refused_as_it_would_be_alone_and_nothing_goes_in():
    db, gone = community("bad-lines.db")
    bad = ["Sam Lee,Northgate Library,Men's Shed,,2026-02-01,,,\n",
           f"{gone},Northgate Library,Men's Shed,,2026-02-01,,,\n",
           "Nobody Here,Northgate Library,Men's Shed,,2026-02-01,,,\n",
           "Amina Yusuf,Nowhere Hall,Men's Shed,,2026-02-01,,,\n"]
    alone = []
    for i, line in enumerate(bad):
        r = as_cora("import", "referrals", write(f"bad-{i}.csv", HEADER + line), db=db)
        assert r.code == 1 and len(refusals(r)) == 1, r.err
        alone.append(refusals(r)[0].split(", ", 1)[1])  # without its line number
    before = snapshot(db)
    good = len(good_lines(db))
    lines = (good_lines(db) + bad) * 3
    r = as_cora("import", "referrals", write("mixed.csv", HEADER + "".join(lines)), db=db)
    assert r.code == 1 and f"{len(bad) * 3} lines were refused" in r.err, r.err
    expect = [f"line {n + 2}, {alone[n % (good + 4) - good]}" for n in range(len(lines))
              if n % (good + 4) >= good]
    assert refusals(r) == expect, (refusals(r), expect)
    assert snapshot(db) == before
    # one bad line at the very end of a long file: still nothing at all
    long = good_lines(db) * 40 + [bad[2]]
    r = as_cora("import", "referrals", write("long.csv", HEADER + "".join(long)), db=db)
    assert r.code == 1 and refusals(r) == [f"line {len(long) + 1}, {alone[2]}"], r.err
    assert snapshot(db) == before
    # a dry run adds nothing either, and says what would have been added
    r = ok(as_cora("import", "referrals", write("dry.csv", HEADER + "".join(long[:-1])),
                   "--dry-run", db=db))
    assert f"{len(long) - 1} would be added" in r.out and snapshot(db) == before


def main():
    return run_suite("import-bulk", globals(), cli_suite.SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
