"""## Account team: our members and their roles, which of the six roles are
covered, and the executive sponsor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam_tui.export.markdown import bullet_list, inline, table
from kam_tui.rules import coverage, team
from kam_tui.rules.rows import Row
from kam_tui.rules.stakeholders import sorted_people
from kam_tui.vocabulary import TeamRole

if TYPE_CHECKING:
    from kam_tui.export.snapshot import Plan

_ROLES = tuple(TeamRole)  # in the method's order


def _covers_text(member_id: int, people: list[Row], cover: dict[int, list[int]]) -> str:
    """Whom a member covers: first those they are the primary for, then 'also: ...'."""
    primary = [p.name for p in people if cover.get(p.id, [None])[0] == member_id]
    also = [p.name for p in people if cover.get(p.id, [None])[0] != member_id]
    text = ", ".join(primary)
    if also:
        text += ("; " if text else "") + "also: " + ", ".join(also)
    return text


def render(plan: Plan) -> str | None:
    members = plan.members
    if not members:
        return None
    roles = team.roles_by_member_of(members, ((mid, r) for mid, held in plan.roles_by_member.items() for r in held))
    cover = plan.covers
    covers = coverage.covered_by_member_of(members, sorted_people(plan.stakeholders), cover)
    rows = [
        [
            m.name + (" (executive sponsor)" if m.is_executive_sponsor else ""),
            m.title,
            ", ".join([r.label for r in _ROLES if r in roles.get(m.id, ())]),
            _covers_text(m.id, covers.get(m.id, []), cover),
            m.notes,
        ]
        for m in members
    ]
    parts = ["## Account team", table(["Member", "Title", "Roles", "Covers", "Notes"], rows)]

    cov = team.role_coverage_of(members, roles)
    lines = []
    for rc in cov.roles:
        growth = " (growth role)" if rc.role.is_growth_role else ""
        who = ", ".join(inline(m.name) for m in rc.members) if rc.members else "**missing**"
        lines.append(f"{inline(rc.role.label)}{growth}: {who}")
    parts += ["### Role coverage", f"{cov.covered_count} of {len(cov.roles)} roles covered.", bullet_list(lines)]
    if cov.missing_growth:
        parts.append(
            "Growth needs every role; missing growth roles: "
            + ", ".join(inline(r.label) for r in cov.missing_growth)
            + "."
        )
    sponsor = cov.sponsor
    parts.append(
        f"**Executive sponsor:** {inline(sponsor.name)}" + (f", {inline(sponsor.title)}" if sponsor.title else "")
        if sponsor
        else "**Executive sponsor:** none named"
    )
    return "\n\n".join(parts)
