"""Engines and sessions on a SQLite file or a PostgreSQL server, and opening a
database: check it, create it, carry it forward to the newest schema.

Engines translate storage failures (disk full, read-only, busy, damaged; a
server that cannot be reached, refuses us or drops the connection) into
StorageError with a one-line message. On a file, sessions from new_session
take the writer lock (kam_tui/lock.py) for each transaction that writes,
unless the process holds it already, so a second kam is told where the
database is open; on a server the server arbitrates and there is no lock
file. A folder or file we cannot write gives a read-only engine whose writes
say why. Upgrades run after a verified backup (store/migrate.py).
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kam_tui.store.errors import (
    DatabaseRefused,
    NewerDatabase,
    NotKamDatabase,
    ReadOnlyDatabase,
    ServerUnavailable,
    StorageError,
)
from kam_tui.store.location import Location, parse_location
from kam_tui.store.revisions import HEAD, REVISIONS, SCHEMA_VERSION, version_of
from kam_tui.store.sqlite_file import (
    OPEN_ELSEWHERE,
    apply_pragmas,
    check_file,
    describe_storage_error,
    file_uri,
    is_damage,
    location_writable,
    missing_message,
    read_only_message,
    read_only_reason,
    read_uri,
    storage_error,
    tighten,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine, ExceptionContext
    from sqlalchemy.orm import SessionTransaction
    from sqlmodel import Session

# (Location, schema version it is at) -> None; raises to stop the upgrade
BeforeMigrate = Callable[[Location, int], None]

SERVER_CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True)
class EngineInfo:
    location: Location
    read_only: bool = False
    reason: str = OPEN_ELSEWHERE


_INFO: weakref.WeakKeyDictionary[Engine, EngineInfo] = weakref.WeakKeyDictionary()
# commits made through each server engine: this process's own changes (store/quick.py's signature)
_COMMITS: weakref.WeakKeyDictionary[Engine, int] = weakref.WeakKeyDictionary()


def commits_made(engine: Engine) -> int:
    """How many transactions this process has committed through `engine`."""
    return _COMMITS.get(engine, 0)


def engine_info(engine: Engine) -> EngineInfo:
    info = _INFO.get(engine)
    if info is None:  # an engine made elsewhere (a test's): read what its URL says
        database = engine.url.database or ""
        if engine.dialect.name == "sqlite":
            return EngineInfo(Location.file(database.removeprefix("file:").split("?", 1)[0]))
        return EngineInfo(Location(url=engine.url.render_as_string(hide_password=False)))
    return info


def is_server(engine: Engine) -> bool:
    return engine.dialect.name != "sqlite"


# ---------------------------------------------------------------- SQLite


def _set_pragmas(dbapi_con: Any, _record: Any) -> None:
    apply_pragmas(dbapi_con)


def make_engine(
    path: Path, *, read_only: bool = False, label: Path | None = None, reason: str = OPEN_ELSEWHERE
) -> Engine:
    """An engine on a SQLite file whose every pooled connection gets our pragmas,
    and whose storage failures arrive as StorageError with a one-line message.
    `reason` says why a read-only engine is read-only, for that message."""
    from sqlalchemy import create_engine, event, exc
    from sqlalchemy.pool import QueuePool

    # in a read-only folder SQLite cannot make the -shm it needs even to read;
    # nobody can be writing there either, so read the file as it is
    uri = read_uri(path) if read_only else file_uri(path)

    def connect() -> sqlite3.Connection:
        # the file is named by a URI we build, never by SQLAlchemy's URL parser:
        # `q/a?b.db` is a file name, not a query string
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    _INFO[engine] = EngineInfo(Location.file(label or path), read_only, reason)
    event.listen(engine, "connect", _set_pragmas)

    def translate(context: ExceptionContext) -> None:
        original = context.original_exception
        # storage trouble only: OperationalError (full, read-only, busy, I/O) and the
        # bare DatabaseError SQLite raises for a damaged file; IntegrityError and
        # programming errors stay as they are for the services to handle
        storage = isinstance(original, sqlite3.OperationalError) or type(original) is sqlite3.DatabaseError
        if storage or isinstance(context.sqlalchemy_exception, exc.OperationalError):
            if isinstance(original, sqlite3.Error) and is_damage(original):
                raise storage_error(original, label or path)
            cls = ReadOnlyDatabase if read_only else StorageError
            raise cls(describe_storage_error(str(original), label or path, read_only, reason))

    event.listen(engine, "handle_error", translate)
    return engine


# ---------------------------------------------------------------- PostgreSQL


def server_url_for_sqlalchemy(url: str) -> Any:
    """The user's postgresql:// URL with psycopg 3 as the driver."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql+psycopg")


