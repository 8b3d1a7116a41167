"""What Today reads: the rows that may be due, picked out by the database.

At 100,000 accounts a portfolio holds about two million actions and most of
a million people, and nearly all of them are not due. Each read here asks
the database for the rows that can be due by the given day (dated open
actions up to it, people whose latest contact is older than their rhythm,
accounts whose review or plan revision falls by it) and builds typed rows
for those alone; the rules (kam_tui/rules) then decide exactly, as they do
in the app. A filter here may let through a row that is not due, never keep
out one that is.

A Today longer than anyone reads (half a million items at 100,000 accounts)
is counted and only its first items read: for that, each kind is also stated
exactly in SQL below (the `Due` kinds), the same rules restated for the
database, held to the rules by tests/services/test_today_summary.py, and
helped by the indexes on the due columns (revision 0006).

Plain SQL any database speaks, run through a Reader: stdlib sqlite3 on a
file (`kam today` never imports SQLAlchemy there), a connection on a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from kam_tui import vocabulary as v
from kam_tui.store.plans import (
    ContractRow,
    GoalRow,
    MeetingRow,
    OpportunityRow,
    QuestionAnswerRow,
    built,
    columns_of,
    date_of,
    datetime_of,
    read_rows,
    read_where,
    vocab_of,
)
from kam_tui.store.reader import Reader


def _listed(values: list[str]) -> str:
    # vocabulary values only (never user text), so they are written into the SQL
    return ", ".join(f"'{value}'" for value in values)


_OPEN_ACTIONS = _listed([s.value for s in v.ActionStatus if not s.is_closed])
_OPEN_GOALS = _listed([s.value for s in v.GoalStatus if not s.is_closed])
_KEY_TIERS = _listed([t.value for t in v.Tier if t.is_key])
_WEAK = _listed([s.value for s in v.ContactStrength if s.is_weak])


@dataclass(slots=True, eq=False)
class DueAction:
    id: int
    account_id: int
    text: str
    owner: str  # the action's, else its goal's
    due_date: date


@dataclass(slots=True, eq=False)
class AccountDue:
    """An account with what its review and plan revision are due by."""

    id: int
    name: str
    owner: str
    tier: v.Tier
    review_cadence: v.Cadence
    last_review: date | None
    next_plan_revision: date | None
    created_at: datetime | None  # read only when there is no review yet (the rule starts from it then)


@dataclass(slots=True, eq=False)
class PersonDue:
    """A stakeholder with what their contact rhythm is judged on."""

    id: int
    account_id: int
    name: str
    title: str
    influence: v.Influence
    contact_strength: v.ContactStrength
    last_contact: date | None  # typed by hand
    contact_rhythm_days: int | None
    logged: date | None  # the latest contact in the log


def account_names(reader: Reader, ids: set[int] | None = None) -> dict[int, tuple[str, str]]:
    """Every account's (name, owner) by id, or those of `ids`."""
    sql = "SELECT id, name, owner FROM account"
    if ids is not None:
        if not ids:
            return {}
        sql += f" WHERE id IN ({', '.join(str(int(i)) for i in sorted(ids))})"
    return {i: (name, owner) for i, name, owner in reader.rows(f"{sql} ORDER BY id", None)}


_ACTIONS_SELECT = "a.id, g.account_id, a.text, a.owner, g.owner, a.due_date"
_ACTIONS_JOINED = "action AS a JOIN goal AS g ON g.id = a.goal_id"


def due_actions(reader: Reader, by: date) -> list[DueAction]:
    """Open actions dated `by` or earlier, in id order."""
    rows = reader.rows(
        f"SELECT {_ACTIONS_SELECT} FROM {_ACTIONS_JOINED} WHERE {_open_actions(None)} ORDER BY a.id", {"by": by}
    )
    return _actions(rows)


def _actions(rows: list[tuple[Any, ...]]) -> list[DueAction]:
    day = date_of()
    return [DueAction(i, account, text, own or goal_owner, day(due)) for i, account, text, own, goal_owner, due in rows]


def _open_actions(since: date | None) -> str:
    where = f"a.status IN ({_OPEN_ACTIONS}) AND a.due_date IS NOT NULL AND a.due_date <= :by"
    return where if since is None else f"{where} AND a.due_date >= :since"


