"""## Stage checklist: each of the five stages with what is done and still open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import inline
from kam_tui.rules.checklist import stages_of
from kam_tui.vocabulary import PlanDepth

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan


def render(plan: Plan) -> str | None:
    account = plan.account
    stages = stages_of(plan, account.depth == PlanDepth.LIGHT)
    out = [
        "## Stage checklist",
        f"Current stage: {account.stage.number}. {account.stage.label} · Depth: {account.depth.label} "
        f"({account.depth.hint.lower()})",
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
