"""The day kam works with: the machine's date, or the day KAM_TODAY names
(YYYY-MM-DD). Everything that asks "what is due, what is late" asks here, so
one setting moves the whole of kam at once: the app, Today, `kam today`, what
a save stamps as done. The screenshots and the tests pin it, so a run that
crosses midnight judges its data by the day it was made on; a KAM can use it
to see how the plan will stand on a day ahead.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache

VARIABLE = "KAM_TODAY"


class BadDay(ValueError):
    """KAM_TODAY holds something that is not a day."""


def today() -> date:
    fixed = os.environ.get(VARIABLE, "").strip()
    return _day(fixed) if fixed else date.today()


def check() -> None:
    """Raises BadDay now, at start, rather than at the first thing due."""
    today()


@lru_cache(maxsize=4)
def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadDay(
            f"{VARIABLE}={text!r} is not a day: write it as YYYY-MM-DD, or unset it to use the machine's date"
        ) from None
