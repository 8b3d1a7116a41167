"""The SQLite file: is it ours, at which schema revision, damaged or not, and
plain sqlite3 connections to it.

A file is only ever written once we know it is ours and not from a newer
version: anything else is refused with a one-line message and left untouched
(a damaged one with the latest good backup named). The checks use the stdlib
sqlite3 module only, so they cost nothing at start-up.

A kam file carries `PRAGMA application_id` = "KAM1" (so a foreign SQLite file
is never migrated) and `PRAGMA user_version` = the number of schema revisions
applied to it (kam_tui/store/revisions.py), which tells a newer file without
importing Alembic. Files made before Alembic kept its bookkeeping have no
`alembic_version` table; the first writable open adds it (store/schema.py).
"""

from __future__ import annotations

import os
import sqlite3
import struct
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from kam_tui.store.errors import (
    DamagedDatabase,
    DamagedWhileWorking,
    DatabaseRefused,
    NewerDatabase,
    NotKamDatabase,
    StorageError,
)
from kam_tui.store.revisions import REVISIONS, SCHEMA_VERSION

APPLICATION_ID = 0x4B414D31
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 2000


@dataclass(frozen=True)
class FileState:
    path: Path
    exists: bool
    version: int = 0
    # the file keeps Alembic's bookkeeping (alembic_version) already
    stamped: bool = False

    @property
    def needs_migration(self) -> bool:
        return self.exists and self.version < SCHEMA_VERSION


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


