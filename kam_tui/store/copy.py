"""Whole-database copies between a server and a file.

`kam backup` of a server writes a portable SQLite copy of the whole database,
so any backup opens offline with `kam --db FILE`; `kam restore FILE` into a
server loads such a copy (or any kam file) into an empty server database.

Rows go across table by table in dependency order, read with one set of
column types at one end and written with the same at the other (the
models' into a server, the copy's own into a file, which is what lets a
server about to be upgraded be copied at the schema it has), so every value
arrives as the other database stores it (dates, amounts, UTC times).
A server is read in one REPEATABLE READ transaction: the copy is one moment
of the database even while colleagues keep editing. A self-reference (who
reports to whom, which SWOT point was copied from which) is filled in after
its table's rows are all there, so no row ever points at one not yet written.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kam_tui.fsutil import flush_to_disk
from kam_tui.store.errors import DatabaseRefused
from kam_tui.store.revisions import HEAD
from kam_tui.text import counted

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine

BATCH = 2000


def _self_references(table: sa.Table) -> list[str]:
    return [c.name for c in table.columns for fk in c.foreign_keys if fk.column.table.name == table.name]


def _batches(src: Connection, table: sa.Table) -> Iterator[list[dict[str, Any]]]:
    import sqlalchemy as sa

    order = list(table.primary_key.columns)
    result = src.execution_options(stream_results=True, yield_per=BATCH).execute(sa.select(table).order_by(*order))
    for part in result.mappings().partitions(BATCH):
        yield [dict(r) for r in part]


def copy_table(src: Connection, dst: Connection, table: sa.Table) -> int:
    """Every row of `table` from src to dst (same schema); returns how many."""
    import sqlalchemy as sa

    refs = _self_references(table)
    # filling in a self-reference is not a save: the row keeps its version and stamps
    # (the models' columns would otherwise move them on, as for any UPDATE)
    kept = [c for c in ("version", "updated_at", "updated_by") if c in table.c] if refs else []
    (key,) = table.primary_key.columns if refs else (None,)
    later: list[dict[str, Any]] = []
    count = 0
    for rows in _batches(src, table):
        for row in rows:
            if refs and any(row[c] is not None for c in refs):
                later.append({"_key": row[key.name], **{f"_{c}": row[c] for c in refs + kept}})  # type: ignore[union-attr]
                for c in refs:
                    row[c] = None
        dst.execute(table.insert(), rows)
        count += len(rows)
    if later and key is not None:
        update = (
            table.update().where(key == sa.bindparam("_key")).values({c: sa.bindparam(f"_{c}") for c in refs + kept})
        )
        dst.execute(update, later)
    return count


def _count(con: Connection, table: sa.Table) -> int:
    import sqlalchemy as sa

    return int(con.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0)


# ---------------------------------------------------------------- server -> file


def copy_to_file(source: Engine, dest: Path) -> dict[str, int]:
    """Write a verified SQLite copy of the whole database under `source` to
    `dest` (0600; never a half-made file under that name). Returns the rows
    copied per table. Raises DatabaseRefused (one line) when the copy fails
    its checks; StorageError when the source cannot be read."""
    import sqlalchemy as sa

    from kam_tui.store import schema
    from kam_tui.store.engine import make_engine
    from kam_tui.store.sqlite_file import connect_file

    tmp = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    counts: dict[str, int] = {}
    try:
        with source.connect() as src:
            if src.dialect.name == "postgresql":
                src = src.execution_options(isolation_level="REPEATABLE READ")
            with src.begin():
                revision = src.execute(sa.select(schema.bookkeeping_table().c.version_num)).scalar() or HEAD
                if revision == HEAD:
                    schema.create_file(tmp, make_engine)
                else:  # a server about to be upgraded: the copy keeps the schema it has now
                    from kam_tui.store.migrate import build_file_at

                    build_file_at(tmp, revision)
                # the copy's own tables, whatever revision it is at: one way to copy for both
                tables = _reflected(tmp)
                target = make_engine(tmp, label=dest)
                try:
                    with target.begin() as dst:
                        for table in tables:
                            counts[table.name] = copy_table(src, dst, table)
                finally:
                    target.dispose()
                expected = {t.name: _count(src, t) for t in tables}
        con = connect_file(tmp)
        try:
            con.execute("PRAGMA journal_mode=DELETE")  # one self-contained file: no -wal beside a backup
            problems = [r[0] for r in con.execute("PRAGMA integrity_check")] != ["ok"]
            problems = problems or bool(con.execute("PRAGMA foreign_key_check").fetchall())
            got = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in counts}
        finally:
            con.close()
        if problems or got != expected:
            raise DatabaseRefused(f"the copy of {source.url.database} failed its check and was deleted")
        with open(tmp, "rb") as fh:
            flush_to_disk(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
    finally:
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm"), Path(f"{tmp}-journal")):
            leftover.unlink(missing_ok=True)
    return counts


def _reflected(path: Path) -> list[sa.Table]:
    import sqlalchemy as sa

    from kam_tui.store.engine import make_engine
    from kam_tui.store.schema import BOOKKEEPING

    engine = make_engine(path)
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        return [t for t in meta.sorted_tables if t.name != BOOKKEEPING]
    finally:
        engine.dispose()


# ---------------------------------------------------------------- file -> server


class NotEmpty(DatabaseRefused):
    """A restore into a server database that holds data already."""


def load_file(source: Path, target: Engine) -> dict[str, int]:
    """Load the kam file `source` (at the newest schema) into the empty kam
    database under `target`, in one transaction. Returns rows per table.
    Refuses (NotEmpty) a database that holds any row: a restore never mixes
    two sets of plans."""
    from kam_tui.store import schema
    from kam_tui.store.engine import engine_location, make_engine

    source_engine = make_engine(source, read_only=True, reason="it is the copy being restored")
    counts: dict[str, int] = {}
    try:
        with target.begin() as dst, source_engine.connect() as src:
            if dst.dialect.name == "postgresql":
                schema.take_setup_lock(dst)
            tables = schema.kam_metadata().sorted_tables
            held = {t.name: _count(dst, t) for t in tables}
            if any(held.values()):
                accounts = held.get("account", 0)
                raise NotEmpty(
                    f"{engine_location(target)} already holds kam data ({counted(accounts, 'account')}); "
                    "restore loads a copy into an empty database only"
                )
            for table in tables:
                counts[table.name] = copy_table(src, dst, table)
            if dst.dialect.name == "postgresql":
                _continue_ids_after_loaded(dst, tables)
    finally:
        source_engine.dispose()
    return counts


def _continue_ids_after_loaded(con: Connection, tables: list[sa.Table]) -> None:
    """A server hands out ids from a sequence per table: after loading rows
    with their own ids, each sequence must go on after the highest one."""
    import sqlalchemy as sa
    from sqlalchemy import text

    quote = con.dialect.identifier_preparer.quote
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, sa.Integer):
            continue  # no id of its own (scores, roles, cells, settings)
        column = keys[0]
        con.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE((SELECT MAX({quote(column.name)}) FROM {quote(table.name)}), 0) + 1, false)"
            ),
            {"table": table.name, "column": column.name},
        )
