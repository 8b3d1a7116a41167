"""Competitors in the account and possible partners, each with notes."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import PartyKind, ThirdParty
from kam_tui.rules.parties import sorted_parties
from kam_tui.services.accounts import get_account, touch
from kam_tui.text import clean_name, name_key


def _kind(value: PartyKind | str) -> PartyKind:
    if isinstance(value, PartyKind):
        return value
    try:
        return PartyKind.parse(str(value or ""))
    except ValueError as exc:
        raise ValidationError("kind", str(exc)) from None


def _notes(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _check_unique(session: Session, account_id: int, kind: PartyKind, name: str, party_id: int | None) -> None:
    key = name_key(name)
    for other in list_parties(session, account_id, kind):
        if other.id != party_id and name_key(other.name) == key:
            raise ValidationError("name", f"{other.name!r} is already a {kind.label.lower()} of this account")


def list_parties(session: Session, account_id: int, kind: PartyKind | str | None = None) -> list[ThirdParty]:
    """The account's competitors and/or partners, by name."""
    query = select(ThirdParty).where(ThirdParty.account_id == account_id)
    if kind is not None:
        query = query.where(ThirdParty.kind == _kind(kind))
    return sorted_parties(session.exec(query))


def get_party(session: Session, party_id: int) -> ThirdParty:
    party = session.get(ThirdParty, party_id)
    if party is None:
        raise NotFound(f"no competitor or partner with id {party_id}")
    return party


def add_party(session: Session, account_id: int, kind: PartyKind | str, name: str, notes: str = "") -> ThirdParty:
    get_account(session, account_id)
    kind = _kind(kind)
    name = clean_name(name, "name")
    _check_unique(session, account_id, kind, name, None)
    party = ThirdParty(account_id=account_id, kind=kind, name=name, notes=_notes(notes))
    session.add(party)
    touch(session, account_id)
    session.commit()
    return party


def update_party(session: Session, party_id: int, **fields: Any) -> ThirdParty:
    """Change name, notes or kind (a competitor can turn into a partner)."""
    party = get_party(session, party_id)
    unknown = set(fields) - {"name", "notes", "kind"}
    if unknown:
        raise ValidationError(sorted(unknown)[0], "is not a field of a competitor or partner")
    kind = _kind(fields["kind"]) if "kind" in fields else party.kind
    name = clean_name(fields["name"], "name") if "name" in fields else party.name
    _check_unique(session, party.account_id, kind, name, party.id)
    party.kind = kind
    party.name = name
    if "notes" in fields:
        party.notes = _notes(fields["notes"])
    session.add(party)
    touch(session, party.account_id)
    session.commit()
    return party


def delete_party(session: Session, party_id: int) -> None:
    party = get_party(session, party_id)
    account_id = party.account_id
    session.delete(party)
    touch(session, account_id)
    session.commit()
