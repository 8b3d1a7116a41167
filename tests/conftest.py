"""Fixtures: a real SQLite file in a temp folder, and the real `kam` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kam_tui.db import new_session, open_database


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
def engine(db_path: Path):
    engine = open_database(db_path)
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
        *args: str, db: Path | None = None, input: str | None = None, env: dict | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess:
        cmd = _kam_command() + list(args)
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
