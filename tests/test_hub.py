#!/usr/bin/python3
"""The hub's SQL (src/core/hub.sql) for real: a private PostgreSQL (tests/pgtmp), the schema
installed through core's hub_schema_install (hub_driver, as `kith hub init` does), laptops made
with kith.add_laptop, and each laptop's calls made as that laptop's own role with psql. What a
laptop would notice: both of two changes to different columns kept, the later push winning a
column with the lost value kept, a referral's status never moving back, a batch sent twice
applied once, a push behind an erasure refused, pulls in the hub's order from a cursor, a
laptop's role unable to read a table or to make laptops, a revoked laptop unable to log in,
init run twice harmless, TLS with sslmode=verify-full, and a suite killed as meson's timeout
kills one leaving no server and no directory behind (tests/pghub.py, tests/pghub.c).
Usage: test_hub.py PATH-TO-hub_driver PATH-TO-pghub_driver"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

import pghub
from suite import passed_on, run as run_suite

DRIVER = os.path.abspath(sys.argv[1])
PGHUB_DRIVER = os.path.abspath(sys.argv[2])
SCRATCH = tempfile.mkdtemp(prefix="kith-test-hub-")
# psql and the server see nothing of this machine's PG* settings (nor a faked clock)
CLEAN = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
         "PGCONNECT_TIMEOUT": "10"}
PSQL = shutil.which("psql") or "/usr/bin/psql"


def pgtmp(*args):
    r = subprocess.run([pghub.PGTMP, *args], capture_output=True, text=True, env=CLEAN,
                       timeout=120)
    return r


def start(name, *opts):
    return pghub.start(os.path.join(SCRATCH, name), *opts)


def psql(conninfo, sql, fails=False):
    """Runs sql as whoever conninfo names; its output, or (fails=True) its error."""
    r = subprocess.run([PSQL, "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo],
                       input=sql, capture_output=True, text=True, env=CLEAN, timeout=60)
    if fails:
        assert r.returncode != 0, f"{sql!r} should have failed, gave {r.stdout!r}"
        return r.stderr
    assert r.returncode == 0, f"{sql!r}: {r.stderr}"
    return r.stdout.strip()


def install(conninfo):
    r = subprocess.run([DRIVER], input=conninfo + "\n", capture_output=True, text=True,
                       env=passed_on(), timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout.strip()


def as_role(conninfo, user, password):
    conninfo = re.sub(r"user=\S+", f"user={user}", conninfo)
    return re.sub(r"password=\S+", f"password={password}", conninfo)


def lit(value):
    """A SQL literal of text."""
    return "'" + str(value).replace("'", "''") + "'"


OWNER = start("hub")
install(OWNER)


class Laptop:
    def __init__(self, name, admin=False, owner=OWNER):
        self.name = name
        password = psql(owner, f"SELECT kith.add_laptop({lit(name)}, {str(admin).lower()})")
        self.conninfo = as_role(owner, "kith_laptop_" + name.replace("-", "_"), password)

    def call(self, sql, fails=False):
        return psql(self.conninfo, sql, fails)

    def hello(self):
        return json.loads(self.call("SELECT kith.hello(16)"))

    def push(self, changes, base=None, batch=None):
        base = self.hello()["seq"] if base is None else base
        batch = batch or str(uuid.uuid4())
        return json.loads(self.call(f"SELECT kith.push({lit(batch)}, {base}, "
                                    f"{lit(json.dumps(changes))}::jsonb)"))

    def pull(self, after, most=5000, quiet=False):
        """(seq, table, key, data, laptop) of each row after the cursor (data None: quiet, and
        the row is just what this laptop sent)."""
        rows = self.call(f"SELECT seq, tbl, key, laptop, coalesce(data, 'NULL') "
                         f"FROM kith.pull({after}, {most}, {str(quiet).lower()})")
        out = []
        for line in rows.splitlines():
            seq, tbl, key, who, data = line.split("|", 4)
            out.append((int(seq), tbl, key, None if data == "NULL" else json.loads(data), who))
        return out


_names = iter(range(1, 1000))


def laptop(admin=False):
    return Laptop(f"lap-{next(_names)}", admin)


def row(tbl, key):
    """The hub's row, as its owner reads it: (data, seq, laptop)."""
    out = psql(OWNER, f"SELECT data, seq, laptop FROM kith.row WHERE tbl = {lit(tbl)} "
                      f"AND key = {lit(key)}")
    if not out:
        return None
    data, seq, who = out.split("|")
    return json.loads(data), int(seq), who


