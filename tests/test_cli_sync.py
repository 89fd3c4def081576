#!/usr/bin/python3
"""Syncing laptops through a hub, as people would do it from the command line: a real
PostgreSQL (tests/pgtmp), laptop A with the demo that makes the hub and laptop B that joins it,
the conflicts the issue lists, a connection dropped at every call of a sync, a revoked laptop,
the private file of the connection string, and who may do what (a worker is told nothing of a
restricted person). Usage: test_cli_sync.py PATH-TO-KITH"""

import glob
import json
import os
import sqlite3
import signal
import stat
import subprocess
import sys
import uuid

import pghub
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

HUB_DIR = os.path.join(SCRATCH, "hub")
STATE = {}


def hub(verb, string, *args, **kw):
    """kith hub init or join, the connection string on standard input as a person pipes it
    (never a word: everyone on the machine sees a command's words)."""
    return kith("hub", verb, *args, input=string + "\n", **kw)


def sync(db, login=None, env=None):
    return ok(kith("sync", db=db, login=login, env=env)).out


def setup():
    """Laptop A (the demo) makes the hub and B joins it; both sync once."""
    if STATE:
        return STATE["a"], STATE["b"]
    owner = pghub.start(HUB_DIR)
    STATE["owner"] = owner
    a, b = new_db("a.db"), new_db("b.db")
    STATE["a"], STATE["b"] = a, b
    ok(kith("demo", "--people", "30", "--assets", "8", "--referrals", "40", db=a))
    r = ok(hub("init", owner, "--name", "a", db=a, login="ada"))
    assert "joined it as a" in r.out, r.out
    STATE["b_string"] = add_laptop("b")
    r = ok(hub("join", STATE["b_string"], db=b))  # no accounts there yet: no login
    assert "joined the hub" in r.out and b + ".hub" in r.out, r.out
    sync(a, login="ada")
    STATE["first"] = sync(b)  # no login while B has no accounts
    return a, b


def add_laptop(name, admin=False):
    r = ok(kith("hub", "add-laptop", name, *(["--admin"] if admin else []), db=STATE["a"],
                login="ada"))
    last = r.out.strip().splitlines()[-1]
    assert "user=kith_laptop_" + name.replace("-", "_") in last and "password=" in last, r.out
    assert STATE["owner"].split("password=")[1].split()[0] not in last  # not the owner's
    return last


def ids(db, kind="person", login="wes", *args):
    return sorted(row["id"] for row in ok(kith(kind, "list", "--json", "--limit", "5000", *args,
                                              db=db, login=login)).json())


def show(db, rid, kind="person", login="cora"):
    return ok(kith(kind, "show", rid, "--json", db=db, login=login)).json()


def both_sync():
    """A, then B, then A again: each has what the other did."""
    a, b = STATE["a"], STATE["b"]
    sync(a, login="wes")
    out = sync(b, login="wes")
    sync(a, login="wes")
    return out


def add_person(db, given, family, *more, login="wes"):
    return ok(kith("person", "add", "--given-name", given, "--family-name", family, *more,
                   db=db, login=login)).out.strip()


# ---- a new laptop ----

def test_a_new_laptop_brings_everything_and_wes_logs_in_there():
    a, b = setup()
    first = STATE["first"]
    assert "people" in first and "accounts" in first and "referrals" in first, first
    # the accounts came: wes logs in on B and sees what he sees on A
    assert ids(b) == ids(a) and len(ids(a)) >= 30
    assert ids(b, "referral") == ids(a, "referral")
    nadia = add_person(a, "Nadia", "Okafor", "--what-matters", "walking groups")
    assert nadia not in ids(b)
    out = sync(a, login="wes")
    assert "people" in out and "went" in out, out
    out = sync(b, login="wes")
    assert "1 came" in out and "people" in out, out
    found = ok(kith("person", "list", "--search", "Nadia", "--json", db=b, login="wes")).json()
    assert [p["id"] for p in found] == [nadia]
    assert show(b, nadia)["what_matters"] == "walking groups"
    # nothing new: no people come twice (wes's account does: his last login here went up)
    out = sync(b, login="wes")
    assert "people" not in out and "referrals" not in out, out


