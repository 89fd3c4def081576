"""kith's network benchmark (bench/run network): the connectedness report from kith's database against the same
figures computed by igraph's C library and by NetworkX from the same edges, in one run and
interleaved, on demo networks of about 1k assets/10k referrals, 5k/100k and 20k/1M. Prints
medians, ratios and peak memory.

    bench/run network            every size, then exact betweenness and distances at 20k/1M
    bench/run network --quick    the smallest size once, without exact figures (CI runs this)
    bench/run network --rounds N rounds of each timing (default 5; NetworkX fewer where slow)

Installs libigraph-dev and python3-networkx when missing (as root). The demo databases are
kept in ~/.cache/kith-bench (building the largest takes about a minute)."""
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the test build: the benchmarks build their databases with the cheapest password hashing
# and a fixed day (KITH_PASSWORD_COST, KITH_TODAY), which a release build ignores
BUILD = os.path.join(ROOT, "build-test")
CACHE = os.path.join(os.environ.get("XDG_CACHE_HOME") or
                     os.path.join(os.path.expanduser("~"), ".cache"), "kith-bench")
# the demo's dates run to this day; fixing it fixes the network measured
# the cheapest password hashing: the report logs in, and a login's deliberate cost is not the
# report's
ENV = dict(os.environ, KITH_TODAY="2026-11-22", TZ="UTC", KITH_PASSWORD_COST="min")
SIZES = [  # name, people, assets, referrals, NetworkX rounds
    ("1k/10k", 3000, 1000, 10000, 5),
    ("5k/100k", 20000, 5000, 100000, 3),
    ("20k/1M", 100000, 20000, 1000000, 1),
]
PACKAGES = ["gcc", "meson", "ninja-build", "pkg-config", "libsqlite3-dev", "uuid-dev",
            "libncurses-dev", "libsodium-dev", "libunistring-dev", "libigraph-dev",
            "python3-networkx", "time", "sqlite3"]


def say(*a):
    print(*a, flush=True)


def ensure_packages(packages=None):
    """The Debian packages a benchmark needs (network's own by default), installed as root."""
    missing = [p for p in packages or PACKAGES if subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True,
        text=True).stdout.find("install ok installed") < 0]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit("bench/run needs these Debian packages; install them with:\n"
                 f"    sudo apt-get install {' '.join(missing)}")
    say(f"bench/run: installing {' '.join(missing)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing,
                   check=True, env=env)


def build_kith():
    if not os.path.exists(os.path.join(BUILD, "build.ninja")):
        subprocess.run(["meson", "setup", BUILD, "--werror", "-Dtest_hooks=true"], check=True,
                       cwd=ROOT,
                       stdout=subprocess.DEVNULL)
    subprocess.run(["meson", "compile", "-C", BUILD], check=True, stdout=subprocess.DEVNULL)


def build():
    build_kith()
    peer = os.path.join(BUILD, "bench", "igraph_report")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "igraph"], check=True,
                           capture_output=True, text=True).stdout.split()
    subprocess.run(["gcc", "-O2", "-o", peer, os.path.join(ROOT, "bench", "igraph_report.c")]
                   + flags, check=True)
    return peer


def demo(people, assets, referrals):
    """The demo database of a size and its edge list, made once."""
    os.makedirs(CACHE, exist_ok=True)
    db = os.path.join(CACHE, f"demo-{assets}-{referrals}.db")
    edges = db[:-3] + ".edges"
    kith = os.path.join(BUILD, "kith")
    if not os.path.exists(db):
        say(f"  making a demo of {assets} assets and {referrals} referrals…")
        subprocess.run([kith, "--db", db + ".part", "demo", "--people", str(people), "--assets",
                        str(assets), "--referrals", str(referrals)], check=True, env=ENV,
                       stdout=subprocess.DEVNULL)
        os.rename(db + ".part", db)
    if not os.path.exists(edges) or os.path.getmtime(edges) < os.path.getmtime(db):
        # the demo's coordinator, as README gives her password, through a pipe
        r, w = os.pipe()
        os.write(w, b"amber kettle meadow\n")
        os.close(w)
        subprocess.run([kith, "--db", db, "--user", "cora", "--password-fd", str(r), "graph",
                        "export", "--format", "edgelist", "--out", edges, "--force"],
                       check=True, env=ENV, pass_fds=(r,))
        os.close(r)
    return db, edges