def new_id():
    return str(uuid.uuid4())


def person(pid, **cols):
    d = {"id": pid, "given_name": "Ann", "family_name": "Okafor", "phone": "0700 000001",
         "postcode": "E1 6AN", "updated_at": "2026-11-01T09:00:00Z", "deleted_at": None}
    d.update(cols)
    return d


def insert(tbl, d, key=None):
    return {"t": tbl, "k": key or d["id"], "c": None, "o": None, "d": d}


def change(tbl, old, **cols):
    """An update as a laptop's outbox sends it: the columns it changed, the old values of the
    travelling columns, the row as it is now."""
    new = dict(old, **cols)
    return {"t": tbl, "k": old["id"], "c": sorted(cols), "o": old, "d": new}


def conflicts(key):
    out = psql(OWNER, f"SELECT col, kept, lost, kept_laptop, lost_laptop FROM kith.conflict "
                      f"WHERE key = {lit(key)} ORDER BY n")
    return [line.split("|") for line in out.splitlines()]


A, B = laptop(), laptop()


def test_init_twice_changes_nothing():
    pid = new_id()
    A.push([insert("person", person(pid))])
    before = psql(OWNER, "SELECT count(*), max(seq) FROM kith.row")
    laptops = psql(OWNER, "SELECT name, role, admin FROM kith.laptop ORDER BY name")
    assert install(OWNER) == "installed"
    assert psql(OWNER, "SELECT count(*), max(seq) FROM kith.row") == before
    assert psql(OWNER, "SELECT name, role, admin FROM kith.laptop ORDER BY name") == laptops
    assert row("person", pid)[0]["given_name"] == "Ann"
    assert A.hello()["laptop"] == A.name
    # and the laptops' roles still may not read a table
    assert "permission denied" in A.call("SELECT * FROM kith.row", fails=True)


def test_different_columns_both_kept():
    pid = new_id()
    p = person(pid)
    A.push([insert("person", p)])
    A.push([change("person", p, phone="0700 999999")])
    B.push([change("person", p, family_name="Okafor-Reid")])
    data = row("person", pid)[0]
    assert data["phone"] == "0700 999999" and data["family_name"] == "Okafor-Reid", data
    assert conflicts(pid) == []


def test_same_column_later_push_wins_and_the_lost_value_is_kept():
    pid = new_id()
    p = person(pid)
    A.push([insert("person", p)])
    first = A.push([change("person", p, phone="0700 111111")])
    assert first["conflicts"] == []
    later = B.push([change("person", p, phone="0700 222222")])
    assert row("person", pid)[0]["phone"] == "0700 222222"
    assert later["conflicts"] == [{"t": "person", "k": pid, "col": "phone",
                                   "lost_laptop": A.name}]
    assert conflicts(pid) == [["phone", '"0700 222222"', '"0700 111111"', B.name, A.name]]


def referral(rid, status, date, **cols):
    d = {"id": rid, "person_id": new_id(), "status": status, "status_date": date,
         "reason": "food bank"}
    d.update(cols)
    return d


def test_referral_status_only_moves_forward():
    rid = new_id()
    r = referral(rid, "made", "2026-11-01")
    A.push([insert("referral", r)])
    A.push([change("referral", r, status="attended", status_date="2026-11-05")])
    # B had not pulled: it moves the referral to contacted, later, and edits the reason
    answer = B.push([change("referral", r, status="contacted", status_date="2026-11-07",
                            reason="food bank and advice")])
    data = row("referral", rid)[0]
    assert (data["status"], data["status_date"]) == ("attended", "2026-11-05"), data
    assert data["reason"] == "food bank and advice"
    assert {c["col"] for c in answer["conflicts"]} == {"status", "status_date"}
    assert ["status", '"attended"', '"contacted"', A.name, B.name] in conflicts(rid)
    # forward moves are taken, and a status_date goes with its status
    B.push([change("referral", dict(data), status="closed", status_date="2026-11-09")])
    data = row("referral", rid)[0]
    assert (data["status"], data["status_date"]) == ("closed", "2026-11-09")
    # a whole row sent again (an insert's shape) does not move it back either
    A.push([insert("referral", referral(rid, "made", "2026-11-01"))])
    assert row("referral", rid)[0]["status"] == "closed"


