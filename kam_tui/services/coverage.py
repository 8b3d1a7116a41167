"""Coverage: who on our team covers each customer stakeholder, and the warnings
the method calls out - "find the relationships to build, and anyone who could
derail the plan". Only high-influence people raise a warning: they are the ones
whose view decides the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from kam_tui.models import Stakeholder, TeamMember
from kam_tui.rules.coverage import (  # the rules, re-exported for callers
    CONTACT_MARK as CONTACT_MARK,
    DERAIL as DERAIL,
    KIND_LABEL as KIND_LABEL,
    UNCOVERED as UNCOVERED,
    WEAK_CONTACT as WEAK_CONTACT,
    CoverageWarning as CoverageWarning,
    contact_legend as contact_legend,
    covered_by_member_of as covered_by_member_of,
    person_warnings as person_warnings,
    warnings_of as warnings_of,
)
from kam_tui.services import stakeholders as stakeholder_service, team as team_service


def warnings(session: Session, account_id: int) -> list[CoverageWarning]:
    """Every warning for the account, most serious first, then by name."""
    return warnings_of(stakeholder_service.list_stakeholders(session, account_id))


@dataclass(frozen=True)
class CoverageRow:
    person: Stakeholder
    covered_by: TeamMember | None
    warnings: tuple[CoverageWarning, ...]


def coverage_rows(session: Session, account_id: int) -> list[CoverageRow]:
    """Each stakeholder with the team member who covers them, most influential first."""
    members = {m.id: m for m in team_service.list_members(session, account_id)}
    rows = []
    for person in stakeholder_service.list_stakeholders(session, account_id):
        member = members.get(person.covered_by_id)
        rows.append(CoverageRow(person, member, tuple(person_warnings(person))))
    return rows


def covered_by_member(session: Session, account_id: int) -> dict[int, list[Stakeholder]]:
    """The other way round: whom each team member covers (the KAM as quarterback)."""
    return covered_by_member_of(
        team_service.list_members(session, account_id), stakeholder_service.list_stakeholders(session, account_id)
    )
