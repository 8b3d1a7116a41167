"""The business profile and our history with the customer: which sections
belong to which part, and the order competitors and partners are listed in."""

from __future__ import annotations

from kam_tui.text import name_key
from kam_tui.vocabulary import ProfileSection

# The method's "customer's business" and "our history with them", in the model's order.
BUSINESS_SECTIONS: tuple[ProfileSection, ...] = tuple(s for s in ProfileSection if not s.is_history)
HISTORY_SECTIONS: tuple[ProfileSection, ...] = tuple(s for s in ProfileSection if s.is_history)


def sorted_parties(parties) -> list:
    """Competitors and partners by name."""
    return sorted(parties, key=lambda p: (name_key(p.name), p.id))
