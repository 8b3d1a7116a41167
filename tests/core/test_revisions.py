"""The schema's revisions (kam_tui/store/revisions.py and the Alembic scripts
in kam_tui/store/migrations) agree with each other and with the models, on a
file and on a server:
- REVISIONS lists exactly the scripts, oldest first, one line of history;
- running every revision on an empty database gives the schema a new one gets;
- a database at any revision, full of data, upgrades to the newest with it;
- a database from a newer kam is refused and left alone;
- an installed kam (a wheel, not this checkout) runs its own revisions;
- opening an up-to-date database never imports Alembic.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel, select

from kam_tui.store.engine import make_engine, make_server_engine, new_session, open_database
from kam_tui.store.errors import NewerDatabase
from kam_tui.store.location import Location
from kam_tui.store.migrate import SCRIPTS, build_file_at, upgrade_file, upgrade_server
from kam_tui.store.revisions import HEAD, REVISIONS, SCHEMA_VERSION
from tests.revision_data import fill, rows_of, schema_of

ROOT = Path(__file__).parents[2]


def test_revisions_lists_every_script_in_order():
    scripts = ScriptDirectory(str(SCRIPTS))
    assert scripts.get_heads() == [HEAD], "one line of history, ending at REVISIONS[-1]"
    walked = [s.revision for s in scripts.walk_revisions("base", "heads")]
    assert list(reversed(walked)) == list(REVISIONS)
    assert SCHEMA_VERSION == len(REVISIONS)
    for revision in REVISIONS:
        assert len(revision) <= 32, "alembic_version.version_num holds 32 characters"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def kind(request) -> str:
    """Both databases (this folder's `backend` is a file's only)."""
    return request.param


@pytest.fixture
def empty(kind, tmp_path, request):
    """An empty database and a function that runs revisions on it up to a target."""
    if kind == "sqlite":
        path = tmp_path / "at.db"
        engine = None

        def upgrade_to(target: str) -> sa.Engine:
            if not path.exists():
                build_file_at(path, target)
            else:
                current = sqlite3.connect(path).execute("select version_num from alembic_version").fetchone()[0]
                upgrade_file(path, current, target=target)
            return make_engine(path)

        yield upgrade_to, Location.file(path)
        return
    location = Location(url=request.getfixturevalue("pg_url"))
    engine = make_server_engine(location)
    state = {"at": None}

    def upgrade_to_on_server(target: str) -> sa.Engine:
        upgrade_server(engine, state["at"], target=target)
        state["at"] = target
        return engine

    try:
        yield upgrade_to_on_server, location
    finally:
        engine.dispose()


def test_every_revision_run_on_an_empty_database_gives_a_new_databases_schema(empty, kind, tmp_path, request):
    upgrade_to, _location = empty
    upgraded = upgrade_to(HEAD)
    if kind == "sqlite":
        fresh = open_database(tmp_path / "fresh.db")
    else:
        fresh = open_database(Location(url=request.getfixturevalue("new_pg_database")()))
    try:
        assert schema_of(upgraded) == schema_of(fresh), (
            "the models and the revisions disagree: write a revision for the change (kam_tui/store/__init__.py)"
        )
    finally:
        upgraded.dispose()
        fresh.dispose()


@pytest.mark.parametrize("start", REVISIONS)
def test_a_database_at_every_revision_upgrades_to_the_newest_with_its_data(empty, start):
    upgrade_to, location = empty
    engine = upgrade_to(start)
    fill(engine)
    before = rows_of(engine)
    engine.dispose()
    engine = upgrade_to(HEAD)
    after = rows_of(engine)
    engine.dispose()
    for table, old_rows in before.items():
        assert len(after.get(table, [])) == len(old_rows), f"rows of {table} were lost"
        for old, new in zip(old_rows, after[table]):
            assert {k: new.get(k, v) for k, v in old.items()} == old, f"{table} changed"
    # and kam opens it and reads every row through every model
    engine = open_database(location, before_migrate=None)
    try:
        with new_session(engine) as s:
            for mapper in SQLModel._sa_registry.mappers:
                # a table a later revision added starts empty (or holds what it carried over)
                least = 3 if mapper.class_.__tablename__ in before else 0
                assert len(s.exec(select(mapper.class_)).all()) >= least, mapper.class_.__name__
    finally:
        engine.dispose()


def test_a_file_from_a_newer_kam_is_refused_and_left_alone(tmp_path):
    ahead = tmp_path / "ahead.db"
    open_database(ahead).dispose()
    con = sqlite3.connect(ahead)
    con.execute(f"pragma user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = ahead.read_bytes()
    with pytest.raises(NewerDatabase) as info:
        open_database(ahead)
    assert "newer version of kam" in str(info.value) and "\n" not in str(info.value)
    assert ahead.read_bytes() == before

    # same count of revisions, but one this kam never heard of: a newer kam's branch
    other = tmp_path / "other.db"
    open_database(other).dispose()
    con = sqlite3.connect(other)
    con.execute("update alembic_version set version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    with pytest.raises(NewerDatabase):
        open_database(other)


def test_a_server_database_from_a_newer_kam_is_refused(pg_url):
    location = Location(url=pg_url)
    open_database(location).dispose()
    engine = make_server_engine(location)
    with engine.begin() as con:
        con.execute(sa.text("update alembic_version set version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(NewerDatabase) as info:
        open_database(location)
    assert "newer version of kam" in str(info.value) and "9999_from_the_future" in str(info.value)


UPGRADE_FROM_INSTALLED = """
import sys
from pathlib import Path
import kam_tui.store.migrate as m
assert "site" in m.__file__ or sys.argv[2] in m.__file__, m.__file__
from kam_tui.store.revisions import HEAD
path = Path(sys.argv[1])
m.build_file_at(path, HEAD)
from kam_tui.store.engine import open_database
open_database(path).dispose()
print(m.__file__)
"""


def test_an_installed_kam_runs_its_own_revisions(tmp_path):
    """The scripts ship in the wheel and run from where it is installed."""
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = wheels.glob("kam_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for revision in REVISIONS:
        assert f"kam_tui/store/migrations/versions/{revision}.py" in names
    assert "kam_tui/store/migrations/env.py" in names and "kam_tui/store/migrations/script.py.mako" in names
    target = tmp_path / "installed"
    zipfile.ZipFile(wheel).extractall(target)
    db = tmp_path / "built.db"
    run = subprocess.run(
        [sys.executable, "-c", UPGRADE_FROM_INSTALLED, str(db), str(target)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().startswith(str(target))
    con = sqlite3.connect(db)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == HEAD
    assert con.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    con.close()


def test_opening_an_up_to_date_database_never_imports_alembic(tmp_path):
    db = tmp_path / "kam.db"
    open_database(db).dispose()
    check = (
        "import sys\n"
        "from kam_tui.store.engine import open_database\n"
        f"open_database({str(db)!r}).dispose()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
