#!/usr/bin/python3
"""Drafts: a form's unsaved typing survives a hang-up, SIGTERM and another worker logging in
at the lock screen, kept for its worker alone and offered back at their next login. The
signals go to the real binary in a pseudo-terminal, 200 times at varied moments; the rest
runs as key scripts. Usage: test_tui_drafts.py PATH-TO-KITH"""

import json
import os
import random
import signal
import sqlite3
import sys
import time

from tuikit import (PASSWORDS, cli, fresh_demo, main, read_until, run, spawn, status, text,
                    wait_exit)

TRIALS = 100  # of each signal
LATENCY = []  # seconds from each signal to kith's exit


def drafts(db, live=True):
    """The drafts in the file: (worker's username, entity, record id, typed values). A live
    draft is sealed for its worker, so each is read back as its worker reads it (kith draft
    list); a discarded one must hold nothing at all."""
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT w.username, d.entity, d.record_id, d.typed FROM draft d "
        "JOIN worker w ON w.id = d.worker_id WHERE (d.deleted_at IS NULL) = ? "
        "ORDER BY d.created_at", (1 if live else 0,)).fetchall()
    con.close()
    if not live:
        return [(u, e, r, {} if not t else {"sealed": t}) for u, e, r, t in rows]
    for *_, sealed in rows:  # the file alone tells nothing of what was typed
        assert "Amina" not in sealed and "Yusuf" not in sealed
    got = []
    for who in sorted({u for u, *_ in rows}):
        for d in json.loads(cli(db, "draft", "list", "--json", login=who)):
            got.append((who, d["entity"], d["record_id"], d["typed"], d["created_at"]))
    return [g[:4] for g in sorted(got, key=lambda g: g[4])]


def boxed(screen):
    """The words of a screen with the frames' edges gone, and within a frame only what is
    inside it (not the list behind), so wrapped sentences read whole."""
    inside = [line[line.index("│") + 1:line.rindex("│")] if line.count("│") >= 2 else line
              for line in screen]
    return " ".join(line.strip(" │") for line in inside)


# ---- a real terminal, hung up or terminated ----

def one_trial(n, sig, pause, under_shell=False, locked=False):
    """Types into a new person's form, then the signal comes (a hang-up: the terminal's
    master closed) after pause seconds; returns whether kith exited 128+N with the draft
    kept for cora with everything typed."""
    db = fresh_demo(f"signal-{sig}-{n}.db")
    pid, fd = spawn(db, under_shell)
    try:
        read_until(fd, b"Log in")
        os.write(fd, f"cora\t{PASSWORDS['cora']}\r".encode())
        read_until(fd, b"Logged in as")
        os.write(fd, b"1a")
        read_until(fd, b"New person")
        os.write(fd, f"Amina{n}\tYusuf\tGrowing vegetables {n}\t".encode())
        # the cursor reached the consent field (its hint shows): every key before it is in
        read_until(fd, b"first letter")
        if locked:  # the form waits behind the lock screen
            os.write(fd, b"\x18")
            read_until(fd, b"Locked")
        if pause:
            time.sleep(pause)
        if sig == signal.SIGHUP:
            os.close(fd)  # the terminal window is closed: the kernel hangs up
            fd = None
        else:
            os.kill(pid, sig)
        signalled = time.monotonic()
        st = wait_exit(pid, fd)
        LATENCY.append(time.monotonic() - signalled)
    finally:
        if fd is not None:
            os.close(fd)
    if not (os.WIFEXITED(st) and os.WEXITSTATUS(st) == 128 + sig):
        print(f"trial {n}: {signal.Signals(sig).name} ended with status {st}", file=sys.stderr)
        return False
    kept = drafts(db)
    want = {"given_name": f"Amina{n}", "family_name": "Yusuf",
            "what_matters": f"Growing vegetables {n}", "@form": "add"}
    ok = len(kept) == 1 and kept[0][:3] == ("cora", "person", None) and \
        all(kept[0][3].get(k) == v for k, v in want.items())
    if not ok:
        print(f"trial {n}: {signal.Signals(sig).name}: drafts {kept}", file=sys.stderr)
    for leftover in (db, db + "-wal", db + "-shm"):
        if os.path.exists(leftover):
            os.unlink(leftover)
    return ok


