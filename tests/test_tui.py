#!/usr/bin/python3
"""The interface, driven headlessly as tig's tests drive tig: a key script fed to the real
binary (kith --script), the screen dumped as text (@dump) and checked. Signals and a closed
terminal are checked through a real pseudo-terminal. Usage: test_tui.py PATH-TO-KITH"""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time

from tuikit import (ENV, KITH, SCRATCH, chosen_row, cli, count, fresh_demo, hints, main,
                    make_admin, read_until, run, spawn, status, text, wait_exit, width)


def test_script_times_each_key_to_its_screen():
    """@time is how bench/run measures the interface: the first screen's time, then one
    line for each key from being read to its screen drawn, with @mark between stretches."""
    db = fresh_demo("times.db")
    times = os.path.join(SCRATCH, "times.txt")
    before = time.time()
    run(db, f"@time {times}\n@mark browse\n<Down><Down>\n/sa\n<Esc>\n")
    with open(times) as f:
        lines = f.read().splitlines()
    first = float(lines[0].split()[1])
    assert lines[0].startswith("first_screen ") and before < first < time.time()
    assert lines[1] == "mark browse"
    keys = [line.split() for line in lines[2:]]
    assert [k[1] for k in keys] == ["Down", "Down", "/", "s", "a", "Esc"]
    assert all(k[0] == "key" and 0 <= float(k[2]) < 1000 for k in keys)


# ---- People ----

def test_people_list_search_sort_filter():
    db = fresh_demo("people.db")
    s = run(db, """
@dump
/sar
@dump
<Enter>
<Esc>
<Esc>
s
@dump
f
north<Enter>
@dump
""")
    first = s[0]
    assert "1 People" in first[0] and "People by family name" in first[1]
    assert "300 people" in first[1] and "Family name" in first[2]
    assert first[3].startswith("▸")
    assert "c conversation" in hints(first) and "? help" in hints(first)
    found = s[1]
    assert 'People newest first · matching "sar"' in found[1]  # the index's order
    shown = len([line for line in found[3:-2] if line.strip()])
    assert f"{shown} people" in found[1]  # a list that fits is its own count
    rows = [line for line in found[3:-2] if line.strip()]
    assert any("Sarwar" in line for line in rows) and any("Sarah" in line for line in rows)
    assert "People by given name" in s[2][1] and "300 people" in s[2][1]
    assert "Northgate" in s[3][1]
    listed = [line for line in s[3][3:-2] if line.strip()]
    assert listed and all(line.rstrip().endswith("Northgate") for line in listed)


def test_people_add_edit_delete():
    db = fresh_demo("people-edit.db")
    s = run(db, """
a
Zoë<Tab>Okafor<Tab>Choir singing<Tab>g<Tab>07700 900555<Tab>e16an
<C-s>
@dump
e
<Tab><Tab><Tab><Tab><C-u>07700 900666
<C-s>
@dump
D
@dump
y
@dump
""")
    assert "Added Zoë Okafor" in status(s[0])
    assert "Zoë Okafor" in s[0][1] and "Choir singing" in text(s[0])
    assert "E1 6AN" in text(s[0]) and "given (consent)" in text(s[0])
    assert "Saved Zoë Okafor" in status(s[1]) and "07700 900666" in text(s[1])
    assert "Delete Zoë Okafor?" in text(s[2])
    assert "Deleted Zoë Okafor" in status(s[3])
    assert count(db, "SELECT count(*) FROM person WHERE family_name = 'Okafor' AND "
                     "deleted_at IS NOT NULL AND phone = '07700 900666'") == 1


