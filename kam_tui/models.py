"""The account plan as tables. The vocabulary (tiers, stages, roles, statuses)
lives in `kam_tui.vocabulary` and is re-exported here."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import declared_attr
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from kam_tui.store.stamps import NewUuid, new_uuid
from kam_tui.vocabulary import (  # noqa: F401  re-exported: callers import the vocabulary from here too
    ActionStatus,
    Attitude,
    BuyingRole,
    Cadence,
    ContactStrength,
    Focus,
    Frequency,
    GoalStatus,
    Horizon,
    Influence,
    InteractionKind,
    MeetingKind,
    OpportunityStatus,
    PartyKind,
    PlanDepth,
    ProfileSection,
    QuestionCategory,
    QuestionStatus,
    Stage,
    SwotQuadrant,
    TeamRole,
    Tier,
    TrackedField,
    Vocab,
    WhitespaceStatus,
    utcnow,
)

# --------------------------------------------------------------------------
# Column types


class DecimalText(TypeDecorator):
    """Decimal stored as canonical text: SQLite has no exact decimal type and
    REAL would round large amounts. Sort with CAST(col AS REAL) when needed."""

    impl = sa.String(64)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return format(Decimal(value).normalize(), "f")

    def process_result_value(self, value, dialect):
        return None if value is None else Decimal(value)


def vocab(enum_cls: type[Vocab]) -> sa.Enum:
    """Store an enum by its value (the stable key), not by its member name."""
    return sa.Enum(
        enum_cls,
        values_callable=lambda cls: [m.value for m in cls],
        native_enum=False,
        validate_strings=True,
        length=32,
    )


def fk(target: str, on_delete: str = "CASCADE", nullable: bool = False, index: bool = True):
    return Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer,
            sa.ForeignKey(target, ondelete=on_delete),
            nullable=nullable,
            index=index,
        ),
    )


# --------------------------------------------------------------------------
# What every row carries for a team and for offline copies (kam_tui/store/stamps.py):
# a stable uuid to pair rows across copies without renumbering, a version that
# refuses a save over someone else's newer change, and who changed it when.
# Declared as Core defaults (and server defaults where a plain SQL writer, such
# as the importer, does not name them), so every writer stamps them, not only the ORM.


def _editor(context: Any) -> str:
    from kam_tui.store.stamps import user_of

    return user_of(context.root_connection.engine)


class Tracked(SQLModel):
    uuid: str | None = Field(
        default=None,
        max_length=36,
        nullable=False,
        unique=True,
        index=True,
        sa_column_kwargs={"default": new_uuid, "server_default": NewUuid()},
    )
    # counts the row's saves; SQLAlchemy's version_id_col: an UPDATE of a
    # version someone else moved on matches no row and is refused
    version: int = Field(
        default=1, sa_column_kwargs={"server_default": "1", "onupdate": sa.literal_column("version") + 1}
    )
    updated_at: datetime | None = Field(default=None, sa_column_kwargs={"default": utcnow, "onupdate": utcnow})
    updated_by: str | None = Field(
        default=None, nullable=False, sa_column_kwargs={"server_default": "", "default": _editor, "onupdate": _editor}
    )

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


# --------------------------------------------------------------------------
# Tables


class Account(Tracked, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    # casefolded name: SQLite's NOCASE folds ASCII only, so uniqueness across
    # "Ärla" / "ärla" needs a key we compute ourselves.
    name_key: str = Field(sa_column=sa.Column(sa.String(200), unique=True, nullable=False))
    industry: str = ""
    country: str = ""
    annual_revenue: Decimal | None = Field(default=None, sa_type=DecimalText)
    currency: str | None = Field(default=None, max_length=3)
    employees: int | None = None
    crm_id: str | None = Field(default=None, index=True)
    website: str = ""
    tier: Tier = Field(default=Tier.CANDIDATE, sa_type=vocab(Tier))
    focus: Focus | None = Field(default=None, sa_type=vocab(Focus))
    why_key: str = ""
    what_we_want: str = ""
    owner: str = ""
    stage: Stage = Field(default=Stage.STRATEGY, sa_type=vocab(Stage))
    depth: PlanDepth = Field(default=PlanDepth.FULL, sa_type=vocab(PlanDepth))
    review_cadence: Cadence = Field(default=Cadence.MONTHLY, sa_type=vocab(Cadence))
    last_review: date | None = None
    next_plan_revision: date | None = None
    notes: str = ""
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, sa_column_kwargs={"onupdate": utcnow})


class TierChange(Tracked, table=True):
    """The account's tier history; demotion keeps its reason here."""

    __tablename__ = "tier_change"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    from_tier: Tier | None = Field(default=None, sa_type=vocab(Tier))
    to_tier: Tier = Field(sa_type=vocab(Tier))
    reason: str = ""
    changed_at: datetime = Field(default_factory=utcnow)


