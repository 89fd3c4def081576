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
import re
import shutil
import sqlite3
import subprocess
import sys
import time

import network
from borough import children_cpu, load, table
from network import BUILD, CACHE, ROOT, say

ENV = network.ENV
KITH = os.environ.get("BENCH_KITH") or os.path.join(BUILD, "kith")
BASELINE = os.path.join(BUILD, "bench", "insert_baseline")
DUMP = os.path.join(BUILD, "bench", "sync_dump")
PGTMP = os.path.join(ROOT, "tests", "pgtmp")
PACKAGES = ["postgresql", "libpq-dev"]
FULL = {"people": 100000, "assets": 20000, "referrals": 1000000, "laptops": 20, "changes": 200}
QUICK = {"people": 1000, "assets": 200, "referrals": 5000, "laptops": 4, "changes": 200}
ADMIN, PASSWORD = "ada", "quiet harbour lantern"  # the demo's admin, as README gives it


def run(cmd, env=None, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(ENV, **(env or {})), **kw)
    if p.returncode != 0:
        sys.exit(f"bench/run sync: {' '.join(cmd)} failed:\n{p.stdout}{p.stderr}")
    return p.stdout


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
                with open(f"/proc/{kid}/stat") as f:
                    ended = f.read().rpartition(")")[2].split()[0] == "Z"  # not yet reaped
                with open(f"/proc/{kid}/cmdline") as f:
                    if ended or "(" in f.read():  # "postgres: USER DB HOST(PORT) ..."
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


# ---- the figures ----

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


class Laptop:
    """A laptop's database and kith's command line on it (as the demo's admin once it has
    accounts, the password through a pipe)."""

    def __init__(self, name, path):
        self.name, self.db = name, path

    def fresh(self, source=None):
        forget(self.db)
        if source:
            shutil.copyfile(source, self.db)
        return self

    def cmd(self, args, login=True):
        if not login:
            return [KITH, "--db", self.db] + list(args), None
        r, w = os.pipe()
        os.write(w, (PASSWORD + "\n").encode())
        os.close(w)
        return [KITH, "--db", self.db, "--user", ADMIN, "--password-fd", str(r)] + list(args), r

    def kith(self, *args, login=True, secret=None):
        """secret: a connection string, given on standard input (never a word)."""
        cmd, fd = self.cmd(args, login)
        try:
            return run(cmd, pass_fds=(fd,) if fd else (),
                       input=secret + "\n" if secret else None)
        finally:
            if fd:
                os.close(fd)

    def start(self, *args, login=True):
        """kith in the background: (process, the pipe's end to close when it ends)."""
        cmd, fd = self.cmd(args, login)
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=ENV, pass_fds=(fd,) if fd else ())
        return p, fd

    def timed(self, hub, *args, login=True, secret=None):
        """Runs kith: its wall time, its processor time and the hub server's."""
        s0, c0, t0 = hub.cpu(), children_cpu(), time.perf_counter()
        out = self.kith(*args, login=login, secret=secret)
        wall, cpu = time.perf_counter() - t0, children_cpu() - c0
        return {"wall": wall, "cpu": cpu, "server": hub.cpu() - s0, "out": out}

    def digest(self):
        """A digest of the laptop's travelling rows (syncdb_dump's lines, through
        bench/sync_dump.c): two laptops with the same rows have the same digest."""
        import hashlib
        h = hashlib.sha256()
        p = subprocess.Popen([DUMP, self.db], stdout=subprocess.PIPE, env=ENV)
        for line in p.stdout:
            h.update(line)
        if p.wait() != 0:
            sys.exit(f"bench/run sync: sync_dump {self.db} failed")
        return h.hexdigest()


def forget(*paths):
    """The laptops' files (a borough's are a gigabyte or more each) and what lies beside."""
    for path in paths:
        for suffix in ("", "-wal", "-shm", "-journal", "-checked", ".hub"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)


def hub_rows(hub):
    return int(hub.sql("SELECT count(*) FROM kith.row").strip())


def add_laptop(admin, name):
    """A new laptop's connection string, the last line add-laptop prints."""
    return admin.kith("hub", "add-laptop", name).strip().splitlines()[-1]


def first_push(hub, source):
    """The borough's laptop joins an empty hub and pushes everything."""
    a = Laptop("a", os.path.join(CACHE, "sync-laptop-a.db")).fresh(source)
    a.kith("person", "list", "--limit", "1")  # the copy's check at open, not the sync's
    init = a.timed(hub, "hub", "init", "--name", "a", secret=hub.url)
    push = a.timed(hub, "sync")
    n = hub_rows(hub)
    size = hub.sql("SELECT pg_database_size(current_database()), "
                   "pg_total_relation_size('kith.row')").strip().split("|")
    mb = [int(x) / 2 ** 20 for x in size]
    file_mb = os.path.getsize(a.db) / 2 ** 20
    rows = [(f"the first push of a borough into an empty hub, {n:,} rows",
             f"{n / push['wall']:,.0f} rows/s", "—", "—", "—",
             f"`kith sync` {push['wall']:.1f} s (kith's processor time {push['cpu']:.1f} s, the "
             f"hub's {push['server']:.1f} s), after `kith hub init` {init['wall']:.1f} s "
             "(every row into the outbox); once"),
            ("the hub's size on disk", f"{mb[0]:,.0f} MB", f"the laptop's file {file_mb:,.0f} MB",
             f"{mb[0] / file_mb:.2f}×", "—",
             f"its rows and their indexes {mb[1]:,.0f} MB; PostgreSQL's database, WAL aside")]
    return a, n, rows


