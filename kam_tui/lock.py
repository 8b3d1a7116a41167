"""One writer per database.

The app, and every command that writes (init, import, restore), holds an OS
advisory lock (flock) on `<db>.lock` beside the database while it runs. The OS
drops the lock when the process ends, however it ends (kill -9 included), so
a stale lock can never keep the user out. The file also holds who has it (pid,
host, since when) so a second kam can say plainly where the database is open.
The lock file itself is left in place: removing it would race with a second
kam taking it.

Stdlib only, cheap to import.
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

from kam_tui.fsutil import make_private_dir

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, one writer is on trust
    fcntl = None  # type: ignore[assignment]  # callers check for None before locking


class DatabaseInUse(Exception):
    """Another kam holds the database; str() says which, in one line."""

    def __init__(self, message: str, holder: dict | None = None):
        super().__init__(message)
        self.holder = holder or {}


class LockUnavailable(Exception):
    """The lock file cannot be created (read-only folder); str() says where."""


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


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


# Locks this process holds, by lock file: a process that holds one (the app, a
# command) writes freely; any other writer takes it per transaction (db.new_session).
_held: dict[str, WriterLock] = {}


def held_here(db_path: Path) -> bool:
    return str(lock_path(db_path).resolve()) in _held


class WriterLock:
    """Held while this process may write `db_path`. Use as a context manager,
    or acquire()/release() around the app's run."""

    def __init__(self, db_path: Path, what: str = "kam"):
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self.what = what
        self._fd: int | None = None
        self._nested = False

    def acquire(self) -> WriterLock:
        if fcntl is None or self._fd is not None or self._nested:
            return self
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
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = read_holder(self.db_path)
            os.close(fd)
            who = _describe(holder)
            raise DatabaseInUse(f"{self.db_path} is open in another kam{f' ({who})' if who else ''}", holder) from None
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time(), "what": self.what}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:
            pass  # the lock is what matters; the note about who holds it is a courtesy
        self._fd = fd
        _held.setdefault(str(self.path.resolve()), self)
        return self

    def release(self) -> None:
        self._nested = False
        if self._fd is None:
            return
        key = str(self.path.resolve())
        if _held.get(key) is self:
            del _held[key]
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        os.close(self._fd)  # closing drops the flock
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self._nested

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
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