def accounts_due(reader: Reader, by: date) -> list[AccountDue]:
    """Accounts whose review (key accounts, and any on a review rhythm) or
    plan revision can fall due `by` that day, in id order. A review is due a
    cadence after the last one; with none yet the rule counts from the day
    the account was made, so those are all read and the rule decides."""
    cut = {f"cut_{c.value}": by - timedelta(days=c.days) for c in v.Cadence}
    on_time = " OR ".join(f"(review_cadence = '{c.value}' AND last_review <= :cut_{c.value})" for c in v.Cadence)
    rows = reader.rows(
        f"SELECT {_ACCOUNT_DUE_SELECT}"
        " FROM account AS c"
        f" WHERE ((tier IN ({_KEY_TIERS}) OR last_review IS NOT NULL) AND (last_review IS NULL OR {on_time}))"
        " OR next_plan_revision <= :by"
        " ORDER BY id",
        {"by": by, **cut},
    )
    return _accounts(rows)


_ACCOUNT_DUE_SELECT = (
    "c.id, c.name, c.owner, c.tier, c.review_cadence, c.last_review, c.next_plan_revision,"
    " CASE WHEN c.last_review IS NULL THEN c.created_at END"
)


def _accounts(rows: list[tuple[Any, ...]]) -> list[AccountDue]:
    day, moment, tier_of, cadence_of = date_of(), datetime_of(), vocab_of(v.Tier), vocab_of(v.Cadence)
    return [
        AccountDue(i, name, owner, tier_of(tier), cadence_of(cadence), day(last), day(revision), moment(made))
        for i, name, owner, tier, cadence, last, revision, made in rows
    ]


def people_due(reader: Reader, rhythms: dict[v.Influence, int], by: date) -> list[PersonDue]:
    """People whose next contact can be due `by` that day, in id order: those
    with a rhythm of their own and those with no contact on record (the rule
    decides), and the rest whose latest contact, logged or typed, is at least
    their influence's rhythm old."""
    cut = {f"cut_{i.value}": by - timedelta(days=days) for i, days in rhythms.items()}
    old_enough = " OR ".join(
        f"(s.influence = '{i.value}' AND (l.day IS NULL OR l.day <= :cut_{i.value})"
        f" AND (s.last_contact IS NULL OR s.last_contact <= :cut_{i.value}))"
        for i in rhythms
    )
    # with no contact on record, only someone of high influence we barely know is due (rules/contacts.py)
    first = f"s.influence = '{v.Influence.HIGH.value}' AND s.contact_strength IN ({_WEAK})"
    rows = reader.rows(
        "SELECT s.id, s.account_id, s.name, s.title, s.influence, s.contact_strength, s.last_contact,"
        " s.contact_rhythm_days, l.day"
        " FROM stakeholder AS s LEFT JOIN"
        " (SELECT stakeholder_id, MAX(happened_on) AS day FROM interaction GROUP BY stakeholder_id) AS l"
        " ON l.stakeholder_id = s.id"
        " WHERE s.contact_rhythm_days IS NOT NULL AND s.contact_rhythm_days <> 0"
        f" OR (l.day IS NULL AND s.last_contact IS NULL AND {first})"
        f" OR ((l.day IS NOT NULL OR s.last_contact IS NOT NULL) AND ({old_enough}))"
        " ORDER BY s.id",
        cut,
    )
    return _people(rows)


def _people(rows: list[tuple[Any, ...]]) -> list[PersonDue]:
    day, influence_of, strength_of = date_of(), vocab_of(v.Influence), vocab_of(v.ContactStrength)
    return [
        PersonDue(i, account, name, title, influence_of(influence), strength_of(strength), day(typed), own, day(logged))
        for i, account, name, title, influence, strength, typed, own, logged in rows
    ]


def settings(reader: Reader) -> dict[str, str]:
    return {key: value for key, value in reader.rows("SELECT key, value FROM setting")}


def meetings(reader: Reader) -> list[MeetingRow]:
    """The standing meetings of every account, in id order."""
    rows: list[MeetingRow] = read_rows(reader, MeetingRow)
    return rows


def levels_held(reader: Reader) -> list[tuple[int, v.MeetingKind, date]]:
    """(account id, level, latest day) for every level an account's logged contacts met at."""
    day, kind_of = date_of(), vocab_of(v.MeetingKind)
    return [
        (account, kind_of(level), day(latest))
        for account, level, latest in reader.rows(
            "SELECT s.account_id, i.level, MAX(i.happened_on) FROM interaction i"
            " JOIN stakeholder s ON s.id = i.stakeholder_id WHERE i.level IS NOT NULL GROUP BY s.account_id, i.level"
        )
    ]