def test_a_first_sync_in_bulk_dropped_at_any_call_ends_with_what_the_first_laptop_holds():
    """The bulk path a first sync far behind the hub takes (big pages, several a transaction,
    the next page asked for while one is applied), here from 7 rows behind: its connection
    dropped at each call in turn, it loses nothing, doubles nothing, and the file ends in
    its usual write-ahead log with its search index whole."""
    a, _ = setup()
    sync(a, login="ada")
    c = new_db("z-bulk.db")
    ok(hub("join", add_laptop("z-bulk"), db=c))
    bulk = {"KITH_SYNC_BULK": "7"}
    for k in range(1, 400):
        r = kith("sync", db=c, env=dict(bulk, KITH_SYNC_DROP=str(k)))
        if r.code == 0:
            break
        assert r.code == 3 and "could not be reached" in r.err, (k, r.err)
    else:
        raise AssertionError("the first sync never got to its end")
    assert k > 20, k  # many pages, each dropped once
    sync(c, login="wes", env=bulk)
    sync(a, login="wes")
    for kind in ("person", "referral", "asset", "conversation"):
        assert ids(c, kind) == ids(a, kind), kind
    family = show(a, ids(a)[0])["family_name"]
    found = ok(kith("person", "list", "--search", family, "--json", db=c, login="wes")).json()
    assert ids(a)[0] in [p["id"] for p in found]
    con = sqlite3.connect(c)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


# ---- conflicts ----

def test_two_laptops_change_different_fields_and_both_survive():
    a, b = setup()
    pid = add_person(a, "Olu", "Adeyemi")
    both_sync()
    ok(kith("person", "edit", pid, "--phone", "07700 900111", db=a, login="wes"))
    ok(kith("person", "edit", pid, "--email", "olu@example.org", db=b, login="wes"))
    both_sync()
    for db in (a, b):
        p = show(db, pid)
        assert (p["phone"], p["email"]) == ("07700 900111", "olu@example.org"), (db, p)


def test_the_same_field_changed_on_two_laptops_the_later_wins():
    a, b = setup()
    pid = add_person(a, "Priya", "Raman")
    both_sync()
    ok(kith("person", "edit", pid, "--notes", "met at the library", db=a, login="wes"))
    ok(kith("person", "edit", pid, "--notes", "met at the market", db=b, login="wes"))
    sync(a, login="wes")
    out = sync(b, login="wes")  # B's change reaches the hub later: it wins
    assert "1 field changed here had been changed on another laptop too" in out, out
    assert "conflict log" in out
    sync(a, login="wes")
    assert show(a, pid)["notes"] == show(b, pid)["notes"] == "met at the market"


def test_a_record_deleted_on_one_laptop_and_edited_on_another_stays_deleted():
    a, b = setup()
    pid = add_person(a, "Quentin", "Marsh")
    both_sync()
    ok(kith("person", "delete", pid, db=a, login="wes"))
    ok(kith("person", "edit", pid, "--phone", "07700 900222", db=b, login="wes"))
    both_sync()
    for db in (a, b):
        assert pid not in ids(db), db
        r = kith("person", "show", pid, db=db, login="cora")
        assert r.code == 1 and "deleted" in r.err, (db, r.err)


def test_a_referral_moved_on_two_laptops_keeps_the_furthest_status():
    a, b = setup()
    pid = add_person(a, "Rosa", "Lindqvist")
    assets = ids(a, "asset")
    rid = ok(kith("referral", "add", "--person", pid, "--from-asset", assets[0], "--to-asset",
                  assets[1], db=a, login="wes")).out.strip()
    both_sync()
    ok(kith("referral", "edit", rid, "--status", "attended", db=a, login="wes"))
    ok(kith("referral", "edit", rid, "--status", "contacted", db=b, login="wes"))
    both_sync()  # B's "contacted" reaches the hub last, and does not undo "attended"
    assert show(a, rid, "referral")["status"] == show(b, rid, "referral")["status"] == "attended"


