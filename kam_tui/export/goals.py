"""## Goals and actions: by horizon, with owners, dates, status and progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import heading, inline, table
from kam_tui.rules import goals
from kam_tui.text import counted as plural
from kam_tui.vocabulary import ActionStatus, GoalStatus, Horizon

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan


def progress_text(view: goals.GoalView) -> str:
    counted = [a for a in view.actions if a.status != ActionStatus.DROPPED]
    if not counted:
        return "no actions yet"
    done = sum(1 for a in counted if a.status == ActionStatus.DONE)
    return f"{done} of {plural(len(counted), 'action')} done ({round(100 * done / len(counted))}%)"


def render(plan: Plan) -> str | None:
    return _render(plan, for_customer=False)


def render_for_customer(plan: Plan) -> str | None:
    """The goals and actions the customer shares in: dropped ones left out, and
    nothing flagged overdue (the plan is joint; our slips are ours to chase)."""
    return _render(plan, for_customer=True)


def _render(plan: Plan, *, for_customer: bool) -> str | None:
    views = goals.goal_views_of(plan.goals, plan.actions)
    if for_customer:
        views = [v for v in views if v.goal.status != GoalStatus.DROPPED]
    if not views:
        return None
    out = ["## Goals and actions"]
    for horizon in Horizon:
        group = [v for v in views if v.goal.horizon == horizon]
        if not group:
            continue
        out.append(heading(3, f"{horizon.label} ({horizon.hint.lower()})"))
        for view in group:
            g = view.goal
            out.append(heading(4, g.text))
            facts = [
                f"Owner: {inline(g.owner) if g.owner else 'not named'}",
                f"Target: {g.target_date.isoformat() if g.target_date else 'not dated'}",
                f"Status: {g.status.label}",
                f"Progress: {progress_text(view)}",
            ]
            out.append(" · ".join(facts))
            actions = [a for a in view.actions if not (for_customer and a.status == ActionStatus.DROPPED)]
            if actions:
                rows = []
                for a in actions:
                    # the due date, not "overdue": an export of unchanged data is the same on any day
                    rows.append(
                        [
                            a.text,
                            a.owner or "–",
                            a.due_date.isoformat() if a.due_date else "–",
                            a.status.label,
                            a.completed_on.isoformat() if a.completed_on else "",
                        ]
                    )
                out.append(table(["Action", "Owner", "Due", "Status", "Done on"], rows))
    return "\n\n".join(out)
