#!/usr/bin/python3
"""Restricted people through the command line: as a worker who did not record them, no
search, filter, sort, name or count of any list finds them or what is about them (the C
suite test_restricted tries every prefix of every field through core; this one drives each
flag of the real binary once). Usage: test_cli_restricted.py PATH-TO-KITH"""

import os
import sys

import test_cli
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

WREN = "violet stone harbour"
DB = None

# the restricted person, as wes records them, and what is about them
PERSON = {"--given-name": "Zephyrine", "--family-name": "Brackwater", "--email":
          "zeph@refugemail.org", "--phone": "07700 900461", "--address": "14 Larkspur Mews",
          "--postcode": "KV9 4ZT", "--what-matters": "gardening with her grandson",
          "--notes": "fled in spring", "--birth-year": "1961", "--languages": "Tigrinya"}


def as_wren(*args):
    return kith(*args, db=DB, login="wren", password=WREN)


def setup():
    global DB
    if DB:
        return DB
    DB = new_db("restricted.db")
    ok(kith("demo", "--people", "30", "--assets", "8", "--referrals", "40", db=DB))
    ok(kith("user", "add", "wren", "--role", "worker", "--new-password-fd", "0", db=DB,
            login="ada", input=WREN + "\n"))
    return DB


def listed(*args):
    return [row["id"] for row in ok(as_wren(*args, "--json")).json()]


def add_restricted():
    """Records the restricted person and what is about them, as wes; returns their ids."""
    args = ["person", "add", "--restricted", "yes"]
    for flag, value in PERSON.items():
        args += [flag, value]
    pid = ok(kith(*args, db=DB, login="wes")).out.strip()
    hall = ok(kith("asset", "list", "--limit", "2", "--json", db=DB, login="wes")).json()
    ids = {"person": pid}
    ids["conversation"] = ok(kith(
        "conversation", "add", "--person", pid, "--hopes", "a quiet allotment", "--notes",
        "met at crossroads", db=DB, login="wes")).out.strip()
    ids["referral"] = ok(kith(
        "referral", "add", "--person", pid, "--from-asset", hall[0]["id"], "--to-asset",
        hall[1]["id"], "--reason", "legal aid urgently", "--notes", "escorted by caseworker",
        db=DB, login="wes")).out.strip()
    ids["wellbeing"] = ok(kith("wellbeing", "add", "--person", pid, "--life-satisfaction", "3",
                               db=DB, login="wes")).out.strip()
    ids["asset"] = ok(kith("asset", "add", "--name", "Zephyrine's marquetry", "--category",
                           "individual", "--person", pid, db=DB, login="wes")).out.strip()
    ok(kith("person", "tag", pid, "gift_hands", "marquetry", db=DB, login="wes"))
    return ids


LISTS = [("person", "--sort", "family"), ("person", "--sort", "given"),
         ("person", "--sort", "recent"), ("person", "--filter", "review"),
         ("person", "--filter", "no_consent"), ("referral",), ("conversation",),
         ("wellbeing",), ("asset",), ("tag",), ("person", "--filter", "gift=marquetry")]


