"""Scoring rules over plain objects: an account's weighted total, the ranking,
which accounts qualify as key, the settings' defaults, and how figures are
written. See services/scoring.py for the rules in words.

The key-account limit belongs to each owner (a KAM's own list): an owner's
own limit is a setting row keyed by a digest of their name, so any name, of
any length or alphabet, gives a short key that no other setting can share;
owners without one use the shared `key_account_limit`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from kam_tui.rules.rows import Row

DEFAULT_KEY_LIMIT = 10
DEFAULT_THRESHOLD = Decimal("6")
KEY_LIMIT_SETTING = "key_account_limit"
# + a 160-bit BLAKE2b digest of the owner's name in hex: 58 characters in all
# whatever the name, inside the setting key's 64 (and a server's index entry)
OWNER_LIMIT_PREFIX = "key_account_limit:"


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


# not frozen: a listing builds one per account, and a frozen dataclass's
# __init__ costs four times as much (70 ms at 100,000 accounts)
@dataclass(slots=True)
class Ranked:
    account: Row
    total: Total
    rank: int | None  # 1 = highest among all accounts; None when not scored
    suggested: bool  # among its owner's top `limit` and at or above the threshold
    place: int | None = None  # 1 = highest among its owner's accounts; None when not scored


def owner_limit_key(owner: str) -> str:
    """The setting key of an owner's own key-account limit."""
    import hashlib

    if not (owner.isascii() and owner.isprintable()):
        from kam_tui.text import display_text

        # the app reads names made safe to show (store/reader.py, shown_rows), a
        # command reads them as stored: both must find the same limit
        owner = display_text(owner, multiline=True)
    digest = hashlib.blake2b(owner.encode("utf-8", "surrogatepass"), digest_size=20)
    return OWNER_LIMIT_PREFIX + digest.hexdigest()


@dataclass(frozen=True)
class KeyLimits:
    """Each owner's key-account limit: their own, else the shared default."""

    default: int = DEFAULT_KEY_LIMIT
    own: Mapping[str, int] = field(default_factory=dict)  # owner_limit_key(owner) -> limit

    def of(self, owner: str) -> int:
        return self.own.get(owner_limit_key(owner), self.default) if self.own and owner else self.default

    def has_own(self, owner: str) -> bool:
        return bool(owner) and owner_limit_key(owner) in self.own


def key_limits_from(settings: Iterable[tuple[str, str | None]]) -> KeyLimits:
    """The limits from the setting rows (key, value); other keys are ignored."""
    default = DEFAULT_KEY_LIMIT
    own: dict[str, int] = {}
    for key, value in settings:
        if key == KEY_LIMIT_SETTING:
            default = limit_from(value)
        elif key.startswith(OWNER_LIMIT_PREFIX) and value:
            own[key] = limit_from(value)
    return KeyLimits(default, own)


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
    limit: int | KeyLimits,
    threshold: Decimal,
    totals: Mapping[int, Total] | None = None,
    ahead: int = 0,
    owner_ahead: int = 0,
) -> list[Ranked]:
    """Every account, best total first: by weighted total, then the number of
    criteria scored, then name; unscored accounts last without a rank.
    An account is suggested as key when it is among its owner's top
    `limit.of(owner)` (a plain int: the same limit for every owner) and its
    total reaches the threshold.
    `totals` (each account's, as compute_total gives it) saves computing them
    from `scores` when a caller had the database add them up. `ahead`: how
    many scored accounts, not given, total more than all of these (their
    ranks follow on); `owner_ahead`: how many of those share the owner of
    the accounts given (when they all have one owner)."""
    limits = limit if isinstance(limit, KeyLimits) else KeyLimits(limit)
    if totals is None:
        totals = {a.id: compute_total(a.id, criteria, scores) for a in accounts}

    def order(a: Row) -> tuple[Any, ...]:
        t = totals[a.id]
        return (t.weighted is None, -(t.weighted or 0), -t.scored, a.name_key)

    out: list[Ranked] = []
    n = ahead
    places: dict[str, int] = {}
    owner_limit: dict[str, int] = {}  # each owner's limit, looked up once
    for a in sorted(accounts, key=order):
        t = totals[a.id]
        if t.weighted is None:
            out.append(Ranked(a, t, None, False))
            continue
        n += 1
        owner = a.owner
        place = places[owner] = places.get(owner, owner_ahead) + 1
        most = owner_limit.get(owner)
        if most is None:
            most = owner_limit[owner] = limits.of(owner)
        out.append(Ranked(a, t, n, place <= most and t.weighted >= threshold, place))
    return out


def format_total(value: Decimal | None) -> str:
    return "-" if value is None else f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)}"


def format_weight(weight: Decimal) -> str:
    return format(weight.normalize(), "f")
