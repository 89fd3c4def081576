#!/usr/bin/python3
"""Data in and out through the command line: CSV import (all or nothing, line numbers,
spreadsheet headers, duplicates, the same file twice), CSV and JSON export and the round trip
back. Usage: test_data.py PATH-TO-KITH"""

import csv
import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import threading

import test_cli as cli_suite
from suite import run as run_suite
from test_cli import SCRATCH, kith, new_db, ok

PW = "river lantern oatmeal"


def fresh(name):
    db = new_db(name)
    ok(kith("user", "add", "cora", "--role", "admin", "--new-password-fd", "0", db=db,
            input=PW + "\n"))
    return db


def as_cora(*args, db, **kw):
    return kith(*args, db=db, login="cora", password=PW, **kw)


def write(name, text):
    path = os.path.join(SCRATCH, name)
    with open(path, "wb") as f:
        f.write(text.encode() if isinstance(text, str) else text)
    return path


def value(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


count = value


def test_spreadsheet_headers_uk_dates_and_a_byte_order_mark():
    db = fresh("headers.db")
    path = write("people.csv", "\ufeffFirst Name,Surname,Post code,DOB,Mobile,Shoe size\r\n"
                               "Amina,Yusuf,e16an,03/04/1980,07700 900123,6\r\n"
                               "Zoë,Clarke,E1 6AN,1975-01-01,,4\r\n")
    r = ok(as_cora("import", "people", path, db=db))
    assert "2 added" in r.out and "columns left out (no field of kith's): Shoe size" in r.out
    people = {p["given_name"]: p for p in ok(as_cora("person", "list", "--json",
                                                     db=db)).json()}
    assert people["Amina"]["postcode"] == "E1 6AN" and people["Amina"]["phone"] == "07700 900123"
    shown = ok(as_cora("person", "show", people["Amina"]["id"], "--json", db=db)).json()
    assert shown["birth_year"] == 1980 and people["Zoë"]["family_name"] == "Clarke"


def test_a_bad_file_names_every_bad_line_and_adds_nothing():
    db = fresh("bad.db")
    ok(as_cora("person", "add", "--given-name", "Already", db=db))
    path = write("bad.csv", "given_name,family_name,postcode,email\n"
                            "Good,One,E1 6AN,good@example.org\n"
                            "Bad,Postcode,XYZ,\n"
                            ",No given name,,\n"
                            "Ragged,Row\n"
                            "Bad,Email,,not-an-email\n")
    r = as_cora("import", "people", path, db=db)
    assert r.code == 1 and "nothing was imported: 4 lines were refused" in r.err
    for needle in ('line 3, "postcode": postcode:', 'line 4, "given_name": given name',
                   "line 5: 2 fields where the header has 4", 'line 6, "email": e-mail'):
        assert needle in r.err, (needle, r.err)
    assert count(db, "SELECT count(*) FROM person") == 1  # only the one already there
    # hostile bytes are refused with their line, not stored
    for data, line, why in [(b"given_name\nA\x00b\n", 2, "NUL"),
                            (b"given_name\n\x81\n", 2, "UTF-8"),
                            (b'given_name\n"open\n', 2, "never closed"),
                            (("given_name\n" + "x" * (10 * 1024 * 1024) + "\n").encode(), 2,
                             "longer than 64 KB")]:
        r = as_cora("import", "people", write("hostile.csv", data), db=db)
        assert r.code == 1 and f"line {line}: " in r.err and why in r.err, r.err
    assert count(db, "SELECT count(*) FROM person") == 1


def test_dry_runs_duplicates_and_the_same_file_twice():
    db = fresh("dups.db")
    ok(as_cora("person", "add", "--given-name", "Amina", "--family-name", "Yusuf",
               "--postcode", "E1 6AN", db=db))
    path = write("dups.csv", "Given name,Family name,Postcode,Year of birth\n"
                             "amina,YUSUF,E1 6AN,\n"
                             "Kemi,Adebayo,,1990\n"
                             "Kemi,Adebayo,,1990\n")
    r = ok(as_cora("import", "people", path, "--dry-run", db=db))
    assert "(dry run): 1 would be added" in r.out and "2 likely duplicates skipped (lines 2, 4)" \
        in r.out
    assert count(db, "SELECT count(*) FROM person") == 1
    ok(as_cora("import", "people", path, db=db))
    assert count(db, "SELECT count(*) FROM person") == 2
    r = as_cora("import", "people", path, db=db)
    # the day the audit trail says the file came in (the clock's, whatever KITH_TODAY says)
    day = value(db, "SELECT strftime('%d/%m/%Y', created_at) FROM audit WHERE action = "
                    "'import' ORDER BY seq LIMIT 1")
    assert r.code == 1 and f"this file was imported on {day}; give --again" in r.err
    r = ok(as_cora("import", "people", path, "--again", "--keep-duplicates", db=db))
    assert "3 added" in r.out and count(db, "SELECT count(*) FROM person") == 5
    trail = count(db, "SELECT count(*) FROM audit WHERE action = 'import' AND detail LIKE "
                      "'people from dups.csv, sha256 %'")
    assert trail == 2
    # one row records an import's records, who brought them in and when
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'import' AND detail LIKE "
                     "'%: 3 added, 3 duplicates kept'") == 1
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'create' AND entity = 'person'"
                 ) == 1  # the person added by hand
    assert count(db, "SELECT count(*) FROM person p JOIN worker w ON w.id = p.updated_by "
                     "WHERE w.username = 'cora'") == 5


