"""Reads that must not wait for SQLAlchemy on a file: the app's first look
before its first paint, the account list's rows, `kam export --all`.

On a file they run through stdlib sqlite3 (SQLAlchemy takes ~0.45 s to
import, longer than the whole first paint); on a server there is no such
shortcut, and the same SQL runs through the engine. Either way the caller
gets a Reader (kam_tui/store/reader.py) and never sees which.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from kam_tui.store.errors import DatabaseRefused, StorageError
from kam_tui.store.location import Location
from kam_tui.store.reader import ConnectionReader, Reader, SqliteReader
from kam_tui.store.sqlite_file import (
    BUSY_TIMEOUT_MS,
    check_file,
    location_writable,
    missing_message,
    read_uri,
    storage_error,
    tighten,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


DEMO_SETTING = "demo_seeded_on"


def has_accounts(reader: Reader) -> tuple[bool, bool]:
    """(holds any account, is the demo database): two one-row queries."""
    has = bool(reader.rows("SELECT 1 FROM account LIMIT 1"))
    demo = bool(reader.rows("SELECT 1 FROM setting WHERE key = :key", {"key": DEMO_SETTING}))
    return has, demo


def first_look(location: Location, engine: Engine | None = None) -> tuple[bool, bool]:
    """(has accounts, is a demo database), before the first paint. A missing
    file has no accounts; a file that cannot be read this way counts as having
    accounts, so the list opens and says what is wrong. A server is looked at
    through its engine (the caller opened it before starting the app)."""
    if location.is_server:
        if engine is None:
            return True, False
        try:
            with engine_reader(engine) as reader:
                return has_accounts(reader)
        except StorageError:
            return True, False
    path = location.file_path
    if not path.exists():
        return False, False
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return True, False
    try:
        return has_accounts(SqliteReader(con))
    except (sqlite3.Error, StorageError):  # the list reads it again and says what is wrong
        return True, False
    finally:
        con.close()


@contextmanager
def file_reader(path: Path, shown: bool = False) -> Iterator[SqliteReader]:
    """A plain sqlite3 Reader on a checked file, for the app's fast reads
    (another connection of this process may be writing: it waits its turn).
    `shown`: the rows go on a screen (reader.shown_rows)."""
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        yield SqliteReader(con, shown)
    finally:
        con.close()


@contextmanager
def engine_reader(engine: Engine, shown: bool = False) -> Iterator[ConnectionReader]:
    """A Reader on one of the engine's connections (a server has no shortcut)."""
    with engine.connect() as con:
        yield ConnectionReader(con, shown)


@contextmanager
def reading(location: Location, *, pages: bool = False) -> Iterator[Reader]:
    """A Reader on the database for reading everything once (`kam export
    --all`), after the same checks open_database makes: a foreign, newer or
    damaged file is refused and left as it is; one that needs upgrading is
    upgraded the usual way first. `pages` checks every page first (a file
    about to be read whole). Raises DatabaseRefused with one line."""
    if location.is_server:
        from kam_tui.store.engine import open_database

        engine = open_database(location, create=False)
        try:
            with engine_reader(engine) as reader:
                yield reader
        finally:
            engine.dispose()
        return
    path = location.file_path
    state = check_file(path, pages=pages)
    if not state.exists:
        raise DatabaseRefused(missing_message(path))
    if state.needs_migration or (not state.stamped and location_writable(path)):
        from kam_tui.store.engine import open_database

        open_database(path, create=False).dispose()
    writable = location_writable(path)
    if writable:
        tighten(path)  # as open_database does: a file and its journal readable by others are kept to their owner
    try:
        if not writable:
            con = sqlite3.connect(read_uri(path), uri=True, timeout=2.0)
        else:
            # as the engine would open it, so closing tidies the -wal/-shm files away;
            # query_only makes sure this connection never writes
            con = sqlite3.connect(path, timeout=2.0)
            con.execute("PRAGMA query_only=ON")
    except sqlite3.Error as exc:
        raise storage_error(exc, path) from None
    try:
        yield SqliteReader(con)
    except sqlite3.Error as exc:
        raise storage_error(exc, path) from None
    finally:
        con.close()


# On a server, how long a screen may show what it read before it reads again
# when the user comes back to it (colleagues' changes show within this).
SERVER_REFRESH_S = 30


def signature(location: Location, engine: Engine | None = None) -> object:
    """Changes whenever anything is committed to a file (it or its WAL moves):
    lets a screen skip re-reading when nothing changed. On a server it changes
    with every commit this process makes, and every SERVER_REFRESH_S besides
    for colleagues' changes: re-reading 10,000 accounts on every return to the
    list would cost the server and slow the next step."""
    if location.is_server:
        from kam_tui.store.engine import commits_made

        return (commits_made(engine) if engine is not None else 0, int(time.monotonic() // SERVER_REFRESH_S))
    sig: list[tuple[int, int] | None] = []
    for suffix in ("", "-wal"):
        try:
            st = os.stat(f"{location.file_path}{suffix}")
            sig.append((st.st_mtime_ns, st.st_size))
        except OSError:
            sig.append(None)
    return tuple(sig)
