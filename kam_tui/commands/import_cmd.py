"""`kam import FILE [--dry-run] [--dates dmy|mdy] [--encoding NAME] [--map COLUMN=FIELD]`:
accounts, contacts or opportunities from a CRM export.

Exit status: 0 something was imported, or nothing needed to change (rows
with problems are skipped and listed: the rest is still imported); 1 refused
(the file cannot be read safely, every row was skipped, or the database
refused the write: nothing was written); 2 usage."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # typing itself is not imported: `kam --help` stays as quick as argparse alone
if TYPE_CHECKING:
    from typing import Any


LISTED = 50


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "import",
        parents=[common],
        help="import accounts, contacts or opportunities from a CRM export (CSV or Excel)",
        description="Import accounts, contacts (as stakeholders) or opportunities from a Salesforce, "
        "HubSpot, Pipedrive, Zoho, Dynamics 365 or Odoo export (.csv or .xlsx), or any sheet with a name "
        "column. A match fills empty fields only; new accounts arrive as candidates.",
        epilog="Exit status: 0 imported or nothing to change (rows with a problem are skipped and listed), "
        "1 refused or every row skipped (nothing written), 2 usage error.",
    )
    p.add_argument("file", metavar="FILE", help="the exported .csv, tab-separated .txt or .xlsx file")
    p.add_argument("--dry-run", action="store_true", help="show what would change and write nothing")
    p.add_argument(
        "--dates",
        choices=("dmy", "mdy"),
        help="day/month order of dates such as 3/4/2026, when the file does not show it",
    )
    p.add_argument(
        "--encoding",
        metavar="NAME",
        help="the file's text encoding, e.g. windows-1254, when kam cannot tell it (CSV only)",
    )
    p.add_argument(
        "--map",
        metavar="COLUMN=FIELD",
        action="append",
        default=[],
        help='use COLUMN for FIELD (e.g. "Umsatz=annual_revenue"), or COLUMN=ignore; repeatable',
    )
    p.add_argument(
        "--all",
        action="store_true",
        help=f"list every created, updated and unchanged row (default: the first {LISTED})",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """On a file, stdlib sqlite3 all the way (store.sqlite_file.open_plain):
    SQLAlchemy and the models are not imported unless the database must first
    be created or migrated. On a server, SQLAlchemy Core through the store.

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


def _by_hand(pairs: list[str]) -> dict[str, str] | str:
    """--map values as header -> field, or the usage error to print."""
    from kam_tui.importer.headers import IGNORE, KINDS, field_names

    valid = sorted({f for kind in KINDS for f in field_names(kind)} | {IGNORE})
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, fld = pair.rpartition("=")
        column, fld = column.strip(), fld.strip()
        if not sep or not column or not fld:
            return f'--map {pair!r}: write it as COLUMN=FIELD, e.g. --map "Umsatz=annual_revenue"'
        if fld not in valid:
            return f"--map {pair!r}: {fld!r} is not a field; fields are {', '.join(valid)}"
        out[column] = fld
    return out


def _check_map(parsed: Any, by_hand: dict[str, str]) -> str | None:
    """A --map column the file does not have, or a field its kind of export has not."""
    from kam_tui.importer.headers import IGNORE, field_names, header_key

    columns = parsed.columns
    found = {header_key(h) for h in columns.by_hand}
    for column, fld in by_hand.items():
        if header_key(column) not in found:
            shown = ", ".join(h for h in columns.headers if h)
            return f"--map: the file has no column {column!r}; its columns are {shown}"
        kinds = [columns.kind] + ([parsed.people_columns.kind] if parsed.people_columns is not None else [])
        if fld != IGNORE and not any(fld in field_names(k) for k in kinds):
            valid = ", ".join(field_names(columns.kind) + [IGNORE])
            return f"--map {column}={fld}: a {columns.kind} export has no field {fld!r}; its fields are {valid}"
    return None


