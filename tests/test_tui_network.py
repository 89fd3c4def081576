#!/usr/bin/python3
"""The Network screen, its chain browser and a person's journey, checked against what kith
graph report says. Usage: test_tui_network.py PATH-TO-KITH"""

import json
import os
import re
import sys
import tempfile

from tuikit import PASSWORDS, chosen_row, cli, fresh_demo, hints, main, run, status, text


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
    # the communities said are those f offers: of two or more assets
    assert f"{f['shared_communities']} communities of two or more assets" in screen
    assert f"{f['communities']} communities" not in screen
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


def test_network_counts_say_what_they_count():
    db = fresh_demo("counts.db")
    want = report(db)
    s = run(db, """
5
@wait
@dump
f
@dump
<Esc>
<Enter>
@dump
<Left>
<Left>
@dump
""")
    # every community the summary counts is offered by the filter, and no more
    assert f"{want['figures']['shared_communities']} communities of two or more" in text(s[0])
    s = s[1:]
    offered = [line for line in s[0] if "community " in line and ", around " in line]
    assert len(offered) == want["figures"]["shared_communities"] == 4
    # the chain browser's referrals to and from it are the table's referrals in and out
    brokers = sorted(want["assets"], key=lambda a: -a["betweenness"])
    top = brokers[0]
    journeys = text(s[1])
    assert (f"{top['in_referrals']} referral{'' if top['in_referrals'] == 1 else 's'} to it, "
            f"{top['out_referrals']} from it") in journeys
    chain = json.loads(cli(db, "graph", "chain", "--asset", top["id"], "--depth", "4",
                           "--top", "20", "--since", want["since"], "--until", want["until"],
                           "--json"))
    assert chain["referrals_in"] == top["in_referrals"]
    assert chain["referrals_out"] == top["out_referrals"]
    people = chain["people"]
    assert f"Came from, before it: where {chain['people_before']} of the {people} had been" \
        in journeys
    assert f"Went on to, after it: where {chain['people_after']} of the {people} went next" \
        in text(s[2])
    # the folded branches say their people are counted once in all, not added up
    folded = [line for line in s[1] if "other assets, fewer people each" in line]
    assert folded and all(" in all" in line for line in folded)
    assert "smaller branches" not in journeys


def meanings_of_the_report(db):
    """The command line report's last sections: each label with its meaning's words."""
    out = cli(db, "graph", "report")
    lines = out[out.index("\nWhat the figures mean\n"):].split("\n")
    meant, label = {}, None
    for line in lines:
        if line.startswith("      "):
            meant[label] += line.split()
        elif line.startswith("  "):
            label = line.strip()
            meant[label] = []
    return meant


def meaning_shown(screen):
    """The words of the meaning under the figures: the rows above the status line, after a
    blank one."""
    return " ".join(screen[-6:-2]).split()


def sparkline(values, utf8=True):
    bars = "▁▂▃▄▅▆▇█" if utf8 else "_.-:=+*#"
    lo, hi = min(values), max(values)
    if hi == lo:
        return bars[3 if hi > 0 else 0] * len(values)
    return "".join(bars[int((v - lo) / (hi - lo) * 7 + 0.5)] for v in values)


def test_network_figures_say_what_they_mean_and_how_they_went():
    db = fresh_demo("figures.db")
    want = report(db, "--trend")
    trend = want["trend"]["figures"]
    meant = meanings_of_the_report(db)
    s = run(db, """
5
@wait
i
@dump
@wait
@dump
<Down><Down><Down>
@dump
G
@dump
i
@dump
""")
    # the figures at once, their months said to be measured; then filled in
    row = [line for line in s[0] if line[1:].startswith("referrals ")][0]
    assert "charts: measuring…" in text(s[0]) and str(want["figures"]["referrals"]) in row
    assert not any(bar in row for bar in "▁▂▃▄▅▆▇█") and "not monthly" not in text(s[0])
    s = s[1:]
    assert "charts: measuring…" not in text(s[0])
    screen = text(s[0])
    assert "Each figure: what it means, and how it went month by month" in screen
    assert "i figures" in hints(s[0])
    months = want["trend"]["months"]
    assert f"by month {months[0][5:]}/{months[0][:4]}…22/11/2026" in screen
    row = [line for line in s[0] if line[1:].startswith("referrals ")][0]
    assert str(want["figures"]["referrals"]) in row
    assert str(want["previous"]["figures"]["referrals"]) in row
    assert sparkline(trend["referrals"]) in row
    row = [line for line in s[0] if line[1:].startswith("isolated assets ")][0]
    assert sparkline(trend["isolated"]) in row
    # the meaning under the cursor is the command line's, word for word
    assert meaning_shown(s[0]) == meant["assets"]
    assert chosen_row(s[1])[1:].startswith("links (asset to asset)")
    assert meaning_shown(s[1]) == meant["links (asset to asset)"]
    # after the figures, the table's columns: a cut point, said plainly
    assert chosen_row(s[2])[1:].startswith("Cut point")
    assert meaning_shown(s[2]) == meant["Cut point"]
    assert "single point of failure" in text(s[2])
    # i again: the assets
    assert "Assets by betweenness" in text(s[3])


