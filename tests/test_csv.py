#!/usr/bin/python3
"""kith's CSV reader against Python's csv module: thousands of generated files (quotes,
commas and line breaks inside fields, CRLF or LF, a byte-order mark, empty fields, names in
many scripts) must read the same; hostile files must be refused with the right line; a fuzz
run feeds the reader mutated files for the sanitizers to watch.
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
SCRATCH = tempfile.mkdtemp(prefix="kith-test-csv-")
ENV = passed_on()
PIECES = ["a", "Zoë", "李伟", "ليلى", "আয়েশা", " ", ",", '"', "\n", "\r\n", "\r", "'", "=1+1",
          "\t", "x" * 40, "", "0", "-3", "@home", "Ólafur, Łukasz"]


def read_with_kith(path):
    r = subprocess.run([DRIVER, path], capture_output=True, text=True, env=ENV, timeout=60)
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
