"""Accounts: create, read, update, delete, and the tier history."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from kam_tui.countries import clean_country
from kam_tui.currencies import normalise_currency
from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import (
    PLAN_TABLES,
    Account,
    Cadence,
    Focus,
    PlanDepth,
    Stage,
    StageChange,
    Tier,
    TierChange,
    Vocab,
    utcnow,
)
from kam_tui.money import Money, MoneyError, parse_money
from kam_tui.services.dates import parse_date
from kam_tui.services.rows import stored_id
from kam_tui.services.vocab import parse_vocab
from kam_tui.text import clean_name, close_matches, cut_name, name_key

TEXT_FIELDS = ("industry", "country", "website", "why_key", "what_we_want", "owner", "notes")
VOCAB_FIELDS: dict[str, type[Vocab]] = {
    "tier": Tier,
    "focus": Focus,
    "stage": Stage,
    "depth": PlanDepth,
    "review_cadence": Cadence,
}
DATE_FIELDS = ("last_review", "next_plan_revision")


def _clean(field: str, value: Any) -> Any:
    """Check one account field and return the value to store."""
    if field == "name":
        return clean_name(value, "name")
    if field == "country":
        return clean_country(value)
    if field in TEXT_FIELDS:
        return (
            (value or "").strip() if field in ("why_key", "what_we_want", "notes") else " ".join((value or "").split())
        )
    if field == "crm_id":
        text = (value or "").strip()
        return text or None
    if field == "annual_revenue":
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return _parse_revenue(value).amount
        try:
            amount = Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            raise ValidationError("annual revenue", f"{value!r} is not an amount") from None
        if not amount.is_finite() or amount < 0:
            raise ValidationError("annual revenue", "must be zero or more")
        return amount
    if field == "currency":
        try:
            return normalise_currency(value)
        except ValueError as exc:
            raise ValidationError("currency", str(exc)) from None
    if field == "employees":
        if value is None or value == "":
            return None
        try:
            count = int(value)
        except (TypeError, ValueError):
            raise ValidationError("employees", f"{value!r} is not a whole number") from None
        if count < 0:
            raise ValidationError("employees", "must be zero or more")
        return count
    if field in VOCAB_FIELDS:
        return parse_vocab(VOCAB_FIELDS[field], value, field.replace("_", " "), optional=field == "focus")
    if field in DATE_FIELDS:
        return parse_date(value, field.replace("_", " "))
    raise ValidationError(field, "is not a field of an account")


def _parse_revenue(text: str) -> Money:
    try:
        money = parse_money(text)
    except MoneyError as exc:
        raise ValidationError("annual revenue", str(exc)) from None
    if money is None or money.amount < 0:
        raise ValidationError("annual revenue", "must be zero or more")
    return money


def _clean_all(fields: dict[str, Any]) -> dict[str, Any]:
    """Check every field; a currency typed with the revenue ('SEK 40 000 000')
    fills the currency unless one is given, and must agree with it if it is."""
    cleaned = {field: _clean(field, value) for field, value in fields.items()}
    revenue = fields.get("annual_revenue")
    if isinstance(revenue, str) and revenue.strip():
        typed = _parse_revenue(revenue).currency
        given = cleaned.get("currency")
        if typed and given and typed != given:
            raise ValidationError("currency", f"the revenue says {typed} but the currency says {given}")
        if typed:
            cleaned["currency"] = typed
    return cleaned


def _check_unique_name(session: Session, name: str, account_id: int | None) -> str:
    key = name_key(name)
    clash = session.exec(select(Account).where(Account.name_key == key)).first()
    if clash is not None and clash.id != account_id:
        raise ValidationError("name", f"an account called {clash.name!r} already exists")
    return key


def create_account(session: Session, name: str, **fields: Any) -> Account:
    values = {"name": _clean("name", name), **_clean_all(fields)}
    values["name_key"] = _check_unique_name(session, values["name"], None)
    account = Account(**values)
    session.add(account)
    session.flush()
    session.add(TierChange(account_id=stored_id(account), from_tier=None, to_tier=account.tier, reason="created"))
    session.commit()
    return account


def get_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(f"no account with id {account_id}")
    return account


def find_account(session: Session, name: str) -> Account:
    """The account called `name` (case-insensitively), or NotFound with close matches."""
    account = session.exec(select(Account).where(Account.name_key == name_key(name))).first()
    if account is not None:
        return account
    names = list(session.exec(select(Account.name).order_by(col(Account.id))))
    raise NotFound(f"no account called {name!r}", close_matches(name, names))


def list_accounts(session: Session) -> list[Account]:
    """Every account by name. Sorted here, not by the database: a server sorts
    text by its collation, and the list must read the same from any database."""
    return sorted(session.exec(select(Account)), key=lambda a: a.name_key)


def unknown_countries(session: Session) -> list[tuple[str, str]]:
    """(name, country) of the accounts whose country is text kam does not read
    as a country, by name: what the upgrade to country codes left as written."""
    from kam_tui.countries import english_names

    known = english_names()
    rows = session.exec(select(Account.name, Account.country).where(Account.country != ""))
    return sorted(((n, c) for n, c in rows if c not in known), key=lambda r: name_key(r[0]))


def account_names(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every account: what the export's file names are made from."""
    rows = session.exec(select(Account.id, Account.name).order_by(col(Account.id)))
    return [(i, n) for i, n in rows if i is not None]


