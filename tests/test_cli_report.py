#!/usr/bin/python3
"""kith report KIND: its options, each refusal naming the option at fault, who may read which
report (logged out: none; a worker: their own outputs, never another's), and the formats
written to the standard output or to a file that is never replaced without --force.
Usage: test_cli_report.py PATH-TO-KITH"""

import csv
import io
import os
import sys

import test_cli
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

DB = None
KINDS = ("programme", "outcomes", "network", "readiness")


def setup():
    global DB
    if not DB:
        DB = new_db("report.db")
        ok(kith("demo", db=DB))
    return DB


def refused(r, *said):
    assert r.code != 0 and r.out == "", (r.code, r.out, r.err)
    for s in said:
        assert s in r.err, (s, r.err)


def built():
    """The reports whose builders are on this branch (the others say so)."""
    out = []
    for kind in KINDS:
        r = kith("report", kind, "--format", "json", db=setup(), login="cora")
        if r.code != 0 and "not built yet" in r.err:
            continue
        out.append((kind, ok(r).json()))
    return out


def test_help_names_the_kinds_and_formats():
    r = ok(kith("report", "--help"))
    for word in ("--from", "--to", "--worker", "--neighbourhood", "--output", "--force",
                 "text|md|csv|json|html", "programme, outcomes, network or readiness"):
        assert word in r.out, word
    assert "report" in ok(kith("--help")).out


def test_bad_input_names_the_option():
    setup()
    cases = [(("report",), ["give the report: programme, outcomes, network or readiness"]),
             (("report", "bogus"), ["KIND: 'bogus' is not a report"]),
             (("report", "programme", "--from", "2026-13-01"), ["--from"]),
             (("report", "programme", "--to", "someday"), ["--to"]),
             (("report", "programme", "--from", "2026-06-01", "--to", "2026-05-01"),
              ["--from: 2026-06-01 comes after --to (2026-05-01)"]),
             (("report", "programme", "--format", "pdf"), ["--format"]),
             (("report", "programme", "--force"), ["--force", "--output"]),
             (("report", "programme", "--neighbourhood", ""), ["--neighbourhood"]),
             (("report", "programme", "--worker", "nobody-at-all"), ["--worker"]),
             (("report", "bogus", "--worker", "wes"), ["KIND"])]
    for args, said in cases:
        refused(kith(*args, db=DB, login="cora"), *said)


def test_logged_out_reads_no_report():
    setup()
    out = os.path.join(SCRATCH, "logged-out.html")
    for kind in KINDS:
        refused(kith("report", kind, db=DB), "give --user NAME")
        refused(kith("report", kind, "--output", out, db=DB), "give --user NAME")
    assert not os.path.exists(out)


def test_a_worker_may_not_ask_for_another_workers_report():
    setup()
    for kind in KINDS:
        refused(kith("report", kind, "--worker", "cora", db=DB, login="wes"), "--worker",
                "coordinator")


def test_a_workers_report_is_their_own_outputs():
    setup()
    for kind, _ in built():
        mine = ok(kith("report", kind, "--format", "json", db=DB, login="wes")).json()
        asked = ok(kith("report", kind, "--format", "json", "--worker", "wes", db=DB,
                        login="cora")).json()
        assert mine["figures"] == asked["figures"], kind
        # naming themselves is what they get anyway
        named = ok(kith("report", kind, "--format", "json", "--worker", "wes", db=DB,
                        login="wes")).json()
        assert named["figures"] == mine["figures"], kind


def test_every_format_and_the_file_written_once():
    setup()
    for kind, doc in built():
        text = ok(kith("report", kind, db=DB, login="cora")).out
        assert text.startswith(doc["title"]), kind
        for label in [b["label"] for b in doc["blocks"] if b["kind"] in ("figure", "bar")]:
            assert label[:20] in text, (kind, label)
        rows = list(csv.reader(io.StringIO(ok(kith("report", kind, "--format", "csv", db=DB,
                                                   login="cora")).out)))
        assert rows[0] == ["key", "label", "value", "target", "unit", "note"]
        keys = {r[0] for r in rows[1:]}
        assert set(doc["figures"]) <= keys, kind
        md = ok(kith("report", kind, "--format", "md", db=DB, login="cora")).out
        assert md.startswith("# " + doc["title"])
        out = os.path.join(SCRATCH, f"{kind}.html")
        r = ok(kith("report", kind, "--output", out, db=DB, login="cora"))
        assert r.out == "" and out in r.err
        with open(out) as f:
            assert f.read().startswith("<!DOCTYPE html>")
        refused(kith("report", kind, "--output", out, db=DB, login="cora"), out, "--force")
        ok(kith("report", kind, "--output", out, "--format", "csv", "--force", db=DB,
                login="cora"))
        with open(out) as f:
            assert f.readline().startswith("key,label,value")  # --format over the ending
        refused(kith("report", kind, "--output", DB, "--force", db=DB, login="cora"))


if __name__ == "__main__":
    sys.exit(run_suite("cli-report", globals(), SCRATCH))
