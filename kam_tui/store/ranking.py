"""The portfolio ranked by score, as `kam list` prints it: the accounts'
own columns and each account's weighted total, read without the ORM.

The totals are added up by the database, exactly: the criteria's weights
(decimal text) are scaled to whole numbers, so each account's sum of weight
x score and sum of weights are integer sums in any database, and the total
is their Decimal quotient, the same value rules/scoring.compute_total gives
(it divides the same two sums). Weights with more decimals than that can
carry fall back to compute_total itself. The ranking is rules/scoring.rank,
the one the app and the export use.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kam_tui.rules.scoring import (
    KEY_LIMIT_SETTING,
    KeyLimits,
    Ranked,
    Total,
    compute_total,
    limit_from,
    rank,
    threshold_from,
)
from kam_tui.store.key_limits import read_key_limits
from kam_tui.store.reader import Reader

THRESHOLD_SETTING = "key_score_threshold"
KEY_TIERS = ("existing_key", "emerging_key")
# decimals a weight may have for its sums to stay whole numbers well inside 64 bits
MAX_PLACES = 6
# the largest sum of scaled weights whose sums, cross-multiplied (10 x units x units), stay inside 64 bits
MAX_UNITS = 900_000_000


@dataclass(slots=True, eq=False)
class Criterion:
    """What a total needs of a criterion (compute_total reads these two)."""

    id: int
    weight: Decimal


def read_criteria(reader: Reader) -> list[Criterion]:
    return [Criterion(i, Decimal(w)) for i, w in reader.rows("SELECT id, weight FROM criterion ORDER BY position, id")]


@dataclass(slots=True, eq=False)
class ListedAccount:
    """An account's own columns as stored (vocabulary values, amounts as text)."""

    id: int
    name: str
    name_key: str
    tier: str
    stage: str
    industry: str
    country: str
    annual_revenue: str | None
    currency: str | None
    employees: int | None
    crm_id: str | None
    owner: str
    focus: str | None

    @property
    def is_key(self) -> bool:
        return self.tier in KEY_TIERS


_ACCOUNT_COLUMNS = (
    "id, name, name_key, tier, stage, industry, country, annual_revenue, currency, employees, crm_id, owner, focus"
)


_ACCOUNT_PREFIXED = ", ".join(f"a.{c.strip()}" for c in _ACCOUNT_COLUMNS.split(","))


def listed_accounts(reader: Reader) -> list[ListedAccount]:
    """Every account, in id order."""
    return [ListedAccount(*row) for row in reader.rows(f"SELECT {_ACCOUNT_COLUMNS} FROM account ORDER BY id")]


def accounts_with_totals(reader: Reader, criteria: list[Criterion]) -> tuple[list[ListedAccount], dict[int, Total]]:
    """Every account and each scored account's Total, read in one query,
    roughly best total first (a float estimate): rank() then sorts exactly,
    and an input nearly in order costs its sort one pass instead of n log n
    comparisons of Decimals."""
    scaled = _scales(criteria) if criteria else None
    if scaled is None:
        return listed_accounts(reader), score_totals(reader, criteria)
    places, units = scaled
    weight, ids = _weight_sql(units)
    rows = reader.rows(
        f"SELECT {_ACCOUNT_PREFIXED}, t.num, t.den, t.n FROM account AS a LEFT JOIN"
        f" (SELECT account_id, SUM(score * {weight}) AS num, SUM({weight}) AS den, COUNT(*) AS n"
        f" FROM score WHERE criterion_id IN ({ids}) GROUP BY account_id) AS t ON t.account_id = a.id"
        " ORDER BY CASE WHEN t.num IS NULL THEN 1 ELSE 0 END, CAST(t.num AS FLOAT) / t.den DESC, t.n DESC, a.name_key"
    )
    accounts = [ListedAccount(*row[:13]) for row in rows]
    return accounts, _totals(
        [(row[0], row[13], row[14], row[15]) for row in rows if row[13] is not None], places, len(criteria)
    )