def update_account(session: Session, account_id: int, **fields: Any) -> Account:
    """Change some fields of an account. A tier or stage change goes through
    set_tier / set_stage, so it is kept in the account's history."""
    account = get_account(session, account_id)
    reason = str(fields.pop("tier_reason", "") or "")
    cleaned = _clean_all(fields)
    if "tier" in cleaned:
        tier = cleaned.pop("tier")
        if tier != account.tier:
            set_tier(session, account_id, tier, reason=reason, commit=False)
    if "stage" in cleaned:
        stage = cleaned.pop("stage")
        if stage != account.stage:
            set_stage(session, account_id, stage, commit=False)
    if "name" in cleaned:
        account.name_key = _check_unique_name(session, cleaned["name"], account_id)
    for field, value in cleaned.items():
        setattr(account, field, value)
    account.updated_at = utcnow()
    session.add(account)
    session.commit()
    return account


def tier_reason_needed(session: Session, account_id: int, tier: Tier | str) -> str | None:
    """Why moving the account to `tier` needs a reason, or None when it does not.
    Demoting a key account is the hard direction; promoting one when the key
    list is already at its limit is how the list creeps. Either is worth a
    sentence the user can read again when the list is revisited."""
    from kam_tui.services.scoring import key_account_count, key_account_limit

    account = get_account(session, account_id)
    new = tier if isinstance(tier, Tier) else _clean("tier", tier)
    if new == account.tier:
        return None
    if account.tier.is_key and not new.is_key:
        return "demoting a key account needs a reason"
    if new.is_key and not account.tier.is_key:
        # the limit is the owner's: each KAM keeps a list of their own
        owner = account.owner
        limit, count = key_account_limit(session, owner), key_account_count(session, owner)
        if count >= limit:
            whose = f"{cut_name(owner, 60)}'s key list" if owner else "the key list"
            return f"{whose} is full ({count} of {limit}): promoting past the limit needs a reason"
    return None


def set_tier(session: Session, account_id: int, tier: Tier | str, reason: str = "", *, commit: bool = True) -> Account:
    """Move an account to another tier and keep the move in its history.
    Demoting a key account, and promoting one past the key-account limit,
    need a reason (see tier_reason_needed)."""
    account = get_account(session, account_id)
    new = tier if isinstance(tier, Tier) else _clean("tier", tier)
    if new == account.tier:
        return account
    reason = (reason or "").strip()
    if not reason and (why := tier_reason_needed(session, account_id, new)):
        raise ValidationError("reason", why)
    session.add(TierChange(account_id=stored_id(account), from_tier=account.tier, to_tier=new, reason=reason))
    account.tier = new
    account.updated_at = utcnow()
    session.add(account)
    if commit:
        session.commit()
    return account


def set_stage(session: Session, account_id: int, stage: Stage | str, note: str = "", *, commit: bool = True) -> Account:
    """Move an account to another of the five stages and keep the move in its
    stage history, with a note (e.g. what was still open in the stage)."""
    account = get_account(session, account_id)
    new = stage if isinstance(stage, Stage) else _clean("stage", stage)
    if new == account.stage:
        return account
    note = " ".join((note or "").split())
    session.add(StageChange(account_id=stored_id(account), from_stage=account.stage, to_stage=new, note=note))
    account.stage = new
    account.updated_at = utcnow()
    session.add(account)
    if commit:
        session.commit()
    return account


def stage_history(session: Session, account_id: int) -> list[StageChange]:
    return list(
        session.exec(
            select(StageChange)
            .where(StageChange.account_id == account_id)
            .order_by(col(StageChange.changed_at), col(StageChange.id))
        )
    )


def tier_history(session: Session, account_id: int) -> list[TierChange]:
    return list(
        session.exec(
            select(TierChange)
            .where(TierChange.account_id == account_id)
            .order_by(col(TierChange.changed_at), col(TierChange.id))
        )
    )


def plan_counts(session: Session, account_id: int) -> dict[str, int]:
    """What goes with an account when it is deleted, by table, non-zero only."""
    counts: dict[str, int] = {}
    for table in PLAN_TABLES:
        n = session.exec(select(func.count()).select_from(table).where(table.account_id == account_id)).one()
        if n:
            counts[str(table.__tablename__)] = n
    return counts


def delete_account(session: Session, account_id: int) -> None:
    """Delete an account and its whole plan (the database cascades)."""
    account = get_account(session, account_id)
    session.delete(account)
    session.commit()


def touch(session: Session, account_id: int) -> None:
    """Mark the account as changed now; plan services call it on every edit.
    Its version stays: a change to a person or a goal is not a change to the
    account's own fields, so nobody's account form is refused for it."""
    import sqlalchemy as sa

    now = utcnow()
    session.execute(
        sa.update(Account)
        .where(Account.id == account_id)  # type: ignore[arg-type]
        .values(updated_at=now, version=Account.version)
        .execution_options(synchronize_session=False)
    )
    loaded = session.identity_map.get(session.identity_key(Account, account_id))
    if loaded is not None:
        from sqlalchemy.orm.attributes import set_committed_value

        set_committed_value(loaded, "updated_at", now)
