"""## The customer's business: each section that holds text, under its own heading."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from kam_tui.export.markdown import block, heading
from kam_tui.rules.business import BUSINESS_SECTIONS

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan
    from kam_tui.vocabulary import ProfileSection


def render_sections(plan: Plan, sections: Iterable[ProfileSection]) -> list[str]:
    texts = {row.section: row.text for row in plan.profile if row.text}
    return [f"{heading(3, s.label)}\n\n{block(texts[s])}" for s in sections if texts.get(s)]


def render(plan: Plan) -> str | None:
    parts = render_sections(plan, BUSINESS_SECTIONS)
    if not parts:
        return None
    return "\n\n".join([heading(2, "The customer's business"), *parts])
