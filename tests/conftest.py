"""Fixtures: a real SQLite file in a temp folder, a real PostgreSQL database
of its own on the server named by KAM_TEST_PG_URL, and the real `kam` command.

`engine` and `session` run each test that takes them on both databases: the
PostgreSQL run carries the `postgres` marker and is skipped without a server
(`bash .ci/run` starts one). Folders whose tests are about the file itself
(its WAL, its lock, its backups) or the app on a file keep `backend` at
"sqlite" in their own conftest.py; `database` is where a test's data lives.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from kam_tui import clock
from kam_tui.store.engine import new_session, open_database
from kam_tui.store.location import Location

# One day for the whole run, the tests' and every kam they start: a run that
# crosses midnight would otherwise make its data on one day and judge it on the
# next. Set before xdist starts its workers, so they all inherit the same day.
os.environ.setdefault(clock.VARIABLE, date.today().isoformat())

PG_URL = os.environ.get("KAM_TEST_PG_URL", "")
NO_SERVER = "no PostgreSQL server: set KAM_TEST_PG_URL (bash .ci/run starts one)"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses a server database is a `postgres` test."""
    for item in items:
        if "new_pg_database" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as con:
        con.execute(sql)


@pytest.fixture
def new_pg_database() -> Iterator[Callable[..., str]]:
    """Makes new, empty databases on the test server (each call one more);
    all are dropped afterwards. `icu="en"` gives one that sorts text the way
    people do (Ärla beside Apple, case ignored first), as many servers do."""
    if not PG_URL:
        pytest.skip(NO_SERVER)
    made: list[str] = []

    def make(icu: str | None = None) -> str:
        name = f"kam_test_{uuid.uuid4().hex[:12]}"
        collation = f" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE '{icu}'" if icu else ""
        _admin(f'CREATE DATABASE "{name}"{collation}')
        made.append(name)
        return _with_database(PG_URL, name)

    try:
        yield make
    finally:
        for name in made:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(new_pg_database: Callable[..., str]) -> str:
    """A new, empty database of the test's own on the test server."""
    return new_pg_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database(backend: str, db_path: Path, request: pytest.FixtureRequest) -> Location:
    """Where the test's data lives: a file in tmp_path, or a database of its own on the server."""
    if backend == "sqlite":
        return Location.file(db_path)
    return Location(url=request.getfixturevalue("pg_url"))


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch):
    """The app's config and data folders in tmp_path: a test never reads the
    developer's saved theme nor writes their settings or demo database."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kam.db"


@pytest.fixture
def engine(database: Location):
    engine = open_database(database)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine):
    with new_session(engine) as s:
        yield s


@pytest.fixture
def ready_db(engine, db_path: Path) -> Path:
    """An empty database made in-process (a `kam init` subprocess costs a second),
    closed again so the code under test opens it as a user's command would."""
    engine.dispose()
    return db_path


@pytest.fixture
def acme(session):
    """One account, "Acme", for tests of what hangs off an account."""
    from kam_tui.services.accounts import create_account

    return create_account(session, "Acme")


def _kam_command() -> list[str]:
    exe = shutil.which("kam", path=str(Path(sys.executable).parent)) or shutil.which("kam")
    return [exe] if exe else [sys.executable, "-m", "kam_tui"]


@pytest.fixture
def kam(tmp_path: Path):
    """Run the real `kam` command as a subprocess: kam("list", "--json", db=path)."""

    def run(
        *args: str,
        db: Path | Location | str | None = None,
        input: str | None = None,
        env: dict | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess:
        cmd = _kam_command() + list(args)
        if isinstance(db, Location):
            db = db.url if db.url is not None else db.path
        if db is not None:
            cmd += ["--db", str(db)]
        full_env = {
            **os.environ,
            "HOME": str(tmp_path / "home"),
            "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
            "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
            "NO_COLOR": "1",
            **(env or {}),
        }
        full_env.pop("KAM_DB", None)
        if env and "KAM_DB" in env:
            full_env["KAM_DB"] = env["KAM_DB"]
        return subprocess.run(cmd, capture_output=True, text=True, input=input, env=full_env, timeout=timeout)

    return run


@pytest.fixture
def kam_demo_db(kam, tmp_path: Path) -> Path:
    """A database made as a user makes one: `kam init --demo`, with --db."""
    db = tmp_path / "fresh" / "plans.db"
    done = kam("--db", str(db), "init", "--demo")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "home").exists() or not any((tmp_path / "home").rglob("*.db"))  # --db wins
    return db
