"""Competitors and partners in the account, in the order they are listed."""

from __future__ import annotations

from collections.abc import Iterable

from kam_tui.rules.rows import Row
from kam_tui.text import name_key


def sorted_parties(parties: Iterable[Row]) -> list[Row]:
    """Competitors and partners by name."""
    return sorted(parties, key=lambda p: (name_key(p.name), p.id))
