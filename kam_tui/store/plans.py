"""The plans as the export reads them: every table read once, with plain SQL
on either database, into typed rows grouped by account.

Each row class carries its model's attribute names and types (vocabulary
enums from kam_tui.vocabulary, dates as dates, amounts as Decimal, times as
UTC datetimes), so the rules in kam_tui/rules and the export's section
renderers read them exactly as they would read ORM objects. No SQLAlchemy is
needed: `kam export --all` on a file reads through stdlib sqlite3.

Rows are built a column at a time (each converter mapped over its column,
then the class over the columns), which keeps a thousand plans cheap without
generating code. A value seen before (most dates, amounts and every enum
value repeat) costs one dictionary lookup.

`read_portfolio(reader)` reads every plan; `read_plan(reader, account_id)`
reads one (the portfolio-wide rows, criteria, scores and settings, are read
whole for either, since a plan shows its rank among all accounts).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from kam_tui import clock, vocabulary as v
from kam_tui.rules.coverage import covers_of
from kam_tui.store.reader import Reader

Convert = Callable[[Any], Any]


class _Memo(dict[Any, Any]):
    """A converter as a dict: a value seen before costs one C-level lookup; None stays None."""

    def __init__(self, convert: Convert, known: dict[Any, Any] | None = None) -> None:
        super().__init__(known or {})
        self[None] = None
        self._convert = convert

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self._convert(key)
        return value


def _to_date(value: Any) -> date:
    # a file keeps ISO text, a server gives dates
    return value if isinstance(value, date) else date.fromisoformat(value)


def _to_datetime(value: Any) -> datetime:
    # a file keeps UTC without an offset, a server gives aware times: UTC either way, as the ORM reads them
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.utcoffset() is None else moment.astimezone(UTC)


def date_of() -> Convert:
    """A stored date -> a date (None stays None), each distinct value parsed once."""
    return _Memo(_to_date).__getitem__


def datetime_of() -> Convert:
    """A stored time -> a UTC datetime (None stays None), each distinct value parsed once."""
    return _Memo(_to_datetime).__getitem__


# ---------------------------------------------------------------- rows


@dataclass(slots=True, eq=False)
class AccountRow:
    id: int
    name: str
    name_key: str
    industry: str
    country: str
    annual_revenue: Decimal | None
    currency: str | None
    employees: int | None
    crm_id: str | None
    website: str
    tier: v.Tier
    focus: v.Focus | None
    why_key: str
    what_we_want: str
    owner: str
    stage: v.Stage
    depth: v.PlanDepth
    review_cadence: v.Cadence
    last_review: date | None
    next_plan_revision: date | None
    notes: str
    created_at: datetime
    updated_at: datetime
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class TierChangeRow:
    id: int
    account_id: int
    from_tier: v.Tier | None
    to_tier: v.Tier
    reason: str
    changed_at: datetime


@dataclass(slots=True, eq=False)
class StageChangeRow:
    id: int
    account_id: int
    from_stage: v.Stage | None
    to_stage: v.Stage
    note: str
    changed_at: datetime


@dataclass(slots=True, eq=False)
class CriterionRow:
    id: int
    name: str
    name_key: str
    weight: Decimal
    position: int
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class TeamMemberRow:
    id: int
    account_id: int
    name: str
    title: str
    is_executive_sponsor: bool
    notes: str
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class StakeholderRow:
    id: int
    account_id: int
    name: str
    title: str
    department: str
    email: str
    phone: str
    crm_id: str | None
    buying_role: v.BuyingRole | None
    influence: v.Influence
    attitude: v.Attitude
    contact_strength: v.ContactStrength
    reports_to_id: int | None
    last_contact: date | None
    notes: str
    contact_rhythm_days: int | None
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class StakeholderCoverRow:
    stakeholder_id: int
    member_id: int
    is_primary: bool


@dataclass(slots=True, eq=False)
class InteractionRow:
    id: int
    stakeholder_id: int
    happened_on: date
    kind: v.InteractionKind
    level: v.MeetingKind | None
    note: str
    next_step: str
    next_step_due: date | None
    action_id: int | None
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class RelationshipChangeRow:
    id: int
    stakeholder_id: int
    field: v.TrackedField
    old_value: str
    new_value: str
    changed_on: date


@dataclass(slots=True, eq=False)
class ProfileTextRow:
    account_id: int
    section: v.ProfileSection
    text: str


@dataclass(slots=True, eq=False)
class SwotRunRow:
    id: int
    account_id: int
    run_on: date
    notes: str


@dataclass(slots=True, eq=False)
class SwotItemRow:
    id: int
    run_id: int
    quadrant: v.SwotQuadrant
    position: int
    text: str
    copied_from_id: int | None
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class ThirdPartyRow:
    id: int
    account_id: int
    kind: v.PartyKind
    name: str
    notes: str
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class OpportunityRow:
    id: int
    account_id: int
    name: str
    value: Decimal | None
    currency: str | None
    status: v.OpportunityStatus
    expected_close: date | None
    closed_on: date | None
    notes: str
    crm_id: str | None
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class WhitespaceUnitRow:
    id: int
    account_id: int
    name: str
    position: int
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class WhitespaceOfferingRow:
    id: int
    account_id: int
    name: str
    position: int
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class GoalRow:
    id: int
    account_id: int
    horizon: v.Horizon
    text: str
    owner: str
    target_date: date | None
    status: v.GoalStatus
    position: int
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class ActionRow:
    id: int
    goal_id: int
    text: str
    owner: str
    due_date: date | None
    status: v.ActionStatus
    completed_on: date | None
    position: int
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class QuestionAnswerRow:
    account_id: int
    question_key: str
    status: v.QuestionStatus
    answer: str
    finder: str
    due_date: date | None
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class KpiRow:
    id: int
    account_id: int
    name: str
    unit: str
    higher_is_better: bool
    position: int
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class KpiValueRow:
    id: int
    kpi_id: int
    period: str
    target: Decimal | None
    actual: Decimal | None
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class ReviewRow:
    id: int
    account_id: int
    held_on: date
    kind: v.MeetingKind
    notes: str
    decisions: str
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class MeetingRow:
    id: int
    account_id: int
    kind: v.MeetingKind
    frequency: v.Frequency
    attendees: str
    agenda: str
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(slots=True, eq=False)
class ContractRow:
    id: int
    account_id: int
    name: str
    starts_on: date | None
    ends_on: date | None
    notice_months: int | None
    value: Decimal | None
    currency: str | None
    notes: str
    version: int  # as shown, so a save over someone else's newer one is refused


@dataclass(frozen=True)
class _Table:
    """How one row class is read: its table and the order its rows come in
    (the order the services read them in; the rules sort the rest themselves)."""

    name: str
    order: str


# row class -> its table. Orders are by columns every database sorts alike:
# ids, positions, dates (never text, whose order depends on a server's collation).
TABLES: dict[type[Any], _Table] = {
    AccountRow: _Table("account", "id"),
    TierChangeRow: _Table("tier_change", "changed_at, id"),
    StageChangeRow: _Table("stage_change", "changed_at, id"),
    CriterionRow: _Table("criterion", "position, id"),
    # by name in Python (see _NAME_ORDER), by id here
    TeamMemberRow: _Table("team_member", "id"),
    StakeholderRow: _Table("stakeholder", "id"),
    StakeholderCoverRow: _Table("stakeholder_cover", "stakeholder_id, member_id"),
    # the log newest first, as the timeline shows it
    InteractionRow: _Table("interaction", "happened_on DESC, id DESC"),
    RelationshipChangeRow: _Table("relationship_change", "changed_on, id"),
    ProfileTextRow: _Table("profile_text", "account_id, section"),
    SwotRunRow: _Table("swot_run", "id"),
    SwotItemRow: _Table("swot_item", "id"),
    ThirdPartyRow: _Table("third_party", "id"),
    OpportunityRow: _Table("opportunity", "id"),
    WhitespaceUnitRow: _Table("whitespace_unit", "position, id"),
    WhitespaceOfferingRow: _Table("whitespace_offering", "position, id"),
    GoalRow: _Table("goal", "id"),
    # by goal, then id: how the checklist's "goal_id IN (...)" read returns them
    ActionRow: _Table("action", "goal_id, id"),
    QuestionAnswerRow: _Table("question_answer", "account_id, question_key"),
    KpiRow: _Table("kpi", "position, id"),
    KpiValueRow: _Table("kpi_value", "kpi_id, id"),
    ReviewRow: _Table("review", "held_on DESC, id DESC"),
    MeetingRow: _Table("meeting", "id"),
    ContractRow: _Table("contract", "id"),
}

# How a child table reaches its account when it has no account_id of its own.
_PARENT = {
    "swot_item": ("run_id", "swot_run"),
    "action": ("goal_id", "goal"),
    "kpi_value": ("kpi_id", "kpi"),
    "stakeholder_cover": ("stakeholder_id", "stakeholder"),
    "interaction": ("stakeholder_id", "stakeholder"),
    "relationship_change": ("stakeholder_id", "stakeholder"),
}


def _vocab(cls: type[v.Vocab]) -> Convert:
    """Stored value -> the vocabulary member (unknown values raise, as the ORM's would)."""
    lookup: Any = cls  # Enum lookup by value (Vocab's own constructor takes a label too)
    return _Memo(lambda value: lookup(value), {m.value: m for m in cls}).__getitem__


def vocab_of(cls: type[v.Vocab]) -> Convert:
    """A stored value -> its vocabulary member (None stays None), by one dictionary lookup."""
    return _vocab(cls)


def _converter(hint: Any) -> Convert | None:
    """The conversion a column of this annotated type needs (None: as read)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    base = args[0] if args else hint
    if base is datetime:
        return _Memo(_to_datetime).__getitem__
    if base is date:
        return _Memo(_to_date).__getitem__
    if base is Decimal:
        return _Memo(Decimal).__getitem__
    if base is bool:
        return bool
    if isinstance(base, type) and issubclass(base, v.Vocab):
        return _vocab(base)
    return None


@dataclass(frozen=True)
class _Reading:
    columns: tuple[str, ...]
    converters: tuple[Convert | None, ...]


# annotation text -> its type. The row classes' annotations are text (PEP 563)
# and the same few recur ("int", "str", "date | None"): each is evaluated once,
# where typing.get_type_hints evaluated every field of every class again
_HINTS: dict[str, Any] = {}


def _hint(annotation: Any) -> Any:
    if not isinstance(annotation, str):
        return annotation
    found = _HINTS.get(annotation)
    if found is None:
        found = _HINTS[annotation] = eval(annotation, {**vars(v), **globals()})
    return found


def _reading(cls: type[Any]) -> _Reading:
    fields = dataclasses.fields(cls)
    return _Reading(tuple(f.name for f in fields), tuple(_converter(_hint(f.type)) for f in fields))


# each row class's reading, made on first use: `kam today` reads five of the tables
_READINGS: dict[type[Any], _Reading] = {}


def _reading_of(cls: type[Any]) -> _Reading:
    reading = _READINGS.get(cls)
    if reading is None:
        reading = _READINGS[cls] = _reading(cls)
    return reading


def _build(cls: type[Any], raw: list[tuple[Any, ...]]) -> list[Any]:
    if not raw:
        return []
    reading = _reading_of(cls)
    columns: list[Any] = list(zip(*raw))
    for i, convert in enumerate(reading.converters):
        if convert is not None:
            columns[i] = map(convert, columns[i])
    return list(map(cls, *columns))


# Tables read in name order. Text is sorted here, not by the database: a
# server sorts by its collation, a file by code point, and Python's str order
# is the file's, so the same plan reads the same from either.
_NAME_ORDER: dict[type[Any], Callable[[Any], Any]] = {TeamMemberRow: lambda m: (m.name, m.id)}


def read_rows(reader: Reader, cls: type[Any], account_id: int | None = None) -> list[Any]:
    """Every row of `cls`'s table (or one account's), typed, in the table's order."""
    table = TABLES[cls]
    sql = f"SELECT {', '.join(_reading_of(cls).columns)} FROM {table.name}"
    params: dict[str, Any] = {}
    if account_id is not None and cls is not CriterionRow:
        if cls is AccountRow:
            sql += " WHERE id = :account_id"
        elif table.name in _PARENT:
            key, parent = _PARENT[table.name]
            sql += f" WHERE {key} IN (SELECT id FROM {parent} WHERE account_id = :account_id)"
        else:
            sql += " WHERE account_id = :account_id"
        params["account_id"] = account_id
    rows = _build(cls, reader.rows(f"{sql} ORDER BY {table.order}", params))
    by_name = _NAME_ORDER.get(cls)
    return sorted(rows, key=by_name) if by_name else rows


