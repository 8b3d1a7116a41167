"""kam on a PostgreSQL server, beside the same kam on a file.

The demo (and awkward data besides: names that sort differently by
collation, rows edited after they were written, which moves them on a
server's disk) seeded into a file and into a server database reads the
same through every command: `list --json`, `today --json`, and every plan's
export byte for byte. The server's database is made with a human collation
(ICU "en": Ärla beside Apple), as many servers are, so nothing may lean on
the database to sort text. Then backup, restore, demo and the
server's failures, each as a user meets them: one line, never a traceback.
"""

from __future__ import annotations

import json
import socket
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kam_tui import clock
from kam_tui.demo_db import DemoRefused, prepare_demo_db
from kam_tui.export.file_names import file_stem
from kam_tui.services import accounts, goals, stakeholders, team
from kam_tui.services.demo import BANK
from kam_tui.store.engine import new_session, open_database
from kam_tui.store.location import Location
from kam_tui.store.revisions import HEAD, SCHEMA_VERSION
from tests.command_output import one_line_error

pytestmark = pytest.mark.postgres

AWKWARD = ("Ärla Konsult AB", "zeta systems", "Zeta Holding", "_Underscore Ltd", "éclair SA", "apple farms")


def _awkward_edits(location: Location) -> None:
    """The same edits on either database, ending with rows changed after they were written."""
    today = clock.today()
    engine = open_database(location)
    try:
        with new_session(engine) as s:
            for i, name in enumerate(AWKWARD):
                acct = accounts.create_account(s, name, tier="emerging_key" if i % 2 else "candidate", owner="Åsa")
                for member in ("Örjan Berg", "anna Holm", "Bo Ek", "Anna Holm"):
                    team.create_member(s, acct.id, member)
                people = [stakeholders.create_stakeholder(s, acct.id, p) for p in ("Zoë", "adam", "Ädam")]
                stakeholders.update_stakeholder(s, people[0].id, notes="moved on disk", influence="high")
                goal = goals.add_goal(s, acct.id, "short", "Meet the CFO", owner="Åsa")
                first = goals.add_action(s, goal.id, "Book it", due_date=today - timedelta(days=2))
                goals.add_action(s, goal.id, "Prepare", due_date=today + timedelta(days=3))
                goals.toggle_done(s, first.id, today=today)
                goals.toggle_done(s, first.id, today=today)
            bank = accounts.find_account(s, BANK)
            accounts.update_account(s, bank.id, notes="edited after the demo was seeded")
            for person in stakeholders.list_stakeholders(s, bank.id)[:3]:
                stakeholders.update_stakeholder(s, person.id, notes=f"{person.name}: updated")
    finally:
        engine.dispose()


@pytest.fixture
def twins(kam, tmp_path, new_pg_database) -> tuple[Location, Location]:
    """The same portfolio in a file and in a server database."""
    file = Location.file(tmp_path / "kam.db")
    server = Location(url=new_pg_database(icu="en"))
    for where in (file, server):
        done = kam("init", "--demo", db=where)
        assert done.returncode == 0, done.stderr
        _awkward_edits(where)
    return file, server


def test_the_demo_reads_the_same_from_a_file_and_a_server(kam, twins, tmp_path):
    file, server = twins
    for command in (("list", "--json"), ("today", "--json"), ("today", "--json", "--days", "30"), ("list",)):
        on_file, on_server = kam(*command, db=file), kam(*command, db=server)
        assert on_file.returncode == on_server.returncode == 0, on_server.stderr
        assert on_file.stdout == on_server.stdout, command
    listed = json.loads(kam("list", "--json", db=server).stdout)
    assert {a["name"] for a in listed} >= set(AWKWARD) and len(listed) == 3 + len(AWKWARD)
    assert kam("export", "--all", "-o", str(tmp_path / "f"), db=file).returncode == 0
    assert kam("export", "--all", "-o", str(tmp_path / "s"), db=server).returncode == 0
    files = sorted(p.name for p in (tmp_path / "f").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "s").iterdir()) and len(files) == len(listed) + 1
    for name in files:
        assert (tmp_path / "f" / name).read_bytes() == (tmp_path / "s" / name).read_bytes(), name
    # the one-plan path (through the ORM session) agrees with --all on the server too
    for account in ("Ärla Konsult AB", BANK):
        one = kam("export", account, db=server)
        assert one.returncode == 0, one.stderr
        assert one.stdout == (tmp_path / "s" / f"{file_stem(account)}.md").read_text(encoding="utf-8")


def test_init_on_a_server_sets_up_an_empty_database_once(kam, pg_url):
    first = kam("init", db=pg_url)
    assert first.returncode == 0 and "ready" in first.stdout and pg_url.split("@")[1] in first.stdout
    assert kam("init", db=pg_url).returncode == 0  # checks it, changes nothing
    assert kam("init", "--demo", db=pg_url).returncode == 0
    again = kam("init", "--demo", db=pg_url)
    assert "already holds accounts" in one_line_error(again)
    assert len(json.loads(kam("list", "--json", db=pg_url).stdout)) == 3


def test_commands_that_only_read_refuse_a_server_database_kam_has_not_set_up(kam, pg_url):
    for command in (("today",), ("export", "--all", "-o", "plans"), ("export", BANK)):
        line = one_line_error(kam(*command, db=pg_url))
        assert "kam init" in line


