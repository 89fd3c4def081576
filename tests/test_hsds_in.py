#!/usr/bin/python3
"""Open Referral (HSDS) import through the command line: a second import brings up to date what
the directory owns and keeps what kith owns; refusals name the file and line and exit 1; the
UK profile's phones through contacts; HSDS JSON (the specification's own service_full,
service_list and organization_full examples, tests/data/hsds/json). Usage: test_hsds_in.py
PATH-TO-KITH"""

import csv
import json
import os
import shutil
import sys

import test_cli as cli_suite
from suite import run as run_suite
from test_cli import SCRATCH, kith, ok
from test_data import as_cora, count, fresh

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "hsds")
EXAMPLE = os.path.join(DATA, "example")
SERVICE = "ac148810-d857-441c-9679-408f346de14b"  # the examples' one service


def package(name, edit=None):
    """A copy of the specification's example package; edit(tables) changes its rows, each
    table a list of dicts by file name (an empty list leaves the file with its header)."""
    out = os.path.join(SCRATCH, name)
    shutil.copytree(EXAMPLE, out)
    if edit:
        tables = {}
        for f in os.listdir(out):
            if f.endswith(".csv"):
                with open(os.path.join(out, f), newline="", encoding="utf-8") as fh:
                    tables[f] = list(csv.DictReader(fh))
        edit(tables)
        for f, rows in tables.items():
            with open(os.path.join(out, f), newline="", encoding="utf-8") as fh:
                header = next(csv.reader(fh))
            with open(os.path.join(out, f), "w", newline="", encoding="utf-8") as fh:
                w = csv.DictWriter(fh, header)
                w.writeheader()
                w.writerows(rows)
    return out


def asset(db, name="Community Counselling"):
    return ok(as_cora("asset", "show", name, "--json", db=db)).json()


def test_a_second_import_updates_the_directorys_fields_and_keeps_kiths():
    db = fresh("again.db")
    ok(as_cora("import", "hsds", package("first"), db=db))
    a = asset(db)
    assert a["category"] == "institution" and a["email"] == "email@example.com"
    # a coordinator files it as an association and gives it a neighbourhood and hours
    ok(as_cora("asset", "edit", a["id"][:8], "--category", "association", "--neighbourhood",
               "Northgate", "--opening-times", "Mon-Fri 9-5", db=db))

    def changed(t):
        t["services.csv"][0]["description"] = "Counselling, now on Saturdays too"
        t["services.csv"][0]["email"] = ""  # emptied by the directory, here and ...
        t["organizations.csv"][0]["email"] = ""  # ... where kith would fall back to
        t["contacts.csv"] = []  # the contact has left
        t["phones.csv"][0]["number"] = "+44 20 7946 0000"
    r = ok(as_cora("import", "hsds", package("second", changed), db=db))
    assert "0 added, 1 brought up to date" in r.out, r.out
    b = asset(db)
    assert b["id"] == a["id"]
    assert b["description"] == "Counselling, now on Saturdays too"
    assert b["email"] == "" and b["contact_name"] == "" and b["phone"] == "+44 20 7946 0000"
    assert b["category"] == "association"  # the coordinator's, not reset to institution
    assert b["neighbourhood"] == "Northgate" and b["opening_times"] == "Mon-Fri 9-5"
    # the same directory once more changes nothing: no history written for it
    saves = count(db, "SELECT count(*) FROM audit WHERE action = 'update'")
    ok(as_cora("import", "hsds", package("third", changed), db=db))
    assert count(db, "SELECT count(*) FROM audit WHERE action = 'update'") == saves
    assert asset(db)["updated_at"] == b["updated_at"]


def test_a_category_the_directory_names_is_taken():
    db = fresh("category.db")

    def ours(t):
        t["taxonomy_terms.csv"][0]["code"] = "association"
        t["attributes.csv"][0]["taxonomy_term_id"] = t["taxonomy_terms.csv"][0]["id"]
        t["attributes.csv"][0]["link_id"] = SERVICE
    ok(as_cora("import", "hsds", package("ours", ours), db=db))
    assert asset(db)["category"] == "association"


