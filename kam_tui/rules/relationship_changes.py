"""How the relationships moved: each change of a stakeholder's influence,
attitude or contact strength, kept with its date, and the ones since a day
(by default the last review), as the SWOT's changes view shows a run's."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from kam_tui.rules.rows import Row
from kam_tui.vocabulary import TrackedField, Vocab


@dataclass(frozen=True)
class RelationshipMove:
    stakeholder_id: int
    name: str
    field: TrackedField
    old: Vocab | None  # None: a value this kam no longer knows
    new: Vocab | None
    changed_on: date

    @property
    def parts(self) -> tuple[str, str, str]:
        """(what moved, from, to): ('', 'Neutral', 'Supporter') for an attitude,
        whose labels say what they are; ('Contact', 'none', 'occasional') otherwise."""
        old = self.old.label if self.old is not None else "?"
        new = self.new.label if self.new is not None else "?"
        if self.field == TrackedField.ATTITUDE:
            return "", old, new
        return self.field.label, old.lower(), new.lower()

    @property
    def what(self) -> str:
        """'Neutral -> Supporter', 'Influence medium -> high'."""
        field, old, new = self.parts
        return f"{field} {old} -> {new}".strip()

    def __str__(self) -> str:
        return f"{self.name}: {self.what}, {self.changed_on.isoformat()}"


def _member(field: TrackedField, value: str) -> Vocab | None:
    lookup: type[Vocab] = field.vocab
    try:
        member: Vocab = lookup(value)  # by the stored key
    except ValueError:
        return None
    return member


def moves_since(changes: Iterable[Row], names: Mapping[int, str], since: date | None) -> list[RelationshipMove]:
    """The changes on or after `since` (every change when None), oldest first,
    for the people named in `names` (a person deleted since is left out)."""
    out = [
        RelationshipMove(
            c.stakeholder_id,
            names[c.stakeholder_id],
            c.field,
            _member(c.field, c.old_value),
            _member(c.field, c.new_value),
            c.changed_on,
        )
        for c in changes
        if c.stakeholder_id in names and (since is None or c.changed_on >= since)
    ]
    # stable: one person's changes of a day stay in the order they were made
    out.sort(key=lambda m: (m.changed_on, m.name.casefold(), m.stakeholder_id))
    return out


def moved_people(moves: Iterable[RelationshipMove]) -> set[int]:
    return {m.stakeholder_id for m in moves}