def test_one_person_added_on_two_laptops_is_warned_of_and_merged_everywhere():
    a, b = setup()
    on_a = add_person(a, "Amina", "Yusuf", "--postcode", "E1 6AN")
    on_b = add_person(b, "amina", "yusuf", "--postcode", "e16an", "--phone", "07700 900123")
    sync(a, login="wes")
    out = sync(b, login="wes")
    assert "Likely recorded twice, on two laptops: Amina Yusuf" in out, out
    assert on_a[:8] in out and on_b[:8] in out and "kith person merge" in out
    out = sync(a, login="wes")
    assert "Likely recorded twice" in out and on_b[:8] in out, out
    ok(kith("person", "merge", on_a, on_b, db=a, login="wes"))
    both_sync()
    for db in (a, b):
        assert on_b not in ids(db) and on_a in ids(db), db
        r = kith("person", "show", on_b, db=db, login="cora")
        assert r.code == 1 and f"was merged into {on_a}" in r.err, (db, r.err)
        assert show(db, on_a)["phone"] == "07700 900123"


# ---- faults ----

def drop_everywhere(db):
    """Syncs with the connection dropped after the k-th call to the hub, for k = 1, 2, ...
    until a sync gets to its end; returns how many dropped."""
    dropped = 0
    for k in range(1, 40):
        r = kith("sync", db=db, login="wes", env={"KITH_SYNC_DROP": str(k)})
        if r.code == 0:
            return dropped
        assert r.code == 3 and "could not be reached" in r.err, (k, r.err)
        assert "your work is kept here" in r.err
        dropped += 1
    raise AssertionError("the sync never got to its end")


def test_a_connection_dropped_at_any_call_loses_nothing_and_doubles_nothing():
    a, b = setup()
    both_sync()
    new = [add_person(a, "Sam", f"Dropped{i}") for i in range(3)]
    ok(kith("person", "edit", ids(a)[0], "--notes", "edited before the drops", db=a,
            login="wes"))
    assert drop_everywhere(a) >= 3  # hello, push, pull: each dropped once
    sync(a, login="wes")
    assert drop_everywhere(b) >= 3  # mid-pull on the other side too
    sync(b, login="wes")
    assert ids(a) == ids(b)
    assert all(n in ids(b) for n in new)
    found = ok(kith("person", "list", "--search", "Dropped", "--json", db=b, login="wes")).json()
    assert sorted(p["id"] for p in found) == sorted(new)  # each once
    assert show(b, ids(a)[0])["notes"] == "edited before the drops"
    assert ids(a, "referral") == ids(b, "referral")


def test_an_unreachable_hub_is_named_and_a_revoked_laptop_is_refused():
    a, _ = setup()
    c = new_db("c.db")
    r = hub("join", "host=/nonexistent/kith-hub dbname=kith user=x password=y", db=c)
    assert r.code == 3 and "the hub at /nonexistent/kith-hub could not be reached" in r.err, r.err
    assert "password=y" not in r.err and not os.path.exists(c + ".hub")
    r = hub("join", "this is not one", db=c)
    assert r.code == 1 and "is not one" in r.err, r.err
    r = kith("sync", db=c)
    assert r.code == 1 and "this database has not joined a hub: kith hub join (it asks" in r.err
    ok(hub("join", add_laptop("c"), db=c))
    sync(c)
    r = kith("hub", "revoke", "c", db=a, login="cora")
    assert r.code == 1 and "admin" in r.err, r.err
    r = ok(kith("hub", "revoke", "c", db=a, login="ada"))
    assert "its next sync is refused" in r.out
    r = kith("sync", db=c, login="wes")
    assert r.code == 1 and "no longer accepts this laptop's credentials (it was revoked" in r.err
    assert "your work is kept here" in r.err
    r = kith("hub", "revoke", "a", db=a, login="ada")
    assert r.code == 1 and "this laptop is a" in r.err, r.err