def _weight_sql(units: dict[int, int]) -> tuple[str, str]:
    """(each score's scaled weight as SQL, the criterion ids): integers we made, written into the SQL."""
    weight = "CASE criterion_id " + " ".join(f"WHEN {c} THEN {u}" for c, u in units.items()) + " END"
    return weight, ", ".join(str(c) for c in units)


def _setting(reader: Reader, key: str) -> str | None:
    rows = reader.rows("SELECT value FROM setting WHERE key = :key", {"key": key})
    return str(rows[0][0]) if rows else None


def _scales(criteria: list[Criterion]) -> tuple[int, dict[int, int]] | None:
    """(decimal places, each criterion's weight x 10**places), or None when the
    weights have too many decimals for exact whole-number sums."""
    exponents = [c.weight.as_tuple().exponent for c in criteria]
    places = max([0, *(-e for e in exponents if isinstance(e, int))])
    if places > MAX_PLACES or not all(isinstance(e, int) for e in exponents):
        return None
    return places, {c.id: int(c.weight.scaleb(places)) for c in criteria}


def score_totals(reader: Reader, criteria: list[Criterion]) -> dict[int, Total]:
    """Each scored account's Total (accounts scored on nothing are left out)."""
    if not criteria:
        return {}
    scaled = _scales(criteria)
    if scaled is None:
        scores = {(a, c): s for a, c, s in reader.rows("SELECT account_id, criterion_id, score FROM score")}
        each = (compute_total(a, criteria, scores) for a in {a for a, _ in scores})
        return {t.account_id: t for t in each if t.weighted is not None}
    places, units = scaled
    weight, ids = _weight_sql(units)
    rows = reader.rows(
        f"SELECT account_id, SUM(score * {weight}), SUM({weight}), COUNT(*) FROM score"
        f" WHERE criterion_id IN ({ids}) GROUP BY account_id"
    )
    return _totals(rows, places, len(criteria))


def _totals(rows: list[tuple[Any, ...]], places: int, of: int) -> dict[int, Total]:
    """(account id, scaled sum of weight x score, scaled sum of weights, criteria scored) -> Totals."""
    # a few thousand distinct sums among 100,000 accounts: each quotient is worked out once
    quotients: dict[tuple[int, int], tuple[Decimal, Decimal]] = {}
    totals: dict[int, Total] = {}
    for account, num, den, n in rows:
        key = (int(num), int(den))
        found = quotients.get(key)
        if found is None:
            found = quotients[key] = (Decimal(key[0]) / Decimal(key[1]), Decimal(key[0]).scaleb(-places))
        totals[account] = Total(account, found[0], found[1], n, of)
    return totals


def ranked_accounts(reader: Reader) -> list[Ranked]:
    """Every account, best total first, with its rank and whether it qualifies
    as key (rules/scoring.rank over the store's rows)."""
    criteria = read_criteria(reader)
    accounts, totals = accounts_with_totals(reader, criteria)
    # an account scored on nothing has no total, as compute_total says
    every = {a.id: totals.get(a.id) or Total(a.id, None, Decimal(0), 0, len(criteria)) for a in accounts}
    threshold = threshold_from(_setting(reader, THRESHOLD_SETTING))
    return rank(accounts, criteria, {}, read_key_limits(reader), threshold, totals=every)


def key_account_limit(reader: Reader) -> int:
    """The shared default; key_limits gives each owner's."""
    return limit_from(_setting(reader, KEY_LIMIT_SETTING))


def key_limits(reader: Reader) -> KeyLimits:
    return read_key_limits(reader)


@dataclass(frozen=True)
class Standing:
    """One account's place among all: its Ranked, the portfolio's counts,
    and the limit of the account's owner (limits: every owner's)."""

    ranked: Ranked
    scored_count: int
    key_count: int
    limit: int
    threshold: Decimal
    limits: KeyLimits


