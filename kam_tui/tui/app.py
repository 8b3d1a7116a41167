"""The app: owns the database engine and the screen stack.

Start-up: on a file, the account list paints before SQLAlchemy/SQLModel are
imported. Its rows are read through the store's plain sqlite3 Reader in a
thread worker (`read_connection`); the ORM is imported in the background once
the rows are on screen (`warm_up`), so the first edit does not wait for it
either. On a server (`kam --db postgresql://...`) the engine was opened before
the app started (a refusal is one line on the terminal), and the same reads
run through it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from kam_tui.store.location import Location
from kam_tui.tui.edits import NotSaved, Outcome, Saved

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session
    from textual.command import Provider
    from textual.content import Content
    from textual.notifications import SeverityLevel
    from textual.theme import Theme
    from textual.timer import Timer

    from kam_tui.lock import WriterLock
    from kam_tui.models import Account
    from kam_tui.services.portfolio import AccountRow
    from kam_tui.store.conflicts import Seen
    from kam_tui.store.reader import Reader

WARM_UP_IDLE = 1.5
# the page check (PRAGMA quick_check) starts this long after the first paint:
# it reads the whole file, and the first rows and keystrokes come first
PAGE_CHECK_AFTER = 2.0

P = ParamSpec("P")
T = TypeVar("T")


# The palette's providers load when the palette first opens, not at start-up.
def _account_commands() -> type[Provider]:
    from kam_tui.tui.palette import AccountCommands

    return AccountCommands


def _binding_commands() -> type[Provider]:
    from kam_tui.tui.palette import BindingCommands

    return BindingCommands


class KamApp(App[None]):
    CSS_PATH = "kam.tcss"
    TITLE = "kam"
    COMMANDS = App.COMMANDS | {_account_commands, _binding_commands}

    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("T", "today", "Today", id="today"),
    ]

    def __init__(
        self,
        db_path: Path | str | Location,
        read_only: bool = False,
        *,
        demo_path: Path | None = None,
        settings_file: Path | None = None,
        startup_warning: str | None = None,
        startup_notice: str | None = None,
        engine: Engine | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        # e.g. the start-up backup failed: said in the app, where the user looks
        self.startup_warning = startup_warning
        # e.g. a journal left beside the file was applied, a copy kept first
        self.startup_notice = startup_notice
        # the refusal of a database found damaged while open; printed again on exit
        self.refusal: str | None = None
        self.location = db_path if isinstance(db_path, Location) else Location.file(db_path)
        # the database the user opened; the welcome screen may switch to the demo
        self.own_location = self.location
        self.demo_path = Path(demo_path) if demo_path else None
        self.is_demo = False
        self._demo_lock: WriterLock | None = None
        self.settings_file = settings_file
        self._user_name: str | None = None
        self._load_theme()
        self._engine: Engine | None = engine
        self._engine_lock = threading.Lock()
        self._warmed = False
        self._warm_timer: Timer | None = None
        # the account list's latest rows: the palette's "Open account" reads them
        self.portfolio_rows: list[AccountRow] = []
        # a second kam opens read-only; every write then fails with a one-line
        # ReadOnlyDatabase message through report_error. The header says so on
        # every screen (format_title), before any edit is refused.
        self.read_only = read_only

    @property
    def user_name(self) -> str:
        """Who this user is to colleagues (settings, else the login name): read once, kept until changed here."""
        if self._user_name is None:
            from kam_tui.settings import current_user, load_settings

            self._user_name = current_user(load_settings(self.settings_file))
        return self._user_name

    def ask_user_name(self) -> None:
        """The "Your name" form: saved to the settings file, used from the next edit on."""
        from kam_tui.settings import load_settings, login_name
        from kam_tui.tui.edits import Edit
        from kam_tui.tui.widgets.form import FieldSpec, FormScreen

        def done(name: str | None) -> None:
            if name is not None:
                self._user_name = name
                if self._engine is not None:  # the next save is recorded under the new name
                    from kam_tui.store.stamps import set_user

                    set_user(self._engine, name)
                self.notify(f"Your name here is {name}", timeout=4)
                self._refresh_list()

        login = login_name() or "unknown"
        field = FieldSpec(
            "name",
            "Your name",
            value=load_settings(self.settings_file).user,
            placeholder=f"blank: your login name ({login})",
            help="As colleagues know you: owners are picked by it, and every edit on a shared database is "
            "recorded under it. Blank uses your login name.",
        )
        intro = f"Now: {self.user_name}. Kept in the settings file; the same as `kam config user NAME`."
        self.push_screen(
            FormScreen(
                "Your name", [field], Edit(_save_user_name, self.settings_file), intro=intro, accept_label="Save"
            ),
            done,
        )

    @property
    def db_path(self) -> Path | Location:
        """The file in use; on a server, its Location (no file to back up or lock)."""
        return self.location.path if self.location.path is not None else self.location

    @property
    def own_db_path(self) -> Path | Location:
        return self.own_location.path if self.own_location.path is not None else self.own_location

    def first_look(self) -> tuple[bool, bool]:
        """(has accounts, is the demo database), cheaply: see store/quick.py."""
        from kam_tui.store.quick import first_look

        return first_look(self.location, self._engine)

    def on_mount(self) -> None:
        has_accounts, self.is_demo = self.first_look()
        if not has_accounts and not self.read_only:
            # the (empty) list is built when the welcome steps aside (go_home),
            # so the welcome is the only screen built before the first paint
            from kam_tui.tui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        else:
            from kam_tui.tui.screens.account_list import AccountListScreen

            self.push_screen(AccountListScreen())
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._close_on_signals()
        if self.location.path is not None:
            self.set_timer(PAGE_CHECK_AFTER, self._start_page_check)
        if self.startup_notice:
            self.call_after_refresh(
                self.notify, self.startup_notice, title="A journal was applied", severity="warning", timeout=30
            )
        if self.startup_warning:
            # after the first paint: a toast raised before the screen is up is never shown
            self.call_after_refresh(
                self.notify,
                f"{self.startup_warning}. Your data is fine; `kam backup` makes a copy by hand.",
                title="No backup was made",
                severity="warning",
                timeout=15,
            )

    def on_unmount(self) -> None:
        self._stop_closing_on_signals()
        if self._engine is not None and not self.location.is_server:
            # the last connection closing folds the -wal into the file and
            # removes it: a clean exit leaves the database one file again
            self._engine.dispose()
        if self._demo_lock is not None:
            self._demo_lock.release()
            self._demo_lock = None

    # ------------------------------------------------------------ looks

    def _load_theme(self) -> None:
        from kam_tui.settings import load_settings

        theme = load_settings(self.settings_file).theme
        if theme in self.available_themes:
            self.theme = theme
        self._saved_theme = self.theme

    def _theme_changed(self, theme: Theme) -> None:
        """Remember the choice for the next run (the palette's "Theme" picker
        previews themes as the cursor moves: only a change is written)."""
        from kam_tui.settings import load_settings, save_settings

        if theme.name == self._saved_theme:
            return
        settings = load_settings(self.settings_file)
        settings.theme = theme.name
        problem = save_settings(settings, self.settings_file)
        if problem:
            self.notify(f"The theme is used now but not remembered: {problem}", severity="warning", timeout=6)
            return
        self._saved_theme = theme.name

    def format_title(self, title: str, sub_title: str) -> Content:
        from kam_tui.text import display_text

        # a screen's title is often a name: shown as text, nothing in it acts on the terminal
        content = super().format_title(display_text(title), display_text(sub_title))
        if self.read_only:
            from textual.content import Content

            content = Content.assemble(("READ-ONLY", "bold reverse"), " ", content)
        if self.is_demo:
            from textual.content import Content

            # padded and not bold: a bold glyph wider than its cell would run under the title
            return Content.assemble((" DEMO ", "reverse"), " ", content)
        return content

    # ------------------------------------------------------------ database

    @property
    def engine(self) -> Engine:
        """Opened on first use, so the first screen can paint before SQLAlchemy loads."""
        with self._engine_lock:
            if self._engine is None:
                from kam_tui.store.engine import open_database

                # the name this user's saves are recorded under, read once
                self._engine = open_database(self.location, read_only=self.read_only, user=self.user_name)
            return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One Session per unit of work: `with self.app.session() as s: ...`."""
        from kam_tui.store.engine import new_session

        with new_session(self.engine, shown=True) as s:
            yield s

    @contextmanager
    def read_connection(self) -> Iterator[Reader]:
        """A Reader for fast reads (the account list): on a file, plain sqlite3
        opened without importing the ORM. Safe to use in a thread worker."""
        if self.location.is_server:
            from kam_tui.store.quick import engine_reader

            with engine_reader(self.engine, shown=True) as reader:
                yield reader
            return
        from kam_tui.store.quick import file_reader
        from kam_tui.store.sqlite_file import inspect_file

        path = self.location.file_path
        if self._engine is None:
            state = inspect_file(path)  # refuses a file that is not ours
            if not state.exists or state.needs_migration or (not state.stamped and not self.read_only):
                _ = self.engine  # creates or upgrades it (imports the ORM; rare)
        with file_reader(path, shown=True) as reader:
            yield reader

    def switch_to_demo(self) -> None:
        """Look around the demo: the running app moves to the demo database
        (made and seeded on first use, as `kam demo` does), on a worker thread."""
        from kam_tui.paths import demo_db_path

        path = self.demo_path or demo_db_path()
        self.notify("Opening the demo ...", timeout=2)
        self.run_worker(
            lambda: self._prepare_demo(path), thread=True, exclusive=True, exit_on_error=False, group="demo"
        )

    def _prepare_demo(self, path: Path) -> None:
        from kam_tui.demo_db import prepare_demo_db
        from kam_tui.lock import WriterLock

        lock = WriterLock(path, "kam demo")
        try:
            lock.acquire()
            prepare_demo_db(Location.file(path))
        except Exception as exc:  # refused, in use, disk full, a damaged file: one line, never a traceback
            lock.release()
            self.call_from_thread(self.report_error, exc, "Cannot open the demo")
            return
        self.call_from_thread(self._use_database, path, lock, True)

    def leave_demo(self) -> None:
        """Back to the user's own database (the welcome shows again while it is empty)."""
        if self.is_demo and self.own_location != self.location:
            self._use_database(self.own_location, None, False)
            has_accounts, _ = self.first_look()
            if not has_accounts:
                from kam_tui.tui.screens.welcome import WelcomeScreen

                self.push_screen(WelcomeScreen())

    def _use_database(self, where: Path | Location, lock: WriterLock | None, demo: bool) -> None:
        with self._engine_lock:
            if self._engine is not None:
                self._engine.dispose()
                self._engine = None
        if self._demo_lock is not None and self._demo_lock is not lock:
            self._demo_lock.release()
        self._demo_lock = lock
        self.location = where if isinstance(where, Location) else Location.file(where)
        self.portfolio_rows = []
        self.is_demo = demo
        self.mutate_reactive(KamApp.title)  # the headers redraw, with or without the DEMO mark
        if not self.go_home():
            self._refresh_list()
        if demo:
            self.notify(
                "This is the demo database: try anything. Your own data is untouched; "
                'ctrl+p "Leave the demo" goes back.',
                title="Demo",
                timeout=8,
            )

    def new_account(self) -> None:
        """The account form; the new account is then selected in the list."""
        from kam_tui.tui.screens.account_form import account_form

        def done(account: Account | None) -> None:
            if account is not None:
                self.notify(f"Added {account.name}", timeout=3)
                for screen in self.screen_stack:
                    if isinstance(screen, AccountListScreen):
                        screen.reload(keep=account.id)

        from kam_tui.tui.screens.account_list import AccountListScreen

        self.push_screen(account_form(self), done)

    def export_plan_form(self, account_id: int) -> None:
        """Ask where to write one account's plan, and for whom, then write it."""
        from kam_tui.tui.screens.export_form import export_form

        form = export_form(self, account_id)

        def done(path: Path | None) -> None:
            if path is not None:
                self.notify(f"Exported {form.account_name} to {path}", timeout=6)

        self.push_screen(form, done)

    def db_signature(self) -> object:
        """Changes whenever anything is committed: lets a screen skip re-reading
        when nothing changed (on a server, also every so often: colleagues edit too)."""
        from kam_tui.store.quick import signature

        return signature(self.location, self._engine)

    def warm_up(self) -> None:
        """Import the ORM and services in the background once the first screen
        is up and the user pauses (WARM_UP_IDLE s without a key), so the first
        edit is instant too and typing never competes with the import."""
        if not self._warmed and self._warm_timer is None:
            self._warm_timer = self.set_timer(WARM_UP_IDLE, self._start_warm_up)

    def postpone_warm_up(self) -> None:
        if self._warm_timer is not None:
            self._warm_timer.reset()

    def _start_warm_up(self) -> None:
        self._warm_timer = None
        if not self._warmed:
            self._warmed = True
            self.run_worker(lambda: _import_orm(self), thread=True, exit_on_error=False, group="warm-up")

    # ------------------------------------------------------------ actions used by several screens

    def report_error(self, exc: Exception, title: str = "Not saved") -> None:
        """Tell the user what went wrong in one line; never a traceback. A
        damaged file is not a passing error: the app stops on it (show_damage)."""
        damage = self._damage_in(exc)
        if damage is not None:
            self.show_damage(damage)
            return
        self.notify(str(exc), title=title, severity="error", timeout=8)

    # ------------------------------------------------------------ leaving

    def unsaved_text(self, screens: Iterable[Screen]) -> list[str]:
        """Save what is typed in `screens` now; the parts whose save failed
        (disk full, read-only), whose text exists only on screen."""
        from kam_tui.tui.widgets.text_sections import TextSectionsEditor

        unsaved: list[str] = []
        for screen in screens:
            for editor in screen.query(TextSectionsEditor):
                unsaved += editor.flush()
        return unsaved

    def leave(self, screens: Iterable[Screen], then: Callable[[], object]) -> None:
        """Leave `screens` (`then` does it), asking first when text typed there
        could not be saved: leaving would lose it."""
        from kam_tui.tui.widgets.form import ConfirmScreen

        unsaved = self.unsaved_text(screens)
        if not unsaved:
            then()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.push_screen(
            ConfirmScreen(
                f"Leave without saving {', '.join(unsaved)}?",
                "What you wrote there could not be saved (the reason was shown when it failed) and is only on "
                "screen. Leaving loses it; stay to copy it, or to try again once the cause is fixed.",
                yes_label="Leave",
            ),
            answered,
        )

    async def action_quit(self) -> None:
        self.leave(list(self.screen_stack), self.exit)

    def _close_on_signals(self) -> None:
        """SIGTERM (a shutdown, `kill`) and SIGHUP (the terminal closed, an SSH
        connection dropped) save what autosave would save, then close the app
        the usual way, which gives the terminal back; by default either would
        end the process at once, losing the last seconds of typing and leaving
        the terminal on the app's screen. POSIX only: Windows has neither."""
        import asyncio
        import signal

        if self.is_headless:
            return  # under a test harness, whose loop is not ours to change
        loop = asyncio.get_running_loop()
        self._signals_handled: list[int] = []
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                loop.add_signal_handler(number, self._closed_by_signal, number)
            except (NotImplementedError, RuntimeError, ValueError):
                continue
            self._signals_handled.append(number)

    def _stop_closing_on_signals(self) -> None:
        import asyncio

        for number in getattr(self, "_signals_handled", []):
            try:
                asyncio.get_running_loop().remove_signal_handler(number)
            except (RuntimeError, ValueError):
                pass
        self._signals_handled = []

    def _closed_by_signal(self, number: int) -> None:
        import os
        import signal

        self.unsaved_text(self.screen_stack)  # first, before anything touches a terminal that may be gone
        if number == getattr(signal, "SIGHUP", None):
            # no terminal to give back: drawing on it would only fail, and
            # Textual's writer could wait on it; what mattered is saved
            self.exit(return_code=128 + number)
            self.set_timer(2.0, lambda: os._exit(128 + number))
            return
        self.exit(return_code=128 + number)

    # ------------------------------------------------------------ a damaged file

    def _start_page_check(self) -> None:
        self.run_worker(self._check_pages, thread=True, exit_on_error=False, group="page-check")

    def _check_pages(self) -> None:
        """Every page of the file, read once in the background: a damaged page
        the header check cannot see is found before the user meets it."""
        from kam_tui.store.errors import DatabaseRefused
        from kam_tui.store.sqlite_file import damage_refusal, inspect_file, quick_check

        path = self.location.path
        if path is None:
            return
        try:
            if not inspect_file(path).exists:
                return
        except DatabaseRefused:
            return  # not a kam file, or a newer one: the list says so already
        problem = quick_check(path)
        if problem is not None and path == self.location.path:
            self.call_from_thread(self.show_damage, str(damage_refusal(path, problem)))

    def _damage_in(self, exc: BaseException) -> str | None:
        """The refusal to show if `exc` (or what caused it) says the file is damaged."""
        import sqlite3

        from kam_tui.backup import SourceDamaged
        from kam_tui.store.errors import DamagedDatabase, DamagedWhileWorking
        from kam_tui.store.sqlite_file import is_damage, storage_error

        seen: BaseException | None = exc
        looked: set[int] = set()  # a chain of causes can loop back on itself
        while seen is not None and id(seen) not in looked:
            looked.add(id(seen))
            if isinstance(seen, (DamagedDatabase, DamagedWhileWorking, SourceDamaged)):
                return str(seen)
            if isinstance(seen, sqlite3.DatabaseError) and is_damage(seen) and self.location.path is not None:
                return str(storage_error(seen, self.location.path))
            seen = seen.__cause__ or seen.__context__
        return None

    def show_damage(self, refusal: str) -> None:
        """Stop on a damaged file: say so and how to put the latest good backup
        back, change nothing more, and leave when the user has read it."""
        from kam_tui.tui.screens.damaged import DamagedScreen

        if self.refusal is not None:
            return
        self.refusal = refusal
        self.push_screen(DamagedScreen(refusal))

    def _handle_exception(self, error: Exception) -> None:
        """Textual's last resort for an exception nothing caught (a section
        reading a damaged page as it opens): a damaged file gets its refusal,
        anything else Textual's report."""
        damage = self._damage_in(error)
        if damage is None:
            super()._handle_exception(error)
            return
        self.show_damage(damage)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Notifications here carry names and values the user typed, and error
        messages quoting them: shown as plain text, a name like "[/]x" is just
        that, where as markup it would stop the app, and an escape sequence in
        a file name shows instead of acting on the terminal."""
        from kam_tui.text import display_text

        super().notify(
            display_text(message, multiline=True),
            title=display_text(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # ------------------------------------------------------------ edits

    def attempt(self, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
        """Run one edit, `fn(session, *args, **kwargs)`, in a session of its own and
        commit it. A failure is returned, not raised: the caller shows the reason
        where it belongs and keeps what the user typed (see edits.py)."""
        return self._attempt(None, fn, *args, **kwargs)

    def attempt_as_seen(
        self, seen: Seen | None, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> Outcome[T]:
        """`attempt`, refused with ChangedElsewhere ("changed by Anna at 14:05")
        when the row `seen` names was saved by someone else after the screen
        showed it: a shared database never keeps the last save silently."""
        return self._attempt(seen, fn, *args, **kwargs)

    def _attempt(self, seen: Seen | None, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Outcome[T]:
        from kam_tui.store.conflicts import run_checked

        try:
            with self.session() as s:
                value = run_checked(s, seen, fn, *args, **kwargs)
        except Exception as exc:  # disk full, locked, read-only, refused by a service: one line, never a traceback
            # Every failed edit passes here, so a damaged file stops the app
            # here, whichever screen or form tried the edit.
            damage = self._damage_in(exc)
            if damage is not None:
                self.show_damage(damage)
            return NotSaved(exc)
        return Saved(value)

    def edit(self, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
        """`attempt`, with a failure said in one line in a notification."""
        outcome = self.attempt(fn, *args, **kwargs)
        if isinstance(outcome, NotSaved):
            self.report_error(outcome.error)
        return outcome

    def edit_as_seen(
        self, seen: Seen | None, fn: Callable[Concatenate[Session, P], T], /, *args: P.args, **kwargs: P.kwargs
    ) -> Outcome[T]:
        """`attempt_as_seen` for a one-key edit: a refusal is said in one line
        and the screen shows the item as it is now, so the user sees the other
        person's change before pressing the key again."""
        outcome = self.attempt_as_seen(seen, fn, *args, **kwargs)
        if isinstance(outcome, NotSaved):
            from kam_tui.store.errors import ChangedElsewhere

            if isinstance(outcome.error, ChangedElsewhere):
                self.notify(
                    f"{outcome.error}; shown as it is now, so you can do it again",
                    title="Not saved",
                    severity="warning",
                    timeout=8,
                )
                self.show_as_it_is_now()
            else:
                self.report_error(outcome.error)
        return outcome

    def show_as_it_is_now(self) -> None:
        """Re-read what the screen in front shows (its loaded sections, or the
        screen itself): after a refusal it must show the other person's change."""
        from kam_tui.tui.panes.base import Pane

        screen = self.screen
        panes = [pane for pane in screen.query(Pane) if pane.loaded]
        for pane in panes:
            pane.reload()
        if panes:
            return
        again = getattr(screen, "refresh_view", None) or getattr(screen, "reload", None)
        if callable(again):  # a screen of its own (the wizard, the scoring matrix, the list)
            again()

    def delete(self, fn: Callable[[Session, int], object], item_id: int, *, backup: bool = False) -> bool:
        """Delete one thing through its service; True if it is gone. `backup`
        makes a verified copy of the database first, for a delete that takes
        other things with it (a goal's actions, an account's whole plan)."""
        if backup and self.location.path is not None:  # a server keeps its own backups
            from kam_tui.backup import backup_before

            try:
                backup_before(self.location.path, "delete")
            except Exception as exc:  # no copy, no delete: said in one line
                self.report_error(exc, "Not deleted")
                return False
        outcome = self.attempt(fn, item_id)
        if isinstance(outcome, NotSaved):
            self.report_error(outcome.error, "Not deleted")
            return False
        return True

    def open_account(self, account_id: int, section: str | None = None) -> None:
        from kam_tui.tui.screens.workspace import WorkspaceScreen

        self.push_screen(WorkspaceScreen(account_id, section))

    def action_today(self) -> None:
        from kam_tui.tui.screens.today import TodayScreen

        if not isinstance(self.screen, TodayScreen):
            self.push_screen(TodayScreen())

    def open_scoring(self) -> None:
        from kam_tui.tui.screens.scoring import ScoringScreen

        if not isinstance(self.screen, ScoringScreen):
            self.push_screen(ScoringScreen(), lambda _: self._refresh_list())

    def open_import(self, path: str | None = None) -> None:
        from kam_tui.tui.screens.import_screen import ImportScreen

        def done(result: object) -> None:
            if result is not None:
                self._refresh_list()

        self.push_screen(ImportScreen(path), done)

    def _refresh_list(self) -> None:
        from kam_tui.tui.screens.account_list import AccountListScreen

        for screen in self.screen_stack:
            if isinstance(screen, AccountListScreen):
                screen.reload()

    def action_help(self) -> None:
        from kam_tui.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    # ------------------------------------------------------------ palette

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, then the screen's (KamScreen.palette_commands), then the app's."""
        from kam_tui.tui.screens.account_list import AccountListScreen
        from kam_tui.tui.screens.base import KamScreen

        yield from super().get_system_commands(screen)
        if isinstance(screen, KamScreen):
            for name, help_text, callback in screen.palette_commands():
                yield SystemCommand(name, help_text, callback)
        yield SystemCommand(
            "Today",
            "What is overdue or due across all accounts: actions, contacts, meetings, renewals, reviews (T)",
            self.action_today,
        )
        yield SystemCommand(
            "Import a CRM export",
            "Accounts, contacts or opportunities from a CRM export (CSV or Excel): preview, then import",
            self.open_import,
        )
        yield SystemCommand(
            "Scoring matrix", "Score accounts on your criteria and choose the key ones", self.open_scoring
        )
        yield SystemCommand(
            "Help for this screen", "Its keys, and why this part of the plan matters (? or F1)", self.action_help
        )
        on_the_list = isinstance(screen, AccountListScreen)
        if not on_the_list:  # the list offers its own
            yield SystemCommand("New account", "Add an account to the portfolio", self.new_account)
        yield SystemCommand(
            "Switch theme", "Pick the colours; kam remembers the choice for next time", self.action_change_theme
        )
        yield SystemCommand(
            "Your name",
            # the palette reads a command's help as markup; a name is text
            f"Who you are to colleagues, the owner kam offers first (now {_palette_text(self.user_name)})",
            self.ask_user_name,
        )
        if self.is_demo and self.own_location != self.location:
            from textual.markup import escape

            from kam_tui.text import display_text

            # the palette reads a command's help as markup; a path is text
            own = escape(display_text(str(self.own_location)))
            yield SystemCommand("Leave the demo", f"Back to your own database ({own})", self.leave_demo)
        if not on_the_list:
            yield SystemCommand("Accounts", "Back to the account list", self.action_go_home)

    def go_home(self) -> bool:
        """Back to the account list: close what is above it, or build it if it
        is not there yet (first run starts on the welcome alone). True when a
        new list was built (it reads its rows itself)."""
        from kam_tui.tui.screens.account_list import AccountListScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, AccountListScreen):
            self.pop_screen()
        if isinstance(self.screen, AccountListScreen):
            return False
        self.push_screen(AccountListScreen())
        return True

    def action_go_home(self) -> None:
        """Back to the list, as the user asked: the screens closed on the way
        are left as Esc leaves them (asking first if text there is unsaved)."""
        from kam_tui.tui.screens.account_list import AccountListScreen

        above = []
        for screen in reversed(self.screen_stack):
            if isinstance(screen, AccountListScreen):
                break
            above.append(screen)
        self.leave(above, self.go_home)


def first_look(where: Path | Location) -> tuple[bool, bool]:
    """(has accounts, is a demo database) of a file, before the first paint (store/quick.py)."""
    from kam_tui.store.quick import first_look as look

    return look(where if isinstance(where, Location) else Location.file(where))


def _import_orm(app: KamApp | None = None) -> None:
    import kam_tui.models  # noqa: F401
    import kam_tui.services.accounts  # noqa: F401

    # what opening an account needs, so the first one opens as fast as the next
    from kam_tui.tui.screens.workspace import pane_classes

    pane_classes()
    if app is not None:
        from kam_tui.errors import NotFound
        from kam_tui.services.accounts import get_account

        with app.session() as s:  # opens the engine and compiles the first query
            try:
                get_account(s, -1)
            except NotFound:  # no such account; only the warm-up matters
                pass


def _palette_text(text: str) -> str:
    """Text for a palette command's help (read as markup there): shown as written, nothing acts."""
    from textual.markup import escape

    from kam_tui.text import cut_name, display_text

    return escape(display_text(cut_name(text, 60)))


def _save_user_name(_session: Session, settings_file: Path | None, *, name: str | None) -> str:
    """The "Your name" form's save: the settings file, not the database."""
    from kam_tui.settings import save_user_name

    return save_user_name(name, settings_file)
