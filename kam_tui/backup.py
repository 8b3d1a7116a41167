"""Verified copies of the database, made without being asked.

A copy is taken with SQLite's online backup API (consistent even while another
connection writes), switched to a self-contained rollback journal, checked with
`PRAGMA integrity_check`, and only then renamed into place; a copy that fails
its check is deleted and the failure is raised. Copies live in a private
`backups/` folder beside the database, named after the database's whole file
name, `<name>.YYYYMMDD-HHMMSS-<reason>.db` in UTC (`kam.db.20260302-091500-start.db`):
`work.db` and `work.sqlite` side by side never share a copy, so the copy
named to put back a damaged file is always that file's. They are thinned:
the newest 10, the newest of each of the last 14 days, the newest of each of
the last 8 weeks. Copies the user asked for (`kam backup`)
are never thinned.

When the data changed since the last copy is told by a fingerprint of the
files, not of the content: size and mtime of the database and of its -wal file,
recorded after each copy in `backups/.<name>.state.json`. Reading the content
would cost a full scan at every start; any committed write changes the WAL or
(after a checkpoint) the database file, so a change is never missed, and a
false alarm (a checkpoint that moved nothing) costs one extra copy that
thinning later removes.

A server database (a team's PostgreSQL) is not a file: its copies are
portable SQLite files written by the store (kam_tui/store/copy.py) into the
backups folder of the user data folder, named `server-<database>.<time>-...`, by
`kam backup` and before an upgrade of its schema. The server's own backups
(pg_dump, the host's snapshots) stay its administrator's business.

Stdlib only for files: this runs before the app paints and inside `kam` commands.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kam_tui.fsutil import flush_to_disk, fsync_dir, remove_leftovers
from kam_tui.paths import make_private_dir
from kam_tui.store.sqlite_file import connect_file

if TYPE_CHECKING:
    from kam_tui.store.location import Location

BACKUP_DIRNAME = "backups"
KEEP_LAST = 10
KEEP_DAYS = 14
KEEP_WEEKS = 8
MANUAL = "manual"
# `<the database's file name>.<UTC time>[-<n>]-<reason>.db`; copies named by the
# stem alone (`kam-...`, before two databases could share one) match no database
_NAME = re.compile(r"^(?P<name>.+)\.(?P<ts>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z]+)\.db$")


class BackupFailed(Exception):
    """A copy could not be made or failed its check; str() is one line."""


class SourceDamaged(BackupFailed):
    """The database being copied is damaged (its copy failed the integrity
    check, or SQLite found a damaged page while copying): str() is the refusal
    naming the latest good backup of that file; `detail` is what was found."""

    def __init__(self, path: Path, detail: str) -> None:
        from kam_tui.store.sqlite_file import damage_refusal

        super().__init__(str(damage_refusal(path, detail)))
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    reason: str


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_DIRNAME


def _state_file(db_path: Path) -> Path:
    return backup_dir(db_path) / f".{Path(db_path).name}.state.json"


def fingerprint(db_path: Path) -> list[int]:
    """Size and mtime of the database and of its WAL (0s when absent or empty)."""
    out: list[int] = []
    for p in (Path(db_path), Path(f"{db_path}-wal")):
        try:
            st = p.stat()
        except FileNotFoundError:
            st = None
        # an empty WAL holds no data: it comes and goes as connections open and close
        out += [st.st_size, st.st_mtime_ns] if st and st.st_size else [0, 0]
    return out


def _recorded_fingerprint(db_path: Path) -> list[int] | None:
    try:
        return json.loads(_state_file(db_path).read_text())["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _record_fingerprint(db_path: Path) -> None:
    state = _state_file(db_path)
    tmp = state.with_name(state.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump({"fingerprint": fingerprint(db_path)}, fh)
    os.replace(tmp, state)


def list_backups(db_path: Path) -> list[Backup]:
    """This database's copies in its backups folder, oldest first: those
    named after its whole file name."""
    folder = backup_dir(db_path)
    name = Path(db_path).name
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        m = _NAME.match(p.name)
        if not m or m["name"] != name:
            continue
        taken = datetime.strptime(m["ts"], "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        found.append(Backup(p, taken, m["reason"]))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def latest_good_backup(db_path: Path) -> Path | None:
    """The newest copy that still opens as a kam database this version reads."""
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.sqlite_file import inspect_file

    for b in reversed(list_backups(db_path)):
        try:
            if inspect_file(b.path).exists:
                return b.path
        except DatabaseRefused:
            continue
    return None


# what a killed copy left beside its target: `.<name>.partial-<pid>` and the
# journal SQLite kept for it; and a killed restore beside the database:
# `.<name>.restoring-<pid>` (fsutil.remove_leftovers)
PARTIAL_COPY = re.compile(r"^\..+\.partial-(?P<pid>\d+)(?:-journal|-wal|-shm)?$")
STAGED_RESTORE = re.compile(r"^\..+\.restoring-(?P<pid>\d+)$")


def copy_database(src: Path, dest: Path) -> Path:
    """Copy the database at `src` to `dest` (0600) and verify the copy.

    The copy is built under a temp name beside `dest` and renamed over it only
    after `PRAGMA integrity_check` says ok, so `dest` is never a bad copy.
    Partial copies that killed runs left in that folder go first."""
    src, dest = Path(src), Path(dest)
    tmp = dest.with_name(f".{dest.name}.partial-{os.getpid()}")
    try:
        make_private_dir(dest.parent)
        remove_leftovers(dest.parent, PARTIAL_COPY)
        tmp.unlink(missing_ok=True)
        os.close(os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    except OSError as exc:
        raise BackupFailed(f"cannot write a backup in {dest.parent}: {exc.strerror or exc}") from None
    try:
        source = connect_file(src, read_only=True)
        try:
            target = connect_file(tmp)
            try:
                source.backup(target)
                # one self-contained file: no -wal needed beside a backup
                target.execute("PRAGMA journal_mode=DELETE")
                result = [r[0] for r in target.execute("PRAGMA integrity_check")]
            finally:
                target.close()
        finally:
            source.close()
        if result != ["ok"]:
            # the copy is the file page for page: its damage is the file's
            lines = [ln for r in result for ln in str(r).splitlines() if ln.strip() and not ln.startswith("***")]
            raise SourceDamaged(src, lines[0] if lines else "damaged")
        with open(tmp, "rb") as fh:
            flush_to_disk(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
        fsync_dir(dest.parent)
    except sqlite3.Error as exc:
        from kam_tui.store.sqlite_file import is_damage

        if is_damage(exc):
            raise SourceDamaged(src, str(exc)) from None
        raise BackupFailed(f"could not back up {src}: {exc}") from None
    except OSError as exc:
        raise BackupFailed(f"could not write the backup {dest}: {exc.strerror or exc}") from None
    finally:
        for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
    return dest


def _new_name(db_path: Path, reason: str, now: datetime) -> Path:
    folder = backup_dir(db_path)
    name = Path(db_path).name
    ts = now.strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"{name}.{ts}-{reason}.db"
    n = 2
    while candidate.exists():
        candidate = folder / f"{name}.{ts}-{n}-{reason}.db"
        n += 1
    return candidate


def make_backup(db_path: Path, reason: str = MANUAL, *, now: datetime | None = None) -> Path:
    """A verified copy in the backups folder; old automatic copies are thinned."""
    db_path = Path(db_path)
    reason = re.sub(r"[^a-z]", "", reason.lower()) or MANUAL
    try:
        make_private_dir(backup_dir(db_path))
    except OSError as exc:
        raise BackupFailed(f"cannot create {backup_dir(db_path)}: {exc.strerror or exc}") from None
    dest = copy_database(db_path, _new_name(db_path, reason, now or datetime.now(UTC)))
    try:
        _record_fingerprint(db_path)
        thin(db_path, now=now)
    except OSError:
        pass  # the copy is made; bookkeeping can catch up next time
    return dest


def backup_before(db_path: Path | Location, reason: str) -> Path | None:
    """Call before anything that rewrites much of the database: a migration,
    an import, a restore, a bulk delete. Returns the copy, or None when there
    is no database yet, or it is a server (see backup_before_session).
    Raises BackupFailed: the caller must then not proceed."""
    from kam_tui.store.location import Location

    if isinstance(db_path, Location):
        if db_path.path is None:
            return None
        db_path = db_path.path
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    return make_backup(db_path, reason)


def backup_before_session(session: Any, reason: str) -> Path | None:
    """backup_before for code that holds only a Session (a bulk delete in a
    service): the database is the file the session is bound to. On a server
    the server's own backups apply: a whole copy before each delete would cost
    every colleague a wait."""
    from kam_tui.store.engine import file_of

    database = file_of(session.get_bind())
    if database is None or not database.name or database.name == ":memory:":
        return None
    return backup_before(database, reason)


def changed_since_last_backup(db_path: Path) -> bool:
    return _recorded_fingerprint(db_path) != fingerprint(db_path) or not list_backups(db_path)


def backup_if_changed(db_path: Path, reason: str = "start") -> Path | None:
    """At start-up: copy the database when it changed since the last copy."""
    db_path = Path(db_path)
    if not db_path.exists() or not changed_since_last_backup(db_path):
        return None
    return make_backup(db_path, reason)


def to_keep(backups: list[Backup], now: datetime) -> set[Path]:
    """Which automatic copies thinning keeps: the newest KEEP_LAST, then the
    newest of each day for KEEP_DAYS days and of each week for KEEP_WEEKS weeks."""
    newest_first = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    keep = {b.path for b in newest_first[:KEEP_LAST]}
    days: set = set()
    weeks: set = set()
    for b in newest_first:
        age = now - b.taken_at
        day = b.taken_at.date()
        week = b.taken_at.isocalendar()[:2]
        if age <= timedelta(days=KEEP_DAYS) and day not in days:
            days.add(day)
            keep.add(b.path)
        if age <= timedelta(weeks=KEEP_WEEKS) and week not in weeks:
            weeks.add(week)
            keep.add(b.path)
    return keep


def thin(db_path: Path, *, now: datetime | None = None) -> list[Path]:
    """Delete automatic copies thinning does not keep; returns what went."""
    automatic = [b for b in list_backups(db_path) if b.reason != MANUAL]
    keep = to_keep(automatic, now or datetime.now(UTC))
    removed = []
    for b in automatic:
        if b.path not in keep:
            b.path.unlink(missing_ok=True)
            Path(f"{b.path}-wal").unlink(missing_ok=True)  # beside a raw copy of a damaged file
            removed.append(b.path)
    return removed


class RestoreFailed(Exception):
    """The restore did not happen; the database is as it was. str() is one line."""


def _keep_raw_copy(db_path: Path, reason: str, *, with_journal: bool = True) -> Path:
    """Byte-for-byte copy of a file SQLite cannot copy (damaged), WAL included
    unless `with_journal` is False (the file alone, as it stands on disk)."""
    import shutil

    dest = _new_name(db_path, reason, datetime.now(UTC))
    make_private_dir(dest.parent)
    for suffix in ("", "-wal") if with_journal else ("",):
        src = Path(f"{db_path}{suffix}")
        if src.exists():
            target = Path(f"{dest}{suffix}")
            fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out, src.open("rb") as inp:
                shutil.copyfileobj(inp, out)
                out.flush()
                flush_to_disk(out.fileno())
    return dest


def keep_before_journal(db_path: Path, *, held: bool = False) -> Path | None:
    """A journal (`<db>-wal`) beside a database that no kam has open was left
    either by a session that did not end (a crash, kill -9, a power cut): it
    holds committed edits, and applying it is what keeps them; or by the file
    a database copied in by hand replaced: applying it would mix the old
    file's pages into the copy. kam cannot tell the two apart, so before
    SQLite applies it, the database file alone, as it stands, is kept in the
    backups folder (`<name>.<time>-journal.db`): the caller says so, and
    `kam restore` of that copy takes the hand-copied file as it was.
    `held`: this process holds the writer lock already. Returns the copy, or
    None when there is no journal, or a kam has it open (it is in use)."""
    wal = Path(f"{db_path}-wal")
    try:
        if wal.stat().st_size == 0:
            return None
    except OSError:
        return None
    if held:
        return _keep_raw_copy(db_path, "journal", with_journal=False)
    from kam_tui.lock import DatabaseInUse, LockUnavailable, WriterLock, held_here

    if held_here(db_path):
        return None
    lock = WriterLock(db_path, "kam")
    try:
        lock.acquire()
    except (DatabaseInUse, LockUnavailable):
        return None  # another kam is writing it: its journal is live
    try:
        return _keep_raw_copy(db_path, "journal", with_journal=False)
    except OSError:
        return None  # no room for the copy: the journal is applied as SQLite would anyway
    finally:
        lock.release()


def journal_note(db_path: Path, kept: Path) -> str:
    """What the user is told when keep_before_journal kept a copy."""
    import shlex

    command = f"kam restore {shlex.quote(str(kept))}"
    from kam_tui.store.sqlite_file import _default_path

    if db_path != _default_path():
        command += f" --db {shlex.quote(str(db_path))}"
    return (
        f"{db_path.name} had a journal ({db_path.name}-wal) that no running kam holds, left by a session that "
        f"did not end (a crash, a kill) or by the file a hand-copied {db_path.name} replaced; it was applied, "
        f"and the file as it stood without it is kept as {kept.name}: if you copied {db_path.name} in by hand, "
        f"`{command}` puts your copy back (restore with kam restore, never by copying files)"
    )


def restore_file(source: Path, db_path: Path) -> Path | None:
    """Replace `db_path` by a checked copy of `source`. The caller holds the
    writer lock. Returns where the replaced file was kept (None if there was
    none). Raises RestoreFailed with the database untouched."""
    source, db_path = Path(source), Path(db_path)
    if source.resolve() == db_path.resolve():
        raise RestoreFailed(f"{source} is the database itself")
    remove_leftovers(db_path.parent, STAGED_RESTORE)  # what a killed restore left
    # stage the chosen copy first: keeping the current file thins the backups
    # folder, and the chosen copy may be one of the copies thinning removes
    staged = db_path.with_name(f".{db_path.name}.restoring-{os.getpid()}")
    try:
        copy_database(source, staged)
    except SourceDamaged as exc:  # the copy chosen is damaged; the database is as it was
        raise RestoreFailed(f"{source} is damaged ({exc.detail})") from None
    except BackupFailed as exc:
        raise RestoreFailed(str(exc).replace("the backup of", "the copy of")) from None
    try:
        kept = _keep_current(db_path)
        # a -wal left beside the old file would be replayed into the new one
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(staged, db_path)
        fsync_dir(db_path.parent)
    except OSError as exc:
        raise RestoreFailed(f"could not write {db_path}: {exc.strerror or exc}") from None
    finally:
        staged.unlink(missing_ok=True)
    return kept


def _keep_current(db_path: Path) -> Path | None:
    """A copy of the file a restore replaces: verified if it is healthy, byte
    for byte (WAL included) if SQLite cannot copy it."""
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.sqlite_file import inspect_file

    if not db_path.exists():
        return None
    try:
        inspect_file(db_path)
        kept = backup_before(db_path, "restore")
        _checkpoint(db_path)
        return kept
    except (DatabaseRefused, BackupFailed, sqlite3.Error):
        pass
    try:
        return _keep_raw_copy(db_path, "replaced")
    except OSError as exc:
        raise RestoreFailed(f"could not keep a copy of {db_path} first: {exc.strerror or exc}") from None


def _checkpoint(db_path: Path) -> None:
    """Fold the WAL into the main file so nothing lives only in the -wal."""
    con = connect_file(db_path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


# ---------------------------------------------------------------- a server's copies


def server_backup_dir() -> Path:
    """Where copies of server databases go: the backups folder of the user data folder."""
    from kam_tui.paths import data_dir

    return data_dir() / BACKUP_DIRNAME


def server_anchor(location: Location) -> Path:
    """A file name standing for the server database among the backups (its
    copies are `server-<database>.<time>-<reason>.db`), so naming, listing
    and thinning work as they do for a file."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", location.database_name).strip("-.") or "kam"
    return server_backup_dir().parent / f"server-{name}"