def test_network_trend_is_drawn_in_ascii_where_the_locale_is_not_utf8():
    db = fresh_demo("ascii.db")
    want = report(db, "--trend")
    s = run(db, "5\n@wait\n@wait\ni\n@dump\n", env={"LANG": "C"})
    row = [line for line in s[0] if line[1:].startswith("referrals ")][0]
    assert sparkline(want["trend"]["figures"]["referrals"], utf8=False) in row
    assert not any(bar in row for bar in "▁▂▃▄▅▆▇█")


def test_a_large_network_leaves_the_dear_figures_out_of_its_trend_and_says_so():
    db = fresh_demo("large.db")
    s = run(db, "5\n@wait\n@wait\ni\n" + "<Down>" * 17 + "\n@dump\n", env={"KITH_EXACT_WORK": "0"})
    row = chosen_row(s[0])
    assert row[1:].startswith("average distance") and "not monthly" in row
    assert "Not measured month by month" in text(s[0])
    referrals = [line for line in s[0] if line[1:].startswith("referrals ")]
    assert referrals and "not monthly" not in referrals[0]


def test_network_measures_the_period_and_place_chosen():
    db = fresh_demo("choose.db")
    s = run(db, """
5
@wait
p
this year<Enter>
@wait
@dump
n
northgate<Enter>
@wait
@dump
c
association<Enter>
@wait
@dump
p
from<Enter>
<C-u>31/13/2026 01/01/2027<Enter>
@dump
<C-u>01/03/2026 to 31/08/2026<Enter>
@wait
@dump
""")
    def says(screen, *args):
        f = report(db, *args)["figures"]
        assert (f"{f['assets']} assets: {f['assets_with_flow']} with referrals, "
                f"{f['isolated']} isolated") in text(screen)
        assert f"{f['referrals']} referrals" in text(screen)
        return f
    year = ("--since", "2026-01-01", "--until", "2026-11-22")
    assert "Referral network, 01/01/2026 to 22/11/2026" in text(s[0])
    says(s[0], *year)
    assert "Referral network of assets in Northgate, 01/01/2026" in text(s[1])
    north = says(s[1], *year, "--neighbourhood", "Northgate")
    assert north["assets"] < report(db)["figures"]["assets"]
    assert "Referral network of association assets in Northgate" in text(s[2])
    says(s[2], *year, "--neighbourhood", "Northgate", "--category", "association")
    # a date that is none is refused, naming the field, and what was typed stays
    assert "from: " in status(s[3]) and status(s[3]).endswith("31/13/2026 01/01/2027")
    assert "01/03/2026 to 31/08/2026" in text(s[4])
    f = says(s[4], "--since", "2026-03-01", "--until", "2026-08-31", "--neighbourhood",
             "Northgate", "--category", "association")
    assert f["referrals"] > 0


