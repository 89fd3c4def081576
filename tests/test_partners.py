#!/usr/bin/python3
"""Partnerships, funding and readiness from the outside: the partnership network's figures
against SQL and NetworkX on the demo, who may write and read them on the command line, and
the Network screen's partnerships (r) and readiness self-assessment (R) as a coordinator
uses them. Usage: test_partners.py PATH-TO-KITH"""

import json
import sqlite3
import sys

import networkx as nx

import test_cli as cli_suite
from tuikit import cli, count, fresh_demo, hints, main, run, status, text

# what a partnership counting in a period is, said again here: established (active or
# ended) by its end, not ended before its start
COUNTING = ("FROM partnership s WHERE s.deleted_at IS NULL AND s.status IN ('active', 'ended') "
            "AND s.since <= :to AND coalesce(s.ended, '9999') >= :from")


def attempt(db, *args, login=None):
    """Runs the command line as login (or no one): (exit code, stderr, stdout)."""
    r = cli_suite.kith(*args, db=db, login=login)
    return r.code, r.err, r.out


def test_the_partnership_network_is_what_sql_and_networkx_make_of_the_register():
    db = fresh_demo("partners-net.db")
    for since, until in (("2025-11-23", "2026-11-22"), ("2025-01-01", "2025-06-30")):
        got = json.loads(cli(db, "partnership", "network", "--since", since, "--until", until,
                             "--json"))
        con = sqlite3.connect(db)
        p = {"from": since, "to": until}
        one = lambda sql: con.execute(sql, p).fetchone()[0]
        assert got["partnerships"] == one("SELECT count(*) " + COUNTING), got
        assert got["new"] == one("SELECT count(*) " + COUNTING + " AND s.since >= :from")
        assert got["ended"] == one("SELECT count(*) " + COUNTING + " AND s.ended <= :to")
        orgs = {r[0] for r in con.execute(
            "SELECT id FROM asset WHERE deleted_at IS NULL AND category IN "
            "('association', 'institution')")}
        rows = con.execute("SELECT p.partnership_id, p.asset_id FROM partner p JOIN asset a "
                           "ON a.id = p.asset_id WHERE p.deleted_at IS NULL AND a.deleted_at "
                           "IS NULL AND p.partnership_id IN (SELECT s.id " + COUNTING + ")",
                           p).fetchall()
        con.close()
        g = nx.Graph()
        by = {}
        for ship, asset in rows:
            by.setdefault(ship, []).append(asset)
            g.add_node(asset)
        for members in by.values():
            g.add_edges_from((a, b) for i, a in enumerate(members) for b in members[i + 1:])
        assert got["organisations"] == len(orgs)
        assert got["organisations_in_none"] == len(orgs - set(g.nodes))
        assert got["partners"] == g.number_of_nodes()
        assert got["links"] == g.number_of_edges()
        parts = list(nx.connected_components(g))
        assert got["components"] == len(parts)
        assert got["largest"] == max((len(c) for c in parts), default=0)
        assert abs(got["density"] - (nx.density(g) if len(g) > 1 else 0)) < 1e-6
    assert got["partnerships"] > 0 and got["partners"] > 3  # the demo has a register then


def test_coordinators_write_them_workers_read_them_and_no_one_logged_out_does_either():
    db = fresh_demo("partners-who.db")
    code, err, _ = attempt(db, "funding", "add", "--funder", "Sported", "--amount", "1,500",
                           login="wes")
    assert code != 0 and "coordinator" in err, err
    code, err, _ = attempt(db, "partnership", "join", "Food Network", "Northgate Library",
                           login="wes")
    assert code != 0 and "coordinator" in err, err
    code, err, _ = attempt(db, "readiness", "rate", "Spring review", "1", "4", login="wes")
    assert code != 0 and "coordinator" in err, err
    code, _, out = attempt(db, "funding", "list", login="wes")
    assert code == 0 and "Ward Budgets" in out and "£4,500" in out, out
    code, _, out = attempt(db, "readiness", "answers", "Spring review", login="wes")
    assert code == 0 and "Co-production" in out and "18 A whole system approach" in out, out
    for args in (("funding", "list"), ("partnership", "network"),
                 ("readiness", "answers", "Spring review"), ("partnership", "list")):
        code, err, out = attempt(db, *args)
        assert code != 0 and not out, (args, out)
    code, err, _ = attempt(db, "funding", "add", "--funder", "Sported", "--amount", "12.345",
                           login="cora")
    assert code != 0 and "amount: '12.345' is not an amount in pounds" in err, err
    code, err, out = attempt(db, "funding", "add", "--funder", "Sported", "--amount",
                             "£1,250.50", "--date", "2026-11-01", login="cora")
    assert code == 0, err
    assert count(db, "SELECT amount_pence FROM funding WHERE funder = 'Sported' AND "
                     "date = '2026-11-01'") == 125050


