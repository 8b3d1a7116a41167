"""Measuring and reviewing: KPIs per period, the review log, the meeting
structure, and when the next review and plan revision are due.

The method: KPIs beyond sales volume, an internal review on a cadence (weekly,
monthly or quarterly), the written plan revised at least twice a year, and a
meeting structure (internal, then strategic, tactical, operational with the
customer).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from kam_tui import clock
from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Account, Frequency, Kpi, KpiValue, Meeting, MeetingKind, Review
from kam_tui.rules.meetings import MeetingDue, last_held_by_level, meeting_dues as dues_of
from kam_tui.rules.reviews import (  # the rules, re-exported for callers
    BLOCKS as BLOCKS,
    MEETING_ORDER as MEETING_ORDER,
    PLAN_REVISION_DAYS as PLAN_REVISION_DAYS,
    Due as Due,
    Period as Period,
    fmt_number as fmt_number,
    latest_value as latest_value,
    met as met,
    next_review as next_review,
    parse_period as parse_period,
    period_sort_key as period_sort_key,
    plan_revision as plan_revision,
    sorted_meetings as sorted_meetings,
    sorted_values as sorted_values,
    sparkline as sparkline,
    suggested_plan_revision as suggested_plan_revision,
)
from kam_tui.services import accounts
from kam_tui.services.dates import parse_date
from kam_tui.services.rows import delete_with_children, stored_id
from kam_tui.services.vocab import parse_vocab as _vocab
from kam_tui.store import people
from kam_tui.store.reader import session_reader
from kam_tui.text import clean_name, name_key


def _amount(value: Any, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().replace(" ", "").replace("\u00a0", "").replace("_", "")
    if text.endswith("%"):
        text = text[:-1]
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValidationError(field, f"{value!s} is not a number") from None
    if not amount.is_finite():
        raise ValidationError(field, f"{value!s} is not a number")
    return amount


# --------------------------------------------------------------------------
# KPIs


def get_kpi(session: Session, kpi_id: int) -> Kpi:
    kpi = session.get(Kpi, kpi_id)
    if kpi is None:
        raise NotFound(f"no KPI with id {kpi_id}")
    return kpi


def list_kpis(session: Session, account_id: int) -> list[Kpi]:
    return list(session.exec(select(Kpi).where(Kpi.account_id == account_id).order_by(col(Kpi.position), col(Kpi.id))))


def _check_kpi_name(session: Session, account_id: int, name: str, kpi_id: int | None) -> None:
    for other in list_kpis(session, account_id):
        if other.id != kpi_id and name_key(other.name) == name_key(name):
            raise ValidationError("name", f"this account already has a KPI called {other.name!r}")


def add_kpi(session: Session, account_id: int, name: str, unit: str = "", higher_is_better: bool = True) -> Kpi:
    accounts.get_account(session, account_id)
    clean = clean_name(name, "name")
    _check_kpi_name(session, account_id, clean, None)
    last = session.exec(select(func.max(Kpi.position)).where(Kpi.account_id == account_id)).one()
    kpi = Kpi(
        account_id=account_id,
        name=clean,
        unit=" ".join(str(unit or "").split())[:40],
        higher_is_better=bool(higher_is_better),
        position=(last or 0) + 1,
    )
    session.add(kpi)
    accounts.touch(session, account_id)
    session.commit()
    return kpi


def update_kpi(session: Session, kpi_id: int, **fields: Any) -> Kpi:
    kpi = get_kpi(session, kpi_id)
    for name, value in fields.items():
        if name == "name":
            clean = clean_name(value, "name")
            _check_kpi_name(session, kpi.account_id, clean, kpi.id)
            kpi.name = clean
        elif name == "unit":
            kpi.unit = " ".join(str(value or "").split())[:40]
        elif name == "higher_is_better":
            kpi.higher_is_better = bool(value)
        else:
            raise ValidationError(name, "is not a field of a KPI")
    session.add(kpi)
    accounts.touch(session, kpi.account_id)
    session.commit()
    return kpi


def delete_kpi(session: Session, kpi_id: int) -> int:
    """Delete a KPI and its values; returns how many values went with it."""
    kpi = get_kpi(session, kpi_id)
    gone = delete_with_children(session, kpi, kpi_values(session, kpi_id))
    accounts.touch(session, kpi.account_id)
    session.commit()
    return gone


def kpi_values(session: Session, kpi_id: int) -> list[KpiValue]:
    return sorted_values(list(session.exec(select(KpiValue).where(KpiValue.kpi_id == kpi_id))))


def set_kpi_value(session: Session, kpi_id: int, period: Any, target: Any = None, actual: Any = None) -> KpiValue:
    """Record a KPI's target and actual for a period; the period's row is created or replaced."""
    kpi = get_kpi(session, kpi_id)
    label = parse_period(period).label
    t = _amount(target, "target")
    a = _amount(actual, "actual")
    if t is None and a is None:
        raise ValidationError("target", "give a target, an actual, or both")
    row = session.exec(select(KpiValue).where(KpiValue.kpi_id == kpi_id, KpiValue.period == label)).first()
    if row is None:
        row = KpiValue(kpi_id=kpi_id, period=label)
    row.target, row.actual = t, a
    session.add(row)
    accounts.touch(session, kpi.account_id)
    session.commit()
    return row


def update_kpi_value(session: Session, value_id: int, period: Any, target: Any = None, actual: Any = None) -> KpiValue:
    row = session.get(KpiValue, value_id)
    if row is None:
        raise NotFound(f"no KPI value with id {value_id}")
    label = parse_period(period).label
    clash = session.exec(select(KpiValue).where(KpiValue.kpi_id == row.kpi_id, KpiValue.period == label)).first()
    if clash is not None and clash.id != row.id:
        raise ValidationError("period", f"{label} already has a value; edit that one")
    t, a = _amount(target, "target"), _amount(actual, "actual")
    if t is None and a is None:
        raise ValidationError("target", "give a target, an actual, or both")
    row.period, row.target, row.actual = label, t, a
    session.add(row)
    accounts.touch(session, get_kpi(session, row.kpi_id).account_id)
    session.commit()
    return row


def delete_kpi_value(session: Session, value_id: int) -> None:
    row = session.get(KpiValue, value_id)
    if row is None:
        raise NotFound(f"no KPI value with id {value_id}")
    kpi = get_kpi(session, row.kpi_id)
    session.delete(row)
    accounts.touch(session, kpi.account_id)
    session.commit()


# --------------------------------------------------------------------------
# Reviews


def get_review(session: Session, review_id: int) -> Review:
    review = session.get(Review, review_id)
    if review is None:
        raise NotFound(f"no review with id {review_id}")
    return review


def list_reviews(session: Session, account_id: int) -> list[Review]:
    """Newest first: the log reads like a diary."""
    return list(
        session.exec(
            select(Review)
            .where(Review.account_id == account_id)
            .order_by(col(Review.held_on).desc(), col(Review.id).desc())
        )
    )


def _clean_review(fields: dict[str, Any], today: date | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "held_on":
            held = parse_date(value, "date")
            if held is None:
                raise ValidationError("date", "is required")
            if held > (today or clock.today()):
                raise ValidationError("date", f"{held.isoformat()} is in the future; log a review once it is held")
            out[name] = held
        elif name == "kind":
            out[name] = _vocab(MeetingKind, value, "kind", MeetingKind.INTERNAL)
        elif name in ("notes", "decisions"):
            out[name] = str(value or "").strip()
        else:
            raise ValidationError(name, "is not a field of a review")
    return out


def _sync_last_review(session: Session, account: Account) -> None:
    latest = session.exec(select(func.max(Review.held_on)).where(Review.account_id == account.id)).one()
    if latest is not None and (account.last_review is None or latest > account.last_review):
        account.last_review = latest
        session.add(account)


def add_review(
    session: Session,
    account_id: int,
    held_on: Any,
    kind: Any = None,
    notes: str = "",
    decisions: str = "",
    *,
    today: date | None = None,
) -> Review:
    """Log a held review; the account's last review moves forward when this one is newer."""
    account = accounts.get_account(session, account_id)
    values = _clean_review({"held_on": held_on, "kind": kind, "notes": notes, "decisions": decisions}, today)
    review = Review(account_id=account_id, **values)
    session.add(review)
    session.flush()
    _sync_last_review(session, account)
    accounts.touch(session, account_id)
    session.commit()
    return review


