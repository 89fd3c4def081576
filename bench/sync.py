"""kith's sync benchmark (bench/run sync): a PostgreSQL hub of its own (tests/pgtmp, on a
loopback TCP port), a borough (100k people, 20k assets, 1M referrals) and the figures of issue
17, each beside its baseline:

- the first push of a borough into an empty hub (`kith hub init`, then `kith sync`), rows/s,
  and the hub's size on disk;
- a new laptop's first sync from that hub (`kith hub join`, then `kith sync` on an empty
  file), against PostgreSQL's COPY of the hub's rows out plus the plain C program inserting the
  same rows into a new file (bench/insert_baseline.c: what kith's bulk insert is measured
  against): goal at least 0.5 of the baseline's rate;
- a drop-in's 200 changes pushed by one laptop and pulled by another on loopback, goal under
  1 s;
- 20 laptops syncing at once against one hub (a smaller programme of their own), goal no
  errors, and every laptop ending with the hub's picture.

    bench/run sync [--quick] [--rounds N]

Wall and processor time (kith's, and the hub server's from its postmaster's reaped children);
each figure is the best of its rounds, the machine being shared. The borough is built once and
kept in ~/.cache/kith-bench; the hubs and laptops are made anew each run."""
import os
import sqlite3
import subprocess
import sys
import time

import network
from network import BUILD, CACHE, ROOT, say

ENV = network.ENV
KITH = os.environ.get("BENCH_KITH") or os.path.join(BUILD, "kith")
BASELINE = os.path.join(BUILD, "bench", "insert_baseline")
PGTMP = os.path.join(ROOT, "tests", "pgtmp")
PACKAGES = ["postgresql", "libpq-dev"]
FULL = {"people": 100000, "assets": 20000, "referrals": 1000000, "laptops": 20, "changes": 200}
QUICK = {"people": 1000, "assets": 200, "referrals": 5000, "laptops": 4, "changes": 200}
ADMIN, PASSWORD = "ada", "quiet harbour lantern"  # the demo's admin, as README gives it
# what never travels: kept on each laptop (the design's list; syncdb.c's SYNCDB_TABLES rules)
LOCAL_TABLES = {"audit", "audit_seal", "fts_queue", "referral_flow", "network_stamp",
                "network_kept", "draft", "sync_state", "sync_outbox"}
LOCAL_COLUMNS = {"fts_rowid", "tag_words", "trail_key", "key_vouch"}


def run(cmd, env=None, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(ENV, **(env or {})), **kw)
    if p.returncode != 0:
        sys.exit(f"bench/run sync: {' '.join(cmd)} failed:\n{p.stdout}{p.stderr}")
    return p.stdout


def children_cpu():
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Hub:
    """A private PostgreSQL (tests/pgtmp) on a loopback TCP port, written to disk as a real
    hub's is; url is its owner's connection string."""

    def __init__(self, name):
        self.dir = os.path.join(CACHE, name)
        self.url = None

    def start(self):
        if os.path.exists(self.dir):
            self.stop()
        # durable: a figure meant to describe a real hub, fsync and all
        self.url = run([PGTMP, "start", self.dir, "--tcp", "0", "--durable"]).strip()
        return self

    def stop(self):
        subprocess.run([PGTMP, "stop", self.dir], capture_output=True)

    def sql(self, query, *args):
        """psql's rows, '|' between columns (the owner's connection)."""
        return run(["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", self.url, "-c",
                    query] + list(args))

    def postmaster(self):
        with open(os.path.join(self.dir, "pgtmp.cluster")) as f:
            cluster = f.read().strip()
        with open(os.path.join(cluster, "pgdata", "postmaster.pid")) as f:
            return f.readline().strip()

    @staticmethod
    def backends(pid):
        """The server's processes serving a client now."""
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = f.read().split()
        found = []
        for kid in kids:
            try:
                with open(f"/proc/{kid}/cmdline") as f:
                    if "(" in f.read():  # "postgres: USER DB HOST(PORT) ..."
                        found.append(kid)
            except FileNotFoundError:
                pass
        return found

    def cpu(self):
        """The server's processor time so far: the postmaster's own and that of its reaped
        children (each connection's backend ends with the connection)."""
        pid = self.postmaster()
        for _ in range(200):  # a connection's backend is counted once it has been reaped
            if not self.backends(pid):
                break
            time.sleep(0.01)
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rpartition(")")[2].split()
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")


# ---- INTERIM: until tests/pgtmp, kith's hub and its commands land on main ----

def interim_fill(hub, db):
    """A table of the hub's shape (kith.row: tbl, key, jsonb data, seq), filled with the
    borough's travelling rows, to time COPY from before the hub lands."""
    hub.sql("CREATE SCHEMA kith; CREATE TABLE kith.row (tbl text, key text, data jsonb NOT "
            "NULL, seq bigint NOT NULL, laptop text, PRIMARY KEY (tbl, key)); "
            "CREATE INDEX row_seq ON kith.row (seq)")
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    p = subprocess.Popen(["psql", "-X", "-q", "-d", hub.url, "-c",
                          "COPY kith.row (tbl, key, data, seq, laptop) FROM STDIN"],
                         stdin=subprocess.PIPE, text=True, env=ENV)
    n = 0
    for name, (key, cols) in travelling(db).items():
        obj = ", ".join(f"'{c}', \"{c}\"" for c in cols)
        k = " || '|' || ".join(f'"{c}"' for c in key)
        for kv, data in con.execute(f'SELECT {k}, json_object({obj}) FROM "{name}"'):
            n += 1
            p.stdin.write(f"{name}\t{kv}\t{data.replace(chr(92), chr(92) * 2)}\t{n}\ta\n")
    p.stdin.close()
    if p.wait() != 0:
        sys.exit("bench/run sync: filling the interim hub table failed")
    con.close()
    hub.sql("ANALYZE kith.row")
    return n


