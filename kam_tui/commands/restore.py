"""`kam restore FILE`: put a backup back in place of the database.

The current file is copied to the backups folder first (verified if it is
healthy, as it is if it is damaged), the candidate is checked (a kam database,
not from a newer version, passes integrity_check), and it is moved into place
with one rename, so at every moment the database is either the old file or the
new one. Holds the writer lock: a restore under a running app is refused.

Into a server database, the copy is loaded in one transaction, and only into
an empty database: a restore never mixes two sets of plans, and never
deletes a team's data to make room."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: `kam --help` stays as quick as argparse alone
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from kam_tui.store.location import Location


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "restore", parents=[common], help="replace the database with a backup (the current file is kept)"
    )
    p.add_argument("file", metavar="FILE", help="a backup made by kam (see the backups folder beside the database)")
    p.set_defaults(func=run)


def run(args: Any) -> int:
    from pathlib import Path

    from kam_tui.backup import BackupFailed, RestoreFailed, restore_file
    from kam_tui.commands.common import fail, location_of, say
    from kam_tui.lock import DatabaseInUse, LockUnavailable, take_for_command
    from kam_tui.paths import default_db_path
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.sqlite_file import inspect_file, missing_message

    location = location_of(args)
    if location is None:
        return 1
    source = Path(args.file).expanduser()
    try:
        state = inspect_file(source)
    except DatabaseRefused as exc:
        return fail(f"not restored: {exc}")
    if not state.exists:
        return fail(f"not restored: {source} does not exist")
    if location.is_server:
        return _restore_into_server(source, location, state.needs_migration)
    path = location.file_path
    if not path.parent.exists() and path != default_db_path():
        # a mistyped folder is not made: only the user's own data folder is (a new computer)
        return fail(f"not restored: {missing_message(path)}")
    try:
        lock = take_for_command(path, "restore")
    except (DatabaseInUse, LockUnavailable) as exc:
        return fail(f"not restored: {exc}")
    try:
        kept = restore_file(source, path)
    except (RestoreFailed, BackupFailed) as exc:
        return fail(f"not restored: {exc}")
    finally:
        lock.release()
    say(f"restored {source} into {path}")
    if kept is not None:
        say(f"the file it replaced is kept as {kept}")
    return 0


def _restore_into_server(source: Path, location: Location, older: bool) -> int:
    import tempfile
    from pathlib import Path

    from kam_tui.backup import BackupFailed, copy_database
    from kam_tui.commands.common import fail, say
    from kam_tui.store.copy import load_file
    from kam_tui.store.engine import open_database
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.text import counted

    original = source
    with tempfile.TemporaryDirectory(prefix="kam-restore-") as folder:
        if older:  # brought to this kam's schema on a copy: the backup itself stays as it is
            upgraded = Path(folder) / source.name
            try:
                copy_database(source, upgraded)
                open_database(upgraded, before_migrate=None).dispose()
            except (BackupFailed, DatabaseRefused) as exc:
                return fail(f"not restored: {exc}")
            source = upgraded
        try:
            engine = open_database(location)
        except DatabaseRefused as exc:
            return fail(f"not restored: {exc}")
        try:
            counts = load_file(source, engine)
        except DatabaseRefused as exc:
            return fail(f"not restored: {exc}")
        finally:
            engine.dispose()
    say(f"restored {original} into {location}: {counted(counts.get('account', 0), 'account')}")
    return 0
