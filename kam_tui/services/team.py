"""Our side of the account: the team members, the six roles they hold, and the
executive sponsor.

The method: six roles should be covered (one person often holds several); most
teams cover Technical Expert, Relationship Leader and Collaborator, while growth
needs Project Manager, Innovator and Result Driver too. Name one executive
sponsor per account.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import StakeholderCover, TeamMember, TeamMemberRole, TeamRole
from kam_tui.rules.team import (  # the rules, re-exported for callers
    RoleCover as RoleCover,
    RoleCoverage as RoleCoverage,
    role_coverage_of as role_coverage_of,
    roles_by_member_of as roles_by_member_of,
    sponsor_of as sponsor_of,
)
from kam_tui.services import accounts
from kam_tui.services.rows import stored_id
from kam_tui.services.stakeholders import person_covers, replace_covers
from kam_tui.text import clean_name, close_matches, name_key


def _clean(field_name: str, value: Any) -> str:
    if field_name == "name":
        return clean_name(value, "name")
    if field_name == "title":
        return " ".join((value or "").split())
    if field_name == "notes":
        return (value or "").strip()
    raise ValidationError(field_name, "is not a field of a team member")


def parse_role(value: TeamRole | str) -> TeamRole:
    if isinstance(value, TeamRole):
        return value
    try:
        return TeamRole.parse(str(value))
    except ValueError as exc:
        raise ValidationError("role", str(exc)) from None


def create_member(
    session: Session,
    account_id: int,
    name: str,
    *,
    roles: Iterable[TeamRole | str] = (),
    is_executive_sponsor: bool = False,
    **fields: Any,
) -> TeamMember:
    accounts.get_account(session, account_id)
    values: dict[str, Any] = {"name": _clean("name", name)}
    for key, value in fields.items():
        values[key] = _clean(key, value)
    parsed_roles = {parse_role(r) for r in roles}
    member = TeamMember(account_id=account_id, **values)
    session.add(member)
    session.flush()
    for role in parsed_roles:
        session.add(TeamMemberRole(member_id=stored_id(member), role=role))
    if is_executive_sponsor:
        _make_sponsor(session, member)
    accounts.touch(session, account_id)
    session.commit()
    return member


def get_member(session: Session, member_id: int) -> TeamMember:
    member = session.get(TeamMember, member_id)
    if member is None:
        raise NotFound(f"no team member with id {member_id}")
    return member


def list_members(session: Session, account_id: int) -> list[TeamMember]:
    """The account's team by name (sorted here: a server sorts text by its collation)."""
    members = session.exec(select(TeamMember).where(TeamMember.account_id == account_id))
    return sorted(members, key=lambda m: (m.name, m.id))


def find_member(session: Session, account_id: int, name: str) -> TeamMember:
    """The account's team member called `name` (any case), or NotFound naming close matches."""
    members = list_members(session, account_id)
    key = name_key(name)
    found = [m for m in members if name_key(m.name) == key]
    if found:
        return found[0]
    raise NotFound(f"nobody called {name!r} on this account's team", close_matches(name, [m.name for m in members]))


def update_member(session: Session, member_id: int, **fields: Any) -> TeamMember:
    member = get_member(session, member_id)
    cleaned = {key: _clean(key, value) for key, value in fields.items()}
    for key, value in cleaned.items():
        setattr(member, key, value)
    session.add(member)
    accounts.touch(session, member.account_id)
    session.commit()
    return member


def covered_count(session: Session, member_id: int) -> int:
    """How many people the member covers, as primary or not."""
    return len(
        list(session.exec(select(StakeholderCover.stakeholder_id).where(StakeholderCover.member_id == member_id)))
    )


def delete_member(session: Session, member_id: int) -> None:
    """Delete a member; the stakeholders they covered lose them as a cover
    (someone they shared a person with becomes that person's primary)."""
    shared = [
        row.stakeholder_id
        for row in session.exec(select(StakeholderCover).where(StakeholderCover.member_id == member_id))
    ]
    for person_id in shared:
        rest = [m for m in person_covers(session, person_id) if m != member_id]
        replace_covers(session, person_id, rest)
    member = get_member(session, member_id)
    account_id = member.account_id
    session.delete(member)
    accounts.touch(session, account_id)
    session.commit()


# ---------------------------------------------------------------- roles


def member_roles(session: Session, member_id: int) -> set[TeamRole]:
    return {TeamRole(r) for r in session.exec(select(TeamMemberRole.role).where(TeamMemberRole.member_id == member_id))}


def roles_by_member(session: Session, account_id: int) -> dict[int, set[TeamRole]]:
    """Every member's roles in one query (members with none map to an empty set)."""
    rows = session.exec(
        select(TeamMemberRole.member_id, TeamMemberRole.role)
        .join(TeamMember, col(TeamMember.id) == col(TeamMemberRole.member_id))
        .where(TeamMember.account_id == account_id)
    )
    return roles_by_member_of(list_members(session, account_id), rows)


def set_roles(session: Session, member_id: int, roles: Iterable[TeamRole | str]) -> set[TeamRole]:
    """Replace a member's roles with `roles`."""
    member = get_member(session, member_id)
    wanted = {parse_role(r) for r in roles}
    current = {
        row.role: row for row in session.exec(select(TeamMemberRole).where(TeamMemberRole.member_id == member_id))
    }
    for role, row in current.items():
        if role not in wanted:
            session.delete(row)
    for role in wanted - set(current):
        session.add(TeamMemberRole(member_id=member_id, role=role))
    accounts.touch(session, member.account_id)
    session.commit()
    return wanted


def toggle_role(session: Session, member_id: int, role: TeamRole | str) -> bool:
    """Give the member the role, or take it away; returns whether they hold it now."""
    role = parse_role(role)
    roles = member_roles(session, member_id)
    roles ^= {role}
    set_roles(session, member_id, roles)
    return role in roles


# ---------------------------------------------------------------- executive sponsor


def _make_sponsor(session: Session, member: TeamMember) -> None:
    for other in session.exec(
        select(TeamMember).where(TeamMember.account_id == member.account_id, TeamMember.is_executive_sponsor)
    ):
        if other.id != member.id:
            other.is_executive_sponsor = False
            session.add(other)
    member.is_executive_sponsor = True
    session.add(member)


def set_executive_sponsor(session: Session, member_id: int) -> TeamMember:
    """Name this member the account's executive sponsor; any other sponsor of the
    same account stops being one (there is one per account, or none)."""
    member = get_member(session, member_id)
    _make_sponsor(session, member)
    accounts.touch(session, member.account_id)
    session.commit()
    return member


def clear_executive_sponsor(session: Session, account_id: int) -> None:
    for member in session.exec(
        select(TeamMember).where(TeamMember.account_id == account_id, TeamMember.is_executive_sponsor)
    ):
        member.is_executive_sponsor = False
        session.add(member)
    accounts.touch(session, account_id)
    session.commit()


def executive_sponsor(session: Session, account_id: int) -> TeamMember | None:
    return session.exec(
        select(TeamMember)
        .where(TeamMember.account_id == account_id, TeamMember.is_executive_sponsor)
        .order_by(col(TeamMember.id))
    ).first()


# ---------------------------------------------------------------- role coverage


def role_coverage(session: Session, account_id: int) -> RoleCoverage:
    """Who holds each of the six roles, in the method's order."""
    return role_coverage_of(
        list_members(session, account_id), roles_by_member(session, account_id), executive_sponsor(session, account_id)
    )