def test_refused_form_keeps_what_was_typed():
    db = fresh_demo("refused.db")
    s = run(db, """
a
<Tab>Yusuf<Tab>Gardening<Tab><Tab>0770<Tab>XYZ
<C-s>
@dump
<Esc>
@dump
n
Amina
<C-s>
@dump
""")
    form = text(s[0])
    assert "given name: required" in form and "given name: required" in status(s[0])
    for typed in ("Yusuf", "Gardening", "0770", "XYZ"):
        assert typed in form, typed
    assert "Discard what you typed" in text(s[1])
    assert "Yusuf" in text(s[2])
    # the next refusal is the phone, and it too is marked on its field
    assert "phone: a UK number has 10 or 11 digits" in text(s[2])
    assert count(db, "SELECT count(*) FROM person WHERE family_name = 'Yusuf' AND "
                     "given_name = 'Amina'") == 0
    # a reference no one matches: its message stays readable beside the field, and the
    # "no one matches" line goes below it, not over it
    s = run(db, "4\na\nNobody Known<C-s>\n@dump\n")
    lines = text(s[0]).splitlines()
    row = next(i for i, line in enumerate(lines) if "Nobody Known" in line and "Person" in line)
    assert "person: no person matches 'Nobody Known'" in lines[row + 1]
    assert "no person matches “Nobody Known”" in lines[row + 2]


def test_drop_in_flow_in_few_keys():
    """A new person with consent and what matters, and one referral: text + about a dozen."""
    db = fresh_demo("dropin.db")
    typed = ["Kemi", "Adebayo", "Wants to sing again", "knit"]
    keys = ["a", "<Tab>", "<Tab>", "<Tab>", "g", "<C-s>", "r", "<Enter>", "<C-s>"]
    script = (":venue Northgate Library<Enter>\n"
              f"a{typed[0]}<Tab>{typed[1]}<Tab>{typed[2]}<Tab>g<C-s>\n"
              f"r{typed[3]}<Enter><C-s>\n@dump\n")
    s = run(db, script)
    assert len(keys) <= 12
    assert "at Northgate Library" in s[0][0]
    assert "Kemi Adebayo: referral to Northgate Knit and Natter" in status(s[0])
    assert "referral to Northgate Knit and Natter · made" in text(s[0])
    row = sqlite3.connect(db).execute(
        "SELECT p.consent_status, p.what_matters, f.name, t.name, r.follow_up_date "
        "FROM referral r JOIN person p ON p.id = r.person_id JOIN asset f ON f.id = "
        "r.from_asset_id JOIN asset t ON t.id = r.to_asset_id WHERE p.given_name = 'Kemi'"
    ).fetchone()
    assert row == ("given", "Wants to sing again", "Northgate Library",
                   "Northgate Knit and Natter", "2026-12-06"), row


def test_conversation_join_and_tag_from_a_person():
    db = fresh_demo("person-actions.db")
    s = run(db, """
/adeyemi kwame<Enter>
c
Start a community garden<Tab>Cost of heating<Tab>Great cook<Tab><Tab>Introduce to the allotment society
<C-s>
@dump
m
shed
<Enter>
<Enter>
@dump
t
cook
<Enter>
@dump
t
Bread making
<Enter>
g
<C-s>
@dump
""")
    assert "Conversation with Kwame Adeyemi saved" in status(s[0])
    assert "Start a community garden" in text(s[0]) and "Great cook" in text(s[0])
    assert "joined" in status(s[1]) and "Men's Shed" in status(s[1])
    assert "Men's Shed" in text(s[1])
    # typing part of an existing gift picks it, so one gift keeps one name
    assert "Noted: cooking" in status(s[2]) and "cooking (gift" in text(s[2]), text(s[2])
    # a gift nobody has yet opens the form with what was typed
    assert "Noted: Bread making" in status(s[3]) and "Bread making (gift" in text(s[3])


def test_people_by_family_name_end_with_those_who_gave_none():
    db = fresh_demo("no-family.db")
    blank = count(db, "SELECT count(*) FROM person WHERE family_name = '' AND deleted_at IS NULL")
    assert blank > 0
    s = run(db, "@dump\nG\n@dump\n")
    first = [line for line in s[0][3:-2] if line.strip()]
    assert first[0][1:].strip() and not first[0][1:17].isspace(), first[0]
    last = [line for line in s[1][3:-2] if line.strip()]
    # the last screenful: those without a family name, together at the end
    assert all(line[1:17].isspace() for line in last[-blank:]), last
    assert not last[-blank - 1][1:17].isspace()


