"""Goals and actions: plan order, progress, and what counts as overdue."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kam_tui import clock
from kam_tui.rules.rows import Row
from kam_tui.vocabulary import ActionStatus, Horizon

HORIZON_ORDER = {h: i for i, h in enumerate(Horizon)}


@dataclass
class GoalView:
    goal: Row
    actions: list[Row] = field(default_factory=list)

    @property
    def progress(self) -> float | None:
        return progress(self.actions)

    def overdue(self, today: date | None = None) -> list[Row]:
        return [a for a in self.actions if is_overdue(a, today)]


def progress(actions: list[Row]) -> float | None:
    """Share of actions done, dropped ones left out; None when nothing counts."""
    counted = [a for a in actions if a.status != ActionStatus.DROPPED]
    if not counted:
        return None
    return sum(1 for a in counted if a.status == ActionStatus.DONE) / len(counted)


def is_overdue(action: Row, today: date | None = None) -> bool:
    today = today or clock.today()
    return not action.status.is_closed and action.due_date is not None and action.due_date < today


def sorted_goals(goals: Iterable[Row]) -> list[Row]:
    """Plan order: by horizon (short, mid, long), then the user's order."""
    return sorted(goals, key=lambda g: (HORIZON_ORDER[g.horizon], g.position, g.id))


def goal_views_of(goals: Iterable[Row], actions: Iterable[Row]) -> list[GoalView]:
    """Every goal in plan order with its actions in the user's order."""
    ordered = sorted_goals(goals)
    by_goal: dict[int, list[Row]] = {g.id: [] for g in ordered}
    for action in sorted(actions, key=lambda a: (a.position, a.id)):
        if action.goal_id in by_goal:
            by_goal[action.goal_id].append(action)
    return [GoalView(g, by_goal[g.id]) for g in ordered]