def _where(location: Location) -> str:
    """'the server at HOST:PORT' (never the password), for messages."""
    from urllib.parse import urlsplit

    parts = urlsplit(location.server_url)
    host = parts.hostname or "localhost"
    return f"the server at {host}:{parts.port or 5432}"


def describe_server_error(original: BaseException, location: Location) -> tuple[str, bool]:
    """(one line for the user, whether the server could not be used at all)."""
    message = str(original).strip()
    low = message.lower()
    first = message.splitlines()[0] if message else type(original).__name__
    where = _where(location)
    database = location.database_name
    sqlstate = getattr(original, "sqlstate", None) or ""
    if "password authentication failed" in low or "no password supplied" in low:
        user = _quoted(message, "user") or "that user"
        return f"{where} refused the user {user}: wrong or missing password", True
    if sqlstate == "3D000" or ("database" in low and "does not exist" in low):
        return f"{where} has no database {database}; create it first (createdb {database})", True
    if sqlstate == "28000" or ("role" in low and "does not exist" in low):
        user = _quoted(message, "role") or "that user"
        return f"{where} has no user {user}", True
    if "no pg_hba.conf entry" in low:
        return f"{where} does not let this machine in (pg_hba.conf)", True
    if "connection refused" in low or "could not connect" in low or "no such file or directory" in low:
        return f"cannot reach {where} (connection refused); is it running?", True
    if "could not translate host name" in low or "name or service not known" in low:
        return f"cannot find {where}: no such host", True
    if "timeout expired" in low or "timed out" in low:
        return f"{where} did not answer in time", True
    if sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03") or _lost(low):
        return f"the connection to {where} was lost, so the change was not saved; try again", False
    if sqlstate == "53100":
        return f"the disk of {where} is full, so the change was not saved", False
    if sqlstate == "25006":
        return f"{database} on {where} is read-only for you, so the change was not saved", False
    if sqlstate == "42501":
        return f"{where} does not allow you this: {first.removeprefix('ERROR:').strip()}", False
    if sqlstate in ("40001", "40P01"):
        return "another change to the same data got in the way, so this one was not saved; try again", False
    return f"could not use {database} on {where}: {first}", False


def _lost(low: str) -> bool:
    return any(
        words in low
        for words in ("server closed the connection", "connection is closed", "terminating connection", "lost")
    )


def _quoted(message: str, word: str) -> str | None:
    import re

    found = re.search(rf'{word} "([^"]*)"', message)
    return found.group(1) if found else None


def make_server_engine(location: Location) -> Engine:
    """An engine on a PostgreSQL database. Sessions run in UTC (timestamps are
    stored as UTC, as in a file), and failures arrive as StorageError (or
    ServerUnavailable when the server cannot be used at all) with one line."""
    try:
        from sqlalchemy import create_engine, event
    except ImportError:  # pragma: no cover - SQLAlchemy is a dependency
        raise
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise DatabaseRefused(
            f"{location} is a PostgreSQL server, which needs psycopg: pip install 'kam-tui[postgres]'"
        ) from None
    engine = create_engine(
        server_url_for_sqlalchemy(location.server_url),
        connect_args={
            "connect_timeout": SERVER_CONNECT_TIMEOUT_S,
            "options": "-c timezone=UTC",
            "application_name": "kam",
        },
    )
    _INFO[engine] = EngineInfo(location)
    _COMMITS[engine] = 0

    def counted(_connection: Any) -> None:
        _COMMITS[engine] = _COMMITS.get(engine, 0) + 1

    event.listen(engine, "commit", counted)

    def translate(context: ExceptionContext) -> None:
        original = context.original_exception
        if not _is_server_failure(original):
            return  # a broken constraint or a bug: the services and tests see it as it is
        text, unusable = describe_server_error(original, location)
        raise (ServerUnavailable if unusable else StorageError)(text)

    event.listen(engine, "handle_error", translate)
    return engine