def reviews_held(reader: Reader) -> list[tuple[int, v.MeetingKind, date]]:
    """(account id, kind, latest day) for every kind of review an account held."""
    day, kind_of = date_of(), vocab_of(v.MeetingKind)
    return [
        (account, kind_of(kind), day(latest))
        for account, kind, latest in reader.rows(
            "SELECT account_id, kind, MAX(held_on) FROM review GROUP BY account_id, kind"
        )
    ]


def dated_contracts(reader: Reader) -> list[ContractRow]:
    rows: list[ContractRow] = read_where(reader, ContractRow, "ends_on IS NOT NULL")
    return rows


def questions_due(reader: Reader, by: date) -> list[QuestionAnswerRow]:
    """Growth questions still unknown that someone promised to find out by `by`."""
    rows: list[QuestionAnswerRow] = read_where(
        reader,
        QuestionAnswerRow,
        "status = :unknown AND due_date IS NOT NULL AND due_date <= :by",
        {"unknown": v.QuestionStatus.UNKNOWN.value, "by": by},
    )
    return rows


def goals_late(reader: Reader, today: date) -> list[GoalRow]:
    """Open goals past their target date."""
    rows: list[GoalRow] = read_where(
        reader,
        GoalRow,
        f"target_date IS NOT NULL AND target_date < :today AND status IN ({_OPEN_GOALS})",
        {"today": today},
    )
    return rows


def opportunities_late(reader: Reader, today: date) -> list[OpportunityRow]:
    """Open opportunities past their expected close."""
    rows: list[OpportunityRow] = read_where(
        reader,
        OpportunityRow,
        "status = :open AND expected_close IS NOT NULL AND expected_close < :today",
        {"open": v.OpportunityStatus.OPEN.value, "today": today},
    )
    return rows


# ---------------------------------------------------------------- counting, and the first few


@dataclass(frozen=True, slots=True)
class Due:
    """One kind of Today item stated exactly in SQL: counted without reading
    its rows, and its first few read in Today's order."""

    rows: str  # FROM what `where` reads
    where: str
    due: str  # when each is due, in an order that agrees with the dates (NULL: no date, listed first)
    account: str  # the account's id
    order: str  # the rows' own order among the equal
    # FROM the account (as c) first, then the rows ({join} joins the first of them);
    # None: the rows are the accounts
    by_account: str | None
    params: dict[str, object]
    # the rows with no date and those with one, apart, when a kind has both (each can use its own index)
    undated: str | None = None
    dated: str | None = None


def count(reader: Reader, kind: Due, *, dated: bool = False) -> int:
    """How many are due of that kind (`dated`: of those with a date)."""
    if kind.undated is None:
        return _count(reader, kind, kind.where)
    with_date = _count(reader, kind, kind.dated or kind.where)
    return with_date if dated else undated_count(reader, kind) + with_date


def undated_count(reader: Reader, kind: Due) -> int:
    """How many of a kind have no date (none, for a kind whose items all have one)."""
    return _count(reader, kind, kind.undated) if kind.undated else 0


def _count(reader: Reader, kind: Due, where: str, params: dict[str, object] | None = None) -> int:
    [(n,)] = reader.rows(f"SELECT COUNT(*) FROM {kind.rows} WHERE {where}", params or kind.params)
    return int(n)


# A tie on one day bigger than this is read account by account in name order
# (stopping at the first few) rather than all read and sorted: 133,000 people
# never contacted at 100,000 accounts took 0.13 s sorted, under 1 ms so.
_BIG_TIE = 2_000


