"""## Growth-plan questions: per category what we know, who finds out the rest, and by when."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import block, bullet_list, inline
from kam_tui.rules.questions import by_category, progress_of, states_of
from kam_tui.vocabulary import QuestionStatus

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan


def render(plan: Plan) -> str | None:
    states = states_of(plan.answers)
    if all(s.status == QuestionStatus.UNKNOWN and not s.is_assigned for s in states):
        return None
    parts = ["## Growth-plan questions"]
    grouped = by_category(states)
    for p in progress_of(states):
        mine = grouped[p.category]
        lines = [
            f"### {inline(p.category.label)}",
            f"Progress: {p.done}/{p.total}" + (f" ({p.not_relevant} not relevant)" if p.not_relevant else ""),
        ]
        answered = [s for s in mine if s.status == QuestionStatus.ANSWERED]
        if answered:
            lines.append(
                bullet_list(
                    f"**{inline(s.question.text)}**  \n  " + block(s.answer).replace("\n", "\n  ") for s in answered
                )
            )
        assigned = [s for s in mine if s.is_assigned]
        if assigned:
            items = []
            for s in assigned:
                who = inline(s.finder) if s.finder else "nobody named"
                when = f" by {s.due_date.isoformat()}" if s.due_date else ""
                items.append(f"{inline(s.question.text)} — {who}{when}")
            lines.append("Open, assigned:\n\n" + bullet_list(items))
        unknown = sum(1 for s in mine if s.status == QuestionStatus.UNKNOWN and not s.is_assigned)
        if unknown:
            lines.append(f"Unknown, not assigned: {unknown}")
        parts.append("\n\n".join(lines))
    return "\n\n".join(parts)