def backup_server(location: Location, reason: str = MANUAL, dest: Path | None = None) -> Path:
    """A verified, portable SQLite copy of the whole server database (it opens
    offline with `kam --db FILE`), at `dest` or in the backups folder. Raises
    BackupFailed with one line; nothing is left half-written."""
    from kam_tui.store.copy import copy_to_file
    from kam_tui.store.engine import make_server_engine
    from kam_tui.store.errors import DatabaseRefused, StorageError

    anchor = server_anchor(location)
    reason = re.sub(r"[^a-z]", "", reason.lower()) or MANUAL
    try:
        target = dest or _new_name(anchor, reason, datetime.now(UTC))
        make_private_dir(target.parent)
    except OSError as exc:
        raise BackupFailed(f"cannot write a backup in {server_backup_dir()}: {exc.strerror or exc}") from None
    engine = make_server_engine(location)
    try:
        copy_to_file(engine, target)
    except (DatabaseRefused, StorageError) as exc:
        raise BackupFailed(f"could not back up {location}: {exc}") from None
    except OSError as exc:
        raise BackupFailed(f"could not write the backup {target}: {exc.strerror or exc}") from None
    finally:
        engine.dispose()
    if dest is None:
        try:
            thin(anchor)
        except OSError:
            pass  # the copy is made; thinning can catch up next time
    return target