def _first(reader: Reader, kind: Due, select: str, n: int, undated: int | None = None) -> list[tuple[Any, ...]]:
    """The rows (`select` of them) of the first `n` due of a kind in Today's
    order: no date first, then the earliest, then by account name, then by
    their text. The database orders by all but the text, which Today writes
    itself; so the rows tied with the last one (same day, same account) are
    all read, and Today's sort picks among them. `undated`: undated_count,
    when the caller has it already."""
    if n <= 0:
        return []
    name = "c.name_key" if reader.dialect == "sqlite" else 'c.name_key COLLATE "C"'  # Python's str order
    if kind.by_account is None:  # a row per account: one read, sorted by the database
        return [
            row[:-1]
            for row in reader.rows(
                f"SELECT {select}, {kind.due} FROM {kind.rows} WHERE {kind.where}"
                f" ORDER BY CASE WHEN {kind.due} IS NULL THEN 0 ELSE 1 END, {kind.due}, {name}, {kind.order}"
                f" LIMIT {int(n)}",
                kind.params,
            )
        ]
    plain = kind.by_account.format(join="JOIN", by_goal="")
    everything = f"SELECT {select} FROM {plain} WHERE {{where}} ORDER BY {kind.order}"
    if undated is None:
        undated = undated_count(reader, kind)
    if undated >= n:
        due = None
        before: list[tuple[Any, ...]] = []
        tie = undated
    else:
        # the day of the n-th, found on the dates alone; all before it are fewer than n
        dated = kind.dated or kind.where
        nth = int(n - undated - 1)
        found = reader.rows(
            f"SELECT {kind.due} FROM {kind.rows} WHERE {dated} ORDER BY {kind.due} LIMIT 1 OFFSET {nth}", kind.params
        )
        if not found:  # fewer than n in all
            return reader.rows(everything.format(where=kind.where), kind.params)
        [(due,)] = found
        before = reader.rows(
            everything.format(where=f"({kind.where}) AND ({kind.due} IS NULL OR {kind.due} < :kam_due)"),
            {**kind.params, "kam_due": due},
        )
        tie = _count(reader, kind, f"({dated}) AND {kind.due} = :kam_due", {**kind.params, "kam_due": due})
    same_day = f"{kind.due} IS NULL" if due is None else f"{kind.due} = :kam_due"
    params = {**kind.params, "kam_due": due}
    # SQLite's planner takes the tables in the order written after CROSS JOIN,
    # and is told to find an account's actions through their goals
    by_name = kind.by_account.format(join="CROSS JOIN", by_goal=" INDEXED BY ix_action_goal_id")
    if reader.dialect != "sqlite":
        by_name = plain
    tables = by_name if tie > _BIG_TIE else plain
    at = reader.rows(
        f"SELECT {select}, {kind.account} FROM {tables}"
        f" WHERE ({kind.where}) AND {same_day}"
        f" ORDER BY {name}, {kind.account}, {kind.order} LIMIT {int(n - len(before))}",
        params,
    )
    if not at:
        return before
    last = at[-1][-1]
    tied = reader.rows(
        f"SELECT {select} FROM {by_name} WHERE ({kind.where}) AND {same_day} AND {kind.account} = :kam_account"
        f" ORDER BY {kind.order}",
        {**params, "kam_account": last},
    )
    return before + [row[:-1] for row in at if row[-1] != last] + tied


def _day(reader_dialect: str, expr: str) -> str:
    """A date's (or a stored time's UTC date's) number of days, to add days to in SQL."""
    if reader_dialect == "sqlite":
        return f"CAST(julianday(date({expr})) AS INTEGER)"
    return f"(CAST({expr} AS DATE) - DATE '2000-01-01')"


def actions_due(by: date, since: date | None = None) -> Due:
    """Open actions dated `by` or earlier (and `since` or later)."""
    params: dict[str, object] = {"by": by} if since is None else {"by": by, "since": since}
    return Due(
        "action AS a",
        _open_actions(since),
        "a.due_date",
        "g.account_id",
        "a.id",
        "account AS c {join} goal AS g ON g.account_id = c.id JOIN action AS a{by_goal} ON a.goal_id = g.id",
        params,
    )


_LOGGED = "(SELECT stakeholder_id, MAX(happened_on) AS day FROM interaction GROUP BY stakeholder_id)"
_PEOPLE = f"stakeholder AS s LEFT JOIN {_LOGGED} AS l ON l.stakeholder_id = s.id"
# the latest contact, logged or typed (rules/contacts.last_contact_of)
_LAST = "CASE WHEN l.day IS NULL OR s.last_contact > l.day THEN s.last_contact ELSE l.day END"


def contacts_due(dialect: str, rhythms: dict[v.Influence, int], by: date) -> Due:
    """People whose contact is due by `by` (rules/contacts: past their rhythm,
    their own or their influence's; with none on record, high influence and
    barely known)."""
    by_influence = " ".join(f"WHEN '{i.value}' THEN {int(days)}" for i, days in rhythms.items())
    rhythm = (
        "CASE WHEN s.contact_rhythm_days IS NOT NULL AND s.contact_rhythm_days <> 0 THEN s.contact_rhythm_days"
        f" ELSE CASE s.influence {by_influence} END END"
    )
    due = f"{_day(dialect, _LAST)} + {rhythm}"
    first = (
        f"s.influence = '{v.Influence.HIGH.value}' AND s.contact_strength IN ({_WEAK})"
        " AND s.last_contact IS NULL AND l.day IS NULL"
    )
    # a due day needs a contact on record, and the first contact none: never both. Past the
    # influence's rhythm is the latest contact on or before a day, no date sums for most people.
    cuts = " ".join(f"WHEN '{i.value}' THEN :cut_{i.value}" for i in rhythms)
    own = "s.contact_rhythm_days IS NOT NULL AND s.contact_rhythm_days <> 0"
    dated = f"(NOT ({own}) AND {_LAST} <= CASE s.influence {cuts} END) OR ({own} AND {due} <= {_day(dialect, ':by')})"
    return Due(
        _PEOPLE,
        f"({first}) OR {dated}",
        due,
        "s.account_id",
        "s.id",
        f"account AS c {{join}} stakeholder AS s ON s.account_id = c.id LEFT JOIN {_LOGGED} AS l"
        " ON l.stakeholder_id = s.id",
        {"by": by, **{f"cut_{i.value}": by - timedelta(days=days) for i, days in rhythms.items()}},
        first,
        dated,
    )


