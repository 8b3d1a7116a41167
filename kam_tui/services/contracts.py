"""Contracts: the framework agreements in force, as structured records - name,
start, end, notice period, value and currency, notes - so a renewal comes due
on Today inside its notice window and the export lists them with their dates.
The free-text "Framework agreements in force" section of our history stays
beside them, for what a contract's fields cannot say.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import Contract
from kam_tui.rules.contracts import (  # the rules, re-exported for callers
    MAX_NOTICE_MONTHS as MAX_NOTICE_MONTHS,
    RENEWAL_LEAD_DAYS as RENEWAL_LEAD_DAYS,
    describe_notice as describe_notice,
    is_renewal_due as is_renewal_due,
    notice_by as notice_by,
    sorted_contracts as sorted_contracts,
)
from kam_tui.services.accounts import get_account, touch
from kam_tui.services.dates import parse_date
from kam_tui.services.opportunities import clean_money
from kam_tui.text import clean_name

FIELDS = ("name", "starts_on", "ends_on", "notice_months", "value", "currency", "notes")


def _notice(value: Any) -> int | None:
    text = str(value if value is not None else "").strip().casefold()
    for word in ("months", "month", "mo", "m"):
        text = text.removesuffix(word).strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError("notice months", f"{value!s} is not a number of months; e.g. 3")
    months = int(text)
    if months > MAX_NOTICE_MONTHS:
        raise ValidationError("notice months", f"{months} months is more than {MAX_NOTICE_MONTHS}")
    return months


def _clean(contract: Contract, fields: dict[str, Any]) -> dict[str, Any]:
    """Every field checked before any is written: a bad one leaves the contract as it was."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError(sorted(unknown)[0].replace("_", " "), "is not a field of a contract")
    new: dict[str, Any] = {}
    if "name" in fields:
        new["name"] = clean_name(fields["name"], "name")
    if "starts_on" in fields:
        new["starts_on"] = parse_date(fields["starts_on"], "starts on")
    if "ends_on" in fields:
        new["ends_on"] = parse_date(fields["ends_on"], "ends on")
    if "notice_months" in fields:
        new["notice_months"] = _notice(fields["notice_months"])
    new.update(clean_money(fields))
    if "notes" in fields:
        new["notes"] = str(fields["notes"] or "").replace("\r\n", "\n").strip()
    starts, ends = new.get("starts_on", contract.starts_on), new.get("ends_on", contract.ends_on)
    if starts and ends and ends < starts:
        raise ValidationError("ends on", f"{ends.isoformat()} is before the start, {starts.isoformat()}")
    if new.get("value", contract.value) is not None and not new.get("currency", contract.currency):
        raise ValidationError("currency", "is needed with a value (an ISO code such as EUR or USD)")
    return new


def list_contracts(session: Session, account_id: int) -> list[Contract]:
    """The account's contracts, soonest to end first."""
    return sorted_contracts(session.exec(select(Contract).where(Contract.account_id == account_id)))


def get_contract(session: Session, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound(f"no contract with id {contract_id}")
    return contract


def add_contract(session: Session, account_id: int, name: str, **fields: Any) -> Contract:
    get_account(session, account_id)
    contract = Contract(account_id=account_id, name="")
    for key, value in _clean(contract, {"name": name, **fields}).items():
        setattr(contract, key, value)
    session.add(contract)
    touch(session, account_id)
    session.commit()
    return contract


def update_contract(session: Session, contract_id: int, **fields: Any) -> Contract:
    contract = get_contract(session, contract_id)
    for key, value in _clean(contract, fields).items():
        setattr(contract, key, value)
    session.add(contract)
    touch(session, contract.account_id)
    session.commit()
    return contract


def delete_contract(session: Session, contract_id: int) -> None:
    contract = get_contract(session, contract_id)
    account_id = contract.account_id
    session.delete(contract)
    touch(session, account_id)
    session.commit()
