"""Dates as people type them: '2026-12-01', '1.12.2026', 'today', '+2w', '-3d'."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kam_tui import clock
from kam_tui.errors import ValidationError

_RELATIVE = re.compile(r"^([+-])\s*(\d+)\s*([dwm])$")


def parse_date(value: object, field: str, *, today: date | None = None) -> date | None:
    """Read a date or raise ValidationError naming `field`. Blank means no date.

    Accepted: ISO (2026-12-01), D.M.Y with dots (1.12.2026), 'today',
    'tomorrow', 'yesterday', and offsets from today: +3d, +2w, +1m (a month
    is 30 days), or back: -3d (a call logged the day after).
    Slashes are refused here: 01/02/2026 is a different day in the US and Europe.
    """
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip().casefold()
    if not text:
        return None
    today = today or clock.today()
    if text == "today":
        return today
    if text == "tomorrow":
        return today + timedelta(days=1)
    if text == "yesterday":
        return today - timedelta(days=1)
    m = _RELATIVE.match(text)
    if m:
        sign, n, unit = m.group(1), int(m.group(2)), m.group(3)
        days = n * {"d": 1, "w": 7, "m": 30}[unit]
        return today + timedelta(days=days if sign == "+" else -days)
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            pass
    raise ValidationError(field, f"{value!s} is not a date; use YYYY-MM-DD, D.M.YYYY, today, +7d or -3d")