def test_a_person_added_twice_is_named_and_can_be_opened_instead():
    db = fresh_demo("twice.db")
    cli(db, "person", "add", "--given-name", "Ottilie", "--family-name", "Marchbank",
        "--postcode", "KV2 2BF", "--what-matters", "Her choir")
    typed = "a\nottilie<Tab>MARCHBANK<Tab>Bees<Tab><Tab>07700 900321<Tab>kv22bf\n<C-s>\n@dump\n"
    s = run(db, typed + "<C-o>\n@dump\n")
    form = text(s[0])
    assert "likely already here: Ottilie Marchbank, KV2 2BF" in form
    assert "MARCHBANK" in form and "07700 900321" in form  # what was typed stays
    assert "Ctrl-O opens them; Ctrl-S adds a second record all the same" in status(s[0])
    assert "Opened the record already here" in status(s[1]) and "Her choir" in text(s[1])
    marchbanks = "SELECT count(*) FROM person WHERE family_name = 'Marchbank' COLLATE NOCASE"
    assert count(db, marchbanks) == 1
    # saved again, the form adds them all the same
    s = run(db, typed + "<C-s>\n@dump\n")
    assert "Added ottilie MARCHBANK" in status(s[1]), status(s[1])
    assert count(db, marchbanks) == 2


def test_two_records_of_one_person_are_merged():
    db = fresh_demo("merge.db")
    keep = cli(db, "person", "add", "--given-name", "Ottilie", "--family-name", "Marchbank",
               "--postcode", "KV2 2BF").strip()
    other = cli(db, "person", "add", "--given-name", "Ottilie", "--family-name", "Marchbank",
                "--postcode", "KV5 9ZZ", "--phone", "07700 900321").strip()
    cli(db, "group", "join", "riverside men's shed", other, "--role", "volunteer")
    s = run(db, """
/kv2 2bf marchbank<Enter>
<Enter>
M
@dump
<C-u>kv5 9zz
<Enter>
@dump
y
@dump
""")
    assert "Which other record is Ottilie Marchbank?" in text(s[0])
    asked = text(s[1]).replace("│", "").replace("\n", " ")
    assert "Merge Ottilie Marchbank" in asked and "KV5 9ZZ" in asked, asked
    assert "Merged into Ottilie Marchbank: 1 record moved here" in status(s[2]), status(s[2])
    assert "Riverside Men's Shed · volunteer" in text(s[2]) and "07700 900321" in text(s[2])
    assert count(db, f"SELECT count(*) FROM person WHERE id = '{other}' AND "
                     f"merged_into = '{keep}' AND deleted_at IS NOT NULL") == 1


# ---- Groups, Assets, Referrals ----

def test_groups_members_added_and_removed():
    db = fresh_demo("groups.db")
    cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Member")
    s = run(db, """
2
@dump
/knit<Enter>
m
tayo member
<Enter>
<Enter>
@dump
""", size="100x40")
    assert "Groups by name" in s[0][1] and "m add-member" in hints(s[0])
    assert "Tayo Member joined Northgate Knit and Natter as member" in status(s[1])
    assert "Members (" in text(s[1]) and "Tayo Member · member since 22/11/2026" in text(s[1])
    # remove: choose his line and press x
    lines = [line for line in s[1] if "·" in line and "since" in line]
    position = [i for i, line in enumerate(lines) if "Tayo Member" in line][0]
    s = run(db, "2\n/knit<Enter>\n" + "j" * position + "\nx\n@dump\ny\n@dump\n",
            size="100x40")
    assert "Remove Tayo Member from Northgate Knit and Natter?" in text(s[0])
    assert "Removed Tayo Member from Northgate Knit and Natter" in status(s[1])
    assert "Tayo Member · member" not in text(s[1])


