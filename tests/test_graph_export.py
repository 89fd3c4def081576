#!/usr/bin/python3
"""The network's files as Gephi, NetworkX and a spreadsheet read them: GraphML and GEXF read
back with NetworkX (the oracle) give every asset's name as its label and every link's weight
as the referrals between the two assets counted from the referral list; GEXF validates
against the official 1.3 schema; the CSV edge file carries Gephi's Weight and its nodes file
keeps the assets with no referral; hostile names come out verbatim and well-formed; a worker
and someone logged out get nothing. Usage: test_graph_export.py PATH-TO-KITH"""

import collections
import csv
import functools
import io
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx
from networkx.readwrite import gexf as nx_gexf

import test_cli_restricted as restricted
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

GEXF_SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "gexf-1.3",
                           "gexf.xsd")
GEXF_NS = "http://gexf.net/1.3"
# NetworkX reads GEXF 1.1 and 1.2; 1.3 has the same nodes, edges and attributes under its own
# namespace, so its reader is given that namespace and nothing else
nx_gexf.GEXF.versions["1.3"] = dict(nx_gexf.GEXF.versions["1.2draft"], NS_GEXF=GEXF_NS,
                                    VERSION="1.3")

HOSTILE = ['Tom & "Jerry" <Café> \U0001F33B', "O'Neil's </data> ]]> &amp; 日本語",
           "=SUM(A1) \U0001F468\u200D\U0001F469\u200D\U0001F467"]
# what no form lets in, but an old database may hold: it comes out as it is, or (a control
# character XML cannot carry) as U+FFFD
PLANTED = ("Line one\nline\ttwo\r\x01", "Line one\nline\ttwo\r\ufffd")


@functools.cache
def setup():
    """A demo network with hostile names, two of them linked, one isolated."""
    db = new_db("graph-export.db")
    ok(kith("demo", "--people", "40", "--assets", "14", "--referrals", "120", db=db))
    ids = [ok(kith("asset", "add", "--name", name, "--category", "space", "--neighbourhood",
                   name, db=db, login="cora")).out.strip() for name in HOSTILE + ["Plain"]]
    person = ok(kith("person", "list", "--json", "--limit", "1", db=db, login="cora")).json()[0]
    for a, b in ((0, 1), (0, 1), (1, 0)):
        ok(kith("referral", "add", "--person", person["id"], "--from-asset", ids[a],
                "--to-asset", ids[b], "--date", "01/06/2026", db=db, login="cora"))
    with sqlite3.connect(db) as d:  # closed before kith opens it again
        d.execute("UPDATE asset SET name = ? WHERE id = ?", (PLANTED[0], ids[3]))
    d.close()
    return db


def export(fmt, *more):
    return ok(kith("graph", "export", "--format", fmt, *more, db=setup(), login="cora")).out


def report(*more):
    return ok(kith("graph", "report", "--json", *more, db=setup(), login="cora")).json()


def written(fmt, name, *more):
    path = os.path.join(SCRATCH, name)
    for old in (path, path.replace(".csv", "-nodes.csv")):
        if os.path.exists(old):
            os.remove(old)
    ok(kith("graph", "export", "--format", fmt, "--out", path, *more, db=setup(), login="cora"))
    return path


def names():
    """Each asset's name as the assets' own export gives it to the same reader."""
    rows = ok(kith("export", "assets", "--format", "json", db=setup(), login="cora")).json()
    return {r["id"]: r["name"] for r in rows}


def referral_weights(since, until, assets):
    """The oracle of every edge: the referrals between two different assets in the period,
    counted from the referral list."""
    rows = ok(kith("referral", "list", "--json", "--limit", "100000", db=setup(),
                   login="cora")).json()
    w = collections.Counter()
    for r in rows:
        a, b = r["from_asset_id"], r["to_asset_id"]
        if since <= r["date"] <= until and a != b and a in assets and b in assets:
            w[a, b] += 1
    return w


def in_xml(text):
    """text as XML 1.0 can carry it: a control character other than a line end or a tab is
    U+FFFD."""
    return "".join("\ufffd" if (ord(c) < 32 and c not in "\t\n\r") or c == "\x7f" else c
                   for c in text)


