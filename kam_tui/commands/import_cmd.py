"""`kam import FILE [--dry-run] [--dates dmy|mdy]`: accounts from a CRM export.

Exit status: 0 imported (rows with problems are skipped and listed: the rest
is still imported), 1 refused (the file cannot be read safely, or the
database refused the write: nothing was written), 2 usage."""

from __future__ import annotations


LISTED = 50


def register(sub, common) -> None:
    p = sub.add_parser(
        "import", parents=[common],
        help="import accounts from a CRM export (Salesforce, HubSpot, CSV)",
        description="Import accounts from a Salesforce or HubSpot export, or any CSV with an account "
                    "name column. A match fills empty fields only; new accounts arrive as candidates.",
        epilog="Exit status: 0 imported (rows with a problem are skipped and listed), 1 refused "
               "(nothing written), 2 usage error.",
    )
    p.add_argument("file", metavar="FILE", help="the exported .csv (or tab-separated .txt) file")
    p.add_argument("--dry-run", action="store_true", help="show what would change and write nothing")
    p.add_argument("--dates", choices=("dmy", "mdy"),
                   help="day/month order of dates such as 3/4/2026, when the file does not show it")
    p.add_argument("--all", action="store_true",
                   help=f"list every created, updated and unchanged row (default: the first {LISTED})")
    p.set_defaults(func=run)


def run(args) -> int:
    from kam_tui.commands.common import fail, open_engine
    from kam_tui.importer import DateOrderUnknown, ImportRefused, apply_import, make_plan, parse_file, read_file
    from kam_tui.importer.summary import counts_line, describe_file, detail_lines

    try:
        parsed = parse_file(read_file(args.file), dates=args.dates)
    except (ImportRefused, DateOrderUnknown) as exc:
        return fail(f"{args.file}: not imported: {exc}")
    engine = open_engine(args)
    if engine is None:
        return 1
    try:
        if args.dry_run:
            with engine.connect() as conn:
                plan = make_plan(conn, parsed)
            print("\n".join(describe_file(plan)))
            print("Dry run, nothing written: " + counts_line(plan, dry_run=True))
            print("\n".join(detail_lines(plan, dry_run=True, limit=None if args.all else LISTED)))
            return 0
        try:
            result = apply_import(engine, parsed)
        except Exception as exc:  # the transaction was rolled back: nothing written
            from sqlalchemy.exc import SQLAlchemyError

            if isinstance(exc, SQLAlchemyError | OSError):
                reason = getattr(exc, "orig", None) or exc
                return fail(f"{args.file}: not imported, the database refused the write ({reason}); "
                            "nothing was written")
            raise
        plan = result.plan
        print("\n".join(describe_file(plan)))
        print("Imported: " + counts_line(plan, dry_run=False))
        print("\n".join(detail_lines(plan, dry_run=False, limit=None if args.all else LISTED)))
        return 0
    finally:
        engine.dispose()

