"""The portfolio at a glance: one light row per account for the account list,
read with a handful of aggregate queries over the whole database, never one
query per account (10,000 accounts with their actions read in tens of
milliseconds).

No model import: the account list is the first screen, and on a file it
paints before SQLModel (about half a second to import) is loaded, reading
through a plain sqlite3 Reader; on a server the same SQL runs through the
engine (kam_tui/store/reader.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from kam_tui.store.reader import Reader
from kam_tui.vocabulary import Cadence

KEY_ACCOUNT_LIMIT = "key_account_limit"
DEFAULT_KEY_ACCOUNT_LIMIT = 10
KEY_TIERS = ("existing_key", "emerging_key")
OPEN_ACTION_STATUSES = ("todo", "doing")
# days between internal reviews for a cadence the vocabulary does not know
OTHER_CADENCE_DAYS = 31

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
        """Short marks for the list: ⚠ an open action is overdue, ↻ a review is due."""
        return ("⚠" if self.has_overdue else "") + ("↻" if self.review_due else "")


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


# A review is due when the last one is older than its cadence allows; an
# account never reviewed is due when it is key. The cut-off dates are bound
# per cadence, so the comparison is plain date against date in any database.
_BASICS_SQL = """
SELECT acc.id, acc.name, acc.tier, acc.stage, acc.annual_revenue, acc.currency,
       acc.owner, acc.industry, acc.country,
       CASE
           WHEN acc.last_review IS NULL THEN CASE WHEN acc.tier IN ({key_tiers}) THEN 1 ELSE 0 END
           {cadence_cases}
           WHEN acc.last_review < :due_other THEN 1
           ELSE 0
       END AS review_due
FROM account AS acc
ORDER BY acc.name_key
""".format(
    key_tiers=_quoted(KEY_TIERS),
    cadence_cases="\n           ".join(
        f"WHEN acc.review_cadence = '{k}' THEN CASE WHEN acc.last_review < :due_{k} THEN 1 ELSE 0 END"
        for k in CADENCE_DAYS
    ),
)

# weighted score: sum(weight * score) / sum(weight of the criteria scored);
# FLOAT is a double in both databases
_SCORES_SQL = """
SELECT s.account_id,
       SUM(CAST(c.weight AS FLOAT) * s.score) / NULLIF(SUM(CAST(c.weight AS FLOAT)), 0)
FROM score AS s JOIN criterion AS c ON c.id = s.criterion_id
GROUP BY s.account_id
"""

# the earliest due date among each account's open actions. The unary plus on
# a.goal_id (a no-op for any database) keeps SQLite scanning the actions once
# and looking each goal up by its id, rather than probing the actions goal by
# goal through their index: a sixth faster at 180,000 actions.
_NEXT_DUE_SQL = f"""
SELECT g.account_id, MIN(a.due_date)
FROM action AS a JOIN goal AS g ON g.id = +a.goal_id
WHERE a.status IN ({_quoted(OPEN_ACTION_STATUSES)}) AND a.due_date IS NOT NULL
GROUP BY g.account_id
"""


def _decimal(text: str | None) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _date(value: Any) -> date | None:
    """A stored date: ISO text in a file, a date on a server."""
    if not value:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _review_cut_offs(today: date) -> dict[str, date]:
    cuts = {f"due_{k}": today - timedelta(days=days) for k, days in CADENCE_DAYS.items()}
    cuts["due_other"] = today - timedelta(days=OTHER_CADENCE_DAYS)
    return cuts


def account_basics(reader: Reader, today: date | None = None, limit: int | None = None) -> list[AccountRow]:
    """Every account (or the first `limit` by name) from its own table alone:
    what the first paint needs. Score and next due date are left empty (see
    add_plan_figures)."""
    sql = _BASICS_SQL if limit is None else f"{_BASICS_SQL} LIMIT {int(limit)}"
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
        for r in reader.rows(sql, _review_cut_offs(today or date.today()))
    ]


def add_plan_figures(reader: Reader, rows: list[AccountRow], today: date | None = None) -> list[AccountRow]:
    """Fill each row's weighted score, next due date and overdue flag: one
    aggregate query each over the whole database. Returns the same rows."""
    today = today or date.today()
    scores = dict(reader.rows(_SCORES_SQL))
    due = dict(reader.rows(_NEXT_DUE_SQL))
    for row in rows:
        score = scores.get(row.id)
        row.score = None if score is None else float(score)
        row.next_due = _date(due.get(row.id))
        row.has_overdue = row.next_due is not None and row.next_due < today
    return rows


def account_rows(reader: Reader, today: date | None = None) -> list[AccountRow]:
    """Every account as a light row, sorted by name: three queries in all,
    none per account."""
    return add_plan_figures(reader, account_basics(reader, today), today)


def key_account_limit(reader: Reader) -> int:
    """How many key accounts the user means to keep (default 10)."""
    rows = reader.rows("SELECT value FROM setting WHERE key = :key", {"key": KEY_ACCOUNT_LIMIT})
    if rows:
        try:
            value = int(str(rows[0][0]).strip())
        except ValueError:
            return DEFAULT_KEY_ACCOUNT_LIMIT
        if 1 <= value <= 999:
            return value
    return DEFAULT_KEY_ACCOUNT_LIMIT