def test_a_members_role_is_chosen_and_changed():
    db = fresh_demo("roles.db")
    cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Aaronson")
    s = run(db, """
2
/knit<Enter>
m
tayo aaronson
<Enter>
@dump
org<Enter>
@dump
r
@dump
champ<Enter>
@dump
""", size="100x40")
    assert "Tayo Aaronson joins Northgate Knit and Natter as" in text(s[0])
    assert all(role in text(s[0]) for role in ("member", "organiser", "volunteer", "champion"))
    assert "Tayo Aaronson joined Northgate Knit and Natter as organiser" in status(s[1])
    # first by family name, so the cursor is on him
    assert "▸ Tayo Aaronson · organiser" in text(s[1]), text(s[1])
    assert "Tayo Aaronson's role in Northgate Knit and Natter" in text(s[2])
    assert "organiser  their role now" in text(s[2])
    assert ("Tayo Aaronson is now champion of Northgate Knit and Natter (was organiser)"
            in status(s[3]))
    assert "Tayo Aaronson · champion" in text(s[3])
    assert "x remove-member  r role" in hints(s[3])
    members = cli(db, "group", "members", "northgate knit and natter")
    assert "champion" in [line.split()[-2] for line in members.splitlines()
                          if "Aaronson" in line][0]


def test_groups_add_sort_filter_delete():
    db = fresh_demo("groups2.db")
    s = run(db, """
2
a
Canal Side Litter Pickers<Tab>Canal Side
<C-s>
@dump
q
s
@dump
f
canal<Enter>
@dump
D
y
@dump
""")
    assert "Added Canal Side Litter Pickers" in status(s[0])
    assert "association in Canal Side" in text(s[0])
    assert "Groups by neighbourhood" in s[1][1]
    assert "Canal Side" in s[2][1] and "Canal Side Litter Pickers" in text(s[2])
    assert "Deleted Canal Side Litter Pickers" in status(s[3])
    assert count(db, "SELECT count(*) FROM asset WHERE name = 'Canal Side Litter Pickers' "
                     "AND category = 'association' AND deleted_at IS NOT NULL") == 1


def test_assets_add_verify_filter_search_sort_delete():
    db = fresh_demo("assets.db")
    s = run(db, """
3
a
Ashby Green Community Fridge<Tab>e<Tab>Ashby Green
<C-s>
@dump
v
@dump
q
f
space<Enter>
@dump
<Esc>
/fridge
@dump
<Esc>
s
@dump
/fridge<Enter>
D
y
@dump
""")
    assert "Added Ashby Green Community Fridge" in status(s[0])
    assert "economy in Ashby Green" in text(s[0])
    assert "verified today" in status(s[1]) and "Verified        22/11/2026" in text(s[1])
    rows = [line for line in s[2][3:-2] if line.strip()]
    assert rows and all(" space " in line for line in rows), rows
    assert "Ashby Green Community Fridge" in text(s[3]) and "1 asset" in s[3][1]
    assert "Assets by category" in s[4][1]
    assert "Deleted Ashby Green Community Fridge" in status(s[5])


def test_referrals_add_advance_due_and_jump():
    db = fresh_demo("referrals.db")
    cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Referred")
    s = run(db, """
4
@dump
a
tayo referred<Enter>men's shed<Enter><Tab><Tab>northgate library<Enter>
<C-s>
@dump
q
u
@dump
u
u
@dump
n
@dump
f
due<Enter>
@dump
<Enter>
@dump
<Enter>
@dump
q
@dump
""")
    assert "Referrals newest first" in s[0][1] and "u advance" in hints(s[0])
    assert "Added Tayo Referred to" in status(s[1]) and "Men's Shed" in status(s[1])
    assert any(line.split() == ["Person", "▸", "Tayo", "Referred"] for line in s[1]), text(s[1])
    assert "Tayo Referred: marked contacted · z takes it back" in status(s[2])
    # closing ends the follow-up, so it is asked; "n" leaves it attended
    assert "Close Tayo Referred's referral to" in text(s[3]) and "Men's Shed?" in text(s[3])
    assert "attended" in chosen_row(s[4]) and "Close" not in text(s[4])
    s = s[2:]
    assert "follow-up due" in s[3][1]
    due = [line for line in s[3][3:-2] if line.strip()]
    assert due and all(("made" in line or "contacted" in line) for line in due)
    chosen = [line for line in s[4] if line.split()[:2] == ["Person", "▸"]]
    assert "Who and where" in text(s[4]) and chosen, text(s[4])
    person = chosen[0].split("▸", 1)[1]
    assert person.strip() in s[5][1] and "1 People" in s[5][0]
    assert "Who and where" in text(s[6])  # q came back to the referral


