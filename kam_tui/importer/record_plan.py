"""What an import would do with one kind of record that belongs to an account
(people, deals): the same five lists for each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kam_tui.importer.parse import Problem

R = TypeVar("R")


@dataclass
class RecordPlan(Generic[R]):
    creates: list[R] = field(default_factory=list)
    updates: list[R] = field(default_factory=list)
    unchanged: list[R] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows skipped, and why
    merged: list[str] = field(default_factory=list)  # rows that were one record
    notes: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.creates or self.updates)

    @property
    def rows_kept(self) -> int:
        return len(self.creates) + len(self.updates) + len(self.unchanged) + len(self.merged)