def test_a_connection_string_is_never_a_word():
    """A string with a password is refused as a word (everyone on the machine sees a command's
    words in ps, and the shell keeps them), without being written back; it comes on standard
    input or from a file of one's own."""
    a, _ = setup()
    c = new_db("secret.db")
    string = add_laptop("secret")
    r = kith("hub", "join", string, db=c)
    assert r.code == 2 and "not taken as a word" in r.err and "(ps)" in r.err, r.err
    assert "password=" not in r.err and not os.path.exists(c + ".hub"), r.err
    r = kith("hub", "init", STATE["owner"], "--name", "a", db=a, login="ada")
    assert r.code == 2 and "not taken as a word" in r.err and "password=" not in r.err, r.err
    r = kith("hub", "join", db=c, input="")
    assert r.code == 2 and "no connection string came" in r.err, r.err
    path = os.path.join(SCRATCH, "secret-string")
    with open(path, "w") as f:
        f.write(string + "\n")
    os.chmod(path, 0o644)
    r = kith("hub", "join", "--from", path, db=c)
    assert r.code != 0 and "can be read by others (mode 0644)" in r.err, r.err
    assert not os.path.exists(c + ".hub")
    os.chmod(path, 0o600)
    ok(kith("hub", "join", "--from", path, db=c))
    assert "people" in sync(c)


def test_without_postgresqls_client_library_kith_says_what_to_install():
    """kith loads libpq when it first talks to a hub, not at every start: a machine without it
    runs everything else, and a join or a sync says what to install, leaving nothing behind."""
    a, _ = setup()
    c = new_db("no-libpq.db")
    gone = {"KITH_PQ_LIBRARY": "libpq-not-here.so.5"}
    r = hub("join", add_laptop("no-libpq"), db=c, env=gone)
    assert r.code != 0 and "apt install libpq5" in r.err, r.err
    assert not os.path.exists(c + ".hub")
    r = kith("sync", db=a, login="ada", env=gone)
    assert r.code != 0 and "apt install libpq5" in r.err, r.err
    r = ok(kith("person", "list", "--limit", "1", db=a, login="ada", env=gone))
    assert "Adeyemi" in r.out, r.out


def test_an_init_whose_join_fails_leaves_nothing_at_the_hub():
    """init makes this laptop's credentials and then joins with them: when the join fails
    (here its file cannot be written), the laptop made is taken back, and init again works."""
    setup()
    f = new_db("f.db")
    ok(kith("person", "add", "--given-name", "Fenna", "--family-name", "Quill", db=f))
    os.mkdir(f + ".hub")  # where the connection string would be kept
    r = hub("init", STATE["owner"], "--name", "f", db=f)
    assert r.code != 0 and f + ".hub" in r.err, (r.code, r.err)
    os.rmdir(f + ".hub")
    r = hub("init", STATE["owner"], "--name", "f", db=f)
    assert r.code == 0 and "joined it as f" in r.out, r.err
    assert "1 went" in sync(f)


def test_an_init_killed_between_making_its_laptop_and_joining_can_be_run_again():
    """kith stopped (a crash, a power cut) after the hub made this laptop's credentials and
    before it joined with them: the name is not left taken, init again makes it anew and
    joins, and what the laptop holds goes up."""
    setup()
    k = new_db("k.db")
    ok(kith("person", "add", "--given-name", "Kasia", "--family-name", "Halfway", db=k))
    r = hub("init", STATE["owner"], "--name", "k", db=k, env={"KITH_HUB_INIT_CRASH": "1"})
    assert r.code == -signal.SIGKILL, (r.code, r.err)
    assert owner_value("SELECT count(*) FROM kith.laptop WHERE name = 'k'") == "1"
    r = kith("sync", db=k)
    assert r.code != 0, "not joined: nothing to sync with"
    r = hub("init", STATE["owner"], "--name", "k", db=k)
    assert r.code == 0 and "joined it as k" in r.out, r.err
    assert "1 went" in sync(k)
    assert owner_value("SELECT count(*) FROM kith.laptop WHERE name = 'k'") == "1"
    # another laptop that was made and never synced keeps its name: only k's own is undone
    string = add_laptop("never-synced")
    other = new_db("other.db")
    for _ in range(2):
        r = hub("init", STATE["owner"], "--name", "never-synced", db=other)
        assert r.code != 0 and "already" in r.err, r.err
    ok(hub("join", string, db=new_db("never-synced.db")))