def test_referral_sort_and_search_and_delete():
    db = fresh_demo("referrals2.db")
    s = run(db, """
4
s
@dump
s
@dump
/sarwar
@dump
<Enter>
D
y
@dump
""")
    assert "Referrals by follow-up date" in s[0][1]
    assert "Referrals by status" in s[1][1]
    rows = [line for line in s[2][3:-2] if line.strip()]
    assert rows and all("Sarwar" in line for line in rows), rows
    assert "Deleted" in status(s[3])


# ---- the whole interface ----

def test_help_lists_the_keys_from_the_table():
    db = fresh_demo("help.db")
    for screen, keys in (("1", ["log a learning conversation", "refer, signpost"]),
                         ("2", ["add a member", "remove the chosen member"]),
                         ("3", ["mark verified today"]),
                         ("4", ["move to the next status"])):
        s = run(db, f"{screen}\n?\n@dump\n")
        shown = text(s[0])
        for words in keys + ["search as you type", "change the order"]:
            assert words in shown, (screen, words)


def test_every_hint_bar_key_does_something():
    db = fresh_demo("hints.db")
    names = {"Enter": "<Enter>", "Esc": "<Esc>", "Tab": "<Tab>", "F1": "<F1>",
             "Ctrl-S": "<C-s>", "Ctrl-X": "<C-x>"}
    for screen in "1234":
        bar = hints(run(db, f"{screen}\n@dump\n")[0])
        for key in re.findall(r"(\S+) [a-z-]+", bar):
            k = names.get(key, key)
            s = run(db, f"{screen}\n{k}\n@dump\n")
            assert "does nothing here" not in status(s[0]), (screen, key, status(s[0]))


def test_resize_small_and_wide():
    db = fresh_demo("resize.db")
    s = run(db, """
@resize 50x12
@dump
j
@resize 140x36
@dump
<Enter>
@resize 80x24
@dump
""")
    assert s[0][0].startswith("Enlarge the window") and len(s[0]) == 12
    assert "│" in s[1][3] and "What matters to them" in text(s[1])  # the detail beside
    assert "Family name" in s[1][2]
    assert "What matters to them" in text(s[2]) and "Family name" not in text(s[2])


def test_names_in_any_script_keep_columns_aligned():
    db = os.path.join(SCRATCH, "scripts.db")
    make_admin(db)
    for given in ["李伟", "ليلى", "Zoe\u0308", "Amina", "Ólafur", "আয়েশা", "Łukasz"]:
        cli(db, "person", "add", "--given-name", given, "--family-name", "Test",
            "--phone", "07700 900123", "--postcode", "E1 6AN")
    screen = run(db, "@dump\n")[0]
    rows = [line for line in screen if "07700 900123" in line]
    assert len(rows) == 7
    assert len({width(line[:line.index("07700")]) for line in rows}) == 1, rows
    assert len({width(line[:line.index("E1 6AN")]) for line in rows}) == 1, rows


def test_control_characters_never_reach_the_screen():
    db = os.path.join(SCRATCH, "controls.db")
    make_admin(db)
    cli(db, "person", "add", "--given-name", "Plain")
    con = sqlite3.connect(db)  # written by another program, past kith's checks
    con.execute("UPDATE person SET family_name = 'Evil\x1b[2J\x07\u202eName'")
    con.commit()
    con.close()
    screen = run(db, "@dump\n<Enter>\n@dump\n")
    for s in screen:
        assert "\x1b" not in text(s) and "\x07" not in text(s) and "\u202e" not in text(s)
    assert "Evil?[2J??Name" in text(screen[0])


