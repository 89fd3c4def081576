#!/usr/bin/python3
"""The command line, driven as a script would: the real kith binary in a scratch directory,
with a fixed day, time zone and locale. Usage: test_cli.py PATH-TO-KITH"""

import hashlib
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import unicodedata

from suite import passed_on, run as run_suite

KITH = os.path.abspath(sys.argv[1])
SCRATCH = tempfile.mkdtemp(prefix="kith-test-cli-")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
BASE_ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": os.path.join(SCRATCH, "home"),
    "KITH_TODAY": "2026-11-22",
    "KITH_PASSWORD_COST": "min",
    "TZ": "UTC",
    "LANG": "C.UTF-8",
}
BASE_ENV.update(passed_on())


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)


# the demo's accounts, as README gives them
DEMO_PASSWORDS = {"ada": "quiet harbour lantern", "cora": "amber kettle meadow",
                  "wes": "copper fern window"}


def kith(*args, db=None, env=None, input=None, umask=None, user=None, login=None,
         password=None):
    """Runs kith; login names the account to log in as, its password coming through a pipe
    (--password-fd), as a script would give it."""
    full = [KITH] + (["--db", db] if db else []) + list(args)
    e = dict(BASE_ENV)
    e.update(env or {})
    fds = ()
    if login:
        r, w = os.pipe()
        os.write(w, ((password or DEMO_PASSWORDS[login]) + "\n").encode())
        os.close(w)
        full[1:1] = ["--user", login, "--password-fd", str(r)]
        fds = (r,)

    def pre():
        if umask is not None:
            os.umask(umask)
        if user is not None:
            os.setgid(user)
            os.setuid(user)

    try:
        proc = subprocess.run(full, capture_output=True, text=True, env=e, input=input,
                              preexec_fn=pre, timeout=60, pass_fds=fds)
    finally:
        for fd in fds:
            os.close(fd)
    return Result(proc)


def new_db(name):
    return os.path.join(SCRATCH, name)


def ok(r):
    assert r.code == 0, f"exit {r.code}: {r.err}"
    return r


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def width(text):
    w = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


# ---- help and usage ----

def test_help_version_and_usage():
    r = ok(kith("--help"))
    assert "person|asset|group|referral" in r.out and "--db PATH" in r.out
    assert re.match(r"kith \d+\.\d+\.\d+ \(schema \d+\)", ok(kith("--version")).out)
    assert kith().code == 2
    r = kith("frobnicate")
    assert r.code == 2 and "unknown command 'frobnicate'" in r.err
    assert kith("--bogus", "init").code == 2


def test_command_help_is_made_from_the_fields():
    r = ok(kith("person", "--help"))
    for flag in ("--given-name", "--family-name", "--postcode POSTCODE", "--consent-status",
                 "--what-matters", "(required)"):
        assert flag in r.out, flag
    assert "--consent-by" not in r.out  # set by kith, not typed
    r = ok(kith("referral", "add", "--help"))
    for flag in ("--person ID|NAME", "--from-asset", "--to-asset", "--kind", "--date DATE",
                 "follow_up", "due"):
        assert flag in r.out, flag
    assert "--category" not in ok(kith("group", "--help")).out


def test_options_are_checked_as_the_command_table_gives_them():
    db = new_db("table.db")
    ok(kith("init", db=db))
    cases = [
        (("graph", "report", "--bogus", "1"), "unknown option --bogus"),
        (("graph", "chain", "--force"), "unknown option --force"),  # export's, not chain's
        (("person", "list", "--json=yes"), "--json is a flag: it takes no value"),
        (("backup", "--out"), "--out needs a value"),
        (("export", "people", "--format", "xml"), "--format is csv or json"),
        (("graph", "export", "--format", "pdf"), "--format is graphml, gexf, dot, csv or edgelist"),
        (("init", "extra"), "unexpected 'extra'"),
        (("restore", "a", "b"), "unexpected 'b'"),
        (("person", "erase", "x"), "give --reason TEXT: why, in a few words"),
        (("person", "edit", "x"), "nothing to change: give --FIELD VALUE"),
        (("graph",), "graph has report, chain and export"),
        (("export", "frob"), "export has people, assets, groups, referrals, conversations, "
                             "activities, wellbeing, stories, tags, partnerships, funding, "
                             "readiness, memberships, attendance, gifts, asset-tags, story-people, "
                             "story-assets, story-activities, story-outcomes, partners, "
                             "readiness-answers and hsds"),
        (("import", "people"), "give the file to import"),
        (("user", "frob"), "unknown command 'user frob': user has add, list, disable, enable, "
                           "role, passwd and calibrate"),
    ]
    for args, words in cases:
        r = kith(*args, db=db)
        assert r.code == 2 and words in r.err, (args, r.code, r.err)
        assert f"(see kith {args[0]} --help)" in r.err, (args, r.err)
    r = kith("--db")
    assert r.code == 2 and "--db needs a value (see kith --help)" in r.err, r.err
    r = kith("--demo=yes", "path")
    assert r.code == 2 and "--demo is a flag" in r.err, r.err
    # which file was meant is not guessed
    r = kith("--demo", "path", db="/tmp/kith-never.db")
    assert r.code == 2 and "--db PATH or --demo, not both" in r.err and not r.out, r


def test_help_is_made_from_the_command_table():
    text = ok(kith("--help")).out
    for words in ("import people|assets|groups|memberships|referrals|conversations|activities|"
                  "wellbeing|tags|attendance|gifts|asset-tags|stories|story-people|"
                  "story-assets|story-activities|story-outcomes|partnerships|funding|"
                  "readiness|partners|readiness-answers\n",
                  "export people|assets|groups|referrals|conversations|activities|wellbeing|"
                  "stories|tags|partnerships|funding|readiness|memberships|attendance|gifts|"
                  "asset-tags|story-people|story-assets|story-activities|story-outcomes|"
                  "partners|readiness-answers\n",
                  "graph export [--format graphml|gexf|dot|csv|edgelist]", "--password-fd N",
                  "user add NAME [--role worker|coordinator|admin]"):
        assert words in text, words
    listed = text.split("commands:\n")[1].split("\n\n")[0].splitlines()
    commands = {line.split()[0] for line in listed if re.match(r"  [a-z]+( |$)", line)}
    assert {"init", "demo", "graph", "user", "audit", "export", "setting"} <= commands
    for command in commands:
        r = ok(kith(command, "--help"))
        assert r.out.startswith("usage: kith " + command), command
    graph = ok(kith("graph", "--help")).out
    for words in ("kith graph chain [--person ID]", "--format graphml|gexf|dot|csv|edgelist",
                  "--exact", "hops each way"):
        assert words in graph, words
    assert "kith person keep PERSON --reason TEXT" in ok(kith("person", "--help")).out


