#!/usr/bin/python3
"""The interface, driven headlessly as tig's tests drive tig: a key script fed to the real
binary (kith --script), the screen dumped as text (@dump) and checked. Signals and a closed
terminal are checked through a real pseudo-terminal. Usage: test_tui.py PATH-TO-KITH"""

import json
import os
import pty
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata

KITH = os.path.abspath(sys.argv[1])
SCRATCH = tempfile.mkdtemp(prefix="kith-test-tui-")
ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": os.path.join(SCRATCH, "home"),
    "KITH_TODAY": "2026-11-22",
    "KITH_PASSWORD_COST": "min",
    "TZ": "UTC",
    "LANG": "C.UTF-8",
    "TERM": "xterm",
}
for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
    if name in os.environ:
        ENV[name] = os.environ[name]
DEMO = os.path.join(SCRATCH, "demo-template.db")


# the demo's accounts, as README gives them
PASSWORDS = {"ada": "quiet harbour lantern", "cora": "amber kettle meadow",
             "wes": "copper fern window", "wren": "violet stone harbour"}


def has_accounts(db):
    if not os.path.exists(db):
        return False
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM worker WHERE password_hash IS NOT NULL"
                           ).fetchone()[0] > 0
    finally:
        con.close()


def cli(db, *args, login="cora", input=None):
    """Runs the command line, logged in (through a pipe) when the database has accounts."""
    extra, fds = [], ()
    if login and has_accounts(db):
        r, w = os.pipe()
        os.write(w, (PASSWORDS[login] + "\n").encode())
        os.close(w)
        extra, fds = ["--user", login, "--password-fd", str(r)], (r,)
    try:
        p = subprocess.run([KITH, "--db", db] + extra + list(args), capture_output=True,
                           text=True, env=ENV, timeout=60, pass_fds=fds, input=input)
    finally:
        for fd in fds:
            os.close(fd)
    assert p.returncode == 0, p.stderr
    return p.stdout


def make_admin(db):
    """A database of one's own gets an admin, cora, with the coordinator's demo password."""
    cli(db, "user", "add", "cora", "--role", "admin", "--name", "Cora Lindqvist",
        "--new-password-fd", "0", input=PASSWORDS["cora"] + "\n")


def fresh_demo(name):
    """A copy of one demo database (made once): the same community in every test."""
    if not os.path.exists(DEMO):
        cli(DEMO, "demo")
        con = sqlite3.connect(DEMO)
        con.execute("PRAGMA journal_mode = DELETE")
        con.close()
    path = os.path.join(SCRATCH, name)
    shutil.copy(DEMO, path)
    os.chmod(path, 0o600)
    return path


def run(db, script, size="100x30", code=0, env=None, login="cora"):
    """Runs a key script, logged in as login first; returns the screens it dumped (each a
    list of lines)."""
    path = os.path.join(SCRATCH, "script.txt")
    if login and has_accounts(db):
        script = f"{login}<Tab>{PASSWORDS[login]}<Enter>\n" + script.lstrip("\n")
    with open(path, "w") as f:
        f.write(script.strip("\n") + "\n")
    r = subprocess.run([KITH, "--db", db, "--script", path, "--size", size],
                       capture_output=True, text=True, env=dict(ENV, **(env or {})),
                       timeout=120)
    assert r.returncode == code, (r.returncode, r.stderr)
    screens = r.stdout.split("--- screen\n")[1:]
    return [s[:-1].split("\n") if s.endswith("\n") else s.split("\n") for s in screens]


def text(screen):
    return "\n".join(screen)


def status(screen):
    return screen[-2]


def hints(screen):
    return screen[-1]


def chosen_row(screen):
    rows = [line for line in screen if line.startswith("▸")]
    return rows[0] if rows else ""


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def count(db, sql):
    con = sqlite3.connect(db)
    n = con.execute(sql).fetchone()[0]
    con.close()
    return n


# ---- People ----

