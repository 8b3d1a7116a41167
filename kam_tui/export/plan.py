"""One account's whole plan as a Markdown document, section by section, in the
same order as the workspace shows them. Each section module offers
`render(plan) -> str | None` (None or "" when it holds no data), where `plan`
is the read model of kam_tui/export/snapshot.py: no session, no queries."""

from __future__ import annotations

import importlib
from datetime import date
from types import ModuleType
from typing import Any

from kam_tui.export import snapshot
from kam_tui.rules.rows import Row

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


_modules: dict[str, ModuleType] = {}  # section name -> its module, imported once


def plan_markdown(plan: snapshot.Plan) -> str:
    """The whole document for one plan of the read model."""
    parts = []
    for name in SECTIONS:
        module = _modules.get(name) or _modules.setdefault(name, importlib.import_module(f"kam_tui.export.{name}"))
        text = module.render(plan)
        if text:
            parts.append(text.strip("\n"))
    return "\n\n".join(parts) + "\n"


def render_plan(session: Any, account: Row, today: date | None = None) -> str:
    """The document for an account, read through the session's own connection
    (what the session has written is what is exported)."""
    return plan_markdown(snapshot.plan_for(session, account, today))
