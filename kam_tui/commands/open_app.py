"""`kam` with no subcommand: open the app on the user's database.

Before the app paints, on the terminal: the file is checked (a damaged or
newer file is refused, naming the latest good backup), the writer lock is
taken (a second kam is offered read-only or leaving), and a verified backup is
made if the data changed since the last one. On a server
(`kam --db postgresql://...`) the server arbitrates: no lock, no start-up copy."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kam_tui.store.location import Location


def _ask_read_only(reason: str) -> bool:
    """Ask on the terminal; anything but r (or no terminal) means leave."""
    from kam_tui.commands.common import fail

    if not sys.stdin.isatty():
        fail(f"{reason}; not opened (no terminal to ask whether to open it read-only)")
        return False
    fail(f"{reason}.")
    try:
        answer = input("Open it read-only [r] or quit [q]? ").strip().lower()
    except (EOFError, KeyboardInterrupt):
        return False
    return answer in ("r", "read-only", "readonly", "ro")


def startup_backup(path: Path) -> str | None:
    """Copy the database if it changed since the last copy. A failure to
    write the copy is a warning, not a refusal: the app still opens and shows
    the warning where the user is looking. A copy that shows the file itself
    is damaged raises SourceDamaged: the app does not open on it."""
    from kam_tui.backup import BackupFailed, SourceDamaged, backup_if_changed

    try:
        backup_if_changed(path)
    except SourceDamaged:
        raise
    except BackupFailed as exc:
        return str(exc)
    return None


def run_app(args: Any, location: Location | None = None) -> int:
    from kam_tui.commands.common import location_of, no_terminal, refuse_without_terminal
    from kam_tui.paths import default_db_path

    location = location or location_of(args)
    if location is None:
        return 1
    if location.is_server:
        reason = no_terminal()
        if reason:
            return refuse_without_terminal(reason)
        return _run_on_server(location)
    # the first run makes the user's database where kam keeps it; any other
    # name must exist (`kam init` makes it), so a typo never opens an empty plan
    return _run_on_file(location.file_path, create=location.file_path == default_db_path())


def _run_on_server(location: Location) -> int:
    """A server arbitrates between its users itself: no writer lock, and no
    start-up copy (`kam backup` makes one). The database is opened, set up or
    upgraded before the app starts, so a refusal is one line here."""
    from kam_tui.commands.common import fail
    from kam_tui.store.engine import open_database
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.tui.app import KamApp

    try:
        engine = open_database(location)
    except DatabaseRefused as exc:
        return fail(str(exc))
    try:
        app = KamApp(db_path=location, engine=engine)
        app.run()
        return app.return_code or 0
    finally:
        engine.dispose()


def _run_on_file(path: Path, create: bool = False) -> int:
    from kam_tui.backup import SourceDamaged, journal_note, keep_before_journal
    from kam_tui.commands.common import fail, no_terminal, refuse_without_terminal
    from kam_tui.lock import DatabaseInUse, LockUnavailable, WriterLock
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.sqlite_file import check_file, location_writable, missing_message, tighten

    try:
        state = check_file(path)
    except DatabaseRefused as exc:
        return fail(str(exc))
    if not state.exists and not create:
        return fail(missing_message(path))
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
        reason = no_terminal()
        if reason:  # before anything is written: nothing to show it on
            return refuse_without_terminal(reason)
        warning = notice = None
        if not read_only and state.exists:
            tighten(path)
            kept = keep_before_journal(path, held=True)
            notice = journal_note(path, kept) if kept is not None else None
            try:
                warning = startup_backup(path)
            except SourceDamaged as exc:
                return fail(str(exc))
        from kam_tui.tui.app import KamApp

        app = KamApp(db_path=path, read_only=read_only, startup_warning=warning, startup_notice=notice)
        app.run()
        if app.refusal:  # found damaged while open: the way back stays on the terminal
            return fail(app.refusal)
        if notice:
            fail(f"note: {notice}")
        if warning:  # the app showed it; it stays in the terminal too
            fail(f"warning: {warning}")
        return app.return_code or 0  # 128 + the signal when SIGTERM or SIGHUP closed it
    finally:
        lock.release()
