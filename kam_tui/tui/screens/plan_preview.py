"""`v` on the account list: the whole plan, read-only, as the export will read."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, MarkdownViewer

from kam_tui.tui.screens.base import KamScreen, PaletteCommand
from kam_tui.tui.widgets.cursor_keys import CursorKeys
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.header import ICON as HEADER_ICON

EMPTY = (
    "_Nothing in this plan yet._\n\nOpen the account (enter on the list) and start with "
    "why it is key and what we want from it."
)


class PlanDocument(MarkdownViewer, CursorKeys):
    """The plan as the export reads; j/k scroll it as the arrows do."""

    def action_cursor_down(self) -> None:
        self.scroll_down()

    def action_cursor_up(self) -> None:
        self.scroll_up()


class PlanPreviewScreen(KamScreen[None]):
    HELP = (
        "The account's whole plan as one document: what a colleague reads when you "
        "export it. Reading it end to end shows what is still missing."
    )
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="preview.back"),
        Binding("x", "export", "Export", id="preview.export"),
    ]

    def __init__(self, account_id: int) -> None:
        super().__init__()
        self.account_id = account_id

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        yield PlanDocument(self._plan_text(), show_table_of_contents=False, id="preview-doc")
        yield KamFooter()

    def _plan_text(self) -> str:
        from kam_tui.export.plan import render_plan
        from kam_tui.services.accounts import get_account

        with self.app.session() as s:
            account = get_account(s, self.account_id)
            self.title = f"Plan: {account.name}"
            text = render_plan(s, account)
        return text if text.strip() else f"# {account.name}\n\n{EMPTY}"

    def on_mount(self) -> None:
        self.query_one(MarkdownViewer).focus()

    def action_export(self) -> None:
        self.app.export_plan_form(self.account_id)

    def palette_commands(self) -> list[PaletteCommand]:
        return [PaletteCommand("Export plan", "Write this plan to a Markdown file", self.action_export)]