class StageChange(Tracked, table=True):
    """The account's stage history, beside its tier history: when the plan
    moved from one of the five stages to another, and what was still open then."""

    __tablename__ = "stage_change"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    from_stage: Stage | None = Field(default=None, sa_type=vocab(Stage))
    to_stage: Stage = Field(sa_type=vocab(Stage))
    # the checklist items of the stage left that were still open, or why the move was made
    note: str = ""
    changed_at: datetime = Field(default_factory=utcnow)


class Criterion(Tracked, table=True):
    """A key-account selection criterion, shared by all accounts."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    name_key: str = Field(sa_column=sa.Column(sa.String(100), unique=True, nullable=False))
    weight: Decimal = Field(default=Decimal(1), sa_type=DecimalText)
    position: int = 0


class Score(Tracked, table=True):
    __table_args__ = (sa.CheckConstraint("score BETWEEN 1 AND 10", name="score_1_to_10"),)
    account_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), primary_key=True),
    )
    criterion_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("criterion.id", ondelete="CASCADE"), primary_key=True),
    )
    score: int


class TeamMember(Tracked, table=True):
    """A colleague on our side of the account."""

    __tablename__ = "team_member"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    name: str = Field(max_length=200)
    title: str = ""
    is_executive_sponsor: bool = False
    notes: str = ""


class TeamMemberRole(Tracked, table=True):
    """Which of the six team roles a member holds (one person often holds several)."""

    __tablename__ = "team_member_role"
    member_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("team_member.id", ondelete="CASCADE"), primary_key=True),
    )
    role: TeamRole = Field(sa_column=sa.Column(vocab(TeamRole), primary_key=True))


class Stakeholder(Tracked, table=True):
    # Today finds the people of high influence never contacted without reading everyone,
    # and judges everyone else's contact rhythm from this index alone (a table row is wide)
    __table_args__ = (
        sa.Index("ix_stakeholder_contact", "influence", "contact_strength", "last_contact", "contact_rhythm_days"),
    )
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    name: str = Field(max_length=200)
    title: str = ""
    department: str = ""
    buying_role: BuyingRole | None = Field(default=None, sa_type=vocab(BuyingRole))
    influence: Influence = Field(default=Influence.MEDIUM, sa_type=vocab(Influence))
    attitude: Attitude = Field(default=Attitude.NEUTRAL, sa_type=vocab(Attitude))
    contact_strength: ContactStrength = Field(default=ContactStrength.NONE, sa_type=vocab(ContactStrength))
    reports_to_id: int | None = fk("stakeholder.id", on_delete="SET NULL", nullable=True)
    last_contact: date | None = None
    notes: str = ""
    # server defaults as the migration's ADD COLUMN has them, so plain SQL inserts
    # (the importer's, the benchmark's) need not name them
    email: str = Field(default="", sa_column_kwargs={"server_default": ""})
    phone: str = Field(default="", sa_column_kwargs={"server_default": ""})
    crm_id: str | None = Field(default=None, index=True)  # the CRM's contact id, for a re-import to match
    # days between contacts for this person; None: the default for their influence (a setting)
    contact_rhythm_days: int | None = None


class StakeholderCover(Tracked, table=True):
    """Who of our team covers a stakeholder: several may, one of them primary."""

    __tablename__ = "stakeholder_cover"
    stakeholder_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("stakeholder.id", ondelete="CASCADE"), primary_key=True),
    )
    member_id: int = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("team_member.id", ondelete="CASCADE"), primary_key=True, index=True
        ),
    )
    is_primary: bool = False


class Interaction(Tracked, table=True):
    """One contact with a stakeholder: the log a person's last contact is read from."""

    # a person's contacts by date: the last contact of everyone in an account is one pass over it
    __table_args__ = (sa.Index("ix_interaction_person_date", "stakeholder_id", "happened_on"),)
    id: int | None = Field(default=None, primary_key=True)
    stakeholder_id: int = fk("stakeholder.id", index=False)
    happened_on: date
    kind: InteractionKind = Field(default=InteractionKind.MEETING, sa_type=vocab(InteractionKind))
    # the meeting structure's level a meeting was held at, so the structure knows when it last met
    level: MeetingKind | None = Field(default=None, sa_type=vocab(MeetingKind))
    note: str = ""
    next_step: str = ""
    next_step_due: date | None = None
    # the action the next step became, so it is not added twice
    action_id: int | None = fk("action.id", on_delete="SET NULL", nullable=True, index=False)
    created_at: datetime = Field(default_factory=utcnow)