def _is_server_failure(original: BaseException) -> bool:
    import psycopg

    if isinstance(original, psycopg.IntegrityError):
        return False
    if isinstance(original, psycopg.ProgrammingError):
        return getattr(original, "sqlstate", None) == "42501"  # permission denied
    return isinstance(original, psycopg.Error)


# ---------------------------------------------------------------- opening


def backup_before_migrate(location: Location, version: int) -> None:
    """The default before_migrate hook: a verified copy of the database as it
    is (for a server, a SQLite copy in the user data folder). No copy, no upgrade."""
    from kam_tui.backup import BackupFailed, backup_before, backup_server

    try:
        if location.is_server:
            backup_server(location, "migrate")
        else:
            backup_before(location.file_path, "migrate")
    except BackupFailed as exc:
        raise DatabaseRefused(f"{location} was not upgraded, because it could not be backed up first: {exc}") from None


def open_database(
    where: Location | Path | str,
    *,
    create: bool = True,
    read_only: bool = False,
    before_migrate: BeforeMigrate | None = backup_before_migrate,
    user: str | None = None,
) -> Engine:
    """Check, create or upgrade the database and return an engine on it.

    `user`: the name every row saved through the engine records as `updated_by`
    (kam_tui.settings.current_user(); None: asked of the settings once, on the first save).

    `before_migrate(location, version)` runs before any upgrade (by default a
    verified backup; pass None to skip it). `read_only` opens a file with
    SQLite's mode=ro: nothing is created or upgraded, and a write raises
    ReadOnlyDatabase. Raises DatabaseRefused with a one-line message; the
    database is then untouched.
    """
    location = where if isinstance(where, Location) else parse_location(where)
    if location.is_server:
        engine = _open_server(location, create=create, before_migrate=before_migrate)
    else:
        engine = _open_file(location.file_path, create=create, read_only=read_only, before_migrate=before_migrate)
    if user is not None:
        from kam_tui.store.stamps import set_user

        set_user(engine, user)
    return engine


def _open_file(path: Path, *, create: bool, read_only: bool, before_migrate: BeforeMigrate | None) -> Engine:
    from kam_tui.store import schema

    state = check_file(path)
    if not state.exists:
        if read_only:
            raise DatabaseRefused(f"{path} does not exist")
        if not create:
            raise DatabaseRefused(missing_message(path))
        try:
            schema.create_file(path, make_engine)
        except sqlite3.Error as exc:
            raise StorageError(describe_storage_error(str(exc), path)) from None
        except OSError as exc:
            raise StorageError(f"cannot create {path}: {exc.strerror or exc}") from None
        state = check_file(path)
    if state.needs_migration and read_only:
        raise DatabaseRefused(
            f"{path} needs upgrading to this version of kam, which cannot happen read-only; "
            "close the other kam and open it again"
        )
    reason = OPEN_ELSEWHERE
    if not location_writable(path):
        # still useful to read (list, export, look); every write says why not
        reason = read_only_reason(path)
        if state.needs_migration and not read_only:
            raise DatabaseRefused(f"{path} needs upgrading to this version of kam, but {reason}")
        read_only = True
    elif not read_only:
        tighten(path)
    engine = make_engine(path, read_only=read_only, reason=reason)
    try:
        if state.needs_migration:
            if before_migrate is not None:
                before_migrate(Location.file(path), state.version)
            from kam_tui.store.migrate import upgrade_file

            upgrade_file(path, REVISIONS[state.version - 1])
        elif not state.stamped and not read_only:
            # a file from before Alembic kept the books: the same schema, now on record
            schema.stamp_file(engine, REVISIONS[state.version - 1])
    except BaseException:
        engine.dispose()
        raise
    return engine


def _open_server(location: Location, *, create: bool, before_migrate: BeforeMigrate | None) -> Engine:
    from kam_tui.store import schema

    engine = make_server_engine(location)
    try:
        state = schema.server_state(engine)
        if state.empty:
            if not create:
                raise DatabaseRefused(f"{location} holds no kam data yet; run `kam init` to set it up")
            schema.create_on_server(engine)
            state = schema.server_state(engine)
        if state.foreign:
            raise NotKamDatabase(
                f"{location} holds tables that are not kam's ({', '.join(state.foreign[:3])}); "
                "give kam an empty database of its own"
            )
        version = version_of(state.revision or "")
        if version is None:
            raise NewerDatabase(
                f"{location} was set up by a newer version of kam (schema revision {state.revision}, this one "
                f"knows up to {HEAD}); upgrade kam to open it"
            )
        if version < SCHEMA_VERSION:
            if before_migrate is not None:
                before_migrate(location, version)
            from kam_tui.store.migrate import upgrade_server

            upgrade_server(engine, state.revision or "")
    except BaseException:
        engine.dispose()
        raise
    return engine


