"""`kam backup [-o FILE]`: a verified copy of the database, now.

Of a server database, the copy is a portable SQLite file (it opens offline
with `kam --db FILE`), in the backups folder of the user data folder."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: `kam --help` stays as quick as argparse alone
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="make a verified copy of the database (in the backups folder beside it, or FILE)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the copy here instead of the backups folder")
    p.set_defaults(func=run)


def _named_output(output: str, stem: str) -> Path:
    """-o as given; a folder gets a file named after the database and the time."""
    from pathlib import Path

    dest = Path(output).expanduser()
    if dest.is_dir():
        from datetime import UTC, datetime

        dest = dest / f"{stem}-{datetime.now(UTC):%Y%m%d-%H%M%S}.db"
    return dest


def run(args: Any) -> int:
    from kam_tui.backup import BackupFailed, backup_server, copy_database, make_backup
    from kam_tui.commands.common import fail, location_of, note_leftover_journal, say
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.sqlite_file import check_file, missing_message

    location = location_of(args)
    if location is None:
        return 1
    try:
        if location.is_server:
            dest = _named_output(args.output, location.database_name) if args.output else None
            if dest is not None and dest.exists():
                return fail(f"{dest} already exists; choose another name")
            dest = backup_server(location, dest=dest)
            say(f"backup written and checked: {dest}")
            say(f"it opens on its own: kam --db {dest}")
            return 0
        path = location.file_path
        try:
            state = check_file(path)
        except DatabaseRefused as exc:
            return fail(str(exc))
        if not state.exists:
            return fail(f"nothing to back up: {missing_message(path)}")
        note_leftover_journal(path)
        if args.output:
            dest = _named_output(args.output, path.stem)
            if dest.exists():
                return fail(f"{dest} already exists; choose another name")
            if dest.resolve() == path.resolve():
                return fail("the copy cannot replace the database itself")
            copy_database(path, dest)
        else:
            dest = make_backup(path)
    except BackupFailed as exc:
        return fail(str(exc))
    say(f"backup written and checked: {dest}")
    return 0
