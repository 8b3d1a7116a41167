"""`kam demo`: the demo database is made on first use, reset only when it is a demo."""

import json

import pytest

from kam_tui.db import new_session, open_database
from kam_tui.demo_db import DemoRefused, prepare_demo_db
from kam_tui.services import accounts


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
