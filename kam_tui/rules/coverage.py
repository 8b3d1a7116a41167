"""Coverage rules: the contact marks, who of our team covers whom, and the
warnings the method calls out - "find the relationships to build, and anyone
who could derail the plan", and the KAM as quarterback: they know every
stakeholder and make sure the right colleague builds each relationship,
rather than owning all of them personally. Over plain objects;
services/coverage.py reads them from a Session.

A person may be covered by several of our team, one of them primary: a
`covers` mapping gives each person's member ids, the primary first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from kam_tui.rules.contacts import ContactState
from kam_tui.rules.rows import Row
from kam_tui.vocabulary import Attitude, ContactStrength, Influence

# How strong our contact is, as one mark; the map and the export share it.
CONTACT_MARK = {
    ContactStrength.NONE: "○",
    ContactStrength.OCCASIONAL: "◑",
    ContactStrength.REGULAR: "◕",
    ContactStrength.STRONG: "●",
}
# A person past their contact rhythm, on the map and in the table.
DUE_MARK = "◷"


def contact_legend() -> str:
    return "  ".join(f"{CONTACT_MARK[c]} {c.label}" for c in ContactStrength)


# Warning kinds, most serious first.
DERAIL = "derail"
QUARTERBACK = "quarterback"
UNCOVERED = "uncovered"
PAST_RHYTHM = "past_rhythm"
WEAK_CONTACT = "weak_contact"
KIND_LABEL = {
    DERAIL: "Derail risk",
    QUARTERBACK: "KAM covers too many",
    UNCOVERED: "Not covered",
    PAST_RHYTHM: "Contact due",
    WEAK_CONTACT: "Weak contact",
}
_KIND_ORDER = {kind: n for n, kind in enumerate(KIND_LABEL)}

# The quarterback rule: above this share of the people covered by the KAM
# personally, the relationships are not being spread over the team.
QUARTERBACK_SETTING = "quarterback_share"
DEFAULT_QUARTERBACK_SHARE = Decimal("0.5")
# with fewer people than this the share says nothing
QUARTERBACK_MIN_PEOPLE = 4


def quarterback_share_from(settings: Mapping[str, str]) -> Decimal:
    """The share (0 to 1) from the settings, where it is kept as a percentage."""
    text = settings.get(QUARTERBACK_SETTING, "").strip().rstrip("%")
    try:
        percent = Decimal(text)
    except (InvalidOperation, ValueError):
        return DEFAULT_QUARTERBACK_SHARE
    if not percent.is_finite() or not 0 < percent <= 100:
        return DEFAULT_QUARTERBACK_SHARE
    return percent / 100


@dataclass(frozen=True)
class CoverageWarning:
    stakeholder_id: int | None  # None: a warning about the account's coverage as a whole
    name: str
    kind: str
    reason: str

    @property
    def kind_label(self) -> str:
        return KIND_LABEL[self.kind]

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


def person_warnings(
    person: Row, covered: bool, contact: ContactState | None = None, today: date | None = None
) -> list[CoverageWarning]:
    """What to worry about with one person. A skeptic or blocker of medium or
    high influence could derail the plan; the rest is asked of high-influence
    people only. `contact` and `today` add the contact rhythm (left out of
    what must not change by itself from day to day, such as the export)."""
    out = []
    if person.attitude.is_negative and person.influence != Influence.LOW:
        what = "blocker" if person.attitude == Attitude.BLOCKER else "skeptic"
        out.append(
            CoverageWarning(
                person.id,
                person.name,
                DERAIL,
                f"{person.influence.label.lower()}-influence {what}: could derail the plan",
            )
        )
    if person.influence != Influence.HIGH:
        return out
    if not covered:
        out.append(
            CoverageWarning(
                person.id,
                person.name,
                UNCOVERED,
                "high influence, and nobody on our team covers them",
            )
        )
    # with no contact on record, the weak contact below says it already
    if contact is not None and today is not None and contact.last is not None and contact.is_due(today):
        out.append(CoverageWarning(person.id, person.name, PAST_RHYTHM, f"high influence, {contact.describe(today)}"))
    if person.contact_strength.is_weak:
        how = "no contact yet" if person.contact_strength == ContactStrength.NONE else "only occasional contact"
        out.append(CoverageWarning(person.id, person.name, WEAK_CONTACT, f"high influence, {how}"))
    return out


def kam_member(members: Iterable[Row], owner: str) -> Row | None:
    """The account's KAM among our team: the member named as the account's owner."""
    key = " ".join(owner.split()).casefold()
    if not key:
        return None
    return min((m for m in members if " ".join(m.name.split()).casefold() == key), key=lambda m: m.id, default=None)


def quarterback_warning(
    people: Sequence[Row], covers: Mapping[int, Sequence[int]], kam: Row | None, share: Decimal
) -> CoverageWarning | None:
    """The KAM covering more than `share` of the people personally."""
    if kam is None or len(people) < QUARTERBACK_MIN_PEOPLE:
        return None
    theirs = sum(1 for p in people if kam.id in covers.get(p.id, ()))
    if Decimal(theirs) <= share * len(people):
        return None
    return CoverageWarning(
        None,
        kam.name,
        QUARTERBACK,
        f"covers {theirs} of {len(people)} people personally (more than {share * 100:.0f}%): "
        "hand relationships to colleagues",
    )


def warnings_of(
    people: Iterable[Row],
    covers: Mapping[int, Sequence[int]],
    *,
    contacts: Mapping[int, ContactState] | None = None,
    today: date | None = None,
    kam: Row | None = None,
    share: Decimal = DEFAULT_QUARTERBACK_SHARE,
) -> list[CoverageWarning]:
    """Every warning for these people, most serious first, then by name."""
    everyone = list(people)
    out: list[CoverageWarning] = []
    for person in everyone:
        contact = contacts.get(person.id) if contacts is not None else None
        out.extend(person_warnings(person, bool(covers.get(person.id)), contact, today))
    team_wide = quarterback_warning(everyone, covers, kam, share)
    if team_wide is not None:
        out.append(team_wide)
    out.sort(key=lambda w: (_KIND_ORDER[w.kind], w.name.casefold(), w.stakeholder_id or 0))
    return out


def covers_of(rows: Iterable[Row]) -> dict[int, list[int]]:
    """Each person's covering member ids, the primary first, from the link rows
    (stakeholder_id, member_id, is_primary); the others in id order."""
    found: dict[int, list[tuple[bool, int]]] = {}
    for row in rows:
        found.setdefault(row.stakeholder_id, []).append((not row.is_primary, row.member_id))
    return {person: [m for _, m in sorted(pairs)] for person, pairs in found.items()}


def primary_of(covers: Mapping[int, Sequence[int]], person_id: int) -> int | None:
    ids = covers.get(person_id)
    return ids[0] if ids else None


def cover_names(covers: Mapping[int, Sequence[int]], person_id: int, names: Mapping[int, str]) -> list[str]:
    """The names of whoever covers a person, the primary first."""
    return [names[m] for m in covers.get(person_id, ()) if m in names]


def covered_by_member_of(
    members: Iterable[Row], people: Iterable[Row], covers: Mapping[int, Sequence[int]]
) -> dict[int, list[Row]]:
    """The other way round: whom each team member covers (primary or not), people in the order given."""
    out: dict[int, list[Row]] = {m.id: [] for m in members}
    for person in people:
        for member_id in covers.get(person.id, ()):
            if member_id in out:
                out[member_id].append(person)
    return out