def _run(args: argparse.Namespace) -> int:
    import sqlite3

    from kam_tui.backup import BackupFailed
    from kam_tui.commands.common import fail, location_of, note_leftover_journal
    from kam_tui.importer import (
        DateOrderUnknown,
        EncodingUnknown,
        ImportRefused,
        apply_import,
        make_plan,
        parse_remembered,
        read_file,
    )
    from kam_tui.importer.encodings import known_encoding
    from kam_tui.lock import take_for_command
    from kam_tui.store.errors import DatabaseRefused
    from kam_tui.store.sqlite_file import location_writable, open_plain

    location = location_of(args)
    if location is None:
        return 1
    by_hand = _by_hand(args.map)
    if isinstance(by_hand, str):
        return fail(by_hand, 2)
    if args.encoding is not None and known_encoding(args.encoding) is None:
        return fail(
            f"--encoding {args.encoding!r} is not an encoding kam knows (e.g. utf-8, windows-1252, windows-1254)", 2
        )
    try:
        from kam_tui.settings import load_settings

        parsed = parse_remembered(
            read_file(args.file),
            load_settings().import_maps,
            dates=args.dates,
            encoding=args.encoding,
            by_hand=by_hand,
        )
    except (ImportRefused, DateOrderUnknown, EncodingUnknown) as exc:
        return fail(f"{args.file}: not imported: {exc}")
    if by_hand and (wrong := _check_map(parsed, by_hand)):
        return fail(wrong, 2)
    if location.is_server:
        return _into_server(args, location, parsed)
    path = location.file_path
    try:
        # a dry run only reads: it works on a file we may not write, too
        read_only = args.dry_run and path.exists() and not location_writable(path)
        if path.exists():
            note_leftover_journal(path)
        con = open_plain(path, create=False, read_only=read_only, pages=True)
    except DatabaseRefused as exc:
        return fail(str(exc))
    try:
        if args.dry_run:
            return _dry_run(args, make_plan(con, parsed))
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
        return _imported(args, result)
    finally:
        con.close()


def _into_server(args: argparse.Namespace, location: Any, parsed: Any) -> int:
    """The same import into a PostgreSQL database: no lock file and no kam
    backup (the server arbitrates, and its backups are its own); one
    transaction, so a connection lost halfway leaves nothing written."""
    from kam_tui.commands.common import fail, open_engine
    from kam_tui.importer import apply_import, make_plan
    from kam_tui.store.errors import StorageError

    engine = open_engine(args, location=location)
    if engine is None:
        return 1
    try:
        if args.dry_run:
            with engine.connect() as conn:
                return _dry_run(args, make_plan(conn, parsed))
        from sqlalchemy.exc import DBAPIError

        try:
            result = apply_import(engine, parsed)
        except StorageError as exc:  # rolled back, or never begun: nothing written
            return fail(f"{args.file}: not imported: {exc}")
        except DBAPIError as exc:  # a rule of the database (a name taken meanwhile): rolled back too
            said = (str(exc.orig).splitlines() or [type(exc.orig).__name__])[0]
            return fail(f"{args.file}: not imported, the database refused the write ({said}); nothing was written")
        return _imported(args, result)
    finally:
        engine.dispose()


def _dry_run(args: argparse.Namespace, plan: Any) -> int:
    from kam_tui.commands.common import say
    from kam_tui.importer.apply import result_of
    from kam_tui.importer.summary import counts_line, describe_file, detail_lines, first_rows_lines

    say("\n".join(describe_file(plan)))
    say("Dry run, nothing written: " + counts_line(plan, dry_run=True))
    say("\n".join(first_rows_lines(plan)))
    say("\n".join(detail_lines(plan, dry_run=True, limit=None if args.all else LISTED)))
    return 1 if result_of(plan).nothing_kept else 0


def _imported(args: argparse.Namespace, result: Any) -> int:
    from kam_tui.commands.common import fail, say
    from kam_tui.importer.summary import counts_line, describe_file, detail_lines

    plan = result.plan
    say("\n".join(describe_file(plan)))
    say("Imported: " + counts_line(plan, dry_run=False))
    say("\n".join(detail_lines(plan, dry_run=False, limit=None if args.all else LISTED)))
    if result.nothing_kept:
        return fail(f"{args.file}: nothing imported: every row was skipped")
    return 0