class Tool:
    def __init__(self, name, cmd, rounds, env=None):
        self.name, self.cmd, self.rounds, self.env = name, cmd, rounds, env
        self.seconds, self.peak, self.last = [], [], {}

    def run(self):
        got = timed_child(self.cmd, self.env)
        self.seconds.append(float(got["seconds"]))
        self.peak.append(got["peak_mb"])
        self.last = got

    def median(self):
        return statistics.median(self.seconds)


def timed_child(cmd, env=None):
    """Runs cmd; returns its "name value" lines as a dict, with its peak memory in MB. The
    peak comes from /usr/bin/time, a small program: a child forked from this Python process
    would carry Python's own memory in its peak."""
    peak_file = os.path.join(CACHE, "peak.txt")
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak_file] + cmd,
                       capture_output=True, text=True, env=dict(ENV, **(env or {})))
    elapsed = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"bench/run: {' '.join(cmd)} failed:\n{p.stderr}")
    got = dict(line.partition(" ")[::2] for line in p.stdout.splitlines())
    got["elapsed"] = elapsed
    with open(peak_file) as f:
        got["peak_mb"] = int(f.read().split()[-1]) / 1024
    return got


def interleave(tools, rounds):
    """Round after round, each tool in turn, the first one rotating: a machine's drift
    (heat, other work) falls on all of them alike."""
    for r in range(rounds):
        order = tools[r % len(tools):] + tools[:r % len(tools)]
        for t in order:
            if len(t.seconds) < t.rounds:
                t.run()


def table(size, tools, igraph):
    say(f"\n{size}: {tools[0].last.get('nodes', '?')} assets, {tools[0].last.get('edges', '?')} "
        f"links in the last twelve months")
    say(f"  {'':10} {'median s':>10} {'rounds':>7} {'peak MB':>8}   against igraph")
    for t in tools:
        ratio = t.median() / igraph.median() if igraph.median() else float("nan")
        against = "" if t is igraph else f"{ratio:.2f}× igraph's time"
        say(f"  {t.name:10} {t.median():10.3f} {len(t.seconds):7d} {max(t.peak):8.1f}   {against}")


def check_same_network(tools):
    edges = {t.name: t.last.get("edges") for t in tools}
    if len(set(edges.values())) != 1:
        sys.exit(f"bench/run: the tools measured different networks: {edges}")


def main():
    quick = "--quick" in sys.argv
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5
    ensure_packages()
    peer = build()
    bench = os.path.join(BUILD, "bench", "graph_bench")
    nx_script = os.path.join(ROOT, "bench", "networkx_report.py")
    say(f"kith network benchmark on {os.cpu_count()} processors; kith uses them all, igraph "
        f"and NetworkX one")
    sizes = SIZES[:1] if quick else SIZES
    results = []
    for size, people, assets, referrals, nx_rounds in sizes:
        db, edges = demo(people, assets, referrals)
        n = 1 if quick else rounds
        # the peers sample betweenness and distances at every size, so kith does too here
        # (its report is exact where that takes under a second)
        tools = [Tool("kith", [bench, db], n, {"KITH_EXACT_WORK": "0"}),
                 Tool("igraph", [peer, edges], n),
                 Tool("networkx", ["/usr/bin/python3", nx_script, edges], min(n, nx_rounds))]
        interleave(tools, n)
        check_same_network(tools)
        table(size, tools, tools[1])
        results.append((size, tools))
    if not quick:
        db, edges = demo(*SIZES[-1][1:4])
        say("\nexact betweenness and distances at 20k/1M (once each: igraph takes minutes)")
        tools = [Tool("kith", [bench, db, "--exact"], 1),
                 Tool("igraph", [peer, edges, "--exact"], 1)]
        interleave(tools, 1)
        check_same_network(tools)
        table("20k/1M exact", tools, tools[1])
        say(f"  average path: kith {tools[0].last['average_path']}, igraph "
            f"{tools[1].last['average_path']}")
    say("\nsummary")
    for size, tools in results:
        kith, igraph, nxr = tools
        say(f"  {size:8} kith {igraph.median() / kith.median():.1f}× faster than igraph, "
            f"{nxr.median() / kith.median():.0f}× faster than NetworkX; peak memory "
            f"{max(kith.peak):.0f} MB against igraph's {max(igraph.peak):.0f} MB")

