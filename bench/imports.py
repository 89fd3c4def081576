"""Every kind of import beside a plain C insert of the same rows (bench/run imports, and rows
of bench/run): a demo's records exported kind by kind (kith's own CSV, ids and all) and
imported again, in turn, into a new database, as one moves a community's records to another
laptop: people, assets (the groups apart), groups, tags, conversations, activities,
wellbeing, memberships, attendance, gifts, asset tags and referrals. Each import is timed as
the whole command; its baseline (bench/insert_baseline.c --before) writes the rows that
import added, in the tables it added them to, into a copy of what was there before (given,
untimed). Rows only changed (a person's review date) are the import's work alone.

    bench/run imports [--quick] [--rounds N] [--people N]

--people: the demo the records come from (assets a fifth, referrals ten times as many)."""
import csv
import os
import re
import sqlite3
import statistics
import sys
import time

import network
from network import CACHE, say

ORDER = ["people", "assets", "groups", "tags", "conversations", "activities", "wellbeing",
         "memberships", "attendance", "gifts", "asset-tags", "referrals"]
FULL_PEOPLE, QUICK_PEOPLE = 20000, 1000


def tables(db):
    """The tables the baseline writes: each table's own rows, not a full-text index's."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'")]
    con.close()
    return names


def changed(after, before):
    """Per table, the rows after holds that before did not (added, or changed: a person's
    new tag words, their review date), and whether it holds any row."""
    con = sqlite3.connect(f"file:{after}?mode=ro", uri=True)
    con.execute("ATTACH ? AS b", (f"file:{before}?mode=ro",))
    out = {}
    for n in tables(after):
        rowid = "rowid, " if "_fts" in n else ""
        new = con.execute(f'SELECT count(*) FROM (SELECT {rowid}* FROM main."{n}" EXCEPT '
                          f'SELECT {rowid}* FROM b."{n}")').fetchone()[0]
        out[n] = (new, con.execute(f'SELECT EXISTS (SELECT 1 FROM "{n}")').fetchone()[0])
    con.close()
    return out


def source(people, quick):
    """A demo to take the records from (kept) and each kind's export of it."""
    from borough import KITH, fresh, logged_in, run
    db = os.path.join(CACHE, f"imports-source-{people}.db")
    if not os.path.exists(db):
        say(f"  making a demo of {people:,} people to export (kept)…")
        fresh(db + ".part")
        run([KITH, "--db", db + ".part", "demo", "--people", str(people), "--assets",
             str(max(people // 5, 200)), "--referrals", str(people * 10 if not quick else
                                                             people * 2)])
        os.rename(db + ".part", db)
        fresh(db + ".part")
    files = {}
    for kind in ORDER:
        path = os.path.join(CACHE, f"imports-{people}-{kind}.csv")
        if not os.path.exists(path):
            cmd, fd = logged_in(db, "export", kind, "--format", "csv", "--out", path,
                                "--force")
            run(cmd, pass_fds=(fd,))
            os.close(fd)
        files[kind] = path
    files["activities"] = without_workers(files["activities"])
    files["assets"] = without_groups(files["assets"])
    files["tags"] = more_tags(files["tags"], max(people // 5, 200))
    return files


def without_workers(path):
    """Activities with no worker responsible: the workers are the old laptop's accounts, which
    an export leaves out (the new file has its own)."""
    out = path.replace("-activities.csv", "-activities-here.csv")
    if not os.path.exists(out):
        with open(path, newline="") as f, open(out, "w", newline="") as g:
            r, w = csv.DictReader(f), None
            for row in r:
                if w is None:
                    w = csv.DictWriter(g, r.fieldnames, lineterminator="\r\n")
                    w.writeheader()
                w.writerow({k: "" if k in ("worker_id", "worker_name") else v
                            for k, v in row.items()})
            if w is None:
                g.write(",".join(r.fieldnames or ["name"]) + "\r\n")
    return out


def without_groups(path):
    """Assets that are not groups: groups come on their own file."""
    out = path.replace("-assets.csv", "-assets-only.csv")
    if not os.path.exists(out):
        with open(path, newline="") as f, open(out, "w", newline="") as g:
            r, w = csv.reader(f), csv.writer(g, lineterminator="\r\n")
            head = next(r)
            w.writerow(head)
            cat = head.index("category")
            for row in r:
                if row[cat] != "association":
                    w.writerow(row)
    return out


def copy(db, to):
    """db as it is, what its write-ahead log holds too."""
    from borough import fresh
    fresh(to)
    src, dst = sqlite3.connect(db), sqlite3.connect(to)
    src.backup(dst)
    src.close()
    dst.close()


def more_tags(path, n):
    """The export's tags and n more (a borough's list of gifts, skills and passions is
    longer than the demo's), without ids: the path of tags typed into a spreadsheet."""
    out = path.replace("-tags.csv", f"-tags-{n}.csv")
    if not os.path.exists(out):
        with open(path, newline="") as f, open(out, "w", newline="") as g:
            r, w = csv.reader(f), csv.writer(g, lineterminator="\r\n")
            head = next(r)
            w.writerow(head)
            have = list(r)
            w.writerows(have)
            kinds = sorted({row[head.index("kind")] for row in have})
            for i in range(n):
                row = [""] * len(head)
                row[head.index("name")] = f"{have[i % len(have)][head.index('name')]} {i}"
                row[head.index("kind")] = kinds[i % len(kinds)]
                w.writerow(row)
    return out


def one(target, kind, path):
    """Imports path into target: (rows added, kith's seconds and processor seconds, the
    baseline's)."""
    from borough import BASELINE, children_cpu, logged_in, pairs, run
    before = os.path.join(CACHE, "imports-before.db")
    copy(target, before)
    if os.environ.get("BENCH_KEEP"):  # each kind's starting point, kept to profile it
        copy(target, os.path.join(CACHE, f"imports-before-{kind}.db"))
    cmd, fd = logged_in(target, "import", kind, path, "--keep-duplicates")
    t0, c0 = time.perf_counter(), children_cpu()
    said = run(cmd, pass_fds=(fd,))
    k, kc = time.perf_counter() - t0, children_cpu() - c0
    os.close(fd)
    rows = changed(target, before)
    grew = [n for n, (new, _) in rows.items() if new]
    given = [n for n, (new, some) in rows.items() if not new and some]
    got = pairs(run([BASELINE, target, os.path.join(CACHE, "imports-baseline.db"), "--before",
                     before] + grew + ["--given"] + given))
    added = int(re.search(r": (\d+) added", said).group(1))
    return added, k, kc, float(got["seconds"]), float(got["cpu"]), grew, int(got["rows"])


def rows(rounds, quick=False, people=None):
    from borough import ADMIN, KITH, PASSWORD, fresh, logged_in, run
    people = people or (QUICK_PEOPLE if quick else FULL_PEOPLE)
    files = source(people, quick)
    got = {kind: [] for kind in ORDER}
    target = os.path.join(CACHE, "imports-target.db")
    for _ in range(rounds):
        fresh(target)
        run([KITH, "--db", target, "user", "add", ADMIN, "--role", "admin", "--name", "Ada",
             "--new-password-fd", "0"], input=PASSWORD + "\n")
        cmd, fd = logged_in(target, "person", "list", "--limit", "1")
        run(cmd, pass_fds=(fd,))  # the new file's check at open, which is no import's
        os.close(fd)
        for kind in ORDER:
            got[kind].append(one(target, kind, files[kind]))
    out = []
    for kind in ORDER:
        runs = got[kind]
        n = runs[0][0]
        k, kc = statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs)
        b, bc = statistics.median(r[3] for r in runs), statistics.median(r[4] for r in runs)
        what = ("kith's export and more without ids" if kind == "tags" else
                "kith's export, ids")
        out.append((f"importing {n:,} {kind} ({what})",
                    f"{n / k:,.0f} rows/s", f"{n / b:,.0f} rows/s", f"{b / k:.2f} of its rate",
                    "≥ 0.5", f"{k:.2f} s against {b:.2f} s; processor {kc:.2f} s against "
                    f"{bc:.2f} s ({bc / kc:.2f}); {runs[0][6]:,} rows added or changed in "
                    f"{', '.join(runs[0][5])}; "
                    f"median of {rounds}"))
    return out


def main():
    quick = "--quick" in sys.argv
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 1
    people = int(sys.argv[sys.argv.index("--people") + 1]) if "--people" in sys.argv else None
    network.ensure_packages()
    network.build_kith()
    os.makedirs(CACHE, exist_ok=True)
    from borough import load, table
    say(f"kith imports benchmark{' (quick)' if quick else ''}")
    table(rows(1 if quick else rounds, quick, people))
    load()
