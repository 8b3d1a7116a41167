"""The customer's business and our history with them: free text per section
(the history pane keeps its written sections here too, beside services/parties.py).

A section with no text has no row, so "what is still blank" is simply the
sections without a row (and the export skips them)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from kam_tui.errors import ValidationError
from kam_tui.models import ProfileSection, ProfileText, utcnow
from kam_tui.rules.business import (  # re-exported
    BUSINESS_SECTIONS as BUSINESS_SECTIONS,
    HISTORY_SECTIONS as HISTORY_SECTIONS,
)
from kam_tui.services.accounts import get_account, touch

# What belongs in each section, shown in place of an empty one. Our words,
# drawn from the method's list of what an account plan holds.
PROMPTS: dict[ProfileSection, str] = {
    ProfileSection.STRATEGY_GOALS: "Where is the customer heading? Their stated strategy, "
    "and the goals their leadership is measured on this year and beyond.",
    ProfileSection.FINANCIAL_HEALTH: "Revenue, growth, margins, cash and credit: can they "
    "invest, and are they cutting anywhere?",
    ProfileSection.CURRENT_INITIATIVES: "The programmes and projects under way now, who leads "
    "them, and where we could help.",
    ProfileSection.MARKET_PRODUCTS: "The markets they serve, their own customers, what they "
    "sell, and the trends pressing on them.",
    ProfileSection.ORGANISATION: "How they are organised: divisions, sites, regions, and where the budgets sit.",
    ProfileSection.HISTORY_CULTURE: "Their history and culture: how they like to work, what "
    "they value, what has gone well or badly before.",
    ProfileSection.DECISION_PROCESS: "How they buy: who proposes, who evaluates, who signs, "
    "the budget cycle, procurement rules and timing.",
    ProfileSection.FRAMEWORK_AGREEMENTS: "Framework agreements and contracts in force: what "
    "they cover, terms, and when they expire or renew.",
    ProfileSection.PURCHASES: "What they have bought from us, where, and how much.",
    ProfileSection.PAST_ENGAGEMENTS: "Past projects and engagements: what we delivered, how it "
    "went, and what we learned.",
}

MAX_TEXT = 100_000


def _section(value: ProfileSection | str) -> ProfileSection:
    if isinstance(value, ProfileSection):
        return value
    try:
        return ProfileSection.parse(str(value))
    except ValueError as exc:
        raise ValidationError("section", str(exc)) from None


def clean_text(text: str | None) -> str:
    s = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    # trailing spaces on lines and blank lines at either end carry no meaning
    s = "\n".join(line.rstrip() for line in s.split("\n")).strip("\n")
    if not s.strip():
        return ""
    if len(s) > MAX_TEXT:
        raise ValidationError("text", f"is {len(s)} characters long; at most {MAX_TEXT}")
    return s


def get_sections(session: Session, account_id: int) -> dict[ProfileSection, str]:
    """Every section of the account that holds text."""
    rows = session.exec(select(ProfileText).where(ProfileText.account_id == account_id))
    return {row.section: row.text for row in rows if row.text}


@dataclass(frozen=True)
class SectionText:
    """One section as stored: its text and the version it is at (0: never written)."""

    text: str
    version: int


def section_texts(session: Session, account_id: int) -> dict[ProfileSection, SectionText]:
    """Every stored section of the account with its version, so an editor can
    refuse to save over a newer text of someone else's."""
    rows = session.exec(select(ProfileText).where(ProfileText.account_id == account_id))
    return {row.section: SectionText(row.text, row.version) for row in rows}


def save_section(
    session: Session, account_id: int, section: ProfileSection | str, text: str | None, version_seen: int
) -> SectionText:
    """The autosave of one section over the version the editor showed (`version_seen`,
    0 for a section not written yet). A save over text someone else saved since
    is refused with ChangedElsewhere, which carries their text and version; a
    save that goes through is one UPDATE naming the version seen, plus the
    account's time of change, and its commit."""
    import sqlalchemy as sa

    from kam_tui.store.conflicts import Seen, check_seen

    section = _section(section)
    cleaned = clean_text(text)
    table = ProfileText.__table__  # type: ignore[attr-defined]
    mine = (table.c.account_id == account_id, table.c.section == section)
    if version_seen and cleaned:
        updated = session.execute(
            sa.update(table)
            .where(*mine, table.c.version == version_seen)
            .values(text=cleaned, version=version_seen + 1)
        )
        if updated.rowcount == 1:  # type: ignore[attr-defined]
            touch(session, account_id)
            session.commit()
            return SectionText(cleaned, version_seen + 1)
    # refused, a first text, or a text emptied: check what is there now
    check_seen(session, Seen("profile_text", (account_id, section), version_seen))
    get_account(session, account_id)
    row = session.get(ProfileText, (account_id, section))
    if row is None and not cleaned:
        return SectionText("", 0)
    if row is None:
        row = ProfileText(account_id=account_id, section=section, text=cleaned)
        session.add(row)
    elif not cleaned:
        session.delete(row)
    elif cleaned != row.text:
        row.text = cleaned
        session.add(row)
    touch(session, account_id)
    session.commit()
    return SectionText(cleaned, 0 if not cleaned else row.version)


def get_section(session: Session, account_id: int, section: ProfileSection | str) -> str:
    row = session.get(ProfileText, (account_id, _section(section)))
    return row.text if row is not None else ""


def set_section(session: Session, account_id: int, section: ProfileSection | str, text: str | None) -> str:
    """Store one section's text (blank text removes the section) and return what
    was stored. Saving the same text again changes nothing, not even dates."""
    get_account(session, account_id)
    section = _section(section)
    cleaned = clean_text(text)
    row = session.get(ProfileText, (account_id, section))
    current = row.text if row is not None else ""
    if cleaned == current:
        return cleaned
    if not cleaned:
        session.delete(row)
    elif row is None:
        session.add(ProfileText(account_id=account_id, section=section, text=cleaned))
    else:
        row.text = cleaned
        row.updated_at = utcnow()
        session.add(row)
    touch(session, account_id)
    session.commit()
    return cleaned
