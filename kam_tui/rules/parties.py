"""Competitors and partners in the account, in the order they are listed."""

from __future__ import annotations

from kam_tui.text import name_key


def sorted_parties(parties) -> list:
    """Competitors and partners by name."""
    return sorted(parties, key=lambda p: (name_key(p.name), p.id))