def check_graph(G, rep, carried=in_xml):
    """G against the report: every asset with its name as label (as the format carries it),
    and every edge's weight."""
    assets = {a["id"]: a for a in rep["assets"]}
    assert set(G.nodes) == set(assets), "the export's assets are the report's"
    want_names = names()
    for v, a in assets.items():
        assert a["name"] == want_names[v], (a, want_names[v])
        assert G.nodes[v]["label"] == carried(a["name"]), (v, G.nodes[v], a["name"])
        assert G.nodes[v]["category"] == a["category"]
        assert G.nodes[v]["neighbourhood"] == carried(a["neighbourhood"])
        assert G.in_degree(v, weight="weight") == a["in_referrals"], a
        assert G.out_degree(v, weight="weight") == a["out_referrals"], a
    want = referral_weights(rep["since"], rep["until"], assets)
    got = {(a, b): d["weight"] for a, b, d in G.edges(data=True)}
    assert got == dict(want), "every edge weighs the referrals between its two assets"
    assert G.number_of_edges() == rep["figures"]["edges"]
    isolated = [v for v in G if G.degree(v) == 0]
    assert len(isolated) == rep["figures"]["isolated"]
    return isolated


def test_graphml_has_labels_weights_and_its_period():
    rep = report()
    path = written("graphml", "net.graphml")
    G = nx.read_graphml(path)
    assert G.is_directed()
    assert check_graph(G, rep), "the demo has an asset with no referral"
    assert G.graph["since"] == rep["since"] and G.graph["until"] == rep["until"]
    assert "only_neighbourhood" not in G.graph
    for v in G:
        assert G.nodes[v]["name"] == G.nodes[v]["label"]
    # a narrowed network says what it was narrowed to
    G = nx.read_graphml(written("graphml", "north.graphml", "--neighbourhood", "northgate",
                                "--since", "01/01/2026", "--until", "30/06/2026"))
    assert G.graph["since"] == "2026-01-01" and G.graph["until"] == "2026-06-30"
    assert G.graph["only_neighbourhood"].lower() == "northgate"
    check_graph(G, report("--neighbourhood", "northgate", "--since", "01/01/2026", "--until",
                          "30/06/2026"))


