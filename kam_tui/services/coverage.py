"""Coverage: who on our team covers each customer stakeholder, and the warnings
the method calls out - "find the relationships to build, and anyone who could
derail the plan". Only high-influence people raise a warning: they are the ones
whose view decides the plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from kam_tui.models import Attitude, ContactStrength, Influence, Stakeholder, TeamMember
from kam_tui.services import stakeholders as stakeholder_service
from kam_tui.services import team as team_service

# How strong our contact is, as one mark; the map and the export share it.
CONTACT_MARK = {
    ContactStrength.NONE: "○",
    ContactStrength.OCCASIONAL: "◑",
    ContactStrength.REGULAR: "◕",
    ContactStrength.STRONG: "●",
}


def contact_legend() -> str:
    return "  ".join(f"{CONTACT_MARK[c]} {c.label}" for c in ContactStrength)


# Warning kinds, most serious first.
DERAIL = "derail"
UNCOVERED = "uncovered"
WEAK_CONTACT = "weak_contact"
KIND_LABEL = {DERAIL: "Derail risk", UNCOVERED: "Not covered", WEAK_CONTACT: "Weak contact"}
_KIND_ORDER = {DERAIL: 0, UNCOVERED: 1, WEAK_CONTACT: 2}


@dataclass(frozen=True)
class CoverageWarning:
    stakeholder_id: int
    name: str
    kind: str
    reason: str

    @property
    def kind_label(self) -> str:
        return KIND_LABEL[self.kind]

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


def person_warnings(person: Stakeholder) -> list[CoverageWarning]:
    if person.influence != Influence.HIGH:
        return []
    out = []
    if person.attitude.is_negative:
        what = "blocker" if person.attitude == Attitude.BLOCKER else "skeptic"
        out.append(CoverageWarning(
            person.id, person.name, DERAIL, f"high-influence {what}: could derail the plan",
        ))
    if person.covered_by_id is None:
        out.append(CoverageWarning(
            person.id, person.name, UNCOVERED, "high influence, and nobody on our team covers them",
        ))
    if person.contact_strength.is_weak:
        how = "no contact yet" if person.contact_strength == ContactStrength.NONE else "only occasional contact"
        out.append(CoverageWarning(person.id, person.name, WEAK_CONTACT, f"high influence, {how}"))
    return out


def warnings(session: Session, account_id: int) -> list[CoverageWarning]:
    """Every warning for the account, most serious first, then by name."""
    out: list[CoverageWarning] = []
    for person in stakeholder_service.list_stakeholders(session, account_id):
        out.extend(person_warnings(person))
    out.sort(key=lambda w: (_KIND_ORDER[w.kind], w.name.casefold(), w.stakeholder_id))
    return out


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
    out: dict[int, list[Stakeholder]] = {m.id: [] for m in team_service.list_members(session, account_id)}
    for person in stakeholder_service.list_stakeholders(session, account_id):
        if person.covered_by_id in out:
            out[person.covered_by_id].append(person)
    return out