def test_refusals_name_the_file_and_line_and_exit_1():
    db = fresh("refusals.db")
    r = as_cora("import", "hsds", os.path.join(SCRATCH, "nowhere"), db=db)
    assert r.code == 1 and "cannot read" in r.err and "nowhere" in r.err, (r.code, r.err)
    empty = os.path.join(SCRATCH, "empty-package")
    os.mkdir(empty)
    r = as_cora("import", "hsds", empty, db=db)
    assert r.code == 1 and "has no services.csv" in r.err, (r.code, r.err)

    def twice(t):
        second = dict(t["services.csv"][0], name="Counselling again")
        t["services.csv"].append(second)
        t["services.csv"].append(dict(second, id="not-the-same", status="open all hours"))
    r = as_cora("import", "hsds", package("twice", twice), db=db)
    assert r.code == 1, (r.code, r.err)
    assert f'line 3, "services.csv": service id {SERVICE} is also on line 2' in r.err, r.err
    assert 'line 4, "services.csv": status "open all hours" is not one of HSDS\'s' in r.err
    assert "nothing was imported" in r.err
    assert count(db, "SELECT count(*) FROM asset") == 0

    v2 = package("version-2")
    with open(os.path.join(v2, "datapackage.json"), "w") as f:
        f.write('{\n  "name": "human_services_data",\n  "version": "2.0.1"\n}\n')
    r = as_cora("import", "hsds", v2, db=db)
    assert r.code == 1 and 'line 3, "datapackage.json": HSDS version 2.0.1: kith reads ' \
        "HSDS 3" in r.err, (r.code, r.err)
    assert count(db, "SELECT count(*) FROM asset") == 0
    api = os.path.join(SCRATCH, "version-2.json")
    with open(api, "w") as f:
        json.dump({"version": "2.0", "id": SERVICE, "name": "Old", "status": "active"}, f)
    r = as_cora("import", "hsds", api, db=db)
    assert r.code == 1 and "HSDS version 2.0: kith reads HSDS 3" in r.err, (r.code, r.err)


def test_an_hsds_profile_is_said():
    db = fresh("profile.db")
    uk = package("uk-profile")
    with open(os.path.join(uk, "datapackage.json"), "w") as f:
        json.dump({"name": "human_services_data", "version": "3.0",
                   "profile": "https://openreferraluk.org/profile"}, f)
    r = ok(as_cora("import", "hsds", uk, db=db))
    assert "the profile https://openreferraluk.org/profile read as HSDS 3: what only it has " \
        "is left out" in r.out, r.out
    assert "1 added" in r.out


def test_a_service_with_no_status_is_said_to_be_taken_as_active():
    db = fresh("no-status.db")

    def none(t):
        t["services.csv"][0]["status"] = ""
    r = ok(as_cora("import", "hsds", package("no-status", none), db=db))
    assert "no status (services.csv line 2): taken as active" in r.out, r.out
    assert asset(db)["status"] == "active"


def test_the_uk_profiles_phone_through_a_contact_is_kept():
    db = fresh("uk-phone.db")

    def through_contact(t):
        for p in t["phones.csv"]:
            p.update(service_id="", organization_id="", location_id="",
                     service_at_location_id="", number="01632 960 123")
    ok(as_cora("import", "hsds", package("uk", through_contact), db=db))
    assert asset(db)["phone"] == "01632 960 123"


def test_a_left_out_value_cites_the_file_and_line_it_came_from():
    db = fresh("left-out.db")

    def org_email(t):
        t["services.csv"][0]["email"] = ""
        t["organizations.csv"][0]["email"] = "not an address"
    r = ok(as_cora("import", "hsds", package("left-out", org_email), db=db))
    assert 'left out: "not an address" (organizations.csv line 2) left out' in r.out, r.out