def test_a_row_whose_changes_take_two_batches_went_once():
    """A batch takes 2000 rows: a row changed again after 2000 others goes in two batches
    (both parts of its change reach the hub), and the summary counts it once."""
    setup()
    g = new_db("g.db")
    people = os.path.join(SCRATCH, "g-people.csv")
    with open(people, "w") as f:
        f.write("given_name,family_name\n")
        f.writelines(f"Batchling{i},Twopart{i:04d}\n" for i in range(2100))
    ok(kith("import", "people", people, db=g))  # no accounts here yet: no login
    ok(hub("join", add_laptop("g"), db=g))
    con = sqlite3.connect(g)
    first = con.execute("SELECT key FROM sync_outbox WHERE tbl = 'person' ORDER BY n "
                        "LIMIT 1").fetchone()[0]
    con.close()
    ok(kith("person", "edit", first, "--notes", "changed after joining", db=g))
    con = sqlite3.connect(g)
    rows = con.execute("SELECT count(*) FROM (SELECT DISTINCT tbl, key FROM sync_outbox)"
                       ).fetchone()[0]
    later = con.execute("SELECT count(*) FROM sync_outbox WHERE tbl = 'person' AND key = ? "
                        "AND n > (SELECT min(n) + 2000 FROM sync_outbox)", (first,)).fetchone()[0]
    con.close()
    assert rows > 2000 and later == 1, (rows, later)  # its change is split across batches
    out = sync(g)
    assert f", {rows} went." in out, (rows, out)
    assert show(g, first, login="cora")["notes"] == "changed after joining"


def test_a_hub_row_that_breaks_a_rule_here_is_left_out_and_the_rest_come():
    """A row no kith would make (a birth year before 1900), pushed straight at the hub by a
    laptop's credentials, is left out where it breaks the file's rule: the sync says so to a
    coordinator, the audit keeps it, the row after it comes, and later syncs carry on."""
    a, b = setup()
    both_sync()
    data = json.loads(owner_value("SELECT data FROM kith.row WHERE tbl = 'person' AND "
                                  "data ->> 'deleted_at' IS NULL AND data ->> 'restricted' = "
                                  "'0' LIMIT 1"))
    bad = dict(data, id=str(uuid.uuid4()), given_name="Brokenrule", birth_year=1800)
    good = dict(data, id=str(uuid.uuid4()), given_name="Afterwards", birth_year=None)
    changes = [{"t": "person", "k": r["id"], "c": None, "o": None, "d": r} for r in (bad, good)]
    psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
    r = subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                        "SELECT kith.push(gen_random_uuid(), (kith.hello(18) ->> 'seq')::bigint, "
                        f"$j${json.dumps(changes)}$j$)", STATE["b_string"]],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    out = sync(a, login="wes")  # a worker is not told (the row might be about anyone)
    assert "left out" not in out and good["id"] in ids(a), out
    out = sync(b, login="cora")
    assert "1 row from the hub was left out here as it breaks a rule of this kith (person " \
        f"{bad['id']}: CHECK constraint failed: birth_year" in out, out
    assert good["id"] in ids(b) and bad["id"] not in ids(b, login="cora")
    trail = ok(kith("audit", "--json", "--limit", "100", db=b, login="ada")).json()
    assert any(e.get("record_id") == bad["id"] and "left out of a sync" in e.get("detail", "")
               for e in trail), trail[:3]
    assert "left out" not in sync(b, login="cora")  # the next sync goes on past it
    # a new laptop's first sync, in bulk (pages applied as an import writes them), the same
    h = new_db("h.db")
    ok(hub("join", add_laptop("h"), db=h))
    out = sync(h, env={"KITH_SYNC_BULK": "50"})
    assert f"(person {bad['id']}: CHECK constraint failed: birth_year" in out, out
    assert good["id"] in ids(h, login="cora") and bad["id"] not in ids(h, login="cora")


