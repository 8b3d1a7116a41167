"""The SQLite file: checking it, creating it, migrating it, connecting to it.

A file is only ever written once we know it is ours and not from a newer
version: anything else is refused with a one-line message and left untouched
(a damaged one with the latest good backup named). The checks use the stdlib
sqlite3 module only, so they cost nothing at start-up; SQLAlchemy is imported
when an engine is made.

Engines translate storage failures (disk full, read-only, busy, damaged) into
StorageError with a one-line message. Sessions from new_session take the
writer lock (kam_tui/lock.py) for each transaction that writes, unless the
process holds it already, so a second kam is told where the database is open.
A folder or file we cannot write gives a read-only engine whose writes say why.
Migrations run after a verified backup, each step in one real transaction.
open_plain makes the same checks and gives a stdlib sqlite3 connection with
the same PRAGMAs (apply_pragmas), for `kam import`, which must not wait for
SQLAlchemy to load.
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
SCHEMA_VERSION = 2
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


class StorageError(Exception):
    """Reading or writing the file failed (disk full, read-only, locked, I/O).

    Raised instead of SQLAlchemy's multi-line OperationalError so that screens
    and commands can show str() as it is: one line saying what and why. The
    transaction that failed was rolled back, so nothing half-written remains."""


class ReadOnlyDatabase(StorageError):
    """A write was attempted on a database opened read-only."""


@dataclass(frozen=True)
class FileState:
    path: Path
    exists: bool
    version: int = 0

    @property
    def needs_migration(self) -> bool:
        return self.exists and self.version < SCHEMA_VERSION


def _v1_to_v2(con: Connection) -> None:
    """CRM import brings people and deals: stakeholders get email, phone and the
    CRM's contact id, opportunities the CRM's id (a re-import matches on them)."""
    for statement in (
        "ALTER TABLE stakeholder ADD COLUMN email VARCHAR NOT NULL DEFAULT ''",
        "ALTER TABLE stakeholder ADD COLUMN phone VARCHAR NOT NULL DEFAULT ''",
        "ALTER TABLE stakeholder ADD COLUMN crm_id VARCHAR",
        "CREATE INDEX ix_stakeholder_crm_id ON stakeholder (crm_id)",
        "ALTER TABLE opportunity ADD COLUMN crm_id VARCHAR",
        "CREATE INDEX ix_opportunity_crm_id ON opportunity (crm_id)",
    ):
        con.exec_driver_sql(statement)


# Forward migrations: MIGRATIONS[n] takes a database at version n to n + 1.
# Each runs inside one transaction with the version bump; never edit a released one.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2}


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


def _read_ids(uri: str) -> tuple[int, int]:
    con = sqlite3.connect(uri, uri=True)
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        con.execute("SELECT count(*) FROM sqlite_schema").fetchone()
        return app_id, version
    finally:
        con.close()


def location_writable(path: Path) -> bool:
    """Can this process change the file? SQLite in WAL mode needs the folder too
    (for the -wal and -shm files beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def read_uri(path: Path) -> str:
    """A sqlite3 URI that reads `path` without writing anything, also in a
    folder we cannot write (where WAL mode cannot make its -shm file)."""
    frozen = not location_writable(path) and not _has_wal(path)
    return f"file:{path}?mode=ro{'&immutable=1' if frozen else ''}"


def inspect_file(path: Path) -> FileState:
    """Say whether `path` is absent, or a kam database at some version.

    Raises DatabaseRefused for anything we must not touch. Opens read-only.
    """
    try:
        if not path.exists():
            return FileState(path, exists=False)
        if path.is_dir():
            raise NotKamDatabase(f"{path} is a folder, not a kam database")
        _check_header(path)
    except OSError as exc:
        raise DatabaseRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    # No -wal beside a WAL file means no connection has it open: read it as an
    # immutable file, so that looking leaves no -wal/-shm behind (a refused file
    # and its folder stay exactly as they were).
    quiet = "" if Path(f"{path}-wal").exists() else "&immutable=1"
    try:
        app_id, version = _read_ids(f"file:{path}?mode=ro{quiet}")
    except sqlite3.OperationalError as exc:
        # a WAL database in a folder we cannot write: SQLite cannot make the
        # -shm file even to read. Not damage: read the file as it stands.
        if not location_writable(path):
            try:
                app_id, version = _read_ids(f"file:{path}?mode=ro&immutable=1")
            except sqlite3.DatabaseError as exc2:
                raise DamagedDatabase(f"{path} is damaged and cannot be read ({exc2})") from None
        else:
            raise DamagedDatabase(f"{path} is damaged and cannot be read ({exc})") from None
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


def with_backup_hint(exc: DatabaseRefused, path: Path) -> DatabaseRefused:
    """The same refusal, plus (still on one line) the latest good backup and the
    exact command that puts it back, when the file is damaged or not ours."""
    if not isinstance(exc, (DamagedDatabase, NotKamDatabase)):
        return exc  # a newer file or a permission problem: a backup is not the answer
    from kam_tui.backup import latest_good_backup

    latest = latest_good_backup(path)
    if latest is None:
        return exc
    import shlex

    command = f"kam restore {shlex.quote(str(latest))}"
    if path != _default_path():
        command += f" --db {shlex.quote(str(path))}"
    return type(exc)(f"{exc}; it was left untouched. The latest good backup is {latest.name}: run `{command}`")


def _default_path() -> Path | None:
    from kam_tui.paths import resolve_db_path

    try:
        return resolve_db_path(None)
    except Exception:  # platformdirs can fail in odd environments; the hint just names --db
        return None


def check_file(path: Path) -> FileState:
    """inspect_file for the user's own database: a refusal names the way back."""
    try:
        return inspect_file(path)
    except DatabaseRefused as exc:
        raise with_backup_hint(exc, path) from None


def apply_pragmas(dbapi_con) -> None:
    """THE connection settings, for engines (every pooled connection) and for
    plain sqlite3 connections (connect_plain) alike."""
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _set_pragmas(dbapi_con, _record) -> None:
    apply_pragmas(dbapi_con)


# SQLite's words for a failure -> what the user is told. Matched on the message
# because sqlite3 exposes error codes only from Python 3.11 on some builds.
_STORAGE_MESSAGES = (
    ("readonly", "{path} is read-only here, so the change was not saved"),
    ("read-only", "{path} is read-only here, so the change was not saved"),
    ("disk is full", "the disk holding {path} is full, so the change was not saved; free some space and try again"),
    (
        "disk i/o error",
        "could not write {path} (disk full, file too large or failing disk), so the change was not saved",
    ),
    ("database is locked", "{path} is busy in another program, so the change was not saved; try again"),
    ("unable to open", "cannot open {path}: check that its folder exists and is writable"),
    ("malformed", "{path} is damaged; nothing was changed"),
    ("not a database", "{path} is damaged; nothing was changed"),
)


OPEN_ELSEWHERE = "it is open in another kam"


def read_only_message(path: Path, reason: str = OPEN_ELSEWHERE) -> str:
    return f"{path} is open read-only ({reason}), so the change was not saved"


def describe_storage_error(message: str, path: Path, read_only: bool = False, reason: str = OPEN_ELSEWHERE) -> str:
    low = message.lower()
    if read_only and ("readonly" in low or "read-only" in low):
        return read_only_message(path, reason)
    for needle, text in _STORAGE_MESSAGES:
        if needle in low:
            if needle in ("malformed", "not a database"):
                return str(with_backup_hint(DamagedDatabase(text.format(path=path)), path))
            return text.format(path=path)
    return f"could not use {path}: {message.splitlines()[0] if message else 'unknown error'}"


def make_engine(
    path: Path, *, read_only: bool = False, label: Path | None = None, reason: str = OPEN_ELSEWHERE
) -> Engine:
    """An engine whose every pooled connection gets our pragmas, and whose
    storage failures arrive as StorageError with a one-line message.
    `reason` says why a read-only engine is read-only, for that message."""
    from sqlalchemy import create_engine, event, exc

    if read_only:
        # in a read-only folder SQLite cannot make the -shm it needs even to
        # read; nobody can be writing there either, so read the file as it is
        engine = create_engine(f"sqlite:///{read_uri(path)}&uri=true")
    else:
        engine = create_engine(f"sqlite:///{path}")
    # our flags ride on the Engine; whoever holds it reads them with getattr
    setattr(engine, "kam_read_only", read_only)  # noqa: B010
    setattr(engine, "kam_read_only_reason", reason)  # noqa: B010
    event.listen(engine, "connect", _set_pragmas)

    def translate(context) -> None:
        original = context.original_exception
        # storage trouble only: OperationalError (full, read-only, busy, I/O) and the
        # bare DatabaseError SQLite raises for a damaged file; IntegrityError and
        # programming errors stay as they are for the services to handle
        storage = isinstance(original, sqlite3.OperationalError) or type(original) is sqlite3.DatabaseError
        if storage or isinstance(context.sqlalchemy_exception, exc.OperationalError):
            cls = ReadOnlyDatabase if read_only else StorageError
            raise cls(describe_storage_error(str(original), label or path, read_only, reason))

    event.listen(engine, "handle_error", translate)
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
    engine = make_engine(tmp, label=path)
    try:
        SQLModel.metadata.create_all(engine)
        with engine.begin() as con:
            con.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
            con.execute(text(f"PRAGMA user_version={SCHEMA_VERSION}"))
        engine.dispose()
        os.replace(tmp, path)
    finally:
        engine.dispose()
        for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            leftover.unlink(missing_ok=True)


def _migrate(
    path: Path,
    from_version: int,
    steps: dict[int, Callable[[Connection], None]] | None = None,
    to_version: int = SCHEMA_VERSION,
) -> None:
    """Run steps[from_version] .. steps[to_version - 1], each in ONE transaction
    with its version bump. The sqlite3 module commits DDL (ALTER, CREATE) on
    its own outside a transaction, so this engine hands transaction control to
    SQLite and says BEGIN itself: a failing step leaves no half-altered table.
    Raises DatabaseRefused (one line); the file is then at its last good version."""
    from sqlalchemy import event, text

    steps = MIGRATIONS if steps is None else steps
    engine = make_engine(path)

    def autocommit_driver(dbapi_con, _record) -> None:
        dbapi_con.isolation_level = None

    def begin(con) -> None:
        con.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", autocommit_driver)
    event.listen(engine, "begin", begin)
    try:
        for version in range(from_version, to_version):
            step = steps[version]
            try:
                with engine.begin() as con:
                    step(con)
                    con.execute(text(f"PRAGMA user_version={version + 1}"))
            except Exception as exc:  # any failure of a step: report it, keep the file as it was
                detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise DatabaseRefused(
                    f"{path} could not be upgraded from schema {version} to {version + 1} ({detail}); "
                    f"it was left at schema {version}, and a copy is in {path.parent / 'backups'}"
                ) from None
    finally:
        engine.dispose()


def backup_before_migrate(path: Path, version: int) -> None:
    """The default before_migrate hook: a verified copy of the old file. No
    copy, no upgrade."""
    from kam_tui.backup import BackupFailed, backup_before

    try:
        backup_before(path, "migrate")
    except BackupFailed as exc:
        raise DatabaseRefused(f"{path} was not upgraded, because it could not be backed up first: {exc}") from None


def _read_only_reason(path: Path) -> str:
    """Why this process cannot write `path` (location_writable said so)."""
    return (
        "the file is read-only here" if not os.access(path, os.W_OK) else f"its folder {path.parent} is read-only here"
    )


def open_database(
    path: Path,
    *,
    create: bool = True,
    read_only: bool = False,
    before_migrate: Callable[[Path, int], None] | None = backup_before_migrate,
) -> Engine:
    """Check, create or migrate the file at `path` and return an engine on it.

    `before_migrate(path, version)` runs before any migration (by default a
    verified backup; pass None to skip it). `read_only` opens the file with
    SQLite's mode=ro: nothing is created or migrated, and a write raises
    ReadOnlyDatabase. Raises DatabaseRefused with a one-line message; the file
    is then untouched.
    """
    state = check_file(path)
    if not state.exists:
        if read_only:
            raise DatabaseRefused(f"{path} does not exist")
        if not create:
            raise DatabaseRefused(f"{path} does not exist; run `kam init` to create it")
        try:
            _create(path)
        except sqlite3.Error as exc:
            raise StorageError(describe_storage_error(str(exc), path)) from None
        except OSError as exc:
            raise StorageError(f"cannot create {path}: {exc.strerror or exc}") from None
    if state.needs_migration and read_only:
        raise DatabaseRefused(
            f"{path} needs upgrading to this version of kam, which cannot happen read-only; "
            "close the other kam and open it again"
        )
    reason = OPEN_ELSEWHERE
    if not location_writable(path):
        # still useful to read (list, export, look); every write says why not
        reason = _read_only_reason(path)
        if state.needs_migration and not read_only:
            raise DatabaseRefused(f"{path} needs upgrading to this version of kam, but {reason}")
        read_only = True
    engine = make_engine(path, read_only=read_only, reason=reason)
    if state.needs_migration:
        try:
            if before_migrate is not None:
                before_migrate(path, state.version)
            _migrate(path, state.version)
        except BaseException:
            engine.dispose()
            raise
    return engine


def connect_plain(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A stdlib sqlite3 connection with the same settings as an engine's, for
    paths that must not pay for importing SQLAlchemy (`kam import`). The caller
    has checked the file (open_plain does both). Transactions are explicit
    (BEGIN ... COMMIT): none is begun behind the caller's back."""
    if read_only:
        con = sqlite3.connect(read_uri(path), uri=True, isolation_level=None)
    else:
        con = sqlite3.connect(path, isolation_level=None)
    try:
        apply_pragmas(con)
    except BaseException:
        con.close()
        raise
    return con


def open_plain(path: Path, *, create: bool = True, read_only: bool = False) -> sqlite3.Connection:
    """open_database's checks, then a plain sqlite3 connection (connect_plain).

    A file that is not there yet, or needs migrating, goes through
    open_database first (SQLAlchemy is loaded only then, which is rare); a
    foreign, newer or damaged file is refused (DatabaseRefused) and left
    untouched, as open_database does. `read_only` reads without writing
    anything (also in a folder we cannot write); otherwise a file this process
    cannot write raises ReadOnlyDatabase saying why: the caller means to write."""
    state = check_file(path)
    if not state.exists or state.needs_migration:
        open_database(path, create=create).dispose()
    if not read_only and not location_writable(path):
        raise ReadOnlyDatabase(read_only_message(path, _read_only_reason(path)))
    try:
        return connect_plain(path, read_only=read_only)
    except sqlite3.Error as exc:
        raise StorageError(describe_storage_error(str(exc), path)) from None


def new_session(engine: Engine) -> Session:
    """A session for one unit of work. expire_on_commit=False: autosave commits
    often, and expiring every loaded object on each commit costs milliseconds.
    On a read-only engine, a flush is refused before SQLite sees it, so the
    message says why instead of "attempt to write a readonly database"."""
    from sqlmodel import Session

    session = Session(engine, expire_on_commit=False)
    if not getattr(engine, "kam_read_only", False):
        _guard_writes(session, engine)
    if getattr(engine, "kam_read_only", False):
        from sqlalchemy import event

        path = _engine_path(engine)

        reason = getattr(engine, "kam_read_only_reason", OPEN_ELSEWHERE)

        def refuse(sess, _context, _instances) -> None:
            if sess.new or sess.dirty or sess.deleted:
                raise ReadOnlyDatabase(read_only_message(path, reason))

        event.listen(session, "before_flush", refuse)
    return session


def _has_wal(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _engine_path(engine: Engine) -> Path:
    return Path((engine.url.database or "").removeprefix("file:").split("?", 1)[0])


def _guard_writes(session: Session, engine: Engine) -> None:
    """One writer: a session that writes holds the writer lock from its first
    flush to the end of its transaction, unless this process already holds it
    for its whole life (the app, `kam import`). A second kam is then told
    plainly (DatabaseInUse) instead of meeting "database is locked"."""
    from sqlalchemy import event

    from kam_tui import lock

    path = _engine_path(engine)
    if not path.name or path.name == ":memory:":
        return

    def take(sess) -> None:
        if sess.info.get("kam_lock") is None and not lock.held_here(path):
            sess.info["kam_lock"] = lock.WriterLock(path, "kam").acquire()

    def before_flush(sess, _context, _instances) -> None:
        if sess.new or sess.dirty or sess.deleted:
            take(sess)

    def on_execute(state) -> None:
        if state.is_insert or state.is_update or state.is_delete:
            take(state.session)

    def release(sess, transaction) -> None:
        if transaction.parent is None:
            held = sess.info.pop("kam_lock", None)
            if held is not None:
                held.release()

    event.listen(session, "before_flush", before_flush)
    event.listen(session, "do_orm_execute", on_execute)
    event.listen(session, "after_transaction_end", release)
