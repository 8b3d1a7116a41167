"""`kam backup [-o FILE]`: a verified copy of the database, now."""

from __future__ import annotations


def register(sub, common) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="make a verified copy of the database (in the backups folder beside it, or FILE)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the copy here instead of the backups folder")
    p.set_defaults(func=run)


def run(args) -> int:
    from pathlib import Path

    from kam_tui.backup import BackupFailed, copy_database, make_backup
    from kam_tui.commands.common import fail
    from kam_tui.db import DatabaseRefused, check_file
    from kam_tui.paths import resolve_db_path

    path = resolve_db_path(args.db)
    try:
        state = check_file(path)
    except DatabaseRefused as exc:
        return fail(str(exc))
    if not state.exists:
        return fail(f"{path} does not exist, so there is nothing to back up")
    try:
        if args.output:
            dest = Path(args.output).expanduser()
            if dest.is_dir():
                from datetime import UTC, datetime

                dest = dest / f"{path.stem}-{datetime.now(UTC):%Y%m%d-%H%M%S}.db"
            if dest.exists():
                return fail(f"{dest} already exists; choose another name")
            if dest.resolve() == path.resolve():
                return fail("the copy cannot replace the database itself")
            copy_database(path, dest)
        else:
            dest = make_backup(path)
    except BackupFailed as exc:
        return fail(str(exc))
    print(f"backup written and checked: {dest}")
    return 0