def test_no_flag_of_any_list_finds_them():
    setup()
    before = {lst: listed(*(lst[0], "list") + lst[1:]) for lst in LISTS}
    ids = add_restricted()
    hidden = set(ids.values())
    # every list in every order is as it was: no row of theirs, no place taken
    for lst in LISTS:
        assert listed(*(lst[0], "list") + lst[1:]) == before[lst], lst
    tries = 0
    for flag, value in PERSON.items():
        for word in value.replace("@", " ").replace(".", " ").split():
            for end in range(1, len(word) + 1):
                for entity in ("person", "referral", "conversation", "wellbeing", "asset"):
                    got = listed(entity, "list", "--search", word[:end], "--limit", "500")
                    assert not hidden & set(got), (entity, word[:end])
                    tries += 1
            break  # the first word of each field here; every word in test_restricted
    # each filter, with their exact values
    for entity, flag, value in [
            ("person", "--postcode", "KV9 4ZT"), ("person", "--address", "14 Larkspur Mews"),
            ("person", "--notes", "fled in spring"), ("person", "--birth-year", "1961"),
            ("person", "--what-matters", "gardening with her grandson"),
            ("person", "--email", "zeph@refugemail.org"), ("person", "--languages", "Tigrinya"),
            ("conversation", "--notes", "met at crossroads"),
            ("conversation", "--hopes", "a quiet allotment"),
            ("referral", "--reason", "legal aid urgently"),
            ("referral", "--notes", "escorted by caseworker"),
            ("wellbeing", "--life-satisfaction", "3"), ("tag", "--name", "marquetry"),
            ("asset", "--name", "Zephyrine's marquetry")]:
        assert not hidden & set(listed(entity, "list", flag, value)), (entity, flag)
        tries += 1
    # nor does their gift, nor matching them, which says what an id nobody has is told
    assert not hidden & set(listed("person", "list", "--filter", "gift=marquetry"))
    other = ids["person"][:-1] + ("1" if ids["person"][-1] == "0" else "0")
    theirs, nobody = as_wren("person", "match", ids["person"]), as_wren("person", "match", other)
    assert theirs.code == nobody.code == 1 and theirs.out == nobody.out == ""
    assert theirs.err.replace(ids["person"], "ID") == nobody.err.replace(other, "ID"), theirs.err
    ok(kith("person", "match", ids["person"], db=DB, login="wes"))  # who recorded them
    # their name resolves to no one
    r = as_wren("person", "show", "Zephyrine Brackwater")
    assert r.code == 1 and "no person matches" in r.err
    r = as_wren("referral", "add", "--person", "Zephyrine", "--from-asset", "a", "--to-asset",
                "b")
    assert r.code == 1 and "no person matches" in r.err
    # nor by the answers of writes: the list of tags is a coordinator's to keep, whatever
    # the name; tagging someone with their gift says nothing of who else has it
    for name in ("marquetry", "unheard of"):
        r = as_wren("tag", "add", "--kind", "gift_hands", "--name", name)
        assert r.code == 1 and "needs a coordinator's account" in r.err, r.err
    someone = listed("person", "list", "--limit", "1")[0]
    ok(as_wren("person", "tag", someone, "gift_hands", "marquetry"))
    # the places someone visible went to are named as the worker may see them
    hall = ok(kith("asset", "list", "--limit", "1", "--json", db=DB, login="wes")).json()[0]
    ok(kith("referral", "add", "--person", someone, "--from-asset", hall["id"], "--to-asset",
            ids["asset"], "--reason", "to learn", db=DB, login="wes"))
    for args in (("graph", "chain", "--person", someone), ("referral", "list", "--json"),
                 ("referral", "list", "--search", "marquetry", "--json")):
        out = ok(as_wren(*args)).out
        assert "marquetry" not in out.lower() and "Zephyrine" not in out, (args, out)
    assert not listed("referral", "list", "--search", "marquetry")
    # whoever recorded them, and a coordinator, do find them
    for who in ("wes", "cora"):
        got = ok(kith("person", "list", "--search", "zephyr", "--json", db=DB, login=who))
        assert [p["id"] for p in got.json()] == [ids["person"]]
    print(f"cli-restricted: {tries} lists and filters as a worker found nothing of them",
          file=sys.stderr)


def test_no_merge_or_duplicate_warning_tells_of_them():
    setup()
    hidden = ["--given-name", "Ottoline", "--family-name", "Quarrender", "--postcode",
              "KV9 4ZU"]
    pid = ok(kith("person", "add", "--restricted", "yes", *hidden, db=DB,
                  login="wes")).out.strip()
    unknown = ("e" if pid[0] == "f" else "f") + pid[1:]
    someone = listed("person", "list", "--limit", "1")[0]
    # refused as an id no one has, either way round, and nothing merged
    nobody = as_wren("person", "merge", someone, unknown)
    for args in ((someone, pid), (pid, someone)):
        r = as_wren("person", "merge", *args)
        assert (r.code, r.err.replace(pid, "ID")) == (
            nobody.code, nobody.err.replace(unknown, "ID")), (r.err, nobody.err)
    r = kith("person", "merge", someone, pid, db=DB)
    assert r.code == 1 and "give --user NAME" in r.err and r.out == ""
    # a worker adding them again is not told they are there; wes, who recorded them, is
    wren_copy = ok(as_wren("person", "add", *hidden)).out.strip()
    r = kith("person", "add", *hidden, db=DB, login="wes")
    assert r.code == 1 and "likely already here" in r.err
    got = ok(kith("person", "show", pid, "--json", db=DB, login="cora")).json()
    assert got["deleted_at"] is None and got["given_name"] == "Ottoline"
    ok(kith("person", "delete", wren_copy, db=DB, login="cora"))


def test_logged_out_nothing_is_listed():
    setup()
    for entity in ("person", "referral", "conversation", "wellbeing", "asset", "tag"):
        r = kith(entity, "list", "--search", "z", db=DB)
        assert r.code == 1 and "give --user NAME" in r.err and r.out == ""


def test_the_network_report_its_trend_and_file_are_a_coordinators():
    setup()
    out = os.path.join(SCRATCH, "network-report.txt")
    tries = [("graph", "report", "--trend"), ("graph", "report", "--trend", "--json"),
             ("graph", "report", "--out", out), ("graph", "report", "--neighbourhood",
                                                 "Northgate", "--category", "space", "--trend")]
    for args in tries:
        # wes recorded the restricted person; wren may not see them; neither reads reports
        for r in (kith(*args, db=DB, login="wes"), as_wren(*args)):
            assert r.code == 1 and "coordinator" in r.err and r.out == "", (args, r)
            assert "Zephyrine" not in r.err
        r = kith(*args, db=DB)
        assert r.code == 1 and "give --user NAME" in r.err and r.out == "", (args, r)
        assert not os.path.exists(out)
    got = ok(kith("graph", "report", "--trend", "--out", out, db=DB, login="cora"))
    assert got.out == "" and os.path.exists(out)


if __name__ == "__main__":
    sys.exit(run_suite("cli-restricted", globals(), SCRATCH))
