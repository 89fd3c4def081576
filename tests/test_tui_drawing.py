#!/usr/bin/python3
"""How the interface draws: widths per grapheme cluster, who is logged in on the top line,
text cut with an ellipsis and columns sharing their room, help and the status line wrapped
rather than cut, and keys read as terminals send them. Usage: test_tui_drawing.py
PATH-TO-KITH"""

import os
import re
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


def test_a_frame_over_wide_letters_leaves_no_half_of_one():
    """A frame whose edge falls on the right half of a wide letter (a CJK name) blanks the
    whole letter: every row of the frame shows its edge, in the same column, so the
    terminal has nothing to disagree with curses about when the frame closes."""
    db = os.path.join(SCRATCH, "wide.db")
    make_admin(db)
    for i in range(10):  # rows of wide letters behind the frame, starting a column apart
        cli(db, "person", "add", "--given-name", "\u82b3" * 30, "--family-name", f"A{i:02}")
        cli(db, "person", "add", "--given-name", "x" + "\u82b3" * 30, "--family-name", f"A{i:02}")
    edge = "\u2502\u250c\u2514"
    for cols in range(80, 86):  # the frame's edges fall on odd and even columns
        for screen in run(db, "q\n@dump\nn\n?\n@dump\n", size=f"{cols}x24"):
            rows = [n for n, line in enumerate(screen) if any(c in line for c in edge)]
            assert rows == list(range(rows[0], rows[-1] + 1)) and len(rows) >= 5, (cols, screen)
            at = {width(line[:min(line.index(c) for c in edge if c in line)])
                  for line in screen if any(c in line for c in edge)}
            assert len(at) == 1, (cols, at, screen)


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


# ---- 14: keys as terminals send them ----

TERMS = ["xterm-256color", "tmux-256color", "screen", "linux", "vt100"]

# what xterm, tmux and screen, the linux console and rxvt send for the common keys, in
# either cursor mode: each must act as the key it is, whatever the terminal's entry says
SENT = [("1b 4f 41", "Up"), ("1b 5b 41", "Up"), ("1b 4f 42", "Down"), ("1b 5b 42", "Down"),
        ("1b 5b 36 7e", "PgDn"), ("1b 5b 35 7e", "PgUp"),
        ("1b 4f 48", "Home"), ("1b 5b 48", "Home"), ("1b 5b 31 7e", "Home"),
        ("1b 4f 46", "End"), ("1b 5b 46", "End"), ("1b 5b 34 7e", "End"),
        ("1b 5b 38 7e", "End"), ("1b 5b 33 7e", "Del"), ("1b 5b 32 7e", "Insert"),
        ("1b 4f 43", "Right"), ("1b 5b 44", "Left"), ("1b 5b 5a", "S-Tab"),
        ("1b 4f 50", "F1"), ("1b 5b 31 31 7e", "F1"), ("1b 5b 5b 41", "F1")]

# sequences most entries do not know: Ctrl-F1 in xterm's way, a paste's start, kitty's
# keys, an SS3 key of a keypad, Ctrl-Alt-F2
UNKNOWN = ["1b 5b 31 3b 35 50", "1b 5b 32 30 30 7e", "1b 5b 35 37 34 32 37 75",
           "1b 4f 6a", "1b 5b 31 3b 39 51"]


def test_common_keys_work_under_every_terminal():
    """Under each terminal's entry, the bytes of each common key lead to the screen its
    named key leads to: PgDn under vt100 pages down (it once opened the Audit screen, its
    '6' taken for a key), End inside tmux goes to the last row."""
    db = fresh_demo("terms.db")
    start = "1g<Down><Down><Down><Down>\n"
    script = "".join(f"{start}@bytes {sent}\n@dump\n{start}<{key}>\n@dump\n"
                     for sent, key in SENT)
    for term in TERMS:
        s = run(db, script, env={"TERM": term})
        for i, (sent, key) in enumerate(SENT):
            by_bytes, by_name = s[2 * i], s[2 * i + 1]
            assert by_bytes == by_name, (term, sent, key)
            if key != "S-Tab":  # which alone moves to another screen
                assert "People by" in by_bytes[1], (term, sent)


def test_unknown_sequences_are_swallowed_whole_and_keys_named():
    """A sequence no entry knows is read to its end and does nothing but say so: none of its
    bytes acts as a key (no screen switched by its digits, no search begun), and the message
    names the key in words, never by a number."""
    db = fresh_demo("unknown.db")
    script = "@dump\n" + "".join(f"@bytes {u}\n@dump\n" for u in UNKNOWN)
    script += ("@bytes 1b 5b 31 3b 35 46\n@dump\n@bytes 1b 5b 36 3b 33 7e\n@dump\n"
               "<Del>\n@dump\n/sar\n@bytes 1b\n@dump\n")
    for term in TERMS:
        s = run(db, script, env={"TERM": term})
        before = s[0]
        for screen in s[1:len(UNKNOWN) + 1]:
            assert screen[:-2] == before[:-2], (term, screen.keys)
            said = status(screen)  # Ctrl-F1 is F25 to xterm's entry, unknown to the rest
            assert said.endswith(" does nothing here; ? shows the keys"), (term, said)
            assert said.startswith(("That key ", "F25 ")), (term, said)
        ctrl_end, alt_pgdn, delete, escaped = s[-4:]
        assert status(ctrl_end) == "Ctrl-End does nothing here; ? shows the keys", term
        assert status(alt_pgdn) == "Alt-PgDn does nothing here; ? shows the keys", term
        assert status(delete) == "Del does nothing here; ? shows the keys"
        assert "matching" not in escaped[1] and escaped[:-2] == before[:-2]  # a lone Esc
        for screen in s:
            assert not re.search(r"key \d", text(screen)), (term, status(screen))


if __name__ == "__main__":
    sys.exit(main("tui-drawing", globals()))
