"""`kam demo`: the demo database is made on first use, reset only when it is a demo."""

import json
import os
from pathlib import Path

import pytest

from kam_tui.backup import list_backups
from kam_tui.db import new_session, open_database
from kam_tui.demo_db import DemoRefused, prepare_demo_db
from kam_tui.lock import WriterLock
from kam_tui.services import accounts
from tests.bad_files import digest
from tests.pseudo_terminal import run_on_pty


def _names(path):
    engine = open_database(path)
    with new_session(engine) as s:
        names = [a.name for a in accounts.list_accounts(s)]
    engine.dispose()
    return names


def test_first_use_creates_and_seeds_then_keeps_the_users_changes(tmp_path):
    path = tmp_path / "demo" / "demo.db"
    prepare_demo_db(path)
    assert len(_names(path)) == 3
    engine = open_database(path)
    with new_session(engine) as s:
        accounts.create_account(s, "Tried it out")
    engine.dispose()
    prepare_demo_db(path)  # opening again keeps what the user did in the demo
    assert "Tried it out" in _names(path) and len(_names(path)) == 4
    prepare_demo_db(path, reset=True)
    assert "Tried it out" not in _names(path) and len(_names(path)) == 3


def test_reset_refuses_a_real_database(tmp_path):
    path = tmp_path / "mine.db"
    engine = open_database(path)
    with new_session(engine) as s:
        accounts.create_account(s, "My customer")
    engine.dispose()
    before = path.read_bytes()
    with pytest.raises(DemoRefused, match="not the demo"):
        prepare_demo_db(path, reset=True)
    assert path.read_bytes() == before


def test_demo_reset_on_a_real_database_exits_1_before_opening_the_app(kam, tmp_path):
    path = tmp_path / "mine.db"
    assert kam("--db", str(path), "init").returncode == 0
    engine = open_database(path)
    with new_session(engine) as s:
        accounts.create_account(s, "My customer")
    engine.dispose()
    out = kam("demo", "--reset", db=path)
    assert out.returncode == 1 and "--reset deletes only a demo database" in out.stderr
    assert [r["name"] for r in json.loads(kam("list", "--json", db=path).stdout)] == ["My customer"]


def test_demo_refuses_a_foreign_file(kam, tmp_path):
    path = tmp_path / "text.db"
    path.write_text("not a database")
    out = kam("demo", db=path)
    assert out.returncode == 1 and "not a kam database" in out.stderr
    assert path.read_text() == "not a database"


def test_kam_demo_takes_the_writer_lock_like_kam(tmp_path):
    """`kam demo` opens through commands/open_app.run_app: a second kam on the
    same demo file is asked, not let in."""
    db = tmp_path / "demo.db"
    from kam_tui.demo_db import prepare_demo_db

    prepare_demo_db(db)
    with WriterLock(db, "kam"):
        before = digest(db)
        code, shown = run_on_pty(["demo", "--db", str(db)], [b"q\r"])
    assert code == 1, shown
    assert "open in another kam" in shown and "Traceback" not in shown
    assert digest(db) == before


def test_kam_demo_makes_the_start_up_backup_like_kam(tmp_path):
    db = tmp_path / "demo.db"
    assert list_backups(db) == []
    code, shown = run_on_pty(["demo", "--db", str(db)], [b"q"], ready=b"Key accounts")
    assert code == 0, shown
    assert "\x1b[?1049h" in shown  # the app took the screen before q closed it
    backups = list_backups(db)
    assert [b.reason for b in backups] == ["start"]
    assert stat_mode(backups[0].path) == 0o600


def stat_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def test_init_names_the_accounts_whose_country_it_could_not_read(kam, tmp_path):
    from kam_tui.db import new_session, open_database
    from kam_tui.services import accounts

    db = tmp_path / "kam.db"
    engine = open_database(db)
    with new_session(engine) as s:
        accounts.create_account(s, "Nordlicht", country="Nordics")
        accounts.create_account(s, "Müller AG", country="Deutschland")
    engine.dispose()
    out = kam("init", db=db)
    assert out.returncode == 0
    assert "1 account names a country kam does not know, kept as written: Nordlicht ('Nordics')" in out.stdout
    assert "Müller" not in out.stdout
