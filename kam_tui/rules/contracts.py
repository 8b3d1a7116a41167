"""Contracts: the framework agreements in force, when notice must be given,
and when a renewal needs the KAM's attention - from some weeks before the
last day to give notice until the contract ends."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

from kam_tui.rules.rows import Row

# A renewal is on Today from this many days before the last day to give notice.
RENEWAL_LEAD_DAYS = 60
MAX_NOTICE_MONTHS = 60


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def notice_by(contract: Row) -> date | None:
    """The last day to give notice: the end less the notice period (the end itself without one)."""
    if contract.ends_on is None:
        return None
    return months_before(contract.ends_on, contract.notice_months or 0)


def renewal_opens(contract: Row) -> date | None:
    """The first day the renewal is on Today."""
    deadline = notice_by(contract)
    return None if deadline is None else deadline - timedelta(days=RENEWAL_LEAD_DAYS)


def is_renewal_due(contract: Row, today: date, ahead: int = 0) -> bool:
    """Inside its notice window (or reaching it within `ahead` days), and not ended."""
    opens = renewal_opens(contract)
    return opens is not None and opens <= today + timedelta(days=ahead) and today <= contract.ends_on


def sorted_contracts(contracts: Iterable[Row]) -> list[Row]:
    """Soonest to end first; open-ended ones last, by name."""
    return sorted(contracts, key=lambda c: (c.ends_on is None, c.ends_on or date.max, c.name.casefold(), c.id))


def describe_notice(contract: Row) -> str:
    months = contract.notice_months
    if not months:
        return "none"
    return f"{months} month" + ("s" if months != 1 else "")
