"""The rules of measuring and reviewing, over plain objects (ORM rows or the
export's read model alike): periods and their order, whether a KPI met its
target, number formatting, and when the next review and plan revision are due.
No database here; services/reviews.py reads and writes, and re-exports these."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from kam_tui import clock
from kam_tui.errors import ValidationError
from kam_tui.rules.rows import Row
from kam_tui.text import counted
from kam_tui.vocabulary import MeetingKind

# The method asks for a plan revision at least twice a year.
PLAN_REVISION_DAYS = 183
MEETING_ORDER = {k: i for i, k in enumerate(MeetingKind)}


# --------------------------------------------------------------------------
# Periods: "2026", "2026-H2", "2026-Q3", "2026-07"


@dataclass(frozen=True, order=True)
class Period:
    start: date
    months: int
    label: str


def parse_period(value: Any, field: str = "period") -> Period:
    """Read a period label; accepts 2026, 2026-Q3, Q3 2026, 2026-H1, 2026-07, 2026-7."""
    text = str(value or "").strip().casefold().replace(" ", "-")
    if not text:
        raise ValidationError(field, "is required")
    m = re.fullmatch(r"([qh])([1-4])[-/]?(\d{4})", text)
    if m:
        text = f"{m.group(3)}-{m.group(1)}{m.group(2)}"
    m = re.fullmatch(r"(\d{4})(?:[-/]?(?:([q])([1-4])|([h])([12])|(\d{1,2})))?", text)
    if not m:
        raise ValidationError(
            field,
            f"{value!s} is not a period; use a year (2026), a half (2026-H1), a quarter (2026-Q3) or a month (2026-07)",
        )
    year = int(m.group(1))
    if not 1900 <= year <= 2200:
        raise ValidationError(field, f"{year} is not a plausible year")
    if m.group(2):
        q = int(m.group(3))
        return Period(date(year, 3 * q - 2, 1), 3, f"{year}-Q{q}")
    if m.group(4):
        h = int(m.group(5))
        return Period(date(year, 6 * h - 5, 1), 6, f"{year}-H{h}")
    if m.group(6):
        month = int(m.group(6))
        if not 1 <= month <= 12:
            raise ValidationError(field, f"{value!s}: month {month} is not between 1 and 12")
        return Period(date(year, month, 1), 1, f"{year}-{month:02d}")
    return Period(date(year, 1, 1), 12, str(year))


def period_sort_key(label: str) -> tuple[Any, ...]:
    """Chronological order; a longer period sorts after the shorter ones it starts with."""
    try:
        p = parse_period(label)
        return (p.start, p.months, label)
    except ValidationError:
        return (date.max, 0, label)


def met(kpi: Row, value: Row) -> bool | None:
    """Did the actual reach the target? None when either is missing."""
    if value.target is None or value.actual is None:
        return None
    reached: bool = value.actual >= value.target if kpi.higher_is_better else value.actual <= value.target
    return reached


def latest_value(values: list[Row]) -> Row | None:
    """The most recent period with an actual, else the most recent one."""
    with_actual = [v for v in values if v.actual is not None]
    pool = with_actual or values
    return pool[-1] if pool else None


def fmt_number(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = format(value.normalize(), "f")
    if "." in text:
        whole, frac = text.split(".")
    else:
        whole, frac = text, ""
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ",".join(groups) + (f".{frac}" if frac else "")


BLOCKS = "▁▂▃▄▅▆▇█"


def sparkline(numbers: list[Decimal | None]) -> str:
    """The trend as Unicode blocks, one per period; a gap where a period has no actual."""
    real = [n for n in numbers if n is not None]
    if not real:
        return ""
    low, high = min(real), max(real)
    out = []
    for n in numbers:
        if n is None:
            out.append(" ")
        elif high == low:
            out.append(BLOCKS[len(BLOCKS) // 2])
        else:
            out.append(BLOCKS[int((n - low) / (high - low) * (len(BLOCKS) - 1))])
    return "".join(out)


# --------------------------------------------------------------------------
# What is due


@dataclass(frozen=True)
class Due:
    """A date something is due and how it stands today."""

    due: date | None
    days_overdue: int  # > 0 late, 0 today, < 0 days still to go

    @property
    def is_overdue(self) -> bool:
        return self.due is not None and self.days_overdue > 0

    def date_text(self) -> str:
        """The date alone, for what must read the same on any day (the export)."""
        return "not dated" if self.due is None else self.due.isoformat()

    def describe(self) -> str:
        if self.due is None:
            return "not dated"
        if self.days_overdue > 0:
            return f"{self.due.isoformat()} ({counted(self.days_overdue, 'day')} overdue)"
        if self.days_overdue == 0:
            return f"{self.due.isoformat()} (today)"
        return f"{self.due.isoformat()} (in {counted(-self.days_overdue, 'day')})"


def next_review(account: Row, today: date | None = None) -> Due:
    """Last review + the cadence. With no review yet, due from the day the account was created."""
    today = today or clock.today()
    base = account.last_review or (account.created_at.date() if account.created_at else today)
    due = base + timedelta(days=account.review_cadence.days)
    return Due(due, (today - due).days)


def plan_revision(account: Row, today: date | None = None) -> Due:
    today = today or clock.today()
    if account.next_plan_revision is None:
        return Due(None, 0)
    return Due(account.next_plan_revision, (today - account.next_plan_revision).days)


def suggested_plan_revision(today: date | None = None) -> date:
    """Half a year from today: the method's 'at least twice a year'."""
    return (today or clock.today()) + timedelta(days=PLAN_REVISION_DAYS)


def sorted_values(values: list[Row]) -> list[Row]:
    """A KPI's values in period order."""
    return sorted(values, key=lambda v: period_sort_key(v.period))


def sorted_meetings(meetings: list[Row]) -> list[Row]:
    """The meeting structure in the method's order: internal, strategic, tactical, operational."""
    return sorted(meetings, key=lambda m: (MEETING_ORDER[m.kind], m.id))
