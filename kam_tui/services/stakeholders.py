"""The customer's people: who they are, their part in the buying decision, how
much they can sway it, how friendly they are, how well we know them, who on our
team covers them, and whom they report to.

The method: record every stakeholder, and find the relationships to build and
anyone who could derail the plan (see services/coverage.py for the warnings).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from kam_tui import clock
from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import (
    Attitude,
    BuyingRole,
    ContactStrength,
    Influence,
    RelationshipChange,
    Stakeholder,
    StakeholderCover,
    TeamMember,
    TrackedField,
    Vocab,
)
from kam_tui.rules.relationship_changes import RelationshipMove, moves_since as relationship_moves
from kam_tui.services import accounts
from kam_tui.services.contacts import parse_rhythm
from kam_tui.services.dates import parse_date
from kam_tui.services.rows import stored_id
from kam_tui.services.vocab import parse_vocab
from kam_tui.store import people
from kam_tui.store.plans import StakeholderRow as StakeholderRow
from kam_tui.store.reader import session_reader
from kam_tui.text import clean_name, close_matches, fold_accents, name_key

TEXT_FIELDS = ("title", "department", "email", "phone", "notes")
VOCAB_FIELDS: dict[str, type[Vocab]] = {
    "buying_role": BuyingRole,
    "influence": Influence,
    "attitude": Attitude,
    "contact_strength": ContactStrength,
}
OPTIONAL_VOCAB = ("buying_role",)
# who covers a person: kept beside the person, in the stakeholder_cover table
COVER_FIELDS = ("covered_by_id", "also_covered_by")
# the primary cover by name, as the form's person picker gives it: read as covered_by_id
BY_NAME = {"covered_by": "covered_by_id"}

# The map's axes, in the order they are drawn: influence top-down, attitude left to right.
from kam_tui.rules.stakeholders import (  # noqa: E402  re-exported beside the field tables above
    ATTITUDE_ORDER as ATTITUDE_ORDER,
    INFLUENCE_ORDER as INFLUENCE_ORDER,
    grid_of as grid_of,
    sorted_people as sorted_people,
)


def _label(field_name: str) -> str:
    return field_name.removesuffix("_id").replace("_", " ")


def _as_id(field_name: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError(_label(field_name), f"{value!r} is not an id") from None


def _clean(session: Session, account_id: int, stakeholder_id: int | None, field_name: str, value: Any) -> Any:
    if field_name == "name":
        return clean_name(value, "name")
    if field_name == "notes":
        return (value or "").strip()
    if field_name in TEXT_FIELDS:
        return " ".join((value or "").split())
    if field_name in VOCAB_FIELDS:
        return parse_vocab(VOCAB_FIELDS[field_name], value, _label(field_name), optional=field_name in OPTIONAL_VOCAB)
    if field_name == "covered_by":
        return _member_named(session, account_id, value)
    if field_name == "covered_by_id":
        member_id = _as_id(field_name, value)
        return None if member_id is None else _check_member(session, account_id, member_id, "covered by")
    if field_name == "also_covered_by":
        values = [] if value is None or value == "" else [value] if isinstance(value, (int, str)) else list(value)
        ids = [_as_id("also covered by", v) for v in values]
        return [_check_member(session, account_id, m, "also covered by") for m in ids if m is not None]
    if field_name == "contact_rhythm_days":
        return parse_rhythm(value, "contact rhythm", optional=True)
    if field_name == "reports_to_id":
        manager_id = _as_id(field_name, value)
        if manager_id is None:
            return None
        _check_manager(session, account_id, stakeholder_id, manager_id)
        return manager_id
    if field_name == "last_contact":
        return parse_date(value, "last contact")
    raise ValidationError(field_name, "is not a field of a stakeholder")


def _member_named(session: Session, account_id: int, value: Any) -> int | None:
    """The team member called `value` (case and accents ignored); a colleague
    not on the account's team yet joins it, as the one who covers this person
    (their roles are set on Team). Blank: nobody."""
    typed = " ".join(str(value or "").split())
    if not typed:
        return None
    name = clean_name(typed, "covered by")
    team = session.exec(select(TeamMember).where(TeamMember.account_id == account_id))
    found = next((m for m in team if fold_accents(m.name) == fold_accents(name)), None)
    if found is None:
        found = TeamMember(account_id=account_id, name=name)
        session.add(found)
        session.flush()
    return stored_id(found)


def _check_member(session: Session, account_id: int, member_id: int, field: str) -> int:
    member = session.get(TeamMember, member_id)
    if member is None or member.account_id != account_id:
        raise ValidationError(field, "must be a member of this account's team")
    return member_id


def person_covers(session: Session, stakeholder_id: int) -> list[int]:
    """Who covers the person: member ids, the primary first."""
    rows = session.exec(select(StakeholderCover).where(StakeholderCover.stakeholder_id == stakeholder_id))
    pairs = sorted((not r.is_primary, r.member_id) for r in rows)
    return [member_id for _, member_id in pairs]


def replace_covers(session: Session, stakeholder_id: int, wanted: list[int]) -> None:
    """Make `wanted` (member ids, the primary first) the person's covers; the caller commits."""
    current = {
        row.member_id: row
        for row in session.exec(select(StakeholderCover).where(StakeholderCover.stakeholder_id == stakeholder_id))
    }
    for member_id, row in current.items():
        if member_id not in wanted:
            session.delete(row)
    for n, member_id in enumerate(wanted):
        row = current.get(member_id) or StakeholderCover(stakeholder_id=stakeholder_id, member_id=member_id)
        row.is_primary = n == 0
        session.add(row)


