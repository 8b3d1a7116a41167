"""Goals & actions: short-, mid- and long-term goals, each with an owner, and
the specific actions that reach them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, Tree

from kam_tui import clock
from kam_tui.models import Action, ActionStatus, Goal, GoalStatus, Horizon
from kam_tui.services import goals as svc
from kam_tui.store.conflicts import seen_of
from kam_tui.tui.edits import Edit
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.goal_tree import GoalTree, NodeData, goal_of

if TYPE_CHECKING:
    from sqlmodel import Session

SHOW_LABELS = {"all": "everything", "open": "open work", "overdue": "overdue only"}
DATE_HINT = "2026-12-31, 31.12.2026, today, +2w"


class GoalsPane(Pane):
    TAB_TITLE = "Goals & actions"
    HELP = (
        "Goals on three horizons, each with one owner, and the specific actions that "
        "reach them, each with an owner and a due date. The more specific the action, "
        "the likelier it happens. Progress is the share of a goal's actions done "
        "(dropped ones do not count). Overdue actions are marked in red."
    )
    BINDINGS = [
        Binding("n", "new_goal", "New goal", id="goals.new"),
        Binding("a", "new_action", "Add action", id="goals.new_action"),
        Binding("e", "edit", "Edit", id="goals.edit"),
        Binding("d", "delete", "Delete", id="goals.delete"),
        Binding("minus", "toggle_dropped", "Drop", id="goals.drop"),
        Binding("K", "move(-1)", "Move up", id="goals.move_up"),
        Binding("J", "move(1)", "Move down", id="goals.move_down"),
        Binding("f", "cycle_filter", "Open/overdue/all", id="goals.cycle_filter"),
        Binding("slash", "filter_form", "Filter", id="goals.filter"),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.show = "all"
        self.owner: str | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="goals-status", classes="pane-status")
        yield GoalTree(id="goals-tree")
        # the goal or action under the cursor, whole: a line of the tree gives way at its end
        yield Static("", id="goals-detail")

    @property
    def goal_tree(self) -> GoalTree:
        return self.query_one("#goals-tree", GoalTree)

    # ------------------------------------------------------------------ data

    def reload(self, keep: NodeData | None = None) -> None:
        today = clock.today()
        if keep is None:
            node = self.goal_tree.cursor_node
            keep = node.data if node is not None else None
        with self.app.session() as s:
            views = svc.goal_views(s, self.account_id)
        shown = svc.filter_views(views, self.show, self.owner, today)
        actions = [a for v in views for a in v.actions]
        counted = [a for a in actions if a.status != ActionStatus.DROPPED]
        done = sum(1 for a in counted if a.status == ActionStatus.DONE)
        late = sum(1 for a in actions if svc.is_overdue(a, today))
        parts = [f"Showing {SHOW_LABELS[self.show]}"]
        if self.owner:
            parts.append(f"owner {self.owner}")
        goals = f"{len(views)} goal{'' if len(views) == 1 else 's'}"
        # Text, not markup: the owner filter is a name as the user typed it
        status = Text(" · ".join(parts) + "   ")
        status.append(f"{goals} · {done} of {len(counted)} action{'' if len(counted) == 1 else 's'} done")
        if late:
            status.append(f" · {late} overdue", style="bold red")
        self.query_one("#goals-status", Static).update(status)
        hint = "no goals yet: n adds one" if self.show == "all" and not self.owner else "nothing matches the filter"
        self.goal_tree.fill(shown, today, keep, hint, whole={goal_of(v).id: v for v in views})

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        self.query_one("#goals-detail", Static).update(self.goal_tree.whole_text())

    def show_item(self, item: tuple[str, int]) -> None:
        """Put the cursor on one goal or action, clearing filters that would hide it."""
        self.show, self.owner = "all", None
        self.reload(keep=item)
        self.goal_tree.focus()

    def _cursor(self) -> NodeData | None:
        node = self.goal_tree.cursor_node
        return node.data if node is not None else None

    def _goal_id_at_cursor(self) -> int | None:
        node = self.goal_tree.cursor_node
        while node is not None:
            if node.data and node.data[0] == "goal":
                return node.data[1]
            node = node.parent
        return None

    def _horizon_at_cursor(self) -> Horizon:
        node = self.goal_tree.cursor_node
        while node is not None:
            if node.data and node.data[0] == "horizon":
                return node.data[1]
            if node.data and node.data[0] == "goal":
                with self.app.session() as s:
                    return svc.get_goal(s, node.data[1]).horizon
            node = node.parent
        return Horizon.SHORT

    def _saved(self, keep_kind: str) -> Callable[[Goal | Action | None], None]:
        """After a form: the cursor on what was saved."""

        def done(saved: Goal | Action | None) -> None:
            if saved is not None and saved.id is not None:
                self.reload(keep=(keep_kind, saved.id))
            self.goal_tree.focus()

        return done

    # ------------------------------------------------------------------ forms

    def _people(self) -> list[str]:
        from kam_tui.services.people import known_people

        with self.app.session() as s:
            return known_people(s, self.account_id)

    def _goal_fields(self, goal: Goal | None = None, horizon: Horizon = Horizon.SHORT) -> list[FieldSpec]:
        return [
            FieldSpec(
                "text",
                "Goal",
                value=goal.text if goal else "",
                required=True,
                placeholder="e.g. a meeting with the CTO by January",
            ),
            FieldSpec(
                "horizon",
                "Horizon",
                "choice",
                value=(goal.horizon if goal else horizon).value,
                choices=[(f"{h.label} ({h.hint.lower()})", h.value) for h in Horizon],
                allow_blank_choice=False,
            ),
            FieldSpec(
                "owner",
                "Owner",
                "person",
                value=goal.owner if goal else "",
                people=self._people(),
                help="One person answers for each goal.",
            ),
            FieldSpec(
                "target_date",
                "Target date",
                value=goal.target_date.isoformat() if goal and goal.target_date else "",
                placeholder=DATE_HINT,
            ),
            FieldSpec(
                "status",
                "Status",
                "choice",
                value=(goal.status if goal else GoalStatus.OPEN).value,
                choices=[(st.label, st.value) for st in GoalStatus],
                allow_blank_choice=False,
            ),
        ]

    def _action_fields(self, action: Action | None = None) -> list[FieldSpec]:
        return [
            FieldSpec(
                "text",
                "Action",
                value=action.text if action else "",
                required=True,
                placeholder="a specific step, e.g. ask the VP to request the meeting",
            ),
            FieldSpec("owner", "Owner", "person", value=action.owner if action else "", people=self._people()),
            FieldSpec(
                "due_date",
                "Due date",
                value=action.due_date.isoformat() if action and action.due_date else "",
                placeholder=DATE_HINT,
            ),
            FieldSpec(
                "status",
                "Status",
                "choice",
                value=(action.status if action else ActionStatus.TODO).value,
                choices=[(st.label, st.value) for st in ActionStatus],
                allow_blank_choice=False,
            ),
        ]

    def action_new_goal(self) -> None:
        horizon = self._horizon_at_cursor()
        self.app.push_screen(
            FormScreen("New goal", self._goal_fields(horizon=horizon), Edit(svc.add_goal, self.account_id)),
            self._saved("goal"),
        )

    def action_new_action(self) -> None:
        goal_id = self._goal_id_at_cursor()
        if goal_id is None:
            self.app.notify("Put the cursor on a goal first (n adds a goal).", severity="warning")
            return
        with self.app.session() as s:
            goal = svc.get_goal(s, goal_id)
        self.app.push_screen(
            FormScreen(
                "New action", self._action_fields(), Edit(svc.add_action, goal_id), intro=f"For the goal: {goal.text}"
            ),
            self._saved("action"),
        )

    def action_edit(self) -> None:
        data = self._cursor()
        if not data or data[0] == "horizon":
            self.action_new_goal()
            return
        kind, item_id = data
        with self.app.session() as s:
            if kind == "goal":
                goal = svc.get_goal(s, item_id)
                form = FormScreen(
                    "Edit goal", self._goal_fields(goal), Edit(svc.update_goal, item_id, seen=seen_of(goal))
                )
            else:
                action = svc.get_action(s, item_id)
                form = FormScreen(
                    "Edit action", self._action_fields(action), Edit(svc.update_action, item_id, seen=seen_of(action))
                )
        self.app.push_screen(form, self._saved(kind))

    def action_delete(self) -> None:
        data = self._cursor()
        if not data or data[0] not in ("goal", "action"):
            return
        kind, item_id = data
        n = 0
        with self.app.session() as s:
            if kind == "goal":
                goal = svc.get_goal(s, item_id)
                n = len(svc.list_actions(s, item_id))
                question = f"Delete the goal {goal.text!r}?"
                detail = (
                    f"Its {n} action{'s' if n != 1 else ''} go{'es' if n == 1 else ''} with it."
                    if n
                    else "It has no actions."
                )
            else:
                action = svc.get_action(s, item_id)
                question = f"Delete the action {action.text!r}?"
                detail = "To keep it on record but out of the count, drop it with - instead."

        def answered(yes: bool | None) -> None:
            if yes:
                if kind == "goal":
                    # a verified copy first when the goal's actions go with it
                    self.app.delete(svc.delete_goal, item_id, backup=n > 0)
                else:
                    self.app.delete(svc.delete_action, item_id)
                self.reload(keep=None)
            self.goal_tree.focus()

        self.app.push_screen(ConfirmScreen(question, detail), answered)

    # ------------------------------------------------------------------ quick keys

    def _act_on_action(self, fn: Callable[[Session, int], object], verb: str) -> None:
        data = self._cursor()
        if not data or data[0] != "action":
            self.app.notify(f"Put the cursor on an action to {verb} it.", severity="warning")
            return
        self.app.edit(fn, data[1])
        self.reload(keep=data)

    def action_toggle_done(self) -> None:
        self._act_on_action(svc.toggle_done, "mark done")

    def action_toggle_dropped(self) -> None:
        self._act_on_action(svc.toggle_dropped, "drop")

    def action_move(self, delta: int) -> None:
        data = self._cursor()
        if not data or data[0] not in ("goal", "action"):
            return
        self.app.edit(svc.move_goal if data[0] == "goal" else svc.move_action, data[1], delta)
        self.reload(keep=data)

    def action_cycle_filter(self) -> None:
        order = ("all", "open", "overdue")
        self.show = order[(order.index(self.show) + 1) % len(order)]
        self.reload()

    def action_filter_form(self) -> None:
        with self.app.session() as s:
            names = svc.owners(s, self.account_id)
        fields = [
            FieldSpec(
                "show",
                "Show",
                "choice",
                value=self.show,
                allow_blank_choice=False,
                choices=[(label.capitalize(), key) for key, label in SHOW_LABELS.items()],
            ),
            FieldSpec(
                "owner",
                "Owner",
                "choice",
                value=self.owner if self.owner in names else None,
                choices=[(n, n) for n in names],
                help="Blank: anyone.",
            ),
        ]

        def apply(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.show = values["show"] or "all"
                self.owner = values["owner"] or None
                self.reload()
            self.goal_tree.focus()

        self.app.push_screen(FormScreen("Filter goals and actions", fields, None, accept_label="Apply"), apply)

    def on_goal_tree_toggle_done(self, event: GoalTree.ToggleDone) -> None:
        event.stop()
        self.action_toggle_done()

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        data = event.node.data
        if data and data[0] == "action":
            self.action_edit()
        elif data and data[0] == "goal":
            event.node.toggle()