def test_network_report_is_written_where_it_says():
    db = fresh_demo("write.db")
    home = tempfile.mkdtemp(prefix="kith-test-home-")
    os.makedirs(os.path.join(home, "Documents"))
    path = os.path.join(home, "Documents", "kith-network-report-2026-11-22.txt")
    s = run(db, """
5
@wait
w
@dump
<Enter>
@dump
@wait
@dump
w
<Enter>
@dump
n
@dump
<Esc>
w
<C-u>""" + os.path.join(home, "net.json") + """<Enter>
@dump
w
<C-u>/nonexistent/kith/report.txt<Enter>
@dump
""", env={"HOME": home})
    assert "Write the report to (.json for JSON): " in status(s[0])
    assert status(s[0]).endswith("/Documents/kith-network-report-2026-11-22.txt")
    # the months still being measured: written once they are, saying so meanwhile
    assert "Measuring each month: the report goes to" in text(s[1])
    assert "Writing the report once each month is measured, to " in text(s[1])
    s = [s[0]] + s[2:]
    assert f"Report written to {path}" in status(s[1])
    assert "Writing the report once" not in text(s[1])
    # the command line's report, word for word: figures, trend and meanings
    with open(path, encoding="utf-8") as f:
        written = f.read()
    assert written == cli(db, "graph", "report", "--trend")
    assert "Month by month" in written and "What the figures mean" in written
    # never over a file without asking; no keeps the path to change
    assert "is already there. Write the report over it?" in text(s[2])
    assert status(s[3]).endswith("/Documents/kith-network-report-2026-11-22.txt")
    assert "Write the report to" in status(s[3])
    with open(os.path.join(home, "net.json"), encoding="utf-8") as f:
        got = json.load(f)
    assert got["figures"] == report(db)["figures"] and "trend" in got
    # a file that cannot be written is said, and the path typed stays to be put right
    assert "/nonexistent/kith/report.txt" in status(s[5]) and "Write to: " in status(s[5])
    assert status(s[5]).endswith("report.txt")


def test_a_worker_gets_no_network_to_choose_trend_or_write():
    db = fresh_demo("network-worker.db")
    pid = cli(db, "person", "add", "--given-name", "Zephyrine", "--restricted", "yes",
              login="wes").strip()
    cli(db, "referral", "add", "--person", pid, "--from-asset", "Northgate Library",
        "--to-asset", "Riverside Men's Shed", login="wes")
    cli(db, "user", "add", "wren", "--role", "worker", "--new-password-fd", "0",
        input=PASSWORDS["wren"] + "\n", login="ada")
    home = tempfile.mkdtemp(prefix="kith-test-home-")
    s = run(db, """
5
@dump
p
@dump
i
n
c
w
<Enter>
@dump
""", login="wren", env={"HOME": home})
    for screen in s:
        assert "Referral network" not in text(screen) and "Measure which period" not in \
            text(screen) and "Write the report" not in text(screen)
        assert "Zephyrine" not in text(screen)
    assert "coordinator" in status(s[0])
    assert not any(name.startswith("kith-network") for _, _, names in os.walk(home)
                   for name in names)


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


def test_network_keeps_the_months_with_the_figures():
    db = fresh_demo("network-kept-months.db")
    trend = report(db, "--trend")["trend"]["figures"]
    run(db, "5\n@wait\n@wait\n")
    # the next session charts them at once, measuring nothing
    s = run(db, "5\ni\n@dump\n")[0]
    row = [line for line in s if line[1:].startswith("referrals ")][0]
    assert sparkline(trend["referrals"]) in row and "charts: measuring" not in text(s)
    # w writes at once, months and all
    home = tempfile.mkdtemp(prefix="kith-test-home-")
    path = os.path.join(home, "now.txt")
    s = run(db, "5\nw\n<C-u>" + path + "<Enter>\n@dump\n", env={"HOME": home})[0]
    assert f"Report written to {path}" in status(s)
    with open(path, encoding="utf-8") as f:
        assert f.read() == cli(db, "graph", "report", "--trend")
    # a change: the kept months show until the new ones are measured
    pid = cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Months").strip()
    cli(db, "referral", "add", "--person", pid, "--from-asset", "Northgate Library",
        "--to-asset", "Riverside Men's Shed", "--date", "01/11/2026")
    s = run(db, "5\ni\n@dump\n@wait\n@dump\n@wait\n@dump\n")
    assert sparkline(trend["referrals"]) in text(s[0])
    assert "charts: measuring…" in text(s[1])
    after = report(db, "--trend")["trend"]["figures"]["referrals"]
    assert after[-1] == trend["referrals"][-1] + 1
    row = [line for line in s[2] if line[1:].startswith("referrals ")][0]
    assert sparkline(after) in row


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
