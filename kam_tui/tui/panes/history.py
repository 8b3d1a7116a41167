"""Our history with the customer (agreements, purchases, past engagements) and
who else is in the account: competitors to keep out, partners to bring in."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Static

from kam_tui.models import PartyKind, ThirdParty
from kam_tui.services import parties
from kam_tui.tui.edits import Edit
from kam_tui.tui.ids import row_id
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.plain_table import PlainTable
from kam_tui.tui.widgets.text_sections import TextSectionsEditor

NOTES_HELP = {
    PartyKind.COMPETITOR: "Where they are in the account, who backs them, their strengths and weak spots.",
    PartyKind.PARTNER: "What they bring, whom they know in the account, how we could work together.",
}


def _first_line(text: str) -> str:
    lines = [ln for ln in (text or "").splitlines() if ln.strip()]
    if not lines:
        return ""
    return lines[0] + (" …" if len(lines) > 1 else "")


class PartyTable(PlainTable):
    """Competitors or partners of the account, one per row, with their notes."""

    BINDINGS = [
        Binding("n", "new", "New", id="party.new"),
        Binding("e,enter", "edit", "Edit", id="party.edit"),
        Binding("d", "delete", "Delete", id="party.delete"),
    ]

    def __init__(self, kind: PartyKind, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.kind = kind

    class EditRequested(Message):
        """n (party_id None), e or enter: the pane opens the form."""

        def __init__(self, kind: PartyKind, party_id: int | None) -> None:
            super().__init__()
            self.kind = kind
            self.party_id = party_id

    class DeleteRequested(Message):
        """d on a party: the pane asks, then deletes."""

        def __init__(self, party_id: int) -> None:
            super().__init__()
            self.party_id = party_id

    def action_new(self) -> None:
        self.post_message(self.EditRequested(self.kind, None))

    def action_edit(self) -> None:
        party_id = self.selected_id()
        if party_id is not None:
            self.post_message(self.EditRequested(self.kind, party_id))

    def action_delete(self) -> None:
        party_id = self.selected_id()
        if party_id is not None:
            self.post_message(self.DeleteRequested(party_id))

    def selected_id(self) -> int | None:
        if not self.row_count:
            return None
        return row_id(self.coordinate_to_cell_key(self.cursor_coordinate).row_key)


class HistoryPane(Pane):
    TAB_TITLE = "History & competition"
    HELP = (
        "Our history with them: framework agreements in force, what they have bought, "
        "past engagements. Below: the competitors in the account (part of the plan is "
        "to protect it from them) and possible partners. Enter or e writes in a "
        "section, Esc returns; in the lists n adds, e edits, d deletes."
    )

    def compose(self) -> ComposeResult:
        from kam_tui.services.business import HISTORY_SECTIONS

        yield TextSectionsEditor(self.account_id, HISTORY_SECTIONS, id="history-editor")
        with Horizontal(id="party-lists"):
            for kind in PartyKind:
                with Vertical(classes="party-box"):
                    yield Static("", id=f"party-title-{kind.value}", classes="party-title")
                    table = PartyTable(kind, id=f"party-{kind.value}", classes="party-table")
                    table.add_column("Name", key="name", width=22)
                    table.add_column("Notes", key="notes")
                    table.column_priority = {"name": 90, "notes": 10}
                    table.flex_column = "notes"
                    yield table
        yield Static("", id="party-notes")

    def table(self, kind: PartyKind) -> PartyTable:
        return self.query_one(f"#party-{kind.value}", PartyTable)

    def reload(self, select: int | None = None) -> None:
        self.query_one(TextSectionsEditor).reload()
        with self.app.session() as s:
            by_kind = {kind: parties.list_parties(s, self.account_id, kind) for kind in PartyKind}
        for kind, rows in by_kind.items():
            table = self.table(kind)
            keep = select if select is not None else table.selected_id()
            old_row = table.cursor_row
            table.clear()
            for party in rows:
                # Text, not str: a DataTable reads a str cell as markup
                table.add_row(Text(party.name), Text(_first_line(party.notes)), key=str(party.id))
            ids = [p.id for p in rows]
            if keep in ids:
                table.move_cursor(row=ids.index(keep))
            elif rows:
                table.move_cursor(row=min(old_row, len(rows) - 1))
            plural = {PartyKind.COMPETITOR: "Competitors", PartyKind.PARTNER: "Partners"}[kind]
            hint = f" ({len(rows)})" if rows else " - none yet: n adds one"
            self.query_one(f"#party-title-{kind.value}", Static).update(f"[b]{plural}[/b]{hint}")
        focused = self.app.focused
        if isinstance(focused, PartyTable):
            self._show_notes(focused)
        else:
            self.query_one("#party-notes", Static).update("")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The whole of the highlighted party's notes: the list shows only their first line."""
        table = event.data_table
        if not isinstance(table, PartyTable) or not table.has_focus:
            return
        self._show_notes(table)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, PartyTable):
            self._show_notes(event.widget)

    def _show_notes(self, table: PartyTable) -> None:
        from rich.markup import escape

        from kam_tui.services.parties import get_party

        party_id = table.selected_id()
        box = self.query_one("#party-notes", Static)
        if party_id is None:
            box.update("")
            return
        with self.app.session() as s:
            party = get_party(s, party_id)
            text = f"[b]{escape(party.name)}[/b]: " + (
                escape(" / ".join(ln.strip() for ln in party.notes.splitlines() if ln.strip()))
                or "[i]no notes yet: e adds them[/i]"
            )
        box.update(text)

    def on_party_table_edit_requested(self, event: PartyTable.EditRequested) -> None:
        event.stop()
        self.edit_party(event.kind, event.party_id)

    def on_party_table_delete_requested(self, event: PartyTable.DeleteRequested) -> None:
        event.stop()
        self.delete_party(event.party_id)

    def edit_party(self, kind: PartyKind, party_id: int | None) -> None:
        name, notes = "", ""
        if party_id is not None:
            with self.app.session() as s:
                party = parties.get_party(s, party_id)
                name, notes = party.name, party.notes
        label = kind.label.lower()

        def done(saved: ThirdParty | None) -> None:
            if saved is not None:
                self.reload(select=saved.id)
                self.table(kind).focus()

        fields = [
            FieldSpec("name", "Name", value=name, required=True),
            FieldSpec("notes", "Notes", kind="multiline", value=notes, help=NOTES_HELP[kind]),
        ]
        if party_id is None:
            form = FormScreen(f"New {label}", fields, Edit(parties.add_party, self.account_id, kind))
        else:
            form = FormScreen(f"Edit {label}: {name}", fields, Edit(parties.update_party, party_id))
        self.app.push_screen(form, callback=done)

    def delete_party(self, party_id: int) -> None:
        with self.app.session() as s:
            party = parties.get_party(s, party_id)
            name, kind = party.name, party.kind

        def answer(yes: bool | None) -> None:
            if yes and self.app.delete(parties.delete_party, party_id):
                self.reload()

        self.app.push_screen(
            ConfirmScreen(f"Delete the {kind.label.lower()} {name}?", "Its notes go with it."), callback=answer
        )
