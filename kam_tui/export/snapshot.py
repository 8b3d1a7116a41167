"""The plans as the export reads them: the store's typed rows grouped by
account (kam_tui/store/plans.py), and the portfolio-wide ranking every plan
shows, computed once per read.

No SQLAlchemy here: `kam export --all` on a file never loads it. A Session
is only taken by plan_for/portfolio_for, whose callers have one already.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from kam_tui.rules import scoring
from kam_tui.store.plans import Plan, Portfolio, read_plan, read_plan_alone, read_portfolio
from kam_tui.store.ranking import standing
from kam_tui.store.reader import Reader, session_reader

__all__ = [
    "Plan",
    "Portfolio",
    "Ranking",
    "plan_alone",
    "plan_for",
    "portfolio_for",
    "ranking",
    "read_plan",
    "read_portfolio",
]


@dataclass(frozen=True)
class Ranking:
    """The portfolio's key-account figures, as the scoring section and the index show them."""

    criteria: list[Any]
    scores: dict[tuple[int, int], int]
    limit: int
    threshold: Decimal
    ranked: list[Any]
    ranked_by_id: dict[int, Any]
    scored_count: int
    key_count: int
    # each owner's limit (`limit` is the shared one): an owner's key list is their own
    limits: scoring.KeyLimits


def ranking(portfolio: Portfolio) -> Ranking:
    """Computed on first use and kept with the portfolio: every plan of an
    `export --all` shows its rank among the same accounts."""
    found = portfolio.figures.get("ranking")
    if isinstance(found, Ranking):
        return found
    limits = scoring.key_limits_from(portfolio.settings.items())
    threshold = scoring.threshold_from(portfolio.settings.get("key_score_threshold"))
    ranked: list[Any] = scoring.rank(portfolio.accounts, portfolio.criteria, portfolio.scores, limits, threshold)
    made = Ranking(
        criteria=portfolio.criteria,
        scores=portfolio.scores,
        limit=limits.default,
        limits=limits,
        threshold=threshold,
        ranked=ranked,
        ranked_by_id={r.account.id: r for r in ranked},
        scored_count=sum(1 for r in ranked if r.rank is not None),
        key_count=sum(1 for a in portfolio.accounts if a.tier.is_key),
    )
    portfolio.figures["ranking"] = made
    return made


def plan_for(session: Any, account: Any, today: date | None = None) -> Plan:
    """The read model of one account, read through a Session's connection
    (what the session has written is what is read)."""
    return plan_alone(session_reader(session), account.id, today)


def plan_alone(reader: Reader, account_id: int, today: date | None = None) -> Plan:
    """One account's read model without reading every other account: its
    rank comes from the store's standing (the database adds up the scores),
    kept as the portfolio's ranking figure. KeyError when there is no such account."""
    plan = read_plan_alone(reader, account_id, today)
    place = standing(reader, account_id)
    portfolio = plan.portfolio
    portfolio.figures["ranking"] = Ranking(
        criteria=portfolio.criteria,
        scores=portfolio.scores,
        limit=place.limits.default,
        limits=place.limits,
        threshold=place.threshold,
        ranked=[place.ranked],
        ranked_by_id={account_id: place.ranked},
        scored_count=place.scored_count,
        key_count=place.key_count,
    )
    return plan


def portfolio_for(session: Any, today: date | None = None) -> Portfolio:
    """Every plan, read through a Session's connection."""
    return read_portfolio(session_reader(session), today)
