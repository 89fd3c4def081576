#!/usr/bin/python3
"""Searching while typing in every list, and the smaller things a connector and a coordinator
tripped over (issue 14's items 15 and 16): the refer form's follow-up date, conversations'
follow-ups, the venue picker's order, trees, hint bars, a window too small, a terminal that
is not UTF-8, the audit pane and the end of a detail. Usage: test_tui_small.py PATH-TO-KITH"""

import json
import sqlite3
import sys

from tuikit import chosen_row, cli, fresh_demo, hints, main, run, status, text

# each list screen's digit, and a search that finds several of its rows in the demo
SEARCHES = {"1": "ahmed", "2": "eastfield", "3": "library", "4": "ahmed", "6": "worker"}


def rows_of(screen):
    """The list's rows: the lines after the column heading, before the status line."""
    return [line for line in screen[3:-2] if line.strip()]


# ---- 15: search while typing ----

def test_search_moves_through_the_matches_while_typing_on_every_list():
    db = fresh_demo("search-moves.db")
    for digit, word in SEARCHES.items():
        s = run(db, f"""
{digit}
j
j
@dump
/{word}
@dump
<Down>
@dump
<C-n>
@dump
<Up>
@dump
<C-p>
@dump
<Esc>
@dump
""", size="100x30")
        before, first = s[0], s[1]
        matches = rows_of(first)
        assert len(matches) >= 3, (digit, matches)
        assert all(word in line.lower() or digit in "46" for line in matches), matches
        # the cursor starts on the first match and Down, Ctrl-N, Up, Ctrl-P move it
        assert chosen_row(first) == matches[0]
        assert chosen_row(s[2])[1:] == matches[1][1:], (digit, chosen_row(s[2]))
        assert chosen_row(s[3])[1:] == matches[2][1:]
        assert chosen_row(s[4])[1:] == matches[1][1:]
        assert chosen_row(s[5])[1:] == matches[0][1:]
        # the prompt stays open while moving, and says how
        assert f"/{word}" in s[5][-2] and "↓ ↑ matches" in s[5][-2]
        # Esc: the whole list again, on the row the search started from
        assert "matching" not in s[6][1]
        assert chosen_row(s[6]) == chosen_row(before) and chosen_row(before), digit


def test_enter_in_a_search_opens_the_highlighted_match():
    db = fresh_demo("search-opens.db")
    s = run(db, """
3
/library
<C-n>
<C-n>
@dump
<Enter>
@dump
q
@dump
<Esc>
@dump
""")
    third = chosen_row(s[0])[1:].split("  ")[0].strip()
    assert third and "Library" in third
    # its detail, not the first match's
    assert s[1][1].strip() == third, s[1][1]
    assert "q goes back" in status(s[1])
    # q: the matches again, on it; Esc then shows everything
    assert "matching \"library\"" in s[2][1] and third in chosen_row(s[2])
    assert "matching" not in s[3][1]


def test_enter_on_an_empty_search_goes_back_where_it_was():
    db = fresh_demo("search-empty.db")
    s = run(db, """
1
j
j
j
@dump
/ahm
<BS>
<BS>
<BS>
<Enter>
@dump
""")
    assert chosen_row(s[1]) == chosen_row(s[0]) and "matching" not in s[1][1]


# ---- 16: the smaller things ----

def test_refer_form_shows_the_follow_up_date_before_saving():
    db = fresh_demo("refer-follow-up.db")
    s = run(db, """
1
r
@dump
northgate library<Enter><Tab><Tab>riverside library<Enter>
@dump
<C-s>
@dump
""")
    # the day is 22/11/2026: two weeks on, before anything is typed, and what is saved
    line = [line for line in s[0] if "Follow up" in line][0]
    assert "06/12/2026 if left empty" in line, line
    assert "06/12/2026 if left empty" in text(s[1])
    assert "follow up 06/12/2026" in status(s[2]), status(s[2])


def test_conversation_follow_ups_show_on_the_person_and_can_be_listed():
    db = fresh_demo("conversation-due.db")
    con = sqlite3.connect(db)
    due = con.execute("SELECT count(DISTINCT person_id) FROM conversation WHERE deleted_at IS "
                      "NULL AND follow_up_date <= '2026-11-22'").fetchone()[0]
    con.close()
    assert due > 0
    s = run(db, """
1
f
conversation follow-up
<Enter>
@dump
<Enter>
@dump
""", size="100x40")  # the first one due has four referrals above their conversations
    assert "conversation follow-up due" in s[0][1]
    assert f"{due} people" in s[0][1], s[0][1]
    assert "Follow-up due since" in text(s[1]), text(s[1])
    assert " · by " in text(s[1])
    # and on the command line, the people and the conversations
    listed = json.loads(cli(db, "person", "list", "--filter", "follow_up", "--json"))
    assert len(listed) == due


