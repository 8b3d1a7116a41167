"""Every released schema version opens with today's code, its data intact.

tests/fixtures/kam-v<N>.db is a database made by the release at schema N
(tests/fixtures/make_v<N>.py). Each is copied, opened with open_database (which
migrates it, after a verified backup), and then:
- every row of every table it had is still there, column for column;
- the ORM reads every row of every model (enums, decimals, dates all parse);
- the schema equals the one a new database gets (migrations and creation agree);
- integrity_check is ok and user_version is SCHEMA_VERSION.
Adding schema 2 means adding MIGRATIONS[1] and kam-v2.db; these tests then
migrate kam-v1.db for real.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlmodel import SQLModel, select

import kam_tui.models  # noqa: F401  (registers the tables)
from kam_tui.backup import list_backups
from kam_tui.db import MIGRATIONS, SCHEMA_VERSION, inspect_file, new_session, open_database

FIXTURES = Path(__file__).parents[1] / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("kam-v*.db"), key=lambda p: int(re.findall(r"\d+", p.name)[0]))

# When a migration deliberately changes stored values, say so here:
# {(from_version, table, column): callable(old_value) -> new_value}.
EXPECTED_CHANGES: dict = {}


def version_of(path: Path) -> int:
    return int(re.search(r"kam-v(\d+)\.db$", path.name).group(1))


def rows(path: Path) -> dict[str, list[dict]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        tables = [
            r[0] for r in con.execute("select name from sqlite_schema where type='table' and name not like 'sqlite_%'")
        ]
        return {t: [dict(r) for r in con.execute(f'select * from "{t}" order by rowid')] for t in tables}
    finally:
        con.close()


def schema(path: Path) -> dict[str, object]:
    """Tables with their columns, and indexes with their columns: what must agree
    between a migrated database and a new one (SQL text may legitimately differ)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: dict[str, object] = {}
        for (t,) in con.execute("select name from sqlite_schema where type='table' and name not like 'sqlite_%'"):
            out[f"table {t}"] = sorted(
                (r[1], r[2].upper(), r[3], r[5]) for r in con.execute(f'pragma table_info("{t}")')
            )
            out[f"fks {t}"] = sorted((r[2], r[3], r[4], r[6]) for r in con.execute(f'pragma foreign_key_list("{t}")'))
            for idx in con.execute(f'pragma index_list("{t}")'):
                cols = [r[2] for r in con.execute(f'pragma index_info("{idx[1]}")')]
                out[f"index {t} {cols}"] = idx[2]  # unique or not
        return out
    finally:
        con.close()


def test_there_is_a_fixture_for_every_released_version():
    assert [version_of(p) for p in FIXTURE_FILES] == list(range(1, SCHEMA_VERSION + 1))
    assert set(MIGRATIONS) == set(range(1, SCHEMA_VERSION))
    for p in FIXTURE_FILES:
        assert (FIXTURES / f"make_v{version_of(p)}.py").exists()


@pytest.fixture(params=FIXTURE_FILES, ids=lambda p: p.name)
def old_db(request, tmp_path):
    copy = tmp_path / "kam.db"
    shutil.copyfile(request.param, copy)
    return request.param, copy


def test_fixture_is_what_it_says(old_db):
    fixture, _ = old_db
    assert inspect_file(fixture).version == version_of(fixture)
    data = rows(fixture)
    assert all(len(r) >= 3 for r in data.values()), "every table holds rows"


