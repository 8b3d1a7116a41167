"""Every released schema opens with today's code, its data intact, and the
upgrade mechanism itself: one transaction per revision, with its bookkeeping.

tests/fixtures/kam-v<N>.db is a database made by the release at schema N
(tests/fixtures/make_v<N>.py). Each is copied, opened with open_database (which
upgrades it, after a verified backup), and then:
- every row of every table it had is still there, column for column;
- the ORM reads every row of every model (enums, decimals, dates all parse);
- the schema equals the one a new database gets (upgrades and creation agree);
- integrity_check is ok, user_version is SCHEMA_VERSION, and Alembic's
  bookkeeping names the newest revision (files from before Alembic kept the
  books are carried into it without a change to their rows).
Revisions are tried on synthetic scripts beside the real ones (no patching of
kam's code), on a file and, with KAM_TEST_PG_URL, on a server.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

import kam_tui.models  # noqa: F401  (registers the tables)
from kam_tui.backup import list_backups
from kam_tui.store.engine import make_server_engine, new_session, open_database
from kam_tui.store.errors import DatabaseRefused
from kam_tui.store.location import Location
from kam_tui.store.migrate import SCRIPTS, upgrade_file, upgrade_server
from kam_tui.store.revisions import HEAD, REVISIONS, SCHEMA_VERSION
from kam_tui.store.sqlite_file import inspect_file

FIXTURES = Path(__file__).parents[1] / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("kam-v*.db"), key=lambda p: int(re.findall(r"\d+", p.name)[0]))

# When a revision deliberately changes stored values, say so here:
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
    between an upgraded database and a new one (SQL text may legitimately differ)."""
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


def pragma(path: Path, name: str) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute(f"pragma {name}").fetchone()[0]
    finally:
        con.close()


def bookkeeping(path: Path) -> list[str]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("select version_num from alembic_version")]
    finally:
        con.close()


def test_there_is_a_fixture_for_every_released_version():
    assert [version_of(p) for p in FIXTURE_FILES] == list(range(1, SCHEMA_VERSION + 1))
    assert len(REVISIONS) == SCHEMA_VERSION
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
    # Alembic's bookkeeping holds one row (the revision) in files made since it kept the books
    data = {table: found for table, found in rows(fixture).items() if table != "alembic_version"}
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
        if table == "alembic_version":
            continue  # the revision it names moves on to the newest: checked below
        assert len(after[table]) == len(old_rows), f"rows of {table} were lost"
        for old, new in zip(old_rows, after[table]):
            for column, value in old.items():
                change = EXPECTED_CHANGES.get((version, table, column))
                expected = change(value) if change else value
                assert new.get(column, expected) == expected, f"{table}.{column} changed"
    assert pragma(copy, "user_version") == SCHEMA_VERSION
    assert pragma(copy, "integrity_check") == "ok"
    # carried into Alembic's bookkeeping at the newest revision
    assert bookkeeping(copy) == [HEAD]


def test_old_database_reads_through_every_model(old_db):
    fixture, copy = old_db
    had = set(rows(fixture))  # tables added by a later revision start empty
    engine = open_database(copy)
    try:
        with new_session(engine) as s:
            for mapper in SQLModel._sa_registry.mappers:
                model = mapper.class_
                loaded = s.exec(select(model)).all()
                assert len(loaded) >= (3 if model.__tablename__ in had else 0), model.__name__
    finally:
        engine.dispose()


def test_migrated_schema_equals_a_new_database(old_db, tmp_path):
    _, copy = old_db
    open_database(copy).dispose()
    fresh = tmp_path / "fresh.db"
    open_database(fresh).dispose()
    assert schema(copy) == schema(fresh), (
        "the schema changed without a revision: while schema "
        f"{SCHEMA_VERSION} is unreleased, rerun tests/fixtures/make_v{SCHEMA_VERSION}.py; "
        "after release, add a revision (kam_tui/store/__init__.py says how)"
    )


