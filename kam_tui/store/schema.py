"""Making a new database, and telling what a server database holds.

The schema is declared once, in kam_tui/models.py (SQLModel.metadata). A new
database gets it whole (create_all) and is stamped at the newest revision in
Alembic's own bookkeeping table, so later upgrades start from the right place;
tests/core/test_revisions.py checks that running every revision from an empty
database gives exactly the same schema. A file is built beside its final name
and moved into place, so a crash mid-creation never leaves a half-made file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kam_tui.paths import make_private_dir
from kam_tui.store.revisions import HEAD, REVISIONS, SCHEMA_VERSION
from kam_tui.store.sqlite_file import APPLICATION_ID

if TYPE_CHECKING:
    import sqlalchemy as sa
    from sqlalchemy.engine import Connection, Engine

BOOKKEEPING = "alembic_version"
# a key for pg_advisory_xact_lock: two kams setting up or upgrading one server
# database at the same moment take turns ("KAM1", as the files' application_id)
SETUP_LOCK = APPLICATION_ID


def bookkeeping_table() -> sa.Table:
    """Alembic's version table, declared as Alembic declares it."""
    import sqlalchemy as sa

    return sa.Table(
        BOOKKEEPING,
        sa.MetaData(),
        sa.Column("version_num", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
    )


def kam_metadata() -> sa.MetaData:
    from sqlmodel import SQLModel

    import kam_tui.models  # noqa: F401  (registers the tables)

    return SQLModel.metadata


def stamp(con: Connection, revision: str) -> None:
    """Record `revision` as the schema the database is at (Alembic's bookkeeping)."""
    table = bookkeeping_table()
    table.create(con, checkfirst=True)
    con.execute(table.delete())
    con.execute(table.insert().values(version_num=revision))
    if con.dialect.name == "sqlite":
        from sqlalchemy import text

        con.execute(text(f"PRAGMA user_version={REVISIONS.index(revision) + 1}"))


def create_schema(con: Connection) -> None:
    """Every table of the newest schema, stamped at HEAD, in the caller's transaction."""
    kam_metadata().create_all(con)
    stamp(con, HEAD)
    if con.dialect.name == "sqlite":
        from sqlalchemy import text

        con.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))


def create_file(path: Path, make_engine: Callable[..., Engine]) -> None:
    """Build a new database beside `path` and move it into place."""
    make_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600))
    engine = make_engine(tmp, label=path)
    try:
        with engine.begin() as con:
            create_schema(con)
        engine.dispose()
        os.replace(tmp, path)
    finally:
        engine.dispose()
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def stamp_file(engine: Engine, revision: str) -> None:
    """Give a file made before Alembic kept the books its bookkeeping table;
    its tables and rows are not touched."""
    with engine.begin() as con:
        stamp(con, revision)


@dataclass(frozen=True)
class ServerState:
    """What a server database holds: nothing, kam's tables at a revision, or
    someone else's tables."""

    tables: tuple[str, ...] = ()
    revision: str | None = None
    foreign: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.tables


def _server_tables(con: Connection) -> tuple[str, ...]:
    import sqlalchemy as sa

    return tuple(sa.inspect(con).get_table_names())


def read_server_state(con: Connection) -> ServerState:
    import sqlalchemy as sa

    tables = _server_tables(con)
    if not tables:
        return ServerState()
    if BOOKKEEPING not in tables:
        ours = set(kam_metadata().tables)
        return ServerState(tables, None, sorted(t for t in tables if t not in ours) or sorted(tables))
    revision = con.execute(sa.select(bookkeeping_table().c.version_num)).scalar()
    return ServerState(tables, revision or "")


def server_state(engine: Engine) -> ServerState:
    with engine.connect() as con:
        return read_server_state(con)


def take_setup_lock(con: Connection) -> None:
    """Two kams setting up or upgrading one server database take turns; the
    lock ends with the transaction."""
    from sqlalchemy import text

    con.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SETUP_LOCK})


def create_on_server(engine: Engine) -> None:
    """kam's schema in an empty server database, in one transaction (PostgreSQL
    DDL is transactional: a failure leaves the database empty)."""
    with engine.begin() as con:
        take_setup_lock(con)
        if read_server_state(con).empty:  # another kam may have done it while we waited
            create_schema(con)


def drop_everything(engine: Engine) -> None:
    """Every kam table and the bookkeeping, gone, in one transaction (only
    `kam demo --reset` on a server calls this, after checking it holds the demo)."""
    with engine.begin() as con:
        if con.dialect.name == "postgresql":
            take_setup_lock(con)
        kam_metadata().drop_all(con)
        bookkeeping_table().drop(con, checkfirst=True)


__all__ = ["SCHEMA_VERSION", "ServerState", "create_file", "create_on_server", "server_state", "stamp", "stamp_file"]
