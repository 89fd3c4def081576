#!/usr/bin/python3
"""kith's CSV reader against Python's csv module: thousands of generated files (quotes,
commas and line breaks inside fields, CRLF or LF, a byte-order mark, empty fields, names in
many scripts) must read the same; so must files as spreadsheets save them (Windows-1252,
UTF-16 with tabs, semicolons: tests/data/sheets, and generated ones); hostile files must be
refused with the right line; a fuzz run feeds the reader mutated files for the sanitizers.
Usage: test_csv.py PATH-TO-csv_driver"""

import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

from suite import passed_on, run as run_suite

DRIVER = os.path.abspath(sys.argv[1])
SHEETS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "sheets")
SCRATCH = tempfile.mkdtemp(prefix="kith-test-csv-")
ENV = passed_on()
PIECES = ["a", "Zoë", "李伟", "ليلى", "আয়েশা", " ", ",", '"', "\n", "\r\n", "\r", "'", "=1+1",
          "\t", "x" * 40, "", "0", "-3", "@home", "Ólafur, Łukasz"]


def read_with_kith(path, *how):
    r = subprocess.run([DRIVER, path, *how], capture_output=True, text=True, env=ENV,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def write(name, data):
    path = os.path.join(SCRATCH, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


def random_file(rng):
    rows = []
    width = rng.randint(1, 6)
    for _ in range(rng.randint(0, 12)):
        n = width if rng.random() < 0.9 else rng.randint(0, 7)
        rows.append(["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 4)))
                     for _ in range(n)])
    out = io.StringIO()
    csv.writer(out, lineterminator=rng.choice(["\r\n", "\n"])).writerows(rows)
    text = out.getvalue()
    if rows and rng.random() < 0.5:  # the last line's break is optional
        text = text.rstrip("\r\n") if not text.endswith('"\n') else text
    return ("\ufeff" if rng.random() < 0.2 else "") + text


def python_reads(text):
    return [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))]


def test_thousands_of_files_read_as_python_reads_them():
    rng = random.Random(20261122)
    for k in range(2000):
        text = random_file(rng)
        want = python_reads(text)
        got = read_with_kith(write(f"r{k % 50}.csv", text))
        assert got == want, (k, repr(text), got, want)


def test_hostile_files_are_refused_at_the_right_line():
    cases = [
        ('name,age\n"Ann,3\nBob,4\n', 2, "never closed"),
        ('name,age\nAnn,3\n"Bob"x,4\n', 3, "after a closing quote"),
        (b"name\nAnn\nB\x00ob\n", 3, "NUL"),
        (b"name\nAnn\n\xff\xfe\n", 3, "UTF-8"),
        (b"name\nA\x01nn\n", 2, "control character"),
        ("name\n" + "x" * (11 * 1024 * 1024) + "\n", 2, "longer than 64 KB"),
    ]
    for data, line, why in cases:
        got = read_with_kith(write("hostile.csv", data))
        assert isinstance(got, dict) and why in got["error"] and got["line"] == line, \
            (data[:40], got)


def test_spreadsheet_files_read_as_python_reads_them():
    cases = [("excel-windows-1252.csv", "cp1252", ",", "Windows-1252 text"),
             ("excel-utf8-trailing-commas.csv", "utf-8-sig", ",", ""),
             ("excel-unicode-text.txt", "utf-16", "\t", "UTF-16 text separated by tabs"),
             ("libreoffice-semicolons.csv", "utf-8", ";",
              "UTF-8 text separated by semicolons"),
             ("excel-values.csv", "utf-8", ",", "")]
    for name, encoding, sep, said in cases:
        with open(os.path.join(SHEETS, name), "rb") as f:
            text = f.read().decode(encoding)
        want = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
        got = read_with_kith(os.path.join(SHEETS, name), "--sheet")
        assert got == {"read_as": said, "separator": sep, "rows": want}, (name, got, want)
    assert ["Zoë", "O’Brien", "E1 6AN", "Gave £5 – and €3"] in got_rows("excel-windows-1252.csv")


def got_rows(name):
    return read_with_kith(os.path.join(SHEETS, name), "--sheet")["rows"]


