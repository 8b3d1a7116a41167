"""SWOT rules: the order of runs and items, and what changed from one run to
the next. An item copied into a new run remembers its source
(`copied_from_id`), which tells an edited item from one removed plus one added."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kam_tui.rules.rows import Row
from kam_tui.vocabulary import SwotQuadrant

QUADRANTS: tuple[SwotQuadrant, ...] = tuple(SwotQuadrant)
_ORDER = {q: i for i, q in enumerate(QUADRANTS)}


def sorted_runs(runs: Iterable[Row]) -> list[Row]:
    """Oldest first; same-day runs in the order they were made."""
    return sorted(runs, key=lambda r: (r.run_on, r.id))


def sorted_items(items: Iterable[Row]) -> list[Row]:
    """A run's items by quadrant (method order), then position."""
    return sorted(items, key=lambda it: (_ORDER[it.quadrant], it.position, it.id))


def items_by_quadrant_of(items: Iterable[Row]) -> dict[SwotQuadrant, list[Row]]:
    out: dict[SwotQuadrant, list[Row]] = {q: [] for q in QUADRANTS}
    for item in sorted_items(items):
        out[item.quadrant].append(item)
    return out


@dataclass
class Comparison:
    """What changed from `previous` to `run`. `edited` pairs (old, new)."""

    run: Row
    previous: Row | None
    added: list[Row] = field(default_factory=list)
    removed: list[Row] = field(default_factory=list)
    edited: list[tuple[Row, Row]] = field(default_factory=list)
    unchanged: list[Row] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.edited)


def compare_items(run: Row, previous: Row | None, current: Iterable[Row], before: Iterable[Row]) -> Comparison:
    """Compare a run's items (`current`) with those of the run before it (`before`).

    added: items not copied from the previous run; removed: previous items no
    item copied from; edited: copied, but text or quadrant changed."""
    result = Comparison(run=run, previous=previous)
    ordered = sorted_items(current)
    if previous is None:
        result.added = ordered
        return result
    by_id = {it.id: it for it in sorted_items(before)}
    copied: set[int] = set()
    for item in ordered:
        old = by_id.get(item.copied_from_id) if item.copied_from_id is not None else None
        if old is None:
            result.added.append(item)
            continue
        copied.add(old.id)
        if old.text != item.text or old.quadrant != item.quadrant:
            result.edited.append((old, item))
        else:
            result.unchanged.append(item)
    result.removed = [it for it in by_id.values() if it.id not in copied]
    return result