def test_old_database_opens_with_its_data_intact(old_db):
    fixture, copy = old_db
    before = rows(copy)
    engine = open_database(copy)
    engine.dispose()
    after = rows(copy)
    version = version_of(fixture)
    for table, old_rows in before.items():
        assert table in after, f"table {table} was lost"
        assert len(after[table]) == len(old_rows), f"rows of {table} were lost"
        for old, new in zip(old_rows, after[table]):
            for column, value in old.items():
                change = EXPECTED_CHANGES.get((version, table, column))
                expected = change(value) if change else value
                assert new.get(column, expected) == expected, f"{table}.{column} changed"
    con = sqlite3.connect(copy)
    assert con.execute("pragma user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    con.close()


def test_old_database_reads_through_every_model(old_db):
    _, copy = old_db
    engine = open_database(copy)
    try:
        with new_session(engine) as s:
            for mapper in SQLModel._sa_registry.mappers:
                model = mapper.class_
                loaded = s.exec(select(model)).all()
                assert len(loaded) >= 3, model.__name__
    finally:
        engine.dispose()


def test_migrated_schema_equals_a_new_database(old_db, tmp_path):
    _, copy = old_db
    open_database(copy).dispose()
    fresh = tmp_path / "fresh.db"
    open_database(fresh).dispose()
    assert schema(copy) == schema(fresh), (
        "the schema changed without a migration: while schema "
        f"{SCHEMA_VERSION} is unreleased, rerun tests/fixtures/make_v{SCHEMA_VERSION}.py; "
        "after release, bump SCHEMA_VERSION and add a migration"
    )


def test_a_migration_is_preceded_by_a_verified_backup(old_db):
    fixture, copy = old_db
    before = rows(copy)
    open_database(copy).dispose()
    made = [b for b in list_backups(copy) if b.reason == "migrate"]
    if version_of(fixture) < SCHEMA_VERSION:
        assert len(made) == 1 and rows(made[0].path) == before
    else:
        assert made == []  # nothing to migrate, nothing copied


# The mechanism itself, on synthetic steps passed in (no patching of kam's code):
# a step runs in one transaction with its version bump, DDL included.


def _add_rating(con):
    from sqlalchemy import text

    con.execute(text("ALTER TABLE account ADD COLUMN rating INTEGER"))
    con.execute(text("UPDATE account SET rating = length(name)"))


def _add_then_fail(con):
    from sqlalchemy import text

    con.execute(text("ALTER TABLE account ADD COLUMN half_done INTEGER"))
    con.execute(text("CREATE TABLE extra (x)"))
    raise RuntimeError("step 1 broke")


def columns(path: Path, table: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[1] for r in con.execute(f"pragma table_info({table})")]
    finally:
        con.close()


def test_a_migration_step_and_its_version_bump_commit_together(tmp_path):
    from kam_tui.db import _migrate

    path = tmp_path / "kam.db"
    shutil.copyfile(FIXTURE_FILES[0], path)
    before = rows(path)
    start = version_of(FIXTURE_FILES[0])
    _migrate(path, start, steps={start: _add_rating}, to_version=start + 1)
    con = sqlite3.connect(path)
    assert con.execute("pragma user_version").fetchone()[0] == start + 1
    ratings = [r[0] for r in con.execute("select rating from account order by id")]
    con.close()
    assert ratings == [len(r["name"]) for r in before["account"]]


def test_a_failing_migration_step_leaves_no_trace(tmp_path):
    from kam_tui.db import DatabaseRefused, _migrate

    path = tmp_path / "kam.db"
    shutil.copyfile(FIXTURE_FILES[0], path)
    before, schema_before = rows(path), schema(path)
    start = version_of(FIXTURE_FILES[0])
    with pytest.raises(DatabaseRefused) as info:
        _migrate(path, start, steps={start: _add_then_fail}, to_version=start + 1)
    assert "could not be upgraded" in str(info.value) and "step 1 broke" in str(info.value)
    assert "\n" not in str(info.value)
    assert "half_done" not in columns(path, "account")
    assert schema(path) == schema_before and rows(path) == before
    con = sqlite3.connect(path)
    assert con.execute("pragma user_version").fetchone()[0] == start
    con.close()


def test_schema_1_gains_the_crm_columns_with_empty_values(tmp_path):
    """v1 -> v2: stakeholders get email, phone and the CRM's contact id, opportunities
    the CRM's id; every old row reads them as empty, and they are indexed."""
    path = tmp_path / "kam.db"
    shutil.copyfile(FIXTURES / "kam-v1.db", path)
    before = rows(path)
    open_database(path).dispose()
    after = rows(path)
    assert [(r["email"], r["phone"], r["crm_id"]) for r in after["stakeholder"]] == [("", "", None)] * len(
        before["stakeholder"]
    )
    assert [r["crm_id"] for r in after["opportunity"]] == [None] * len(before["opportunity"])
    indexes = schema(path)
    assert "index stakeholder ['crm_id']" in indexes and "index opportunity ['crm_id']" in indexes
