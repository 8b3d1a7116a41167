"""What Today reads: the rows that may be due, picked out by the database.

At 100,000 accounts a portfolio holds about two million actions and most of
a million people, and nearly all of them are not due. Each read here asks
the database for the rows that can be due by the given day (dated open
actions up to it, people whose latest contact is older than their rhythm,
accounts whose review or plan revision falls by it) and builds typed rows
for those alone; the rules (kam_tui/rules) then decide exactly, as they do
in the app. A filter here may let through a row that is not due, never keep
out one that is.

Plain SQL any database speaks, run through a Reader: stdlib sqlite3 on a
file (`kam today` never imports SQLAlchemy there), a connection on a server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kam_tui import vocabulary as v
from kam_tui.store.plans import (
    ContractRow,
    GoalRow,
    MeetingRow,
    OpportunityRow,
    QuestionAnswerRow,
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


def account_names(reader: Reader) -> dict[int, tuple[str, str]]:
    """Every account's (name, owner) by id."""
    return {i: (name, owner) for i, name, owner in reader.rows("SELECT id, name, owner FROM account ORDER BY id")}


def due_actions(reader: Reader, by: date) -> list[DueAction]:
    """Open actions dated `by` or earlier, in id order."""
    rows = reader.rows(
        "SELECT a.id, g.account_id, a.text, a.owner, g.owner, a.due_date"
        " FROM action AS a JOIN goal AS g ON g.id = a.goal_id"
        f" WHERE a.due_date IS NOT NULL AND a.due_date <= :by AND a.status IN ({_OPEN_ACTIONS})"
        " ORDER BY a.id",
        {"by": by},
    )
    day = date_of()
    return [DueAction(i, account, text, own or goal_owner, day(due)) for i, account, text, own, goal_owner, due in rows]


def accounts_due(reader: Reader, by: date) -> list[AccountDue]:
    """Accounts whose review (key accounts, and any on a review rhythm) or
    plan revision can fall due `by` that day, in id order. A review is due a
    cadence after the last one; with none yet the rule counts from the day
    the account was made, so those are all read and the rule decides."""
    cut = {f"cut_{c.value}": by - timedelta(days=c.days) for c in v.Cadence}
    on_time = " OR ".join(f"(review_cadence = '{c.value}' AND last_review <= :cut_{c.value})" for c in v.Cadence)
    rows = reader.rows(
        "SELECT id, name, owner, tier, review_cadence, last_review, next_plan_revision,"
        " CASE WHEN last_review IS NULL THEN created_at END"
        " FROM account"
        f" WHERE ((tier IN ({_KEY_TIERS}) OR last_review IS NOT NULL) AND (last_review IS NULL OR {on_time}))"
        " OR next_plan_revision <= :by"
        " ORDER BY id",
        {"by": by, **cut},
    )
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
