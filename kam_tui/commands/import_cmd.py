"""`kam import FILE [--dry-run] [--dates dmy|mdy]`: accounts from a CRM export.

Exit status: 0 imported (rows with problems are skipped and listed: the rest
is still imported), 1 refused (the file cannot be read safely, or the
database refused the write: nothing was written), 2 usage."""

from __future__ import annotations

LISTED = 50


def register(sub, common) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import accounts from a CRM export (Salesforce, HubSpot, CSV)",
        description="Import accounts from a Salesforce or HubSpot export, or any CSV with an account "
        "name column. A match fills empty fields only; new accounts arrive as candidates.",
        epilog="Exit status: 0 imported (rows with a problem are skipped and listed), 1 refused "
        "(nothing written), 2 usage error.",
    )
    p.add_argument("file", metavar="FILE", help="the exported .csv (or tab-separated .txt) file")
    p.add_argument("--dry-run", action="store_true", help="show what would change and write nothing")
    p.add_argument(
        "--dates",
        choices=("dmy", "mdy"),
        help="day/month order of dates such as 3/4/2026, when the file does not show it",
    )
    p.add_argument(
        "--all",
        action="store_true",
        help=f"list every created, updated and unchanged row (default: the first {LISTED})",
    )
    p.set_defaults(func=run)


def run(args) -> int:
    """Stdlib sqlite3 all the way (db.open_plain): SQLAlchemy and the models
    are not imported unless the database must first be created or migrated.

    The garbage collector is paused while the file's rows become tens of
    thousands of small objects: none of them form cycles, and its full
    passes over them cost a tenth of the import."""
    import gc

    paused = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if paused:
            gc.enable()


def _run(args) -> int:
    import sqlite3

    from kam_tui.backup import BackupFailed
    from kam_tui.commands.common import fail
    from kam_tui.db import DatabaseRefused, location_writable, open_plain
    from kam_tui.importer import DateOrderUnknown, ImportRefused, apply_import, make_plan, parse_file, read_file
    from kam_tui.importer.summary import counts_line, describe_file, detail_lines
    from kam_tui.lock import take_for_command
    from kam_tui.paths import resolve_db_path

    try:
        parsed = parse_file(read_file(args.file), dates=args.dates)
    except (ImportRefused, DateOrderUnknown) as exc:
        return fail(f"{args.file}: not imported: {exc}")
    path = resolve_db_path(getattr(args, "db", None))
    try:
        # a dry run only reads: it works on a file we may not write, too
        read_only = args.dry_run and path.exists() and not location_writable(path)
        con = open_plain(path, read_only=read_only)
    except DatabaseRefused as exc:
        return fail(str(exc))
    try:
        if args.dry_run:
            plan = make_plan(con, parsed)
            print("\n".join(describe_file(plan)))
            print("Dry run, nothing written: " + counts_line(plan, dry_run=True))
            print("\n".join(detail_lines(plan, dry_run=True, limit=None if args.all else LISTED)))
            return 0
        lock = take_for_command(path, "import")
        try:
            result = apply_import(con, parsed)
        except BackupFailed as exc:
            return fail(
                f"{args.file}: not imported, because the database could not be backed up first "
                f"({exc}); nothing was written"
            )
        except (sqlite3.Error, OSError) as exc:  # the transaction was rolled back: nothing written
            return fail(f"{args.file}: not imported, the database refused the write ({exc}); nothing was written")
        finally:
            lock.release()
        plan = result.plan
        print("\n".join(describe_file(plan)))
        print("Imported: " + counts_line(plan, dry_run=False))
        print("\n".join(detail_lines(plan, dry_run=False, limit=None if args.all else LISTED)))
        return 0
    finally:
        con.close()
