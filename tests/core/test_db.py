"""The database file: created private and versioned; anything else is refused untouched."""

import sqlite3
import stat

import pytest
from sqlalchemy.exc import IntegrityError

from kam_tui.db import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    DamagedDatabase,
    NewerDatabase,
    NotKamDatabase,
    inspect_file,
    new_session,
    open_database,
)
from kam_tui.models import Account, Stakeholder
from tests.bad_files import digest


def test_new_database_is_versioned_and_private(tmp_path):
    path = tmp_path / "sub" / "kam.db"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_foreign_keys_are_enforced_and_account_delete_cascades(session):
    a = Account(name="A", name_key="a")
    session.add(a)
    session.commit()
    session.add(Stakeholder(account_id=a.id, name="P"))
    session.commit()
    session.add(Stakeholder(account_id=9999, name="orphan"))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()
    session.delete(a)
    session.commit()
    assert session.exec(__import__("sqlmodel").select(Stakeholder)).all() == []


@pytest.mark.parametrize(
    "make, error",
    [
        (lambda p: p.write_text("name,revenue\nAcme,1\n"), NotKamDatabase),
        (lambda p: p.write_bytes(b""), NotKamDatabase),
        (lambda p: sqlite3.connect(p).execute("create table t(x)").connection.commit(), NotKamDatabase),
    ],
    ids=["text file", "empty file", "foreign sqlite"],
)
def test_files_that_are_not_ours_are_refused_untouched(tmp_path, make, error):
    path = tmp_path / "x.db"
    make(path)
    before = digest(path)
    with pytest.raises(error):
        open_database(path)
    assert digest(path) == before


def test_truncated_database_is_refused_untouched(tmp_path):
    path = tmp_path / "kam.db"
    engine = open_database(path)
    with new_session(engine) as s:
        for i in range(200):
            s.add(Account(name=f"A{i}", name_key=f"a{i}", notes="x" * 500))
        s.commit()
    engine.dispose()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])
    before = digest(path)
    with pytest.raises(DamagedDatabase):
        open_database(path)
    assert digest(path) == before


def test_newer_schema_is_refused_untouched(tmp_path):
    path = tmp_path / "kam.db"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = digest(path)
    with pytest.raises(NewerDatabase) as info:
        open_database(path)
    assert "newer version" in str(info.value)
    assert "\n" not in str(info.value)
    assert digest(path) == before
    assert inspect_file
