"""The hub alone (bench/run hub): a private PostgreSQL (tests/pgtmp --durable, on loopback
TCP), kith's hub schema installed as `kith hub init` does, and one laptop's calls through psql
as its own role: the first push of a borough (people, assets, referrals shaped as kith's
tables, in batches of 2000 as sync.c sends them), batches of 2000 updates (two columns
changed, their old values sent), pulls of 5000 beside COPY of the same rows, and what the hub
holds on disk per 100k rows of each table. Each rate is given twice: by the client's clock,
and per second of the server process's CPU (read from /proc), which a busy machine does not
inflate.

    bench/run hub [--quick] [--referrals N]

Default: 100k people, 20k assets, 200k referrals (--referrals 1000000 for a whole borough);
--quick: 2k, 400 and 4k, to prove it still runs. Figures are wall-clock time seen by the
client (psql's \\timing), one round: read them from a quiet machine."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

from network import BUILD, ROOT, build_kith, say

PGTMP = os.path.join(ROOT, "tests", "pgtmp")
CLEAN = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
BATCH, PAGE = 2000, 5000
STAMP = "2026-11-01T09:00:00.000Z"


def person(i):
    return {"id": str(uuid.UUID(int=i)), "given_name": f"Given{i % 997}",
            "family_name": f"Family{i % 4999}", "preferred_name": "", "pronouns": "",
            "birth_year": 1950 + i % 60, "email": f"person{i}@example.org",
            "phone": f"07{i:09d}", "address": f"{i % 300} High Street", "postcode": "E1 6AN",
            "neighbourhood": "Whitechapel", "languages": "English, Bengali",
            "what_matters": "Growing food with neighbours and cooking for the lunch club",
            "notes": "", "consent_status": "given", "consent_basis": "consent",
            "consent_date": "2026-01-10", "consent_by": None, "review_date": "2027-01-10",
            "restricted": 0, "created_at": STAMP, "updated_at": STAMP, "updated_by": None,
            "deleted_at": None, "merged_into": None}


def asset(i):
    return {"id": str(uuid.UUID(int=(1 << 100) + i)), "name": f"Community group {i}",
            "category": "association", "description": "Meets weekly at the community centre",
            "address": f"{i % 200} Market Road", "postcode": "E2 7DG",
            "neighbourhood": "Bethnal Green", "contact_name": f"Contact {i}",
            "email": f"group{i}@example.org", "phone": f"020{i:08d}", "website": "",
            "opening_times": "Tuesdays 10:00-12:00", "accessibility": "step-free",
            "capacity": 30, "confidential": 0, "status": "active", "last_verified": "2026-10-01",
            "person_id": None, "created_at": STAMP, "updated_at": STAMP, "updated_by": None,
            "deleted_at": None, "hsds_id": None}


def referral(i, people, assets):
    return {"id": str(uuid.UUID(int=(2 << 100) + i)),
            "person_id": str(uuid.UUID(int=i % people)),
            "from_asset_id": str(uuid.UUID(int=(1 << 100) + i % assets)),
            "to_asset_id": str(uuid.UUID(int=(1 << 100) + (i * 7) % assets)),
            "worker_id": None, "kind": "referral", "date": "2026-09-14",
            "reason": "Wants to meet people who garden", "status": "attended",
            "status_date": "2026-09-30", "follow_up_date": None, "notes": "",
            "created_at": STAMP, "updated_at": STAMP, "updated_by": None, "deleted_at": None}


def push_sql(changes):
    return (f"SELECT length(kith.push('{uuid.uuid4()}', 0, $J${json.dumps(changes)}$J$)"
            "::text);\n")


# the server process's CPU time so far (utime + stime, in ticks), printed by psql's shell
CPU = "\\! awk '{print \"cpu\", $14 + $15}' /proc/$PGPID/stat\n"


def timed(conninfo, script):
    """Runs a psql script in one session; the milliseconds of its statements, as the client
    waited for them and as the server's CPU spent on them (the figure a busy machine does not
    inflate: the server runs here, and its process is read from /proc)."""
    head = "SELECT pg_backend_pid() AS pid \\gset\n\\setenv PGPID :pid\n" + CPU
    r = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-o",
                        "/dev/null", "-d", conninfo],
                       input=head + "\\timing on\n" + script + "\\timing off\n" + CPU,
                       capture_output=True, text=True, env=CLEAN)
    if r.returncode != 0:
        sys.exit(f"bench/run hub: psql failed: {r.stderr.strip()[:400]}")
    ticks = [int(t) for t in re.findall(r"^cpu (\d+)", r.stdout, re.M)]
    cpu = (ticks[-1] - ticks[0]) * 1000 / os.sysconf("SC_CLK_TCK")
    return sum(float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", r.stdout, re.M)), cpu


def rates(n, ms):
    """rows per second of wall-clock time and per second of the server's CPU"""
    wall, cpu = ms
    return f"{n / (wall / 1000):10,.0f} rows/s ({n / (max(cpu, 1) / 1000):8,.0f} per CPU-s)"