def test_quit_asks_only_when_a_form_holds_typing():
    db = fresh_demo("quit.db")
    s = run(db, """
a
Half typed
<C-q>
@dump
n
@dump
<C-q>
y
@dump
""")
    assert "Quit kith and lose what you typed" in text(s[0])
    assert "Half typed" in text(s[1])
    assert len(s) == 2  # the yes ended kith before the last dump
    s = run(db, "q\n@dump\ny\n@dump\n")
    assert "Quit kith?" in text(s[0]) and len(s) == 1  # q on a top screen asks first


def test_bad_script_names_the_line():
    db = fresh_demo("badscript.db")
    path = os.path.join(SCRATCH, "bad.txt")
    with open(path, "w") as f:
        f.write("j\n<Bogus>\n")
    r = subprocess.run([KITH, "--db", db, "--script", path], capture_output=True, text=True,
                       env=ENV, timeout=30)
    assert r.returncode == 2 and "bad.txt:2: unknown key <Bogus>" in r.stderr


def test_needs_a_terminal():
    db = fresh_demo("tty.db")
    r = subprocess.run([KITH, "--db", db], capture_output=True, text=True, env=ENV,
                       stdin=subprocess.DEVNULL, timeout=30)
    assert r.returncode == 2 and "needs a terminal" in r.stderr


def test_import_export_and_backup_from_the_command_prompt():
    db = fresh_demo("data.db")
    good = os.path.join(SCRATCH, "newcomers.csv")
    bad = os.path.join(SCRATCH, "broken.csv")
    out = os.path.join(SCRATCH, "people-out.csv")
    with open(good, "w") as f:
        f.write("First name,Surname,Post code\nOlumide,Quarshie,KV1 2AB\nMaria,Zaragoza,\n")
    with open(bad, "w") as f:
        f.write("First name,Surname,Post code\nOk,Fine,\nBad,Postcode,XYZ\n")
    s = run(db, f"""
:import people {good}<Enter>
@dump
/quarshie
@dump
<Esc>
:import people {bad}<Enter>
@dump
q
:export people {out}<Enter>
@dump
:backup<Enter>
@dump
""")
    assert "newcomers.csv: 2 added" in status(s[0])
    assert "Quarshie" in chosen_row(s[1])
    assert "Nothing was imported from" in text(s[2]) and 'line 3, "Post code": postcode' in \
        text(s[2])
    assert count(db, "SELECT count(*) FROM person WHERE family_name = 'Fine'") == 0
    assert "people-out.csv: 302 people, readable only by you" in status(s[3])
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert "Backed up, checked:" in status(s[4])


# ---- a real terminal ----

def test_signals_restore_the_terminal_and_end():
    db = fresh_demo("signals.db")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        pid, fd = spawn(db)
        assert b"Log in" in read_until(fd, b"Log in")
        os.kill(pid, sig)
        rest = read_until(fd, b"\x1b[?1049l", 5)
        status = wait_exit(pid)
        os.close(fd)
        # as a shell reports a process a signal ended (the form, had there been one, kept)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 128 + sig, (sig, status)
        assert b"\x1b[?1049l" in rest, sig  # endwin left the alternate screen


def test_closed_terminal_ends_kith_without_spinning():
    db = fresh_demo("closed.db")
    pid, fd = spawn(db)
    assert b"Log in" in read_until(fd, b"Log in")
    os.close(fd)  # the terminal window is closed
    status = wait_exit(pid, seconds=5)
    assert os.WIFEXITED(status) or os.WIFSIGNALED(status)
    assert count(db, "SELECT count(*) FROM person") == 300


if __name__ == "__main__":
    sys.exit(main("tui", globals()))