def test_groups_memberships_and_referrals_come_in_by_name():
    db = fresh("links.db")
    ok(as_cora("import", "people", write("p.csv", "Name\nAmina Yusuf\nKemi Adebayo\n"), db=db))
    ok(as_cora("import", "assets", write("a.csv", "Organisation,Type,Website\n"
                                                  "Northgate Library,institution,"
                                                  "https://lib.example.org\n"), db=db))
    ok(as_cora("import", "groups", write("g.csv", "Group name,Description\nKnit and Natter,"
                                                  "Wednesdays\n"), db=db))
    ok(as_cora("import", "memberships", write("m.csv", "Group,Member,Role,Joined\n"
                                                       "Knit and Natter,Amina Yusuf,volunteer,"
                                                       "01/09/2026\n"), db=db))
    ok(as_cora("import", "referrals", write("r.csv", "Person,Referred from,Referred to,Date\n"
                                                     "Kemi Adebayo,Northgate Library,Knit and "
                                                     "Natter,15/10/2026\n"), db=db))
    members = ok(as_cora("group", "members", "knit and natter", "--json", db=db)).json()
    assert [(m["name"], m["role"], m["since"]) for m in members] == \
        [("Amina Yusuf", "volunteer", "2026-09-01")]
    refs = ok(as_cora("referral", "list", "--json", db=db)).json()
    assert [(r["person_name"], r["from_asset_name"], r["to_asset_name"], r["date"])
            for r in refs] == [("Kemi Adebayo", "Northgate Library", "Knit and Natter",
                                "2026-10-15")]
    r = as_cora("import", "referrals", write("r2.csv", "Person,From,To,Date\n"
                                                       "Kemi Adebayo,Nowhere Hall,Knit and "
                                                       "Natter,15/10/2026\n"), db=db)
    assert r.code == 1 and 'line 2, "From"' in r.err and "Nowhere Hall" in r.err


def test_export_then_import_gives_back_the_same_records():
    a, b = fresh("export-a.db"), fresh("export-b.db")
    names = [("李伟", "Wang"), ("ليلى", "Haddad"), ("Zoë", "Clarke"), ("আয়েশা", "Begum")]
    for given, family in names:
        ok(as_cora("person", "add", "--given-name", given, "--family-name", family,
                   "--what-matters", "Singing, \"loudly\"\nand gardening", "--notes", "=1+1",
                   db=a))
    out = os.path.join(SCRATCH, "people-export.csv")
    r = ok(as_cora("export", "people", "--format", "csv", "--out", out, db=a))
    assert "4 people" in r.err and stat.S_IMODE(os.stat(out).st_mode) == 0o600
    text = open(out, encoding="utf-8").read()
    assert "\"'=1+1\"" in text and "=1+1," not in text  # no spreadsheet runs it
    ok(as_cora("import", "people", out, db=b))
    fields = ("given_name", "family_name", "what_matters", "notes", "postcode")
    dump = lambda db: sorted(tuple(p[f] for f in fields)
                             for p in ok(as_cora("person", "list", "--json", db=db)).json())
    assert dump(a) == dump(b) and ("李伟", "Wang", "Singing, \"loudly\"\nand gardening",
                                   "=1+1", "") in dump(b)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4 and {r["given_name"] for r in rows} == {g for g, _ in names}
    js = json.loads(ok(as_cora("export", "people", "--format", "json", db=a)).out)
    assert len(js) == 4
    ok(kith("user", "add", "wes", "--role", "worker", "--new-password-fd", "0", db=a,
            login="cora", password=PW, input="copper fern window\n"))
    r = kith("export", "people", db=a, login="wes")
    assert r.code == 1 and "needs a coordinator's account" in r.err


