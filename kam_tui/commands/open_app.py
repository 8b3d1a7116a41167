"""`kam` with no subcommand: open the app on the user's database.

Before the app paints, on the terminal: the file is checked (a damaged or
newer file is refused, naming the latest good backup), the writer lock is
taken (a second kam is offered read-only or leaving), and a verified backup is
made if the data changed since the last one."""

from __future__ import annotations

import sys


def _ask_read_only(reason: str) -> bool:
    """Ask on the terminal; anything but r (or no terminal) means leave."""
    if not sys.stdin.isatty():
        print(f"kam: {reason}; not opened (no terminal to ask whether to open it read-only)", file=sys.stderr)
        return False
    print(f"kam: {reason}.", file=sys.stderr)
    try:
        answer = input("Open it read-only [r] or quit [q]? ").strip().lower()
    except (EOFError, KeyboardInterrupt):
        return False
    return answer in ("r", "read-only", "readonly", "ro")


def startup_backup(path) -> str | None:
    """Copy the database if it changed since the last copy. A failure is a
    warning, not a refusal: the data itself is fine, so the app still opens
    and shows the warning where the user is looking."""
    from kam_tui.backup import BackupFailed, backup_if_changed

    try:
        backup_if_changed(path)
    except BackupFailed as exc:
        return str(exc)
    return None


def run_app(args, db_path=None) -> int:
    from kam_tui.commands.common import fail
    from kam_tui.db import DatabaseRefused, check_file, location_writable
    from kam_tui.lock import DatabaseInUse, LockUnavailable, WriterLock
    from kam_tui.paths import resolve_db_path

    path = db_path or resolve_db_path(getattr(args, "db", None))
    try:
        state = check_file(path)
    except DatabaseRefused as exc:
        return fail(str(exc))
    lock = WriterLock(path, "kam")
    read_only = False
    try:
        lock.acquire()
        if state.exists and not location_writable(path):
            raise LockUnavailable(f"cannot write in {path.parent}, so {path.name} can only be opened read-only")
    except (DatabaseInUse, LockUnavailable) as exc:
        lock.release()
        if not state.exists:
            if isinstance(exc, LockUnavailable):
                return fail(f"cannot create {path}: {path.parent} is not writable")
            return fail(str(exc))
        if not _ask_read_only(str(exc)):
            return 1
        read_only = True
    try:
        warning = None
        if not read_only and state.exists:
            warning = startup_backup(path)
        from kam_tui.tui.app import KamApp

        app = KamApp(db_path=path, read_only=read_only, startup_warning=warning)
        app.run()
        if warning:  # the app showed it; it stays in the terminal too
            print(f"kam: warning: {warning}", file=sys.stderr)
        return 0
    finally:
        lock.release()
