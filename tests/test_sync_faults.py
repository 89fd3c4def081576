#!/usr/bin/python3
"""Faults a sync meets in the field, through the real binary and a real PostgreSQL
(tests/pgtmp): the hub restarted in the middle of a pull, a sync killed in the middle of a
pull and of a push, a laptop back after months away, a backup restored on a joined laptop.
Mid-way is found by polling, never by sleeping: the laptop's sync_state (read only) says a
page came, and a lock the hub's owner holds in the hub keeps the sync waiting inside its next
call, which pg_stat_activity shows. Laptops and the hub are compared whole with
bench/sync_dump (syncdb_dump's lines). Usage: test_sync_faults.py PATH-TO-KITH PATH-TO-SYNC_DUMP"""

import glob
import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

import pghub
from suite import run as run_suite
from test_cli import BASE_ENV, DEMO_PASSWORDS, KITH, SCRATCH, kith, new_db, ok

DUMP = os.path.abspath(sys.argv[2])
HUB_DIR = os.path.join(SCRATCH, "hub")
HOLDER = "kith-faults-holder"  # the application_name of the owner's session that holds a lock
STATE = {}
A_YEAR = 365 * 24 * 3600
NADIA = "lantern meadow copper kettle"  # an account made after the others
POLL = 0.01  # seconds between two looks at something a test waits for (never a deadline)
PATIENCE = 120  # seconds after which a wait is a failure, not a slow machine


def pg_bin(name):
    return sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1]


def owner_sql(sql):
    """Runs sql as the hub's owner; its rows, one tab-separated line each."""
    r = subprocess.run([pg_bin("psql"), "-X", "-q", "-A", "-t", "-F", "\t", "-v",
                        "ON_ERROR_STOP=1", "-c", sql, STATE["owner"]],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout


def restart_hub():
    """pg_ctl restart -m fast: every session ended at once, as a hub's machine restarting."""
    with open(os.path.join(HUB_DIR, "pgtmp.cluster")) as f:
        data = f.read().strip()
    cmd = [pg_bin("pg_ctl"), "restart", "-m", "fast", "-w", "-t", "60", "-D",
           os.path.join(data, "pgdata"), "-l", os.path.join(data, "server.log")]
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "nobody", "--"] + cmd
    # as tests/pgtmp starts it: on the machine's own clock
    r = subprocess.run(cmd, cwd=data, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, timeout=120, env=pghub.unfaked_env())
    assert r.returncode == 0, r.stderr


def wait_for(what, check, proc=None):
    """Polls check() until it is true; fails if proc ends first or after PATIENCE."""
    t0 = time.monotonic()
    while not check():
        if proc is not None and proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the sync ended before {what}: {proc.returncode} {err} {out}")
        assert time.monotonic() - t0 < PATIENCE, f"waited {PATIENCE} s for {what}"
        time.sleep(POLL)


# ---- laptops ----

def sync(db, login=None, env=None):
    return ok(kith("sync", db=db, login=login, env=env)).out


def spawn(args, db, login=None, env=None):
    """kith running in the background; its password through a pipe, as kith() gives it."""
    cmd = [KITH, "--db", db]
    e = dict(BASE_ENV)
    e.update(env or {})
    fds = ()
    if login:
        r, w = os.pipe()
        os.write(w, (DEMO_PASSWORDS[login] + "\n").encode())
        os.close(w)
        cmd += ["--user", login, "--password-fd", str(r)]
        fds = (r,)
    p = subprocess.Popen(cmd + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, env=e, pass_fds=fds)
    for fd in fds:
        os.close(fd)
    return p


def sync_state(db, writable=False):
    """The laptop's cursor and outbox, read as another reader would (read only while a kith
    runs; writable once none does, so that a killed one's journal is rolled back)."""
    con = sqlite3.connect(db if writable else f"file:{db}?mode=ro", uri=not writable,
                          timeout=60)
    try:
        return con.execute("SELECT cursor, (SELECT count(*) FROM sync_outbox), laptop, joined "
                           "FROM sync_state").fetchone()
    finally:
        con.close()


def unlogged(line):
    """A dump's line without an account's last login (logging in to sync writes it)."""
    if line.startswith("worker\t"):
        return re.sub(r'"last_login":("[^"]*"|null),?', "", line)
    return line


