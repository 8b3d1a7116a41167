"""The plans as the export reads them: every table read once with plain sqlite3,
grouped by account into light row objects.

The row objects carry the models' attribute names and types (vocabulary enums
from kam_tui.vocabulary, dates as dates, DecimalText as Decimal), so the rules
in kam_tui/rules and the section renderers read them exactly as they would read
ORM objects. No SQLAlchemy here: `kam export --all` never loads it.

`read_portfolio(con)` reads every plan; `read_plan(con, account_id)` reads one
(the portfolio-wide figures, criteria, scores and settings, are read whole for
either, since a plan shows its rank among all accounts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, make_dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any, Protocol

from kam_tui import vocabulary as v
from kam_tui.rules import scoring
from kam_tui.rules.rows import Row


class _Memo(dict[Any, Any]):
    """A converter as a dict: a value seen before (most dates, amounts and
    every enum value repeat) costs one C-level lookup; None stays None."""

    def __init__(self, convert: Callable[[Any], Any], known: dict[Any, Any] | None = None) -> None:
        super().__init__(known or {})
        self[None] = None
        self._convert = convert

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._convert(key)
        return value


def _enum(cls: type[v.Vocab]) -> Callable[[Any], Any]:
    return _Memo(cls, {m.value: m for m in cls}).__getitem__


_date = _Memo(date.fromisoformat).__getitem__
_datetime = _Memo(datetime.fromisoformat).__getitem__
_decimal = _Memo(Decimal).__getitem__
_bool = bool


class Session(Protocol):
    """A SQLAlchemy Session, as far as the read model uses one: named here so
    that the export never imports SQLAlchemy, not even for its types."""

    def flush(self) -> None: ...

    def connection(self) -> Any: ...


# table -> (row class name, [(column, converter or None)], ORDER BY). The
# orders are those the plan's readers see through the ORM (rowid order where
# the services let SQLite choose; the rules sort the rest themselves).
_TABLES: dict[str, tuple[str, list[tuple[str, object]], str]] = {
    "account": (
        "AccountRow",
        [
            ("id", None),
            ("name", None),
            ("name_key", None),
            ("industry", None),
            ("country", None),
            ("annual_revenue", _decimal),
            ("currency", None),
            ("employees", None),
            ("crm_id", None),
            ("website", None),
            ("tier", _enum(v.Tier)),
            ("focus", _enum(v.Focus)),
            ("why_key", None),
            ("what_we_want", None),
            ("owner", None),
            ("stage", _enum(v.Stage)),
            ("depth", _enum(v.PlanDepth)),
            ("review_cadence", _enum(v.Cadence)),
            ("last_review", _date),
            ("next_plan_revision", _date),
            ("notes", None),
            ("created_at", _datetime),
            ("updated_at", _datetime),
        ],
        "id",
    ),
    "tier_change": (
        "TierChangeRow",
        [
            ("id", None),
            ("account_id", None),
            ("from_tier", _enum(v.Tier)),
            ("to_tier", _enum(v.Tier)),
            ("reason", None),
            ("changed_at", _datetime),
        ],
        "changed_at, id",
    ),
    "criterion": (
        "CriterionRow",
        [
            ("id", None),
            ("name", None),
            ("name_key", None),
            ("weight", _decimal),
            ("position", None),
        ],
        "position, id",
    ),
    "team_member": (
        "TeamMemberRow",
        [
            ("id", None),
            ("account_id", None),
            ("name", None),
            ("title", None),
            ("is_executive_sponsor", _bool),
            ("notes", None),
        ],
        "name, id",
    ),
    "stakeholder": (
        "StakeholderRow",
        [
            ("id", None),
            ("account_id", None),
            ("name", None),
            ("title", None),
            ("department", None),
            ("buying_role", _enum(v.BuyingRole)),
            ("influence", _enum(v.Influence)),
            ("attitude", _enum(v.Attitude)),
            ("contact_strength", _enum(v.ContactStrength)),
            ("covered_by_id", None),
            ("reports_to_id", None),
            ("last_contact", _date),
            ("notes", None),
        ],
        "id",
    ),
    "profile_text": (
        "ProfileTextRow",
        [
            ("account_id", None),
            ("section", _enum(v.ProfileSection)),
            ("text", None),
        ],
        "rowid",
    ),
    "swot_run": (
        "SwotRunRow",
        [
            ("id", None),
            ("account_id", None),
            ("run_on", _date),
            ("notes", None),
        ],
        "id",
    ),
    "swot_item": (
        "SwotItemRow",
        [
            ("id", None),
            ("run_id", None),
            ("quadrant", _enum(v.SwotQuadrant)),
            ("position", None),
            ("text", None),
            ("copied_from_id", None),
        ],
        "id",
    ),
    "third_party": (
        "ThirdPartyRow",
        [
            ("id", None),
            ("account_id", None),
            ("kind", _enum(v.PartyKind)),
            ("name", None),
            ("notes", None),
        ],
        "id",
    ),
    "opportunity": (
        "OpportunityRow",
        [
            ("id", None),
            ("account_id", None),
            ("name", None),
            ("value", _decimal),
            ("currency", None),
            ("status", _enum(v.OpportunityStatus)),
            ("expected_close", _date),
            ("closed_on", _date),
            ("notes", None),
        ],
        "id",
    ),
    "whitespace_unit": (
        "WhitespaceUnitRow",
        [
            ("id", None),
            ("account_id", None),
            ("name", None),
            ("position", None),
        ],
        "position, id",
    ),
    "whitespace_offering": (
        "WhitespaceOfferingRow",
        [
            ("id", None),
            ("account_id", None),
            ("name", None),
            ("position", None),
        ],
        "position, id",
    ),
    "goal": (
        "GoalRow",
        [
            ("id", None),
            ("account_id", None),
            ("horizon", _enum(v.Horizon)),
            ("text", None),
            ("owner", None),
            ("target_date", _date),
            ("status", _enum(v.GoalStatus)),
            ("position", None),
        ],
        "id",
    ),
    # by goal, then id: how the checklist's "goal_id IN (...)" read returns them
    "action": (
        "ActionRow",
        [
            ("id", None),
            ("goal_id", None),
            ("text", None),
            ("owner", None),
            ("due_date", _date),
            ("status", _enum(v.ActionStatus)),
            ("completed_on", _date),
            ("position", None),
        ],
        "goal_id, id",
    ),
    "question_answer": (
        "QuestionAnswerRow",
        [
            ("account_id", None),
            ("question_key", None),
            ("status", _enum(v.QuestionStatus)),
            ("answer", None),
            ("finder", None),
            ("due_date", _date),
        ],
        "rowid",
    ),
    "kpi": (
        "KpiRow",
        [
            ("id", None),
            ("account_id", None),
            ("name", None),
            ("unit", None),
            ("higher_is_better", _bool),
            ("position", None),
        ],
        "position, id",
    ),
    "kpi_value": (
        "KpiValueRow",
        [
            ("id", None),
            ("kpi_id", None),
            ("period", None),
            ("target", _decimal),
            ("actual", _decimal),
        ],
        "kpi_id, id",
    ),
    "review": (
        "ReviewRow",
        [
            ("id", None),
            ("account_id", None),
            ("held_on", _date),
            ("kind", _enum(v.MeetingKind)),
            ("notes", None),
            ("decisions", None),
        ],
        "held_on DESC, id DESC",
    ),
    "meeting": (
        "MeetingRow",
        [
            ("id", None),
            ("account_id", None),
            ("kind", _enum(v.MeetingKind)),
            ("frequency", _enum(v.Frequency)),
            ("attendees", None),
            ("agenda", None),
        ],
        "id",
    ),
}

# Light row classes: slots, compared by identity like ORM objects.
ROW_TYPES = {
    table: make_dataclass(cls, [c for c, _ in cols], slots=True, eq=False)
    for table, (cls, cols, _order) in _TABLES.items()
}


def _row_maker(table: str) -> Callable[[tuple[Any, ...]], Row]:
    """row tuple -> row object, converting the columns that need it. Written
    out per table (as dataclasses writes __init__): a loop over the columns
    costs more than the read itself for a thousand plans."""
    cols = _TABLES[table][1]
    args = ", ".join(f"c{i}(r[{i}])" if conv else f"r[{i}]" for i, (_c, conv) in enumerate(cols))
    names = {f"c{i}": conv for i, (_c, conv) in enumerate(cols) if conv}
    maker: Callable[[tuple[Any, ...]], Row] = eval(f"lambda r: Row({args})", {"Row": ROW_TYPES[table], **names})
    return maker


_MAKERS = {table: _row_maker(table) for table in _TABLES}


# How a child table reaches its account when it has no account_id of its own.
_PARENT = {"swot_item": ("run_id", "swot_run"), "action": ("goal_id", "goal"), "kpi_value": ("kpi_id", "kpi")}


def _read(con: sqlite3.Connection, table: str, account_id: int | None) -> list[Row]:
    _cls, cols, order = _TABLES[table]
    names = ", ".join(c for c, _ in cols)
    sql = f"SELECT {names} FROM {table}"
    args: tuple[int, ...] = ()
    if account_id is not None and table != "criterion":
        if table == "account":
            sql += " WHERE id = ?"
        elif table in _PARENT:
            key, parent = _PARENT[table]
            sql += f" WHERE {key} IN (SELECT id FROM {parent} WHERE account_id = ?)"
        else:
            sql += " WHERE account_id = ?"
        args = (account_id,)
    sql += f" ORDER BY {order}"
    return list(map(_MAKERS[table], con.execute(sql, args)))


@dataclass(slots=True, eq=False)
class Plan:
    """One account's plan: the account and its rows, each list in the order the
    ORM would read it (the rules sort them as each section shows them)."""

    account: Row
    portfolio: Portfolio
    today: date
    tier_changes: list[Row] = field(default_factory=list)
    members: list[Row] = field(default_factory=list)
    roles_by_member: dict[int, set[v.TeamRole]] = field(default_factory=dict)
    roles: set[v.TeamRole] = field(default_factory=set)  # every role the account's team holds
    stakeholders: list[Row] = field(default_factory=list)
    profile: list[Row] = field(default_factory=list)
    swot_runs: list[Row] = field(default_factory=list)
    swot_items: list[Row] = field(default_factory=list)
    parties: list[Row] = field(default_factory=list)
    opportunities: list[Row] = field(default_factory=list)
    ws_units: list[Row] = field(default_factory=list)
    ws_offerings: list[Row] = field(default_factory=list)
    ws_cells: dict[tuple[int, int], v.WhitespaceStatus] = field(default_factory=dict)
    goals: list[Row] = field(default_factory=list)
    actions: list[Row] = field(default_factory=list)
    answers: list[Row] = field(default_factory=list)
    kpis: list[Row] = field(default_factory=list)
    kpi_values: list[Row] = field(default_factory=list)
    reviews: list[Row] = field(default_factory=list)
    meetings: list[Row] = field(default_factory=list)


class Portfolio:
    """What every plan shares: all accounts (for the ranking), the criteria,
    every score, the settings; and the plans read with them."""

    def __init__(
        self,
        accounts: list[Row],
        criteria: list[Row],
        scores: dict[tuple[int, int], int],
        settings: dict[str, str],
        plans: dict[int, Plan],
    ) -> None:
        self.accounts = accounts
        self.criteria = criteria
        self.scores = scores
        self.settings = settings
        self.plans = plans

    @cached_property
    def limit(self) -> int:
        return scoring.limit_from(self.settings.get("key_account_limit"))

    @cached_property
    def threshold(self) -> Decimal:
        return scoring.threshold_from(self.settings.get("key_score_threshold"))

    @cached_property
    def ranked(self) -> list[scoring.Ranked]:
        return scoring.rank(self.accounts, self.criteria, self.scores, self.limit, self.threshold)

    @cached_property
    def ranked_by_id(self) -> dict[int, scoring.Ranked]:
        return {r.account.id: r for r in self.ranked}

    @cached_property
    def scored_count(self) -> int:
        return sum(1 for r in self.ranked if r.rank is not None)

    @cached_property
    def key_count(self) -> int:
        return sum(1 for a in self.accounts if a.tier.is_key)


_BY_ACCOUNT = {
    "tier_change": "tier_changes",
    "team_member": "members",
    "stakeholder": "stakeholders",
    "profile_text": "profile",
    "swot_run": "swot_runs",
    "third_party": "parties",
    "opportunity": "opportunities",
    "whitespace_unit": "ws_units",
    "whitespace_offering": "ws_offerings",
    "goal": "goals",
    "question_answer": "answers",
    "kpi": "kpis",
    "review": "reviews",
    "meeting": "meetings",
}
_BY_PARENT = {"swot_item": "swot_items", "action": "actions", "kpi_value": "kpi_values"}


def _read_all(con: sqlite3.Connection, account_id: int | None, today: date | None) -> Portfolio:
    today = today or date.today()
    everyone = _read(con, "account", None)
    criteria = _read(con, "criterion", None)
    scores = {(a, c): s for a, c, s in con.execute("SELECT account_id, criterion_id, score FROM score")}
    settings = dict(con.execute("SELECT key, value FROM setting"))
    portfolio = Portfolio(everyone, criteria, scores, settings, {})
    chosen = everyone if account_id is None else [a for a in everyone if a.id == account_id]
    plans = {a.id: Plan(a, portfolio, today) for a in chosen}
    portfolio.plans = plans
    parents: dict[str, dict[int, int]] = {}  # parent table -> row id -> account id
    for table, attr in _BY_ACCOUNT.items():
        rows = _read(con, table, account_id)
        owner = parents[table] = {}
        for row in rows:
            plan = plans.get(row.account_id)
            if plan is not None:
                getattr(plan, attr).append(row)
                if hasattr(row, "id"):
                    owner[row.id] = row.account_id
    for table, attr in _BY_PARENT.items():
        key, parent = _PARENT[table]
        owner = parents[parent]
        for row in _read(con, table, account_id):
            plan = plans.get(owner.get(getattr(row, key)))
            if plan is not None:
                getattr(plan, attr).append(row)
    members = parents["team_member"]
    role_of = _enum(v.TeamRole)
    role_sql = "SELECT member_id, role FROM team_member_role"
    if account_id is not None:
        role_sql += " WHERE member_id IN (SELECT id FROM team_member WHERE account_id = ?)"
    for member_id, role in con.execute(role_sql, () if account_id is None else (account_id,)):
        plan = plans.get(members.get(member_id))
        if plan is not None:
            role = role_of(role)
            plan.roles_by_member.setdefault(member_id, set()).add(role)
            plan.roles.add(role)
    units = parents["whitespace_unit"]
    status_of = _enum(v.WhitespaceStatus)
    cell_sql = "SELECT unit_id, offering_id, status FROM whitespace_cell"
    if account_id is not None:
        cell_sql += " WHERE unit_id IN (SELECT id FROM whitespace_unit WHERE account_id = ?)"
    for unit_id, offering_id, status in con.execute(cell_sql, () if account_id is None else (account_id,)):
        plan = plans.get(units.get(unit_id))
        if plan is not None:
            plan.ws_cells[(unit_id, offering_id)] = status_of(status)
    return portfolio


def read_portfolio(con: sqlite3.Connection, today: date | None = None) -> Portfolio:
    """Every account's plan; `portfolio.plans` maps account id to Plan."""
    return _read_all(con, None, today)


def read_plan(con: sqlite3.Connection, account_id: int, today: date | None = None) -> Plan:
    """One account's plan (KeyError when there is no such account)."""
    return _read_all(con, account_id, today).plans[account_id]


def session_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a Session, flushed, so a read sees what the
    session holds (the TUI's preview and tests render through it)."""
    session.flush()
    con = session.connection().connection.driver_connection
    assert isinstance(con, sqlite3.Connection), "the read model reads SQLite"
    return con


def plan_for(session: Session, account: Row, today: date | None = None) -> Plan:
    """The read model of one account, read through a Session's connection."""
    return read_plan(session_connection(session), account.id, today)


def portfolio_for(session: Session, today: date | None = None) -> Portfolio:
    """Every plan, read through a Session's connection."""
    return read_portfolio(session_connection(session), today)
