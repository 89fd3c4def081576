#!/usr/bin/python3
"""Every graph figure against NetworkX, the oracle: random graphs of several shapes and
sizes, with isolated nodes, self-loops, two-way edges, repeated edges, pendants of every
kind and several components; floating figures agree to 1e-9; Louvain's modularity is
checked exactly for kith's partition and within 0.02 of NetworkX's own Louvain.
Usage: test_graph_nx.py PATH-TO-graph_driver"""

import json
import random
import subprocess
import sys

import networkx as nx
from networkx.algorithms.centrality import betweenness as nxb

from suite import run as run_suite

DRIVER = sys.argv[1]
TOL = 1e-9


def run_driver(n, edges, groups, k=0):
    lines = [f"n {n}"] + ([f"k {k}"] if k else [])
    lines += [f"e {a} {b} {w}" for a, b, w in edges]
    lines += [f"g {v} {g}" for v, g in groups.items()]
    r = subprocess.run([DRIVER], input="\n".join(lines) + "\n", capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def networkx_graphs(n, edges):
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for a, b, w in edges:
        if a == b:
            continue
        if G.has_edge(a, b):
            G[a][b]["weight"] += w
        else:
            G.add_edge(a, b, weight=w)
    U = nx.Graph()
    U.add_nodes_from(range(n))
    for a, b, d in G.edges(data=True):
        if U.has_edge(a, b):
            U[a][b]["weight"] += d["weight"]
        else:
            U.add_edge(a, b, weight=d["weight"])
    return G, U


def close(a, b, what):
    assert abs(a - b) <= TOL * max(1.0, abs(b)), f"{what}: kith {a!r}, networkx {b!r}"


def close_list(a, b, what):
    assert len(a) == len(b), what
    for i, (x, y) in enumerate(zip(a, b)):
        close(x, y, f"{what}[{i}]")


def sampled_betweenness(G, sources):
    bc = dict.fromkeys(G, 0.0)
    for s in sources:
        S, P, sigma, _ = nxb._single_source_shortest_path_basic(G, s)
        bc, _ = nxb._accumulate_basic(bc, S, P, sigma, s)
    return nxb._rescale(bc, len(G), normalized=True, directed=True, k=len(sources))


def partition(got):
    communities = {}
    for v, c in enumerate(got["community"]):
        communities.setdefault(c, set()).add(v)
    return communities


def largest(components):
    return max(map(len, components), default=0)


def average_path(lcc):
    return nx.average_shortest_path_length(lcc) if len(lcc) > 1 else 0


def external_links(G, groups):
    return sum(1 for a, b in G.edges() if groups.get(a, 0) != groups.get(b, 0))


# NetworkX's value of each network figure kith reports (network.h's list), from the
# directed graph G, its undirected U, the largest weak component lcc, kith's own output and
# the groups. A figure kith adds without an oracle here fails the suite by name.
ORACLES = {
    "assets": lambda x: x.n,
    "assets_with_flow": lambda x: sum(1 for v in x.U if x.U.degree(v) > 0),
    "isolated": lambda x: sum(1 for v in x.U if x.U.degree(v) == 0),
    "edges": lambda x: x.G.number_of_edges(),
    "referrals": lambda x: sum(w for _, _, w in x.edges),
    "self_referrals": lambda x: sum(w for a, b, w in x.edges if a == b),
    "density": lambda x: nx.density(x.G),
    "reciprocity": lambda x: nx.overall_reciprocity(x.G) if x.G.number_of_edges() else 0,
    "weak_components": lambda x: len(x.wcc),
    "weak_largest": lambda x: largest(x.wcc),
    "weak_largest_share": lambda x: largest(x.wcc) / x.n if x.n else 0,
    "strong_components": lambda x: len(x.scc),
    "strong_largest": lambda x: largest(x.scc),
    "strong_largest_share": lambda x: largest(x.scc) / x.n if x.n else 0,
    "articulation_points": lambda x: len(list(nx.articulation_points(x.U))),
    "bridges": lambda x: len(list(nx.bridges(x.U))),
    "average_clustering": lambda x: nx.average_clustering(x.U) if x.n else 0,
    "transitivity": lambda x: nx.transitivity(x.U),
    # estimates when kith sampled its distances: checked only when exact
    "average_path": lambda x: average_path(x.lcc) if x.exact else None,
    "diameter": lambda x: (nx.diameter(x.lcc) if len(x.lcc) > 1 else 0) if x.exact else None,
    "communities": lambda x: len(partition(x.got)),
    "shared_communities": lambda x: sum(1 for c in partition(x.got).values() if len(c) > 1),
    "modularity": lambda x: (nx.community.modularity(x.U, list(partition(x.got).values()),
                                                     weight="weight")
                             if x.U.size(weight="weight") > 0 else 0),
    "cross_category_share": lambda x: (external_links(x.G, x.groups) / x.G.number_of_edges()
                                       if x.G.number_of_edges() else 0),
    "ei_index": lambda x: ((2 * external_links(x.G, x.groups) - x.G.number_of_edges())
                           / x.G.number_of_edges() if x.G.number_of_edges() else 0),
}


class Graphs:
    def __init__(self, n, edges, groups, got):
        self.n, self.edges, self.groups, self.got = n, edges, groups, got
        self.G, self.U = networkx_graphs(n, edges)
        self.wcc = list(nx.weakly_connected_components(self.G))
        self.scc = list(nx.strongly_connected_components(self.G))
        parts = list(nx.connected_components(self.U))
        self.lcc = self.U.subgraph(max(parts, key=len)) if parts else self.U
        self.exact = got["figures"]["distances_exact"]


def check_figures(x):
    for key, value in x.got["figures"].items():
        if key in ("betweenness_exact", "distances_exact"):
            continue
        assert key in ORACLES, f"the figure {key} has no NetworkX oracle in ORACLES"
        want = ORACLES[key](x)
        if want is not None:
            close(value, want, key)


def check(n, edges, groups, k=0):
    got = run_driver(n, edges, groups, k)
    x = Graphs(n, edges, groups, got)
    check_figures(x)
    G, U = x.G, x.U
    assert got["n"] == n and got["m"] == G.number_of_edges()
    assert got["in_degree"] == [G.in_degree(v) for v in range(n)]
    assert got["out_degree"] == [G.out_degree(v) for v in range(n)]
    close_list(got["in_weight"], [G.in_degree(v, weight="weight") for v in range(n)], "in_w")
    close_list(got["out_weight"], [G.out_degree(v, weight="weight") for v in range(n)], "out_w")
    assert got["articulation"] == sorted(nx.articulation_points(U)), "articulation points"
    assert sorted(map(tuple, got["bridges"])) == sorted(tuple(sorted(b)) for b in nx.bridges(U))
    close_list(got["clustering"], [nx.clustering(U, v) for v in range(n)], "clustering")
    if k:
        want = sampled_betweenness(G, got["sources"])
        assert len(got["sources"]) == min(k, n)
    else:
        want = nx.betweenness_centrality(G, normalized=True)
        assert got["figures"]["distances_exact"] and got["figures"]["betweenness_exact"]
    close_list(got["betweenness"], [want[v] for v in range(n)], "betweenness")
    parts = partition(got)
    assert sorted(map(len, parts.values()), reverse=True) == [len(parts[c]) for c in
                                                             sorted(parts)]
    if U.size(weight="weight") > 0:
        theirs = nx.community.modularity(
            U, nx.community.louvain_communities(U, weight="weight", seed=1), weight="weight")
        assert got["figures"]["modularity"] >= theirs - 0.02, (got["figures"], theirs)
    return got


# ---- shapes ----

def random_graph(rng, n, p, two_way=0.2, self_loops=0.05, isolated=0.1, max_w=5):
    edges = []
    alive = [v for v in range(n) if rng.random() >= isolated]
    for a in alive:
        for b in alive:
            if a != b and rng.random() < p:
                edges.append((a, b, rng.randint(1, max_w)))
                if rng.random() < two_way:
                    edges.append((b, a, rng.randint(1, max_w)))
        if rng.random() < self_loops:
            edges.append((a, a, rng.randint(1, max_w)))
    edges += [edges[i] for i in range(0, len(edges), 7)]  # repeated pairs add up
    return edges


def hubs_and_pendants(rng, n):
    """A referral network's shape: a few hubs, many assets that only receive from one
    place, some that only send, some two-way pendants, and clusters."""
    hubs = list(range(max(2, n // 15)))
    edges = []
    for v in range(len(hubs), n):
        kind = rng.random()
        h = rng.choice(hubs)
        if kind < 0.3:
            edges.append((h, v, rng.randint(1, 4)))          # only receives
        elif kind < 0.4:
            edges.append((v, h, rng.randint(1, 4)))          # only sends
        elif kind < 0.5:
            edges += [(v, h, 1), (h, v, 2)]                  # both ways, one neighbour
        elif kind < 0.95:
            for _ in range(rng.randint(1, 4)):
                edges.append((rng.choice(range(n)), v, 1))
            edges.append((v, rng.choice(range(n)), 1))
    for a in hubs:
        for b in hubs:
            if a != b and rng.random() < 0.5:
                edges.append((a, b, rng.randint(1, 9)))
    return edges


def components_of_shapes(rng):
    """A path, a cycle, a star, a clique, a bow-tie, a lone pair and isolated nodes."""
    edges, n = [], 0
    path = list(range(n, n + 6)); n += 6
    edges += [(a, b, 1) for a, b in zip(path, path[1:])]
    cycle = list(range(n, n + 5)); n += 5
    edges += [(cycle[i], cycle[(i + 1) % 5], 2) for i in range(5)]
    star = list(range(n, n + 7)); n += 7
    edges += [(star[0], s, 1) for s in star[1:]] + [(s, star[0], 1) for s in star[1:3]]
    clique = list(range(n, n + 5)); n += 5
    edges += [(a, b, 1) for a in clique for b in clique if a != b]
    tie = list(range(n, n + 5)); n += 5
    edges += [(tie[0], tie[1], 1), (tie[1], tie[2], 1), (tie[2], tie[0], 1),
              (tie[2], tie[3], 1), (tie[3], tie[4], 1), (tie[4], tie[2], 1)]
    edges += [(n, n + 1, 3), (n + 1, n, 1)]; n += 2
    n += 4  # isolated
    return n, edges


def groups_for(rng, n, count=4):
    return {v: rng.randrange(count) for v in range(n)}


# ---- tests ----

def test_hand_worked_cases():
    # a directed triangle with a tail and a self-loop: figures worked by hand
    got = check(5, [(0, 1, 2), (1, 2, 1), (2, 0, 1), (2, 3, 1), (3, 3, 4)], {0: 1})
    f = got["figures"]
    assert f["weak_components"] == 2 and f["strong_components"] == 3
    assert got["articulation"] == [2] and got["bridges"] == [[2, 3]]
    close(f["density"], 4 / 20, "density")
    close(f["transitivity"], 3 / 5, "transitivity")  # 3 corners of 1 triangle; 5 triads
    close(got["betweenness"][2], 3 / 12, "betweenness of the tail's root")
    assert f["self_referrals"] == 4 and f["referrals"] == 9 and got["weight"] == 5
    # no edges at all
    got = check(4, [], {})
    f = got["figures"]
    assert got["m"] == 0 and f["density"] == 0 and f["modularity"] == 0
    assert f["isolated"] == 4 and f["assets_with_flow"] == 0
    # one node, and none
    check(1, [(0, 0, 1)], {})
    check(0, [], {})


def test_random_graphs_of_several_sizes():
    rng = random.Random(1)
    for n, p in ((6, 0.4), (15, 0.25), (40, 0.08), (80, 0.05), (150, 0.02), (300, 0.01)):
        edges = random_graph(rng, n, p)
        check(n, edges, groups_for(rng, n))


def test_dense_and_sparse_extremes():
    rng = random.Random(2)
    check(25, random_graph(rng, 25, 0.9, two_way=0.9, isolated=0), groups_for(rng, 25))
    check(200, random_graph(rng, 200, 0.004, isolated=0.3), groups_for(rng, 200))


def test_referral_shaped_networks_with_pendants():
    rng = random.Random(3)
    for n in (30, 120, 400):
        check(n, hubs_and_pendants(rng, n), groups_for(rng, n, 6))


def test_components_of_many_shapes():
    rng = random.Random(4)
    n, edges = components_of_shapes(rng)
    check(n, edges, groups_for(rng, n))


def test_sampled_betweenness_is_networkx_estimator_for_the_same_sources():
    rng = random.Random(5)
    for n in (60, 250):
        edges = hubs_and_pendants(rng, n)
        got = check(n, edges, groups_for(rng, n), k=17)
        assert not got["figures"]["distances_exact"]
        assert not got["figures"]["betweenness_exact"]


def test_the_same_seed_gives_the_same_communities():
    rng = random.Random(6)
    edges = hubs_and_pendants(rng, 200)
    a = run_driver(200, edges, {})
    b = run_driver(200, list(reversed(edges)), {})
    assert a["community"] == b["community"]
    assert a["figures"]["modularity"] == b["figures"]["modularity"]


def main():
    return run_suite("graph-nx", globals(), None)


if __name__ == "__main__":
    sys.exit(main())
