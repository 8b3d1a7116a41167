"""The portfolio at a glance: one light row per account for the account list,
and the key-account limit that keeps the list short.

The rows are read by the store (kam_tui/store/account_rows.py) with a few
aggregate queries, from whatever the caller holds: a Session, or the app's
fast Reader (stdlib sqlite3 on a file, so the list paints before SQLModel
is imported). The limit is written through the session like every edit.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kam_tui.errors import ValidationError
from kam_tui.store import account_rows as rows_of
from kam_tui.store.account_rows import (  # re-exported: the list and its tests read them from here
    CADENCE_DAYS as CADENCE_DAYS,
    DEFAULT_KEY_ACCOUNT_LIMIT as DEFAULT_KEY_ACCOUNT_LIMIT,
    KEY_ACCOUNT_LIMIT as KEY_ACCOUNT_LIMIT,
    KEY_TIERS as KEY_TIERS,
    OPEN_ACTION_STATUSES as OPEN_ACTION_STATUSES,
    AccountRow as AccountRow,
)
from kam_tui.store.reader import as_reader

if TYPE_CHECKING:
    from kam_tui.rules.scoring import KeyLimits


def account_basics(conn: Any, today: date | None = None, limit: int | None = None) -> list[AccountRow]:
    """Every account (or the first `limit` by name), without score and next due date."""
    return rows_of.account_basics(as_reader(conn), today, limit)


def add_plan_figures(conn: Any, rows: list[AccountRow], today: date | None = None) -> list[AccountRow]:
    """Fill each row's weighted score, next due date and overdue flag."""
    return rows_of.add_plan_figures(as_reader(conn), rows, today)


def account_rows(conn: Any, today: date | None = None) -> list[AccountRow]:
    """Every account as a light row, sorted by name: three queries in all."""
    return rows_of.account_rows(as_reader(conn), today)


def get_key_account_limit(conn: Any) -> int:
    """The shared key-account limit (default 10): owners without one of their own keep to it."""
    return rows_of.key_account_limit(as_reader(conn))


def get_key_limits(conn: Any) -> KeyLimits:
    """Every owner's key-account limit: their own, else the shared one."""
    from kam_tui.store.key_limits import read_key_limits

    return read_key_limits(as_reader(conn))


def parse_key_account_limit(value: Any) -> int:
    text = str(value if value is not None else "").strip()
    if not text:
        raise ValidationError("key account limit", "is required: a whole number from 1 to 999")
    try:
        number = int(text)
    except ValueError:
        raise ValidationError("key account limit", f"{text!r} is not a whole number (1 to 999)") from None
    if not 1 <= number <= 999:
        raise ValidationError("key account limit", f"{number} is outside 1 to 999")
    return number


def set_key_account_limit(session: Any, value: Any, owner: str | None = None) -> int:
    """Check and store the shared limit, or `owner`'s own (blank: back to the
    shared one); commits. Returns the limit that now applies."""
    from kam_tui.services.scoring import set_key_account_limit as store_limit

    return store_limit(session, value, owner)
