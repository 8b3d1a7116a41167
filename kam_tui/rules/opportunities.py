"""Opportunities: the order they are listed in, overdue, and totals per currency."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from kam_tui import clock
from kam_tui.money import format_money
from kam_tui.rules.rows import Row
from kam_tui.vocabulary import OpportunityStatus


def format_amount(amount: Decimal | None, currency: str | None = None) -> str:
    return format_money(amount, currency)


def sorted_opportunities(rows: Iterable[Row]) -> list[Row]:
    """Open ones first by expected close (undated last), then closed ones, newest first."""

    def key(o: Row) -> tuple[Any, ...]:
        if o.status == OpportunityStatus.OPEN:
            return (0, o.expected_close is None, (o.expected_close or date.max).toordinal(), o.name.casefold(), o.id)
        return (1, o.closed_on is None, -(o.closed_on.toordinal() if o.closed_on else 0), o.name.casefold(), o.id)

    return sorted(rows, key=key)


def is_overdue(opp: Row, today: date | None = None) -> bool:
    """Still open after the date it was expected to close."""
    return (
        opp.status == OpportunityStatus.OPEN
        and opp.expected_close is not None
        and opp.expected_close < (today or clock.today())
    )


@dataclass
class Totals:
    """Sums per status and currency, and how many opportunities each status holds."""

    sums: dict[OpportunityStatus, dict[str, Decimal]] = field(
        default_factory=lambda: {s: {} for s in OpportunityStatus}
    )
    counts: dict[OpportunityStatus, int] = field(default_factory=lambda: {s: 0 for s in OpportunityStatus})
    # how many have no value yet, per status: a total that leaves them out says so
    unvalued: dict[OpportunityStatus, int] = field(default_factory=lambda: {s: 0 for s in OpportunityStatus})
    overdue: int = 0

    @property
    def open(self) -> dict[str, Decimal]:
        return self.sums[OpportunityStatus.OPEN]

    @property
    def won(self) -> dict[str, Decimal]:
        return self.sums[OpportunityStatus.WON]

    @property
    def lost(self) -> dict[str, Decimal]:
        return self.sums[OpportunityStatus.LOST]

    def describe(self, status: OpportunityStatus) -> str:
        """'2 · 250,000 EUR + 40,000 USD (1 without value)'."""
        count = self.counts[status]
        sums = self.sums[status]
        parts = [str(count)]
        if sums:
            parts.append(" + ".join(format_amount(v, c) for c, v in sorted(sums.items())))
        text = " · ".join(parts)
        if self.unvalued[status] and count:
            text += f" ({self.unvalued[status]} without value)"
        return text


def totals_of(opportunities: Iterable[Row], today: date | None = None) -> Totals:
    out = Totals()
    for opp in opportunities:
        out.counts[opp.status] += 1
        if opp.value is None:
            out.unvalued[opp.status] += 1
        else:
            by_currency = out.sums[opp.status]
            code = opp.currency or "?"
            by_currency[code] = by_currency.get(code, Decimal(0)) + opp.value
        if is_overdue(opp, today):
            out.overdue += 1
    return out