LATIN = ["a", "Zoë", "Siân", "O’Brien", "£5", "€", "–", " ", ",", ";", "\t", '"', "\n",
         "\r\n", "", "'", "=1+1", "Ólafur, Łukasz"]


def utf8_by_chance(data):
    """Whether Windows-1252 bytes hold at least as many UTF-8 sequences past ASCII as bytes
    that are not UTF-8 (kith then refuses the file as two encodings mixed)."""
    real = bad = i = 0
    while i < len(data):
        for k in (1, 2, 3, 4):
            try:
                data[i:i + k].decode("utf-8")
            except UnicodeDecodeError:
                continue
            real, i = real + (k > 1), i + k
            break
        else:
            bad, i = bad + 1, i + 1
    return bad and real >= bad


def test_generated_files_in_every_encoding_and_separator():
    rng = random.Random(20260305)
    for k in range(600):
        encoding = rng.choice(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-be-bom",
                               "utf-32"])
        sep = rng.choice([",", ";", "\t"])
        width = rng.randint(2, 5)
        header = [f"column {i}" for i in range(width)]
        pieces = [p for p in LATIN if "Ł" not in p] if encoding == "cp1252" \
            else LATIN + ["李伟", "ليلى", "🎻"]
        rows = [header] + [["".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))
                            for _ in range(width)] for _ in range(rng.randint(0, 8))]
        out = io.StringIO()
        csv.writer(out, delimiter=sep, lineterminator=rng.choice(["\r\n", "\n"])).writerows(rows)
        text = out.getvalue()
        if encoding == "utf-16-be-bom":
            data = "\ufeff".encode("utf-16-be") + text.encode("utf-16-be")
        else:
            data = text.encode(encoding)
        got = read_with_kith(write(f"s{k % 50}.csv", data), "--sheet")
        if encoding == "cp1252" and utf8_by_chance(data):
            assert "mixes two encodings" in got.get("error", ""), (k, data, got)
            continue
        assert got.get("separator") == sep and got.get("rows") == rows, \
            (k, encoding, sep, repr(text), got)


def test_files_that_are_no_csv_say_what_they_are_and_how_to_save_them():
    how = 'File > Save As: "CSV UTF-8" in Excel'
    for name, what in (("saved-as-workbook.xlsx", "an Excel workbook (.xlsx)"),
                       ("saved-as-workbook.ods", "a LibreOffice spreadsheet (.ods)")):
        got = read_with_kith(os.path.join(SHEETS, name), "--sheet")
        assert what in got["error"] and how in got["error"] and got["line"] == 0, got
    cases = [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), 0, "Excel 97-2003 workbook (.xls)"),
        (b"name\nAnn\nB\x81b\n", 3, "not valid UTF-8 (byte 0x81), nor Windows-1252"),
        ("name\nZoë\n".encode() + b"Zo\xeb\n", 3, "though line 2 is: the file mixes two"),
        (b"\xff\xfe" + "name\n".encode("utf-16-le") + b"\x00\xdc", 0, "not valid UTF-16 text"),
    ]
    for data, line, why in cases:
        got = read_with_kith(write("no-csv.bin", data), "--sheet")
        assert "error" in got and why in got["error"] and got["line"] == line, (data[:20], got)
    # UTF-16 with no byte-order mark, seen by its zero bytes
    got = read_with_kith(write("bare16.csv", "name;age\nAnn;3\n".encode("utf-16-le")), "--sheet")
    assert got["rows"] == [["name", "age"], ["Ann", "3"]] and got["read_as"] == \
        "UTF-16 text separated by semicolons", got


def test_fuzzed_files_never_crash_the_reader():
    rng = random.Random(7)
    path = write("seed.csv", random_file(rng) + '"quoted, with ""quotes""\nand a break",x\n')
    r = subprocess.run([DRIVER, path, "--fuzz", "20000", "11"], capture_output=True,
                       text=True, env=ENV, timeout=300)
    assert r.returncode == 0 and "fuzzed" in r.stdout, r.stderr


def main():
    return run_suite("csv", globals(), SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