def test_a_referral_moved_back_knowingly_stays_moved():
    rid = new_id()
    r = referral(rid, "did_not_attend", "2026-11-01")
    A.push([insert("referral", r)])
    # B saw did_not_attend and put them in touch again, as kith allows
    B.push([change("referral", r, status="contacted", status_date="2026-11-08")])
    data = row("referral", rid)[0]
    assert (data["status"], data["status_date"]) == ("contacted", "2026-11-08"), data
    assert conflicts(rid) == []
    # while A, not having pulled that, closed it: the furthest of the two wins
    A.push([change("referral", r, status="closed", status_date="2026-11-09")])
    assert row("referral", rid)[0]["status"] == "closed"


def test_a_batch_sent_twice_is_applied_once():
    pid = new_id()
    batch = str(uuid.uuid4())
    first = A.push([insert("person", person(pid, phone="1"))], batch=batch)
    _, seq, _ = row("person", pid)
    top = A.hello()["seq"]
    again = A.push([insert("person", person(pid, phone="2"))], batch=batch)
    assert again.get("repeat") is True
    assert {k: v for k, v in again.items() if k != "repeat"} == first
    assert row("person", pid) == (person(pid, phone="1"), seq, A.name)
    assert A.hello()["seq"] == top
    # the same batch id from another laptop is that laptop's own batch
    assert "repeat" not in B.push([insert("person", person(new_id()))], batch=batch)


def test_a_push_behind_an_erasure_is_refused():
    pid, other = new_id(), new_id()
    p = person(pid)
    A.push([insert("person", p), insert("person", person(other))])
    A.push([change("person", p, phone="0700 333333")])
    B.push([change("person", p, phone="0700 444444")])
    assert conflicts(pid) != []
    base = B.hello()["seq"]
    erased = {"person_id": pid, "erased_at": "2026-11-20T10:00:00Z",
              "created_at": "2026-11-20T10:00:00Z", "updated_at": "2026-11-20T10:00:00Z"}
    blank = person(pid, given_name="", family_name="", phone="", postcode="")
    A.push([insert("erasure", erased, key=pid), insert("person", blank)])
    assert conflicts(pid) == [], "an erased person's replaced values stay at the hub"
    top = B.hello()["seq"]
    refused = B.push([change("person", person(other), phone="0700 555555")], base=base)
    assert refused == {"refused": "erasure"}
    assert row("person", other)[0]["phone"] == "0700 000001"
    assert B.hello()["seq"] == top
    # after pulling the erasure, the same push goes through
    assert any(t == "erasure" and k == pid for _, t, k, _, _ in B.pull(base))
    assert B.push([change("person", person(other), phone="0700 555555")], base=top)["applied"]
    assert row("person", other)[0]["phone"] == "0700 555555"
    # a later change to the erased person keeps nothing of theirs in the conflicts
    B.push([change("person", blank, phone="0700 666666")])
    A.push([change("person", blank, phone="")])
    assert conflicts(pid) == []
    B.pull(B.hello()["seq"])  # B pulled to the end: the hub records how far it got
    status = json.loads(A.call("SELECT kith.status()"))
    behind = [e for e in status["erasures"] if e["key"] == pid]
    assert behind and A.name in behind[0]["waiting"], status["erasures"]
    assert B.name not in behind[0]["waiting"]
    assert [l["behind"] for l in status["laptops"] if l["name"] in (A.name, B.name)] == [
        True, False]


