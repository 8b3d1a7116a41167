"""## The customer's business: each section that holds text, under its own heading."""

from __future__ import annotations

from kam_tui.export.markdown import block, heading
from kam_tui.rules.business import BUSINESS_SECTIONS


def render_sections(plan, sections) -> list[str]:
    texts = {row.section: row.text for row in plan.profile if row.text}
    return [f"{heading(3, s.label)}\n\n{block(texts[s])}" for s in sections if texts.get(s)]


def render(plan) -> str | None:
    parts = render_sections(plan, BUSINESS_SECTIONS)
    if not parts:
        return None
    return "\n\n".join([heading(2, "The customer's business"), *parts])
