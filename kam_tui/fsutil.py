"""Writing files so that a crash never leaves a half-written one behind."""

from __future__ import annotations

import os
import tempfile
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


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to a temp file beside `path`, flush it to disk, then rename it
    over `path`. A missing folder is created (private); the file is 0600."""
    path = Path(path)
    try:
        make_private_dir(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except PermissionError:
        raise WriteRefused(f"cannot write to {path.parent}: permission denied (the folder is read-only)") from None
    except OSError as exc:
        raise WriteRefused(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise WriteRefused(f"cannot write {path}: {exc.strerror or exc}") from None
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable: without it, a power cut can bring back
    the old file (or none) even though the new one was flushed."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on a folder; the file itself is safe
    finally:
        os.close(fd)