# ---------------------------------------------------------------- sessions


def new_session(engine: Engine, *, shown: bool = False) -> Session:
    """A session for one unit of work. expire_on_commit=False: autosave commits
    often, and expiring every loaded object on each commit costs milliseconds.
    On a read-only engine, a flush is refused before SQLite sees it, so the
    message says why instead of "attempt to write a readonly database".

    `shown`: what it reads goes on a screen (the app's sessions). Text loaded
    into objects and rows is made safe to show first (kam_tui.text.display_text):
    a name from a CRM export holding an escape sequence or a bidi override shows
    what it holds instead of acting on the terminal, whichever widget shows it.
    The database keeps the text as it was until the user saves that field."""
    from sqlmodel import Session

    session = Session(engine, expire_on_commit=False)
    if shown:
        _show_loaded_text(session)
    info = engine_info(engine)
    if info.read_only:
        from sqlalchemy import event

        path = info.location.file_path

        def refuse(sess: Session, _context: Any, _instances: Any) -> None:
            if sess.new or sess.dirty or sess.deleted:
                raise ReadOnlyDatabase(read_only_message(path, info.reason))

        event.listen(session, "before_flush", refuse)
    else:
        if not info.location.is_server:
            _guard_writes(session, info.location.file_path)
        from kam_tui.store.tombstones import keep_tombstones

        keep_tombstones(session)
    return session


def _show_loaded_text(session: Session) -> None:
    from sqlalchemy import event, inspect
    from sqlalchemy.orm.attributes import set_committed_value

    from kam_tui.store.reader import SHOWN
    from kam_tui.text import display_text

    session.info[SHOWN] = True

    def loaded(_session: Session, instance: object) -> None:
        values = instance.__dict__
        for attr in inspect(instance).mapper.column_attrs:
            value = values.get(attr.key)
            if type(value) is str and not (value.isascii() and value.isprintable()):
                shown = display_text(value, multiline=True)
                if shown != value:
                    # as loaded, not as changed: the row is not written back for it
                    set_committed_value(instance, attr.key, shown)

    event.listen(session, "loaded_as_persistent", loaded)


def _guard_writes(session: Session, path: Path) -> None:
    """One writer on a file: a session that writes holds the writer lock from
    its first flush to the end of its transaction, unless this process already
    holds it for its whole life (the app, `kam import`). A second kam is then
    told plainly (DatabaseInUse) instead of meeting "database is locked"."""
    from sqlalchemy import event
    from sqlalchemy.orm import ORMExecuteState

    from kam_tui import lock

    if not path.name or path.name == ":memory:":
        return

    def take(sess: Session) -> None:
        if sess.info.get("kam_lock") is None and not lock.held_here(path):
            sess.info["kam_lock"] = lock.WriterLock(path, "kam").acquire()

    def before_flush(sess: Session, _context: Any, _instances: Any) -> None:
        if sess.new or sess.dirty or sess.deleted:
            take(sess)

    def on_execute(state: ORMExecuteState) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            take(state.session)  # type: ignore[arg-type]  # a sqlmodel Session is what we made

    def release(sess: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None:
            held = sess.info.pop("kam_lock", None)
            if held is not None:
                held.release()

    event.listen(session, "before_flush", before_flush)
    event.listen(session, "do_orm_execute", on_execute)
    event.listen(session, "after_transaction_end", release)


def engine_location(engine: Engine) -> Location:
    return engine_info(engine).location


def file_of(engine: Engine) -> Path | None:
    """The SQLite file under an engine; None on a server."""
    location = engine_info(engine).location
    return None if location.is_server else location.file_path


__all__ = [
    "BeforeMigrate",
    "EngineInfo",
    "engine_info",
    "engine_location",
    "file_of",
    "is_server",
    "make_engine",
    "make_server_engine",
    "new_session",
    "open_database",
]