def update_review(session: Session, review_id: int, *, today: date | None = None, **fields: Any) -> Review:
    review = get_review(session, review_id)
    for name, value in _clean_review(fields, today).items():
        setattr(review, name, value)
    session.add(review)
    session.flush()
    _sync_last_review(session, accounts.get_account(session, review.account_id))
    accounts.touch(session, review.account_id)
    session.commit()
    return review


def delete_review(session: Session, review_id: int) -> None:
    """Delete a logged review. When it was the one that set the last review date,
    the date falls back to the newest review left (or stays, if none is left:
    the date may have been typed in by hand before the log existed)."""
    review = get_review(session, review_id)
    account = accounts.get_account(session, review.account_id)
    session.delete(review)
    session.flush()
    if account.last_review == review.held_on:
        latest = session.exec(select(func.max(Review.held_on)).where(Review.account_id == account.id)).one()
        if latest is not None:
            account.last_review = latest
            session.add(account)
    accounts.touch(session, stored_id(account))
    session.commit()


# --------------------------------------------------------------------------
# Meeting structure


def get_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting with id {meeting_id}")
    return meeting


def list_meetings(session: Session, account_id: int) -> list[Meeting]:
    return sorted_meetings(list(session.exec(select(Meeting).where(Meeting.account_id == account_id))))