def test_people_list_search_sort_filter():
    db = fresh_demo("people.db")
    s = run(db, """
@dump
/sar
@dump
<Enter>
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
    assert 'matching "sar"' in found[1]
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
<Enter>
c
Start a community garden<Tab>Cost of heating<Tab>Great cook<Tab><Tab>Introduce to the allotment society
<C-s>
@dump
m
shed
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


# ---- Groups, Assets, Referrals ----

def test_groups_members_added_and_removed():
    db = fresh_demo("groups.db")
    cli(db, "person", "add", "--given-name", "Tayo", "--family-name", "Member")
    s = run(db, """
2
@dump
/knit<Enter>
<Enter>
m
tayo member
<Enter>
@dump
""", size="100x40")
    assert "Groups by name" in s[0][1] and "m add-member" in hints(s[0])
    assert "Tayo Member joined Northgate Knit and Natter" in status(s[1])
    assert "Members (" in text(s[1]) and "Tayo Member · member since 22/11/2026" in text(s[1])
    # remove: choose his line and press x
    lines = [line for line in s[1] if "·" in line and "since" in line]
    position = [i for i, line in enumerate(lines) if "Tayo Member" in line][0]
    s = run(db, "2\n/knit<Enter>\n<Enter>\n" + "j" * position + "\nx\n@dump\ny\n@dump\n",
            size="100x40")
    assert "Remove Tayo Member from Northgate Knit and Natter?" in text(s[0])
    assert "Removed Tayo Member from Northgate Knit and Natter" in status(s[1])
    assert "Tayo Member · member" not in text(s[1])


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
/fridge<Enter>
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
    assert "Person  Tayo Referred" in text(s[1])
    assert "Tayo Referred: contacted" in status(s[2])
    # closing ends the follow-up, so it is asked; "n" leaves it attended
    assert "Close Tayo Referred's referral to" in text(s[3]) and "Men's Shed?" in text(s[3])
    assert "attended" in chosen_row(s[4]) and "Close" not in text(s[4])
    s = s[2:]
    assert "follow-up due" in s[3][1]
    due = [line for line in s[3][3:-2] if line.strip()]
    assert due and all(("made" in line or "contacted" in line) for line in due)
    assert "Who and where" in text(s[4]) and "▸ Person" in text(s[4])
    person = s[4][[i for i, line in enumerate(s[4]) if "▸ Person" in line][0]].split("Person")[1]
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
/sarwar<Enter>
@dump
D
y
@dump
""")
    assert "Referrals follow-up date" in s[0][1]
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
            if key == "q":
                continue  # q on a top screen quits: no screen to look at afterwards
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
    assert s[0][0].startswith("enlarge the window") and len(s[0]) == 12
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
    s = run(db, "q\n@dump\n")
    assert s == []  # q on a top screen quits at once


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


# ---- accounts, locking and roles ----

def test_first_admin_is_asked_for_then_logged_in():
    db = os.path.join(SCRATCH, "first.db")
    cli(db, "init")
    s = run(db, """
@dump
ada<Tab>Ada Okafor<Tab>password1234<Tab>password1234<Enter>
@dump
quiet harbour lantern<Tab>quiet harbour lantern<Enter>
@dump
""", login=None)
    assert "Welcome to kith" in text(s[0]) and "Make the first admin" in text(s[0])
    assert "People" not in s[0][0]
    assert "password: too easy to guess" in text(s[1]) and "password1234" not in text(s[1])
    assert "Logged in as Ada Okafor (admin)" in status(s[2]) and "1 People" in s[2][0]


def test_the_demo_login_says_how_to_get_in_and_shows_nothing_else():
    db = fresh_demo("demo-login.db")
    screen = run(db, "@dump\n", login=None)[0]
    assert "Log in" in text(screen) and "This is the demo: try cora, password amber kettle meadow" \
        in text(screen)
    assert "People" not in screen[0] and "Adeyemi" not in text(screen)


def test_lock_hides_the_screen_and_keeps_the_form_for_the_same_worker():
    db = fresh_demo("lock.db")
    s = run(db, """
a
Half typed
<C-x>
@dump
wrong password entirely<Enter>
@dump
amber kettle meadow<Enter>
@dump
<Esc>
y
@idle
@dump
""")
    assert "Locked" in text(s[0]) and "Cora Lindqvist's password opens it" in text(s[0])
    assert "Half typed" not in text(s[0]) and "Adeyemi" not in text(s[0])
    assert "wrong name or password" in text(s[1])
    assert "Half typed" in text(s[2]) and "Unlocked" in status(s[2])
    assert "Locked" in text(s[3])  # the idle minutes passed
    actions = [row[0] for row in sqlite3.connect(db).execute(
        "SELECT action FROM audit WHERE action IN ('lock', 'unlock', 'login_failed') "
        "ORDER BY seq")]
    assert actions == ["lock", "login_failed", "unlock", "lock"]


def test_another_worker_starts_afresh_and_sees_only_their_screens():
    db = fresh_demo("switch.db")
    s = run(db, """
a
Half typed
<C-x>
<F2>
wes<Tab>copper fern window<Enter>
@dump
5
@dump
6
@dump
""")
    assert "Logged in as Wes Achterberg (worker)" in status(s[0])
    assert "Half typed" not in text(s[0]) and "New person" not in text(s[0])
    assert "4 Referrals" in s[0][0] and "5 Network" not in s[0][0] and "6 Audit" not in s[0][0]
    assert "the network report needs a coordinator's account" in status(s[1])
    assert "the audit trail needs a coordinator's account" in status(s[2])


