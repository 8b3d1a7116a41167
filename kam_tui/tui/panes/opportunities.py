"""Opportunities in the account: the open pipeline, and what was won and lost."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kam_tui import clock
from kam_tui.models import Opportunity, OpportunityStatus
from kam_tui.money import format_for_input
from kam_tui.services import opportunities as opps
from kam_tui.store.conflicts import Seen, seen_of
from kam_tui.tui.edits import Edit
from kam_tui.tui.ids import row_id
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.plain_table import PlainTable

# `/` steps through these; None shows every opportunity
FILTERS: tuple[OpportunityStatus | None, ...] = (None, *OpportunityStatus)

if TYPE_CHECKING:
    from sqlmodel import Session

    from kam_tui.rules.opportunities import Totals

STATUS_STYLE = {
    OpportunityStatus.OPEN: "",
    OpportunityStatus.WON: "green",
    OpportunityStatus.LOST: "dim",
}


def _first_line(text: str) -> str:
    lines = [ln for ln in (text or "").splitlines() if ln.strip()]
    if not lines:
        return ""
    return lines[0] + (" …" if len(lines) > 1 else "")


class OpportunityTable(PlainTable):
    """The account's opportunities, one per row."""


class OpportunitiesPane(Pane):
    TAB_TITLE = "Opportunities"
    HELP = (
        "Opportunities in the account: what is open, and what was won and lost. The "
        "open pipeline is where the account can grow; won and lost show how the plan "
        "is working. Deals in a key account close far more often than with a new "
        "customer, so keep this list honest. Totals are kept per currency. An open "
        "deal past its expected close date is marked in red."
    )
    BINDINGS = [
        Binding("n", "new", "New", id="opportunities.new"),
        Binding("e", "edit", "Edit", id="opportunities.edit"),
        Binding("d", "delete", "Delete", id="opportunities.delete"),
        Binding("w", "mark('won')", "Won", id="opportunities.won"),
        Binding("l", "mark('lost')", "Lost", id="opportunities.lost"),
        Binding("o", "mark('open')", "Reopen", id="opportunities.reopen"),
        Binding("slash", "cycle_filter", "Filter by status", id="opportunities.filter"),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        # each deal's status as the list shows it, for a one-key mark over a newer one
        self.shown_status: dict[int, OpportunityStatus] = {}
        self.status_filter: OpportunityStatus | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="opp-filter")
        table = OpportunityTable(cursor_type="row", zebra_stripes=True, id="opp-table")
        table.add_column("Opportunity", key="name", width=22)
        table.add_column("Value", key="value")
        table.add_column("Status", key="status")
        table.add_column("Expected close", key="expected")
        table.add_column("Closed", key="closed")
        table.add_column("Notes", key="notes")
        # at 80 columns the notes give way first, then the name ("…"); the rest are never cut
        table.column_priority = {"name": 90, "notes": 10}
        table.flex_column = "notes"
        yield table
        yield Static("", id="opp-totals")

    @property
    def table(self) -> OpportunityTable:
        return self.query_one(OpportunityTable)

    def selected_id(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        return row_id(table.coordinate_to_cell_key(table.cursor_coordinate).row_key)

    def reload(self, select: int | None = None) -> None:
        today = clock.today()
        with self.app.session() as s:
            rows = opps.list_opportunities(s, self.account_id, self.status_filter)
            totals = opps.totals(s, self.account_id, today=today)
        table = self.table
        keep = select if select is not None else self.selected_id()
        old_row = table.cursor_row
        table.clear()
        self.shown_status = {o.id: o.status for o in rows if o.id is not None}
        for o in rows:
            overdue = opps.is_overdue(o, today)
            expected = Text(o.expected_close.isoformat() if o.expected_close else "")
            if overdue:
                expected.append(" overdue")
                expected.stylize("bold red")
            table.add_row(
                Text(o.name, style="bold red" if overdue else ""),
                Text(opps.format_amount(o.value, o.currency), justify="right"),
                Text(o.status.label, style=STATUS_STYLE[o.status]),
                expected,
                o.closed_on.isoformat() if o.closed_on else "",
                Text(_first_line(o.notes)),  # a str cell would be read as markup
                key=str(o.id),
            )
        ids = [o.id for o in rows]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        elif rows:
            table.move_cursor(row=min(old_row, len(rows) - 1))
        self._show_totals(totals, len(rows))

    def _show_totals(self, totals: Totals, shown: int) -> None:
        S = OpportunityStatus
        parts = [
            f"[b]Open pipeline[/b] {totals.describe(S.OPEN)}",
            f"[b]Won[/b] {totals.describe(S.WON)}",
            f"[b]Lost[/b] {totals.describe(S.LOST)}",
        ]
        if totals.overdue:
            parts.append(f"[b red]{totals.overdue} overdue[/b red]")
        self.query_one("#opp-totals", Static).update("   ".join(parts))
        which = self.status_filter.label.lower() if self.status_filter else "all"
        total = sum(totals.counts.values())
        if not total:
            text = "No opportunities yet: n adds one (name, value, expected close)."
        else:
            text = f"Showing {which} ({shown} of {total}) · / changes the filter"
        self.query_one("#opp-filter", Static).update(text)

    # ---- actions ----------------------------------------------------------

    def action_cycle_filter(self) -> None:
        i = FILTERS.index(self.status_filter)
        self.status_filter = FILTERS[(i + 1) % len(FILTERS)]
        self.reload()

    def action_new(self) -> None:
        self._open_form(None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        opp_id = self.selected_id()
        if opp_id is not None:
            self._open_form(opp_id)

    def _open_form(self, opp_id: int | None) -> None:
        from kam_tui.services.accounts import get_account

        seen = None
        with self.app.session() as s:
            if opp_id is None:
                currency = get_account(s, self.account_id).currency
                values = dict(
                    name="",
                    value="",
                    currency=currency or "",
                    status=OpportunityStatus.OPEN,
                    expected_close="",
                    closed_on="",
                    notes="",
                )
            else:
                o = opps.get_opportunity(s, opp_id)
                seen = seen_of(o)
                values = dict(
                    name=o.name,
                    value=format_for_input(o.value),
                    currency=o.currency or "",
                    status=o.status,
                    expected_close=o.expected_close.isoformat() if o.expected_close else "",
                    closed_on=o.closed_on.isoformat() if o.closed_on else "",
                    notes=o.notes,
                )

        def done(saved: Opportunity | None) -> None:
            if saved is not None:
                self.reload(select=saved.id)
                self.table.focus()

        dates = "YYYY-MM-DD, D.M.YYYY, today, +4w"
        form = FormScreen(
            "New opportunity" if opp_id is None else f"Edit opportunity: {values['name']}",
            [
                FieldSpec("name", "Name", value=values["name"], required=True),
                FieldSpec(
                    "value",
                    "Value",
                    value=values["value"],
                    placeholder="250000 or 250,000",
                    help="What it is worth; leave blank if not known yet.",
                ),
                FieldSpec(
                    "currency",
                    "Currency",
                    value=values["currency"],
                    placeholder="EUR",
                    help="ISO code such as EUR, USD, SEK.",
                ),
                FieldSpec(
                    "status",
                    "Status",
                    kind="choice",
                    value=values["status"],
                    choices=[(s.label, s) for s in OpportunityStatus],
                    allow_blank_choice=False,
                ),
                FieldSpec("expected_close", "Expected close", value=values["expected_close"], placeholder=dates),
                FieldSpec(
                    "closed_on",
                    "Closed on",
                    value=values["closed_on"],
                    placeholder=dates,
                    help="For won or lost; blank means today.",
                ),
                FieldSpec("notes", "Notes", kind="multiline", value=values["notes"]),
            ],
            Edit(self._save, opp_id, seen=seen),
        )
        self.app.push_screen(form, callback=done)

    def _save(self, s: Session, opp_id: int | None, *, status: OpportunityStatus | None, **fields: Any) -> Opportunity:
        """Add or update from the form; reopening a deal clears its close date."""
        status = status or OpportunityStatus.OPEN
        if status == OpportunityStatus.OPEN:
            fields["closed_on"] = None
        if opp_id is None:
            return opps.add_opportunity(s, self.account_id, status=status, **fields)
        return opps.update_opportunity(s, opp_id, status=status, **fields)

    def action_mark(self, status: str) -> None:
        opp_id = self.selected_id()
        if opp_id is None:
            return
        new = OpportunityStatus(status)
        with self.app.session() as s:
            o = opps.get_opportunity(s, opp_id)
        # the status the list showed: a mark over someone else's newer one is refused
        seen = Seen("opportunity", opp_id, field="status", value=self.shown_status.get(opp_id, o.status))
        if o.status == new and seen.value == new:
            self.app.notify(f"{o.name} is already {new.label.lower()}")
            return
        if self.app.edit_as_seen(seen, opps.set_status, opp_id, new):
            verb = {"won": "marked won", "lost": "marked lost", "open": "reopened"}[status]
            self.app.notify(f"{o.name} {verb}")
            self.reload(select=opp_id)

    def action_delete(self) -> None:
        opp_id = self.selected_id()
        if opp_id is None:
            return
        with self.app.session() as s:
            o = opps.get_opportunity(s, opp_id)
            name, worth = o.name, opps.format_amount(o.value, o.currency)

        def answer(yes: bool | None) -> None:
            if yes and self.app.delete(opps.delete_opportunity, opp_id):
                self.reload()

        detail = f"Worth {worth}. " if worth else ""
        self.app.push_screen(
            ConfirmScreen(f"Delete the opportunity {name}?", detail + "Won or lost, it leaves the totals too."),
            callback=answer,
        )
