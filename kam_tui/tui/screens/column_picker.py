"""Which field a column of an import fills: a short list to pick from.

`ColumnPicker(column, choices, current)` dismisses with the chosen field key
("ignore" to leave the column out, "" to go back to what kam reads by the
column's name), or None when the user leaves with Esc."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kam_tui.text import display_text
from kam_tui.tui.screens.base import KamModal
from kam_tui.tui.widgets.cursor_keys import CursorKeys


class FieldChoices(OptionList, CursorKeys):
    """The fields a column can fill."""


class ColumnPicker(KamModal[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="column_picker.cancel"),
    ]

    def __init__(self, column: str, choices: list[tuple[str, str]], current: str | None) -> None:
        super().__init__(classes="column-picker")
        self.column = column
        self.choices = choices  # (label, field key)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="column-picker-box"):
            yield Static(
                Text.assemble("Column ", (display_text(self.column), "bold"), " fills:"), id="column-picker-title"
            )
            yield FieldChoices(
                *(Option(Text(label), id=key or "-reset-") for label, key in self.choices), id="column-picker-list"
            )
            yield Static("Enter picks · Esc leaves it as it was", id="column-picker-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [key for _, key in self.choices]
        if self.current in keys:
            options.highlighted = keys.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        self.dismiss("" if key == "-reset-" else key)

    def action_cancel(self) -> None:
        self.dismiss(None)
