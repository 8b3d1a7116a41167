"""The portfolio at a glance: one light row per account for the account list,
and the key-account limit that keeps the list short.

Why plain SQL and no model import: the account list is the first screen, and
it must paint before SQLModel (about half a second to import) is loaded. So
`account_rows` takes either a stdlib `sqlite3.Connection` or a SQLAlchemy
Session/Connection and runs the same few SELECTs on it: a handful of
aggregates over the whole database, never one query per account (10,000
accounts with their actions read in tens of milliseconds).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from kam_tui.errors import ValidationError
from kam_tui.vocabulary import Cadence

KEY_ACCOUNT_LIMIT = "key_account_limit"
DEFAULT_KEY_ACCOUNT_LIMIT = 10
KEY_TIERS = ("existing_key", "emerging_key")
OPEN_ACTION_STATUSES = ("todo", "doing")

# Days between internal reviews, by stored cadence value (from the vocabulary,
# which loads without the ORM, so the first paint can use it).
CADENCE_DAYS = {c.value: c.days for c in Cadence}


@dataclass(slots=True)
class AccountRow:
    """What the account list shows for one account (values, not labels)."""

    id: int
    name: str
    tier: str
    stage: str
    score: float | None
    # the stored text of the amount: parsed to a Decimal only for rows shown
    # (see annual_revenue), which keeps reading 10,000 rows cheap
    revenue_text: str | None
    currency: str | None
    owner: str
    industry: str
    country: str
    next_due: date | None
    has_overdue: bool
    review_due: bool

    @property
    def annual_revenue(self) -> Decimal | None:
        return _decimal(self.revenue_text)

    @property
    def revenue_number(self) -> float | None:
        """For sorting: the amount as a float (currencies are not converted)."""
        try:
            return float(self.revenue_text) if self.revenue_text else None
        except ValueError:
            return None

    @property
    def is_key(self) -> bool:
        return self.tier in KEY_TIERS

    @property
    def flags(self) -> str:
        """Short marks for the list: ⚠ an open action is overdue, ⟳ a review is due."""
        return ("⚠" if self.has_overdue else "") + ("⟳" if self.review_due else "")


_BASICS_SQL = """
SELECT acc.id, acc.name, acc.tier, acc.stage, acc.annual_revenue, acc.currency,
       acc.owner, acc.industry, acc.country,
       CASE
           WHEN acc.last_review IS NULL THEN acc.tier IN ({key_tiers})
           ELSE date(acc.last_review, '+' || (CASE acc.review_cadence {cadence_cases} ELSE 31 END) || ' days') < ?
       END AS review_due
FROM account AS acc
ORDER BY acc.name_key
LIMIT ?
""".format(
    key_tiers=", ".join(f"'{t}'" for t in KEY_TIERS),
    cadence_cases=" ".join(f"WHEN '{k}' THEN {v}" for k, v in CADENCE_DAYS.items()),
)

# weighted score: sum(weight * score) / sum(weight of the criteria scored)
_SCORES_SQL = """
SELECT s.account_id,
       SUM(CAST(c.weight AS REAL) * s.score) / NULLIF(SUM(CAST(c.weight AS REAL)), 0)
FROM score AS s JOIN criterion AS c ON c.id = s.criterion_id
GROUP BY s.account_id
"""

# the earliest due date among each account's open actions; CROSS JOIN keeps
# SQLite scanning actions once rather than probing them goal by goal
_NEXT_DUE_SQL = """
SELECT g.account_id, MIN(a.due_date)
FROM action AS a CROSS JOIN goal AS g ON g.id = a.goal_id
WHERE a.status IN ({open_statuses}) AND a.due_date IS NOT NULL
GROUP BY g.account_id
""".format(open_statuses=", ".join(f"'{s}'" for s in OPEN_ACTION_STATUSES))


def _fetch(conn: Any, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one SELECT on a sqlite3 connection, a SQLAlchemy Connection or a Session."""
    if isinstance(conn, sqlite3.Connection):
        return conn.execute(sql, params).fetchall()
    connection = conn.connection() if hasattr(conn, "connection") and callable(conn.connection) else conn
    return [tuple(r) for r in connection.exec_driver_sql(sql, params).fetchall()]


def _execute(conn: Any, sql: str, params: tuple[Any, ...] = ()) -> None:
    if isinstance(conn, sqlite3.Connection):
        conn.execute(sql, params)
        conn.commit()
        return
    connection = conn.connection() if hasattr(conn, "connection") and callable(conn.connection) else conn
    connection.exec_driver_sql(sql, params)
    conn.commit()


def _decimal(text: str | None) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def account_basics(conn: Any, today: date | None = None, limit: int | None = None) -> list[AccountRow]:
    """Every account (or the first `limit` by name) from its own table alone:
    what the first paint needs. Score and next due date are left empty (see
    add_plan_figures)."""
    iso = (today or date.today()).isoformat()
    return [
        AccountRow(
            id=r[0],
            name=r[1],
            tier=r[2],
            stage=r[3],
            score=None,
            revenue_text=r[4] or None,
            currency=r[5] or None,
            owner=r[6] or "",
            industry=r[7] or "",
            country=r[8] or "",
            next_due=None,
            has_overdue=False,
            review_due=bool(r[9]),
        )
        for r in _fetch(conn, _BASICS_SQL, (iso, -1 if limit is None else limit))
    ]


def add_plan_figures(conn: Any, rows: list[AccountRow], today: date | None = None) -> list[AccountRow]:
    """Fill each row's weighted score, next due date and overdue flag: one
    aggregate query each over the whole database. Returns the same rows."""
    today = today or date.today()
    scores = dict(_fetch(conn, _SCORES_SQL))
    due = dict(_fetch(conn, _NEXT_DUE_SQL))
    for row in rows:
        score = scores.get(row.id)
        row.score = None if score is None else float(score)
        row.next_due = _date(due.get(row.id))
        row.has_overdue = row.next_due is not None and row.next_due < today
    return rows


def account_rows(conn: Any, today: date | None = None) -> list[AccountRow]:
    """Every account as a light row, sorted by name: three queries in all,
    none per account."""
    return add_plan_figures(conn, account_basics(conn, today), today)


def get_key_account_limit(conn: Any) -> int:
    """How many key accounts the user means to keep (default 10)."""
    rows = _fetch(conn, "SELECT value FROM setting WHERE key = ?", (KEY_ACCOUNT_LIMIT,))
    if rows:
        try:
            value = int(str(rows[0][0]).strip())
        except ValueError:
            return DEFAULT_KEY_ACCOUNT_LIMIT
        if 1 <= value <= 999:
            return value
    return DEFAULT_KEY_ACCOUNT_LIMIT


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


def set_key_account_limit(conn: Any, value: Any) -> int:
    """Check and store the limit; commits. Returns the stored number."""
    number = parse_key_account_limit(value)
    _execute(
        conn,
        "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (KEY_ACCOUNT_LIMIT, str(number)),
    )
    return number