def standing(reader: Reader, account_id: int) -> Standing:
    """One account's rank without reading every account: the database counts
    the accounts whose total is higher (the sums compared exactly, as whole
    numbers cross-multiplied), among all and among the account's owner's,
    and rules/scoring.rank orders the few that total the same, its ranks
    following on from those counts."""
    criteria = read_criteria(reader)
    limits = read_key_limits(reader)
    threshold = threshold_from(_setting(reader, THRESHOLD_SETTING))
    (scored_count, key_count), *_ = reader.rows(
        "SELECT (SELECT COUNT(*) FROM account WHERE id IN (SELECT account_id FROM score)),"
        f" (SELECT COUNT(*) FROM account WHERE tier IN ({', '.join(repr(t) for t in KEY_TIERS)}))"
    )
    scaled = _scales(criteria) if criteria else None
    owner_before = 0
    if scaled is None or sum(scaled[1].values()) > MAX_UNITS:
        group, before = listed_accounts(reader), 0
        totals = score_totals(reader, criteria)
        totals = {a.id: totals.get(a.id) or Total(a.id, None, Decimal(0), 0, len(criteria)) for a in group}
    else:
        places, units = scaled
        weight, ids = _weight_sql(units)
        sums = (
            f"SELECT account_id, SUM(score * {weight}) AS num, SUM({weight}) AS den, COUNT(*) AS n"
            f" FROM score WHERE criterion_id IN ({ids}) GROUP BY account_id"
        )
        mine_rows = reader.rows(f"SELECT num, den FROM ({sums}) AS t WHERE account_id = :id", {"id": account_id})
        if not mine_rows:
            group = listed_accounts_by_id(reader, [account_id])
            totals, before = {}, 0
        else:
            num, den = (int(x) for x in mine_rows[0])
            at = {"num": num, "den": den}
            ((before, owner_before),) = reader.rows(
                f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN a.owner = o.owner THEN 1 ELSE 0 END), 0)"
                f" FROM ({sums}) AS t JOIN account AS a ON a.id = t.account_id"
                " JOIN account AS o ON o.id = :id WHERE t.num * :den > :num * t.den",
                {**at, "id": account_id},
            )
            same = reader.rows(
                f"SELECT {_ACCOUNT_PREFIXED}, t.num, t.den, t.n FROM ({sums}) AS t"
                " JOIN account AS a ON a.id = t.account_id WHERE t.num * :den = :num * t.den",
                at,
            )
            group = [ListedAccount(*row[:13]) for row in same]
            totals = _totals([(row[0], row[13], row[14], row[15]) for row in same], places, len(criteria))
    mine = totals.get(account_id) or Total(account_id, None, Decimal(0), 0, len(criteria))
    account = next(a for a in group if a.id == account_id)
    if mine.weighted is None:
        ranked = Ranked(account, mine, None, False)
    else:
        # the tied group holds other owners' accounts too: each owner's places
        # among them follow on from what is ahead of this account's owner only
        # in the first group, so they are ranked alone, then placed
        order = rank(group, criteria, {}, limits, threshold, totals=totals, ahead=int(before))
        own = [a for a in group if a.owner == account.owner]
        placed = rank(own, criteria, {}, limits, threshold, totals=totals, owner_ahead=int(owner_before))
        overall = next(r for r in order if r.account.id == account_id)
        ranked = next(r for r in placed if r.account.id == account_id)
        ranked = Ranked(ranked.account, ranked.total, overall.rank, ranked.suggested, ranked.place)
    return Standing(
        ranked,
        scored_count=scored_count,
        key_count=key_count,
        limit=limits.of(account.owner),
        threshold=threshold,
        limits=limits,
    )


def listed_accounts_by_id(reader: Reader, ids: list[int]) -> list[ListedAccount]:
    return [
        ListedAccount(*row)
        for row in reader.rows(
            f"SELECT {_ACCOUNT_COLUMNS} FROM account WHERE id IN ({', '.join(str(int(i)) for i in ids)})"
        )
    ]