def test_a_backup_taken_while_another_kith_writes_is_sound_and_restores():
    db = fresh("backup.db")
    for i in range(30):
        ok(as_cora("person", "add", "--given-name", f"Before{i}", db=db))
    stop = threading.Event()

    def writer():
        i = 0
        while not stop.is_set():
            ok(as_cora("person", "add", "--given-name", f"During{i}", db=db))
            i += 1
    t = threading.Thread(target=writer)
    t.start()
    try:
        made = [ok(as_cora("backup", db=db)).out.strip() for _ in range(3)]
    finally:
        stop.set()
        t.join()
    for path in made:
        assert os.path.dirname(path) == os.path.join(SCRATCH, "backups")
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    in_backup = count(made[0], "SELECT count(*) FROM person")
    assert in_backup >= 30 and count(db, "SELECT count(*) FROM person") > in_backup
    r = ok(as_cora("restore", made[0], db=db))
    kept = r.out.split("kept in ")[1].splitlines()[0].strip()
    assert count(db, "SELECT count(*) FROM person") == in_backup
    assert count(kept, "SELECT count(*) FROM person") > in_backup  # what was replaced
    # a damaged file is refused before anything is replaced
    bad = write("bad-backup.db", b"SQLite format 3\x00" + b"\x07" * 5000)
    r = as_cora("restore", bad, db=db)
    assert r.code != 0 and count(db, "SELECT count(*) FROM person") == in_backup
    # only the last backups_kept are kept
    ok(as_cora("setting", "set", "backups_kept", "2", db=db))
    ok(as_cora("backup", db=db))
    assert len([f for f in os.listdir(os.path.join(SCRATCH, "backups"))
                if f.startswith("backup-")]) == 2


# ---- Open Referral ----

HSDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "hsds")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


# HSDS 3.0 requires an address's city and state or province; kith records neither (its address
# is one line, and a UK address has no state), and writes nothing rather than a made-up value
UNKNOWN_TO_KITH = {("address", "city"), ("address", "state_province"), ("address", "address_1"),
                   ("address", "postal_code")}


def check_the_descriptor(ours, spec):
    """kith's datapackage.json is the specification's definition of the tables it writes:
    every field's type, format and constraints, the foreign keys among them, the licence."""
    definition = {r["name"]: r for r in spec["resources"]}
    present = {r["name"] for r in ours["resources"]}
    assert ours["profile"] == "tabular-data-package" and ours["license"] == spec["license"]
    for res in ours["resources"]:
        official = definition[res["name"]]["schema"]
        assert res["path"] == definition[res["name"]]["path"]
        assert res["schema"]["primaryKey"] == official["primaryKey"]
        assert res["schema"]["fields"] == [
            {k: f[k] for k in ("name", "type", "format", "constraints") if k in f}
            for f in official["fields"]], res["name"]
        assert res["schema"]["foreignKeys"] == [
            k for k in official.get("foreignKeys", [])
            if k["reference"]["resource"] in present], res["name"]
    keys = sum(len(r["schema"]["foreignKeys"]) for r in ours["resources"])
    assert keys == 21 and {"schedule", "accessibility", "service_area"} <= present, keys