_CADENCE_DAYS = " ".join(f"WHEN '{c.value}' THEN {c.days}" for c in v.Cadence)


def reviews_due(dialect: str, today: date, by: date) -> Due:
    """Accounts whose review is due by `by` (rules/reviews.next_review: a
    cadence after the last, or after the day the account was made; key
    accounts and any account already on a review rhythm)."""
    base = f"COALESCE({_day(dialect, 'c.last_review')}, {_day(dialect, 'c.created_at')}, {_day(dialect, ':today')})"
    due = f"{base} + CASE c.review_cadence {_CADENCE_DAYS} END"
    return Due(
        "account AS c",
        f"(c.tier IN ({_KEY_TIERS}) OR c.last_review IS NOT NULL) AND {due} <= {_day(dialect, ':by')}",
        due,
        "c.id",
        "c.id",
        None,
        {"today": today, "by": by},
    )


def revisions_due(by: date) -> Due:
    """Accounts whose written plan is due for revision by `by`."""
    return Due(
        "account AS c",
        "c.next_plan_revision IS NOT NULL AND c.next_plan_revision <= :by",
        "c.next_plan_revision",
        "c.id",
        "c.id",
        None,
        {"by": by},
    )


def _of_account(table: str, alias: str, where: str, due: str, order: str, params: dict[str, object]) -> Due:
    return Due(
        f"{table} AS {alias}",
        where,
        due,
        f"{alias}.account_id",
        order,
        f"account AS c {{join}} {table} AS {alias} ON {alias}.account_id = c.id",
        params,
    )


def questions_due_by(by: date) -> Due:
    """Growth questions still unknown that someone promised to find out by `by`."""
    return _of_account(
        "question_answer",
        "q",
        "q.status = :unknown AND q.due_date IS NOT NULL AND q.due_date <= :by",
        "q.due_date",
        "q.question_key",
        {"unknown": v.QuestionStatus.UNKNOWN.value, "by": by},
    )


def goals_past(today: date) -> Due:
    """Open goals past their target date."""
    return _of_account(
        "goal",
        "g",
        f"g.status IN ({_OPEN_GOALS}) AND g.target_date IS NOT NULL AND g.target_date < :today",
        "g.target_date",
        "g.id",
        {"today": today},
    )


def opportunities_past(today: date) -> Due:
    """Open opportunities past their expected close."""
    return _of_account(
        "opportunity",
        "o",
        "o.status = :open AND o.expected_close IS NOT NULL AND o.expected_close < :today",
        "o.expected_close",
        "o.id",
        {"open": v.OpportunityStatus.OPEN.value, "today": today},
    )


def first_actions(reader: Reader, kind: Due, n: int) -> list[DueAction]:
    """The first `n` actions of `actions_due` in Today's order (and those tied with the last)."""
    return _actions(_first(reader, kind, _ACTIONS_SELECT, n))


def first_people(reader: Reader, kind: Due, n: int, undated: int | None = None) -> list[PersonDue]:
    """The first `n` people of `contacts_due` in Today's order (and those tied
    with the last); `undated`: how many were never contacted, when known."""
    rows = _first(
        reader,
        kind,
        "s.id, s.account_id, s.name, s.title, s.influence, s.contact_strength, s.last_contact,"
        " s.contact_rhythm_days, l.day",
        n,
        undated,
    )
    return _people(rows)


def first_accounts(reader: Reader, kind: Due, n: int) -> list[AccountDue]:
    """The first `n` accounts of `reviews_due` or `revisions_due` in Today's order."""
    return _accounts(_first(reader, kind, _ACCOUNT_DUE_SELECT, n))


def first_rows(reader: Reader, kind: Due, cls: type[Any], alias: str, n: int) -> list[Any]:
    """The first `n` rows of a kind read from one table (questions, goals,
    opportunities), typed as `cls`, in Today's order."""
    return built(cls, _first(reader, kind, columns_of(cls, alias), n))