def test_a_migration_is_preceded_by_a_verified_backup(old_db):
    fixture, copy = old_db
    before = rows(copy)
    open_database(copy).dispose()
    made = [b for b in list_backups(copy) if b.reason == "migrate"]
    if version_of(fixture) < SCHEMA_VERSION:
        assert len(made) == 1 and rows(made[0].path) == before
    else:
        assert made == []  # nothing to upgrade, nothing copied


def test_a_file_opened_read_only_is_not_written_to_carry_its_bookkeeping(tmp_path):
    copy = tmp_path / "kam.db"
    shutil.copyfile(FIXTURE_FILES[-1], copy)
    before = copy.read_bytes()
    open_database(copy, read_only=True).dispose()
    assert copy.read_bytes() == before


# ---------------------------------------------------------------- the mechanism, on synthetic revisions

ADD_RATING = """
import sqlalchemy as sa
from alembic import op

revision = "9001_add_rating"
down_revision = "{down}"


def upgrade():
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("rating", sa.Integer(), nullable=True))
    op.execute("UPDATE account SET rating = length(name)")
"""

HALF_DONE = """
import sqlalchemy as sa
from alembic import op

revision = "9002_breaks"
down_revision = "{down}"


def upgrade():
    with op.batch_alter_table("account") as batch:
        batch.add_column(sa.Column("half_done", sa.Integer(), nullable=True))
    op.create_table("extra", sa.Column("x", sa.Integer()))
    raise RuntimeError("step 1 broke")
"""


