"""Whitespace: our offerings mapped against the customer's units, to see where revenue can grow."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from kam_tui.models import WhitespaceOffering, WhitespaceStatus, WhitespaceUnit
from kam_tui.services import whitespace as ws
from kam_tui.store.conflicts import Seen
from kam_tui.tui.edits import Edit
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.whitespace_grid import WhitespaceGrid, legend, status_text

KINDS = {
    "unit": ("unit", "row", "A division, site or business line of the customer"),
    "offering": ("offering", "column", "One of our products or services"),
}
# each kind of line's service calls
ADD = {"unit": ws.add_unit, "offering": ws.add_offering}
RENAME = {"unit": ws.rename_unit, "offering": ws.rename_offering}
REMOVE = {"unit": ws.remove_unit, "offering": ws.remove_offering}
MOVE = {"unit": ws.move_unit, "offering": ws.move_offering}


class WhitespacePane(Pane):
    TAB_TITLE = "Whitespace"
    HELP = (
        "Whitespace: our products and services mapped against the customer's units. "
        "Open cells are the gaps we could fill, the raw material for the budget and "
        "the sales plan. Space or enter moves a cell through have, pursuing, open and "
        "not relevant, and saves at once. Lower-case n/e/d add, rename and remove the "
        "unit (row) under the cursor; upper-case N/E/D do the same for the offering (column)."
    )
    BINDINGS = [
        Binding("n", "add('unit')", "New unit", id="whitespace.unit.new"),
        Binding("N", "add('offering')", "New offering", id="whitespace.offering.new"),
        Binding("e", "rename('unit')", "Rename unit (row)", show=False, id="whitespace.unit.rename"),
        Binding("E", "rename('offering')", "Rename offering (column)", show=False, id="whitespace.offering.rename"),
        Binding("d", "remove('unit')", "Remove unit (row)", show=False, id="whitespace.unit.remove"),
        Binding("D", "remove('offering')", "Remove offering (column)", show=False, id="whitespace.offering.remove"),
        Binding("K", "move('unit', -1)", "Move unit up", show=False, id="whitespace.unit.up"),
        Binding("J", "move('unit', 1)", "Move unit down", show=False, id="whitespace.unit.down"),
        Binding("H", "move('offering', -1)", "Move offering left", show=False, id="whitespace.offering.left"),
        Binding("L", "move('offering', 1)", "Move offering right", show=False, id="whitespace.offering.right"),
        Binding("backspace,delete", "clear_cell", "Clear cell", show=False, id="whitespace.clear"),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        # each line's name by (kind, id); empty until the grid is first read
        self.names: dict[tuple[str, int], str] = {}

    def compose(self) -> ComposeResult:
        yield Static("", id="whitespace-legend")
        yield WhitespaceGrid(id="whitespace-grid")
        yield Static("", id="whitespace-where")
        yield Static(
            "[b]space[/b] cycle · [b]n/e/d[/b] unit · [b]N/E/D[/b] offering · [b]K/J H/L[/b] move · [b]del[/b] clear",
            id="whitespace-keys",
        )

    @property
    def grid_widget(self) -> WhitespaceGrid:
        return self.query_one(WhitespaceGrid)

    def reload(self, unit_id: int | None = None, offering_id: int | None = None) -> None:
        g = self.grid_widget
        with self.app.session() as s:
            data = ws.grid(s, self.account_id)
        g.show_grid(data, unit_id or g.current_unit_id, offering_id or g.current_offering_id)
        self.names = {("unit", u.id): u.name for u in data.units}
        self.names.update({("offering", o.id): o.name for o in data.offerings})
        self.query_one("#whitespace-legend", Static).update(legend(data.counts()))
        self._update_where()

    def _update_where(self) -> None:
        g = self.grid_widget
        where = self.query_one("#whitespace-where", Static)
        if not g.unit_ids and not g.offering_ids:
            where.update(
                "No whitespace map yet: [b]n[/b] adds a customer unit (a row), "
                "[b]N[/b] one of our offerings (a column)."
            )
            return
        u, o = g.current_unit_id, g.current_offering_id
        if u is None or o is None:
            missing = "a unit with [b]n[/b]" if not g.unit_ids else "an offering with [b]N[/b]"
            where.update(f"Add {missing} to start filling the map.")
            return
        with self.app.session() as s:
            status = ws.cell_status(s, u, o)
        line = Text()
        line.append("Unit (row) ", "dim")
        line.append(self.names[("unit", u)], "bold")
        line.append(" · offering (column) ", "dim")
        line.append(self.names[("offering", o)], "bold")
        line.append(" · ")
        line.append_text(status_text(status))
        if status is not None:
            line.append(f": {status.hint}", "dim")
        where.update(line)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        if self.names:
            self._update_where()

    # --------------------------------------------------------------- cells

    def on_whitespace_grid_cycle_requested(self, event: WhitespaceGrid.CycleRequested) -> None:
        g = self.grid_widget
        u, o = g.current_unit_id, g.current_offering_id
        if u is None or o is None:
            return
        changed = self.app.edit(ws.cycle_status, u, o)
        if changed:
            self._show_cell(u, o, changed.value)

    def action_clear_cell(self) -> None:
        g = self.grid_widget
        u, o = g.current_unit_id, g.current_offering_id
        if u is None or o is None:
            return
        if self.app.edit(ws.set_status, u, o, None):
            self._show_cell(u, o, None)

    def _show_cell(self, unit_id: int, offering_id: int, status: WhitespaceStatus | None) -> None:
        """One cell saved: it and the counts change, the rest of the grid stays."""
        self.grid_widget.set_cell(unit_id, offering_id, status)
        with self.app.session() as s:
            counts = ws.summary(s, self.account_id)
        self.query_one("#whitespace-legend", Static).update(legend(counts))
        self._update_where()

    # ------------------------------------------------- units and offerings

    def _current(self, kind: str) -> int | None:
        g = self.grid_widget
        return g.current_unit_id if kind == "unit" else g.current_offering_id

    def _open_form(self, form: FormScreen, kind: str) -> None:
        def done(line: WhitespaceUnit | WhitespaceOffering | None) -> None:
            if line is not None:
                self.reload(**{f"{kind}_id": line.id})
                self.grid_widget.focus()

        self.app.push_screen(form, done)

    def action_add(self, kind: str) -> None:
        word, axis, hint = KINDS[kind]
        fields = [FieldSpec("name", f"Name of the {word}", required=True, help=hint)]
        self._open_form(FormScreen(f"New {word} ({axis})", fields, Edit(ADD[kind], self.account_id)), kind)

    def action_rename(self, kind: str) -> None:
        word, axis, _ = KINDS[kind]
        line_id = self._current(kind)
        if line_id is None:
            self.app.notify(f"No {word} under the cursor.", severity="warning")
            return
        name = self.names[(kind, line_id)]
        fields = [FieldSpec("name", f"Name of the {word}", value=name, required=True)]
        # the name shown: a rename over a colleague's newer one is refused
        seen = Seen(f"whitespace_{kind}", line_id, field="name", value=name)
        form = FormScreen(f"Rename {word} ({axis}) {name}", fields, Edit(RENAME[kind], line_id, seen=seen))
        self._open_form(form, kind)

    def action_remove(self, kind: str) -> None:
        word, axis, _ = KINDS[kind]
        line_id = self._current(kind)
        if line_id is None:
            self.app.notify(f"No {word} under the cursor.", severity="warning")
            return
        name = self.names[(kind, line_id)]
        with self.app.session() as s:
            filled = ws.filled_cells(s, kind, line_id)
        detail = (
            f"Its {filled} filled cell{'s' if filled != 1 else ''} go with it."
            if filled
            else "None of its cells holds a status yet."
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            # a verified copy first when the line's cells go with it
            self.app.delete(REMOVE[kind], line_id, backup=filled > 0)
            self.reload()

        self.app.push_screen(
            ConfirmScreen(f"Remove the {word} ({axis}) {name!r}?", detail, yes_label="Remove"), answered
        )

    def action_move(self, kind: str, delta: int) -> None:
        line_id = self._current(kind)
        if line_id is None:
            return
        self.app.edit(MOVE[kind], line_id, delta)
        self.reload(**{f"{kind}_id": line_id})