def test_the_audit_screen_shows_who_looked_at_whom():
    db = fresh_demo("audit.db")
    s = run(db, """
/adeyemi kwame<Enter>
<Enter>
6
@dump
<Enter>
@dump
""")
    assert "6 Audit" in s[0][0] and "Audit newest first" in s[0][1]
    first = chosen_row(s[0])
    assert "Cora Lindqvist" in first and "view" in first and "Kwame Adeyemi" in first
    assert "About   Kwame Adeyemi" in text(s[1])


def test_a_restricted_person_shows_only_whom_to_ask():
    db = fresh_demo("restricted.db")
    cli(db, "user", "add", "wren", "--role", "worker", "--new-password-fd", "0",
        login="ada", input=PASSWORDS["wren"] + "\n")
    cli(db, "person", "add", "--given-name", "Safe", "--family-name", "Harbourside",
        "--address", "1 Refuge Road", "--restricted", "yes", login="wes")
    s = run(db, """
/harbourside<Enter>
@dump
<Enter>
@dump
""", login="wren")
    assert "Restricted record" in chosen_row(s[0]) and "Safe" not in text(s[0])
    assert "This record is restricted" in text(s[1]) and "Refuge" not in text(s[1])
    assert "Wes Achterberg (who recorded them), or a coordinator: Cora Lindqvist" in text(s[1])
    s = run(db, "/harbourside<Enter>\n<Enter>\n@dump\n", login="cora")
    assert "1 Refuge Road" in text(s[0])


def test_a_coordinator_keeps_or_erases_who_is_due_for_review():
    db = fresh_demo("review.db")
    due = sqlite3.connect(db).execute(
        "SELECT count(*) FROM person WHERE review_date <= '2026-11-22' AND deleted_at IS NULL"
    ).fetchone()[0]
    assert due >= 2
    s = run(db, """
f
review
<Enter>
@dump
<Enter>
@dump
K
still meeting at the allotment<Enter>
@dump
j
X
@dump
y
moved away, asked to be forgotten<Enter>
@dump
""")
    assert "review due" in s[0][1] and f"{due} people" in s[0][1]
    assert "Review due since" in text(s[1])
    assert "Kept for another retention period" in status(s[2])
    assert "Erase " in text(s[3]) and "for good?" in text(s[3])
    assert "Erased" in status(s[4])
    assert f"{due - 2} people" in s[4][1]
    trail = sqlite3.connect(db).execute(
        "SELECT action, detail FROM audit WHERE action IN ('erase', 'update') AND detail <> '' "
        "ORDER BY seq").fetchall()
    assert ("erase", "moved away, asked to be forgotten") in trail
    assert any(d.startswith("kept until") for a, d in trail)


# ---- a real terminal ----

def spawn(db):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.clear()
        os.environ.update(ENV)
        os.environ["LINES"], os.environ["COLUMNS"] = "30", "100"
        os.execv(KITH, [KITH, "--db", db])
    return pid, fd


def read_until(fd, needle, seconds=10):
    got = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end and needle not in got:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                got += os.read(fd, 65536)
            except OSError:
                break
    return got


def wait_exit(pid, seconds=5):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    raise AssertionError("kith kept running")


def test_signals_restore_the_terminal_and_end():
    db = fresh_demo("signals.db")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        pid, fd = spawn(db)
        assert b"Log in" in read_until(fd, b"Log in")
        os.kill(pid, sig)
        rest = read_until(fd, b"\x1b[?1049l", 5)
        status = wait_exit(pid)
        os.close(fd)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (sig, status)
        assert b"\x1b[?1049l" in rest, sig  # endwin left the alternate screen


def test_closed_terminal_ends_kith_without_spinning():
    db = fresh_demo("closed.db")
    pid, fd = spawn(db)
    assert b"Log in" in read_until(fd, b"Log in")
    os.close(fd)  # the terminal window is closed
    started = time.process_time()
    status = wait_exit(pid, 5)
    assert os.WIFEXITED(status) or os.WIFSIGNALED(status)
    assert count(db, "SELECT count(*) FROM person") == 300


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
    s = run(db, f"""
5
@dump
1
/tayo network<Enter>
r
northgate library<Enter><Tab><Tab>riverside library<Enter><C-s>
5
@dump
""")
    assert f"{before} referrals" in text(s[0])
    assert f"{before + 1} referrals" in text(s[1])
    assert pid


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


def main():
    tests = [(n, f) for n, f in sorted(globals().items()) if n.startswith("test_")]
    passed = failed = 0
    for name, fn in tests:
        try:
            fn()
            passed += 1
        except Exception:
            failed += 1
            print(f"FAIL {name}", file=sys.stderr)
            traceback.print_exc()
    shutil.rmtree(SCRATCH, ignore_errors=True)
    print(f"tui: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