class InteractionMember(Tracked, table=True):
    """Who of our team took part in a logged contact."""

    __tablename__ = "interaction_member"
    interaction_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True),
    )
    member_id: int = Field(
        default=None,
        sa_column=sa.Column(
            sa.Integer, sa.ForeignKey("team_member.id", ondelete="CASCADE"), primary_key=True, index=True
        ),
    )


class RelationshipChange(Tracked, table=True):
    """A change of a stakeholder's influence, attitude or contact strength, with its day:
    how the relationship moved since the last review."""

    __tablename__ = "relationship_change"
    id: int | None = Field(default=None, primary_key=True)
    stakeholder_id: int = fk("stakeholder.id")
    field: TrackedField = Field(sa_type=vocab(TrackedField))
    old_value: str = Field(max_length=32)  # the vocabulary's stored key
    new_value: str = Field(max_length=32)
    changed_on: date


class ProfileText(Tracked, table=True):
    """One section of the customer's business profile, or of our history with them."""

    __tablename__ = "profile_text"
    account_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), primary_key=True),
    )
    section: ProfileSection = Field(sa_column=sa.Column(vocab(ProfileSection), primary_key=True))
    text: str = ""
    updated_at: datetime = Field(default_factory=utcnow, sa_column_kwargs={"onupdate": utcnow})


class SwotRun(Tracked, table=True):
    """A dated SWOT: the method asks for it to be run regularly, not once."""

    __tablename__ = "swot_run"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    run_on: date
    notes: str = ""


class SwotItem(Tracked, table=True):
    __tablename__ = "swot_item"
    id: int | None = Field(default=None, primary_key=True)
    run_id: int = fk("swot_run.id")
    quadrant: SwotQuadrant = Field(sa_type=vocab(SwotQuadrant))
    position: int = 0
    text: str
    # the item this one was copied from in the previous run, so a comparison can
    # tell an edited item from a removed one plus an added one
    copied_from_id: int | None = fk("swot_item.id", on_delete="SET NULL", nullable=True, index=False)


class ThirdParty(Tracked, table=True):
    """A competitor or a possible partner in the account."""

    __tablename__ = "third_party"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    kind: PartyKind = Field(sa_type=vocab(PartyKind))
    name: str = Field(max_length=200)
    notes: str = ""


class Opportunity(Tracked, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    name: str = Field(max_length=200)
    value: Decimal | None = Field(default=None, sa_type=DecimalText)
    currency: str | None = Field(default=None, max_length=3)
    status: OpportunityStatus = Field(default=OpportunityStatus.OPEN, sa_type=vocab(OpportunityStatus))
    expected_close: date | None = None
    closed_on: date | None = None
    notes: str = ""
    crm_id: str | None = Field(default=None, index=True)  # the CRM's opportunity id, for a re-import to match


class WhitespaceUnit(Tracked, table=True):
    """A unit of the customer (division, site, business line): a whitespace row."""

    __tablename__ = "whitespace_unit"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    name: str = Field(max_length=200)
    position: int = 0


class WhitespaceOffering(Tracked, table=True):
    """One of our products or services: a whitespace column."""

    __tablename__ = "whitespace_offering"
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    name: str = Field(max_length=200)
    position: int = 0


class WhitespaceCell(Tracked, table=True):
    __tablename__ = "whitespace_cell"
    unit_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("whitespace_unit.id", ondelete="CASCADE"), primary_key=True),
    )
    offering_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("whitespace_offering.id", ondelete="CASCADE"), primary_key=True),
    )
    status: WhitespaceStatus = Field(default=WhitespaceStatus.OPEN, sa_type=vocab(WhitespaceStatus))


