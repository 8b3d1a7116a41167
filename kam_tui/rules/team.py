"""Our team's coverage of the six roles, and the executive sponsor."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kam_tui.rules.rows import Row
from kam_tui.vocabulary import TeamRole


@dataclass
class RoleCover:
    role: TeamRole
    members: list[Row] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.members)


@dataclass
class RoleCoverage:
    roles: list[RoleCover]
    sponsor: Row | None

    @property
    def missing(self) -> list[TeamRole]:
        return [rc.role for rc in self.roles if not rc.covered]

    @property
    def missing_growth(self) -> list[TeamRole]:
        return [r for r in self.missing if r.is_growth_role]

    @property
    def covered_count(self) -> int:
        return sum(1 for rc in self.roles if rc.covered)


def sponsor_of(members: Iterable[Row]) -> Row | None:
    """The executive sponsor among rows read together: the first member so
    marked (services/team.executive_sponsor asks the database the same)."""
    return min((m for m in members if m.is_executive_sponsor), key=lambda m: m.id, default=None)


def roles_by_member_of(members: Iterable[Row], role_rows: Iterable[Row]) -> dict[int, set[TeamRole]]:
    """Every member's roles from (member_id, role) pairs; members with none map to an empty set."""
    out: dict[int, set[TeamRole]] = {m.id: set() for m in members}
    for member_id, role in role_rows:
        out.setdefault(member_id, set()).add(role)
    return out


_AMONG_MEMBERS = object()


def role_coverage_of(
    members: Iterable[Row], by_member: dict[int, set[TeamRole]], sponsor: Row = _AMONG_MEMBERS
) -> RoleCoverage:
    """Who holds each of the six roles, in the method's order. `sponsor`
    defaults to the one marked among `members`."""
    by_id = {m.id: m for m in members}
    roles = []
    for role in TeamRole:
        holders = [by_id[mid] for mid, held in by_member.items() if role in held and mid in by_id]
        holders.sort(key=lambda m: (m.name.casefold(), m.id))
        roles.append(RoleCover(role, holders))
    return RoleCoverage(roles, sponsor_of(members) if sponsor is _AMONG_MEMBERS else sponsor)
