"""The store's import writer: the file writer (stdlib sqlite3, so `kam import`
loads no SQLAlchemy) writes exactly the rows the Core writer writes, whose
columns the models' tables fill in; neither works out an id itself."""

from __future__ import annotations

import re
import sqlite3
from enum import Enum

import pytest
import sqlalchemy as sa

from kam_tui.importer import make_plan, parse_file
from kam_tui.importer.apply import write_plan
from kam_tui.models import SQLModel
from kam_tui.services import accounts
from kam_tui.store.engine import new_session, open_database
from kam_tui.store.import_writer import FILE_DEFAULTS, importing
from kam_tui.store.sqlite_file import open_plain
from tests.importer import crm_files as crm

# every table an import writes, and the people and deals of a whole Salesforce set
WRITTEN = ("account", "tier_change", "stakeholder", "opportunity")
SALESFORCE = (crm.salesforce_accounts, crm.salesforce_contacts, crm.salesforce_opportunities)
MOMENT = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


@pytest.fixture
def backend() -> str:
    return "sqlite"


def test_what_the_file_writer_fills_in_is_what_the_tables_declare():
    """A column added to the models with a default must be added to FILE_DEFAULTS
    (a NOT NULL column without one would make `kam import` into a file fail)."""
    dialect = sa.create_engine("sqlite://").dialect
    assert set(FILE_DEFAULTS) == set(WRITTEN)
    for name in WRITTEN:
        table = SQLModel.metadata.tables[name]
        declared = {}
        for column in table.c:
            default = column.default
            if default is None or not default.is_scalar or default.arg is None:
                continue
            process = column.type.dialect_impl(dialect).bind_processor(dialect)
            stored = process(default.arg) if process else default.arg
            declared[column.name] = stored.value if isinstance(stored, Enum) else stored
        assert FILE_DEFAULTS[name] == declared, name


def rows_of(path, table: str) -> list[tuple]:
    """Every column of every row, the import's moment as its text form (two
    imports cannot run at the same microsecond) and each uuid as its form
    (every row makes its own)."""
    con = sqlite3.connect(path)
    try:
        out = []
        for row in con.execute(f"SELECT * FROM {table} ORDER BY id"):
            out.append(
                tuple(
                    "<moment>"
                    if isinstance(v, str) and MOMENT.fullmatch(v)
                    else "<uuid>"
                    if isinstance(v, str) and UUID.fullmatch(v)
                    else v
                    for v in row
                )
            )
        return out
    finally:
        con.close()


def import_through(path, core: bool, data: bytes) -> None:
    parsed = parse_file(data)
    if core:
        engine = open_database(path)
        try:
            with importing(engine, plain_on_a_file=False) as writer:
                write_plan(writer, make_plan(writer.connection, parsed))
        finally:
            engine.dispose()
    else:
        con = open_plain(path)
        try:
            with importing(con) as writer:
                write_plan(writer, make_plan(writer.connection, parsed))
        finally:
            con.close()


def test_the_file_writer_and_the_core_writer_write_the_same_rows(tmp_path):
    files = {}
    for core in (False, True):
        path = files[core] = tmp_path / f"{'core' if core else 'file'}.db"
        engine = open_database(path)
        with new_session(engine) as s:  # one account typed by hand, which the files then fill in
            accounts.create_account(s, "Acme Corporation", industry="Metals", tier="existing_key")
        engine.dispose()
        for data in (*SALESFORCE, crm.hubspot_contacts, crm.hubspot_deals, *SALESFORCE):
            import_through(path, core, data())
    for table in WRITTEN:
        written = rows_of(files[False], table)
        assert len(written) > 1, table
        assert written == rows_of(files[True], table), table
    con = sqlite3.connect(files[False])
    try:  # what the comparison covers: reporting lines between new people, amounts, dates
        assert con.execute("SELECT count(*) FROM stakeholder WHERE reports_to_id IS NOT NULL").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM opportunity WHERE value IS NOT NULL").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM stakeholder WHERE last_contact IS NOT NULL").fetchone()[0] > 0
    finally:
        con.close()


@pytest.mark.parametrize("core", [False, True], ids=["file writer", "core writer"])
def test_each_new_account_gets_its_own_id_when_rows_give_different_columns(tmp_path, core):
    """Rows that give different columns are written by different statements;
    each new account's id is still its own (a person or deal of the same
    import is tied to it by that id)."""
    path = tmp_path / "kam.db"
    open_database(path).dispose()
    lines = ["Account Name,Industry,Website"]
    lines += [f"Company {i},{'Steel' if i % 3 else ''},{f'c{i}.example' if i % 2 else ''}" for i in range(12)]
    parsed = parse_file(("\n".join(lines) + "\n").encode())
    engine = open_database(path)
    try:
        with importing(engine, plain_on_a_file=not core) as writer:
            plan = make_plan(writer.connection, parsed)
            write_plan(writer, plan)
        given = {t.account_id: t.name for t in plan.creates}
    finally:
        engine.dispose()
    con = sqlite3.connect(path)
    try:
        assert dict(con.execute("SELECT id, name FROM account")) == given
    finally:
        con.close()
