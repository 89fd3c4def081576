"""Open Referral import at directory sizes (bench/run hsds, and a row of the borough table):
a made-up HSDS 3.0 package of 1k, 4k and 10k services (each with its organisation,
location, address, phone, contact and category attribute) imported into an empty database,
then imported again (every service brought up to date). The time grows linearly when the
service's id is found through its index and the tables are joined by hash."""
import csv
import os
import resource
import statistics
import sys
import time
import uuid

import network
from network import CACHE, say

SIZES = (1000, 4000, 10000)
QUICK_SIZES = (1000,)


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def package(n):
    """The package of n services, made once and kept in the cache."""
    out = os.path.join(CACHE, f"hsds-{n}")
    if os.path.exists(os.path.join(out, "services.csv")):
        return out
    os.makedirs(out, exist_ok=True)
    ids = lambda kind: [str(uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}/{i}")) for i in range(n)]
    org, svc, loc, adr, sal, ph, con, att = (ids(k) for k in (
        "org", "svc", "loc", "adr", "sal", "ph", "con", "att"))
    term = str(uuid.uuid5(uuid.NAMESPACE_URL, "term/association"))
    write(os.path.join(out, "organizations.csv"), ["id", "name", "description"],
          [(org[i], f"Organisation {i}", f"Runs service {i}") for i in range(n)])
    write(os.path.join(out, "services.csv"),
          ["id", "organization_id", "name", "description", "status", "email"],
          [(svc[i], org[i], f"Service {i}", f"What service {i} does", "active",
            f"service{i}@example.org") for i in range(n)])
    write(os.path.join(out, "locations.csv"), ["id", "location_type", "name"],
          [(loc[i], "physical", f"Place {i}") for i in range(n)])
    write(os.path.join(out, "addresses.csv"),
          ["id", "location_id", "address_1", "city", "postal_code", "country",
           "address_type"],
          [(adr[i], loc[i], f"{i} High Street", "Kettleby", "KV1 1AA", "GB", "physical")
           for i in range(n)])
    write(os.path.join(out, "service_at_location.csv"), ["id", "service_id", "location_id"],
          [(sal[i], svc[i], loc[i]) for i in range(n)])
    write(os.path.join(out, "phones.csv"), ["id", "service_id", "number"],
          [(ph[i], svc[i], f"+44 20 7946 {i % 10000:04d}") for i in range(n)])
    write(os.path.join(out, "contacts.csv"), ["id", "service_id", "name"],
          [(con[i], svc[i], f"Contact {i}") for i in range(n)])
    write(os.path.join(out, "taxonomy_terms.csv"), ["id", "code", "name", "description"],
          [(term, "association", "Association", "A group of people")])
    write(os.path.join(out, "attributes.csv"),
          ["id", "link_id", "taxonomy_term_id", "link_entity"],
          [(att[i], svc[i], term, "service") for i in range(n)])
    return out


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_import(db, path):
    """The whole command's time, and the processor time it took (on a busy machine the
    first waits for a processor; the second does not)."""
    from borough import logged_in, run
    cmd, fd = logged_in(db, "import", "hsds", path)
    t0, c0 = time.perf_counter(), cpu()
    run(cmd, pass_fds=(fd,))
    os.close(fd)
    return time.perf_counter() - t0, cpu() - c0


def baseline(db, before):
    """The plain insert of the rows the import added or changed (bench/imports.py)."""
    from borough import BASELINE, pairs, run
    from imports import changed
    rows = changed(db, before)
    grew = [n for n, (new, _) in rows.items() if new]
    given = [n for n, (new, some) in rows.items() if not new and some]
    got = pairs(run([BASELINE, db, os.path.join(CACHE, "imports-baseline.db"), "--before", before]
                    + grew + ["--given"] + given))
    return float(got["seconds"]), float(got["cpu"])


def rows(rounds, quick=False):
    from borough import ADMIN, KITH, PASSWORD, fresh, run
    from imports import copy
    out = []
    for n in QUICK_SIZES if quick else SIZES:
        path = package(n)
        first, again, first_cpu, again_cpu, base, base_cpu = [], [], [], [], [], []
        for _ in range(rounds):
            db = os.path.join(CACHE, "hsds-import.db")
            before = os.path.join(CACHE, "hsds-before.db")
            fresh(db)
            run([KITH, "--db", db, "user", "add", ADMIN, "--role", "admin", "--name", "Ada",
                 "--new-password-fd", "0"], input=PASSWORD + "\n")
            copy(db, before)
            for wall, spent, t in ((first, first_cpu, timed_import(db, path)),):
                wall.append(t[0])
                spent.append(t[1])
            b = baseline(db, before)
            base.append(b[0])
            base_cpu.append(b[1])
            t = timed_import(db, path)
            again.append(t[0])
            again_cpu.append(t[1])
        f, a = statistics.median(first), statistics.median(again)
        fc, ac = statistics.median(first_cpu), statistics.median(again_cpu)
        b, bc = statistics.median(base), statistics.median(base_cpu)
        out.append((f"importing {n:,} HSDS services", f"{n / f:,.0f} services/s",
                    f"{n / b:,.0f} services/s", f"{b / f:.2f} of its rate",
                    "≥ 0.5; 10k < 1 s" if n == 10000 else "≥ 0.5",
                    f"{f:.2f} s ({fc:.2f} s processor, against {bc:.2f} s: {bc / fc:.2f}); "
                    f"again (all brought up to date): {a:.2f} s ({ac:.2f} s processor); "
                    f"median of {rounds}"))
    return out


def main():
    quick = "--quick" in sys.argv
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    network.ensure_packages()
    network.build_kith()
    os.makedirs(CACHE, exist_ok=True)
    from borough import table
    table(rows(1 if quick else rounds, quick))
