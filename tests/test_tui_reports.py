#!/usr/bin/python3
"""The Reports screen: what it is asked for (the report, the period, whose outputs, the
neighbourhood), a worker held to their own work, the document scrolled, and w writing the
HTML report; each report that is built shows every figure of kith report's.
Usage: test_tui_reports.py PATH-TO-KITH"""

import json
import os
import re
import sys

from tuikit import SCRATCH, cli, fresh_demo, hints, main, run, status, text

KINDS = ("programme", "outcomes", "network", "readiness")
TITLES = {"programme": "Programme report", "outcomes": "Outcomes report",
          "network": "Network report", "readiness": "Readiness report"}


def digit(db, login="cora"):
    """The Reports screen's digit: the last tab's (a narrow tab bar may show digits alone)."""
    top = run(db, "@dump", login=login)[0][0]
    digits = re.findall(r" (\d)(?= |$)", top)
    assert digits, top
    return max(digits)


def choices(screen):
    return screen[1]


def built(db):
    out = []
    for kind in KINDS:
        try:
            out.append((kind, json.loads(cli(db, "report", kind, "--format", "json"))))
        except Exception:  # its builder is not on this branch yet
            pass
    return out


def test_the_screen_says_what_it_reports_and_its_keys():
    db = fresh_demo("reports.db")
    d = digit(db)
    s = run(db, f"""
{d}
@wait
@dump
r
outcomes
<Enter>
@wait
@dump
p
last financial
<Enter>
@wait
@dump
n
Northgate
<Enter>
@wait
@dump
u
Wes
<Enter>
@wait
@dump
""")
    assert choices(s[0]).startswith(" Programme report · 23/11/2025 to 22/11/2026 · the "
                                    "programme · every neighbourhood"), choices(s[0])
    for key in ("r report", "p period", "u worker", "n neighbourhood", "w write"):
        assert key in hints(s[0]), hints(s[0])
    assert choices(s[1]).startswith(" Outcomes report · 23/11/2025 to 22/11/2026")
    # the financial year before this one: April to March
    assert choices(s[2]).startswith(" Outcomes report · 01/04/2025 to 31/03/2026 · the "
                                    "programme · every neighbourhood"), choices(s[2])
    assert "· Northgate" in choices(s[3])
    assert "· Wes Achterberg · Northgate" in choices(s[4]), choices(s[4])


def test_a_worker_reads_their_own_work_only():
    db = fresh_demo("reports-worker.db")
    d = digit(db, login="wes")
    s = run(db, f"""
{d}
@wait
@dump
u
@dump
""", login="wes")
    assert "your own work" in choices(s[0]), choices(s[0])
    assert "A worker's report is of their own work; another's is for a coordinator" in \
        status(s[1])
    assert "your own work" in choices(s[1])


def test_every_figure_of_each_report_built_shows_and_w_writes_it():
    db = fresh_demo("reports-figures.db")
    d = digit(db)
    for kind, doc in built(db):
        pages = "\n".join(["<PgDn>", "@dump"] * 12)
        out = os.path.join(SCRATCH, f"screen-{kind}.html")
        s = run(db, f"""
{d}
r
{TITLES[kind]}
<Enter>
@wait
@dump
{pages}
g
w
<C-u>{out}
<Enter>
@dump
w
<C-u>{out}
<Enter>
@dump
y
@dump
""")
        seen = "\n".join(text(x) for x in s[:13])
        assert TITLES[kind] in choices(s[0])
        for b in doc["blocks"]:
            if b["kind"] in ("figure", "bar"):
                assert b["shown"] in seen, (kind, b["label"], b["shown"])
        assert f"Report written to {out}" in status(s[13])
        with open(out) as f:
            assert f.read().startswith("<!DOCTYPE html>")
        assert "is already there" in text(s[14])  # asked before it is written over
        assert f"Report written to {out}" in status(s[15])


def test_scrolling_and_a_narrow_terminal():
    db = fresh_demo("reports-narrow.db")
    d = digit(db)
    s = run(db, f"""
{d}
@wait
@dump
G
@dump
g
@dump
""", size="80x24")
    for screen in s:
        assert all(len(line) <= 80 for line in screen)
        assert "Programme report ·" in choices(screen)


if __name__ == "__main__":
    sys.exit(main("tui-reports", globals()))