def owner_value(owner, sql):
    r = subprocess.run(["psql", "-X", "-A", "-t", "-d", owner, "-c", sql], capture_output=True,
                       text=True, env=CLEAN, check=True)
    return r.stdout.strip()


def first_push(laptop, owner, name, rows):
    """Pushes new rows in batches; returns (the rates, bytes on disk per row added)."""
    before = int(owner_value(owner, "SELECT pg_total_relation_size('kith.row')"))
    script = "".join(push_sql([{"t": name, "k": r["id"], "c": None, "o": None, "d": r}
                               for r in rows[i:i + BATCH]]) for i in range(0, len(rows), BATCH))
    ms = timed(laptop, script)
    owner_value(owner, "CHECKPOINT")
    after = int(owner_value(owner, "SELECT pg_total_relation_size('kith.row')"))
    return rates(len(rows), ms), (after - before) / len(rows)


def updates(laptop, people, n):
    script = ""
    for start in range(0, n, BATCH):
        changes = []
        for i in range(start, min(start + BATCH, n)):
            old = person(i % people)
            new = dict(old, phone=f"07{i + 1:09d}", updated_at="2026-11-02T10:00:00.000Z")
            # as syncdb_batch sends it: the old values of the changed columns only
            changes.append({"t": "person", "k": old["id"], "c": ["phone", "updated_at"],
                            "o": {"phone": old["phone"], "updated_at": STAMP}, "d": new})
        script += push_sql(changes)
    return rates(n, timed(laptop, script))


def pulls(laptop, owner, total):
    """Pulls every row in pages of 5000 (each row printed by psql), and COPY of the same."""
    # the hub refuses a pull from beyond its last number (kith.check_reached), so the pages
    # stop at it
    last = int(owner_value(owner, "SELECT max(seq) FROM kith.row"))
    script = "".join(f"SELECT * FROM kith.pull({after}, {PAGE});\n"
                     for after in range(0, last + 1, PAGE))
    pulled = timed(laptop, script)
    copied = timed(owner, "\\copy (SELECT seq, tbl, key, data FROM kith.row ORDER BY seq) "
                          "TO '/dev/null'\n")
    return pulled, copied


def main():
    quick = "--quick" in sys.argv
    people, assets, refs = (2000, 400, 4000) if quick else (100000, 20000, 200000)
    if "--referrals" in sys.argv:
        refs = int(sys.argv[sys.argv.index("--referrals") + 1])
    build_kith()
    top = tempfile.mkdtemp(prefix="kith-bench-hub-")
    shutil.rmtree(top)
    r = subprocess.run([PGTMP, "start", top, "--tcp", "0", "--durable"], capture_output=True,
                       text=True, env=CLEAN)
    if r.returncode != 0:
        sys.exit(r.stderr.strip())
    owner = r.stdout.strip()
    try:
        subprocess.run([os.path.join(BUILD, "tests", "hub_driver")], input=owner + "\n",
                       text=True, check=True, stdout=subprocess.DEVNULL)
        password = owner_value(owner, "SELECT kith.add_laptop('bench', false)")
        laptop = re.sub(r"password=\S+", f"password={password}",
                        owner.replace("user=kith_owner", "user=kith_laptop_bench"))
        say(f"hub: PostgreSQL on loopback TCP, fsync on; {people} people, {assets} assets, "
            f"{refs} referrals; batches of {BATCH}, pages of {PAGE}")
        t0 = time.time()
        sizes = {}
        for name, rows in (("person", [person(i) for i in range(people)]),
                           ("asset", [asset(i) for i in range(assets)]),
                           ("referral", [referral(i, people, assets) for i in range(refs)])):
            rate, per_row = first_push(laptop, owner, name, rows)
            sizes[name] = per_row
            say(f"  first push, {name:9}{rate}   on disk {per_row:5.0f} B/row "
                f"= {per_row * 100000 / 2**20:5.1f} MB per 100k rows")
        total = people + assets + refs
        pulled, copied = pulls(laptop, owner, total)
        say(f"  pull, 5000 a page   {rates(total, pulled)}   COPY out of the same rows "
            f"{rates(total, copied)}")
        say(f"  updates, 2 columns  {updates(laptop, people, min(people, 20000))}")
        on_disk = int(owner_value(owner, "SELECT pg_database_size(current_database())"))
        borough = (100000 * sizes["person"] + 20000 * sizes["asset"]
                   + 1000000 * sizes["referral"])
        say(f"  the hub's database: {on_disk / 2**20:.0f} MB for {total:,} rows (after the "
            f"updates); a borough (100k people, 20k assets, 1M referrals) about "
            f"{borough / 2**20:,.0f} MB of rows ({time.time() - t0:.0f} s)")
    finally:
        subprocess.run([PGTMP, "stop", top], env=CLEAN)