def test_a_hub_reached_over_tls_gives_its_laptops_the_same_checks():
    """The string add-laptop prints keeps the hub's host, port and TLS settings
    (sslmode=verify-full and the CA), and a laptop joins and syncs with it."""
    where = os.path.join(SCRATCH, "hub-tls")
    owner = pghub.start(where, "--tcp", "0", "--tls")
    try:
        assert "sslmode=verify-full" in owner
        t, u = new_db("tls-a.db"), new_db("tls-b.db")
        ok(kith("person", "add", "--given-name", "Tamsin", "--family-name", "Vale", db=t))
        ok(hub("init", owner, "--name", "tls-a", db=t))  # no accounts: no login
        string = ok(kith("hub", "add-laptop", "tls-b", db=t)).out.strip().splitlines()[-1]
        words = dict(w.split("=", 1) for w in string.split())
        for key in ("host", "port", "dbname", "sslmode", "sslrootcert"):
            assert words[key] == dict(w.split("=", 1) for w in owner.split())[key], key
        assert words["user"] == "kith_laptop_tls_b"
        ok(hub("join", string, db=u))
        sync(t)
        assert "1 came" in sync(u)
        assert ok(kith("person", "list", "--search", "Tamsin", db=u)).out.count("Vale") == 1
        # a string that does not check the hub's certificate against the right CA is refused
        bad = string.replace(words["sslrootcert"], "/nonexistent/ca.crt")
        r = hub("join", bad, db=new_db("tls-c.db"))
        assert r.code == 3 and "could not be reached" in r.err, r.err
    finally:
        pghub.stop(where)