def test_login_options_may_follow_the_command():
    db = new_db("login-after.db")
    ok(kith("demo", "--people", "10", "--assets", "4", "--referrals", "5", db=db))
    r, w = os.pipe()
    os.write(w, (DEMO_PASSWORDS["cora"] + "\n").encode())
    os.close(w)
    try:
        got = kith_with_fd(r, "person", "list", "--user", "cora", "--json",
                           f"--password-fd={r}", db=db)
    finally:
        os.close(r)
    assert got.code == 0 and len(got.json()) == 10, got.err


# ---- where the database lives ----

def test_default_place_is_private_whatever_the_umask():
    data = os.path.join(SCRATCH, "xdg")
    r = ok(kith("init", env={"XDG_DATA_HOME": data}, umask=0))
    path = os.path.join(data, "kith", "kith.db")
    assert path in r.out
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
    assert ok(kith("path", env={"XDG_DATA_HOME": data})).out.strip() == path
    assert ok(kith("path", env={"KITH_DB": "/x/y.db"})).out.strip() == "/x/y.db"
    home = ok(kith("path")).out.strip()
    assert home == os.path.join(BASE_ENV["HOME"], ".local/share/kith/kith.db")
    demo = ok(kith("--demo", "path")).out.strip()
    assert demo == os.path.join(BASE_ENV["HOME"], ".local/share/kith/demo.db")


def test_unsafe_and_unusable_files_refused_and_left_alone():
    real = new_db("real.db")
    ok(kith("init", db=real))
    link = new_db("link.db")
    os.symlink(real, link)
    r = kith("person", "list", db=link)
    assert r.code == 3 and "symbolic link" in r.err

    newer = new_db("newer.db")
    ok(kith("init", db=newer))
    con = sqlite3.connect(newer)
    con.execute("PRAGMA user_version = 99")
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    before = sha(newer)
    r = kith("person", "list", db=newer)
    assert r.code == 3 and "newer kith" in r.err and r.err.count("\n") == 1
    assert sha(newer) == before

    other = new_db("other.db")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE ledger (amount)")
    con.commit()
    con.close()
    before = sha(other)
    r = kith("init", db=other)
    assert r.code == 3 and "not a kith one" in r.err and sha(other) == before

    junk = new_db("junk.db")
    with open(junk, "wb") as f:
        f.write(os.urandom(8192))
    before = sha(junk)
    r = kith("init", db=junk)
    assert r.code == 3 and "not a kith database" in r.err and sha(junk) == before


def test_locked_database_refused_clearly():
    path = new_db("locked.db")
    ok(kith("init", db=path))
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    r = kith("person", "add", "--given-name", "Amina", db=path)
    con.execute("ROLLBACK")
    con.close()
    assert r.code == 3 and "locked by another program" in r.err, r.err
    assert time.monotonic() - started < 15
    assert ok(kith("person", "list", "--json", db=path)).json() == []


def test_read_only_database_refused():
    if os.geteuid() != 0:
        return  # the test makes the file read-only for another user, which needs root
    place = os.path.join(SCRATCH, "ro")
    os.makedirs(place)
    os.chmod(place, 0o755)
    os.chmod(SCRATCH, 0o755)
    path = os.path.join(place, "kith.db")
    ok(kith("init", db=path))
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = DELETE")
    con.close()
    os.chmod(path, 0o644)
    before = sha(path)
    r = kith("person", "list", db=path, user=65534)
    assert r.code == 3 and "read-only" in r.err, (r.code, r.err)
    r = kith("init", db=os.path.join(place, "new.db"), user=65534)
    assert r.code == 3, r.err
    assert sha(path) == before


# ---- records ----

def test_person_add_show_list_edit_delete():
    db = new_db("people.db")
    r = ok(kith("person", "add", "--given-name", "Amina", "--family-name", "Yusuf",
                "--postcode", "e16an", "--phone", "07700 900123", "--what-matters",
                "My allotment", "--consent-status", "given", db=db))
    pid = r.out.strip()
    assert UUID.match(pid), pid
    shown = ok(kith("person", "show", pid, "--json", db=db)).json()
    assert shown["postcode"] == "E1 6AN" and shown["given_name"] == "Amina"
    assert shown["consent_date"] == "2026-11-22" and shown["consent_basis"] == "consent"
    for key in ("id", "family_name", "preferred_name", "pronouns", "birth_year", "email",
                "address", "neighbourhood", "languages", "notes", "review_date",
                "restricted", "created_at", "updated_at", "updated_by", "deleted_at"):
        assert key in shown, key
    assert shown["birth_year"] is None and shown["restricted"] is False
    text = ok(kith("person", "show", "amina", db=db)).out
    assert text.startswith("Amina Yusuf\n") and "E1 6AN" in text
    ok(kith("person", "edit", pid[:8], "--neighbourhood", "Northgate", "--phone", "", db=db))
    shown = ok(kith("person", "show", pid, "--json", db=db)).json()
    assert shown["neighbourhood"] == "Northgate" and shown["phone"] == ""
    listed = ok(kith("person", "list", "--json", db=db)).json()
    assert [p["id"] for p in listed] == [pid]
    ok(kith("person", "delete", pid, db=db))
    r = kith("person", "show", pid, db=db)
    # tombstones carry the clock's day (the tombstone's own stamp), not KITH_TODAY
    con = sqlite3.connect(db)
    stamped = con.execute("SELECT strftime('%d/%m/%Y', deleted_at) FROM person WHERE id = ?",
                          (pid,)).fetchone()[0]
    con.close()
    assert r.code == 1 and f"was deleted on {stamped}" in r.err
    assert ok(kith("person", "list", "--json", db=db)).json() == []
    r = kith("person", "delete", pid, db=db)
    assert r.code == 1


