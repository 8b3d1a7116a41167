"""## The customer's business: each section that holds text, under its own heading."""

from __future__ import annotations

from sqlmodel import Session

from kam_tui.export.markdown import block, heading
from kam_tui.models import Account
from kam_tui.services.profile import BUSINESS_SECTIONS, get_sections


def render_sections(session: Session, account: Account, sections) -> list[str]:
    texts = get_sections(session, account.id)
    return [f"{heading(3, s.label)}\n\n{block(texts[s])}" for s in sections if texts.get(s)]


def render(session: Session, account: Account) -> str | None:
    parts = render_sections(session, account, BUSINESS_SECTIONS)
    if not parts:
        return None
    return "\n\n".join([heading(2, "The customer's business"), *parts])
