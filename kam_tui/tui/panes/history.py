"""Our history with the customer (agreements, purchases, past engagements),
the contracts in force with their dates and notice, and who else is in the
account: competitors to keep out, partners to bring in."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from kam_tui import clock
from kam_tui.models import Contract, PartyKind, ThirdParty
from kam_tui.money import format_money
from kam_tui.services import contracts, parties
from kam_tui.store.conflicts import seen_of
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


class _RecordTable(PlainTable):
    """A list of the account's records, one per row: n, e or enter, d ask the pane."""

    BINDINGS = [
        Binding("n", "new", "New", id="party.new"),
        Binding("e,enter", "edit", "Edit", id="party.edit"),
        Binding("d", "delete", "Delete", id="party.delete"),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def request_edit(self, record_id: int | None) -> None:  # pragma: no cover - each table says
        raise NotImplementedError

    def request_delete(self, record_id: int) -> None:  # pragma: no cover - each table says
        raise NotImplementedError

    def action_new(self) -> None:
        self.request_edit(None)

    def action_edit(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.request_edit(record_id)

    def action_delete(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.request_delete(record_id)

    def selected_id(self) -> int | None:
        if not self.row_count:
            return None
        return row_id(self.coordinate_to_cell_key(self.cursor_coordinate).row_key)


class ContractTable(_RecordTable):
    """The account's contracts: when each ends and by when notice must be given."""

    class EditRequested(Message):
        """n (contract_id None), e or enter: the pane opens the form."""

        def __init__(self, contract_id: int | None) -> None:
            super().__init__()
            self.contract_id = contract_id

    class DeleteRequested(Message):
        def __init__(self, contract_id: int) -> None:
            super().__init__()
            self.contract_id = contract_id

    def request_edit(self, record_id: int | None) -> None:
        self.post_message(self.EditRequested(record_id))

    def request_delete(self, record_id: int) -> None:
        self.post_message(self.DeleteRequested(record_id))


class PartyTable(_RecordTable):
    """Competitors or partners of the account, one per row, with their notes."""

    def __init__(self, kind: PartyKind, **kwargs: Any) -> None:
        super().__init__(**kwargs)
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

    def request_edit(self, record_id: int | None) -> None:
        self.post_message(self.EditRequested(self.kind, record_id))

    def request_delete(self, record_id: int) -> None:
        self.post_message(self.DeleteRequested(record_id))


class HistoryPane(Pane):
    TAB_TITLE = "History & competition"
    HELP = (
        "Our history with them: framework agreements in force, what they have bought, "
        "past engagements. The contracts list holds each agreement's dates, notice period "
        "and value: a renewal comes onto Today inside its notice window. Below: the "
        "competitors in the account (part of the plan is to protect it from them) and "
        "possible partners. Enter or e writes in a section, Esc returns; in the lists n "
        "adds, e edits, d deletes."
    )

    def compose(self) -> ComposeResult:
        from kam_tui.services.business import HISTORY_SECTIONS

        yield TextSectionsEditor(self.account_id, HISTORY_SECTIONS, id="history-editor")
        with Vertical(id="contract-box"):
            yield Static("", id="contract-title", classes="party-title")
            contracts = ContractTable(id="contracts", classes="contract-table")
            for label, key in (("Contract", "name"), ("Ends", "ends"), ("Notice by", "notice"), ("Value", "value")):
                contracts.add_column(label, key=key)
            yield contracts
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
            self._fill_contracts(contracts.list_contracts(s, self.account_id))
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

    def _fill_contracts(self, rows: list[Contract], select: int | None = None) -> None:
        table = self.query_one("#contracts", ContractTable)
        keep = select if select is not None else table.selected_id()
        table.clear()
        today = clock.today()
        for c in rows:
            deadline = contracts.notice_by(c)
            due = contracts.is_renewal_due(c, today)
            table.add_row(
                Text(c.name),
                c.ends_on.isoformat() if c.ends_on else "open-ended",
                Text(
                    (deadline.isoformat() if deadline else "") + (" renewal due" if due else ""),
                    style="bold red" if due else "",
                ),
                format_money(c.value, c.currency),
                key=str(c.id),
            )
        ids = [c.id for c in rows]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        hint = f" ({len(rows)})" if rows else " - none yet: n adds one with its dates and notice"
        self.query_one("#contract-title", Static).update(Content.assemble(("Contracts", "bold"), hint))

    def on_contract_table_edit_requested(self, event: ContractTable.EditRequested) -> None:
        event.stop()
        self.edit_contract(event.contract_id)

    def on_contract_table_delete_requested(self, event: ContractTable.DeleteRequested) -> None:
        event.stop()
        with self.app.session() as s:
            name = contracts.get_contract(s, event.contract_id).name
        contract_id = event.contract_id

        def answer(yes: bool | None) -> None:
            if yes and self.app.delete(contracts.delete_contract, contract_id):
                self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete the contract {name}?", "Its dates and notes go with it."), answer)

    def edit_contract(self, contract_id: int | None) -> None:
        c: Contract | None = None
        if contract_id is not None:
            with self.app.session() as s:
                c = contracts.get_contract(s, contract_id)
        fields = [
            FieldSpec("name", "Name", value=c.name if c else "", required=True, placeholder="Data platform agreement"),
            FieldSpec("starts_on", "Starts", value=c.starts_on.isoformat() if c and c.starts_on else ""),
            FieldSpec(
                "ends_on",
                "Ends",
                value=c.ends_on.isoformat() if c and c.ends_on else "",
                help="Blank: open-ended (no renewal to watch)",
            ),
            FieldSpec(
                "notice_months",
                "Notice period (months)",
                value=str(c.notice_months) if c and c.notice_months else "",
                help="Notice must be given this long before the end; the renewal is on Today "
                f"{contracts.RENEWAL_LEAD_DAYS} days before that",
            ),
            FieldSpec(
                "value",
                "Value",
                value=format(c.value, "f") if c and c.value is not None else "",
                placeholder="48000000 or 48,000,000 SEK",
            ),
            FieldSpec("currency", "Currency", value=c.currency if c and c.currency else "", placeholder="SEK"),
            FieldSpec("notes", "Notes", kind="multiline", value=c.notes if c else ""),
        ]

        def done(saved: Contract | None) -> None:
            if saved is not None:
                self.reload()
                with self.app.session() as s:
                    self._fill_contracts(contracts.list_contracts(s, self.account_id), select=saved.id)
                self.query_one("#contracts", ContractTable).focus()

        if c is None:
            form = FormScreen("New contract", fields, Edit(contracts.add_contract, self.account_id))
        else:
            form = FormScreen(
                f"Edit contract: {c.name}", fields, Edit(contracts.update_contract, c.id, seen=seen_of(c))
            )
        self.app.push_screen(form, callback=done)

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
        seen = None
        if party_id is not None:
            with self.app.session() as s:
                party = parties.get_party(s, party_id)
                name, notes, seen = party.name, party.notes, seen_of(party)
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
            form = FormScreen(f"Edit {label}: {name}", fields, Edit(parties.update_party, party_id, seen=seen))
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