def test_refusals_name_the_field_and_write_nothing():
    db = new_db("refused.db")
    ok(kith("init", db=db))
    cases = [
        (["person", "add", "--family-name", "Yusuf"], "given name: required"),
        (["person", "add", "--given-name", "A", "--postcode", "XYZ"],
         "postcode: 'XYZ' is not a UK postcode"),
        (["person", "add", "--given-name", "A", "--email", "a@"], "e-mail:"),
        (["person", "add", "--given-name", "A", "--birth-year", "1850"], "year of birth:"),
        (["person", "add", "--given-name", "A", "--consent-status", "perhaps"], "consent:"),
        (["asset", "add", "--name", "Hall"], "category: required"),
        (["asset", "add", "--name", "Hall", "--category", "hall"], "category: 'hall'"),
        (["conversation", "add", "--person", "nobody", "--date", "today"],
         "person: no person matches 'nobody'"),
        (["activity", "add", "--name", "Walk", "--date", "31/02/2026"],
         "date: '31/02/2026' is not a real date"),
        (["person", "add", "--given-name", "A\u202eB"],
         "given name: contains an invisible character (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    ]
    for args, words in cases:
        r = kith(*args, db=db)
        assert r.code == 1, (args, r.code, r.err)
        assert words in r.err, (args, r.err)
        assert r.out == ""
    con = sqlite3.connect(db)
    assert con.execute("SELECT (SELECT count(*) FROM person) + (SELECT count(*) FROM asset) + "
                       "(SELECT count(*) FROM activity)").fetchone()[0] == 0
    con.close()
    r = kith("person", "add", "--shoe-size", "9", db=db)
    assert r.code == 2 and "no field --shoe-size" in r.err
    r = kith("referral", "add", "--status-date", "today", db=db)
    assert r.code == 2 and "kith sets it" in r.err
    r = kith("person", "add", "--given-name", db=db)
    assert r.code == 2 and "needs a value" in r.err
    r = kith("person", "edit", "nobody", "--phone", "1", db=db)
    assert r.code == 1 and "no person matches" in r.err


def test_messages_never_carry_control_characters():
    db = new_db("controls.db")
    r = kith("person", "add", "--given-name", "A", "--postcode", "\x1b[2J\x07", db=db)
    assert r.code == 1 and "\x1b" not in r.err and "\x07" not in r.err
    r = kith("person", "show", "\x1b]0;owned\x07", db=db)
    assert r.code == 1 and "\x1b" not in r.err


def test_referrals_by_name_and_their_status_rules():
    db = new_db("referrals.db")
    ok(kith("person", "add", "--given-name", "Zoë", "--family-name", "Clarke", db=db))
    ok(kith("asset", "add", "--name", "Northgate GP Surgery", "--category", "institution", db=db))
    ok(kith("group", "add", "--name", "Knit and Natter", "--neighbourhood", "Northgate", db=db))
    rid = ok(kith("referral", "add", "--person", "zoe clarke", "--from-asset",
                  "Northgate GP Surgery", "--to-asset", "knit and natter", "--kind", "signpost",
                  "--date", "yesterday", db=db)).out.strip()
    r = ok(kith("referral", "show", rid, "--json", db=db)).json()
    assert r["person_name"] == "Zoë Clarke" and r["to_asset_name"] == "Knit and Natter"
    assert r["date"] == "2026-11-21" and r["status"] == "made"
    assert r["follow_up_date"] == "2026-12-05" and r["kind"] == "signpost"
    ok(kith("referral", "edit", rid, "--status", "attended", db=db))
    # no move goes back, but with no accounts anyone may correct (test_status_corrections)
    ok(kith("referral", "edit", rid, "--status", "made", db=db))
    assert "correction: status attended → made" in ok(kith("audit", "--corrections", db=db)).out
    ok(kith("referral", "edit", rid, "--status", "closed", db=db))
    assert ok(kith("referral", "show", rid, "--json", db=db)).json()["status"] == "closed"
    listed = ok(kith("referral", "list", "--search", "knit", db=db)).out
    assert "Zoë Clarke" in listed and "Knit and Natter" in listed


def test_status_corrections():
    """A status no move leads to is a correction: a coordinator's to make, or the worker's who
    set the status; the audit lists it, for a coordinator."""
    db = new_db("corrections.db")
    ok(kith("demo", "--people", "20", "--assets", "8", "--referrals", "30", db=db))
    rows = ok(kith("referral", "list", "--json", db=db, login="cora")).json()
    done = [r["id"] for r in rows if r["status"] == "attended"]
    r = kith("referral", "edit", done[0], "--status", "contacted", db=db, login="wes")
    assert r.code == 1 and "a referral that is attended cannot become contacted" in r.err
    assert "a coordinator can correct it" in r.err
    ok(kith("referral", "edit", done[0], "--status", "contacted", db=db, login="cora"))
    # wes's own stray step, put right at once
    ok(kith("referral", "edit", done[0], "--status", "attended", db=db, login="wes"))
    ok(kith("referral", "edit", done[0], "--status", "contacted", db=db, login="wes"))
    shown = ok(kith("referral", "show", done[0], "--json", db=db, login="cora")).json()
    assert shown["status"] == "contacted"
    lines = ok(kith("audit", "--corrections", db=db, login="cora")).out.splitlines()
    assert len(lines) == 2 and all("correction: status attended → contacted" in l
                                   for l in lines)
    assert "Wes" in lines[0] and "Cora" in lines[1]
    r = kith("audit", "--corrections", db=db, login="wes")
    assert r.code == 1 and "coordinator" in r.err and "correction" not in r.out
    assert kith("audit", "--corrections", db=db).code != 0


def test_groups_members_tags_and_attendance():
    db = new_db("groups.db")
    amina = ok(kith("person", "add", "--given-name", "Amina", "--family-name", "Yusuf",
                    db=db)).out.strip()
    ok(kith("person", "add", "--given-name", "Kwame", "--family-name", "Mensah", db=db))
    gid = ok(kith("group", "add", "--name", "Men's Shed", db=db)).out.strip()
    assert ok(kith("asset", "show", gid, "--json", db=db)).json()["category"] == "association"
    ok(kith("group", "join", "men's shed", "amina", "--role", "organiser", db=db))
    ok(kith("group", "join", gid, "kwame mensah", db=db))
    r = kith("group", "join", gid, amina, db=db)
    assert r.code == 1 and "already a member" in r.err
    members = ok(kith("group", "members", gid, "--json", db=db)).json()
    assert [(m["name"], m["role"]) for m in members] == [("Kwame Mensah", "member"),
                                                          ("Amina Yusuf", "organiser")]
    assert members[0]["since"] == "2026-11-22"
    ok(kith("group", "leave", gid, "kwame", db=db))
    assert len(ok(kith("group", "members", gid, "--json", db=db)).json()) == 1
    ok(kith("person", "tag", amina, "gift_hands", "sewing", db=db))
    r = kith("person", "tag", amina, "gift_hands", "Sewing", db=db)
    assert r.code == 1
    ok(kith("activity", "add", "--name", "Northgate Walkabout", "--kind", "walkabout",
            "--date", "+7d", "--host-asset", "men's shed", db=db))
    ok(kith("activity", "attend", "northgate walkabout", "amina", db=db))
    act = ok(kith("activity", "list", "--json", db=db)).json()[0]
    assert act["date"] == "2026-11-29" and act["host_asset_name"] == "Men's Shed"


def test_a_likely_duplicate_is_refused_and_two_records_merged():
    db = new_db("twice.db")
    amina = ok(kith("person", "add", "--given-name", "Amina", "--family-name", "Yusuf",
                    "--postcode", "E1 6AN", db=db)).out.strip()
    r = kith("person", "add", "--given-name", "amina", "--family-name", "yusuf", "--postcode",
             "e16an", "--phone", "07700 900123", db=db)
    assert r.code == 1 and "likely already here: Amina Yusuf, E1 6AN" in r.err, r.err
    assert f"(id {amina[:8]})" in r.err and "--allow-duplicate" in r.err
    assert len(ok(kith("person", "list", "--json", db=db)).json()) == 1
    other = ok(kith("person", "add", "--given-name", "amina", "--family-name", "yusuf",
                    "--postcode", "e16an", "--phone", "07700 900123", "--allow-duplicate",
                    db=db)).out.strip()
    # the asset command knows no such flag: it is a person's
    r = kith("asset", "add", "--name", "Hall", "--category", "institution",
             "--allow-duplicate", db=db)
    assert r.code == 2
    gid = ok(kith("group", "add", "--name", "Knit and Natter", db=db)).out.strip()
    ok(kith("group", "join", gid, other, "--role", "organiser", db=db))
    r = ok(kith("person", "merge", amina, other, db=db))
    assert r.out == "merged: 1 record moved to the one kept\n", r.out
    members = ok(kith("group", "members", gid, "--json", db=db)).json()
    assert [(m["person_id"], m["role"]) for m in members] == [
        (amina, "organiser")], members
    assert ok(kith("person", "show", amina, "--json", db=db)).json()["phone"] == "07700 900123"
    r = kith("person", "show", other, db=db)
    assert r.code == 1 and f"was merged into {amina}" in r.err, r.err
    assert [p["id"] for p in ok(kith("person", "list", "--json", db=db)).json()] == [amina]
    r = kith("person", "merge", amina, amina, db=db)
    assert r.code == 1 and "the same record" in r.err


def test_joining_again_in_another_role_changes_it():
    db = new_db("roles.db")
    ok(kith("person", "add", "--given-name", "Amina", "--family-name", "Yusuf", db=db))
    gid = ok(kith("group", "add", "--name", "Men's Shed", db=db)).out.strip()
    ok(kith("group", "join", gid, "amina", "--since", "01/09/2026", db=db))
    for role in ("volunteer", "champion"):
        ok(kith("group", "join", gid, "amina", "--role", role, db=db))
        members = ok(kith("group", "members", gid, "--json", db=db)).json()
        assert [(m["role"], m["since"]) for m in members] == [(role, "2026-09-01")], members
    r = kith("group", "join", gid, "amina", "--role", "champion", db=db)
    assert r.code == 1 and "already a member of that group, as champion" in r.err, r.err


def test_gifts_corrected_removed_filtered_and_matched():
    db = new_db("gifts.db")
    amina = ok(kith("person", "add", "--given-name", "Amina", "--neighbourhood", "Northgate",
                    "--what-matters", "Walking with others", db=db)).out.strip()
    ok(kith("person", "tag", amina, "gift_hands", "Sewng", db=db))
    ok(kith("person", "retag", amina, "sewng", "Sewing", db=db))
    ok(kith("person", "tag", amina, "passion", "Singing", db=db))
    ok(kith("person", "untag", amina, "singing", db=db))
    r = kith("person", "untag", amina, "singing", db=db)
    assert r.code == 1 and "tag: 'singing' is not one of their gifts" in r.err, r.err
    assert [p["id"] for p in ok(kith("person", "list", "--search", "sewing", "--json",
                                     db=db)).json()] == [amina]
    assert len(ok(kith("person", "list", "--filter", "gift=SEWING", "--json", db=db)).json()) == 1
    r = kith("person", "list", "--filter", "gift", db=db)
    assert r.code == 2 and "needs a value" in r.err, r.err
    for name, where, tag in (("Stitch Club", "Eastfield", "sewing"),
                             ("Repair Cafe", "Northgate", "Sewing"),
                             ("Ramblers", "Northgate", None)):
        a = ok(kith("asset", "add", "--name", name, "--category", "association",
                    "--neighbourhood", where, "--description",
                    "walks" if tag is None else "", db=db)).out.strip()
        if tag:
            ok(kith("asset", "tag", a, "topic", tag, db=db))
    out = ok(kith("person", "match", "amina", db=db)).out
    assert out.splitlines()[0] == " 1. Repair Cafe (association, Northgate)", out
    assert "shares Sewing; in Northgate; never verified" in out
    assert out.index("Ramblers") < out.index("Stitch Club")
    got = ok(kith("person", "match", amina, "--limit", "1", "--json", db=db)).json()
    assert [m["name"] for m in got] == ["Repair Cafe"] and got[0]["near"] and got[0]["fit"] == 3


def test_lists_search_sort_filter_and_limit():
    db = new_db("lists.db")
    for given, family, nb in [("Sarah", "Clarke", "Northgate"), ("Sarwar", "Khan", "Riverside"),
                              ("Rosa", "Diaz", "Riverside"), ("Zoë", "Evans", "Northgate")]:
        ok(kith("person", "add", "--given-name", given, "--family-name", family,
                "--neighbourhood", nb, db=db))
    names = lambda r: [p["given_name"] for p in r.json()]
    assert names(ok(kith("person", "list", "--json", db=db))) == ["Sarah", "Rosa", "Zoë",
                                                                  "Sarwar"]
    assert names(ok(kith("person", "list", "--json", "--sort", "given", db=db)))[0] == "Rosa"
    assert sorted(names(ok(kith("person", "list", "--search", "sar", "--json", db=db)))) == \
        ["Sarah", "Sarwar"]
    assert names(ok(kith("person", "list", "--search", "zoe", "--json", db=db))) == ["Zoë"]
    assert names(ok(kith("person", "list", "--neighbourhood", "riverside", "--json",
                         db=db))) == ["Rosa", "Sarwar"]
    assert len(ok(kith("person", "list", "--limit", "2", "--json", db=db)).json()) == 2
    r = kith("person", "list", "--sort", "shoe", db=db)
    assert r.code == 2 and "no sort order 'shoe'" in r.err
    r = kith("person", "list", "--filter", "nope", db=db)
    assert r.code == 2
    text = ok(kith("person", "list", db=db)).out.splitlines()
    assert text[0].startswith("ID") and len(text) == 5


def test_list_columns_line_up_in_any_script():
    db = new_db("scripts.db")
    for given in ["李伟", "ليلى", "Zoe\u0308", "Amina", "Ólafur", "আয়েশা"]:
        ok(kith("person", "add", "--given-name", given, "--family-name", "Test",
                "--phone", "07700 900123", db=db))
    lines = ok(kith("person", "list", db=db)).out.splitlines()
    ends = {width(line[:line.index("07700")]) for line in lines[1:]}
    assert len(ends) == 1, (ends, lines)


def test_json_escapes_what_it_must():
    db = new_db("json.db")
    ok(kith("person", "add", "--given-name", 'Tricky "Q" \\ Name', "--notes",
            "line one\nline two\ttabbed", db=db))
    p = ok(kith("person", "list", "--json", db=db)).json()[0]
    assert p["given_name"] == 'Tricky "Q" \\ Name'
    assert p["notes"] == "line one\nline two\ttabbed"


# ---- the demo ----

def test_demo_is_repeatable_and_never_mixed_with_real_data():
    a, b = new_db("demo-a.db"), new_db("demo-b.db")
    r = ok(kith("demo", "--seed", "4", db=a))
    assert "300 people, 60 assets" in r.out and "900 referrals" in r.out
    ok(kith("demo", "--seed", "4", db=b))
    dump = lambda db: [ok(kith(e, "list", "--json", db=db, login="cora")).out
                       for e in ("person", "asset", "referral", "conversation")]
    assert dump(a) == dump(b)
    r = kith("demo", db=a)
    assert r.code == 1 and "already holds records" in r.err
    r = kith("demo", "--people", "lots", db=new_db("demo-c.db"))
    assert r.code == 2
    ok(kith("demo", "--people", "20", "--assets", "8", "--referrals", "30",
            db=new_db("demo-d.db")))
    assert len(ok(kith("person", "list", "--json", db=new_db("demo-d.db"),
                       login="wes")).json()) == 20
    ok(kith("check", db=a, login="ada"))


def test_targets_set_by_a_coordinator():
    db = new_db("targets.db")
    ok(kith("demo", "--people", "20", "--assets", "8", "--referrals", "30", db=db))
    ok(kith("target", "set", "conversations", "60", "--worker", "wes", db=db, login="cora"))
    ok(kith("target", "set", "referrals", "450", "--per", "year", db=db, login="cora"))
    ok(kith("target", "set", "conversations", "65", "--worker", "wes", db=db, login="cora"))
    rows = lambda: sqlite3.connect(db).execute(
        "SELECT t.measure, coalesce(w.username, ''), t.amount, t.period FROM target t LEFT "
        "JOIN worker w ON w.id = t.worker_id WHERE t.deleted_at IS NULL AND (w.username = "
        "'wes' OR t.measure = 'referrals')").fetchall()
    # wes's changed, not added twice; the programme's referrals replace the demo's 500 a year
    assert sorted(rows()) == [("conversations", "wes", 65, "month"),
                              ("referrals", "", 450, "year")], rows()
    r = kith("target", "set", "conversations", "lots", db=db, login="cora")
    assert r.code == 1 and "amount" in r.err, r.err
    r = kith("target", "set", "cakes", "5", db=db, login="cora")
    assert r.code == 1 and "measure: 'cakes' is not conversations" in r.err, r.err
    r = kith("target", "set", "referrals", "5", "--per", "fortnight", db=db, login="cora")
    assert r.code == 1 and "period" in r.err, r.err
    r = kith("target", "set", "referrals", "5", "--worker", "nobody", db=db, login="cora")
    assert r.code == 1 and "worker" in r.err, r.err
    r = kith("target", "set", "referrals", "5", db=db, login="wes")
    assert r.code != 0 and "setting targets needs a coordinator's account" in r.err, r.err
    r = kith("target", "set", "referrals", "5", db=db)
    assert r.code != 0 and "give --user" in r.err, r.err
    assert sorted(rows()) == [("conversations", "wes", 65, "month"),
                              ("referrals", "", 450, "year")]


def test_programme_report_counts_what_was_recorded():
    db = new_db("programme.db")
    ok(kith("demo", db=db))
    period = ("--from", "2026-01-01", "--to", "2026-06-30")
    fig = ok(kith("report", "programme", "--format", "json", *period, db=db,
                  login="cora")).json()["figures"]
    con = sqlite3.connect(db)
    one = lambda sql: con.execute(sql, ("2026-01-01", "2026-06-30")).fetchone()[0]
    assert fig["outputs.conversations"] == one(
        "SELECT count(*) FROM conversation WHERE deleted_at IS NULL AND date BETWEEN ? AND ?")
    assert fig["outputs.referrals"] == one(
        "SELECT count(*) FROM referral WHERE deleted_at IS NULL AND date BETWEEN ? AND ?")
    assert fig["outputs.multi_agency_meetings"] == one(
        "SELECT count(*) FROM activity WHERE deleted_at IS NULL AND kind = "
        "'multi_agency_meeting' AND date BETWEEN ? AND ?")
    assert fig["counts.residents_reached"] == one(
        "SELECT count(*) FROM (SELECT person_id FROM conversation WHERE deleted_at IS NULL AND "
        "date BETWEEN ?1 AND ?2 UNION SELECT person_id FROM referral WHERE deleted_at IS NULL "
        "AND date BETWEEN ?1 AND ?2 UNION SELECT person_id FROM wellbeing WHERE deleted_at IS "
        "NULL AND date BETWEEN ?1 AND ?2 UNION SELECT t.person_id FROM attendance t JOIN "
        "activity a ON a.id = t.activity_id WHERE t.deleted_at IS NULL AND a.deleted_at IS NULL "
        "AND a.date BETWEEN ?1 AND ?2)")
    assert fig["outputs.conversations"] > 0 and fig["counts.residents_reached"] > 0
    # a worker reads their own outputs, not the programme's
    mine = ok(kith("report", "programme", "--format", "json", *period, db=db,
                   login="wes")).json()
    assert "Wes Achterberg" in mine["subtitle"] and "counts.funding" not in mine["figures"]
    r = kith("report", "programme", db=db)
    assert r.code != 0 and "give --user" in r.err, r.err


# ---- the network ----

def test_graph_report_chain_and_export():
    db = new_db("graph.db")
    ok(kith("demo", "--seed", "3", db=db))
    text = ok(kith("graph", "report", db=db, login="cora")).out
    assert text.startswith("Referral network, 23/11/2025 to 22/11/2026")
    for words in ("this period", "23/11/2024 to 22/11/2025", "reciprocity", "modularity",
                  "Hubs:", "Brokers:", "Single points of failure", "Isolated assets",
                  "Communities (Louvain)", "Community Connector Team"):
        assert words in text, words
    report = r = ok(kith("graph", "report", "--json", db=db, login="cora")).json()
    f = r["figures"]
    assert f["assets"] == 60 and f["assets_with_flow"] + f["isolated"] == 60
    assert f["betweenness_exact"] and f["distances_exact"]  # small enough: exact
    assert r["previous"]["since"] == "2024-11-23" and len(r["assets"]) == 60
    team = [a for a in r["assets"] if a["name"] == "Community Connector Team"][0]
    assert team["out_referrals"] > 50 and team["betweenness"] > 0
    narrow = ok(kith("graph", "report", "--json", "--category", "institution",
                     "--since", "01/01/2026", db=db, login="cora")).json()
    assert narrow["since"] == "2026-01-01"
    assert {a["category"] for a in narrow["assets"]} == {"institution"}
    r = kith("graph", "report", "--since", "31/02/2026", db=db, login="cora")
    assert r.code == 2 and "31/02/2026" in r.err

    person = ok(kith("referral", "list", "--json", "--limit", "1", db=db, login="cora")).json()[0]
    journey = ok(kith("graph", "chain", "--person", person["person_id"], db=db, login="cora")).out
    assert journey.startswith("The journey of " + person["person_name"])
    assert person["to_asset_name"] in journey
    steps = ok(kith("graph", "chain", "--person", person["person_id"], "--json", db=db, login="cora")).json()
    assert [s["date"] for s in steps] == sorted(s["date"] for s in steps)
    through = ok(kith("graph", "chain", "--asset", "community connector team", "--json",
                      "--depth", "2", db=db, login="cora")).json()
    assert through["people"] > 10 and through["after"]
    assert all(b["depth"] <= 2 for b in through["after"] + through["before"])
    firsts = [b for b in through["after"] if b["depth"] == 1]
    assert sum(b["people"] for b in firsts) >= max(b["people"] for b in firsts)
    assert kith("graph", "chain", db=db, login="cora").code == 2

    out = os.path.join(SCRATCH, "net.graphml")
    ok(kith("graph", "export", "--format", "graphml", "--out", out, db=db, login="cora"))
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    import xml.etree.ElementTree as ET
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(out).getroot()
    assert len(root.findall(".//g:node", ns)) == 60
    assert len(root.findall(".//g:edge", ns)) == report["figures"]["edges"]
    dot = ok(kith("graph", "export", "--format", "dot", db=db, login="cora")).out
    assert dot.startswith("digraph kith {") and " -> " in dot
    csv_text = ok(kith("graph", "export", "--format", "csv", db=db, login="cora")).out
    assert csv_text.startswith("source,target,referrals,")
    edges = ok(kith("graph", "export", "--format", "edgelist", db=db, login="cora")).out
    assert edges.startswith("n 60\n") and "\ne " in edges
    assert kith("graph", "export", "--format", "pdf", db=db, login="cora").code == 2


def test_graph_export_is_written_whole_and_private():
    db = new_db("graph-file.db")
    ok(kith("demo", "--people", "20", "--assets", "6", "--referrals", "20", db=db))
    out = os.path.join(SCRATCH, "net.dot")
    ok(kith("graph", "export", "--format", "dot", "--out", out, db=db, login="cora", umask=0))
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert open(out).read().startswith("digraph kith {")
    assert any(row["action"] == "export" and row["entity"] == "network" and row["detail"] == "dot"
               for row in ok(kith("audit", "--json", db=db, login="cora")).json())
    missing = os.path.join(SCRATCH, "no-such-folder", "net.graphml")
    r = kith("graph", "export", "--out", missing, db=db, login="cora")
    assert r.code == 1 and missing in r.err, r.err
    r = kith("graph", "export", "--format", "csv", "--out", out, db=db, login="cora")
    assert r.code == 1 and "already exists" in r.err and "--force" in r.err
    assert open(out).read().startswith("digraph kith {")
    assert not [f for f in os.listdir(SCRATCH) if ".tmp-" in f]


# ---- accounts ----

PW = "river lantern oatmeal"


def test_accounts_logins_and_the_audit_from_the_command_line():
    db = new_db("accounts.db")
    r = kith("user", "add", "ada", "--role", "worker", "--new-password-fd", "0", db=db,
             input=PW + "\n")
    assert r.code == 1 and "first account must be an admin" in r.err
    r = kith("user", "add", "ada", "--role", "admin", "--new-password-fd", "0", db=db,
             input="password1234\n")
    assert r.code == 1 and "password: too easy to guess" in r.err
    assert UUID.match(ok(kith("user", "add", "ada", "--role", "admin", "--name", "Ada Okafor",
                              "--new-password-fd", "0", db=db, input=PW + "\n")).out.strip())
    # from now on nothing personal without a login
    r = kith("person", "list", db=db)
    assert r.code == 1 and "give --user NAME" in r.err
    r = kith("person", "list", db=db, login="ada", password="not the password at all")
    assert r.code == 1 and "wrong name or password" in r.err
    ok(kith("person", "add", "--given-name", "Amina", db=db, login="ada", password=PW))
    ok(kith("user", "add", "wes", "--role", "worker", "--new-password-fd", "0", db=db,
            login="ada", password=PW, input="copper fern window\n"))
    # a worker reaches people, not accounts or the audit
    assert "Amina" in ok(kith("person", "list", db=db, login="wes")).out
    r = kith("user", "list", db=db, login="wes")
    assert r.code == 1 and "needs an admin's account" in r.err
    r = kith("audit", db=db, login="wes")
    assert r.code == 1 and "needs a coordinator's account" in r.err
    listed = ok(kith("user", "list", "--json", db=db, login="ada", password=PW)).json()
    assert [(u["username"], u["role"]) for u in listed] == [("ada", "admin"), ("wes", "worker")]
    trail = ok(kith("audit", "--json", db=db, login="ada", password=PW)).json()
    actions = [row["action"] for row in trail]
    assert "login_failed" in actions and "login" in actions and "create" in actions
    # which fields changed, never their values (the person is named: whom a row concerns)
    assert not any(PW in json.dumps(row) for row in trail)
    assert not any("Amina" in row["fields"] + row["detail"] for row in trail)
    assert any(row["action"] == "create" and row["fields"].startswith("given_name")
               for row in trail)
    by_wes = ok(kith("audit", "--worker", "wes", "--json", db=db, login="ada",
                     password=PW)).json()
    assert by_wes and all(row["worker_id"] == by_wes[0]["worker_id"] for row in by_wes)
    # the last admin stays; a disabled account cannot log in
    r = kith("user", "role", "ada", "worker", db=db, login="ada", password=PW)
    assert r.code == 1 and "last admin" in r.err
    ok(kith("user", "disable", "wes", db=db, login="ada", password=PW))
    assert kith("person", "list", db=db, login="wes").code == 1
    # settings: admins only, within bounds
    r = kith("setting", "set", "lock_minutes", "20", db=db, login="ada", password=PW)
    assert r.code == 1 and "lock_minutes" in r.err
    ok(kith("setting", "set", "retention_months", "36", db=db, login="ada", password=PW))
    assert "36" in ok(kith("setting", "list", db=db, login="ada", password=PW)).out
    # the chain shows a row changed behind kith's back
    assert "rows are as kith wrote them" in ok(kith("audit", "verify", db=db, login="ada",
                                                    password=PW)).out
    con = sqlite3.connect(db)
    con.executescript("DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'nothing' "
                      "WHERE seq = 3;")
    con.close()
    r = kith("audit", "verify", db=db, login="ada", password=PW)
    assert r.code == 3 and "changed outside kith at row 3" in r.err  # damaged: 3


def test_setting_list_names_the_venue_in_aligned_columns():
    db = new_db("settings-venue.db")
    ok(kith("demo", "--people", "20", "--assets", "8", "--referrals", "30", db=db))
    asset = ok(kith("asset", "list", "--json", db=db, login="cora")).json()[0]
    # by its name, as :venue takes it; a name that is no asset is refused, naming it
    ok(kith("setting", "set", "venue", asset["name"], db=db, login="cora"))
    r = kith("setting", "set", "venue", "nowhere at all", db=db, login="cora")
    assert r.code == 1 and "nowhere at all" in r.err, r.err
    lines = ok(kith("setting", "list", db=db, login="cora")).out.splitlines()
    venue = [line for line in lines if line.startswith("venue ")]
    assert venue and asset["name"] in venue[0] and asset["id"] not in venue[0], lines
    # each column starts where it starts on every other line
    value_at = {line.index(line.split()[1]) for line in lines}
    what_at = set()
    for line in lines:
        key = line.split()[0]
        value = asset["name"] if key == "venue" else line.split()[1]
        rest = line[line.index(value) + len(value):]
        what_at.add(width(line[:line.index(value) + len(value)]) + len(rest) - len(rest.lstrip()))
    assert len(value_at) == 1 and len(what_at) == 1, lines


def test_demo_accounts_are_the_ones_readme_gives():
    db = new_db("demo-accounts.db")
    ok(kith("demo", "--people", "20", "--assets", "8", "--referrals", "30", db=db))
    roles = {u["username"]: u["role"]
             for u in ok(kith("user", "list", "--json", db=db, login="ada")).json()}
    assert roles == {"ada": "admin", "cora": "coordinator", "wes": "worker"}
    readme = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                               "README.md")).read()
    for name, pw in DEMO_PASSWORDS.items():
        assert f"`{name}`" in readme and f"`{pw}`" in readme
        ok(kith("asset", "list", "--limit", "1", db=db, login=name))