def test_every_touched_row_is_stamped_and_pulls_follow_the_stamps():
    start = A.hello()["seq"]
    ids = [new_id() for _ in range(5)]
    A.push([insert("person", person(i)) for i in ids])
    # sending a row unchanged still stamps it anew: the sender pulls the hub's row back
    _, seq, _ = row("person", ids[0])
    B.push([insert("person", person(ids[0]))])
    _, again, who = row("person", ids[0])
    assert again > seq and who == B.name
    pulled, cursor = [], start
    while True:
        page = B.pull(cursor, 2)
        if not page:
            break
        assert len(page) <= 2
        pulled += page
        cursor = page[-1][0]
    seqs = [s for s, _, _, _, _ in pulled]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert [k for _, t, k, _, _ in pulled if t == "person"] == ids[1:] + ids[:1]
    assert [who for _, _, k, _, who in pulled if k in ids] == [A.name] * 4 + [B.name]
    # the hub remembers how far each laptop pulled
    status = json.loads(A.call("SELECT kith.status()"))
    assert [l["cursor"] for l in status["laptops"] if l["name"] == B.name] == [cursor]


def test_a_quiet_pull_leaves_out_what_the_laptop_sent_itself():
    start = A.hello()["seq"]
    same, merged, theirs, refused = new_id(), new_id(), new_id(), new_id()
    p = person(merged)
    r = referral(refused, "made", "2026-11-01")
    B.push([insert("person", p), insert("person", person(theirs)), insert("referral", r)])
    B.push([change("referral", r, status="closed", status_date="2026-11-10")])
    A.push([insert("person", person(same)), change("person", p, phone="0700 777777"),
            change("referral", r, status="contacted", status_date="2026-11-11")])
    got = {k: (d, who) for _, _, k, d, who in A.pull(start, quiet=True)}
    assert got[same] == (None, A.name), "sent whole and kept whole: nothing to apply"
    assert got[merged] == (None, A.name), "its one column taken: A holds the row already"
    assert got[theirs][0] == person(theirs) and got[theirs][1] == B.name
    assert got[refused][0]["status"] == "closed", "the hub kept another status: A needs it"
    # without quiet every row comes whole, as before
    assert all(d is not None for _, _, _, d, _ in A.pull(start))
    # a row A sent and B changed later is B's
    B.push([change("person", person(same), given_name="Ada")])
    got = {k: d for _, _, k, d, _ in A.pull(start, quiet=True)}
    assert got[same]["given_name"] == "Ada"


def test_a_batch_naming_a_row_twice_and_columns_the_laptop_does_not_know():
    pid = new_id()
    p = person(pid, newer_column="kept")
    A.push([insert("person", p)])
    old = person(pid)  # B, an older kith, knows no newer_column
    B.push([change("person", old, phone="1"), change("person", dict(old, phone="1"),
                                                     given_name="Anna")])
    data = row("person", pid)[0]
    assert (data["phone"], data["given_name"], data["newer_column"]) == ("1", "Anna", "kept")
    B.push([insert("person", person(pid, phone="2"))])
    assert row("person", pid)[0]["newer_column"] == "kept"


def test_a_malformed_push_changes_nothing():
    top = A.hello()["seq"]
    err = A.call(f"SELECT kith.push({lit(uuid.uuid4())}, {top}, "
                 f"'[{{\"t\": \"person\", \"d\": {{}}}}]'::jsonb)", fails=True)
    assert "a table (t), a key (k) and data (d)" in err
    assert A.hello()["seq"] == top


def test_a_laptop_may_only_call_the_sync_functions():
    for table in ("row", "laptop", "batch", "conflict", "meta"):
        assert "permission denied" in A.call(f"SELECT * FROM kith.{table}", fails=True)
    assert "permission denied" in A.call("UPDATE kith.row SET seq = 0", fails=True)
    assert "permission denied" in A.call("SELECT nextval('kith.seq')", fails=True)
    assert "permission denied" in A.call("SELECT kith.merge('[]', 1, 'x')", fails=True)
    assert "permission denied" in A.call("SELECT kith.add_laptop('sneaky', true)", fails=True)
    assert "permission denied" in A.call(f"SELECT kith.revoke_laptop({lit(B.name)})",
                                         fails=True)
    assert "not a laptop of this hub" in psql(OWNER, "SELECT kith.hello(16)", fails=True)
    # an admin laptop makes and ends laptops
    admin = laptop(admin=True)
    made = Laptop("made-by-admin", owner=admin.conninfo)
    assert made.hello()["laptop"] == "made-by-admin"
    assert "already" in admin.call("SELECT kith.add_laptop('made-by-admin', false)", fails=True)
    assert "1 to 40" in admin.call("SELECT kith.add_laptop('Bad Name', false)", fails=True)
    admin.call("SELECT kith.revoke_laptop('made-by-admin')")


