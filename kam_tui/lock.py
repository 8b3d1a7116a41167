"""One writer per database.

The app, and every command that writes (init, import, restore), holds an OS
lock on `<db>.lock` beside the database while it runs. The OS drops the lock
when the process ends, however it ends (kill -9 included), so a stale lock can
never keep the user out. The file also holds who has it (pid, host, since
when) so a second kam can say plainly where the database is open. The lock
file itself is left in place: removing it would race with a second kam taking
it.

The lock belongs to the file, not to the name it was reached by. The lock file
sits beside the database's real path (symbolic links resolved, as SQLite
resolves them for its -wal), and what this process holds is keyed by the lock
file's identity (device and inode), so a second name for the same folder
finds the same lock. A database with a second name of its own (a hard link,
`ln kam.db other.db`) cannot be kept to one writer: SQLite keeps a -wal per
name, so two kams writing through two names corrupt it even in turns. Such a
file is refused for writing (LockUnavailable: the app opens it read-only and
says why), never opened with the lock quietly off.

Which OS lock: flock on Linux and macOS, `msvcrt.locking` on one byte far
past the holder's note on Windows (OsLock, below). Where neither exists, or
the file system refuses locks (some network shares), LockUnavailable says so
and the app opens read-only rather than without a lock.

Stdlib only, cheap to import.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Protocol

from kam_tui.fsutil import make_private_dir


class DatabaseInUse(Exception):
    """Another kam holds the database; str() says which, in one line."""

    def __init__(self, message: str, holder: dict | None = None):
        super().__init__(message)
        self.holder = holder or {}


class LockUnavailable(Exception):
    """No lock can be taken here (a read-only folder, a file with several
    names, a file system without locks); str() says why, in one line."""


class OsLock(Protocol):
    """The platform's lock on an open file: exclusive, never waiting."""

    def take(self, fd: int) -> bool:
        """True when taken; False when another process holds it. Raises
        OSError when this file system cannot lock at all."""
        ...

    def give_back(self, fd: int) -> None: ...


# what a refused non-blocking lock raises when another process holds it
_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)}