def test_readme_lists_every_key_the_key_table_binds():
    keys = ok(kith("keys")).out
    # every keymap with keys has a heading, and every screen's digit is there
    assert "(a keymap without a title)" not in keys
    for word in ("People", "Network", "In a form", "`1`", "`Ctrl-S`", "`?`"):
        assert word in keys, word
    readme = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                               "README.md")).read()
    begin, end = "<!-- kith keys: begin -->\n", "<!-- kith keys: end -->"
    block = readme[readme.index(begin) + len(begin):readme.index(end)]
    assert block.strip("\n") == keys.strip("\n"), \
        "README's key reference is not the key table's: run tools/readme-keys"


def test_review_keep_erase_and_subject_access_from_the_command_line():
    db = new_db("rights.db")
    ok(kith("demo", "--people", "40", "--assets", "10", "--referrals", "60", db=db))
    pid = ok(kith("person", "add", "--given-name", "Ines", "--family-name", "Quarrington",
                  "--what-matters", "Singing in a choir", db=db, login="wes")).out.strip()
    ok(kith("conversation", "add", "--person", pid, "--hopes", "A Quarrington choir near home",
            db=db, login="wes"))
    out = os.path.join(SCRATCH, "ines.json")
    r = kith("person", "export", pid, "--out", out, db=db, login="wes")
    assert r.code == 1 and "needs a coordinator's account" in r.err
    ok(kith("person", "export", pid, "--out", out, db=db, login="cora"))
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(out + ".txt").st_mode) == 0o600
    held = json.load(open(out))
    assert held["person"]["what_matters"] == "Singing in a choir"
    assert held["conversations"][0]["hopes"] == "A Quarrington choir near home"
    assert any(row["action"] == "view" or row["action"] == "create" for row in held["audit"])
    assert "Everything kith holds about Ines Quarrington" in open(out + ".txt").read()
    r = kith("person", "keep", pid, db=db, login="cora")
    assert r.code == 2 and "--reason" in r.err
    ok(kith("person", "keep", pid, "--reason", "still coming to the choir", "--until",
            "22/11/2028", db=db, login="cora"))
    assert ok(kith("person", "show", pid, "--json", db=db, login="cora")).json()[
        "review_date"] == "2028-11-22"
    due = ok(kith("person", "list", "--filter", "review", "--json", db=db, login="cora")).json()
    assert all(p["review_date"] <= "2026-11-22" for p in due)
    ok(kith("person", "erase", pid, "--reason", "asked to be forgotten", db=db, login="cora"))
    r = kith("person", "show", pid, db=db, login="cora")
    assert r.code == 1 and "deleted" in r.err
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM conversation WHERE hopes LIKE '%Quarrington%'"
                       ).fetchone()[0] == 0
    con.close()


