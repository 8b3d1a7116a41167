"""The goals-and-actions tree: horizons, their goals, and each goal's actions.

Node data is a (kind, value) pair: ("horizon", Horizon), ("goal", id), ("action", id).
Space is taken from Tree's expand/collapse and given to 'done' (the pane acts on it)."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeAlias

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from kam_tui.models import Action, ActionStatus, Goal, GoalStatus, Horizon
from kam_tui.services.goals import GoalView, is_overdue
from kam_tui.tui.widgets.fast_tree import FastTree

BAR = 8
# what a node holds: ("horizon", Horizon), ("goal", id), ("action", id), ("horizon-empty", Horizon)
NodeData: TypeAlias = tuple[str, Any]


def progress_bar(share: float | None) -> Text:
    if share is None:
        return Text("no actions", style="dim")
    filled = round(share * BAR)
    return (
        Text("█" * filled, style="green") + Text("░" * (BAR - filled), style="dim") + Text(f" {round(share * 100):>3}%")
    )


def goal_of(view: GoalView) -> Goal:
    """The view's goal, as a Goal (rules know no models: GoalView types it as Any)."""
    assert isinstance(view.goal, Goal)
    return view.goal


def fitted(head: Text, body: Text, tail: Text, width: int | None) -> Text:
    """head + body + tail in `width` cells: the body (the goal's or action's
    own words) gives way, ending in "…", so the facts after it (owner, date,
    how late) stay in sight; the line under the tree shows the words whole."""
    if width is not None:
        room = width - head.cell_len - tail.cell_len
        if body.cell_len > room:
            body = body.copy()
            body.truncate(max(room, 8), overflow="ellipsis")
    return head + body + tail


def goal_label(view: GoalView, today: date, whole: GoalView | None = None, width: int | None = None) -> Text:
    """`view` may hold only the actions a filter kept; progress and overdue count
    come from `whole`, the goal with all its actions."""
    whole = whole or view
    g = goal_of(view)
    style = "dim strike" if g.status == GoalStatus.DROPPED else ("green" if g.status == GoalStatus.ACHIEVED else "bold")
    tail = Text()
    late = len(whole.overdue(today))
    if late:
        tail.append(f"  {late} overdue", style="bold red")
    facts = [g.owner or "no owner", f"by {g.target_date.isoformat()}" if g.target_date else "no date", g.status.label]
    tail.append("  " + " · ".join(facts), style="italic" if g.owner else "italic yellow")
    bar = Text("  ") + progress_bar(whole.progress)
    if width is None or Text(g.text).cell_len + tail.cell_len + bar.cell_len <= width:
        tail.append_text(bar)  # the bar goes first when the line is short of room
    return fitted(Text(), Text(g.text, style=style), tail, width)


def action_label(action: Action, today: date, width: int | None = None) -> Text:
    if action.status == ActionStatus.DONE:
        box, style = "☑ ", "dim"
    elif action.status == ActionStatus.DROPPED:
        box, style = "✗ ", "dim strike"
    elif action.status == ActionStatus.DOING:
        box, style = "◐ ", ""
    else:
        box, style = "☐ ", ""
    late = is_overdue(action, today)
    head = Text(box, style="bold red" if late else "")
    tail = Text()
    if late and action.due_date is not None:
        tail.append(f"  {(today - action.due_date).days}d late", style="bold white on red")
    facts = [action.owner or "no owner"]
    if action.status == ActionStatus.DONE and action.completed_on:
        facts.append(f"done {action.completed_on.isoformat()}")
    elif action.due_date:
        facts.append(f"due {action.due_date.isoformat()}")
    else:
        facts.append("no due date")
    if action.status == ActionStatus.DOING:
        facts.append("doing")
    tail.append("  " + " · ".join(facts), style="dim italic")
    return fitted(head, Text(action.text, style="bold red" if late else style), tail, width)


def whole_line(view: GoalView | None, action: Action | None, today: date) -> Text:
    """The node under the cursor, unabridged: what the line under the tree shows."""
    if action is not None:
        return action_label(action, today)
    if view is not None:
        return goal_label(view, today)
    return Text()


class GoalTree(FastTree[NodeData]):
    BINDINGS = [
        Binding("space", "toggle_done", "Done/undo", id="goals.done"),
    ]

    class ToggleDone(Message):
        """Space on an action: mark it done, or not done again (the pane saves it)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("Goals", **kwargs)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2

    def action_toggle_done(self) -> None:
        self.post_message(self.ToggleDone())

    def fill(
        self,
        views: list[GoalView],
        today: date,
        keep: NodeData | None,
        empty_hint: str,
        whole: dict[int | None, GoalView] | None = None,
    ) -> None:
        """Rebuild from `views`; the cursor goes back to the item `keep` names.
        Each line is fitted to the tree's width (see `fitted`)."""
        whole = whole or {}
        self._filled = (views, today, empty_hint, whole)
        self._filled_width = width = self.scrollable_content_region.width
        # where a label starts: two cells a level, two more for a node's ▼; one spare for the scrollbar
        goal_width = width - 5 if width > 20 else None
        action_width = width - 5 if width > 20 else None
        self.clear()
        order: list[NodeData] = []
        self.views_by_goal = {goal_of(v).id: v for v in views}
        self.actions_by_id = {a.id: a for v in views for a in v.actions}
        for horizon in Horizon:
            group = [v for v in views if goal_of(v).horizon == horizon]
            label = Text(horizon.label, style="bold underline") + Text(
                f"  {horizon.hint.lower()} · {len(group)} goal{'s' if len(group) != 1 else ''}", style="dim"
            )
            h_node = self.root.add(label, data=("horizon", horizon), expand=True)
            order.append(("horizon", horizon))
            if not group:
                h_node.add_leaf(Text(empty_hint, style="dim italic"), data=("horizon", horizon))
                order.append(("horizon-empty", horizon))
            for view in group:
                goal_id = goal_of(view).id
                label = goal_label(view, today, whole.get(goal_id), goal_width)
                g_node = h_node.add(label, data=("goal", goal_id), expand=True)
                order.append(("goal", goal_id))
                for action in view.actions:
                    g_node.add_leaf(action_label(action, today, action_width), data=("action", action.id))
                    order.append(("action", action.id))
        line = order.index(keep) if keep in order else 0
        self.cursor_line = line
        self.call_after_refresh(self._scroll_to_cursor)

    def on_resize(self) -> None:
        filled = getattr(self, "_filled", None)
        if filled is not None and self.scrollable_content_region.width != self._filled_width:
            node = self.cursor_node
            views, today, hint, whole = filled
            self.fill(views, today, node.data if node is not None else None, hint, whole)

    def whole_text(self) -> Text:
        """What the line under the tree shows: the node under the cursor, unabridged."""
        node = self.cursor_node
        filled = getattr(self, "_filled", None)
        if node is None or node.data is None or filled is None:
            return Text()
        kind, value = node.data
        today = filled[1]
        if kind == "goal":
            return whole_line(filled[3].get(value) or self.views_by_goal.get(value), None, today)
        if kind == "action":
            return whole_line(None, self.actions_by_id.get(value), today)
        return Text("n adds a goal on this horizon; a adds an action to the goal under the cursor", style="dim")

    def _scroll_to_cursor(self) -> None:
        node = self.cursor_node
        if node is not None:
            self.scroll_to_node(node, animate=False)
