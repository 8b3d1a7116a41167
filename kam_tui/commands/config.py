"""`kam config [user [NAME]]`: the user's own settings, from the shell.

`kam config` prints them; `kam config user` prints the name your edits are
recorded under (and where it comes from); `kam config user "Dana Reyes"`
saves it, and `kam config user ""` goes back to the login name. No database
is opened: the settings file belongs to the user, not to a database."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: `kam --help` stays as quick as argparse alone
if TYPE_CHECKING:
    from typing import Any

KEYS = ("user",)


def register(sub: Any, common: Any) -> None:
    p = sub.add_parser(
        "config",
        parents=[common],
        help='show or set your own settings, e.g. your name: kam config user "Dana Reyes"',
        description="Show your settings, or set one. `user` is your name as colleagues know you: "
        "the owner kam offers first, and the name edits on a shared database are recorded under. "
        'An empty name ("") goes back to your login name.',
    )
    p.add_argument("key", nargs="?", choices=KEYS, help="the setting: user (your name)")
    p.add_argument("value", nargs="?", help="the new value; left out, the current one is printed")
    p.set_defaults(func=run)


def run(args: Any) -> int:
    from kam_tui.commands.common import fail, say
    from kam_tui.errors import ValidationError
    from kam_tui.settings import current_user, load_settings, save_user_name, settings_path

    settings = load_settings()
    if args.key is None:
        say(f"user: {current_user(settings)}{'' if settings.user.strip() else ' (your login name)'}")
        say(f"database: {settings.database or '(kam.db in the user data folder)'}")
        say(f"settings file: {settings_path()}")
        return 0
    if args.value is None:
        say(current_user(settings))
        return 0
    try:
        name = save_user_name(args.value)
    except ValidationError as exc:
        return fail(f"your name {exc.reason}" if exc.field == "name" else str(exc))
    chosen = load_settings().user
    say(f"Your name is now {name}" + ("" if chosen else " (your login name)") + f"; saved in {settings_path()}")
    return 0