def _read_ids(uri: str) -> tuple[int, int, str | None]:
    """application_id, user_version, and the Alembic revision (None: no bookkeeping yet)."""
    con = sqlite3.connect(uri, uri=True)
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        has_bookkeeping = con.execute(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()[0]
        revision = None
        if has_bookkeeping:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else ""
        return app_id, version, revision
    finally:
        con.close()


def location_writable(path: Path) -> bool:
    """Can this process change the file? SQLite in WAL mode needs the folder too
    (for the -wal and -shm files beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _has_wal(path: Path) -> bool:
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def file_uri(path: Path | str, query: str = "") -> str:
    """A sqlite3 URI for `path`: the name percent-encoded, so a file called
    `a?b.db` or `#1.db` is that file and not a query or a fragment."""
    return f"file:{quote(str(path), safe='/')}{'?' + query if query else ''}"


def read_uri(path: Path) -> str:
    """A sqlite3 URI that reads `path` without writing anything, also in a
    folder we cannot write (where WAL mode cannot make its -shm file)."""
    frozen = not location_writable(path) and not _has_wal(path)
    return file_uri(path, "mode=ro" + ("&immutable=1" if frozen else ""))


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
        app_id, version, revision = _read_ids(file_uri(path, f"mode=ro{quiet}"))
    except sqlite3.OperationalError as exc:
        # a WAL database in a folder we cannot write: SQLite cannot make the
        # -shm file even to read. Not damage: read the file as it stands.
        if not location_writable(path):
            try:
                app_id, version, revision = _read_ids(file_uri(path, "mode=ro&immutable=1"))
            except sqlite3.DatabaseError as exc2:
                raise DamagedDatabase(f"{path} is damaged and cannot be read ({exc2})") from None
        else:
            raise DamagedDatabase(f"{path} is damaged and cannot be read ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise DamagedDatabase(f"{path} is damaged and cannot be read ({exc})") from None
    if app_id != APPLICATION_ID:
        raise NotKamDatabase(f"{path} is an SQLite file from another program, not a kam database")
    if version > SCHEMA_VERSION or (revision and revision not in REVISIONS):
        raise NewerDatabase(
            f"{path} was written by a newer version of kam (schema {version}, this one "
            f"reads up to {SCHEMA_VERSION}); upgrade kam to open it"
        )
    if version < 1:
        raise DamagedDatabase(f"{path} is a kam database that was never finished being created")
    return FileState(path, exists=True, version=version, stamped=revision is not None)


Refused = TypeVar("Refused", bound=DatabaseRefused)


def with_backup_hint(exc: Refused, path: Path) -> Refused:
    """The same refusal, plus (still on one line) the latest good backup and the
    exact command that puts it back, when the file is damaged or not ours."""
    if not isinstance(exc, (DamagedDatabase, NotKamDatabase)):
        return exc  # a newer file or a permission problem: a backup is not the answer
    from kam_tui.backup import latest_good_backup

    latest = latest_good_backup(path)
    if latest is None:
        if isinstance(exc, DamagedDatabase):
            return type(exc)(f"{exc}; it was left untouched, and no backup of it was found")
        return exc
    import shlex

    command = f"kam restore {shlex.quote(str(latest))}"
    if path != _default_path():
        command += f" --db {shlex.quote(str(path))}"
    return type(exc)(f"{exc}; it was left untouched. The latest good backup is {latest.name}: run `{command}`")


def missing_message(path: Path) -> str:
    """Why `path` cannot be opened when it does not exist, and the way on:
    only `kam init` (and `kam demo`) make a database, so a mistyped name
    never quietly becomes a new, empty one."""
    import shlex

    create = "kam init" if path == _default_path() else f"kam init --db {shlex.quote(str(path))}"
    if not path.parent.exists():
        return (
            f"the folder {path.parent} does not exist, so there is no database {path.name}; "
            f"check the path, or `{create}` makes a new one"
        )
    return f"{path} does not exist; check the name, or `{create}` makes a new database there"


def tighten(path: Path) -> None:
    """The database and its -wal and -shm readable by the user alone (0600),
    however they were made: SQLite gives the -wal/-shm the database file's
    mode, so a database copied in as 0644 would spread its journal as 0644.
    Only files this user owns; a failure changes nothing else."""
    for suffix in ("", "-wal", "-shm"):
        try:
            st = os.stat(f"{path}{suffix}")
            if st.st_mode & 0o077 and (not hasattr(os, "geteuid") or st.st_uid == os.geteuid()):
                os.chmod(f"{path}{suffix}", st.st_mode & 0o700)
        except OSError:
            continue


def _default_path() -> Path | None:
    from kam_tui.store.location import resolve_location

    try:
        return resolve_location(None).path
    except Exception:  # platformdirs can fail in odd environments; the hint just names --db
        return None


def check_file(path: Path, *, pages: bool = False) -> FileState:
    """inspect_file for the user's own database: a refusal names the way back.
    `pages` also runs `PRAGMA quick_check` over every page (before a backup,
    `export --all` or an import reads the whole file: a damaged page found
    there is refused the same way, before anything is written). A command
    that reads a part (one plan, the list, today) is not given it: the check
    costs a pass over the whole file, 1.3 s at 100,000 accounts, and damage
    in what it does read is refused the same way by its reader."""
    try:
        state = inspect_file(path)
    except DatabaseRefused as exc:
        raise with_backup_hint(exc, path) from None
    if pages and state.exists:
        problem = quick_check(path)
        if problem is not None:
            raise damage_refusal(path, problem)
    return state


# SQLite's result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB
_DAMAGE_CODES = (11, 26)


def is_damage(exc: BaseException) -> bool:
    """Does this sqlite3 error say the file is damaged (not busy, full or read-only)?"""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _DAMAGE_CODES:
        return True
    low = str(exc).lower()
    return "malformed" in low or "not a database" in low


def quick_check(path: Path) -> str | None:
    """The first problem `PRAGMA quick_check` finds in the file's pages (a
    zeroed page, a broken index), or None when it finds none. Read-only; a
    file that is busy or cannot be opened is not called damaged here (the
    caller's own read says why)."""
    try:
        con = sqlite3.connect(read_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = [str(r[0]) for r in con.execute("PRAGMA quick_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return str(exc) if is_damage(exc) else None
    if rows == ["ok"]:
        return None
    lines = [ln for r in rows for ln in r.splitlines() if ln.strip() and not ln.startswith("***")]
    return lines[0] if lines else "damaged"


def damage_refusal(path: Path, detail: object) -> DamagedDatabase:
    """THE refusal for a damaged file, wherever the damage is found: what was
    found, that the file was left as it is, and the latest good backup of this
    very file with the exact command that puts it back."""
    first = str(detail).splitlines()[0] if str(detail) else "damaged"
    return with_backup_hint(DamagedDatabase(f"{path} is damaged ({first})"), path)


def apply_pragmas(dbapi_con: Any) -> None:
    """THE connection settings, for engines (every pooled connection) and for
    plain sqlite3 connections (connect_plain) alike."""
    cur = dbapi_con.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    if sys.platform == "darwin":
        # macOS's fsync() leaves the data in the drive's cache, which a power
        # cut empties: F_FULLFSYNC waits until it is on the disk itself
        cur.execute("PRAGMA fullfsync=ON")
        cur.execute("PRAGMA checkpoint_fullfsync=ON")
    cur.close()


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
)


OPEN_ELSEWHERE = "it is open in another kam"


def read_only_message(path: Path, reason: str = OPEN_ELSEWHERE) -> str:
    return f"{path} is open read-only ({reason}), so the change was not saved"


def describe_storage_error(message: str, path: Path, read_only: bool = False, reason: str = OPEN_ELSEWHERE) -> str:
    low = message.lower()
    if read_only and ("readonly" in low or "read-only" in low):
        return read_only_message(path, reason)
    if "malformed" in low or "not a database" in low:
        return str(damage_refusal(path, message))
    for needle, text in _STORAGE_MESSAGES:
        if needle in low:
            return text.format(path=path)
    return f"could not use {path}: {message.splitlines()[0] if message else 'unknown error'}"


def storage_error(
    exc: sqlite3.Error, path: Path, read_only: bool = False, reason: str = OPEN_ELSEWHERE
) -> StorageError:
    """A sqlite3 failure as the one-line StorageError the app and the commands
    show; damage as DamagedWhileWorking (the refusal naming the way back)."""
    cls = DamagedWhileWorking if is_damage(exc) else StorageError
    return cls(describe_storage_error(str(exc), path, read_only, reason))


def read_only_reason(path: Path) -> str:
    """Why this process cannot write `path` (location_writable said so)."""
    return (
        "the file is read-only here" if not os.access(path, os.W_OK) else f"its folder {path.parent} is read-only here"
    )


def connect_file(path: Path | str, *, read_only: bool = False, timeout: float = 5.0) -> sqlite3.Connection:
    """A bare stdlib connection to a SQLite file, with none of kam's settings:
    for copying whole files (backups) and for looking before the first paint.
    `read_only` reads without writing anything, also in a folder we cannot write."""
    if read_only:
        return sqlite3.connect(read_uri(Path(path)), uri=True, timeout=timeout)
    return sqlite3.connect(path, timeout=timeout)


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


def open_plain(path: Path, *, create: bool = True, read_only: bool = False, pages: bool = False) -> sqlite3.Connection:
    """open_database's checks, then a plain sqlite3 connection (connect_plain).

    A file that is not there yet, needs migrating or has no Alembic bookkeeping
    yet goes through open_database first (SQLAlchemy is loaded only then, which
    is rare); a foreign, newer or damaged file is refused (DatabaseRefused) and
    left untouched, as open_database does. `read_only` reads without writing
    anything (also in a folder we cannot write); otherwise a file this process
    cannot write raises ReadOnlyDatabase saying why: the caller means to write.
    `pages`: check every page first (check_file)."""
    from kam_tui.store.errors import ReadOnlyDatabase

    state = check_file(path, pages=pages)
    if not state.exists or state.needs_migration or (not state.stamped and not read_only):
        from kam_tui.store.engine import open_database

        open_database(path, create=create).dispose()
    if not read_only and not location_writable(path):
        raise ReadOnlyDatabase(read_only_message(path, read_only_reason(path)))
    if not read_only:
        tighten(path)
    try:
        return connect_plain(path, read_only=read_only)
    except sqlite3.Error as exc:
        raise storage_error(exc, path) from None
