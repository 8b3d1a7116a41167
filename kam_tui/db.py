"""The SQLite file: checking it, creating it, migrating it, connecting to it.

A file is only ever written once we know it is ours and not from a newer
version: anything else is refused with a one-line message and left untouched.
The checks use the stdlib sqlite3 module only, so they cost nothing at start-up;
SQLAlchemy is imported when an engine is made.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kam_tui.paths import make_private_dir

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session

# "KAM1": marks a SQLite file as ours, so a foreign SQLite file is never migrated.
APPLICATION_ID = 0x4B414D31
SCHEMA_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 2000


class DatabaseRefused(Exception):
    """The file cannot be used; str() is a one-line message for the user."""


class NotKamDatabase(DatabaseRefused):
    pass


class DamagedDatabase(DatabaseRefused):
    pass


class NewerDatabase(DatabaseRefused):
    pass


@dataclass(frozen=True)
class FileState:
    path: Path
    exists: bool
    version: int = 0

    @property
    def needs_migration(self) -> bool:
        return self.exists and self.version < SCHEMA_VERSION


# Forward migrations: MIGRATIONS[n] takes a database at version n to n + 1.
# Each runs inside one transaction with the version bump; never edit a released one.
MIGRATIONS: dict[int, Callable[["Connection"], None]] = {}


def _check_header(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise NotKamDatabase(f"{path} is an empty file, not a kam database")
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header.startswith(SQLITE_MAGIC):
        raise NotKamDatabase(f"{path} is not a kam database (not an SQLite file)")
    if len(header) < 100:
        raise DamagedDatabase(f"{path} is damaged: the file is truncated")
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if page_size < 512 or size % page_size:
        raise DamagedDatabase(f"{path} is damaged: the file is truncated")
    if valid_for == change_counter and size < page_count * page_size:
        raise DamagedDatabase(f"{path} is damaged: the file is truncated")


def inspect_file(path: Path) -> FileState:
    """Say whether `path` is absent, or a kam database at some version.

    Raises DatabaseRefused for anything we must not touch. Opens read-only.
    """
    if not path.exists():
        return FileState(path, exists=False)
    if path.is_dir():
        raise NotKamDatabase(f"{path} is a folder, not a kam database")
    _check_header(path)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = con.execute("PRAGMA application_id").fetchone()[0]
            version = con.execute("PRAGMA user_version").fetchone()[0]
            con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(f"{path} is damaged and cannot be read ({exc})") from None
    if app_id != APPLICATION_ID:
        raise NotKamDatabase(f"{path} is an SQLite file from another program, not a kam database")
    if version > SCHEMA_VERSION:
        raise NewerDatabase(
            f"{path} was written by a newer version of kam (schema {version}, this one "
            f"reads up to {SCHEMA_VERSION}); upgrade kam to open it"
        )
    if version < 1:
        raise DamagedDatabase(f"{path} is a kam database that was never finished being created")
    return FileState(path, exists=True, version=version)


def _set_pragmas(dbapi_con, _record) -> None:
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def make_engine(path: Path) -> "Engine":
    """An engine whose every pooled connection gets our pragmas."""
    from sqlalchemy import create_engine, event

    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _create(path: Path) -> None:
    """Build a new database beside `path` and move it into place, so a crash
    mid-creation never leaves a half-made file under the user's name."""
    from sqlalchemy import text
    from sqlmodel import SQLModel

    import kam_tui.models  # noqa: F401  (registers the tables)

    make_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.creating-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY, 0o600))
    engine = make_engine(tmp)
    try:
        SQLModel.metadata.create_all(engine)
        with engine.begin() as con:
            con.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
            con.execute(text(f"PRAGMA user_version={SCHEMA_VERSION}"))
    finally:
        engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)


def _migrate(engine: "Engine", from_version: int) -> None:
    from sqlalchemy import text

    for version in range(from_version, SCHEMA_VERSION):
        step = MIGRATIONS[version]
        with engine.begin() as con:
            step(con)
            con.execute(text(f"PRAGMA user_version={version + 1}"))


def open_database(
    path: Path,
    *,
    create: bool = True,
    before_migrate: Callable[[Path, int], None] | None = None,
) -> "Engine":
    """Check, create or migrate the file at `path` and return an engine on it.

    `before_migrate(path, version)` runs before any migration (the backup hook).
    Raises DatabaseRefused with a one-line message; the file is then untouched.
    """
    state = inspect_file(path)
    if not state.exists:
        if not create:
            raise DatabaseRefused(f"{path} does not exist; run `kam init` to create it")
        _create(path)
    engine = make_engine(path)
    if state.needs_migration:
        if before_migrate is not None:
            before_migrate(path, state.version)
        _migrate(engine, state.version)
    return engine


def new_session(engine: "Engine") -> "Session":
    """A session for one unit of work. expire_on_commit=False: autosave commits
    often, and expiring every loaded object on each commit costs milliseconds."""
    from sqlmodel import Session

    return Session(engine, expire_on_commit=False)