# ---- files and descriptors named on the command line ----

def count_rows(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def kith_with_fd(fd, *args, db):
    """Runs kith with one descriptor of the caller's passed on as it is."""
    return Result(subprocess.run([KITH, "--db", db] + list(args), capture_output=True,
                                 text=True, env=BASE_ENV, timeout=60, pass_fds=(fd,)))


def test_a_password_descriptor_must_be_open_readable_and_not_the_database():
    db = new_db("password-fd.db")
    ok(kith("demo", "--people", "10", "--assets", "4", "--referrals", "10", db=db))
    failed = "SELECT count(*) FROM audit WHERE action = 'login_failed'"
    # closed: sqlite's open would be handed descriptor 3, and the password read from the
    # database file itself (run without a preloaded library, faketime's, which would hold
    # the low descriptors itself)
    for fd in ("3", "7", "63"):
        r = kith("--user", "cora", "--password-fd", fd, "person", "list", db=db,
                 env={"LD_PRELOAD": ""})
        assert r.code == 2 and f"--password-fd {fd}: descriptor {fd} is not open" in r.err, \
            (r.code, r.err)
    r = kith("--user", "cora", "--password-fd", "three", "person", "list", db=db)
    assert r.code == 2 and "--password-fd three: is not a file descriptor's number" in r.err
    fd = os.open(db, os.O_RDONLY)
    try:
        r = kith_with_fd(fd, "--user", "cora", "--password-fd", str(fd), "person", "list", db=db)
    finally:
        os.close(fd)
    assert r.code == 2 and "is the database kith is using" in r.err, (r.code, r.err)
    fd = os.open(os.path.join(SCRATCH, "written-only"), os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        r = kith_with_fd(fd, "--user", "cora", "--password-fd", str(fd), "person", "list", db=db)
    finally:
        os.close(fd)
    assert r.code == 2 and "not open for reading" in r.err, (r.code, r.err)
    r = kith("user", "add", "zed", "--role", "worker", "--new-password-fd", "97", db=db,
             login="ada")
    assert r.code == 2 and "--new-password-fd 97: descriptor 97 is not open" in r.err, r.err
    assert count_rows(db, failed) == 0
    assert count_rows(db, "SELECT count(*) FROM worker WHERE username = 'zed'") == 0


def test_out_never_replaces_a_file_unasked_nor_ever_the_database():
    db = new_db("out.db")
    ok(kith("demo", "--people", "20", "--assets", "6", "--referrals", "20", db=db))
    pid = ok(kith("person", "list", "--limit", "1", "--json", db=db, login="cora")).json()[0]["id"]
    people = count_rows(db, "SELECT count(*) FROM person")
    commands = {
        "export": lambda p: ["export", "people", "--out", p],
        "export json": lambda p: ["export", "assets", "--format", "json", "--out", p],
        "backup": lambda p: ["backup", "--out", p],
        "graph export": lambda p: ["graph", "export", "--out", p],
        "person export": lambda p: ["person", "export", pid, "--out", p],
    }
    os.symlink(db, os.path.join(SCRATCH, "out-link.db"))
    os.link(db, os.path.join(SCRATCH, "out-hard.db"))
    the_database = [db, os.path.join(SCRATCH, ".", "..", os.path.basename(SCRATCH), "out.db"),
                    db + "-wal", db + "-shm", db + "-journal",
                    os.path.join(SCRATCH, "out-link.db"), os.path.join(SCRATCH, "out-hard.db")]
    for name, command in commands.items():
        path = os.path.join(SCRATCH, f"kept-{name.replace(' ', '-')}")
        with open(path, "w") as f:
            f.write("keep me")
        r = kith(*command(path), db=db, login="cora")
        assert r.code == 1 and f"{path} already exists" in r.err and "--force" in r.err, \
            (name, r.code, r.err)
        assert open(path).read() == "keep me", name
        ok(kith(*command(path), "--force", db=db, login="cora"))
        assert open(path, "rb").read() != b"keep me", name
        for target in the_database:  # --force or not
            r = kith(*command(target), "--force", db=db, login="cora")
            assert r.code == 1 and "the database kith is using" in r.err, (name, target, r.err)
    assert not os.path.exists(db + "-journal")
    # subject access writes FILE and FILE.txt: either there stops both
    only_text = os.path.join(SCRATCH, "access.json")
    with open(only_text + ".txt", "w") as f:
        f.write("keep me")
    r = kith("person", "export", pid, "--out", only_text, db=db, login="cora")
    assert r.code == 1 and "access.json.txt already exists" in r.err
    assert not os.path.exists(only_text)
    # an Open Referral package into a directory that holds one
    package = os.path.join(SCRATCH, "package")
    ok(kith("export", "hsds", package, db=db, login="cora"))
    r = kith("export", "hsds", package, db=db, login="cora")
    assert r.code == 1 and "already exists" in r.err and "--force" in r.err
    ok(kith("export", "hsds", package, "--force", db=db, login="cora"))
    ok(kith("check", db=db, login="cora"))
    assert count_rows(db, "SELECT count(*) FROM person") == people


def test_invisible_characters_are_refused_in_names_and_every_script_kept():
    db = new_db("invisible.db")
    ok(kith("init", db=db))
    names = ["Zoë", "李伟", "ليلى", "আয়েশা", "علی\u200cرضا", "क्\u200dष", "ශ්\u200dරී"]
    for name in names:
        pid = ok(kith("person", "add", "--given-name", name, db=db)).out.strip()
        assert ok(kith("person", "show", pid, "--json", db=db)).json()["given_name"] == name
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"
    pid = ok(kith("person", "add", "--given-name", "Amina", "--notes", f"Came with {family}",
                  db=db)).out.strip()
    assert family in ok(kith("person", "show", pid, "--json", db=db)).json()["notes"]
    ok(kith("group", "add", "--name", "Knit \u2764\ufe0f Natter", db=db))
    # each alone, and the joiners where they join nothing: at a word's end, beside ASCII or
    # a space
    cases = [("Ann\u200b", "U+200B ZERO WIDTH SPACE"), ("An\u2060n", "U+2060 WORD JOINER"),
             ("\ufeffAnn", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
             ("An\u00adn", "U+00AD SOFT HYPHEN"), ("Ann\u200e", "U+200E LEFT-TO-RIGHT MARK"),
             ("A\u202eB", "U+202E RIGHT-TO-LEFT OVERRIDE"),
             ("Ann\u061c", "U+061C ARABIC LETTER MARK"),
             ("An\u180en", "U+180E MONGOLIAN VOWEL SEPARATOR"),
             ("Ann\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A"),
             ("An\u034fn", "U+034F COMBINING GRAPHEME JOINER"),
             ("Ann\ufe0f", "U+FE0F VARIATION SELECTOR-16"),
             ("Ann\u200c", "U+200C ZERO WIDTH NON-JOINER"),
             ("A\u200dnn", "U+200D ZERO WIDTH JOINER"),
             ("علی\u200c رضا", "U+200C ZERO WIDTH NON-JOINER"),
             ("\u200cعلی", "U+200C ZERO WIDTH NON-JOINER"), ("\u3164", "U+3164 HANGUL FILLER")]
    for name, char in cases:
        r = kith("person", "add", "--given-name", name, db=db)
        assert r.code == 1 and f"given name: contains an invisible character ({char}" in r.err \
            and "type the given name again" in r.err, (name, r.err)
    for entity, extra in (("asset", ["--category", "space"]), ("group", []),
                          ("tag", ["--kind", "skill"])):
        r = kith(entity, "add", "--name", "Hall\u200b", *extra, db=db)
        assert r.code == 1 and "name: contains an invisible character (U+200B" in r.err, r.err
    r = kith("person", "add", "--given-name", "Amina", "--notes", "a\u200fb", db=db)
    assert r.code == 1 and "notes: contains an invisible character (U+200F RIGHT-TO-LEFT MARK)" \
        in r.err
    path = os.path.join(SCRATCH, "invisible.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("First name,Surname\nAnn\u200b,Lee\n")
    r = kith("import", "people", path, db=db)
    assert r.code == 1 and "line 2" in r.err and "U+200B ZERO WIDTH SPACE" in r.err, r.err
    assert count_rows(db, "SELECT count(*) FROM person") == len(names) + 1
    # the name an account is shown by, beside every change it makes
    r = kith("user", "add", "ada", "--role", "admin", "--name", "Ada\u200b", "--new-password-fd",
             "0", db=db, input=PW + "\n")
    assert r.code == 1 and "name: contains an invisible character (U+200B" in r.err, r.err


def main():
    return run_suite("cli", globals(), SCRATCH)


if __name__ == "__main__":
    sys.exit(main())