def _covers_wanted(now: list[int], cleaned: dict[str, Any]) -> list[int] | None:
    """The covers an edit asks for (None: it does not touch them). A primary
    given alone keeps everyone else (the old primary among them); the others
    given alone keep the primary."""
    if not any(f in cleaned for f in COVER_FIELDS):
        return None
    primary = cleaned.pop("covered_by_id", now[0] if now else None)
    others: Iterable[int] = cleaned.pop("also_covered_by", [m for m in now if m != primary])
    wanted = [] if primary is None else [primary]
    wanted += [m for m in others if m not in wanted]
    return wanted


def _record_changes(session: Session, person: Stakeholder, cleaned: dict[str, Any], today: date | None) -> None:
    """Keep each change of influence, attitude or contact strength with its day."""
    for tracked in TrackedField:
        new = cleaned.get(tracked.value)
        old = getattr(person, tracked.value)
        if new is not None and new != old and person.id is not None:
            session.add(
                RelationshipChange(
                    stakeholder_id=person.id,
                    field=tracked,
                    old_value=old.value,
                    new_value=new.value,
                    changed_on=today or clock.today(),
                )
            )


def _check_manager(session: Session, account_id: int, stakeholder_id: int | None, manager_id: int) -> None:
    manager = session.get(Stakeholder, manager_id)
    if manager is None or manager.account_id != account_id:
        raise ValidationError("reports to", "must be a stakeholder of this account")
    if stakeholder_id is None:
        return  # a new person has no reports yet, so no cycle is possible
    if manager_id == stakeholder_id:
        raise ValidationError("reports to", "a person cannot report to themselves")
    # walk up from the proposed manager: meeting this person again means a loop
    seen = set()
    node: Stakeholder | None = manager
    while node is not None and node.id not in seen:
        if node.id == stakeholder_id:
            raise ValidationError(
                "reports to",
                f"{manager.name} already reports (directly or not) to this person; that would make a loop",
            )
        seen.add(node.id)
        node = session.get(Stakeholder, node.reports_to_id) if node.reports_to_id else None


def create_stakeholder(session: Session, account_id: int, name: str, **fields: Any) -> Stakeholder:
    accounts.get_account(session, account_id)
    values = {"name": _clean(session, account_id, None, "name", name)}
    for key, value in fields.items():
        values[BY_NAME.get(key, key)] = _clean(session, account_id, None, key, value)
    wanted = _covers_wanted([], values)
    person = Stakeholder(account_id=account_id, **values)
    session.add(person)
    session.flush()
    if wanted:
        replace_covers(session, stored_id(person), wanted)
    accounts.touch(session, account_id)
    session.commit()
    return person


def get_stakeholder(session: Session, stakeholder_id: int) -> Stakeholder:
    person = session.get(Stakeholder, stakeholder_id)
    if person is None:
        raise NotFound(f"no stakeholder with id {stakeholder_id}")
    return person


def find_stakeholder(session: Session, account_id: int, name: str) -> Stakeholder:
    """The account's person called `name` (case and accents as typed do not
    matter), or NotFound naming close matches. Two people of one name: the
    first added, as a script cannot choose."""
    people_here = list(session.exec(select(Stakeholder).where(Stakeholder.account_id == account_id)))
    key = name_key(name)
    found = sorted((p for p in people_here if name_key(p.name) == key), key=stored_id)
    if found:
        return found[0]
    raise NotFound(f"no stakeholder called {name!r}", close_matches(name, [p.name for p in people_here]))


def list_stakeholders(session: Session, account_id: int) -> list[Stakeholder]:
    return sorted_people(session.exec(select(Stakeholder).where(Stakeholder.account_id == account_id)))


