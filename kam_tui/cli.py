"""The `kam` command. Each subcommand lives in kam_tui/commands/<name>.py with a
`register(subparsers)` that sets `func(args) -> int`. Subcommand modules keep
their imports inside `func`, so `kam` alone opens the app without paying for
SQLAlchemy before the first paint."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import TYPE_CHECKING, NoReturn

from kam_tui import __version__

if TYPE_CHECKING:
    import sqlite3

# In the order `kam --help` lists them.
COMMANDS = (
    "init",
    "demo",
    "import",
    "list",
    "export",
    "today",
    "log",
    "calendar",
    "backup",
    "restore",
    "config",
)
# A command whose name is a Python keyword lives in a module with another name.
MODULES = {"import": "import_cmd"}


class KamParser(argparse.ArgumentParser):
    """argparse, with its error line shown as text: `kam list <name>` quotes
    the stray word, which may hold an escape sequence."""

    def error(self, message: str) -> NoReturn:
        from kam_tui.text import display_text

        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {display_text(message)}\n")


def build_parser(with_commands: bool = True, only: str | None = None) -> argparse.ArgumentParser:
    """kam's parser: without commands (plain `kam` opens the app), with every
    command, or with `only` the one the command line names (its own options,
    help and errors are the same as in the full parser, and the other
    commands' modules stay unloaded)."""
    common = KamParser(add_help=False)
    # SUPPRESS: a subcommand's own --db default must not overwrite the one given
    # before it (`kam --db X init`); main() fills in None when neither was given.
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="PATH|URL",
        help="the database: a file, or postgresql://USER@HOST:PORT/DB for a team's server "
        "(default: $KAM_DB, else the settings file, else kam.db in the user data folder)",
    )
    parser = KamParser(
        prog="kam",
        description="A key account manager's workbench: one living plan per key account.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"kam {__version__}")
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        importlib.import_module(f"kam_tui.commands.{MODULES.get(name, name)}").register(sub, common)
    return parser


def _first_word(argv: list[str]) -> str | None:
    """The first token of argv past `kam [--db PATH]` (a command, help, or a
    word the full parser must judge), or None for plain `kam`, which opens
    the app: building every subcommand's parser first would delay its first paint."""
    after_db = False
    for token in argv:
        if after_db:
            after_db = False
        elif token == "--db":
            after_db = True
        elif not token.startswith("--db="):
            return token
    return None


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv == ["--version"]:  # as argparse prints it, without building every subcommand first
        print(f"kam {__version__}")
        return 0
    word = _first_word(argv)
    # a known command takes every word after it, so its parser alone reads
    # them as the full one would; anything else (--help, a typo) needs them all
    parser = build_parser(with_commands=word is not None, only=word if word in COMMANDS else None)
    args = parser.parse_args(argv)
    if not hasattr(args, "db"):
        args.db = None
    from kam_tui import clock  # after parsing: `kam --help` does not load datetime

    try:
        clock.check()
    except clock.BadDay as exc:
        print(f"kam: {exc}", file=sys.stderr)
        return 2
    if args.command is None:
        from kam_tui.commands.open_app import run_app

        return run_app(args)
    try:
        return int(args.func(args) or 0)
    except _failures_to_report() as exc:
        # a failed write or a lost server is a message, never a traceback (kam_tui/store/engine.py)
        from kam_tui.commands.common import fail

        return fail(exc)
    except _unread_database() as exc:
        # a read the store did not translate: damage still ends in the one refusal
        return _storage_failed(exc, args)
    except KeyboardInterrupt:
        print("kam: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _failures_to_report() -> tuple[type[BaseException], ...]:
    """What a command's failure is said in one line for. Looked up only when
    a command fails: the lock module is not loaded by the commands that only read."""
    from kam_tui.lock import DatabaseInUse, LockUnavailable
    from kam_tui.store.errors import DatabaseRefused, StorageError

    return (StorageError, DatabaseRefused, DatabaseInUse, LockUnavailable)


def _unread_database() -> type[sqlite3.DatabaseError]:
    """Looked up only when a command fails, as the other failures are: sqlite3
    stays unloaded for `kam --help`."""
    import sqlite3

    return sqlite3.DatabaseError


def _storage_failed(exc: sqlite3.DatabaseError, args: argparse.Namespace) -> int:
    import sqlite3

    from kam_tui.commands.common import fail
    from kam_tui.store.location import resolve_location
    from kam_tui.store.sqlite_file import storage_error

    if isinstance(exc, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
        raise exc  # a broken rule or a bug, not the file: a traceback is the honest report
    try:
        path = resolve_location(args.db).path
    except Exception:  # the name itself was refused earlier; say what SQLite said
        path = None
    if path is None:
        return fail(f"the database could not be read: {exc}")
    return fail(storage_error(exc, path))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