class Goal(Tracked, table=True):
    # Today counts and picks the open goals past their date
    __table_args__ = (sa.Index("ix_goal_status_target", "status", "target_date"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    horizon: Horizon = Field(sa_type=vocab(Horizon))
    text: str
    owner: str = ""
    target_date: date | None = None
    status: GoalStatus = Field(default=GoalStatus.OPEN, sa_type=vocab(GoalStatus))
    position: int = 0


class Action(Tracked, table=True):
    """A specific step that reaches a goal."""

    # Today counts and picks the open actions due by a day among millions (kam_tui/store/due.py)
    __table_args__ = (sa.Index("ix_action_status_due", "status", "due_date"),)
    id: int | None = Field(default=None, primary_key=True)
    goal_id: int = fk("goal.id")
    text: str
    owner: str = ""
    due_date: date | None = None
    status: ActionStatus = Field(default=ActionStatus.TODO, sa_type=vocab(ActionStatus))
    completed_on: date | None = None
    position: int = 0


class QuestionAnswer(Tracked, table=True):
    """An account's state on one growth-plan question; no row means unknown.
    The questions themselves are our catalogue in kam_tui/questions.py."""

    __tablename__ = "question_answer"
    # Today counts and picks the questions promised by a day among millions of answers
    __table_args__ = (sa.Index("ix_question_answer_status_due", "status", "due_date"),)
    account_id: int = Field(
        default=None,
        sa_column=sa.Column(sa.Integer, sa.ForeignKey("account.id", ondelete="CASCADE"), primary_key=True),
    )
    question_key: str = Field(sa_column=sa.Column(sa.String(40), primary_key=True))
    status: QuestionStatus = Field(default=QuestionStatus.UNKNOWN, sa_type=vocab(QuestionStatus))
    answer: str = ""
    finder: str = ""
    due_date: date | None = None
    updated_at: datetime = Field(default_factory=utcnow, sa_column_kwargs={"onupdate": utcnow})


class Kpi(Tracked, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    name: str = Field(max_length=200)
    unit: str = ""
    higher_is_better: bool = True
    position: int = 0


class KpiValue(Tracked, table=True):
    """A KPI's target and actual for one period, e.g. '2026-Q3' or '2026-07'."""

    __tablename__ = "kpi_value"
    __table_args__ = (sa.UniqueConstraint("kpi_id", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    kpi_id: int = fk("kpi.id")
    period: str = Field(max_length=20)
    target: Decimal | None = Field(default=None, sa_type=DecimalText)
    actual: Decimal | None = Field(default=None, sa_type=DecimalText)


class Review(Tracked, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    held_on: date
    kind: MeetingKind = Field(default=MeetingKind.INTERNAL, sa_type=vocab(MeetingKind))
    notes: str = ""
    decisions: str = ""


class Meeting(Tracked, table=True):
    """A standing meeting in the account's meeting structure."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    kind: MeetingKind = Field(sa_type=vocab(MeetingKind))
    frequency: Frequency = Field(default=Frequency.MONTHLY, sa_type=vocab(Frequency))
    attendees: str = ""
    agenda: str = ""


class Contract(Tracked, table=True):
    """A framework agreement in force: when it runs, how long the notice is, what it is worth."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = fk("account.id")
    name: str = Field(max_length=200)
    starts_on: date | None = None
    ends_on: date | None = None
    notice_months: int | None = None
    value: Decimal | None = Field(default=None, sa_type=DecimalText)
    currency: str | None = Field(default=None, max_length=3)
    notes: str = ""


class Setting(Tracked, table=True):
    """Settings that belong to this database (e.g. the key account limit)."""

    key: str = Field(primary_key=True, max_length=64)
    value: str = ""


class Tombstone(SQLModel, table=True):
    """A deleted row, by its table and uuid: what a later offline copy needs to
    delete the same row on its side rather than bring it back."""

    id: int | None = Field(default=None, primary_key=True)
    table_name: str = Field(max_length=64)
    row_uuid: str = Field(max_length=36, index=True)
    deleted_at: datetime = Field(default_factory=utcnow)
    deleted_by: str = ""


# Tables that hang off an account, in plan order; export and delete summaries use it.
PLAN_TABLES = (
    TierChange,
    StageChange,
    Score,
    TeamMember,
    Stakeholder,
    ProfileText,
    SwotRun,
    ThirdParty,
    Opportunity,
    WhitespaceUnit,
    WhitespaceOffering,
    Goal,
    QuestionAnswer,
    Kpi,
    Review,
    Meeting,
    Contract,
)
