"""Scoring rules over plain objects: an account's weighted total, the ranking,
which accounts qualify as key, the settings' defaults, and how figures are
written. See services/scoring.py for the rules in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from kam_tui.rules.rows import Row

DEFAULT_KEY_LIMIT = 10
DEFAULT_THRESHOLD = Decimal("6")


@dataclass(frozen=True)
class Total:
    account_id: int
    weighted: Decimal | None  # 1..10, None when not scored at all
    weighted_sum: Decimal
    scored: int  # criteria this account is scored on
    of: int  # criteria there are

    @property
    def complete(self) -> bool:
        return self.of > 0 and self.scored == self.of

    def as_float(self) -> float | None:
        return None if self.weighted is None else float(self.weighted.quantize(Decimal("0.01"), ROUND_HALF_UP))


@dataclass(frozen=True)
class Ranked:
    account: Row
    total: Total
    rank: int | None  # 1 = highest; None when not scored
    suggested: bool  # qualifies as key by the current limit and threshold


def compute_total(account_id: int, criteria: list[Row], scores: dict[tuple[int, int], int]) -> Total:
    wsum = Decimal(0)
    weights = Decimal(0)
    scored = 0
    for crit in criteria:
        value = scores.get((account_id, crit.id))
        if value is None:
            continue
        wsum += crit.weight * value
        weights += crit.weight
        scored += 1
    weighted = (wsum / weights) if scored else None
    return Total(account_id, weighted, wsum, scored, len(criteria))


def limit_from(text: str | None) -> int:
    """The key account limit from its stored setting (None: not set)."""
    try:
        return max(0, int(text or DEFAULT_KEY_LIMIT))
    except ValueError:
        return DEFAULT_KEY_LIMIT


def threshold_from(text: str | None) -> Decimal:
    """The key score threshold from its stored setting (None: not set)."""
    try:
        return Decimal(text or DEFAULT_THRESHOLD)
    except InvalidOperation:
        return DEFAULT_THRESHOLD


def rank(
    accounts: Iterable[Row],
    criteria: list[Row],
    scores: dict[tuple[int, int], int],
    limit: int,
    threshold: Decimal,
    totals: Mapping[int, Total] | None = None,
    ahead: int = 0,
) -> list[Ranked]:
    """Every account, best total first: by weighted total, then the number of
    criteria scored, then name; unscored accounts last without a rank.
    `totals` (each account's, as compute_total gives it) saves computing them
    from `scores` when a caller had the database add them up. `ahead`: how
    many scored accounts, not given, total more than all of these (their
    ranks follow on)."""
    if totals is None:
        totals = {a.id: compute_total(a.id, criteria, scores) for a in accounts}

    def order(a: Row) -> tuple[Any, ...]:
        t = totals[a.id]
        return (t.weighted is None, -(t.weighted or 0), -t.scored, a.name_key)

    out: list[Ranked] = []
    n = ahead
    for a in sorted(accounts, key=order):
        t = totals[a.id]
        if t.weighted is None:
            out.append(Ranked(a, t, None, False))
            continue
        n += 1
        out.append(Ranked(a, t, n, n <= limit and t.weighted >= threshold))
    return out


def format_total(value: Decimal | None) -> str:
    return "-" if value is None else f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)}"


def format_weight(weight: Decimal) -> str:
    return format(weight.normalize(), "f")