def test_gexf_is_valid_13_with_labels_weights_and_its_period():
    rep = report()
    path = written("gexf", "net.gexf")
    r = subprocess.run(["xmllint", "--noout", "--schema", GEXF_SCHEMA, path],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    G = nx.read_gexf(path, version="1.3")
    assert G.is_directed()
    check_graph(G, rep)
    ns = {"g": GEXF_NS}
    root = ET.parse(path).getroot()
    assert root.get("version") == "1.3"
    assert root.find("g:meta/g:creator", ns).text == "kith"
    description = root.find("g:meta/g:description", ns).text
    assert description == f"referrals {rep['since']} to {rep['until']}", description
    root = ET.fromstring(export("gexf", "--category", "space", "--since", "01/01/2026"))
    description = root.find("g:meta/g:description", ns).text
    assert description.startswith("referrals 2026-01-01 to ") and "category space" in description
    assert {n.get("id") for n in root.iterfind(".//g:node", ns)} == {
        a["id"] for a in report("--category", "space", "--since", "01/01/2026")["assets"]}


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_edges_carry_gephis_weight_and_a_nodes_file_keeps_every_asset():
    rep = report()
    path = written("csv", "net.csv")
    nodes_path = os.path.join(SCRATCH, "net-nodes.csv")
    with open(path, newline="") as f:
        text = f.read()
        assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
        edges = read_csv(text)
    with open(nodes_path, newline="") as f:
        nodes = read_csv(f.read())
    assert list(nodes[0]) == ["Id", "Label", "category", "neighbourhood"]
    G = nx.DiGraph()
    for n in nodes:  # as Gephi's spreadsheet import reads them: Id, Label, the rest
        G.add_node(n["Id"], label=n["Label"], category=n["category"],
                   neighbourhood=n["neighbourhood"])
    for e in edges:
        assert e["Type"] == "Directed" and e["Weight"] == e["referrals"]
        assert e["source"] in G and e["target"] in G
        G.add_edge(e["source"], e["target"], weight=int(e["Weight"]))
    # the formula guard of every CSV meant for a spreadsheet: '= stays '=
    for v in G:
        for key in ("label", "neighbourhood"):
            if G.nodes[v][key].startswith("'="):
                G.nodes[v][key] = G.nodes[v][key][1:]
    assert check_graph(G, rep, carried=lambda s: s), "the assets with no referral are kept"
    # to the standard output there is no file to put beside it: the edges alone
    assert read_csv(export("csv")) == edges
    assert stat_mode(nodes_path) == 0o600


def stat_mode(path):
    return os.stat(path).st_mode & 0o777


def test_a_nodes_file_already_there_is_not_replaced_without_force():
    db = setup()
    path = os.path.join(SCRATCH, "kept.csv")
    nodes = os.path.join(SCRATCH, "kept-nodes.csv")
    with open(nodes, "w") as f:
        f.write("mine\n")
    r = kith("graph", "export", "--format", "csv", "--out", path, db=db, login="cora")
    assert r.code == 1 and nodes in r.err and "--force" in r.err, r.err
    assert not os.path.exists(path) and open(nodes).read() == "mine\n"
    ok(kith("graph", "export", "--format", "csv", "--out", path, "--force", db=db, login="cora"))
    assert open(nodes).read().startswith("Id,Label,")
    # a name without .csv gets -nodes.csv after it
    ok(kith("graph", "export", "--format", "csv", "--out", os.path.join(SCRATCH, "edges"),
            db=db, login="cora"))
    assert os.path.exists(os.path.join(SCRATCH, "edges-nodes.csv"))


def test_hostile_names_come_out_verbatim_and_well_formed():
    want = set(HOSTILE) | {PLANTED[1]}
    ns = {"g": GEXF_NS, "m": "http://graphml.graphdrawing.org/xmlns"}
    gexf = ET.fromstring(export("gexf").encode())
    labels = {n.get("label") for n in gexf.iterfind(".//g:node", ns)}
    assert want <= labels, labels
    graphml = ET.fromstring(export("graphml").encode())
    labels = {d.text for d in graphml.iterfind(".//m:data[@key='label']", ns)}
    assert want <= labels, labels
    written("csv", "hostile.csv")
    with open(os.path.join(SCRATCH, "hostile-nodes.csv"), newline="") as f:
        nodes = read_csv(f.read())
    labels = {n["Label"] for n in nodes}
    assert set(HOSTILE[:2]) <= labels and "'" + HOSTILE[2] in labels
    assert PLANTED[0] in labels  # CSV carries every character as it is


def test_a_worker_and_the_logged_out_get_no_network_file():
    # the restricted person of the command line's privacy suite, with their gift as an asset
    db = restricted.setup()
    gift = restricted.add_restricted()["asset"]
    for fmt in ("graphml", "gexf", "csv", "dot", "edgelist"):
        path = os.path.join(SCRATCH, "restricted." + fmt)
        for who in ({"login": "wes"}, {"login": "wren", "password": restricted.WREN}, {}):
            r = kith("graph", "export", "--format", fmt, "--out", path, db=db, **who)
            assert r.code == 1 and r.out == "" and "Zephyrine" not in r.err, (fmt, who, r.err)
            assert ("coordinator" if who else "give --user NAME") in r.err, r.err
            assert not os.path.exists(path)
            assert not os.path.exists(path.replace(".csv", "-nodes.csv"))
            r = kith("graph", "export", "--format", fmt, db=db, **who)
            assert r.code == 1 and r.out == "", (fmt, who)
    # a coordinator, who sees every record, gets the name as the assets' export gives it
    mine = {r["id"]: r["name"] for r in ok(kith("export", "assets", "--format", "json", db=db,
                                                login="cora")).json()}
    G = nx.read_gexf(io.BytesIO(ok(kith("graph", "export", "--format", "gexf", db=db,
                                        login="cora")).out.encode()), version="1.3")
    assert G.nodes[gift]["label"] == mine[gift] == "Zephyrine's marquetry"
    assert {v: G.nodes[v]["label"] for v in G} == mine


def main():
    return run_suite("graph-export", globals(), SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