def scripts_with(tmp_path: Path, *extra: tuple[str, str]) -> Path:
    """kam's own revisions plus `extra` (name, source), in a folder of their own."""
    folder = tmp_path / "scripts"
    shutil.copytree(SCRIPTS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    down = HEAD
    for name, source in extra:
        (folder / "versions" / f"{name}.py").write_text(source.format(down=down), encoding="utf-8")
        down = name
    return folder


def columns(path: Path, table: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [r[1] for r in con.execute(f"pragma table_info({table})")]
    finally:
        con.close()


def test_a_revision_and_its_bookkeeping_commit_together(tmp_path):
    path = tmp_path / "kam.db"
    shutil.copyfile(FIXTURE_FILES[-1], path)
    before = rows(path)
    scripts = scripts_with(tmp_path, ("9001_add_rating", ADD_RATING))
    upgrade_file(
        path,
        REVISIONS[-1],
        target="9001_add_rating",
        script_location=scripts,
        revisions=(*REVISIONS, "9001_add_rating"),
    )
    assert pragma(path, "user_version") == SCHEMA_VERSION + 1
    assert bookkeeping(path) == ["9001_add_rating"]
    con = sqlite3.connect(path)
    ratings = [r[0] for r in con.execute("select rating from account order by id")]
    con.close()
    assert ratings == [len(r["name"]) for r in before["account"]]


def test_a_failing_revision_leaves_no_trace(tmp_path):
    path = tmp_path / "kam.db"
    shutil.copyfile(FIXTURE_FILES[-1], path)
    open_database(path).dispose()  # at the newest revision, with its bookkeeping
    before, schema_before = rows(path), schema(path)
    scripts = scripts_with(tmp_path, ("9002_breaks", HALF_DONE))
    with pytest.raises(DatabaseRefused) as info:
        upgrade_file(path, HEAD, target="9002_breaks", script_location=scripts, revisions=(*REVISIONS, "9002_breaks"))
    message = str(info.value)
    assert "could not be upgraded" in message and "step 1 broke" in message and "\n" not in message
    assert f"left at schema {SCHEMA_VERSION}" in message
    assert "half_done" not in columns(path, "account")
    assert schema(path) == schema_before and rows(path) == before
    assert pragma(path, "user_version") == SCHEMA_VERSION and bookkeeping(path) == [HEAD]


def test_on_a_server_a_failing_revision_leaves_no_trace_and_a_good_one_commits(pg_url, tmp_path):
    location = Location(url=pg_url)
    open_database(location, before_migrate=None).dispose()
    engine = make_server_engine(location)
    try:
        with engine.begin() as con:
            con.execute(
                sa.text(
                    "INSERT INTO account (name, name_key, industry, country, website, tier, stage, depth,"
                    " review_cadence, why_key, what_we_want, owner, notes, created_at, updated_at)"
                    " VALUES ('Acme', 'acme', '', '', '', 'candidate', 'strategy', 'full', 'monthly',"
                    " '', '', '', '', now(), now())"
                )
            )
        scripts = scripts_with(tmp_path, ("9001_add_rating", ADD_RATING), ("9002_breaks", HALF_DONE))
        known = (*REVISIONS, "9001_add_rating", "9002_breaks")
        with pytest.raises(DatabaseRefused) as info:
            upgrade_server(engine, HEAD, target="9002_breaks", script_location=scripts, revisions=known)
        assert "step 1 broke" in str(info.value) and "\n" not in str(info.value)
        inspector = sa.inspect(engine)
        names = [c["name"] for c in inspector.get_columns("account")]
        # each revision is its own transaction: the good one stays, the broken one left nothing
        assert "rating" in names and "half_done" not in names and "extra" not in inspector.get_table_names()
        with engine.connect() as con:
            assert con.execute(sa.text("select version_num from alembic_version")).scalars().all() == [
                "9001_add_rating"
            ]
            assert con.execute(sa.text("select rating from account")).scalar() == 4
    finally:
        engine.dispose()


COUNTRIES_AS_TYPED = [("Deutschland", "DE"), ("sverige", "SE"), ("DEU", "DE"), ("Nordics", "Nordics"), ("", "")]


def _accounts_with_countries(con: sa.Connection) -> None:
    for i, (typed, _) in enumerate(COUNTRIES_AS_TYPED):
        con.execute(
            sa.text(
                "INSERT INTO account (name, name_key, industry, country, website, tier, stage, depth,"
                " review_cadence, why_key, what_we_want, owner, notes, created_at, updated_at)"
                " VALUES (:name, :key, '', :country, '', 'candidate', 'strategy', 'full', 'monthly',"
                " '', '', '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            ),
            {"name": f"Country test {i}", "key": f"country test {i}", "country": typed},
        )


def _countries_now(con: sa.Connection) -> list[str]:
    found = dict(con.execute(sa.text("SELECT name, country FROM account WHERE name LIKE 'Country test %'")).all())
    return [found[f"Country test {i}"] for i in range(len(COUNTRIES_AS_TYPED))]


def test_countries_become_codes_where_recognised_and_stay_as_typed_elsewhere(tmp_path):
    path = tmp_path / "kam.db"
    shutil.copyfile(FIXTURES / "kam-v3.db", path)
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as con:
        _accounts_with_countries(con)
    engine.dispose()
    before = rows(path)
    open_database(path).dispose()
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.connect() as con:
        assert _countries_now(con) == [code for _, code in COUNTRIES_AS_TYPED]
        assert con.execute(sa.text("SELECT count(*) FROM stage_change")).scalar() == 0
    engine.dispose()
    # every other value of every other row is as it was
    after = rows(path)
    for table, old_rows in before.items():
        if table == "alembic_version":
            continue  # the revision it names moves on
        for old, new in zip(old_rows, after[table]):
            changed = {c for c in old if old[c] != new.get(c)}
            assert changed <= {"country"}, (table, changed)


@pytest.mark.postgres
def test_on_a_server_countries_become_codes_where_recognised(pg_url):
    location = Location(url=pg_url)
    engine = make_server_engine(location)
    try:
        upgrade_server(engine, None, target="0003_relationships")
        with engine.begin() as con:
            _accounts_with_countries(con)
        upgrade_server(engine, "0003_relationships")
        with engine.connect() as con:
            assert _countries_now(con) == [code for _, code in COUNTRIES_AS_TYPED]
    finally:
        engine.dispose()
