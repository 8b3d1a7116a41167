"""Test helpers for schema revisions: fill a database at any revision with
awkward rows in every table, and read every row back, on SQLite or
PostgreSQL alike (tests/core/test_migrations.py, tests/core/test_revisions.py).

Rows are made from the tables as they stand in the database (reflected), so
a table or column a later revision adds or drops is handled without change
here. Values come from tests/fixtures/make_v1.py: a column the models still
have gets a value its model accepts (a real vocabulary word, an amount)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

import kam_tui.models  # noqa: F401  (registers the tables)

FIXTURES = Path(__file__).parent / "fixtures"
ROWS = 3
BOOKKEEPING = "alembic_version"


def _make_v1() -> Any:
    spec = importlib.util.spec_from_file_location("make_v1", FIXTURES / "make_v1.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_value_for = _make_v1().value_for


def tables_of(con: sa.Connection) -> list[sa.Table]:
    meta = sa.MetaData()
    meta.reflect(con)
    return [t for t in meta.sorted_tables if t.name != BOOKKEEPING]


def fill(engine: sa.Engine) -> None:
    """ROWS rows in every table, every column filled, foreign keys to rows 1..ROWS."""
    with engine.begin() as con:
        for table in tables_of(con):
            model = SQLModel.metadata.tables.get(table.name)
            for i in range(ROWS):
                row = {}
                for column in table.columns:
                    autoinc = column.primary_key and isinstance(column.type, sa.Integer) and not column.foreign_keys
                    if autoinc:
                        continue
                    known = model is not None and column.name in model.c
                    source = model.c[column.name] if known else column
                    value = _value_for(model if known else table, source, i)
                    bind = source.type.bind_processor(con.dialect) if known else None
                    if bind is not None and isinstance(source.type, sa.types.TypeDecorator):
                        # as the model stores it (an amount as text): the reflected column is plain
                        value = bind(value)
                    row[column.name] = value
                con.execute(table.insert().values(**row))


def rows_of(engine: sa.Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (bookkeeping aside), in primary-key order."""
    with engine.connect() as con:
        out = {}
        for table in tables_of(con):
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [dict(r) for r in con.execute(sa.select(table).order_by(*order)).mappings()]
        return out


def schema_of(engine: sa.Engine) -> dict[str, Any]:
    """Tables with their columns, foreign keys and indexes: what must agree
    between an upgraded database and a new one (DDL text may differ)."""
    inspector = sa.inspect(engine)
    out: dict[str, Any] = {}
    for t in inspector.get_table_names():
        out[f"table {t}"] = sorted(
            (c["name"], str(c["type"]).upper(), bool(c["nullable"]), bool(c.get("primary_key")))
            for c in inspector.get_columns(t)
        )
        out[f"pk {t}"] = sorted(inspector.get_pk_constraint(t)["constrained_columns"])
        out[f"fks {t}"] = sorted(
            (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]), str(f.get("options")))
            for f in inspector.get_foreign_keys(t)
        )
        out[f"indexes {t}"] = sorted((tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(t))
        out[f"uniques {t}"] = sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(t))
    return out
