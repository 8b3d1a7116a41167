"""Running the store's fast reads on either database, with or without SQLAlchemy.

The reads that bypass the ORM are written once, as plain SQL any database
speaks: named parameters (`:account_id`), no SQLite date functions, no
`LIMIT -1`, no `rowid`. A Reader runs them:

- SqliteReader: the stdlib sqlite3 module, for the paths that must not wait
  for SQLAlchemy to import (the account list's first paint, `kam export --all`);
  sqlite3 understands `:name` parameters natively.
- ConnectionReader: a SQLAlchemy connection (a Session's, or an engine's), on
  SQLite or PostgreSQL. On SQLite it runs the same SQL on the driver's own
  connection, which skips SQLAlchemy's per-row work.

Dates are bound as the database stores them (ISO text in a SQLite file, dates
on a server), and read back by the row builders as either.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

Params = Mapping[str, Any]


class Reader(Protocol):
    """Runs one SELECT and returns its rows as tuples (`rows`), or hands them
    over one at a time (`stream`)."""

    @property
    def dialect(self) -> str: ...

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]: ...

    def stream(self, sql: str, params: Params | None = None) -> Iterator[tuple[Any, ...]]: ...


def _as_stored_in_sqlite(params: Params | None) -> dict[str, Any]:
    """A SQLite file keeps dates as ISO text (as SQLAlchemy writes them): bind them so."""
    if not params:
        return {}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}


# Session.info key: this session reads for a screen (see shown_rows)
SHOWN = "kam_shown"


def shown_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows whose text is made safe to show on a terminal (display_text: an
    escape sequence or a bidi override held in a name shows, never acts).
    A row of plain text is returned as it is, so nearly every row costs a check."""
    return list(shown_each(rows))


def shown_each(rows: Iterator[tuple[Any, ...]] | list[tuple[Any, ...]]) -> Iterator[tuple[Any, ...]]:
    """shown_rows, a row at a time."""
    from kam_tui.text import display_text

    for row in rows:
        for value in row:
            if type(value) is str and not (value.isascii() and value.isprintable()):
                yield tuple(display_text(v, multiline=True) if type(v) is str else v for v in row)
                break
        else:
            yield row


class SqliteReader:
    """A plain sqlite3 connection as a Reader (no SQLAlchemy). `shown`: the
    rows are for a screen, their text made safe to show (shown_rows)."""

    dialect = "sqlite"

    def __init__(self, con: sqlite3.Connection, shown: bool = False) -> None:
        self.con = con
        self.shown = shown

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        with self._said():
            rows = self.con.execute(sql, _as_stored_in_sqlite(params)).fetchall()
        return shown_rows(rows) if self.shown else rows

    def stream(self, sql: str, params: Params | None = None) -> Iterator[tuple[Any, ...]]:
        """The rows one at a time, for a caller that keeps a little of each:
        holding them all at once (100,000 accounts' tuples and their texts)
        leaves the process's memory that much larger long after they are freed."""
        with self._said():
            cursor = self.con.execute(sql, _as_stored_in_sqlite(params))
            yield from shown_each(cursor) if self.shown else cursor

    @contextmanager
    def _said(self) -> Iterator[None]:
        """A read's failure as the store says it (_failed); a constraint or a
        bug is raised as it is."""
        try:
            yield
        except (sqlite3.OperationalError, sqlite3.DataError) as exc:
            raise self._failed(exc) from None
        except sqlite3.DatabaseError as exc:
            if type(exc) is not sqlite3.DatabaseError:
                raise
            raise self._failed(exc) from None

    def _failed(self, exc: sqlite3.Error) -> Exception:
        """A failed read as the store says it: one line, and a damaged page as
        the refusal naming the file's latest good backup (storage_error)."""
        from pathlib import Path

        from kam_tui.store.sqlite_file import storage_error

        try:
            name = self.con.execute("PRAGMA database_list").fetchone()[2] or ":memory:"
        except sqlite3.Error:
            name = "the database"
        return storage_error(exc, Path(name))


class ConnectionReader:
    """A SQLAlchemy Connection as a Reader, on any database."""

    def __init__(self, connection: Connection, shown: bool = False) -> None:
        self.connection = connection
        self.dialect = connection.dialect.name
        self.shown = shown
        self._plain: SqliteReader | None = None
        if self.dialect == "sqlite":
            driver = connection.connection.driver_connection
            if isinstance(driver, sqlite3.Connection):
                self._plain = SqliteReader(driver, shown)

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        if self._plain is not None:
            return self._plain.rows(sql, params)
        from sqlalchemy import text

        rows = [tuple(r) for r in self.connection.execute(text(sql), dict(params or {}))]
        return shown_rows(rows) if self.shown else rows

    def stream(self, sql: str, params: Params | None = None) -> Iterator[tuple[Any, ...]]:
        if self._plain is not None:
            yield from self._plain.stream(sql, params)
            return
        from sqlalchemy import text

        rows = (tuple(r) for r in self.connection.execute(text(sql), dict(params or {})))
        yield from shown_each(rows) if self.shown else rows


def session_reader(session: Session) -> ConnectionReader:
    """A Reader on a Session's own connection, flushed first, so a read sees
    what the session holds (and shows it as that session does: new_session)."""
    session.flush()
    return ConnectionReader(session.connection(), bool(session.info.get(SHOWN)))


def as_reader(source: object) -> Reader:
    """Whatever a caller holds (a Reader, a stdlib sqlite3 connection, a
    SQLAlchemy Connection or Session) as a Reader."""
    if isinstance(source, sqlite3.Connection):
        return SqliteReader(source)
    if isinstance(source, (SqliteReader, ConnectionReader)):
        return source
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

    if isinstance(source, Session):
        return session_reader(source)
    if isinstance(source, Connection):
        return ConnectionReader(source)
    raise TypeError(f"cannot read through {type(source).__name__}")
