"""Opportunities in the account: what is open, won and lost, and what it is worth.

Amounts are exact Decimals with an ISO currency code. Totals are kept per
currency: EUR and USD are never added together.

Amounts are read and shown by kam_tui/money.py, as everywhere else.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from kam_tui import clock
from kam_tui.currencies import normalise_currency
from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Opportunity, OpportunityStatus
from kam_tui.money import Money, MoneyError, parse_money
from kam_tui.rules.opportunities import (  # the rules, re-exported for callers
    Totals as Totals,
    format_amount as format_amount,
    is_overdue as is_overdue,
    sorted_opportunities as sorted_opportunities,
    totals_of as totals_of,
)
from kam_tui.services.accounts import get_account, touch
from kam_tui.services.dates import parse_date
from kam_tui.text import clean_name


def parse_money_value(value: Any, field_name: str = "value") -> Money | None:
    """An amount as typed ('250000', '€250.000,50', 'USD 1.2M'), exactly,
    with the currency it names if any; blank means none."""
    if value is None:
        return None
    money: Money | None
    if isinstance(value, (Decimal, int)):
        money = Money(Decimal(value), None)
    else:
        try:
            money = parse_money(str(value), field=field_name)
        except MoneyError as exc:
            raise ValidationError(field_name, str(exc)) from None
    if money is not None and (not money.amount.is_finite() or money.amount < 0):
        raise ValidationError(field_name, "must be zero or more")
    return money


def parse_amount(value: Any, field_name: str = "value") -> Decimal | None:
    money = parse_money_value(value, field_name)
    return None if money is None else money.amount


def _status(value: Any) -> OpportunityStatus:
    if isinstance(value, OpportunityStatus):
        return value
    try:
        return OpportunityStatus.parse(str(value or ""))
    except ValueError as exc:
        raise ValidationError("status", str(exc)) from None


def _currency(value: Any) -> str | None:
    try:
        return normalise_currency(value)
    except ValueError as exc:
        raise ValidationError("currency", str(exc)) from None


FIELDS = ("name", "value", "currency", "status", "expected_close", "closed_on", "notes")


def clean_money(fields: dict[str, Any]) -> dict[str, Any]:
    """The "value" and "currency" of `fields`, as given, checked: a currency typed
    with the value ("250000 EUR") fills the currency field, or must agree with it."""
    new: dict[str, Any] = {}
    if "currency" in fields:
        new["currency"] = _currency(fields["currency"])
    if "value" in fields:
        money = parse_money_value(fields["value"], "value")
        new["value"] = money.amount if money else None
        if money and money.currency:
            if new.get("currency") and new["currency"] != money.currency:
                raise ValidationError(
                    "currency", f"the value says {money.currency} but the currency says {new['currency']}"
                )
            new["currency"] = money.currency
    return new


def _apply(opp: Opportunity, fields: dict[str, Any], today: date) -> None:
    """Check every field first, then write; a bad field leaves `opp` as it was."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0].replace("_", " "), "is not a field of an opportunity")
    new: dict[str, Any] = {}
    if "name" in fields:
        new["name"] = clean_name(fields["name"], "name")
    new.update(clean_money(fields))
    if "expected_close" in fields:
        new["expected_close"] = parse_date(fields["expected_close"], "expected close", today=today)
    if "notes" in fields:
        new["notes"] = (fields["notes"] or "").replace("\r\n", "\n").strip()
    value = new.get("value", opp.value)
    currency = new.get("currency", opp.currency)
    if value is not None and not currency:
        raise ValidationError("currency", "is needed with a value (an ISO code such as EUR or USD)")
    status = _status(fields["status"]) if "status" in fields else opp.status
    closed_given = "closed_on" in fields and fields["closed_on"] not in (None, "")
    closed_on = parse_date(fields["closed_on"], "closed on", today=today) if closed_given else None
    if status == OpportunityStatus.OPEN:
        if closed_given:
            raise ValidationError("closed on", "an open opportunity has no close date; mark it won or lost")
        new["closed_on"] = None
    elif closed_given:
        new["closed_on"] = closed_on
    elif "closed_on" in fields or status != opp.status or opp.closed_on is None:
        # won or lost just now (or the date was cleared): it closed today
        new["closed_on"] = today
    new["status"] = status
    for key, val in new.items():
        setattr(opp, key, val)


def list_opportunities(
    session: Session, account_id: int, status: OpportunityStatus | str | None = None
) -> list[Opportunity]:
    """Open ones first by expected close (undated last), then closed ones, newest first."""
    query = select(Opportunity).where(Opportunity.account_id == account_id)
    if status:
        query = query.where(Opportunity.status == _status(status))
    return sorted_opportunities(session.exec(query))


def get_opportunity(session: Session, opportunity_id: int) -> Opportunity:
    opp = session.get(Opportunity, opportunity_id)
    if opp is None:
        raise NotFound(f"no opportunity with id {opportunity_id}")
    return opp


def add_opportunity(
    session: Session, account_id: int, name: str, *, today: date | None = None, **fields: Any
) -> Opportunity:
    get_account(session, account_id)
    opp = Opportunity(account_id=account_id, name="")
    _apply(opp, {"name": name, **fields}, today or clock.today())
    session.add(opp)
    touch(session, account_id)
    session.commit()
    return opp


def update_opportunity(
    session: Session, opportunity_id: int, *, today: date | None = None, **fields: Any
) -> Opportunity:
    opp = get_opportunity(session, opportunity_id)
    # check on a copy so a refused edit leaves the loaded object untouched
    draft = Opportunity(**opp.model_dump())
    _apply(draft, fields, today or clock.today())
    for key in FIELDS:
        setattr(opp, key, getattr(draft, key))
    session.add(opp)
    touch(session, opp.account_id)
    session.commit()
    return opp


def set_status(
    session: Session,
    opportunity_id: int,
    status: OpportunityStatus | str,
    closed_on: Any = None,
    *,
    today: date | None = None,
) -> Opportunity:
    """Mark won or lost (closed today unless a date is given), or reopen (clears the date)."""
    fields: dict[str, Any] = {"status": status}
    if closed_on not in (None, ""):
        fields["closed_on"] = closed_on
    return update_opportunity(session, opportunity_id, today=today, **fields)


def delete_opportunity(session: Session, opportunity_id: int) -> None:
    opp = get_opportunity(session, opportunity_id)
    account_id = opp.account_id
    session.delete(opp)
    touch(session, account_id)
    session.commit()


def totals(session: Session, account_id: int, *, today: date | None = None) -> Totals:
    return totals_of(list_opportunities(session, account_id), today)