def columns_of(cls: type[Any], alias: str) -> str:
    """The SELECT list of `cls`'s columns, each named through `alias` (for a join)."""
    return ", ".join(f"{alias}.{column}" for column in _reading_of(cls).columns)


def built(cls: type[Any], raw: list[tuple[Any, ...]]) -> list[Any]:
    """Typed rows of `cls` from raw rows holding its columns (columns_of) in order."""
    return _build(cls, raw)


def read_where(reader: Reader, cls: type[Any], where: str, params: dict[str, Any] | None = None) -> list[Any]:
    """The rows of `cls`'s table that `where` (SQL over its columns, with
    named parameters) selects, typed, in the table's order: a few rows out of
    millions without building the rest (Today's actions due this week)."""
    table = TABLES[cls]
    sql = f"SELECT {', '.join(_reading_of(cls).columns)} FROM {table.name} WHERE {where} ORDER BY {table.order}"
    return _build(cls, reader.rows(sql, params))


# ---------------------------------------------------------------- plans


@dataclass(slots=True, eq=False)
class Plan:
    """One account's plan: the account and its rows, each list in its table's
    order (the rules sort them as each section shows them)."""

    account: AccountRow
    portfolio: Portfolio
    today: date
    tier_changes: list[TierChangeRow] = field(default_factory=list)
    stage_changes: list[StageChangeRow] = field(default_factory=list)
    members: list[TeamMemberRow] = field(default_factory=list)
    roles_by_member: dict[int, set[v.TeamRole]] = field(default_factory=dict)
    roles: set[v.TeamRole] = field(default_factory=set)  # every role the account's team holds
    stakeholders: list[StakeholderRow] = field(default_factory=list)
    profile: list[ProfileTextRow] = field(default_factory=list)
    swot_runs: list[SwotRunRow] = field(default_factory=list)
    swot_items: list[SwotItemRow] = field(default_factory=list)
    parties: list[ThirdPartyRow] = field(default_factory=list)
    opportunities: list[OpportunityRow] = field(default_factory=list)
    ws_units: list[WhitespaceUnitRow] = field(default_factory=list)
    ws_offerings: list[WhitespaceOfferingRow] = field(default_factory=list)
    ws_cells: dict[tuple[int, int], v.WhitespaceStatus] = field(default_factory=dict)
    goals: list[GoalRow] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    answers: list[QuestionAnswerRow] = field(default_factory=list)
    kpis: list[KpiRow] = field(default_factory=list)
    kpi_values: list[KpiValueRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    contracts: list[ContractRow] = field(default_factory=list)
    cover_rows: list[StakeholderCoverRow] = field(default_factory=list)
    interactions: list[InteractionRow] = field(default_factory=list)  # newest first
    # (interaction id, member id): who of ours took part in each logged contact
    interaction_members: list[tuple[int, int]] = field(default_factory=list)
    changes: list[RelationshipChangeRow] = field(default_factory=list)

    @property
    def covers(self) -> dict[int, list[int]]:
        """Each person's covering member ids, the primary first."""
        return covers_of(self.cover_rows)


@dataclass(eq=False)
class Portfolio:
    """What every plan shares: all accounts (for the ranking), the criteria,
    every score, the settings; and the plans read with them. `figures` keeps
    what a layer above computes once from these for every plan (the export's
    ranking), so a thousand plans do not each compute it again."""

    accounts: list[AccountRow]
    criteria: list[CriterionRow]
    scores: dict[tuple[int, int], int]
    settings: dict[str, str]
    plans: dict[int, Plan] = field(default_factory=dict)
    figures: dict[str, Any] = field(default_factory=dict)


# row class -> the Plan attribute its rows go to
_BY_ACCOUNT: dict[type[Any], str] = {
    TierChangeRow: "tier_changes",
    StageChangeRow: "stage_changes",
    TeamMemberRow: "members",
    StakeholderRow: "stakeholders",
    ProfileTextRow: "profile",
    SwotRunRow: "swot_runs",
    ThirdPartyRow: "parties",
    OpportunityRow: "opportunities",
    WhitespaceUnitRow: "ws_units",
    WhitespaceOfferingRow: "ws_offerings",
    GoalRow: "goals",
    QuestionAnswerRow: "answers",
    KpiRow: "kpis",
    ReviewRow: "reviews",
    MeetingRow: "meetings",
    ContractRow: "contracts",
}
_BY_PARENT: dict[type[Any], str] = {
    SwotItemRow: "swot_items",
    ActionRow: "actions",
    KpiValueRow: "kpi_values",
    StakeholderCoverRow: "cover_rows",
    InteractionRow: "interactions",
    RelationshipChangeRow: "changes",
}


def _scoped(sql: str, child_key: str, parent: str, account_id: int | None) -> tuple[str, dict[str, Any]]:
    if account_id is None:
        return sql, {}
    return f"{sql} WHERE {child_key} IN (SELECT id FROM {parent} WHERE account_id = :account_id)", {
        "account_id": account_id
    }


def _read_all(reader: Reader, account_id: int | None, today: date | None, alone: bool = False) -> Portfolio:
    today = today or clock.today()
    # alone: the one account, and its own scores, stand for the portfolio (see read_plan_alone)
    everyone: list[AccountRow] = read_rows(reader, AccountRow, account_id if alone else None)
    criteria: list[CriterionRow] = read_rows(reader, CriterionRow)
    sql, params = "SELECT account_id, criterion_id, score FROM score", {}
    if alone:
        sql, params = f"{sql} WHERE account_id = :account_id", {"account_id": account_id}
    scores = {(a, c): s for a, c, s in reader.rows(sql, params)}
    settings = {k: val for k, val in reader.rows("SELECT key, value FROM setting")}
    portfolio = Portfolio(everyone, criteria, scores, settings)
    chosen = everyone if account_id is None else [a for a in everyone if a.id == account_id]
    plans = {a.id: Plan(a, portfolio, today) for a in chosen}
    portfolio.plans = plans
    parents: dict[str, dict[int, int]] = {}  # parent table -> row id -> account id
    for cls, attr in _BY_ACCOUNT.items():
        owner = parents[TABLES[cls].name] = {}
        for row in read_rows(reader, cls, account_id):
            plan = plans.get(row.account_id)
            if plan is not None:
                getattr(plan, attr).append(row)
                if hasattr(row, "id"):
                    owner[row.id] = row.account_id
    for cls, attr in _BY_PARENT.items():
        key, parent = _PARENT[TABLES[cls].name]
        owner = parents[parent]
        for row in read_rows(reader, cls, account_id):
            found = owner.get(getattr(row, key))
            plan = plans.get(found) if found is not None else None
            if plan is not None:
                getattr(plan, attr).append(row)
    members = parents["team_member"]
    role_of = _vocab(v.TeamRole)
    sql, params = _scoped("SELECT member_id, role FROM team_member_role", "member_id", "team_member", account_id)
    for member_id, value in reader.rows(f"{sql} ORDER BY member_id, role", params):
        plan = plans.get(members.get(member_id, -1))
        if plan is not None:
            role = role_of(value)
            plan.roles_by_member.setdefault(member_id, set()).add(role)
            plan.roles.add(role)
    people = parents["stakeholder"]
    sql, params = _scoped(
        "SELECT m.interaction_id, m.member_id, i.stakeholder_id FROM interaction_member m"
        " JOIN interaction i ON i.id = m.interaction_id",
        "i.stakeholder_id",
        "stakeholder",
        account_id,
    )
    for interaction_id, member_id, person_id in reader.rows(f"{sql} ORDER BY m.interaction_id, m.member_id", params):
        plan = plans.get(people.get(person_id, -1))
        if plan is not None:
            plan.interaction_members.append((interaction_id, member_id))
    units = parents["whitespace_unit"]
    status_of = _vocab(v.WhitespaceStatus)
    sql, params = _scoped(
        "SELECT unit_id, offering_id, status FROM whitespace_cell", "unit_id", "whitespace_unit", account_id
    )
    for unit_id, offering_id, status in reader.rows(f"{sql} ORDER BY unit_id, offering_id", params):
        plan = plans.get(units.get(unit_id, -1))
        if plan is not None:
            plan.ws_cells[(unit_id, offering_id)] = status_of(status)
    return portfolio


def read_portfolio(reader: Reader, today: date | None = None) -> Portfolio:
    """Every account's plan; `portfolio.plans` maps account id to Plan."""
    return _read_all(reader, None, today)


def find_account_id(reader: Reader, name: str) -> tuple[int | None, list[str]]:
    """The id of the account called `name` (case does not matter), else None
    with every account's name in id order (for suggesting close ones)."""
    from kam_tui.text import name_key

    rows = reader.rows("SELECT id FROM account WHERE name_key = :key ORDER BY id", {"key": name_key(name)})
    if rows:
        return rows[0][0], []
    return None, [n for (n,) in reader.rows("SELECT name FROM account ORDER BY id")]


def read_plan(reader: Reader, account_id: int, today: date | None = None) -> Plan:
    """One account's plan (KeyError when there is no such account)."""
    return _read_all(reader, account_id, today).plans[account_id]


def read_plan_alone(reader: Reader, account_id: int, today: date | None = None) -> Plan:
    """One account's plan whose portfolio holds that account and its scores
    only: what exporting one plan reads at 100,000 accounts. Whatever needs
    the other accounts (its rank) is the caller's to add to the portfolio's
    figures (kam_tui/export/snapshot.py). KeyError when there is no such account."""
    return _read_all(reader, account_id, today, alone=True).plans[account_id]