def test_right_opens_a_branch_and_never_closes_it():
    db = fresh_demo("tree-right.db")
    s = run(db, """
5
@wait
<Enter>
@dump
<Left>
<Right>
@dump
<Right>
@dump
<Right>
@dump
""")
    # → on the open section goes to its first branch instead of closing it
    assert "▾ Came from, before it" in text(s[1])
    chosen = [line for line in s[1] if "›" in line][0]
    assert "▸" in chosen and "Came from" not in chosen
    # → opens that branch; → again does not close it
    assert "▾" in [line for line in s[2] if "›" in line][0]
    assert "▾ Came from, before it" in text(s[3])
    opened = [line for line in s[3] if "▾" in line]
    assert len(opened) >= 2, opened


def test_the_chain_browser_no_longer_says_it_is_reading_once_it_has_read():
    db = fresh_demo("tree-reading.db")
    s = run(db, "5\n@wait\n<Enter>\n@dump\n")
    assert "Came from, before it" in text(s[0])
    assert "Reading" not in status(s[0]), status(s[0])


def test_every_screen_shows_the_shared_hints():
    db = fresh_demo("hints.db")
    for size in ("100x30", "80x24"):
        s = run(db, "1\n@dump\n2\n@dump\n3\n@dump\n4\n@dump\n5\n@dump\n6\n@dump\n", size=size)
        for screen in s[:4] + s[5:]:
            for hint in ("/ search", "f filter", "Enter open", "q back", "? help"):
                assert hint in hints(screen), (size, hint, hints(screen))
        for hint in ("f filter", "q back", "? help"):
            assert hint in hints(s[4]), (size, hint, hints(s[4]))
        # People's own keys still come first
        assert hints(s[0]).startswith("c conversation")


def test_a_window_too_small_says_the_size_it_needs():
    db = fresh_demo("too-small.db")
    s = run(db, "@dump\n", size="20x5")
    assert "60x16" in text(s[0]).replace("\n", " "), text(s[0])
    assert "Enlarge the window" in text(s[0])


def test_a_terminal_that_is_not_utf8_is_warned_about():
    db = fresh_demo("locale.db")
    s = run(db, "@dump\n", env={"LANG": "C"})
    assert "LANG=C is not UTF-8: names may show garbled" in status(s[0]), status(s[0])
    s = run(db, "@dump\n", env={"LANG": "C", "LC_ALL": "C.UTF-8"})
    assert "UTF-8" not in status(s[0])
    assert "not UTF-8" not in text(run(db, "@dump\n")[0])


def test_the_audit_pane_lines_its_labels_up():
    db = fresh_demo("audit-pane.db")
    s = run(db, "1\n<Enter>\n6\n@dump\n", size="140x30")
    pane = [line.split("│", 1)[1] for line in s[0] if "│" in line]
    starts = {}
    for label in ("Worker", "About", "Action", "Of"):
        line = [p for p in pane if p.strip().startswith(label + " ")]
        assert line, (label, pane)
        after = line[0].index(label) + len(label)
        rest = line[0][after:]
        starts[label] = after + len(rest) - len(rest.lstrip(" ▸"))
    assert len(set(starts.values())) == 1, starts


def test_last_line_of_a_detail_ends_a_full_page():
    db = fresh_demo("detail-end.db")
    s = run(db, """
1
<Enter>
G
@dump
g
""" + "j\n" * 60 + "@dump\n")
    for screen in s:
        body = screen[2:-2]
        assert "Review on" in text(screen), text(screen)
        assert sum(1 for line in body if line.strip()) > len(body) // 2, text(screen)


def test_venue_picker_puts_the_name_typed_first():
    db = fresh_demo("venue-order.db")
    s = run(db, """
:venue northgate caf
<Enter>
@dump
<Enter>
@dump
""")
    found = [line for line in s[0] if "Northgate" in line and "Café" in line]
    assert found and "Northgate Café" in found[0] and "Repair" not in found[0], found
    assert "Venue: Northgate Café." in status(s[1])


if __name__ == "__main__":
    sys.exit(main("tui-small", globals()))