def test_the_hub_checks_the_numbers_and_the_version_a_laptop_gives():
    """A laptop cannot say it pulled past the hub's last number (erasures would look reached
    by it), nor push from beyond it (past an erasure), nor move the hub's data version."""
    lap = laptop()
    top = lap.hello()["seq"]
    last = int(psql(OWNER, "SELECT last_value FROM kith.seq"))
    err = lap.call(f"SELECT * FROM kith.pull({last + 1000}, 10)", fails=True)
    assert f"a pull after {last + 1000} is beyond the hub's last number {last}" in err, err
    assert psql(OWNER, f"SELECT cursor FROM kith.laptop WHERE name = {lit(lap.name)}") == "0"
    err = lap.call(f"SELECT kith.push({lit(uuid.uuid4())}, {last + 1}, '[]')", fails=True)
    assert "a push from" in err and "beyond the hub's last number" in err, err
    lap.pull(top)  # a number the hub handed out is taken
    assert psql(OWNER, f"SELECT cursor FROM kith.laptop WHERE name = {lit(lap.name)}") == \
        str(top)
    version = lap.hello()["data_version"]
    lap.call("SELECT kith.hello(99)")
    assert lap.hello()["data_version"] == version
    assert "permission denied" in lap.call("SELECT kith.raise_version(99)", fails=True)
    psql(OWNER, "SELECT kith.raise_version(17)")  # what kith hub init does
    assert lap.hello()["data_version"] == max(version, 17)


