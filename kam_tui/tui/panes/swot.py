"""SWOT: the four quadrants on one screen, run again and compared, not written once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Grid, VerticalScroll
from textual.widgets import OptionList, Static

from kam_tui.models import SwotItem, SwotQuadrant, SwotRun
from kam_tui.services import swot
from kam_tui.store.conflicts import seen_of
from kam_tui.text import counted
from kam_tui.tui.edits import Edit
from kam_tui.tui.ids import id_of
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.swot_changes import SwotChanges, run_date
from kam_tui.tui.widgets.swot_quadrant import SwotQuadrantList

# grid order: strengths | weaknesses (internal) over opportunities | threats (external)
ORDER = list(SwotQuadrant)
QUADRANT_CHOICES = [(q.label, q.value) for q in SwotQuadrant]

if TYPE_CHECKING:
    from sqlmodel import Session

    from kam_tui.rules.swot import Comparison


class SwotPane(Pane):
    TAB_TITLE = "SWOT"
    HELP = (
        "SWOT: the customer's strengths and weaknesses (inside the company) and the "
        "opportunities and threats around it (outside). Run it regularly, not once: "
        "N starts today's run as a copy of the last one, < and > step through earlier "
        "runs, and c shows what changed since the run before. Only the latest run "
        "can be edited; earlier runs stay as the record of what we thought then. "
        "D deletes the latest run (e.g. one started by mistake)."
    )
    BINDINGS = [
        Binding("n", "add", "Add", id="swot.add"),
        Binding("e", "edit", "Edit", id="swot.edit"),
        Binding("c", "toggle_changes", "Changes", id="swot.changes"),
        Binding("N", "new_run", "New run", id="swot.new_run"),
        Binding("d", "delete", "Delete", id="swot.delete"),
        Binding("less_than_sign", "step_run(-1)", "Earlier", id="swot.earlier"),
        Binding("greater_than_sign", "step_run(1)", "Later", id="swot.later"),
        Binding("K,shift+up", "move(-1)", "Move item up", show=False, id="swot.move_up"),
        Binding("J,shift+down", "move(1)", "Move item down", show=False, id="swot.move_down"),
        Binding("left,h", "side(-1)", "Left quadrant", show=False, id="swot.left"),
        Binding("right,l", "side(1)", "Right quadrant", show=False, id="swot.right"),
        Binding("D", "delete_run", "Delete this run", show=False, id="swot.delete_run"),
        # Esc in the changes view goes back to the quadrants, not out of the account
        Binding("escape", "leave_changes", "Back to the quadrants", show=False, id="swot.leave_changes"),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.run_id: int | None = None  # None follows the latest run
        self.show_changes = False
        self.runs: list[SwotRun] = []
        self.current: SwotRun | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="swot-runbar")
        with Grid(id="swot-grid"):
            for q in ORDER:
                # one container each: when the tab is switched away Textual hands focus to a
                # visible sibling of the focused widget, which would pull the tab back
                with Container(classes="swot-cell"):
                    yield SwotQuadrantList(q, id=f"swot-{q.value}", classes="swot-quadrant")
        with VerticalScroll(id="swot-changes-box"):
            yield SwotChanges("", id="swot-changes")

    # ------------------------------------------------------------------ data

    def reload(self, keep_id: int | None = None) -> None:
        with self.app.session() as s:
            runs = swot.list_runs(s, self.account_id)
            ids = [r.id for r in runs]
            if self.run_id not in ids:
                self.run_id = None
            run = runs[ids.index(self.run_id)] if self.run_id is not None else (runs[-1] if runs else None)
            by_q = swot.items_by_quadrant(s, id_of(run)) if run else {q: [] for q in ORDER}
            cmp = swot.compare(s, id_of(run)) if run else None
        for q in ORDER:
            self._list(q).show_items(by_q[q], keep_id)
        self.runs = runs
        self.current = run
        self._update_runbar(runs, run, cmp)
        if cmp is not None:
            self.query_one(SwotChanges).show(cmp)
        else:
            self.query_one(SwotChanges).update("No SWOT yet: nothing to compare.")
        self.query_one("#swot-grid").display = not self.show_changes
        self.query_one("#swot-changes-box").display = self.show_changes

    def _update_runbar(self, runs: list[SwotRun], run: SwotRun | None, cmp: Comparison | None) -> None:
        bar = self.query_one("#swot-runbar", Static)
        if run is None:
            bar.update("No SWOT yet. [b]n[/b] adds the first item (starting today's run).")
            return
        n = runs.index(run) + 1
        latest = n == len(runs)
        where = "latest, editable" if latest else "[b $warning]earlier run, read-only[/]"
        changes = ""
        if cmp is not None and cmp.previous is not None:
            since = run_date(cmp.previous).isoformat()
            changes = f" · since {since}: +{len(cmp.added)} -{len(cmp.removed)} ~{len(cmp.edited)}"
        view = " · [b]changes view[/b] (c or Esc: back to the quadrants)" if self.show_changes else ""
        bar.update(f"Run [b]{run.run_on.isoformat()}[/b] ({n} of {len(runs)}, {where}){changes}{view}")

    def _list(self, q: SwotQuadrant) -> SwotQuadrantList:
        return self.query_one(f"#swot-{q.value}", SwotQuadrantList)

    def _focused_list(self) -> SwotQuadrantList:
        focused = self.screen.focused
        if isinstance(focused, SwotQuadrantList) and focused in self.query(SwotQuadrantList):
            return focused
        return self._list(ORDER[0])

    def _editable(self) -> bool:
        if self.current is not None and self.runs and self.current.id != self.runs[-1].id:
            self.app.notify(
                f"The run of {self.current.run_on.isoformat()} is an earlier run, kept as it was. "
                "Press > to go to the latest run to edit.",
                severity="warning",
            )
            return False
        if self.show_changes:
            self.app.notify("Press c to go back to the quadrants to edit.", severity="warning")
            return False
        return True

    # --------------------------------------------------------------- actions

    def action_add(self) -> None:
        if not self._editable():
            return
        quadrant = self._focused_list().quadrant
        fields = [
            FieldSpec("text", "Item", "multiline", required=True, help="One line or several. F2 accepts."),
            FieldSpec(
                "quadrant",
                "Quadrant",
                "choice",
                value=quadrant.value,
                choices=QUADRANT_CHOICES,
                allow_blank_choice=False,
            ),
        ]
        self._open_form(FormScreen(f"Add to {quadrant.label}", fields, Edit(self._add_item, quadrant)))

    def action_edit(self) -> None:
        if not self._editable():
            return
        lst = self._focused_list()
        item_id = lst.current_id
        if item_id is None:
            return self.action_add()
        with self.app.session() as s:
            item = swot.get_item(s, item_id)
        fields = [
            FieldSpec(
                "text", "Item", "multiline", value=item.text, required=True, help="One line or several. F2 accepts."
            ),
            FieldSpec(
                "quadrant",
                "Quadrant",
                "choice",
                value=item.quadrant.value,
                choices=QUADRANT_CHOICES,
                allow_blank_choice=False,
            ),
        ]
        self._open_form(
            FormScreen(f"Edit {item.quadrant.label} item", fields, Edit(swot.edit_item, item_id, seen=seen_of(item)))
        )

    def _add_item(self, s: Session, focused: SwotQuadrant, *, text: str, quadrant: str | None) -> SwotItem:
        """Today's run is started by the first item added to it."""
        run = swot.ensure_run(s, self.account_id)
        return swot.add_item(s, id_of(run), quadrant or focused, text)

    def _open_form(self, form: FormScreen) -> None:
        self.app.push_screen(form, self._after_save)

    def _after_save(self, item: SwotItem | None) -> None:
        if item is None:
            return
        self.reload(keep_id=item.id)
        self._list(item.quadrant).focus()

    def action_delete(self) -> None:
        if not self._editable():
            return
        lst = self._focused_list()
        item_id = lst.current_id
        if item_id is None:
            return
        with self.app.session() as s:
            text = swot.get_item(s, item_id).text

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.app.delete(swot.delete_item, item_id)
            self.reload()
            lst.focus()

        self.app.push_screen(ConfirmScreen(f"Delete this item from {lst.quadrant.label}?", text), answered)

    def action_move(self, delta: int) -> None:
        if not self._editable():
            return
        lst = self._focused_list()
        item_id = lst.current_id
        if item_id is None:
            return
        self.app.edit(swot.move_item, item_id, delta)
        self.reload(keep_id=item_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # enter on an item edits it
        event.stop()
        self.action_edit()

    def action_side(self, delta: int) -> None:
        i = ORDER.index(self._focused_list().quadrant)
        col, row = i % 2, i // 2
        self._list(ORDER[row * 2 + (col + delta) % 2]).focus()

    def on_swot_quadrant_list_edge(self, event: SwotQuadrantList.Edge) -> None:
        i = ORDER.index(event.quadrant_list.quadrant)
        col, row = i % 2, i // 2
        target_row = row - 1 if event.direction == "up" else row + 1
        if 0 <= target_row <= 1:
            target = self._list(ORDER[target_row * 2 + col])
            target.focus()
            if target.item_ids:
                target.highlighted = len(target.item_ids) - 1 if event.direction == "up" else 0

    def action_new_run(self) -> None:
        with self.app.session() as s:
            latest = swot.latest_run(s, self.account_id)
            count = len(swot.run_items(s, id_of(latest))) if latest else 0
        detail = (
            f"Today's run starts as a copy of the run of {latest.run_on.isoformat()} ({counted(count, 'item')}); "
            "that run is then kept as it was, and c shows what you change."
            if latest
            else "The account has no SWOT yet; this starts an empty one dated today."
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            started = self.app.edit(swot.new_run, self.account_id)
            self.run_id = None
            self.reload()
            if started:
                self.app.notify("New SWOT run started: edit it to match today.")

        self.app.push_screen(ConfirmScreen("Start a new SWOT run dated today?", detail, yes_label="Start"), answered)

    def action_delete_run(self) -> None:
        """Undo a run started by mistake: only the latest run, and only after asking."""
        if self.current is None or not self._editable():
            return
        run = self.current
        run_id = run.id
        if run_id is None:
            return
        with self.app.session() as s:
            count = len(swot.run_items(s, run_id))
        prev = self.runs[-2].run_on.isoformat() if len(self.runs) > 1 else None
        detail = f"Its {count} item{'s' if count != 1 else ''} go with it." + (
            f" The run of {prev} becomes the latest and can be edited again." if prev else ""
        )

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            # a verified copy first when the run's items go with it
            self.app.delete(swot.delete_run, run_id, backup=count > 0)
            self.run_id = None
            self.reload()

        self.app.push_screen(ConfirmScreen(f"Delete the SWOT run of {run.run_on.isoformat()}?", detail), answered)

    def action_step_run(self, delta: int) -> None:
        if not self.runs or self.current is None:
            return
        ids = [r.id for r in self.runs]
        i = ids.index(self.current.id) + delta
        if not 0 <= i < len(ids):
            self.app.notify("No earlier run." if delta < 0 else "This is the latest run.")
            return
        self.run_id = None if i == len(ids) - 1 else ids[i]
        self.reload()

    def action_leave_changes(self) -> None:
        if not self.show_changes:
            raise SkipAction()  # Esc goes on to the workspace: back to the list
        self.action_toggle_changes()

    def action_toggle_changes(self) -> None:
        self.show_changes = not self.show_changes
        self.reload()
        if self.show_changes:
            self.query_one("#swot-changes-box").focus()
        else:
            self._list(ORDER[0]).focus()