def first_sync(hub, a, n, rounds):
    """A new laptop joins and brings the whole borough: the best of rounds, each a new laptop
    and a new file; the last one is kept for the drop-in."""
    best = None
    want = a.digest()
    for r in range(rounds):
        b = Laptop(f"new-{r}", os.path.join(CACHE, f"sync-laptop-new.db")).fresh()
        b.kith("hub", "join", login=False, secret=add_laptop(a, b.name))
        got = b.timed(hub, "sync", login=False)
        if b.digest() != want:
            sys.exit(f"bench/run sync: laptop {b.name}'s first sync did not bring the borough")
        best = got if best is None or got["wall"] < best["wall"] else best
    return b, best


def first_syncs(hub, db, size, rounds):
    """The first push of a borough, the hub's size, a new laptop's first sync and its
    baseline."""
    say("  the borough's laptop joins the hub and pushes everything…")
    a, n, rows = first_push(hub, db)
    say("  a new laptop's first sync, and its baseline…")
    b, got = first_sync(hub, a, n, rounds)
    copy = copy_out(hub, rounds)
    # the tables the hub holds rows of: what travelled
    tables = hub.sql("SELECT DISTINCT tbl FROM kith.row").split()
    ins = bulk_insert(a.db, tables, rounds)
    base = copy[0] + ins[0]
    cpu, base_cpu = got["cpu"] + got["server"], copy[1] + copy[2] + ins[1]
    rows.append((f"a new laptop's first sync, {n:,} rows", f"{n / got['wall']:,.0f} rows/s",
                 f"{n / base:,.0f} rows/s", f"{base / got['wall']:.2f} of its rate",
                 "≥ 0.5 of its rate",
                 f"`kith sync` {got['wall']:.1f} s (processor time kith {got['cpu']:.1f} s, the "
                 f"hub {got['server']:.1f} s); baseline: COPY out {copy[0]:.1f} s (processor "
                 f"time psql {copy[1]:.1f} s, the server {copy[2]:.1f} s) + the plain insert "
                 f"{ins[0]:.1f} s (processor {ins[1]:.1f} s); in processor time "
                 f"{base_cpu / cpu:.2f} of the baseline's rate; best of {rounds}"))
    return a, b, rows


def ids(db, sql):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    got = [r[0] for r in con.execute(sql)]
    con.close()
    return got


def drop_in_day(laptop, n, rnd):
    """n things a connector records at a drop-in, each one command as they would: people met
    (a fifth), people's details changed, referrals and conversations (two fifths each half)."""
    people = ids(laptop.db, "SELECT id FROM person WHERE deleted_at IS NULL ORDER BY id "
                 "LIMIT 5000")
    assets = ids(laptop.db, "SELECT id FROM asset WHERE deleted_at IS NULL ORDER BY id "
                 "LIMIT 500")
    for i in range(n):
        who = rnd.choice(people)
        if i % 5 == 0:
            laptop.kith("person", "add", "--given-name", f"Drop{rnd.randrange(10 ** 6)}",
                        "--family-name", rnd.choice(["Okafor", "Nowak", "Singh", "Byrne"]),
                        "--allow-duplicate")
        elif i % 5 == 1:
            laptop.kith("person", "edit", who, "--phone",
                        f"07700 9{rnd.randrange(10 ** 5):05d}")
        elif i % 5 in (2, 3):
            a, b = rnd.sample(assets, 2)
            laptop.kith("referral", "add", "--person", who, "--from-asset", a, "--to-asset", b)
        else:
            laptop.kith("conversation", "add", "--person", who, "--hopes",
                        "A walking group near the park")


def drop_in(hub, a, b, n, rounds):
    """A drop-in's day on one laptop (n commands), pushed by its sync and pulled by another
    laptop's: the best of rounds by the two together."""
    import random
    rnd = random.Random(17)
    best = None
    for _ in range(rounds):
        drop_in_day(b, n, rnd)
        push = b.timed(hub, "sync")
        pull = a.timed(hub, "sync")
        got = (push, pull)
        if best is None or push["wall"] + pull["wall"] < best[0]["wall"] + best[1]["wall"]:
            best = got
    if a.digest() != b.digest():
        sys.exit("bench/run sync: the two laptops differ after the drop-in's changes")
    push, pull = best
    went = hub_changes(push["out"])
    return [(f"a drop-in's {n} changes pushed and pulled, loopback",
             f"{push['wall'] + pull['wall']:.2f} s", "—", "—", "< 1 s",
             f"`kith sync` on the drop-in's laptop {push['wall']:.2f} s{went}, then on "
             f"another {pull['wall']:.2f} s (processor time kith {push['cpu']:.2f} + "
             f"{pull['cpu']:.2f} s, the hub {push['server'] + pull['server']:.2f} s), both "
             f"holding the borough; {n} commands (people added and changed, referrals, "
             f"conversations); best of {rounds}")]