FORMATS = {"uuid": UUID_RE, "email": re.compile(r"^[^@\s]+@[^@\s]+$"),
           "uri": re.compile(r"^https?://\S+$"), "date-time": re.compile(
               r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")}
DATES = {"date": re.compile(r"^\d{4}-\d\d-\d\d$"), "time": re.compile(r"^\d\d:\d\d(:\d\d)?")}


def check_against_the_json_schemas(tables):
    """Each row as the object the specification's JSON Schema (tests/data/hsds/schema, HSDS
    3.0) describes: only its properties, its required ones, their types, formats and enums."""
    for name, rows in tables.items():
        schema = json.load(open(os.path.join(HSDS, "schema", name + ".json"), encoding="utf-8"))
        props = schema["properties"]
        for row in rows:
            obj = {k: v for k, v in row.items() if v}
            assert set(obj) <= set(props), (name, set(obj) - set(props))
            assert set(schema.get("required", [])) <= set(obj) | {
                f for t, f in UNKNOWN_TO_KITH if t == name}, (name, obj)
            for k, v in obj.items():
                p = props[k]
                assert p["type"] in ("string", "number"), (name, k)
                if p["type"] == "number":
                    float(v)
                if p.get("format") in FORMATS:
                    assert FORMATS[p["format"]].match(v), (name, k, v)
                if p.get("datapackage_type") in DATES:
                    assert DATES[p["datapackage_type"]].match(v), (name, k, v)
                assert v in p.get("enum", [v]), (name, k, v)


def check_against_the_definition(package):
    """Every table kith wrote, as HSDS 3.0's package definition describes it: its columns,
    required values, formats, enumerations, unique values and the references between tables;
    and no value made up where kith knows none."""
    spec = json.load(open(os.path.join(HSDS, "datapackage.json")))
    ours = json.load(open(os.path.join(package, "datapackage.json")))
    check_the_descriptor(ours, spec)
    tables = {}
    for res in ours["resources"]:
        fields = res["schema"]["fields"]
        with open(os.path.join(package, res["path"]), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
            f.seek(0)
            header = next(csv.reader(f))
        assert header == [fd["name"] for fd in fields], res["name"]
        for row in rows:
            for fd in fields:
                v, c = row[fd["name"]], fd.get("constraints", {})
                assert v or not c.get("required") or (res["name"], fd["name"]) in \
                    UNKNOWN_TO_KITH, (res["name"], fd["name"], row)
                assert v not in ("-", "'"), (res["name"], fd["name"], row)
                if v and fd.get("format") == "uuid":
                    assert UUID_RE.match(v), (res["name"], fd["name"], v)
                if v and "enum" in c:
                    assert v in c["enum"], (res["name"], fd["name"], v)
                if v and fd.get("format") == "email":
                    assert "@" in v, v
        for fd in fields:
            if fd["constraints"].get("unique"):
                values = [row[fd["name"]] for row in rows if row[fd["name"]]]
                assert len(values) == len(set(values)), (res["name"], fd["name"])
        tables[res["name"]] = rows
    for name, rows in tables.items():
        for fk in next(r for r in ours["resources"] if r["name"] == name)["schema"]["foreignKeys"]:
            known = {r[fk["reference"]["fields"]] for r in tables[fk["reference"]["resource"]]}
            for row in rows:
                v = row[fk["fields"]]
                assert not v or v in known, (name, fk["fields"], v)
    check_against_the_json_schemas(tables)
    return tables


def test_the_package_definition_in_c_is_the_specifications():
    tool = os.path.join(os.path.dirname(HSDS), "..", "..", "tools", "hsds-tables")
    r = subprocess.run([sys.executable, tool, "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_open_referral_export_follows_the_package_definition_and_comes_back():
    db = new_db("hsds.db")
    ok(kith("demo", "--people", "40", "--assets", "30", "--referrals", "60", db=db))
    con = sqlite3.connect(db)
    con.execute("UPDATE asset SET confidential = 1, postcode = 'KV1 1AA' WHERE name = "
                "(SELECT name FROM asset WHERE category = 'association' ORDER BY name LIMIT 1)")
    con.commit()
    secret = con.execute("SELECT name FROM asset WHERE confidential = 1").fetchone()[0]
    individuals = [r[0] for r in con.execute("SELECT name FROM asset WHERE category = "
                                             "'individual'")]
    people = [r[0] + " " + r[1] for r in con.execute("SELECT given_name, family_name FROM "
                                                      "person WHERE family_name <> ''")]
    community = con.execute("SELECT count(*) FROM asset WHERE category <> 'individual' AND "
                            "deleted_at IS NULL").fetchone()[0]
    con.close()
    out = os.path.join(SCRATCH, "hsds-out")
    r = ok(kith("export", "hsds", out, db=db, login="cora"))
    assert f"package of {community} community assets" in r.out
    tables = check_against_the_definition(out)
    assert len(tables["service"]) == community and len(tables["taxonomy_term"]) >= 6
    assert secret not in {row["name"] for row in tables["location"]}  # confidential: no place
    everything = "".join(open(os.path.join(out, f), encoding="utf-8").read()
                         for f in os.listdir(out))
    assert not any(name in everything for name in individuals + people)
    # back in, into a database of its own: the same assets, and again: brought up to date
    back = fresh("hsds-back.db")
    r = ok(as_cora("import", "hsds", out, db=back))
    assert f": {community} added" in r.out and "brought up to date" not in r.out
    r = ok(as_cora("import", "hsds", out, db=back))
    assert f": 0 added, {community} brought up to date" in r.out
    names = {a["name"] for a in ok(as_cora("asset", "list", "--limit", "500", "--json",
                                           db=back)).json()}
    assert names == {row["name"] for row in tables["service"]}


def package_text(package):
    return "".join(open(os.path.join(package, f), encoding="utf-8").read()
                   for f in sorted(os.listdir(package)))


def package_rows(package, table):
    with open(os.path.join(package, table), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_open_referral_carries_values_as_they_are():
    # the spreadsheet guard (a ' before = + - @) is for files opened in a spreadsheet: HSDS
    # is read by programs, and kith's own import would drop a phone written '+44 ...
    db = fresh("hsds-as-is.db")
    ok(as_cora("asset", "add", "--name", "Sums Club", "--category", "association",
               "--phone", "+44 20 7946 0000", "--description", "=2+2 and other puzzles",
               db=db))
    out = os.path.join(SCRATCH, "hsds-as-is")
    ok(as_cora("export", "hsds", out, db=db))
    check_against_the_definition(out)
    assert package_rows(out, "phones.csv")[0]["number"] == "+44 20 7946 0000"
    assert package_rows(out, "services.csv")[0]["description"] == "=2+2 and other puzzles"
    assert "'" not in package_text(out)
    back = fresh("hsds-as-is-back.db")
    ok(as_cora("import", "hsds", out, db=back))
    club = ok(as_cora("asset", "show", "Sums Club", "--json", db=back)).json()
    assert club["phone"] == "+44 20 7946 0000"
    assert club["description"] == "=2+2 and other puzzles"


KEPT = ("name", "category", "description", "address", "postcode", "neighbourhood", "phone",
        "email", "website", "contact_name", "opening_times", "accessibility", "status",
        "last_verified")


def test_exported_assets_come_back_with_what_hsds_has_places_for():
    db = new_db("hsds-trip.db")
    ok(kith("demo", "--people", "20", "--assets", "40", "--referrals", "10", db=db))
    assets = [a for a in ok(kith("asset", "list", "--limit", "500", "--json", db=db,
                                 login="cora")).json() if a["category"] != "individual"]
    out = os.path.join(SCRATCH, "hsds-trip")
    ok(kith("export", "hsds", out, db=db, login="cora"))
    tables = check_against_the_definition(out)
    assert tables["schedule"] and tables["accessibility"] and tables["service_area"]
    back = fresh("hsds-trip-back.db")
    ok(as_cora("import", "hsds", out, db=back))
    again = {a["name"]: a for a in ok(as_cora("asset", "list", "--limit", "500", "--json",
                                              db=back)).json()}
    shown = [ok(kith("asset", "show", a["id"], "--json", db=db, login="cora")).json()
             for a in assets]
    open_ones = [a for a in shown if a["confidential"] in ("", "0", False, 0)]
    assert len(open_ones) > 30
    for a in open_ones:
        b = ok(as_cora("asset", "show", again[a["name"]]["id"], "--json", db=back)).json()
        assert {k: a[k] for k in KEPT} == {k: b[k] for k in KEPT}, a["name"]
    counted = sum(1 for a in open_ones if a["neighbourhood"] and a["opening_times"]
                  and a["accessibility"] and a["last_verified"])
    assert counted > 10  # the demo's assets have them, so the comparison above means something


def test_no_made_up_address_parts():
    db = fresh("hsds-unknowns.db")
    ok(as_cora("asset", "add", "--name", "Corner Plot", "--category", "space", "--postcode",
               "KV1 1AA", db=db))
    ok(as_cora("asset", "add", "--name", "Mill Hall", "--category", "space", "--address",
               "2 Mill Lane", "--neighbourhood", "Eastfield", db=db))
    out = os.path.join(SCRATCH, "hsds-unknowns")
    ok(as_cora("export", "hsds", out, db=db))
    tables = check_against_the_definition(out)
    addresses = sorted(tables["address"], key=lambda r: r["postal_code"])
    assert [(r["address_1"], r["city"], r["state_province"], r["postal_code"])
            for r in addresses] == [("2 Mill Lane", "", "", ""), ("", "", "", "KV1 1AA")]
    # the neighbourhood is the area the asset belongs to: the service's area, not its state
    assert [r["name"] for r in tables["service_area"]] == ["Eastfield"]


def test_a_confidential_asset_goes_out_with_no_way_to_its_door():
    db = fresh("hsds-refuge.db")
    ok(as_cora("asset", "add", "--name", "Harbour House", "--category", "institution",
               "--description", "Safe housing and support", "--confidential", "1",
               "--address", "9 Quay Row", "--postcode", "KV2 3DB", "--neighbourhood",
               "Quayside", "--contact_name", "Marta Lindqvist", "--email",
               "marta@harbour.example", "--phone", "01632 960123", "--accessibility",
               "Ramp at the side door", "--opening_times", "Always open", "--website",
               "https://harbour.example", db=db))
    out = os.path.join(SCRATCH, "hsds-refuge")
    ok(as_cora("export", "hsds", out, db=db))
    tables = check_against_the_definition(out)
    assert [r["name"] for r in tables["service"]] == ["Harbour House"]
    assert [r["description"] for r in tables["schedule"]] == ["Always open"]
    text = package_text(out)
    for secret in ("9 Quay Row", "KV2 3DB", "Quayside", "Marta", "marta@harbour.example",
                   "960123", "Ramp at the side door"):
        assert secret not in text, secret
    for table in ("location", "address", "accessibility", "service_area", "phone", "contact"):
        assert tables[table] == [], table


def test_the_specifications_example_imports():
    db = fresh("hsds-example.db")
    r = ok(as_cora("import", "hsds", os.path.join(HSDS, "example"), db=db))
    assert "example: 1 added" in r.out
    asset = ok(as_cora("asset", "show", "Community Counselling", "--json", db=db)).json()
    assert asset["hsds_id"] == "ac148810-d857-441c-9679-408f346de14b"
    assert asset["phone"] == "+44 1234 234567" and asset["contact_name"] == "Ann Persona"
    assert "ABC 1234" in asset["address"] and asset["postcode"] == ""  # not a UK postcode
    empty = os.path.join(SCRATCH, "empty-package")
    os.mkdir(empty)
    r = as_cora("import", "hsds", empty, db=db)
    assert r.code == 1 and "no services.csv" in r.err


def test_a_missing_input_is_refused_as_not_found_not_as_a_broken_database():
    db = fresh("missing-input.db")  # cora is its admin: she may restore
    for args, name in ((["import", "people"], "nowhere.csv"), (["import", "hsds"], "nowhere"),
                       (["restore"], "nowhere-backup.db")):
        r = as_cora(*args, os.path.join(SCRATCH, name), db=db)
        assert r.code == 1 and f"cannot read {os.path.join(SCRATCH, name)}" in r.err, \
            (args, r.code, r.err)
    r = as_cora("import", "hsds", write("not-a-directory", "x"), db=db)
    assert r.code == 1 and "not-a-directory is not a directory" in r.err


def test_importing_in_bulk_is_for_coordinators_and_admins():
    db = fresh("import-roles.db")
    for name, role, pw in (("wes", "worker", "copper fern window"),
                           ("coco", "coordinator", "amber kettle meadow")):
        ok(as_cora("user", "add", name, "--role", role, "--new-password-fd", "0", db=db,
                   input=pw + "\n"))
    path = write("by-role.csv", "First name,Surname\nOlumide,Quarshie\n")
    for args in (["import", "people", path], ["import", "hsds", os.path.join(HSDS, "example")]):
        r = kith(*args, db=db, login="wes")
        assert r.code == 1 and "importing in bulk needs a coordinator's account" in r.err, \
            (args, r.code, r.err)
    assert count(db, "SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM asset)") == 0
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'import'") == 0
    ok(kith("import", "people", path, db=db, login="coco", password="amber kettle meadow"))
    assert count(db, "SELECT count(*) FROM person WHERE family_name = 'Quarshie'") == 1


def main():
    return run_suite("data", globals(), cli_suite.SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
