#!/usr/bin/python3
"""The second benchmark peer: the figures of kith's connectedness report computed with
NetworkX (Debian's python3-networkx) from the edge list `kith graph export --format edgelist`
writes. Run by bench/run; not part of kith.

Usage: networkx_report.py EDGELIST [--exact] [--sample K]
Prints "name value" lines and the seconds the computation took, from memory (reading the
file is not timed)."""
import random
import sys
import time

import networkx as nx


def read(path):
    g = nx.DiGraph()
    group = {}
    with open(path) as f:
        for line in f:
            part = line.split()
            if part[0] == "n":
                g.add_nodes_from(range(int(part[1])))
            elif part[0] == "e":
                g.add_edge(int(part[1]), int(part[2]), weight=int(part[3]))
            elif part[0] == "g":
                group[int(part[1])] = int(part[2])
    return g, group


def undirected(g):
    u = nx.Graph()
    u.add_nodes_from(g)
    for a, b, w in g.edges(data="weight"):
        if u.has_edge(a, b):
            u[a][b]["weight"] += w
        else:
            u.add_edge(a, b, weight=w)
    return u


def distances(u, part, k, rng):
    """Average shortest path and the longest found, from k sources of the part (all: exact)."""
    nodes = list(part)
    sources = nodes if k <= 0 or k >= len(nodes) else rng.sample(nodes, k)
    total = pairs = longest = 0
    sub = u.subgraph(part)
    for s in sources:
        for d in nx.single_source_shortest_path_length(sub, s).values():
            if d:
                total += d
                pairs += 1
                longest = max(longest, d)
    return (total / pairs if pairs else 0), longest


def main():
    path = sys.argv[1]
    exact = "--exact" in sys.argv
    k = int(sys.argv[sys.argv.index("--sample") + 1]) if "--sample" in sys.argv else 256
    g, group = read(path)
    rng = random.Random(20261122)
    start = time.perf_counter()
    u = undirected(g)
    density = nx.density(g)
    reciprocity = nx.overall_reciprocity(g) if g.number_of_edges() else 0
    weak = list(nx.weakly_connected_components(g))
    strong = nx.number_strongly_connected_components(g)
    largest = max(weak, key=len)
    cut = list(nx.articulation_points(u))
    bridges = list(nx.bridges(u))
    transitivity = nx.transitivity(u)
    clustering = nx.average_clustering(u)
    sample = None if exact or k >= g.number_of_nodes() else k
    nx.betweenness_centrality(g, k=sample, seed=20261122)
    average, diameter = distances(u, largest, 0 if exact else k, rng)
    communities = nx.community.louvain_communities(u, weight="weight", seed=20261122)
    modularity = nx.community.modularity(u, communities, weight="weight")
    external = sum(1 for a, b in g.edges() if group.get(a) != group.get(b))
    seconds = time.perf_counter() - start
    print(f"assets {g.number_of_nodes()}\nedges {g.number_of_edges()}\n"
          f"density {density:.6g}\nreciprocity {reciprocity:.6g}\nweak {len(weak)}\n"
          f"strong {strong}\narticulation {len(cut)}\nbridges {len(bridges)}\n"
          f"transitivity {transitivity:.6g}\naverage_clustering {clustering:.6g}\n"
          f"average_path {average:.6g}\ndiameter {diameter}\ncommunities {len(communities)}\n"
          f"modularity {modularity:.6g}\n"
          f"cross_share {external / g.number_of_edges() if g.number_of_edges() else 0:.6g}\n"
          f"seconds {seconds:.6f}")


if __name__ == "__main__":
    main()
