#!/usr/bin/python3
"""The Network screen, its chain browser and a person's journey, checked against what kith
graph report says. Usage: test_tui_network.py PATH-TO-KITH"""

import json
import re
import sys

from tuikit import chosen_row, cli, fresh_demo, hints, main, run, status, text


# ---- the Network screen ----

def report(db, *extra):
    return json.loads(cli(db, "graph", "report", "--json", *extra))


def table_rows(screen):
    """The asset rows of the Network screen's table: the lines after its column heading."""
    at = [i for i, line in enumerate(screen) if line.startswith(" Asset ")][0]
    return [line for line in screen[at + 1:-2] if line.strip()]


def test_network_screen_shows_the_report_and_sorts():
    db = fresh_demo("network.db")
    want = report(db)
    f = want["figures"]
    s = run(db, """
5
@wait
@dump
s
@dump
f
isolated
<Enter>
@dump
""")
    screen = text(s[0])
    assert "1 People" in s[0][0] and "5 Network" in s[0][0]
    assert f"{f['assets']} assets: {f['assets_with_flow']} with referrals, {f['isolated']} isolated" in screen
    assert f"{f['edges']} links (was {want['previous']['figures']['edges']})" in screen
    assert f"{f['communities']} communities" in screen
    assert "Betweenness and distances are exact." in screen
    assert "Enter journeys" in hints(s[0]) and "s sort" in hints(s[0]) and "f filter" in hints(s[0])
    # first by betweenness: the broker of the report comes first
    brokers = sorted(want["assets"], key=lambda a: -a["betweenness"])
    assert brokers[0]["name"] in chosen_row(s[0])
    assert f"{brokers[0]['betweenness']:.4f}" in chosen_row(s[0])
    # s: by referrals in and out, the hubs
    hubs = sorted(want["assets"], key=lambda a: -(a["in_referrals"] + a["out_referrals"]))
    assert "the hubs" in s[1][8] or any("the hubs" in line for line in s[1])
    assert hubs[0]["name"] in chosen_row(s[1])
    # f: the isolated ones alone, each with no links
    rows = table_rows(s[2])
    assert len(rows) == f["isolated"] and f"{f['isolated']} assets" in text(s[2])
    isolated = {a["name"] for a in want["assets"] if a["in_degree"] + a["out_degree"] == 0}
    assert all(any(name[:20] in row for name in isolated) for row in rows)


def test_network_chain_browser_opens_branches_and_goes_to_them():
    db = fresh_demo("chains.db")
    s = run(db, """
5
@wait
<Enter>
@dump
<Left>
<Left>
@dump
<Right>
<Down>
<Space>
@dump
<Enter>
@dump
q
@dump
""")
    top = chosen_row(run(db, "5\n@dump\n")[0])[1:].split("  ")[0].strip()
    assert f"Journeys through {top}" in text(s[0]) and "Came from, before it" in text(s[0])
    # ← goes up to the section, ← again closes it, and the other section shows
    assert "▸ Came from, before it" in text(s[1]) and "Went on to, after it" in text(s[1])
    s = [s[0]] + s[2:]
    assert "Space expand" in hints(s[0]) and "Enter open" in hints(s[0])
    chosen = [line for line in s[0] if "›" in line][0]
    branch = chosen.split("›")[1].strip("│ ▸").split("  ")[0].strip()
    assert "people" in chosen or "person" in chosen
    # Space opens the branch: the line under it is one hop further, indented
    at = [i for i, line in enumerate(s[1]) if "›" in line][0]
    below = s[1][at + 1]
    assert "▾" in s[1][at] and len(below) - len(below.lstrip("│ ")) > s[1][at].index("▾")
    # Enter shows the asset; q comes back to the Network
    assert branch in s[2][1] and ("3 Assets" in s[2][0] or "2 Groups" in s[2][0])
    assert "Referral network" in text(s[3])