def test_hang_ups_and_terminations_keep_the_form_as_a_draft():
    rng = random.Random(20261122)
    counts = {}
    LATENCY.clear()
    for sig in (signal.SIGHUP, signal.SIGTERM):
        kept = 0
        for n in range(TRIALS):
            # the first third right after the last key is drawn, the rest after a short
            # random wait
            pause = 0 if n % 3 == 0 else rng.uniform(0.0005, 0.04)
            kept += one_trial(n, sig, pause)
        counts[signal.Signals(sig).name] = kept
    total = sum(counts.values())
    print(f"drafts kept: {total} of {2 * TRIALS} "
          f"({counts['SIGHUP']} of {TRIALS} hang-ups, {counts['SIGTERM']} of {TRIALS} "
          f"SIGTERMs); from the signal to the exit at most {max(LATENCY) * 1000:.0f} ms")
    assert total == 2 * TRIALS, counts


def test_a_closed_terminal_keeps_the_draft_when_only_its_shell_is_hung_up():
    """Closing a window signals only the session's leader (here a shell that ignores it):
    kith sees its terminal go, keeps the form all the same and ends as if hung up."""
    kept = sum(one_trial(n, signal.SIGHUP, 0.01 * (n % 3), under_shell=True)
               for n in range(10))
    assert kept == 10, kept


def test_a_form_waiting_behind_the_lock_is_kept_for_the_locked_worker():
    kept = sum(one_trial(n, sig, 0.005 * n, locked=True)
               for n in range(5) for sig in (signal.SIGHUP, signal.SIGTERM))
    assert kept == 10, kept


def test_a_signal_with_no_form_still_exits_128_plus_n():
    db = fresh_demo("no-form.db")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        pid, fd = spawn(db)
        read_until(fd, b"Log in")
        os.kill(pid, sig)
        st = wait_exit(pid, fd)
        os.close(fd)
        assert os.WIFEXITED(st) and os.WEXITSTATUS(st) == 128 + sig, (sig, st)
    assert drafts(db) == []


# ---- another worker at the lock screen, and the offer at login ----

NEW_PERSON = """
a
Amina<Tab>Yusuf<Tab>Growing vegetables<Tab>g<Tab>07700 900555
<C-x>
@dump
<F2>
@dump
"""


def test_f2_at_the_lock_keeps_the_form_for_the_locked_worker_and_says_so():
    db = fresh_demo("f2.db")
    s = run(db, NEW_PERSON)
    assert "Locked" in text(s[0])
    assert "Your unsaved form waits; if someone else logs in (F2), it is kept as your draft" \
        in boxed(s[0]), text(s[0])
    assert "Amina" not in text(s[0])  # nothing of the form shows behind the lock
    assert "Log in" in text(s[1]) and "Cora Lindqvist's unsaved form is kept as their draft" \
        in boxed(s[1])
    kept = drafts(db)
    assert len(kept) == 1, kept
    who, entity, record, typed = kept[0]
    assert (who, entity, record) == ("cora", "person", None)
    assert typed["given_name"] == "Amina" and typed["family_name"] == "Yusuf"
    assert typed["what_matters"] == "Growing vegetables" and typed["consent_status"] == "given"
    assert typed["phone"] == "07700 900555"


def test_a_worker_lists_and_discards_their_drafts_from_the_command_line():
    db = fresh_demo("cli-drafts.db")
    run(db, NEW_PERSON)
    out = cli(db, "draft", "list")
    assert "person" in out and "Amina, Yusuf" in out, out
    assert cli(db, "draft", "list", login="wes") == ""  # another worker has none of it
    cli(db, "draft", "discard", out.split()[0])  # by the start of its id, as listed
    assert drafts(db) == [] and cli(db, "draft", "list") == ""


def test_the_lock_says_nothing_of_drafts_when_no_form_waits():
    db = fresh_demo("lock-plain.db")
    s = run(db, "<C-x>\n@dump\n<F2>\n@dump\n")
    assert "Locked" in text(s[0]) and "draft" not in text(s[0])
    assert "draft" not in text(s[1])
    assert drafts(db) == []


