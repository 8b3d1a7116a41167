"""`kam import` on plain sqlite3, so a large import costs little more than reading
the file: SQLAlchemy and the models stay
unloaded, the connection is set up as an engine's is, what it stores is what
the ORM stores, and nothing about safety is lost (refused files untouched,
the writer lock, the backup first)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from kam_tui.db import (
    SCHEMA_VERSION,
    DatabaseRefused,
    connect_plain,
    open_database,
    open_plain,
)
from kam_tui.importer import apply_import, parse_file
from kam_tui.importer.apply import NEW_ACCOUNT, stored_datetime, stored_decimal
from kam_tui.models import Account, Tier
from kam_tui.services import accounts
from tests import bad_files
from tests.bad_files import digest

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "crm"

# runs `kam import` in this interpreter, then says which heavy modules it loaded
PROBE = """
import json, sys
from kam_tui.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in ("sqlalchemy", "sqlmodel", "kam_tui.models", "textual", "openpyxl") if m in sys.modules)
print(json.dumps({"code": code, "loaded": loaded}))
"""


def probe(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry run"])
def test_kam_import_never_loads_sqlalchemy_or_the_models(ready_db, dry_run):
    result = probe(
        "import", str(FIXTURES / "salesforce_report.csv"), "--db", str(ready_db), *(["--dry-run"] if dry_run else [])
    )
    assert result == {"code": 0, "loaded": []}
    with sqlite3.connect(ready_db) as con:
        count = con.execute("SELECT count(*) FROM account").fetchone()[0]
    assert count == (0 if dry_run else 8)  # it did the work, without them


def test_a_database_that_must_be_upgraded_takes_the_engine_path_then_imports(tmp_path):
    # (a missing database is refused: only `kam init` makes one)
    db = tmp_path / "old" / "kam.db"
    db.parent.mkdir()
    shutil.copyfile(Path(__file__).parents[1] / "fixtures" / "kam-v1.db", db)
    result = probe("import", str(FIXTURES / "hubspot_companies.csv"), "--db", str(db))
    assert result["code"] == 0 and "sqlalchemy" in result["loaded"]  # upgrading needs the models: rare
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM account").fetchone()[0] > 0
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def pragmas(con) -> tuple:
    return tuple(
        con.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("foreign_keys", "busy_timeout", "journal_mode", "synchronous")
    )


def test_a_plain_connection_is_set_up_exactly_as_an_engine_connection(ready_db):
    engine = open_database(ready_db)
    raw = engine.raw_connection()
    try:
        from_engine = pragmas(raw.driver_connection)
    finally:
        raw.close()
        engine.dispose()
    con = connect_plain(ready_db)
    try:
        assert pragmas(con) == from_engine == (1, 2000, "wal", 2)
    finally:
        con.close()


BAD_FILES = {**bad_files.BAD_FILES, "truncated": bad_files.truncated_kam}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_open_plain_refuses_what_open_database_refuses_and_leaves_it_byte_identical(tmp_path, kind):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "x.db"
    BAD_FILES[kind](path)
    before, listing = digest(path), sorted(p.name for p in folder.iterdir())
    with pytest.raises(DatabaseRefused) as plain:
        open_plain(path)
    with pytest.raises(DatabaseRefused) as engine:
        open_database(path)
    assert type(plain.value) is type(engine.value) and str(plain.value) == str(engine.value)
    assert digest(path) == before and sorted(p.name for p in folder.iterdir()) == listing


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_kam_import_into_a_refused_file_exits_one_and_writes_nothing(kam, tmp_path, kind):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "x.db"
    BAD_FILES[kind](path)
    before, listing = digest(path), sorted(p.name for p in folder.iterdir())
    out = kam("import", str(FIXTURES / "hubspot_companies.csv"), db=path)
    assert out.returncode == 1 and out.stderr.startswith("kam: ") and "Traceback" not in out.stderr
    assert digest(path) == before and sorted(p.name for p in folder.iterdir()) == listing


SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(
    os.geteuid() == 0 and SETPRIV is None,
    reason="running as root without setpriv: folder permissions cannot be made to bind",
)
def test_a_read_only_folder_refuses_the_import_plainly_and_the_dry_run_still_works(ready_db):
    """As root the child runs without CAP_DAC_OVERRIDE (as in test_faults.py),
    so the folder's mode bits bind."""
    folder = ready_db.parent
    before = digest(ready_db)
    drop = (
        [SETPRIV, "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]
        if os.geteuid() == 0
        else []
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    csv_file = FIXTURES / "salesforce_report.csv"
    os.chmod(folder, 0o500)
    try:
        listing = sorted(p.name for p in folder.iterdir())
        real = subprocess.run(
            [*drop, sys.executable, "-m", "kam_tui", "import", str(csv_file), "--db", str(ready_db)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        dry = subprocess.run(
            [*drop, sys.executable, "-m", "kam_tui", "import", str(csv_file), "--dry-run", "--db", str(ready_db)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        after = sorted(p.name for p in folder.iterdir())
    finally:
        os.chmod(folder, 0o700)
    assert real.returncode == 1 and "Traceback" not in real.stderr
    assert len(real.stderr.strip().splitlines()) == 1 and "read-only" in real.stderr, real.stderr
    assert dry.returncode == 0 and "8 would be created" in dry.stdout, dry.stderr
    assert digest(ready_db) == before and after == listing


def test_every_column_of_a_new_account_is_stored_as_the_orm_stores_its_default():
    """NEW_ACCOUNT restates models.Account's defaults so that `kam import`
    need not load the models: a column added there must be added here."""
    table = Account.__table__
    given = {
        "id",
        "name",
        "name_key",
        "crm_id",
        "country",
        "industry",
        "annual_revenue",
        "currency",
        "employees",
        "owner",
        "website",
        "notes",
        "created_at",
        "updated_at",
        # the database's own defaults: a uuid per row, version 1, no name yet
        "uuid",
        "version",
        "updated_by",
    }
    assert set(NEW_ACCOUNT) == {c.name for c in table.c} - given
    dialect = sa.create_engine("sqlite://").dialect
    for name, stored in NEW_ACCOUNT.items():
        column = table.c[name]
        default = None if column.default is None else column.default.arg
        process = column.type.dialect_impl(dialect).bind_processor(dialect)
        expected = process(default) if process and default is not None else default
        if isinstance(expected, Tier):
            expected = expected.value
        assert stored == expected, name


def test_imported_values_read_back_through_the_orm_like_ones_it_wrote(engine, session, db_path):
    orm = accounts.create_account(session, "Written Co", annual_revenue="EUR 8,750,000.50")
    apply_import(engine, parse_file(b'Account Name,Annual Revenue,Employees\nImported Co,"GBP 8,750,000.50","1,200"\n'))
    session.expire_all()
    imported = accounts.find_account(session, "Imported Co")
    assert imported.annual_revenue == orm.annual_revenue == Decimal("8750000.5")
    assert (imported.currency, imported.employees, imported.tier) == ("GBP", 1200, Tier.CANDIDATE)
    assert isinstance(imported.created_at, datetime) and isinstance(imported.updated_at, datetime)
    with sqlite3.connect(db_path) as con:
        raw = dict(con.execute("SELECT name, annual_revenue FROM account").fetchall())
        stamps = con.execute("SELECT created_at FROM account ORDER BY id").fetchall()
    assert raw["Imported Co"] == raw["Written Co"] == stored_decimal(Decimal("8750000.50")) == "8750000.5"
    # the same text shape as SQLAlchemy's DATETIME, so both sort and read alike
    assert [len(s) for (s,) in stamps] == [len(stored_datetime(datetime.now()))] * 2


def test_kam_import_waits_for_no_one_when_another_kam_holds_the_database(kam, ready_db):
    """The writer lock: an import while the app is open is refused, and says where."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom kam_tui.lock import WriterLock\n"
            "WriterLock(sys.argv[1], 'kam').acquire()\nprint('held', flush=True)\ntime.sleep(60)",
            str(ready_db),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        before = digest(ready_db)
        out = kam("import", str(FIXTURES / "salesforce_report.csv"), db=ready_db)
    finally:
        holder.kill()
        holder.wait()
    assert out.returncode == 1 and "open in another kam" in out.stderr and "kam import" in out.stderr
    assert digest(ready_db) == before
    with sqlite3.connect(ready_db) as con:
        assert con.execute("SELECT count(*) FROM account").fetchone()[0] == 0


def test_a_backup_that_cannot_be_made_stops_the_import_with_a_message(kam, ready_db):
    (ready_db.parent / "backups").write_text("a file where the backups folder goes")
    out = kam("import", str(FIXTURES / "salesforce_report.csv"), db=ready_db)
    assert out.returncode == 1 and "could not be backed up" in out.stderr and "nothing was written" in out.stderr
    assert "Traceback" not in out.stderr
    with sqlite3.connect(ready_db) as con:
        assert con.execute("SELECT count(*) FROM account").fetchone()[0] == 0


def test_progress_moves_per_batch_and_ends_at_the_total(engine, session, db_path):
    """The import screen's bar: creates in batches, then the updates."""
    accounts.create_account(session, "Company 0001")
    lines = ["Account Name,Industry"] + [f"Company {i:04d},Steel" for i in range(4500)]
    seen: list[tuple[int, int]] = []
    result = apply_import(engine, parse_file("\n".join(lines).encode()), lambda done, total: seen.append((done, total)))
    assert (result.created, result.updated) == (4499, 1)
    assert seen == [(2000, 4500), (4000, 4500), (4499, 4500), (4500, 4500)]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM account WHERE industry = 'Steel'").fetchone()[0] == 4500
        # every new account has its one "imported" tier change, and only they do
        assert (
            con.execute(
                "SELECT count(*) FROM tier_change t JOIN account a ON a.id = t.account_id "
                "WHERE t.reason = 'imported' AND t.to_tier = 'candidate'"
            ).fetchone()[0]
            == 4499
        )
