"""`kam restore FILE`: put a backup back in place of the database.

The current file is copied to the backups folder first (verified if it is
healthy, as it is if it is damaged), the candidate is checked (a kam database,
not from a newer version, passes integrity_check), and it is moved into place
with one rename, so at every moment the database is either the old file or the
new one. Holds the writer lock: a restore under a running app is refused."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser(
        "restore", parents=[common], help="replace the database with a backup (the current file is kept)"
    )
    p.add_argument("file", metavar="FILE", help="a backup made by kam (see the backups folder beside the database)")
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from kam_tui.backup import BackupFailed, RestoreFailed, restore_file
    from kam_tui.commands.common import fail
    from kam_tui.db import DatabaseRefused, inspect_file
    from kam_tui.lock import DatabaseInUse, LockUnavailable, take_for_command
    from kam_tui.paths import resolve_db_path

    path = resolve_db_path(args.db)
    source = Path(args.file).expanduser()
    try:
        state = inspect_file(source)
    except DatabaseRefused as exc:
        return fail(f"not restored: {exc}")
    if not state.exists:
        return fail(f"not restored: {source} does not exist")
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
    print(f"restored {source} into {path}")
    if kept is not None:
        print(f"the file it replaced is kept as {kept}")
    return 0
