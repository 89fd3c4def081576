#!/usr/bin/python3
"""`kith import people FILE` on files saved the way people save them (tests/data/sheets,
written by its make.py): Excel's Windows-1252 "CSV" and its rows of commas, "CSV UTF-8",
"Unicode Text" (UTF-16 and tabs), LibreOffice with semicolons, workbooks saved as they are;
yes/no answers, years and dates written out; every problem on a refused line.
Usage: test_sheets.py PATH-TO-KITH"""

import os
import sys

from suite import run as run_suite
from test_cli import SCRATCH, ok
from test_data import as_cora, count, fresh

SHEETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "sheets")


def sheet(name):
    return os.path.join(SHEETS, name)


def people(db):
    return {p["given_name"]: p for p in ok(as_cora("person", "list", "--json", db=db)).json()}


def test_excel_windows_1252_with_rows_of_commas():
    db = fresh("cp1252.db")
    r = ok(as_cora("import", "people", sheet("excel-windows-1252.csv"), db=db))
    assert "excel-windows-1252.csv: 3 added (read as Windows-1252 text)" in r.out, r.out
    p = people(db)
    assert set(p) == {"Zoë", "José", "Siân"}, p
    assert p["Zoë"]["family_name"] == "O’Brien" and p["José"]["family_name"] == "Núñez"
    shown = ok(as_cora("person", "show", p["Zoë"]["id"], "--json", db=db)).json()
    assert shown["notes"] == "Gave £5 – and €3" and shown["postcode"] == "E1 6AN"


def test_excel_csv_utf8_rows_of_commas_yes_no_and_a_year_of_birth():
    db = fresh("utf8.db")
    r = ok(as_cora("import", "people", sheet("excel-utf8-trailing-commas.csv"), db=db))
    assert r.out.startswith("excel-utf8-trailing-commas.csv: 2 added\n"), r.out
    p = people(db)
    assert (p["Amina"]["consent_status"], p["Kemi"]["consent_status"]) == ("given", "refused")
    years = {n: ok(as_cora("person", "show", p[n]["id"], "--json", db=db)).json()["birth_year"]
             for n in p}
    assert years == {"Amina": 1980, "Kemi": 1975}, years


def test_excel_unicode_text_is_utf16_with_tabs():
    db = fresh("utf16.db")
    r = ok(as_cora("import", "people", sheet("excel-unicode-text.txt"), db=db))
    assert "excel-unicode-text.txt: 3 added (read as UTF-16 text separated by tabs)" in r.out
    p = people(db)
    assert set(p) == {"李", "ليلى", "Ólafur"} and p["Ólafur"]["family_name"] == "Þórsson", p
    shown = {n: ok(as_cora("person", "show", p[n]["id"], "--json", db=db)).json() for n in p}
    assert shown["李"]["languages"] == "Mandarin, English"
    assert shown["ليلى"]["notes"] == 'Says "hello" first'
    assert shown["Ólafur"]["notes"] == "likes 🎻"


def test_libreoffice_semicolons():
    db = fresh("semicolons.db")
    r = ok(as_cora("import", "people", sheet("libreoffice-semicolons.csv"), db=db))
    assert "2 added (read as UTF-8 text separated by semicolons)" in r.out, r.out
    p = people(db)
    assert p["Amélie"]["family_name"] == "Dubois" and p["Jürgen"]["family_name"] == "Weiß"
    shown = ok(as_cora("person", "show", p["Amélie"]["id"], "--json", db=db)).json()
    assert shown["what_matters"] == "gardening, cooking" and shown["postcode"] == "E2 7DG"


def test_answers_years_and_dates_as_spreadsheets_hold_them():
    db = fresh("values.db")
    r = ok(as_cora("import", "people", sheet("excel-values.csv"), db=db))
    assert "6 added" in r.out, r.out
    p = people(db)
    consent = {n: p[n]["consent_status"] for n in p}
    assert consent == {"Ann": "given", "Bea": "given", "Cal": "given", "Dee": "refused",
                       "Eve": "refused", "Fay": "refused"}, consent
    shown = {n: ok(as_cora("person", "show", p[n]["id"], "--json", db=db)).json() for n in p}
    assert {n: s["birth_year"] for n, s in shown.items()} == {
        "Ann": 1980, "Bea": 1981, "Cal": 1982, "Dee": 1983, "Eve": None, "Fay": 1984}
    # every way of writing the fifth of March 2026, UK order for 05/03/2026
    assert {s["consent_date"] for s in shown.values()} == {"2026-03-05"}, shown


def test_a_refused_line_tells_every_problem_in_column_order():
    db = fresh("problems.db")
    r = as_cora("import", "people", sheet("many-problems.csv"), db=db)
    assert r.code == 1 and "nothing was imported: 2 lines were refused" in r.err, r.err
    told = [line.strip() for line in r.err.splitlines() if line.startswith("  line ")]
    assert told[:4] == [
        'line 2, "First name": given name: required',
        'line 2, "Postcode": postcode: \'XYZ\' is not a UK postcode (like E1 6AN)',
        'line 2, "Email": e-mail: \'not-an-email\' is not an e-mail address',
        'line 2, "Consent": consent: \'perhaps\' is not one of given, refused, not_asked',
    ], told
    # the latest year allowed is this year's, whichever that is
    assert told[4].startswith('line 2, "Year of birth": year of birth: must be between 1900 '
                              'and '), told
    assert told[5:] == ['line 4, "Postcode": postcode: \'QQQ\' is not a UK postcode (like '
                        'E1 6AN)'], told
    assert count(db, "SELECT count(*) FROM person") == 0  # all or nothing: not even line 3
    # a whole date or a year in a date-of-birth column; anything else is refused there
    path = os.path.join(SCRATCH, "dob.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("First name,DOB,Postcode\nAnn,sometime,XYZ\n")
    r = as_cora("import", "people", path, db=db)
    assert r.code == 1 and 'line 2, "DOB": date of birth: \'sometime\' is not a date' in r.err \
        and 'line 2, "Postcode": postcode:' in r.err, r.err


def test_what_cannot_be_read_says_what_it_is_and_how_to_save_it():
    db = fresh("unreadable.db")
    for name, what in (("saved-as-workbook.xlsx", "an Excel workbook (.xlsx)"),
                       ("saved-as-workbook.ods", "a LibreOffice spreadsheet (.ods)")):
        r = as_cora("import", "people", sheet(name), db=db)
        assert r.code == 1 and f"this is {what}, not a CSV file: save it as CSV with File > " \
            'Save As: "CSV UTF-8" in Excel, "Text CSV" (Unicode UTF-8) in LibreOffice' in r.err, \
            r.err
    path = os.path.join(SCRATCH, "mixed.csv")
    with open(path, "wb") as f:
        f.write("First name\nZoë\nSiân\n".encode() + b"Jos\xe9\n")
    r = as_cora("import", "people", path, db=db)
    assert r.code == 1 and "line 4: this line is not UTF-8, though line 2 is: the file " \
        "mixes two encodings" in r.err, r.err
    assert count(db, "SELECT count(*) FROM person") == 0


def main():
    return run_suite("sheets", globals(), SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
