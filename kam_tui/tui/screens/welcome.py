"""First run: no accounts yet. A few lines on what kam is for, and three ways
in: import a CRM export, add the first account, or look around the demo.

Esc shows the (empty) account list; as soon as an account exists (imported or
added) it steps aside by itself."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from kam_tui.tui.screens.base import KamScreen, PaletteCommand
from kam_tui.tui.widgets.cursor_keys import CursorKeys
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.header import ICON as HEADER_ICON

INTRO = (
    "kam keeps one living plan per key account: the few customers you grow on "
    "purpose, chosen by score, not by size alone. It walks each plan through five "
    "stages (strategy, research, action plan, execution, review), shows what is "
    "missing or overdue, and exports it to Markdown a colleague can read. "
    "Everything stays in one file on this computer, saved as you go."
)

CHOICES = [
    (
        "import",
        "i",
        "Import a CRM export",
        "Salesforce, HubSpot, Pipedrive, Zoho, Dynamics, Odoo; CSV or Excel; a preview first",
    ),
    ("new", "n", "Add your first account", "Start with its name; why it is key can follow"),
    ("demo", "d", "Look around the demo", "Three example accounts in a separate database; yours stays empty"),
]


def _choice(key: str, title: str, detail: str) -> Table:
    """A choice: its key, then its title and what it does; a long line wraps under the title."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(key, style="bold"), Text(title) + Text("\n" + detail, style="dim"))
    return grid


class WelcomeChoices(OptionList, CursorKeys):
    """The ways in: import, a first account, the demo."""


class WelcomeScreen(KamScreen[None]):
    HELP = (
        "Start here. A key account plan begins with a short list: bring in the "
        "accounts you already have (import), or add the first one yourself, then "
        "score them to decide which are key. The demo shows a portfolio with every "
        "part of the plan filled in, so you can see where the work leads."
    )
    BINDINGS = [
        Binding("i", "choose('import')", "Import", id="welcome.import"),
        Binding("n", "choose('new')", "New account", id="welcome.new"),
        Binding("d", "choose('demo')", "Demo", id="welcome.demo"),
        Binding("escape", "app.go_home", "To the list", id="welcome.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = "Welcome"

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        with VerticalScroll(id="welcome-box"):
            yield Static("Welcome to kam, your key-account workbench", id="welcome-title", classes="form-title")
            yield Static(INTRO, id="welcome-intro")
            yield Static("No accounts yet. Where would you like to start?", classes="help-heading")
            yield WelcomeChoices(
                *[Option(_choice(key, title, detail), id=choice) for choice, key, title, detail in CHOICES],
                id="welcome-choices",
            )
            yield Static(
                "? or F1 help · ctrl+p every action by name · Esc the empty list · q quit", classes="form-intro"
            )
        yield KamFooter()

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_screen_resume(self) -> None:
        # back from the import or the account form: once there is an account,
        # the list is home
        has_accounts, _ = self.app.first_look()
        if has_accounts and self.app.screen is self:
            self.app.go_home()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option.id or "")

    def action_choose(self, choice: str) -> None:
        if choice == "import":
            self.app.open_import()
        elif choice == "new":
            self.app.new_account()
        elif choice == "demo":
            self.app.switch_to_demo()

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            PaletteCommand(
                "Look around the demo", "Three example accounts in a separate database", self.app.switch_to_demo
            ),
        ]