def as_owner(sql, owner=None):
    psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
    r = subprocess.run([psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql,
                        owner or STATE["owner"]],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def owner_value(sql):
    psql = sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))[-1]
    r = subprocess.run([psql, "-X", "-A", "-t", "-q", "-c", sql, STATE["owner"]],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_the_hubs_data_version_is_the_kith_that_ran_init():
    """A laptop's hello no longer moves it (any laptop could claim a version): init does."""
    a, _ = setup()
    con = sqlite3.connect(a)
    version = con.execute("PRAGMA user_version").fetchone()[0]
    con.close()
    assert owner_value("SELECT value FROM kith.meta WHERE key = 'data_version'") == str(version)


def test_a_hub_made_by_an_older_kith_is_brought_forward_by_init_again():
    a, b = setup()
    as_owner("UPDATE kith.meta SET value = '0' WHERE key = 'schema'")
    r = kith("sync", db=b, login="wes")
    assert r.code == 1 and "was made by an older kith: an admin runs kith hub init" in r.err
    # init again, from another admin's laptop: the hub keeps all it holds
    e = new_db("e.db")
    ok(hub("init", STATE["owner"], "--name", "e", db=e))
    sync(b, login="wes")
    assert "people" in sync(e) and ids(e, login="wes") == ids(b)


def test_a_hub_put_back_to_an_older_copy_is_refused():
    """A hub restored to an earlier moment would hand out numbers laptops have passed: their
    next sync is refused, saying so, rather than skipping rows."""
    where = os.path.join(SCRATCH, "hub-old")
    owner = pghub.start(where)
    try:
        p = new_db("p.db")
        for given in ("Petra", "Paulo"):
            ok(kith("person", "add", "--given-name", given, "--family-name", "Old", db=p))
        ok(hub("init", owner, "--name", "p", db=p))
        sync(p)
        as_owner("DELETE FROM kith.row WHERE seq > (SELECT min(seq) FROM kith.row)", owner)
        r = kith("sync", db=p)
        assert r.code == 1 and "was put back to an older copy" in r.err, r.err
        assert "your work is kept here" in r.err
    finally:
        pghub.stop(where)


# ---- privacy and who may ----

def test_the_connection_string_is_kept_for_this_account_alone():
    _, b = setup()
    path = b + ".hub"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "password=" in open(path).read()
    os.chmod(path, 0o644)
    try:
        r = kith("sync", db=b, login="wes")
        assert r.code == 3 and "can be read by others (mode 0644)" in r.err, r.err
    finally:
        os.chmod(path, 0o600)
    sync(b, login="wes")


def test_who_may_sync_and_administer_the_hub():
    a, b = setup()
    r = kith("sync", db=b)  # B has accounts now
    assert r.code == 1 and "give --user NAME" in r.err, r.err
    r = kith("hub", "status", db=a, login="wes")
    assert r.code == 1 and "coordinator" in r.err, r.err
    r = ok(kith("hub", "status", db=a, login="cora"))
    assert "  a " in r.out and "(admin)" in r.out and "  b " in r.out, r.out
    assert "The hub holds:" in r.out and "people" in r.out
    for args, string in ((("hub", "add-laptop", "d"), None),
                         (("hub", "init", "--name", "d"), STATE["owner"] + "\n")):
        r = kith(*args, db=a, login="cora", input=string)
        assert r.code == 1 and "admin" in r.err and r.out == "", (args, r.err)
    r = kith("hub", "add-laptop", "Not A Name", db=a, login="ada")
    assert r.code == 1 and "small letters" in r.err, r.err
    r = kith("hub", "add-laptop", "b", db=a, login="ada")
    assert r.code == 1 and "on this hub already" in r.err, r.err


def test_a_worker_is_told_nothing_of_a_restricted_person_who_came():
    a, b = setup()
    both_sync()
    zeph = add_person(a, "Zephyrine", "Brackwater", "--restricted", "yes", login="cora")
    ok(kith("conversation", "add", "--person", zeph, "--hopes", "a quiet allotment", db=a,
            login="cora"))
    sync(a, login="cora")
    out = sync(b, login="wes")
    assert "Zephyrine" not in out and "people" not in out and "conversations" not in out, out
    assert zeph not in ids(b)
    assert zeph in ids(b, login="cora")  # it came all the same: a coordinator sees her
    # nor that she was erased
    ok(kith("person", "erase", zeph, "--reason", "asked to be forgotten", db=a, login="cora"))
    sync(a, login="cora")
    out = sync(b, login="wes")
    assert "erased" not in out and "Zephyrine" not in out and "people" not in out, out
    r = kith("person", "show", zeph, db=b, login="cora")
    assert r.code == 1 and "deleted" in r.err, r.err


def test_a_worker_is_told_no_conflict_over_a_restricted_person():
    """A coordinator's change here to a restricted person, replaced at the hub by one made on
    another laptop: a worker syncing this laptop is not told of the conflict (they may not know
    the person is there), a coordinator is."""
    a, b = setup()
    yara = add_person(a, "Yarrow", "Plenderleith", "--restricted", "yes", login="cora")
    both_sync()
    for n, who, told in ((1, "wes", False), (2, "cora", True)):
        ok(kith("person", "edit", yara, "--notes", f"here {n}", db=b, login="cora"))
        ok(kith("person", "edit", yara, "--notes", f"there {n}", db=a, login="cora"))
        sync(a, login="cora")
        out = sync(b, login=who)
        assert ("1 field changed here had been changed" in out) == told, (who, out)
        assert "Yarrow" not in out and ("people" in out) == told, (who, out)


def test_an_erasure_reaches_every_laptop_and_the_coordinator_is_told_who_waits():
    a, b = setup()
    ines = add_person(a, "Ines", "Quarrington", "--what-matters", "singing")
    both_sync()
    assert ines in ids(b)
    ok(kith("person", "erase", ines, "--reason", "asked to be forgotten", db=a, login="cora"))
    out = sync(a, login="cora")
    assert "has not reached b" in out, out  # (and any other laptop that has not synced)
    assert "Ines" not in out
    out = sync(b, login="wes")
    assert "1 person was erased here" in out, out
    r = kith("person", "show", ines, db=b, login="cora")
    assert r.code == 1 and "deleted" in r.err, r.err
    assert "has not reached b" not in sync(a, login="cora")


def main():
    pghub.remove_at_exit(SCRATCH)
    return run_suite("cli-sync", globals())


if __name__ == "__main__":
    sys.exit(main())