def test_a_server_backup_is_a_file_that_opens_on_its_own(kam, twins, tmp_path):
    file, server = twins
    made = kam("backup", db=server)
    assert made.returncode == 0, made.stderr
    copy = Path(made.stdout.split("checked: ")[1].split()[0])
    assert copy.parent == tmp_path / "xdg-data" / "kam_tui" / "backups" and copy.name.startswith("server-")
    named = tmp_path / "server-copy.db"
    assert kam("backup", "-o", str(named), db=server).returncode == 0
    assert "already exists" in one_line_error(kam("backup", "-o", str(named), db=server))
    for backup in (copy, named):
        assert oct(backup.stat().st_mode & 0o777) == "0o600"
        con = sqlite3.connect(backup)
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        assert con.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
        assert con.execute("select version_num from alembic_version").fetchone()[0] == HEAD
        assert con.execute("pragma journal_mode").fetchone()[0] == "delete"
        con.close()
        for command in (("list", "--json"), ("today", "--json")):
            assert kam(*command, db=backup).stdout == kam(*command, db=server).stdout
    assert kam("export", "--all", "-o", str(tmp_path / "b"), db=named).returncode == 0
    assert kam("export", "--all", "-o", str(tmp_path / "s"), db=server).returncode == 0
    for p in (tmp_path / "s").iterdir():
        assert (tmp_path / "b" / p.name).read_bytes() == p.read_bytes(), p.name


def test_restore_loads_a_copy_into_an_empty_server_database_only(kam, twins, new_pg_database, tmp_path):
    file, server = twins
    empty = new_pg_database()
    restored = kam("restore", str(file.path), db=empty)
    assert restored.returncode == 0, restored.stderr
    assert f"{3 + len(AWKWARD)} accounts" in restored.stdout
    assert kam("list", "--json", db=empty).stdout == kam("list", "--json", db=file).stdout
    # ids go on after the loaded ones: the next account gets a new one
    engine = open_database(Location(url=empty))
    with new_session(engine) as s:
        highest = max(a.id for a in accounts.list_accounts(s))
        assert accounts.create_account(s, "After the restore").id > highest
        member = team.create_member(s, highest, "New colleague")
        assert member.id > 4 * len(AWKWARD)
    engine.dispose()
    before = kam("list", "--json", db=empty).stdout
    line = one_line_error(kam("restore", str(file.path), db=empty))
    assert "already holds kam data" in line and "empty database only" in line
    assert kam("list", "--json", db=empty).stdout == before
    # into a database set up by `kam init` and still empty: fine
    initialised = new_pg_database()
    assert kam("init", db=initialised).returncode == 0
    assert kam("restore", str(file.path), db=initialised).returncode == 0


def test_restore_into_a_server_refuses_what_is_not_a_kam_file(kam, pg_url, tmp_path):
    foreign = tmp_path / "other.db"
    con = sqlite3.connect(foreign)
    con.execute("create table notes (t text)")
    con.commit()
    con.close()
    assert "another program" in one_line_error(kam("restore", str(foreign), db=pg_url))
    assert "does not exist" in one_line_error(kam("restore", str(tmp_path / "missing.db"), db=pg_url))


def test_the_demo_on_a_server_seeds_an_empty_database_and_resets_only_the_demo(pg_url, new_pg_database):
    where = Location(url=pg_url)
    prepare_demo_db(where)
    engine = open_database(where)
    with new_session(engine) as s:
        accounts.create_account(s, "Tried it out")
        assert len(accounts.list_accounts(s)) == 4
    engine.dispose()
    prepare_demo_db(where, reset=True)
    engine = open_database(where)
    with new_session(engine) as s:
        assert [a.name for a in accounts.list_accounts(s)].count("Tried it out") == 0
        assert len(accounts.list_accounts(s)) == 3
    engine.dispose()
    real = Location(url=new_pg_database())
    engine = open_database(real)
    with new_session(engine) as s:
        accounts.create_account(s, "A real customer")
    engine.dispose()
    for reset in (False, True):
        with pytest.raises(DemoRefused) as info:
            prepare_demo_db(real, reset=reset)
        assert "not the demo" in str(info.value)
    engine = open_database(real)
    with new_session(engine) as s:
        assert [a.name for a in accounts.list_accounts(s)] == ["A real customer"]
    engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_server_failures_are_one_line(kam, pg_url):
    host = pg_url.split("@", 1)[1].split("/", 1)[0]
    nowhere = f"postgresql://kam@127.0.0.1:{_free_port()}/kam"
    assert "cannot reach the server at 127.0.0.1" in one_line_error(kam("list", db=nowhere))
    missing = pg_url.rsplit("/", 1)[0] + "/no_such_database"
    assert "has no database no_such_database" in one_line_error(kam("list", db=missing))
    stranger = f"postgresql://nobody_we_know@{host}/postgres"
    assert "has no user nobody_we_know" in one_line_error(kam("list", db=stranger))
    for command in (("init",), ("today",), ("export", "--all", "-o", "x"), ("backup",), ("restore", "x.db")):
        result = kam(*command, db=nowhere)
        assert result.returncode == 1 and "Traceback" not in result.stderr, command


def test_a_wrong_password_is_one_line_that_never_shows_the_password(kam, pg_url):
    import psycopg

    host = pg_url.split("@", 1)[1].split("/", 1)[0]
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("DROP ROLE IF EXISTS kam_password_check")
        con.execute("CREATE ROLE kam_password_check LOGIN PASSWORD 'right-one'")
    try:
        wrong = f"postgresql://kam_password_check:Wr0ng-s3cret@{host}/postgres"
        try:
            psycopg.connect(wrong).close()
        except psycopg.OperationalError:
            pass
        else:
            pytest.skip("this server lets kam_password_check in without its password (see .ci/postgres.sh)")
        result = kam("list", db=wrong)
        line = one_line_error(result)
        assert "refused the user kam_password_check: wrong or missing password" in line
        assert "Wr0ng-s3cret" not in result.stderr + result.stdout
    finally:
        with psycopg.connect(pg_url, autocommit=True) as con:
            con.execute("DROP ROLE IF EXISTS kam_password_check")
