"""## Stage checklist: each of the five stages with what is done and still open."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from kam_tui.export.markdown import inline
from kam_tui.rules.checklist import stages_of
from kam_tui.vocabulary import PlanDepth

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan


def as_of(plan: Plan) -> date:
    """The day the checks are made for: the plan's last change, not the day of
    the export, so that unchanged data exports the same on any day."""
    return plan.account.updated_at.date()


def render(plan: Plan) -> str | None:
    account = plan.account
    day = as_of(plan)
    stages = stages_of(replace(plan, today=day), account.depth == PlanDepth.LIGHT)
    out = [
        "## Stage checklist",
        f"Current stage: {account.stage.number}. {account.stage.label} · Depth: {account.depth.label} "
        f"({account.depth.hint.lower()}) · Checked as of {day.isoformat()}, the plan's last change",
    ]
    for sc in stages:
        current = " (current stage)" if sc.stage == account.stage else ""
        out.append(f"### {sc.stage.number}. {sc.stage.label}{current}: {sc.done_count} of {len(sc.checks)} done")
        lines = []
        for c in sc.checks:
            mark = "[x]" if c.done else "[ ]"
            state = "" if c.done else "open: "
            lines.append(f"- {mark} {inline(c.label)} ({state}{inline(c.detail)})")
        out.append("\n".join(lines))
    return "\n\n".join(out)
