"""Contact that stays fresh: the contact rhythm per influence (a setting of
this database, editable), each person's own rhythm, and how fresh our
contact with everyone in an account is. The rules are in rules/contacts.py.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from kam_tui import clock
from kam_tui.errors import ValidationError
from kam_tui.models import Influence, Setting
from kam_tui.rules.contacts import (  # the rules, re-exported for callers
    DEFAULT_RHYTHM as DEFAULT_RHYTHM,
    MAX_RHYTHM_DAYS as MAX_RHYTHM_DAYS,
    RHYTHM_SETTING as RHYTHM_SETTING,
    ContactState as ContactState,
    contact_states as contact_states,
    rhythms_from as rhythms_from,
)
from kam_tui.rules.coverage import QUARTERBACK_SETTING, quarterback_share_from
from kam_tui.services.rows import put_setting
from kam_tui.store import people
from kam_tui.store.reader import session_reader


def settings(session: Session) -> dict[str, str]:
    return {s.key: s.value for s in session.exec(select(Setting))}


def rhythms(session: Session) -> dict[Influence, int]:
    """Days between contacts per influence: the user's, else the defaults."""
    return rhythms_from(settings(session))


def quarterback_share(session: Session) -> Decimal:
    return quarterback_share_from(settings(session))


def parse_rhythm(value: Any, field: str, *, optional: bool = False) -> int | None:
    """Days between contacts as typed: '30', '30d', '6w' or '2m' (a month is 30 days)."""
    text = str(value if value is not None else "").strip().casefold().replace(" ", "")
    for word, unit in (("days", "d"), ("day", "d"), ("weeks", "w"), ("week", "w"), ("months", "m"), ("month", "m")):
        text = text.removesuffix(word) + (unit if text.endswith(word) else "")
    if not text:
        if optional:
            return None
        raise ValidationError(field, "is required")
    factor = {"d": 1, "w": 7, "m": 30}.get(text[-1], 0)
    number = text[:-1] if factor else text
    if not number.isdigit():
        raise ValidationError(field, f"{value!s} is not a number of days; e.g. 30, 6w or 2m")
    days = int(number) * (factor or 1)
    if not 1 <= days <= MAX_RHYTHM_DAYS:
        raise ValidationError(field, f"{days} days is not between 1 and {MAX_RHYTHM_DAYS}")
    return days


def parse_share(value: Any) -> Decimal:
    text = str(value if value is not None else "").strip().rstrip("%").strip()
    try:
        percent = Decimal(text)
    except ArithmeticError:
        raise ValidationError("quarterback share", f"{value!s} is not a percentage; e.g. 50") from None
    if not percent.is_finite() or not 1 <= percent <= 100:
        raise ValidationError("quarterback share", f"{value!s} is not between 1 and 100")
    return percent


def set_rhythms(
    session: Session, *, high: Any = None, medium: Any = None, low: Any = None, quarterback_share: Any = None
) -> dict[Influence, int]:
    """Save the rhythm per influence (and the quarterback share, a percentage);
    a value left out stays as it is."""
    given = {Influence.HIGH: high, Influence.MEDIUM: medium, Influence.LOW: low}
    for influence, value in given.items():
        if value is None:
            continue
        days = parse_rhythm(value, influence.label.lower())
        put_setting(session, RHYTHM_SETTING[influence], str(days))
    if quarterback_share is not None:
        percent = parse_share(quarterback_share)
        put_setting(session, QUARTERBACK_SETTING, format(percent.normalize(), "f"))
    session.commit()
    return rhythms(session)


def account_contacts(
    session: Session, account_id: int, people_rows: list[Any] | None = None
) -> dict[int, ContactState]:
    """How fresh our contact with each of the account's people is, by person id."""
    reader = session_reader(session)
    everyone = people_rows if people_rows is not None else people.stakeholder_rows(reader, account_id)
    return contact_states(everyone, people.latest_contacts(reader, account_id), rhythms(session))


def due_people(session: Session, account_id: int, today: date | None = None) -> list[int]:
    """The ids of the account's people whose contact is due."""
    today = today or clock.today()
    return [pid for pid, state in account_contacts(session, account_id).items() if state.is_due(today)]
