#!/usr/bin/python3
"""Gifts first in the interface: a person found by a gift (/cooking), their gifts corrected
and removed with t, what might fit them on their detail and offered when referring them, the
People list filtered by a gift, and an asset's tags shown and edited."""

import sys

from tuikit import fresh_demo, main, run, status, text


def test_a_gift_is_found_corrected_and_removed():
    db = fresh_demo("gifts.db")
    s = run(db, """
/adeyemi kwame<Enter>
t
cook
<Enter>
@dump
<Esc>
<Esc>
/cooking
@dump
<Esc>
/adeyemi kwame<Enter>
t
cook
<Enter>
@dump
<Enter>
<C-u>Baking
<C-s>
@dump
t
baking
<Enter>
<Down>
<Enter>
@dump
""", size="100x60")  # what might fit them comes after their history
    assert "Noted: cooking" in status(s[0])
    # what fits them opens with them, best first, each with why
    assert "Might fit" in text(s[0]) and "shares cooking" in text(s[0]), text(s[0])
    assert 'matching "cooking"' in text(s[1]) and "Adeyemi" in text(s[1]), text(s[1])
    # their own gift comes first, to correct or remove
    assert "cooking: correct it or remove it?" in text(s[2]), text(s[2])
    assert "Noted: Baking" in status(s[3]) and "Baking (gift hands)" in text(s[3])
    assert "cooking (" not in text(s[3])
    assert "Removed Baking from Kwame Adeyemi" in status(s[4]), status(s[4])
    assert "Baking (" not in text(s[4])


def test_referring_offers_what_fits_and_tab_passes_by():
    db = fresh_demo("gifts-refer.db")
    s = run(db, """
/adeyemi kwame<Enter>
t
cook
<Enter>
r
@dump
<Tab>
@dump
<Esc>
r
<Enter>
@dump
<Esc>
y
r
@dump
<Esc>
@dump
""")
    offered = [l for l in text(s[0]).splitlines() if "fits:" in l]
    # their neighbourhood's, sharing their gift, first
    assert offered and "Riverside Allotments fits: shares cooking; in Riverside" in offered[0]
    # Tab goes on without taking what was only offered
    to = [l for l in text(s[1]).splitlines() if l.startswith("│ To")][0]
    assert "Riverside" not in to and "fits:" not in text(s[1]), text(s[1])
    # Enter takes the best fit into "To"
    to = [l for l in text(s[2]).splitlines() if l.startswith("│ To")][0]
    assert "Riverside Allotments" in to, to
    # Esc leaves an untouched form at once, what was offered or not
    assert "fits:" in text(s[3]) and "Refer:" not in text(s[4]), text(s[4])


def test_people_filtered_by_a_gift_and_asset_tags():
    db = fresh_demo("gifts-filter.db")
    s = run(db, """
f
gift, skill or passion: carpentry
<Enter>
@dump
3
/community connector<Enter>
t
Welcoming
<Enter>
<C-s>
@dump
""")
    assert "gift, skill or passion: carpentry" in text(s[0]), text(s[0])
    assert "people" in text(s[0]).splitlines()[1] or "person" in text(s[0]).splitlines()[1]
    assert "Noted: Welcoming" in status(s[1]), status(s[1])
    assert "Tags" in text(s[1]) and "Welcoming (" in text(s[1]), text(s[1])


if __name__ == "__main__":
    sys.exit(main("tui-gifts", globals()))
