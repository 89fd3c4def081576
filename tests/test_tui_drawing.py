#!/usr/bin/python3
"""How the interface draws: widths per grapheme cluster, who is logged in on the top line,
text cut with an ellipsis and columns sharing their room, help and the status line wrapped
rather than cut, and keys read as terminals send them. Usage: test_tui_drawing.py
PATH-TO-KITH"""

import os
import sys

from tuikit import (SCRATCH, cli, fresh_demo, hints, main, make_admin, run, status, text,
                    width)

FAMILY = "\U0001F468\u200D\U0001F469\u200D\U0001F467"  # a joined emoji: man, woman, girl


# ---- 11: grapheme clusters ----

def test_joined_emoji_keeps_columns_where_they_are():
    """A name with a joined emoji is drawn as wide as terminals draw it (its first emoji, two
    columns), so the columns after it stay in line with every other row's, and the cursor
    and Backspace take the whole emoji at once."""
    db = os.path.join(SCRATCH, "emoji.db")
    make_admin(db)
    for given in [f"Ana {FAMILY}", "Bo", "\u2764\ufe0f Cy", "Di \U0001F44D\U0001F3FD"]:
        cli(db, "person", "add", "--given-name", given, "--family-name", "Rua",
            "--phone", "07700 900111", "--postcode", "E1 6AN")
    s = run(db, f"@dump\n/Ana {FAMILY}<BS>x\n@dump\n", size="80x24")
    rows = [line for line in s[0] if "07700 900111" in line]
    assert len(rows) == 4
    assert len({width(line[:line.index("07700")]) for line in rows}) == 1, rows
    assert len({width(line[:line.index("E1 6AN")]) for line in rows}) == 1, rows
    assert "Ana \U0001F468 " in text(s[0]) and "\u200D" not in text(s[0])
    assert "\U0001F3FD" not in text(s[0]) and "\ufe0f" not in text(s[0])
    assert 'matching "Ana x"' in s[1][1]  # one Backspace took the whole family


# ---- 12: who is logged in ----

def test_who_is_logged_in_always_shows_on_the_top_line():
    """On a shared laptop the top line always says who is logged in, at 80 columns too and
    with a venue set: the tabs give up their titles first."""
    db = fresh_demo("who.db")
    for login, name in [("cora", "Cora"), ("wes", "Wes"), ("ada", "Ada")]:
        for size in ["60x16", "80x24", "100x30"]:
            s = run(db, ":venue northgate<Enter><Enter>\n@dump\n3\n@dump\n", size=size, login=login)
            for screen in s:
                assert name in screen[0], (login, size, screen[0])
                assert "1 People" in screen[0] or "3 Assets" in screen[0]
            if size == "100x30":
                assert "at Northgate" in s[0][0] and "1 People  2 Groups" in s[0][0]
            if size == "60x16":
                assert "3 Assets" in s[1][0] and " 2 " in s[1][0]  # the current keeps its title


# ---- 13: ellipses, shared room, wrapped help and status ----

def test_cut_text_says_so_and_columns_share_their_room():
    """A long given name takes the room the phone and postcode columns do not need, and what
    still does not fit ends in an ellipsis, never silently."""
    db = os.path.join(SCRATCH, "long.db")
    make_admin(db)
    cli(db, "person", "add", "--given-name", "Maximiliana Esperanza", "--family-name",
        "Oyelaran-Featherstonehaugh", "--phone", "07700 900111", "--postcode", "E1 6AN")
    cli(db, "person", "add", "--given-name", "Bo", "--family-name", "Li",
        "--postcode", "E1 6AN")
    wide, narrow = run(db, "@dump\n@resize 60x16\n@dump\n", size="100x30")
    assert "Oyelaran-Featherstonehaugh" in text(wide)
    assert "Maximiliana Esperanza" in text(wide)
    row = [line for line in narrow if "Oyelaran" in line][0]
    assert "…" in row and "07700 900111" in row and "E1 6AN" in row


def test_help_and_status_wrap_rather_than_cut():
    """The help box and the status line keep every word at 80 and 100 columns: a long line
    wraps onto the next rows (a message over the hint bar, which is back at the next key)."""
    db = fresh_demo("wrap.db")
    for size in ["80x24", "100x30"]:
        s = run(db, "?\n@dump\n<Esc>:frobnicate<Enter>\n@dump\n", size=size, login="wes")
        assert "(coordinators)" in text(s[0]) and "…" not in text(s[0])
        said = status(s[1], 2)
        assert said.endswith(":export WHAT FILE, :backup, :help and :quit"), said
        assert "? help" in hints(run(db, ":frobnicate<Enter>x\n@dump\n", size=size)[0])


if __name__ == "__main__":
    sys.exit(main("tui-drawing", globals()))