def test_network_exact_figures_come_from_the_background():
    db = fresh_demo("exact.db")
    exact = report(db, "--exact")
    s = run(db, """
5
@wait
@dump
@wait
@dump
""", env={"KITH_EXACT_WORK": "0"})
    assert "estimates" in text(s[0]) and "≈" in text(s[0])
    assert "Betweenness and distances are exact." in text(s[1])
    assert "Exact betweenness and distances are ready" in status(s[1])
    brokers = sorted(exact["assets"], key=lambda a: -a["betweenness"])
    assert brokers[0]["name"] in chosen_row(s[1])
    assert f"{brokers[0]['betweenness']:.4f}" in chosen_row(s[1])
    assert f"{exact['figures']['average_path']:.2f} steps" in text(s[1])


def test_network_is_measured_again_after_a_change():
    db = fresh_demo("network-change.db")
    before = report(db)["figures"]["referrals"]
    pid = cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Network").strip()
    s = run(db, """
5
@wait
@dump
1
/tayo network<Enter>
r
northgate library<Enter><Tab><Tab>riverside library<Enter><C-s>
5
@dump
@wait
@dump
""")
    assert f"{before} referrals" in text(s[0])
    # the last figures at once, said to be recomputed; then the new ones
    assert f"{before} referrals" in text(s[1]) and "recomputing" in text(s[1])
    assert f"{before + 1} referrals" in text(s[2]) and "recomputing" not in text(s[2])
    assert pid


def test_network_shows_the_figures_kept_at_once():
    db = fresh_demo("network-kept.db")
    before = report(db)["figures"]["referrals"]
    first = run(db, "5\n@dump\n@wait\n@dump\n")
    # never measured: nothing to show until it is
    assert "Measuring the referral network" in text(first[0])
    assert f"{before} referrals" not in text(first[0])
    assert f"{before} referrals" in text(first[1])
    # the next session shows them at once, as they are: nothing has changed
    again = run(db, "5\n@dump\n")[0]
    assert f"{before} referrals" in text(again) and "Measuring" not in text(again)
    assert re.search(r"Figures of \d\d:\d\d\. Betweenness and distances are exact", text(again))
    assert "recomputing" not in text(again)
    # another program adds a referral: the kept figures show, never as if current
    pid = cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Kept").strip()
    cli(db, "referral", "add", "--person", pid, "--from-asset", "Northgate Library",
        "--to-asset", "Riverside Men's Shed", "--date", "01/11/2026")
    s = run(db, "5\n@dump\n@wait\n@dump\n")
    assert f"{before} referrals" in text(s[0])
    assert re.search(r"Figures of \d\d:\d\d; recomputing: records have changed since",
                     text(s[0]))
    assert f"{before + 1} referrals" in text(s[1]) and "recomputing" not in text(s[1])
    # and what was measured then is what the next session shows at once
    after = run(db, "5\n@dump\n")[0]
    assert f"{before + 1} referrals" in text(after) and "recomputing" not in text(after)


def test_network_kept_figures_are_not_shown_to_a_worker():
    db = fresh_demo("network-worker.db")
    run(db, "5\n@wait\n")
    s = run(db, "5\n@dump\n", login="wes")[0]
    assert "5 Network" not in s[0] and "Referral network" not in text(s)
    assert "referrals (was" not in text(s) and "Figures of" not in text(s)


def test_person_journey_lists_referrals_in_order():
    db = fresh_demo("journey.db")
    pid = cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Journey").strip()
    cli(db, "referral", "add", "--person", pid, "--from-asset", "Northgate Library",
        "--to-asset", "Riverside Men's Shed", "--date", "01/10/2026")
    cli(db, "referral", "add", "--person", pid, "--from-asset", "Riverside Men's Shed",
        "--to-asset", "Northgate Knit and Natter", "--date", "05/11/2026")
    s = run(db, """
/tayo journey<Enter>
p
@dump
j
<Enter>
@dump
""")
    screen = text(s[0])
    assert "Tayo Journey's journey" in screen and "2 referrals, 01/10/2026 to 05/11/2026" in screen
    first = screen.index("01/10/2026  Northgate Library → Riverside Men's Shed")
    second = screen.index("05/11/2026  Riverside Men's Shed → Northgate Knit and Natter")
    assert first < second
    assert "p journey" in hints(run(db, "/tayo journey<Enter>\n@dump\n")[0])
    # Enter shows the referral chosen
    assert "Tayo Journey to Northgate Knit and Natter" in s[1][1]


if __name__ == "__main__":
    sys.exit(main("tui-network", globals()))
