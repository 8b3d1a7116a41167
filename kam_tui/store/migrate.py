"""Carrying a database forward to the newest schema with Alembic.

Alembic is imported here only, when an upgrade actually runs (opening a
database that is up to date never loads it). Each revision runs in ONE
transaction with its bookkeeping: Alembic's `alembic_version` and, in a file,
`PRAGMA user_version` (the count of revisions applied, read at start-up
without Alembic). SQLite's driver commits DDL on its own outside a
transaction, so the file's engine hands transaction control to SQLite and
says BEGIN IMMEDIATE itself: a failing revision leaves no half-altered
table. On a server, PostgreSQL's DDL is transactional and an advisory lock
makes two kams take turns.

The caller has made the verified backup (store/engine.py's before_migrate).
Raises DatabaseRefused (one line); the database is then at its last good revision.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kam_tui.store.errors import DatabaseRefused
from kam_tui.store.revisions import HEAD, REVISIONS
from kam_tui.store.sqlite_file import APPLICATION_ID

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

SCRIPTS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection, script_location: Path | None = None) -> Config:
    """Alembic's configuration for a run on `connection`: no alembic.ini is
    needed, so an installed kam upgrades from its own package folder."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location or SCRIPTS))
    config.attributes["connection"] = connection
    return config


def _failure(where: object, current: str, exc: BaseException, revisions: Sequence[str], copies: str) -> DatabaseRefused:
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    at = revisions.index(current) + 1 if current in revisions else 0
    return DatabaseRefused(
        f"{where} could not be upgraded from schema {at} to {at + 1} ({detail}); "
        f"it was left at schema {at}, and a copy is in {copies}"
    )


def _run(
    con: Connection,
    target: str,
    script_location: Path | None,
    revisions: Sequence[str],
    where: object,
    current: str | None,
    copies: Path,
) -> None:
    """Alembic's upgrade on `con`; a failing revision becomes one line naming
    where the database was left (its transaction left nothing behind)."""
    from alembic import command

    config = alembic_config(con, script_location)
    config.attributes["revisions"] = tuple(revisions)
    try:
        command.upgrade(config, target)
    except Exception as exc:  # any failure of a revision: report it, keep the database as it was
        con.rollback()
        at = _revision_now(con) or current or ""
        raise _failure(where, at, exc, revisions, str(copies)) from None


def upgrade_file(
    path: Path,
    current: str | None,
    *,
    target: str = HEAD,
    script_location: Path | None = None,
    revisions: Sequence[str] = REVISIONS,
) -> None:
    """Run the revisions after `current` up to `target` on a SQLite file
    (`current` None: the file is empty and gets every revision up to `target`)."""
    from sqlalchemy import event

    from kam_tui.store import schema
    from kam_tui.store.engine import make_engine

    engine = make_engine(path)

    def autocommit_driver(dbapi_con: Any, _record: Any) -> None:
        dbapi_con.isolation_level = None
        # SQLite's own recipe for altering a table (sqlite.org/lang_altertable.html):
        # foreign keys off while a revision rebuilds one, or dropping the old copy
        # would fire ON DELETE actions on every row that points at it (a person's
        # manager and contact log lost); each revision checks the keys before it
        # commits (migrations/env.py). The pragma only takes outside a transaction.
        dbapi_con.execute("PRAGMA foreign_keys=OFF")

    def begin(con: Connection) -> None:
        con.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", autocommit_driver)
    event.listen(engine, "begin", begin)
    try:
        with engine.connect() as con:
            kept_books = _has_bookkeeping(con)
            con.rollback()  # looking began a transaction; each step below is its own
            if current is None:
                with con.begin():
                    con.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            elif not kept_books:
                with con.begin():  # a file from before Alembic kept the books: record where it is
                    schema.stamp(con, current)
            _run(con, target, script_location, revisions, path, current, path.parent / "backups")
    finally:
        engine.dispose()


def build_file_at(path: Path, revision: str) -> None:
    """A new, empty kam file at an earlier revision than the newest: what a
    copy of a server about to be upgraded is written into."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    upgrade_file(path, None, target=revision)


def upgrade_server(
    engine: Engine,
    current: str | None,
    *,
    target: str = HEAD,
    script_location: Path | None = None,
    revisions: Sequence[str] = REVISIONS,
) -> None:
    """Run the revisions after `current` up to `target` on a server database
    (`current` None: an empty one), holding a session advisory lock so a
    second kam waits rather than races."""
    from sqlalchemy import text

    from kam_tui.backup import server_backup_dir
    from kam_tui.store.engine import engine_location
    from kam_tui.store.schema import SETUP_LOCK

    with engine.connect() as con:
        con.execute(text("SELECT pg_advisory_lock(:key)"), {"key": SETUP_LOCK})
        con.commit()
        try:
            _run(con, target, script_location, revisions, engine_location(engine), current, server_backup_dir())
        finally:
            con.rollback()
            con.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": SETUP_LOCK})
            con.commit()


def _has_bookkeeping(con: Connection) -> bool:
    import sqlalchemy as sa

    from kam_tui.store.schema import BOOKKEEPING

    return bool(sa.inspect(con).has_table(BOOKKEEPING))


def _revision_now(con: Connection) -> str | None:
    import sqlalchemy as sa

    from kam_tui.store.schema import bookkeeping_table

    try:
        con.rollback()
        revision = con.execute(sa.select(bookkeeping_table().c.version_num)).scalar()
        con.rollback()
        return revision
    except Exception:  # noqa: BLE001 - only for the message
        return None
