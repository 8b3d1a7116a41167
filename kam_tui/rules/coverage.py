"""Coverage rules: the contact marks, and the warnings the method calls out -
"find the relationships to build, and anyone who could derail the plan". Only
high-influence people raise a warning: they are the ones whose view decides the
plan. Over plain objects; services/coverage.py reads them from a Session."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kam_tui.rules.rows import Row
from kam_tui.vocabulary import Attitude, ContactStrength, Influence

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


def person_warnings(person: Row) -> list[CoverageWarning]:
    if person.influence != Influence.HIGH:
        return []
    out = []
    if person.attitude.is_negative:
        what = "blocker" if person.attitude == Attitude.BLOCKER else "skeptic"
        out.append(
            CoverageWarning(
                person.id,
                person.name,
                DERAIL,
                f"high-influence {what}: could derail the plan",
            )
        )
    if person.covered_by_id is None:
        out.append(
            CoverageWarning(
                person.id,
                person.name,
                UNCOVERED,
                "high influence, and nobody on our team covers them",
            )
        )
    if person.contact_strength.is_weak:
        how = "no contact yet" if person.contact_strength == ContactStrength.NONE else "only occasional contact"
        out.append(CoverageWarning(person.id, person.name, WEAK_CONTACT, f"high influence, {how}"))
    return out


def warnings_of(people: Iterable[Row]) -> list[CoverageWarning]:
    """Every warning for these people, most serious first, then by name."""
    out: list[CoverageWarning] = []
    for person in people:
        out.extend(person_warnings(person))
    out.sort(key=lambda w: (_KIND_ORDER[w.kind], w.name.casefold(), w.stakeholder_id))
    return out


def covered_by_member_of(members: Iterable[Row], people: Iterable[Row]) -> dict[int, list[Row]]:
    """Whom each team member covers (the KAM as quarterback), people in the order given."""
    out: dict[int, list[Row]] = {m.id: [] for m in members}
    for person in people:
        if person.covered_by_id in out:
            out[person.covered_by_id].append(person)
    return out