def test_the_specifications_json_examples_import():
    db = fresh("json.db")
    full = os.path.join(DATA, "json", "service_full.json")
    r = ok(as_cora("import", "hsds", full, db=db))
    assert "service_full.json: 1 added" in r.out, r.out
    a = asset(db)
    assert a["hsds_id"] == SERVICE and a["contact_name"] == "Ann Persona"
    assert a["phone"] == "+44 1234 234567" and "1-30 Main Street" in a["address"]
    assert a["email"] == "email@example.com" and a["website"] == "http://example.com/counselling"
    # the same service in the other shapes, and the CSV package: one asset, brought up to date
    for f in ("service_list.json", "organization_full.json"):
        r = ok(as_cora("import", "hsds", os.path.join(DATA, "json", f), db=db))
        assert "0 added, 1 brought up to date" in r.out, (f, r.out)
    ok(as_cora("import", "hsds", EXAMPLE, db=db))
    # a page of services says nothing of phones or places: they stay
    b = asset(db)
    assert count(db, "SELECT count(*) FROM asset") == 1
    assert b["phone"] == a["phone"] and b["address"] == a["address"]


def test_json_takes_what_a_csv_package_takes():
    """A page of services that share an organisation and a term: each service takes the
    term's category (as the same data as a CSV package does), and the organisation is read
    once, not once per service."""
    db = fresh("json-page.db")
    with open(os.path.join(DATA, "json", "service_full.json")) as f:
        full = json.load(f)
    term = {"id": "t-space", "code": "space", "name": "A space", "taxonomy": "kith"}
    org = {"id": "o-1", "name": "Riverside Trust", "description": "A trust"}
    services = []
    for n in (1, 2):
        s = {k: full[k] for k in ("name", "description", "status")}
        s.update(id=f"s-{n}", name=f"Riverside Room {n}", organization=org,
                 attributes=[{"id": f"a-{n}", "taxonomy_term": term}])
        services.append(s)
    path = os.path.join(SCRATCH, "page.json")
    with open(path, "w") as f:
        json.dump({"total_items": 2, "contents": services}, f)
    r = ok(as_cora("import", "hsds", path, db=db))
    assert "2 added" in r.out, r.out
    for n in (1, 2):
        assert asset(db, f"Riverside Room {n}")["category"] == "space", n


def test_json_that_is_no_directory_is_refused_naming_the_line():
    db = fresh("bad-json.db")
    path = os.path.join(SCRATCH, "broken.json")
    with open(path, "w") as f:
        f.write('{\n  "id": "x",\n  "name": "A", oops\n}\n')
    r = as_cora("import", "hsds", path, db=db)
    assert r.code == 1 and 'line 3, "broken.json": not JSON' in r.err, (r.code, r.err)
    with open(path, "w") as f:
        f.write("[" * 100000 + "]" * 100000)
    r = as_cora("import", "hsds", path, db=db)
    assert r.code == 1 and "nested more than" in r.err, (r.code, r.err)
    with open(path, "w") as f:
        json.dump({"total_items": 0, "contents": []}, f)
    r = as_cora("import", "hsds", path, db=db)
    assert r.code == 1 and "no service" in r.err, (r.code, r.err)
    assert count(db, "SELECT count(*) FROM asset") == 0


def test_json_import_is_for_coordinators():
    db = fresh("json-roles.db")
    ok(as_cora("user", "add", "wes", "--role", "worker", "--new-password-fd", "0", db=db,
               input="copper fern window\n"))
    r = kith("import", "hsds", os.path.join(DATA, "json", "service_full.json"), db=db,
             login="wes", password="copper fern window")
    assert r.code == 1 and "importing in bulk needs a coordinator's account" in r.err, r.err
    r = kith("import", "hsds", os.path.join(DATA, "json", "service_full.json"), db=db)
    assert r.code != 0
    assert count(db, "SELECT count(*) FROM asset") == 0


def main():
    return run_suite("hsds-in", globals(), cli_suite.SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