def test_a_draft_is_offered_to_its_worker_alone_then_restored_and_saved():
    db = fresh_demo("offer.db")
    run(db, NEW_PERSON)
    s = run(db, "@dump\n", login="wes")  # another worker is not offered it
    assert "Logged in as Wes Achterberg" in status(s[0])
    assert "unsaved" not in text(s[0]) and "Amina Yusuf" not in text(s[0])
    s = run(db, """
@dump
<Enter>
@dump
<C-s>
@dump
""")
    offer = boxed(s[0])
    assert "Your unsaved form" in offer
    assert "An unsaved new person (Amina Yusuf) from" in offer and "was kept as your draft" \
        in offer, offer
    assert "Enter reopen" in s[0][-1] and "D discard" in s[0][-1] and "Esc later" in s[0][-1]
    form = text(s[1])
    assert "New person" in form
    for typed in ("Amina", "Yusuf", "Growing vegetables", "‹ given ›", "07700 900555"):
        assert typed in form, typed
    assert "Added Amina Yusuf" in status(s[2])
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM person WHERE given_name = 'Amina' AND "
                       "family_name = 'Yusuf' AND phone = '07700 900555' AND "
                       "consent_status = 'given'").fetchone()[0] == 1
    con.close()
    assert drafts(db) == []  # it has served
    assert all(typed == {} for *_, typed in drafts(db, live=False))  # and keeps no text
    s = run(db, "@dump\n")
    assert "unsaved" not in text(s[0])  # not offered again


def test_drafts_are_discarded_kept_for_later_or_reopened_about_their_person():
    db = fresh_demo("several.db")
    run(db, NEW_PERSON)
    # later: offered again next time; meanwhile a conversation with the chosen person
    s = run(db, """
<Esc>
@dump
c
Zqhopes of a garden
<C-x>
<F2>
""")
    assert "Your unsaved form" not in text(s[0])
    kept = drafts(db)
    assert [k[1] for k in kept] == ["person", "conversation"], kept
    person_name = kept[1][3]["@label"]
    s = run(db, """
@dump
D
@dump
y
@dump
<Enter>
@dump
<C-s>
@dump
""")
    assert "Your unsaved forms: 1 of 2" in text(s[0]) and "(Amina Yusuf)" in text(s[0])
    assert "Discard this draft for good?" in text(s[1])
    offer = boxed(s[2])
    assert "Your unsaved forms: 2 of 2" in offer and "Draft discarded" in status(s[2])
    assert f"An unsaved new conversation ({person_name}) from" in offer, offer
    assert f"Conversation with: {person_name}" in text(s[3])
    assert "Zqhopes of a garden" in text(s[3])
    assert f"Conversation with {person_name} saved" in status(s[4])
    assert drafts(db) == []
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM conversation WHERE hopes = 'Zqhopes of a garden'"
                       ).fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM draft WHERE typed LIKE '%Zqhopes%' OR "
                       "typed LIKE '%Amina%'").fetchone()[0] == 0
    con.close()


def test_a_draft_of_an_edit_changed_since_is_refused_as_a_stale_copy():
    db = fresh_demo("stale.db")
    s = run(db, """
/kwame adeyemi<Enter>
e
<Tab><Tab><Tab><Tab><C-u>07700 900111
<C-x>
<F2>
""")
    kept = drafts(db)
    assert len(kept) == 1 and kept[0][1] == "person" and kept[0][2], kept
    person = kept[0][2]
    assert kept[0][3]["phone"] == "07700 900111"
    cli(db, "person", "edit", person, "--phone", "07700 900222")  # someone else, meanwhile
    s = run(db, """
@dump
<Enter>
@dump
<C-s>
@dump
""")
    assert "Unsaved changes to Kwame Adeyemi from" in boxed(s[0]) and \
        "were kept as your draft" in boxed(s[0])
    assert "Edit Kwame Adeyemi (changed by someone since your draft)" in text(s[1])
    assert "07700 900111" in text(s[1])
    assert "Someone changed this person since your draft: saving will be refused" in \
        status(s[1])
    assert "was changed elsewhere since it was opened" in status(s[2])
    assert "07700 900111" in text(s[2])  # the typing stays in the form
    con = sqlite3.connect(db)
    assert con.execute("SELECT phone FROM person WHERE id = ?", (person,)).fetchone()[0] == \
        "07700 900222"
    con.close()



def test_quitting_a_reopened_form_and_losing_it_discards_the_draft():
    db = fresh_demo("quit.db")
    run(db, NEW_PERSON)
    s = run(db, """
<Enter>
<C-q>
@dump
y
""")
    assert "Quit kith and lose what you typed in the form?" in boxed(s[0])
    assert drafts(db) == []
    assert count_people(db, "Amina", "Yusuf") == 0


def count_people(db, given, family):
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM person WHERE given_name = ? AND family_name = ?",
                    (given, family)).fetchone()[0]
    con.close()
    return n


if __name__ == "__main__":
    sys.exit(main("tui-drafts", globals()))