class FlockLock:
    """flock(2): Linux, macOS and the BSDs. Unlike SQLite's own fcntl locks it
    is held by the open file, so closing another descriptor never drops it."""

    def __init__(self, fcntl: ModuleType) -> None:
        self._fcntl = fcntl

    def take(self, fd: int) -> bool:
        try:
            self._fcntl.flock(fd, self._fcntl.LOCK_EX | self._fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in _HELD:
                return False
            raise  # ENOLCK, EOPNOTSUPP: this file system keeps no locks
        return True

    def give_back(self, fd: int) -> None:
        self._fcntl.flock(fd, self._fcntl.LOCK_UN)


class WindowsLock:
    """msvcrt.locking: a byte-range lock on one byte at LOCK_OFFSET, far past
    the holder's note, because Windows forbids other processes to read locked
    bytes and a second kam must read the note to say who has the database."""

    LOCK_OFFSET = 1 << 30

    def __init__(self, msvcrt: ModuleType) -> None:
        self._msvcrt = msvcrt

    def _at_lock_byte(self, fd: int, mode: int) -> None:
        os.lseek(fd, self.LOCK_OFFSET, os.SEEK_SET)
        try:
            self._msvcrt.locking(fd, mode, 1)
        finally:
            os.lseek(fd, 0, os.SEEK_SET)

    def take(self, fd: int) -> bool:
        try:
            self._at_lock_byte(fd, self._msvcrt.LK_NBLCK)
        except OSError as exc:
            if exc.errno in _HELD:
                return False
            raise
        return True

    def give_back(self, fd: int) -> None:
        self._at_lock_byte(fd, self._msvcrt.LK_UNLCK)


def platform_lock() -> OsLock | None:
    """The lock this platform offers, or None (then nothing opens read-write)."""
    if sys.platform == "win32":
        import msvcrt

        return WindowsLock(msvcrt)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - a platform with neither
        return None
    return FlockLock(fcntl)


def lock_path(db_path: Path) -> Path:
    """`<db>.lock` beside the database's real path: a symbolic link to the
    database finds the same lock, as SQLite finds the same -wal."""
    real = Path(os.path.realpath(db_path))
    return real.with_name(real.name + ".lock")


def _describe(holder: dict) -> str:
    parts = []
    if holder.get("pid"):
        parts.append(f"process {holder['pid']}")
    if holder.get("host") and holder.get("host") != socket.gethostname():
        parts.append(f"on {holder['host']}")
    if holder.get("since"):
        since = time.localtime(holder["since"])
        same_day = time.strftime("%Y-%m-%d", since) == time.strftime("%Y-%m-%d")
        parts.append(f"since {time.strftime('%H:%M' if same_day else '%Y-%m-%d %H:%M', since)}")
    if holder.get("what"):
        parts.insert(0, str(holder["what"]))
    return " ".join(parts)


# Locks this process holds, by the lock file's identity (device, inode): a
# process that holds one (the app, a command) writes freely; any other writer
# takes it per transaction (store.engine.new_session).
_held: dict[tuple[int, int], WriterLock] = {}


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def held_here(db_path: Path) -> bool:
    key = _identity(lock_path(db_path))
    return key is not None and key in _held


def other_names(db_path: Path) -> int:
    """How many names besides this one the database file has (hard links)."""
    try:
        return max(0, os.stat(db_path).st_nlink - 1)
    except OSError:
        return 0


class WriterLock:
    """Held while this process may write `db_path`. Use as a context manager,
    or acquire()/release() around the app's run. `os_lock` is the platform's
    (platform_lock()); a test passes another to try the Windows path."""

    def __init__(self, db_path: Path, what: str = "kam", os_lock: OsLock | None = None):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.what = what
        self.os_lock = os_lock if os_lock is not None else platform_lock()
        self._fd: int | None = None
        self._key: tuple[int, int] | None = None
        self._nested = False

    def acquire(self) -> WriterLock:
        if self._fd is not None or self._nested:
            return self
        if self.os_lock is None:
            raise LockUnavailable(
                f"this system offers kam no file lock, so {self.db_path.name} can only be opened read-only"
            )
        names = other_names(self.db_path)
        if names:
            raise LockUnavailable(
                f"{self.db_path} has {names + 1} names (hard links): two kams could write it through "
                "two names at once and damage it, so it can only be opened read-only; give it one name "
                f"(remove the others), or make a copy of its own with `kam backup -o FILE`"
            )
        if held_here(self.db_path):
            # this process has it already (the app running an import): share it
            self._nested = True
            return self
        try:
            make_private_dir(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise LockUnavailable(
                f"cannot write in {self.path.parent} ({exc.strerror or exc}), so {self.db_path.name} "
                "can only be opened read-only"
            ) from None
        try:
            taken = self.os_lock.take(fd)
        except OSError as exc:
            os.close(fd)
            raise LockUnavailable(
                f"the file system holding {self.db_path} cannot lock files ({exc.strerror or exc}), "
                f"so {self.db_path.name} can only be opened read-only"
            ) from None
        if not taken:
            holder = read_holder(self.db_path)
            os.close(fd)
            who = _describe(holder)
            raise DatabaseInUse(f"{self.db_path} is open in another kam{f' ({who})' if who else ''}", holder)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time(), "what": self.what}
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(info).encode())
        except OSError:
            pass  # the lock is what matters; the note about who holds it is a courtesy
        self._fd = fd
        self._key = _identity(self.path)
        if self._key is not None:
            _held.setdefault(self._key, self)
        return self

    def release(self) -> None:
        self._nested = False
        if self._fd is None:
            return
        if self._key is not None and _held.get(self._key) is self:
            del _held[self._key]
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        if self.os_lock is not None:
            try:
                self.os_lock.give_back(self._fd)
            except OSError:
                pass  # closing drops it all the same
        os.close(self._fd)
        self._fd = None
        self._key = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self._nested

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def read_holder(db_path: Path) -> dict:
    try:
        data = json.loads(lock_path(db_path).read_text() or "{}")
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def take_for_command(db_path: Path, what: str) -> WriterLock:
    """The lock for a CLI command that writes, or DatabaseInUse / LockUnavailable
    whose message already tells the user what to do."""
    lock = WriterLock(db_path, what)
    try:
        return lock.acquire()
    except DatabaseInUse as exc:
        raise DatabaseInUse(f"{exc}; close it there and run `kam {what}` again", exc.holder) from None