def register_rows(screen):
    return [line for line in screen if " partners " in line and ("active" in line or
                                                               "ended" in line or
                                                               "forming" in line)]


def test_the_network_screen_shows_the_partnerships_and_a_coordinator_keeps_the_register():
    db = fresh_demo("partners-tui.db")
    s = run(db, """
5
@wait
r
@dump
a
Walkabout Partners
<Tab>
monthly walkabouts with residents
<C-s>
@dump
m
Northgate Library
<Enter>
@dump
x
<Enter>
@dump
""")
    f = json.loads(cli(db, "partnership", "network", "--json", "--since", "2025-11-23"))
    first = text(s[0])
    assert "Partnerships, 23/11/2025 to 22/11/2026" in first
    n = count(db, "SELECT count(*) FROM partnership WHERE deleted_at IS NULL")
    assert f"{f['partnerships'] - 1} partnerships: {f['new'] - 1} new" in first, first
    assert f"{f['organisations_in_none']} of {f['organisations']} groups and institutions" \
           " in none" in first
    assert "m add-partner" in hints(s[0]) and "x remove-partner" in hints(s[0])
    assert len(register_rows(s[0])) > 10
    # the new one: counted, first in the register, with no partners
    assert f"{f['partnerships']} partnerships: {f['new']} new" in text(s[1])
    assert "Walkabout Partners" in register_rows(s[1])[0] and "0 partners" in \
           register_rows(s[1])[0]
    assert "Northgate Library is now a partner in Walkabout Partners" in status(s[2])
    assert "1 partners" in register_rows(s[2])[0] and "Partners: Northgate Library" in text(s[2])
    assert "Northgate Library has left Walkabout Partners" in status(s[3])
    assert count(db, "SELECT count(*) FROM partner p JOIN partnership s ON s.id = "
                     "p.partnership_id WHERE s.name = 'Walkabout Partners' AND p.deleted_at "
                     "IS NULL") == 0
    assert n == count(db, "SELECT count(*) FROM partnership WHERE deleted_at IS NULL")


def test_the_readiness_self_assessment_is_rated_question_by_question_with_its_evidence():
    db = fresh_demo("partners-readiness.db")
    rating = ("SELECT rating FROM readiness_answer a JOIN readiness r ON r.id = a.readiness_id "
              "WHERE r.title = 'Spring review' AND question = 3")
    before = count(db, rating)
    s = run(db, """
5
@wait
R
@dump
<Enter>
@dump
j
j
+
@dump
e
<C-u>
Partners meet monthly and share their plans
<Enter>
@dump
q
@dump
""", size="80x24")
    assert "Readiness self-assessments" in s[0][1]
    # newest first, each with its themes' means
    assert "Spring review" in s[0][4] and "Baseline with partners" in text(s[0])
    assert "Readiness: Spring review" in s[1][1]
    assert "Co-production" in text(s[1]) and "1 Value of involving community members" in text(s[1])
    assert before < 4  # so that + raises it
    assert count(db, rating) == before + 1
    assert f"Question 3: {before + 1}" in status(s[2])
    assert "3 Understanding of co-production" in text(s[2])
    assert count(db, "SELECT count(*) FROM readiness_answer WHERE evidence = 'Partners meet "
                     "monthly and share their plans' AND question = 3") == 1
    assert "Evidence: Partners meet monthly and share their plans" in text(s[3])
    assert "Readiness self-assessments" in s[4][1]


def test_the_reports_screen_opens_the_self_assessment_and_shows_what_it_changed():
    db = fresh_demo("partners-reports.db")

    def shown():
        doc = json.loads(cli(db, "report", "readiness", "--format", "json"))
        return next(b["shown"] for b in doc["blocks"]
                    if b.get("key") == "readiness.latest.co_production")

    before = shown()
    s = run(db, """
8
r
Readiness report
<Enter>
@wait
@dump
R
<Enter>
j
j
+
q
q
@wait
@dump
""")
    after = shown()
    assert "Readiness report" in s[0][1] and before in text(s[0])
    assert after != before  # question 3 is co-production's, rated one higher
    assert after in text(s[1]) and "Readiness report" in text(s[1]), text(s[1])


if __name__ == "__main__":
    sys.exit(main("partners-py", globals()))