def _clean_meeting(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "kind":
            out[name] = _vocab(MeetingKind, value, "kind")
        elif name == "frequency":
            out[name] = _vocab(Frequency, value, "frequency", Frequency.MONTHLY)
        elif name == "attendees":
            out[name] = ", ".join(p.strip() for p in str(value or "").replace("\n", ",").split(",") if p.strip())
        elif name == "agenda":
            out[name] = str(value or "").strip()
        else:
            raise ValidationError(name, "is not a field of a meeting")
    return out


def add_meeting(
    session: Session, account_id: int, kind: Any, frequency: Any = None, attendees: str = "", agenda: str = ""
) -> Meeting:
    accounts.get_account(session, account_id)
    values = _clean_meeting({"kind": kind, "frequency": frequency, "attendees": attendees, "agenda": agenda})
    meeting = Meeting(account_id=account_id, **values)
    session.add(meeting)
    accounts.touch(session, account_id)
    session.commit()
    return meeting


def update_meeting(session: Session, meeting_id: int, **fields: Any) -> Meeting:
    meeting = get_meeting(session, meeting_id)
    for name, value in _clean_meeting(fields).items():
        setattr(meeting, name, value)
    session.add(meeting)
    accounts.touch(session, meeting.account_id)
    session.commit()
    return meeting


def meeting_dues(session: Session, account_id: int) -> list[MeetingDue]:
    """The meeting structure with when each meeting last met (a contact logged
    at its level, or a review of its kind) and is next due."""
    held = last_held_by_level(
        people.interaction_rows(session_reader(session), account_id), list_reviews(session, account_id)
    )
    return dues_of(list_meetings(session, account_id), held)


def delete_meeting(session: Session, meeting_id: int) -> None:
    meeting = get_meeting(session, meeting_id)
    session.delete(meeting)
    accounts.touch(session, meeting.account_id)
    session.commit()