def update_stakeholder(
    session: Session, stakeholder_id: int, *, today: date | None = None, **fields: Any
) -> Stakeholder:
    """Change some of a person's fields; a change of influence, attitude or
    contact strength is kept with its day (how the relationship moved)."""
    person = get_stakeholder(session, stakeholder_id)
    cleaned = {
        BY_NAME.get(key, key): _clean(session, person.account_id, person.id, key, value)
        for key, value in fields.items()
    }
    wanted = _covers_wanted(person_covers(session, stakeholder_id), cleaned)
    if wanted is not None:
        replace_covers(session, stakeholder_id, wanted)
    _record_changes(session, person, cleaned, today)
    for key, value in cleaned.items():
        setattr(person, key, value)
    session.add(person)
    accounts.touch(session, person.account_id)
    session.commit()
    return person


def direct_reports(session: Session, stakeholder_id: int) -> list[Stakeholder]:
    return list(session.exec(select(Stakeholder).where(Stakeholder.reports_to_id == stakeholder_id)))


def delete_stakeholder(session: Session, stakeholder_id: int) -> None:
    """Delete a person; anyone who reported to them is left without a manager."""
    person = get_stakeholder(session, stakeholder_id)
    account_id = person.account_id
    for report in direct_reports(session, stakeholder_id):
        report.reports_to_id = None
        session.add(report)
    session.delete(person)
    accounts.touch(session, account_id)
    session.commit()


def move(
    session: Session, stakeholder_id: int, d_influence: int, d_attitude: int, *, today: date | None = None
) -> Stakeholder:
    """Move a person on the map. +influence goes up (towards High), +attitude goes
    right (towards Blocker); a move past the edge stays at the edge. The move is
    kept with its day, as an edit's is."""
    person = get_stakeholder(session, stakeholder_id)
    i = INFLUENCE_ORDER.index(person.influence) + d_influence
    a = ATTITUDE_ORDER.index(person.attitude) + d_attitude
    influence = INFLUENCE_ORDER[max(0, min(len(INFLUENCE_ORDER) - 1, i))]
    attitude = ATTITUDE_ORDER[max(0, min(len(ATTITUDE_ORDER) - 1, a))]
    if (influence, attitude) != (person.influence, person.attitude):
        _record_changes(session, person, {"influence": influence, "attitude": attitude}, today)
        person.influence = influence
        person.attitude = attitude
        session.add(person)
        accounts.touch(session, person.account_id)
        session.commit()
    return person


# ---------------------------------------------------------------- org chart


def org_forest(session: Session, account_id: int) -> tuple[list[Stakeholder], dict[int, list[Stakeholder]]]:
    """The org chart from "reports to": the roots (no manager in this account)
    and each person's direct reports, each list sorted by name."""
    people = list_stakeholders(session, account_id)
    by_id = {stored_id(p): p for p in people}
    children: dict[int, list[Stakeholder]] = {stored_id(p): [] for p in people}
    roots = []
    for p in people:
        if p.reports_to_id is not None and p.reports_to_id in by_id and p.reports_to_id != p.id:
            children[p.reports_to_id].append(p)
        else:
            roots.append(p)
    key = lambda p: (p.name.casefold(), p.id)  # noqa: E731
    roots.sort(key=key)
    for kids in children.values():
        kids.sort(key=key)
    return roots, children


def grid(session: Session, account_id: int) -> dict[tuple[Influence, Attitude], list[Stakeholder]]:
    """People by map cell, every cell present, names sorted within a cell."""
    return grid_of(list_stakeholders(session, account_id))


def stakeholder_rows(session: Session, account_id: int) -> list[StakeholderRow]:
    """The people of list_stakeholders, in its order, read with one plain query
    (kam_tui/store/people.py): several times cheaper than loading the models."""
    return sorted_people(people.stakeholder_rows(session_reader(session), account_id))


def member_names(session: Session, account_id: int) -> dict[int, str]:
    """Our team members' names by id: who can cover a stakeholder."""
    return people.member_names(session_reader(session), account_id)


def moves_since(session: Session, account_id: int, since: date | None) -> list[RelationshipMove]:
    """How the account's relationships moved on or after `since` (all of it when None), oldest first."""
    reader = session_reader(session)
    names = {p.id: p.name for p in people.stakeholder_rows(reader, account_id)}
    return relationship_moves(people.change_rows(reader, account_id), names, since)


def changes(session: Session, stakeholder_id: int) -> list[RelationshipChange]:
    """How one person's influence, attitude and contact strength moved, oldest first."""
    return list(
        session.exec(
            select(RelationshipChange)
            .where(RelationshipChange.stakeholder_id == stakeholder_id)
            .order_by(col(RelationshipChange.changed_on), col(RelationshipChange.id))
        )
    )
