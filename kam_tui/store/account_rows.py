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

from kam_tui import clock
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
    # the account list's filter matches this: its words folded once, when read
    # (kept on the row: a dictionary of them by id cost 5 MB more at 100,000)
    filter_text: str = ""

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
# goal through their index: a sixth faster at 180,000 actions. The status is
# compared as an expression (`|| ''`, a no-op too) for the same reason: through
# Today's index on (status, due date) the goals are looked up in date order,
# all over the file, and the list read 6 times slower at 100,000 accounts.
_NEXT_DUE_SQL = f"""
SELECT g.account_id, MIN(a.due_date)
FROM action AS a JOIN goal AS g ON g.id = +a.goal_id
WHERE a.status || '' IN ({_quoted(OPEN_ACTION_STATUSES)}) AND a.due_date IS NOT NULL
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
    # the database hands each row its own copy of every text; tiers, stages,
    # currencies, owners, industries and countries repeat, so each distinct
    # value is kept once (about 30 MB fewer at 100,000 accounts). The rows
    # come one at a time: all their tuples held at once left the app's
    # memory about 50 MB larger at 100,000 accounts after they were freed.
    once: dict[str, str] = {}
    keep = once.setdefault
    return [
        AccountRow(
            id=r[0],
            name=r[1],
            tier=keep(r[2], r[2]),
            stage=keep(r[3], r[3]),
            score=None,
            revenue_text=r[4] or None,
            currency=keep(r[5], r[5]) if r[5] else None,
            owner=keep(r[6], r[6]) if r[6] else "",
            industry=keep(r[7], r[7]) if r[7] else "",
            country=keep(r[8], r[8]) if r[8] else "",
            next_due=None,
            has_overdue=False,
            review_due=bool(r[9]),
        )
        for r in reader.stream(sql, _review_cut_offs(today or clock.today()))
    ]


def add_plan_figures(reader: Reader, rows: list[AccountRow], today: date | None = None) -> list[AccountRow]:
    """Fill each row's weighted score, next due date and overdue flag: one
    aggregate query each over the whole database. Returns the same rows."""
    today = today or clock.today()
    # scores and due dates repeat across accounts: each distinct one is kept once
    score_of: dict[Any, float | None] = {None: None}
    date_of: dict[Any, date | None] = {None: None}
    scores = {}
    for account_id, score in reader.stream(_SCORES_SQL):
        scores[account_id] = score_of.get(score) or score_of.setdefault(score, float(score))
    due = {}
    for account_id, when in reader.stream(_NEXT_DUE_SQL):
        due[account_id] = date_of.get(when) or date_of.setdefault(when, _date(when))
    for row in rows:
        row.score = scores.get(row.id)
        row.next_due = due.get(row.id)
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
