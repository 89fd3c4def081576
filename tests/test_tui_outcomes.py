#!/usr/bin/python3
"""Outcomes from a person's detail: w asks the ONS4 questions and loneliness (a baseline
first, then follow-ups) and the detail shows each answer and the change since the baseline;
o records a story, refusing a name without consent to share and keeping what was typed; a
story's link to a restricted person is not shown to a worker who may not see them."""

import sqlite3
import sys

from tuikit import cli, count, fresh_demo, main, run, status, text


def someone_without(db):
    """A person with no wellbeing answers or stories, and a name no one else has."""
    con = sqlite3.connect(db)
    name = con.execute(
        "SELECT given_name || ' ' || family_name FROM person p WHERE NOT EXISTS (SELECT 1 "
        "FROM wellbeing w WHERE w.person_id = p.id) AND NOT EXISTS (SELECT 1 FROM story s "
        "WHERE s.person_id = p.id) AND given_name GLOB '[A-Z][a-z]*' AND family_name GLOB "
        "'[A-Z][a-z]*' AND (SELECT count(*) FROM person o WHERE o.given_name = p.given_name "
        "AND o.family_name = p.family_name) = 1 ORDER BY id LIMIT 1").fetchone()[0]
    con.close()
    return name


def test_wellbeing_is_asked_and_its_change_shown():
    db = fresh_demo("outcomes-wellbeing.db")
    who = someone_without(db)
    s = run(db, f"""
/{who}<Enter>
@dump
w
@dump
4<Tab>5<Tab>3<Tab>7<Tab><Right>
<C-s>
@dump
w
@dump
7<Tab>6<Tab>6<Tab>4<Tab><Right><Right><Right><Right>
<C-s>
@dump
""", size="100x100")
    assert "none yet: w asks the questions" in text(s[0]), text(s[0])
    assert "‹ baseline ›" in text(s[1]) and "how satisfied are you with your life" in text(s[1])
    assert f"Wellbeing of {who} saved" in status(s[2]), status(s[2])
    assert "22/11/2026 baseline     4      5      3       7  often or always" in text(s[2]), \
        text(s[2])
    # the next is a follow-up
    assert "‹ follow up ›" in text(s[3]), text(s[3])
    shown = text(s[4])
    assert "Since their baseline (22/11/2026 to 22/11/2026)" not in shown  # same day: no pair
    assert count(db, "SELECT count(*) FROM wellbeing w JOIN person p ON p.id = w.person_id "
                     f"WHERE p.given_name || ' ' || p.family_name = '{who}' AND "
                     "w.loneliness IS NOT NULL") == 2
    con = sqlite3.connect(db)
    con.execute("UPDATE wellbeing SET date = '2026-05-01' WHERE stage = 'baseline' AND "
                "person_id IN (SELECT id FROM person WHERE given_name || ' ' || family_name "
                "= ?)", (who,))
    con.commit()
    con.close()
    s = run(db, f"""
/{who}<Enter>
@dump
""", size="100x100")
    shown = text(s[0])
    assert "Since their baseline (01/05/2026 to 22/11/2026):" in shown, shown
    assert "life satisfaction 4 → 7 (+3, better)" in shown
    assert "anxiety 7 → 4 (-3, better)" in shown
    assert "lonely often or always → hardly ever" in shown


def test_a_story_is_told_and_a_name_needs_consent_to_share():
    db = fresh_demo("outcomes-story.db")
    who = someone_without(db)
    s = run(db, f"""
/{who}<Enter>
o
@dump
Back at the allotment<Tab><Tab>I grow beans with my neighbours now.<Tab><Tab><Space>
<C-s>
@dump
<S-Tab><Space>
<C-s>
@dump
wellbeing and confidence<Enter>
@dump
wellbeing and confidence<Enter>
@dump
<Esc>
@dump
""", size="100x100")
    assert "Story of: " + who in text(s[0]), text(s[0])
    assert "may name: only a story they agreed to share" in status(s[1], 2), status(s[1], 2)
    assert "Back at the allotment" in text(s[1])  # what was typed is kept
    # saved, it asks what the story shows: chosen one at a time, again to take one off
    assert f"Story of {who} saved" in status(s[2]), status(s[2])
    assert "Which outcomes does it show? Enter adds or takes off" in text(s[2]), text(s[2])
    assert "Shows: Better emotional wellbeing and confidence" in status(s[3]), status(s[3])
    assert "Better emotional wellbeing and confidence  ✓ shows it" in text(s[3]), text(s[3])
    assert "No longer shows: Better emotional wellbeing" in status(s[4]), status(s[4])
    assert count(db, "SELECT count(*) FROM story_outcome WHERE deleted_at IS NULL AND "
                     "outcome = 'wellbeing_confidence' AND story_id IN (SELECT id FROM story "
                     "WHERE title = 'Back at the allotment')") == 0
    shown = text(s[5])
    assert "Back at the allotment" in shown and "may be shared, with their name" in shown
    assert "I grow beans with my neighbours now." in shown


def test_a_restricted_person_in_a_story_is_not_shown_to_a_worker():
    db = fresh_demo("outcomes-restricted.db")
    who = someone_without(db)
    con = sqlite3.connect(db)
    pid = con.execute("SELECT id FROM person WHERE given_name || ' ' || family_name = ?",
                      (who,)).fetchone()[0]
    con.close()
    zeph = cli(db, "person", "add", "--given-name", "Zephyrine", "--family-name",
               "Brackwater", "--restricted", "yes").strip()
    sid = cli(db, "story", "add", "--title", "Found a friend", "--person", pid).strip()
    cli(db, "story", "link", sid, "person", zeph)
    cli(db, "story", "tag", sid, "stronger_networks")
    screens = {}
    for login in ("cora", "wes"):
        screens[login] = run(db, f"""
/{who}<Enter>
@dump
""", size="100x100", login=login)
    for login, s in screens.items():
        shown = text(s[0])
        assert "Found a friend" in shown and "Stronger social networks" in shown, shown
        assert ("Zephyrine" in shown) == (login == "cora"), (login, shown)


if __name__ == "__main__":
    sys.exit(main("tui-outcomes", globals()))
