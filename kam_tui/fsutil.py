"""Writing files so that a crash never leaves a half-written one behind, and
clearing away what a killed run did leave.

Every temporary file kam writes carries the id of the process writing it
(`.<name>.kam<pid>-<random>.tmp`, `.<name>.partial-<pid>`): a run that was
killed before it could rename or delete it leaves it behind, and the next run
of the same kind removes those whose process is gone (remove_leftovers). A
file whose process still runs is another kam at work and is left alone.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path


class WriteRefused(OSError):
    """The file could not be written; str() says where and why, in one line."""


def make_private_dir(folder: Path) -> None:
    """Create `folder` and each missing folder above it readable by the user
    alone (0700). Path.mkdir(parents=True, mode=...) gives the parents it makes
    the default mode instead, which would leave plans in a world-readable tree."""
    folder = Path(folder)
    missing = []
    while not folder.exists() and folder.parent != folder:
        missing.append(folder)
        folder = folder.parent
    for f in reversed(missing):
        try:
            f.mkdir(mode=0o700)
        except FileExistsError:  # made by another process meanwhile
            pass


# what a killed export left: `.<name>.kam<pid>-<random>.tmp`
TEMP_FILE = re.compile(r"^\..+\.kam(?P<pid>\d+)-[^.]+\.tmp$")


def _temp_file(folder: Path, name: str) -> tuple[int, str]:
    return tempfile.mkstemp(prefix=f".{name}.kam{os.getpid()}-", suffix=".tmp", dir=folder)


def process_alive(pid: int) -> bool:
    """Is process `pid` running on this machine? (True when unsure: a file
    another kam may still be writing is never taken from under it.)"""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, as another user's
    return True


if sys.platform == "win32":

    def _windows_process_alive(pid: int) -> bool:
        """os.kill(pid, 0) would end the process on Windows: ask the kernel instead."""
        import ctypes

        synchronize, still_active = 0x00100000, 259
        query_limited_information = 0x1000
        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(query_limited_information | synchronize, False, pid)
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == still_active
        finally:
            kernel32.CloseHandle(handle)


def remove_leftovers(folder: Path, pattern: re.Pattern[str]) -> list[Path]:
    """Delete the files in `folder` whose name matches `pattern` (its `pid`
    group names the process that wrote them) when that process is gone:
    what a killed backup, restore or export left. Returns what went."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        found = pattern.match(entry.name)
        if found is None or process_alive(int(found["pid"])):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue  # not ours to fuss over: the next run tries again
        removed.append(Path(entry.path))
    return removed


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to a temp file beside `path`, flush it to disk, then rename it
    over `path`. A missing folder is created (private); the file is 0600."""
    path = Path(path)
    try:
        make_private_dir(path.parent)
        remove_leftovers(path.parent, TEMP_FILE)
        fd, tmp = _temp_file(path.parent, path.name)
    except OSError as exc:
        raise _refused_folder(path.parent, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            flush_to_disk(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}") from None
    fsync_dir(path.parent)


def atomic_write_many(folder: Path, files: Iterable[tuple[str, str]]) -> int:
    """Write each (name, text) of `files` into `folder` as atomic_write_text
    would: every file goes to a temp name and is flushed to disk, then each is
    renamed into place and the folder is flushed once. The flushes run on a
    few threads while the next files are rendered and written (one fsync after
    another costs ~2 ms each, seconds for a thousand plans; side by side the
    file system commits them together). Only these files are flushed, not
    every program's writes as sync() would. A reader sees each file whole or
    not at all; on a refusal no temp file is left behind. Returns the number
    of files written. `files` may be a generator (render while writing)."""
    from concurrent.futures import Future, ThreadPoolExecutor

    folder = Path(folder)
    pending: list[tuple[str, Path]] = []
    flushes: list[Future[None]] = []
    pool: ThreadPoolExecutor | None = None
    done = 0  # how many of `pending` are renamed into place
    try:
        try:
            make_private_dir(folder)
        except OSError as exc:
            raise _refused_folder(folder, exc) from None
        remove_leftovers(folder, TEMP_FILE)
        for name, text in files:
            path = folder / name
            try:
                fd, tmp = _temp_file(folder, name)
            except OSError as exc:
                raise _refused_folder(folder, exc) from None
            pending.append((tmp, path))
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                    fh.write(text)
                os.chmod(tmp, 0o600)
            except OSError as exc:
                raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}") from None
            if pool is None:
                # made once the first file is in: the renderer forks its
                # workers before that, and a fork should not copy threads
                pool = ThreadPoolExecutor(max_workers=FLUSHING_THREADS, thread_name_prefix="kam-flush")
            flushes.append(pool.submit(_flush_file, tmp))
        for (_tmp, path), flush in zip(pending, flushes):
            try:
                flush.result()
            except OSError as exc:
                raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}") from None
        for tmp, path in pending:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}") from None
            done += 1
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        for tmp, _ in pending[done:]:
            Path(tmp).unlink(missing_ok=True)
    fsync_dir(folder)
    return len(pending)


# flushes side by side in atomic_write_many: enough for the file system to
# commit them together, few enough not to crowd the renderer
FLUSHING_THREADS = 8


def _flush_file(tmp: str) -> None:
    fd = os.open(tmp, os.O_RDONLY)
    try:
        flush_to_disk(fd)
    finally:
        os.close(fd)


def flush_to_disk(fd: int) -> None:
    """Make what was written to `fd` durable. On macOS fsync() only hands the
    data to the drive, whose cache a power cut empties: F_FULLFSYNC waits for
    the platters (fsync remains where a file system lacks it)."""
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(fd)


def _refused_folder(folder: Path, exc: OSError) -> WriteRefused:
    if isinstance(exc, PermissionError):
        return WriteRefused(f"cannot write to {folder}: permission denied (the folder is read-only)")
    return WriteRefused(f"cannot write to {folder}: {exc.strerror or exc}")


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable: without it, a power cut can bring back
    the old file (or none) even though the new one was flushed."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        flush_to_disk(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a folder; the file itself is safe
    finally:
        os.close(fd)
