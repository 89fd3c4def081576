#!/usr/bin/python3
"""Stories and wellbeing on the command line: a story added, linked to a person, group and
activity, tagged with an intended outcome, its mistakes named; the loneliness answer; and a
restricted person's story unseen by a worker who did not record them, and by no one logged
in. Usage: test_cli_story.py PATH-TO-KITH"""

import sys

import test_cli_restricted
from suite import run as run_suite
from test_cli import SCRATCH, kith, ok
from test_cli_restricted import as_wren

DB = None


def setup():
    """The restricted suite's demo, with wren, a worker who records no one here."""
    global DB
    DB = test_cli_restricted.setup()
    return DB


def test_a_story_is_linked_tagged_and_its_mistakes_named():
    setup()
    pid = ok(kith("person", "add", "--given-name", "Amina", "--family-name", "Okoro",
                  "--neighbourhood", "Northgate", db=DB, login="wes")).out.strip()
    sid = ok(kith("story", "add", "--title", "Amina found the choir", "--person", pid,
                  "--body", "I sing on Tuesdays now.", "--consent-share", "yes", db=DB,
                  login="wes")).out.strip()
    group = ok(kith("group", "add", "--name", "Tuesday Choir", db=DB, login="wes")).out.strip()
    ok(kith("story", "link", sid, "group", "Tuesday Choir", db=DB, login="wes"))
    ok(kith("story", "tag", sid, "stronger_networks", db=DB, login="wes"))
    links = ok(kith("story", "links", sid, "--json", db=DB, login="wes")).json()
    assert {(x["kind"], x["id"]) for x in links} == {("asset", group),
                                                     ("outcome", "stronger_networks")}
    r = kith("story", "link", sid, "group", "Tuesday Choir", db=DB, login="wes")
    assert r.code != 0 and "already" in r.err, r.err
    r = kith("story", "tag", sid, "world_peace", db=DB, login="wes")
    assert r.code != 0 and "outcome: 'world_peace'" in r.err, r.err
    r = kith("story", "link", sid, "place", "x", db=DB, login="wes")
    assert r.code != 0 and "person, asset, group or activity" in r.err
    ok(kith("story", "untag", sid, "stronger_networks", db=DB, login="wes"))
    assert len(ok(kith("story", "links", sid, "--json", db=DB, login="wes")).json()) == 1
    r = kith("story", "add", "--title", "Named", "--person", pid, "--may-name", "yes", db=DB,
             login="wes")
    assert r.code != 0 and "may name" in r.err, r.err
    outcomes = ok(kith("story", "outcomes")).out
    assert "stronger_networks" in outcomes and "Croydon" in outcomes and "CAN-DO" in outcomes
    listed = ok(kith("story", "list", "--filter", "shareable", "--json", db=DB,
                     login="cora")).json()
    assert sid in [s["id"] for s in listed]


def test_the_loneliness_answer_is_kept_and_checked():
    setup()
    pid = ok(kith("person", "list", "--limit", "1", "--json", db=DB, login="cora")).json()[0]
    wid = ok(kith("wellbeing", "add", "--person", pid["id"], "--life-satisfaction", "6",
                  "--loneliness", "hardly_ever", db=DB, login="cora")).out.strip()
    got = ok(kith("wellbeing", "show", wid, "--json", db=DB, login="cora")).json()
    assert got["loneliness"] == "hardly_ever"
    r = kith("wellbeing", "add", "--person", pid["id"], "--loneliness", "always", db=DB,
             login="cora")
    assert r.code != 0 and "lonely: 'always' is not one of" in r.err, r.err


def test_a_restricted_person_s_story_is_theirs_to_see():
    setup()
    pid = ok(kith("person", "add", "--given-name", "Zephyrine", "--restricted", "yes", db=DB,
                  login="wes")).out.strip()
    sid = ok(kith("story", "add", "--title", "Zephyrine's allotment", "--person", pid,
                  "--body", "digging beside strangers", db=DB, login="wes")).out.strip()
    for args in (("story", "list", "--json"), ("story", "list", "--search", "allotment",
                                                "--json"),
                 ("story", "list", "--search", "Zephyrine", "--json")):
        got = ok(as_wren(*args)).json()
        assert sid not in [s["id"] for s in got], args
    for args in (("story", "links", sid), ("story", "tag", sid, "vcs_access")):
        r = as_wren(*args)
        assert r.code != 0 and "allotment" not in r.out + r.err, (args, r.err)
    # shown by its id, as a conversation of theirs is: that it is there, nothing of it
    shown = ok(as_wren("story", "show", sid)).out
    assert "Restricted record" in shown and "allotment" not in shown and "digging" not in shown
    got = ok(kith("story", "list", "--search", "allotment", "--json", db=DB, login="cora"))
    assert [s["id"] for s in got.json()] == [sid]
    r = kith("story", "list", db=DB)
    assert r.code == 1 and "give --user NAME" in r.err and r.out == ""


if __name__ == "__main__":
    sys.exit(run_suite("cli-story", globals(), SCRATCH))