def hub_changes(out):
    """What the sync's summary says went up, as the notes give it (when it says)."""
    m = re.search(r"(\d[\d,]*) (?:rows? )?(?:went|sent|pushed)", out)
    return f" ({m.group(1)} rows went)" if m else ""


def many(size, rounds):
    """size["laptops"] laptops against a hub of their own: all join and first sync at once,
    then rounds of each recording a few things and all syncing at once; at the end each syncs
    twice and every laptop must hold the same picture."""
    import random
    rnd = random.Random(20)
    k = size["laptops"]
    hub = Hub("sync-hub-many").start()
    try:
        first = Laptop("l00", os.path.join(CACHE, "sync-many-l00.db")).fresh(borough(QUICK))
        first.kith("hub", "init", "--name", first.name, secret=hub.url)
        first.kith("sync")
        laptops = [first]
        for i in range(1, k):
            lap = Laptop(f"l{i:02d}", os.path.join(CACHE, f"sync-many-l{i:02d}.db")).fresh()
            lap.kith("hub", "join", login=False, secret=add_laptop(first, lap.name))
            laptops.append(lap)
        first_wall, errors = at_once(hub, laptops[1:], login=False)
        walls = []
        for _ in range(rounds):
            for lap in laptops:
                drop_in_day(lap, 10, rnd)
            t, e = at_once(hub, laptops)
            walls.append(t)
            errors += e
        for _ in range(2):
            for lap in laptops:
                lap.kith("sync")
        same = ("every laptop holds the hub's rows" if same_picture(hub, laptops)
                else "A LAPTOP DIFFERS FROM THE HUB")
        n = hub_rows(hub)
    finally:
        hub.stop()
        forget(*(os.path.join(CACHE, f"sync-many-l{i:02d}.db") for i in range(k)))
    if errors:
        say("  errors:\n    " + "\n    ".join(errors[:10]))
    return [(f"{k} laptops syncing at once, one hub", f"{len(errors)} errors",
             "—", "—", "no errors",
             f"{k - 1} first syncs at once {first_wall:.1f} s; then {rounds} rounds of every "
             f"laptop recording 10 things and all syncing at once, the slowest "
             f"{max(walls):.1f} s; at the end {same}"
             f" ({n:,} rows at the hub)")]


def at_once(hub, laptops, login=True):
    """Every laptop syncs at once: the wall time till the last ends, and the errors."""
    t0 = time.perf_counter()
    running = [(lap, *lap.start("sync", login=login)) for lap in laptops]
    errors = []
    for lap, p, fd in running:
        out, err = p.communicate()
        if fd:
            os.close(fd)
        if p.returncode != 0:
            errors.append(f"{lap.name}: exit {p.returncode}: {err.strip()}")
    return time.perf_counter() - t0, errors


def same_picture(hub, laptops):
    """Whether every laptop holds the hub's rows (bench/sync_dump.c: syncdb_dump's lines,
    and the hub's rows written the same way)."""
    def lines(out):
        return sorted(x.encode() for x in out.splitlines())
    want = lines(run([DUMP, "--hub"], input=tabbed(hub)))
    return all(lines(run([DUMP, lap.db])) == want for lap in laptops)


def tabbed(hub):
    """The hub's rows, one "table<TAB>key<TAB>data" line each, as its owner reads them."""
    return run(["psql", "-X", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", hub.url,
                "-c", "SELECT tbl, key, data::text FROM kith.row"])


def main():
    quick = "--quick" in sys.argv
    rounds = 1 if quick else (int(sys.argv[sys.argv.index("--rounds") + 1])
                              if "--rounds" in sys.argv else 3)
    size = QUICK if quick else FULL
    network.ensure_packages()
    network.ensure_packages(PACKAGES)  # the hub's server, as ./run installs it for the tests
    network.build_kith()
    os.makedirs(CACHE, exist_ok=True)
    say(f"kith sync benchmark on {os.cpu_count()} processors"
        f"{' (quick: a small size, once)' if quick else ''}")
    rows = []
    db = borough(size)
    hub = Hub("sync-hub").start()
    try:
        a, b, got = first_syncs(hub, db, size, rounds)
        rows += got
        say(f"  a drop-in's {size['changes']} changes…")
        rows += drop_in(hub, a, b, size["changes"], rounds)
    finally:
        hub.stop()
        forget(os.path.join(CACHE, "sync-laptop-a.db"), os.path.join(CACHE, "sync-laptop-new.db"))
    say(f"  {size['laptops']} laptops syncing at once…")
    rows += many(size, 1 if quick else 2)
    table(rows, kith="kith")
    load()
