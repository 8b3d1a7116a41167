"""The customer's business and our history with them: which written sections
belong to which part of the plan."""

from __future__ import annotations

from kam_tui.vocabulary import ProfileSection

# The method's "customer's business" and "our history with them", in the model's order.
BUSINESS_SECTIONS: tuple[ProfileSection, ...] = tuple(s for s in ProfileSection if not s.is_history)
HISTORY_SECTIONS: tuple[ProfileSection, ...] = tuple(s for s in ProfileSection if s.is_history)
