"""One account's whole plan as a Markdown document, section by section, in the
same order as the workspace shows them. Each section module offers
`render(session, account) -> str | None` (None or "" when it holds no data)."""

from __future__ import annotations

import importlib

from sqlmodel import Session

from kam_tui.models import Account

# "module" under kam_tui.export, in document order.
SECTIONS: list[str] = [
    "account",
    "scoring",
    "stakeholders",
    "team",
    "business",
    "swot",
    "history",
    "opportunities",
    "whitespace",
    "questions",
    "goals",
    "checklist",
    "reviews",
]


def render_plan(session: Session, account: Account) -> str:
    parts = []
    for name in SECTIONS:
        module = importlib.import_module(f"kam_tui.export.{name}")
        text = module.render(session, account)
        if text:
            parts.append(text.strip("\n"))
    return "\n\n".join(parts) + "\n"