def test_a_revoked_laptop_cannot_log_in():
    gone = laptop()
    pid = new_id()
    gone.push([insert("person", person(pid))])
    # a session it has open when it is revoked is ended
    role = "kith_laptop_" + gone.name.replace("-", "_")
    open_session = subprocess.Popen(
        [PSQL, "-X", "-At", "-d", gone.conninfo, "-c", "SELECT pg_sleep(600)"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=CLEAN)
    for _ in range(600):  # until the server shows it (no sleep: each look is a psql run)
        if psql(OWNER, f"SELECT count(*) FROM pg_stat_activity WHERE usename = {lit(role)}"
                       " AND query LIKE '%pg_sleep%'") == "1":
            break
    psql(OWNER, f"SELECT kith.revoke_laptop({lit(gone.name)})")
    _, said = open_session.communicate(timeout=60)
    assert open_session.returncode != 0 and "terminating connection" in said, said
    err = gone.call("SELECT kith.hello(16)", fails=True)
    assert "not permitted to log in" in err or "authentication failed" in err, err
    status = json.loads(A.call("SELECT kith.status()"))
    mine = [l for l in status["laptops"] if l["name"] == gone.name]
    assert mine and mine[0]["revoked"], mine
    assert row("person", pid) is not None, "what it pushed before stays"
    # its name is not given out again
    assert "already" in psql(OWNER, f"SELECT kith.add_laptop({lit(gone.name)}, false)",
                             fails=True)


def test_tls_with_verify_full():
    owner = start("tls", "--tcp", "0", "--tls")
    try:
        assert "sslmode=verify-full" in owner and "host=localhost" in owner
        assert install(owner) == "installed"
        lap = Laptop("tls-laptop", owner=owner)
        assert lap.call("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()") == "t"
        assert lap.hello()["laptop"] == "tls-laptop"
        # the certificate is for localhost: verify-full refuses the same server by address
        err = psql(owner.replace("host=localhost", "host=127.0.0.1"), "SELECT 1", fails=True)
        assert "does not match host name" in err, err
        # and the server takes no connection without TLS
        err = psql(owner.replace("sslmode=verify-full", "sslmode=disable"), "SELECT 1",
                   fails=True)
        assert "no encryption" in err, err
        # a second server on the same port is refused, saying why, and leaves nothing
        port = re.search(r"port=(\d+)", owner).group(1)
        busy = pgtmp("start", os.path.join(SCRATCH, "busy"), "--tcp", port)
        assert busy.returncode == 1 and f"port {port}" in busy.stderr, busy.stderr
        assert not os.path.exists(os.path.join(SCRATCH, "busy"))
    finally:
        assert pghub.stop(os.path.join(SCRATCH, "tls")).returncode == 0
    assert not os.path.exists(os.path.join(SCRATCH, "tls"))


# A suite killed as meson kills one at its timeout: SIGTERM to its process group, SIGKILL to
# what is left of it. Its cluster is up when it prints the owner's string; then it waits.
KILLED_SUITE = """
import sys
sys.path.insert(0, sys.argv[1])
import pghub
pghub.remove_at_exit(sys.argv[3])
print(pghub.start(sys.argv[2]), flush=True)
sys.stdin.read()
"""
PATIENCE = 120  # seconds after which a wait is a failure, not a slow machine


def postmasters(pgdata):
    """The pids of the processes whose command line names pgdata (its postmaster)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                words = f.read().decode(errors="replace").split("\0")
        except OSError:
            continue  # ended meanwhile
        if pgdata in words:
            found.append(int(pid))
    return found


def killed_suite_leaves_nothing(name, argv, where, gone=()):
    """Starts a suite-like child (argv, in a session of its own) whose cluster lives in where,
    kills it as meson's timeout does once that cluster is up, and waits for the postmaster,
    where, the cluster's own directory and the paths in gone to be gone."""
    suite = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=CLEAN,
                             start_new_session=True)
    try:
        owner = suite.stdout.readline()
        assert "user=kith_owner" in owner, f"{name}: {suite.stderr.read()}"
        with open(os.path.join(where, "pgtmp.cluster")) as f:
            data = f.read().strip()
        pgdata = os.path.join(data, "pgdata")
        assert postmasters(pgdata), f"{name}: the cluster runs"
        os.killpg(suite.pid, signal.SIGTERM)
        suite.wait(timeout=PATIENCE)
        assert suite.returncode == -signal.SIGTERM, (name, suite.returncode)
        try:
            os.killpg(suite.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # nothing of it left
        # stopping takes a moment, done by a process of its own: wait until it is done
        left = [where, data, *gone]
        t0 = time.monotonic()
        while postmasters(pgdata) or any(os.path.exists(p) for p in left):
            assert time.monotonic() - t0 < PATIENCE, (
                f"{name}, after {PATIENCE} s: postmaster {postmasters(pgdata)}, "
                f"{[p for p in left if os.path.exists(p)]} still there")
            time.sleep(0.05)
    finally:
        suite.kill()
        suite.communicate()
        if os.path.exists(where):
            pghub.stop(where)


def test_a_python_suite_killed_by_sigterm_leaves_no_server_and_no_directory():
    top = tempfile.mkdtemp(prefix="killed-", dir=SCRATCH)  # its scratch, removed too
    where = os.path.join(top, "pg")
    tests = os.path.dirname(os.path.abspath(__file__))
    killed_suite_leaves_nothing("tests/pghub.py", [sys.executable, "-c", KILLED_SUITE, tests,
                                                   where, top], where, [top])


def test_a_c_suite_killed_by_sigterm_leaves_no_server_and_no_directory():
    where = os.path.join(SCRATCH, "killed-c")
    killed_suite_leaves_nothing("tests/pghub.c", [PGHUB_DRIVER, where], where)


def finish():
    r = pghub.stop(os.path.join(SCRATCH, "hub"))
    assert r.returncode == 0, r.stderr


if __name__ == "__main__":
    pghub.remove_at_exit(SCRATCH)
    status = run_suite("hub", globals())
    finish()
    sys.exit(status)