# ---- the figures ----

def travelling(db):
    """The tables that travel and, for each, its key's columns and the columns sent."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = {}
    for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table' "
                               "ORDER BY name"):
        cols = con.execute("SELECT name, pk FROM pragma_table_info(?)", (name,)).fetchall()
        names = {c for c, _ in cols}
        if name in LOCAL_TABLES or not {"created_at", "updated_at"} <= names:
            continue
        key = [c for c, pk in sorted(cols, key=lambda x: x[1]) if pk]
        out[name] = (key, [c for c, _ in cols if c not in LOCAL_COLUMNS])
    con.close()
    return out


def borough(size):
    """The borough demo the first laptop holds (built once, kept)."""
    db = os.path.join(CACHE, f"sync-borough-{size['people']}.db")
    if not os.path.exists(db):
        say(f"  building a borough of {size['people']:,} people (kept)…")
        for suffix in ("", "-wal", "-shm", "-checked"):
            if os.path.exists(db + ".part" + suffix):
                os.remove(db + ".part" + suffix)
        run([KITH, "--db", db + ".part", "demo", "--people", str(size["people"]), "--assets",
             str(size["assets"]), "--referrals", str(size["referrals"])])
        os.rename(db + ".part", db)
    return db


def copy_out(hub, rounds):
    """PostgreSQL's COPY of every row the hub holds, to a client that throws it away: wall,
    the client's and the server's processor time; the best of rounds."""
    best = None
    for _ in range(rounds):
        c0, s0, t0 = children_cpu(), hub.cpu(), time.perf_counter()
        with open(os.devnull, "w") as null:
            subprocess.run(["psql", "-X", "-q", "-d", hub.url, "-c",
                            "COPY (SELECT tbl, key, data FROM kith.row) TO STDOUT"],
                           stdout=null, check=True, env=ENV)
        got = (time.perf_counter() - t0, children_cpu() - c0, hub.cpu() - s0)
        best = got if best is None or got[0] < best[0] else best
    return best


def bulk_insert(db, tables, rounds):
    """The plain C program writing the same rows (and the search index and monthly flows a
    laptop's file keeps with them) into a new file: wall and processor time, best of rounds."""
    out = os.path.join(CACHE, "sync-baseline.db")
    extra = [t for t in ("person_fts", "asset_fts", "referral_flow")
             if t in all_tables(db)]
    best = None
    for _ in range(rounds):
        got = dict(line.partition(" ")[::2] for line in
                   run([BASELINE, db, out] + sorted(tables) + extra).splitlines())
        cur = (float(got["seconds"]), float(got["cpu"]))
        best = cur if best is None or cur[0] < best[0] else best
    os.remove(out)
    return best


def all_tables(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    con.close()
    return names


def ensure_postgres():
    """PostgreSQL's server and client library, as ./run installs them for the tests."""
    saved = network.PACKAGES
    network.PACKAGES = PACKAGES
    try:
        network.ensure_packages()
    finally:
        network.PACKAGES = saved


def load():
    say("\nload average at the end (1, 5, 15 minutes): "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + f" on {os.cpu_count()} processors")


def first_syncs(hub, db, size, rounds):
    """The first push of a borough, the hub's size, a new laptop's first sync and its
    baseline."""
    tables = travelling(db)
    n = interim_fill(hub, db)
    copy = copy_out(hub, rounds)
    ins = bulk_insert(db, tables, rounds)
    base = copy[0] + ins[0]
    return [(f"a new laptop's first sync, {n:,} rows", "(not yet)",
             f"{n / base:,.0f} rows/s", "—", "≥ 0.5 of its rate",
             f"baseline: COPY out {copy[0]:.1f} s (psql {copy[1]:.1f} s, server "
             f"{copy[2]:.1f} s processor time) + insert {ins[0]:.1f} s (processor "
             f"{ins[1]:.1f} s); best of {rounds}")]


def table(rows):
    heads = ("figure", "kith", "baseline", "ratio", "goal", "notes")
    say("\n| " + " | ".join(heads) + " |")
    say("|" + "---|" * len(heads))
    for r in rows:
        say("| " + " | ".join(r) + " |")


def main():
    quick = "--quick" in sys.argv
    rounds = 1 if quick else (int(sys.argv[sys.argv.index("--rounds") + 1])
                              if "--rounds" in sys.argv else 3)
    size = QUICK if quick else FULL
    network.ensure_packages()
    ensure_postgres()
    network.build_kith()
    os.makedirs(CACHE, exist_ok=True)
    say(f"kith sync benchmark on {os.cpu_count()} processors"
        f"{' (quick: a small size, once)' if quick else ''}")
    rows = []
    db = borough(size)
    hub = Hub("sync-hub").start()
    try:
        rows += first_syncs(hub, db, size, rounds)
    finally:
        hub.stop()
    table(rows)
    load()