def dump(db):
    r = subprocess.run([DUMP, db], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return sorted(unlogged(x) for x in r.stdout.splitlines())


def hub_dump():
    rows = owner_sql("SELECT tbl, key, data::text FROM kith.row")
    r = subprocess.run([DUMP, "--hub"], input=rows, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return sorted(unlogged(x) for x in r.stdout.splitlines())


def hub_counts():
    return dict(line.split("\t") for line in owner_sql(
        "SELECT tbl, count(*) FROM kith.row GROUP BY tbl").splitlines())


def dump_counts(lines):
    counts = {}
    for line in lines:
        tbl = line.split("\t", 1)[0]
        counts[tbl] = counts.get(tbl, 0) + 1
    return {k: str(v) for k, v in counts.items()}


def assert_level(*dbs):
    """Every laptop holds the hub's rows, each once (the dumps are of keys: a row doubled
    under a new key would show in the counts)."""
    want = hub_dump()
    assert dump_counts(want) == hub_counts()
    for db in dbs:
        got = dump(db)
        assert len(got) == len(set(got)), db
        if got != want:
            extra = [x[:160] for x in sorted(set(got) - set(want))][:5]
            missing = [x[:160] for x in sorted(set(want) - set(got))][:5]
            raise AssertionError(f"{db} differs from the hub: here only {extra}; "
                                 f"at the hub only {missing}")


def add_laptop(name):
    r = ok(kith("hub", "add-laptop", name, db=STATE["a"], login="ada"))
    return r.out.strip().splitlines()[-1]


def join(name):
    """A new empty laptop joined to the hub (not yet synced)."""
    db = new_db(name + ".db")
    ok(kith("hub", "join", db=db, input=add_laptop(name) + "\n"))
    return db


def setup():
    """Laptop A, a demo large enough for several pages (5000 rows a page), makes the hub."""
    if STATE:
        return STATE["a"]
    STATE["owner"] = pghub.start(HUB_DIR)
    a = new_db("a.db")
    STATE["a"] = a
    ok(kith("demo", "--people", "2000", "--assets", "60", "--referrals", "4000", db=a))
    ok(kith("hub", "init", "--name", "a", db=a, login="ada", input=STATE["owner"] + "\n"))
    return a


def pushed():
    """A's first sync done (the killed push's test does it the hard way)."""
    a = setup()
    if sync_state(a)[1]:
        sync(a, login="wes")
    return a


def person_ids(db, login="cora"):
    return sorted(p["id"] for p in ok(kith("person", "list", "--json", "--limit", "9000",
                                           db=db, login=login)).json())


def show(db, pid, login="cora"):
    return ok(kith("person", "show", pid, "--json", db=db, login=login)).json()


# ---- a lock the hub's owner holds: a sync waits inside its next call ----

class Holder:
    """A psql session of the owner holding a lock in an open transaction."""

    def __init__(self, lock_sql):
        self.p = subprocess.Popen([pg_bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                                   STATE["owner"] + f" application_name={HOLDER}"],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        self.p.stdin.write(f"BEGIN;\n{lock_sql};\n")
        self.p.stdin.flush()
        wait_for("the owner's lock", self.holding, self.p)

    def holding(self):
        return owner_sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                         f"'{HOLDER}' AND state = 'idle in transaction'").strip() == "1"

    def release(self):
        if self.p.poll() is None:
            try:
                self.p.stdin.write("COMMIT;\n")
                self.p.stdin.close()
            except BrokenPipeError:
                pass  # the hub ended the session (restarted): the lock went with it
        self.p.wait(timeout=120)


def waiting_in(laptop, call, proc):
    """Waits until laptop's sync waits for a lock inside the hub's kith.CALL."""
    role = "kith_laptop_" + laptop.replace("-", "_")

    def waits():
        return owner_sql("SELECT count(*) FROM pg_stat_activity WHERE usename = "
                         f"'{role}' AND wait_event_type = 'Lock' AND query LIKE "
                         f"'%kith.{call}(%'").strip() == "1"
    wait_for(f"{laptop} waiting in kith.{call}", waits, proc)


def stopped_mid_pull(db, name, proc):
    """A lock on the laptop's row at the hub (kith.pull moves its cursor there) once a page
    has come: the pull waits in its next call, mid-way. The holder is returned."""
    wait_for("a first page", lambda: sync_state(db)[0] > 0, proc)
    holder = Holder(f"SELECT 1 FROM kith.laptop WHERE name = '{name}' FOR UPDATE")
    try:
        waiting_in(name, "pull", proc)
    except BaseException:
        holder.release()
        raise
    cursor = sync_state(db)[0]
    top = int(owner_sql("SELECT max(seq) FROM kith.row"))
    assert 0 < cursor < top, (cursor, top)  # mid-way: some pages came, not all
    return holder


# ---- the tests (numbered: they run in this order, the first doing A's first sync) ----

def test_1_a_sync_killed_mid_push_resumes_and_doubles_nothing():
    a = setup()
    total = sync_state(a)[1]
    assert total > 10000, total  # its first push: many batches (2000 keys each)
    p = spawn(["sync"], a, login="wes")
    try:
        wait_for("a first batch taken", lambda: 0 < sync_state(a)[1] < total, p)
        holder = Holder("SELECT pg_advisory_xact_lock(hashtext('kith.stamp'))")
        try:
            waiting_in("a", "push", p)
            p.send_signal(signal.SIGKILL)
            p.wait(timeout=60)
        finally:
            holder.release()  # the batch in flight is taken by the hub; its answer is lost
    finally:
        if p.poll() is None:
            p.kill()
        p.communicate()
    left = sync_state(a)[1]
    assert 0 < left < total, (left, total)
    out = sync(a, login="wes")
    assert "people" in out and "went" in out, out
    assert sync_state(a)[1] == 0
    assert_level(a)
    assert hub_counts()["person"] == "2000"


def killed_mid_pull(name, env=None, accounts=False):
    """A new laptop's first sync killed once some pages came: the next, run as the first
    began (without logging in: not every account has come), ends it; nothing lost, nothing
    twice."""
    a = pushed()
    b = join(name)
    p = spawn(["sync"], b, env=env)  # no accounts there yet: no login
    try:
        holder = stopped_mid_pull(b, name, p)
        cursor = sync_state(b)[0]
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=60)
        holder.release()
    finally:
        if p.poll() is None:
            p.kill()
        p.communicate()
    # what came stays, no going back to 0: the page applied while the next was asked for (the
    # pull that waits) may have come after the look above, so at least that much
    assert sync_state(b, writable=True)[0] >= cursor > 0
    # the accounts came only in part, or none with a password yet: not nadia's, made last
    r = kith("person", "list", db=b, login="nadia", password=NADIA)
    assert r.code == 1 and ("wrong name or password" in r.err or "no accounts yet" in r.err), \
        r.err
    if accounts:  # some did come: nothing else runs without logging in
        r = kith("person", "list", db=b)
        assert r.code == 1 and "give --user NAME" in r.err, r.err
    r = ok(kith("sync", db=b, env=env))
    came = int(re.search(r"(\d+) came", r.out).group(1))
    assert 0 < came < int(owner_sql("SELECT count(*) FROM kith.row")), r.out  # only the rest
    assert_level(a, b)
    assert person_ids(b) == person_ids(a) and len(person_ids(a)) == 2000
    ok(kith("person", "list", db=b, login="nadia", password=NADIA))  # hers came too


def test_2_a_sync_killed_mid_pull_resumes_where_it_was():
    a = pushed()
    # an account made lately: stamped after everything else, it comes in the last page
    ok(kith("user", "add", "nadia", "--role", "worker", "--new-password-fd", "0", db=a,
            login="ada", input=NADIA + "\n"))
    sync(a, login="wes")
    killed_mid_pull("killed-pull", accounts=True)


def test_2b_a_bulk_pull_killed_mid_way_resumes_from_its_last_group():
    """A laptop far behind pulls in bulk, groups of pages to a transaction without the log
    (KITH_SYNC_BULK: 2000 rows a page, 6000 a group, ten pages in all): killed, it keeps the groups done."""
    killed_mid_pull("killed-bulk", env={"KITH_SYNC_BULK": "2000"})


def test_3_the_hub_restarted_mid_pull_stops_the_sync_and_the_next_one_ends_it():
    a = pushed()
    b = join("restarted")
    p = spawn(["sync"], b)
    try:
        holder = stopped_mid_pull(b, "restarted", p)
        cursor = sync_state(b)[0]
        restart_hub()
        holder.release()
        out, err = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            p.kill()
            p.communicate()
    assert p.returncode == 3, (p.returncode, err, out)
    assert "went away" in err and "your work is kept here" in err, err
    assert sync_state(b)[0] >= cursor
    sync(b)  # its first sync had not ended: no login yet
    sync(a, login="wes")
    assert_level(a, b)


def file_digest(db):
    h = hashlib.sha256()
    for tail in ("", "-wal"):
        if os.path.exists(db + tail):
            with open(db + tail, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def test_4_a_laptop_back_after_a_year_comes_level_and_its_old_changes_go_up():
    a = pushed()
    b = join("often")
    c = join("away")
    sync(b)
    sync(c)
    people = person_ids(a)
    p1, p2, gone = people[10], people[11], people[12]
    # away's changes, made offline before it goes away
    ok(kith("person", "edit", p1, "--phone", "07700 900301", db=c, login="wes"))
    ok(kith("person", "edit", p2, "--notes", "noted on the laptop that went away", db=c,
            login="wes"))
    was = file_digest(c)
    # meanwhile: many syncs, an erasure, and later edits of the same people elsewhere
    ok(kith("person", "erase", gone, "--reason", "asked to be forgotten", db=a, login="cora"))
    for i in range(6):
        ok(kith("person", "edit", people[20 + i], "--notes", f"round {i}", db=a, login="wes"))
        sync(a, login="wes")
        sync(b, login="wes")
    ok(kith("person", "edit", p1, "--email", "later@example.org", db=b, login="wes"))
    ok(kith("person", "edit", p2, "--notes", "noted later on another laptop", db=b,
            login="wes"))
    sync(b, login="wes")
    status = ok(kith("hub", "status", db=a, login="cora")).out
    assert re.search(r"has not reached [^\n]*away", status), status
    assert "often" not in re.findall(r"has not reached ([^\n]*)", status)[0], status
    assert file_digest(c) == was  # it stayed away: its file untouched
    later = {"KITH_TODAY": "2027-11-22", "KITH_CLOCK_SHIFT": str(A_YEAR)}
    out = sync(c, login="wes", env=later)
    assert "1 person was erased here" in out, out
    assert "1 field changed here had been changed on another laptop too" in out, out
    status = ok(kith("hub", "status", db=a, login="cora", env=later)).out
    assert "away" not in "".join(re.findall(r"has not reached ([^\n]*)", status)), status
    for db in (a, b):
        sync(db, login="wes", env=later)
    assert_level(a, b, c)
    # column by column: away's phone and the other's email both stay; its note came later
    for db in (a, c):
        p = show(db, p1)
        assert (p["phone"], p["email"]) == ("07700 900301", "later@example.org"), (db, p)
        assert show(db, p2)["notes"] == "noted on the laptop that went away"
    r = kith("person", "show", gone, db=c, login="cora")
    assert r.code == 1 and "deleted" in r.err, r.err
    assert not [x for x in dump(c) if gone in x and '"given_name":""' not in x
                and x.startswith("person\t")]


def test_5_a_backup_restored_on_a_joined_laptop_comes_level_and_undoes_nothing_at_the_hub():
    a = pushed()
    e = join("restored")
    sync(e)
    people = person_ids(a)
    p1, p2 = people[40], people[41]
    # a change not yet synced when the backup is taken: it is in the backup's outbox
    ok(kith("person", "edit", p1, "--notes", "before the backup", db=e, login="wes"))
    backup = new_db("restored-backup.db")
    ok(kith("backup", "--out", backup, db=e, login="cora"))
    sync(e, login="wes")
    # after the backup: the same field changed later elsewhere, and a change here that went up
    ok(kith("person", "edit", p1, "--notes", "later on laptop a", db=a, login="wes"))
    sync(a, login="wes")
    ok(kith("person", "edit", p2, "--phone", "07700 900404", db=e, login="wes"))
    sync(e, login="wes")
    before = sync_state(e)
    r = ok(kith("restore", backup, db=e, login="ada"))
    assert "its next sync brings it level with the hub" in r.out, r.out
    assert sync_state(e)[2:] == before[2:]  # still the same laptop of the same hub
    assert os.path.exists(e + ".hub")
    assert show(e, p2)["phone"] != "07700 900404"  # the backup's records, for now
    out = sync(e, login="wes")
    assert "came" in out, out
    sync(a, login="wes")
    assert_level(a, e)
    for db in (a, e):
        # what went up after the backup came back; the backup's old change did not undo a's
        assert show(db, p2)["phone"] == "07700 900404", db
        assert show(db, p1)["notes"] == "later on laptop a", db


def backed_up(name, given, family):
    """A database of one person, not joined to any hub, and a backup of it."""
    db, backup = new_db(name + ".db"), new_db(name + "-backup.db")
    ok(kith("person", "add", "--given-name", given, "--family-name", family, db=db))
    ok(kith("backup", "--out", backup, db=db))
    return db, backup


def test_6_a_backup_from_before_joining_restored_keeps_the_laptop_joined():
    a = pushed()
    f, backup = backed_up("early", "Enid", "Early")
    ok(kith("hub", "join", db=f, input=add_laptop("early") + "\n"))
    sync(f)
    r = ok(kith("restore", backup, db=f, login="ada"))
    assert "its next sync brings it level with the hub" in r.out, r.out
    assert sync_state(f)[2:] == ("early", 1)
    sync(f, login="wes")
    sync(a, login="wes")
    assert_level(a, f)


def test_7_another_databases_backup_restored_on_a_joined_laptop_goes_up_as_a_join_would():
    a = pushed()
    _, backup = backed_up("other", "Gwen", "Otherfile")
    g = join("taken-over")
    sync(g)
    r = ok(kith("restore", backup, db=g, login="ada"))
    assert "another database" in r.out and "brings it level with the hub" in r.out, r.out
    assert sync_state(g)[2:] == ("taken-over", 1)
    sync(g)  # the backup's accounts (none) are the file's now: no login
    sync(a, login="wes")
    assert_level(a, g)
    found = ok(kith("person", "list", "--search", "Otherfile", "--json", db=a,
                    login="wes")).json()
    assert len(found) == 1


def main():
    pghub.remove_at_exit(SCRATCH)
    return run_suite("sync-faults", globals())


if __name__ == "__main__":
    sys.exit(main())
