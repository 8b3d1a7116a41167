"""The five stages' checklists as rules over the plan's rows (ORM objects or
the export's read model). See services/checklist.py for what a check says and
where it points; that module reads the rows through a Session and calls these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from kam_tui.questions import QUESTIONS
from kam_tui.rules import reviews
from kam_tui.rules.rows import Row
from kam_tui.text import counted
from kam_tui.vocabulary import (
    ActionStatus,
    Attitude,
    BuyingRole,
    GoalStatus,
    Horizon,
    Influence,
    MeetingKind,
    OpportunityStatus,
    ProfileSection,
    QuestionStatus,
    Stage,
    TeamRole,
)

SWOT_FRESH_DAYS = 183  # "run regularly, not once": at least every six months
QUESTIONS_SHARE = 0.5  # half the growth questions answered or ruled out
ACTIONS_MOVING_DAYS = 30
CORE_BUYING_ROLES = (
    BuyingRole.DECISION_MAKER,
    BuyingRole.ECONOMIC_BUYER,
    BuyingRole.TECHNICAL_EVALUATOR,
    BuyingRole.USER,
)

# What each stage is for, in our words (from the method's five-stage process).
PURPOSE: dict[Stage, str] = {
    Stage.STRATEGY: (
        "Decide what we plan to do with this customer, with whom, and why: why the "
        "account is key, what we want from it, and whether to penetrate, expand or "
        "protect. Name an executive sponsor."
    ),
    Stage.RESEARCH: (
        "Start the plan, form the core account team and gather the facts: the "
        "customer's business, its people and how they buy, trends, needs and "
        "competitors. Know who decides and who could derail the plan."
    ),
    Stage.ACTION_PLAN: (
        "Turn what was learned into goals on three horizons, each with an owner, "
        "and specific actions with an owner and a date. The more specific, the better."
    ),
    Stage.EXECUTION: (
        "Create, expand and capture opportunities; deepen relationships; keep competitors out. Keep the actions moving."
    ),
    Stage.REVIEW: (
        "Check the KPIs against their targets, hold reviews on the cadence, and "
        "revise the written plan at least twice a year."
    ),
}

# The workspace sections each stage works in, for the wizard's "open a section" list.
STAGE_SECTIONS: dict[Stage, tuple[tuple[str, str], ...]] = {
    Stage.STRATEGY: (("TeamPane", "Team (executive sponsor)"),),
    Stage.RESEARCH: (
        ("StakeholdersPane", "Stakeholders"),
        ("TeamPane", "Team"),
        ("BusinessPane", "Business profile"),
        ("SwotPane", "SWOT"),
        ("HistoryPane", "History & competition"),
        ("QuestionsPane", "Growth questions"),
    ),
    Stage.ACTION_PLAN: (("GoalsPane", "Goals & actions"), ("WhitespacePane", "Whitespace")),
    Stage.EXECUTION: (
        ("OpportunitiesPane", "Opportunities"),
        ("GoalsPane", "Goals & actions"),
        ("StakeholdersPane", "Stakeholders"),
    ),
    Stage.REVIEW: (("ReviewsPane", "Reviews & KPIs"),),
}


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    done: bool
    detail: str  # what is missing (open) or what is there (done)
    section: str  # "account" or a workspace pane class name
    essential: bool = False
    fields: tuple[str, ...] = ()


@dataclass
class StageChecklist:
    stage: Stage
    checks: list[Check]

    @property
    def open(self) -> list[Check]:
        return [c for c in self.checks if not c.done]

    @property
    def done_count(self) -> int:
        return sum(1 for c in self.checks if c.done)


def _names(items: Iterable[Row], limit: int = 3) -> str:
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def _sentence(text: str) -> str:
    """Capital first letter only: str.capitalize() would lower-case people's names."""
    return text[:1].upper() + text[1:]


def _strategy(f: Row) -> list[Check]:
    a = f.account
    sponsors = [m.name for m in f.members if m.is_executive_sponsor]
    return [
        Check(
            "strategy.tier",
            "The account's tier is decided",
            a.tier.is_key,
            f"{a.tier.label}"
            if a.tier.is_key
            else f"Still {a.tier.label.lower()}: decide whether it is an existing or emerging key account",
            "account",
            True,
            ("tier",),
        ),
        Check(
            "strategy.focus",
            "Focus chosen: penetrate, expand or protect",
            a.focus is not None,
            a.focus.label if a.focus else "No focus set",
            "account",
            True,
            ("focus",),
        ),
        Check(
            "strategy.why_key",
            "Why this account is key",
            bool(a.why_key.strip()),
            "Written" if a.why_key.strip() else "Say in a few lines why this customer is key",
            "account",
            True,
            ("why_key",),
        ),
        Check(
            "strategy.what_we_want",
            "What we want from the account",
            bool(a.what_we_want.strip()),
            "Written" if a.what_we_want.strip() else "Say what we want to achieve with this customer",
            "account",
            True,
            ("what_we_want",),
        ),
        Check(
            "strategy.sponsor",
            "An executive sponsor is named",
            bool(sponsors),
            _names(sponsors) if sponsors else "Mark a team member as executive sponsor",
            "TeamPane",
            False,
        ),
    ]


def _research(f: Row) -> list[Check]:
    people = f.stakeholders
    deciders = [s.name for s in people if s.buying_role == BuyingRole.DECISION_MAKER]
    present = {s.buying_role for s in people if s.buying_role is not None}
    missing_roles = [r.label.lower() for r in CORE_BUYING_ROLES if r not in present]
    no_role = [s.name for s in people if s.buying_role is None]
    roles_ok = bool(people) and not missing_roles and not no_role
    if not people:
        roles_detail = "No stakeholders yet"
    elif roles_ok:
        roles_detail = "Every core buying role has a name"
    else:
        parts = []
        if missing_roles:
            parts.append("nobody as " + _names(missing_roles, 4))
        if no_role:
            parts.append("no role for " + _names(no_role))
        roles_detail = _sentence("; ".join(parts))
    missing_team = [r.label for r in TeamRole if r not in f.roles]
    fresh = [r.run_on for r in f.swot_runs if r.run_on >= f.today - timedelta(days=SWOT_FRESH_DAYS)]
    last_swot = max((r.run_on for r in f.swot_runs), default=None)
    business = [p for p in f.profile if p.text.strip() and not p.section.is_history]
    settled = sum(1 for q in f.answers if q.status != QuestionStatus.UNKNOWN)
    share = settled / len(QUESTIONS) if QUESTIONS else 1
    return [
        Check(
            "research.decision_maker",
            "The decision maker is known",
            bool(deciders),
            _names(deciders) if deciders else "Nobody is marked as decision maker",
            "StakeholdersPane",
            True,
        ),
        Check(
            "research.buying_roles",
            "Each buying role is considered",
            roles_ok,
            roles_detail,
            "StakeholdersPane",
            False,
        ),
        Check(
            "research.team_roles",
            "Our team covers the six roles",
            not missing_team,
            "All six roles covered" if not missing_team else "Uncovered: " + _names(missing_team, 6),
            "TeamPane",
            False,
        ),
        Check(
            "research.swot",
            "A SWOT run in the last six months",
            bool(fresh),
            f"Last run {max(fresh).isoformat()}"
            if fresh
            else (f"Last run {last_swot.isoformat()}: run it again" if last_swot else "No SWOT yet"),
            "SwotPane",
            True,
        ),
        Check(
            "research.business",
            "The business profile is started",
            bool(business),
            f"{len(business)} of {sum(1 for s in ProfileSection if not s.is_history)} parts written"
            if business
            else "Nothing written about the customer's business yet",
            "BusinessPane",
            True,
        ),
        Check(
            "research.questions",
            f"At least {int(QUESTIONS_SHARE * 100)}% of the growth questions settled",
            share >= QUESTIONS_SHARE,
            f"{settled} of {len(QUESTIONS)} answered or not relevant",
            "QuestionsPane",
            False,
        ),
    ]


def _action_plan(f: Row) -> list[Check]:
    live = [g for g in f.goals if g.status != GoalStatus.DROPPED]
    horizons = {g.horizon for g in live}
    missing_h = [h.label.lower() for h in Horizon if h not in horizons]
    no_owner = [g.text for g in live if not g.owner.strip()]
    by_goal: dict[int, list[Row]] = {}
    for a in f.actions:
        by_goal.setdefault(a.goal_id, []).append(a)
    unplanned = [
        g.text
        for g in live
        if not g.status.is_closed
        and not any(a.owner.strip() and a.due_date and a.status != ActionStatus.DROPPED for a in by_goal.get(g.id, []))
    ]
    return [
        Check(
            "plan.horizons",
            "A goal on each horizon (short, mid, long)",
            not missing_h,
            "Goals on all three horizons" if not missing_h else "No goal yet: " + _names(missing_h),
            "GoalsPane",
            False,
        ),
        Check(
            "plan.goal_owners",
            "Every goal has an owner",
            bool(live) and not no_owner,
            (
                "No goals yet"
                if not live
                else ("Every goal has one" if not no_owner else "No owner: " + _names(no_owner))
            ),
            "GoalsPane",
            True,
        ),
        Check(
            "plan.actions",
            "Every goal has an action with an owner and a due date",
            bool(live) and not unplanned,
            (
                "No goals yet"
                if not live
                else ("Every open goal has one" if not unplanned else "Missing for: " + _names(unplanned))
            ),
            "GoalsPane",
            True,
        ),
    ]


def _execution(f: Row) -> list[Check]:
    overdue = [a for a in f.actions if not a.status.is_closed and a.due_date and a.due_date < f.today]
    recent = [
        a
        for a in f.actions
        if a.status == ActionStatus.DONE
        and a.completed_on
        and a.completed_on >= f.today - timedelta(days=ACTIONS_MOVING_DAYS)
    ]
    if overdue:
        moving_detail = f"{len(overdue)} overdue: " + _names(a.text for a in overdue)
    elif not recent:
        moving_detail = f"Nothing done in the last {ACTIONS_MOVING_DAYS} days"
    else:
        moving_detail = f"{len(recent)} done in the last {ACTIONS_MOVING_DAYS} days, none overdue"
    high = [s for s in f.stakeholders if s.influence == Influence.HIGH]
    uncovered = [s.name for s in high if not f.covers.get(s.id)]
    open_texts = [a.text.casefold() for a in f.actions if not a.status.is_closed]
    # a blocker "has a plan" when an open action names them
    blockers = [
        s.name for s in high if s.attitude == Attitude.BLOCKER and not any(s.name.casefold() in t for t in open_texts)
    ]
    parts = []
    if uncovered:
        parts.append("nobody covers " + _names(uncovered))
    if blockers:
        parts.append("no action names blocker " + _names(blockers))
    open_opps = [o for o in f.opportunities if o.status == OpportunityStatus.OPEN]
    return [
        Check(
            "execution.opportunities",
            "Opportunities are tracked",
            bool(f.opportunities),
            f"{len(f.opportunities)} tracked, {len(open_opps)} open" if f.opportunities else "No opportunities yet",
            "OpportunitiesPane",
            True,
        ),
        Check(
            "execution.moving",
            "Actions are moving",
            bool(recent) and not overdue,
            moving_detail,
            "GoalsPane",
            True,
        ),
        Check(
            "execution.coverage",
            "Coverage warnings handled",
            not parts,
            _sentence("; ".join(parts)) if parts else "Every high-influence person is covered",
            "StakeholdersPane" if uncovered or not blockers else "GoalsPane",
            False,
        ),
    ]


def _review(f: Row) -> list[Check]:
    a = f.account
    complete = {v.kpi_id for v in f.kpi_values if v.target is not None and v.actual is not None}
    no_numbers = [k.name for k in f.kpis if k.id not in complete]
    nxt = reviews.next_review(a, f.today)
    within = a.last_review is not None and not nxt.is_overdue
    if a.last_review is None:
        review_detail = "No review logged yet"
    elif within and nxt.due is not None:
        review_detail = f"Last {a.last_review.isoformat()}; next due {nxt.due.isoformat()}"
    else:
        cadence = a.review_cadence.label.lower()
        review_detail = (
            f"Last {a.last_review.isoformat()}; {counted(nxt.days_overdue, 'day')} past the {cadence} cadence"
        )
    rev = a.next_plan_revision
    horizon = f.today + timedelta(days=reviews.PLAN_REVISION_DAYS)
    rev_ok = rev is not None and f.today <= rev <= horizon
    if rev is None:
        rev_detail = "No date set for the next plan revision"
    elif rev < f.today:
        rev_detail = f"Was due {rev.isoformat()}: revise the plan and set the next date"
    elif rev > horizon:
        rev_detail = f"{rev.isoformat()} is more than six months away"
    else:
        rev_detail = f"Next revision {rev.isoformat()}"
    kinds = {m.kind for m in f.meetings}
    customer = [k for k in (MeetingKind.STRATEGIC, MeetingKind.TACTICAL, MeetingKind.OPERATIONAL) if k in kinds]
    meetings_ok = MeetingKind.INTERNAL in kinds and bool(customer)
    return [
        Check(
            "review.kpis",
            "KPIs with targets and actuals",
            bool(f.kpis) and not no_numbers,
            (
                "No KPIs yet"
                if not f.kpis
                else (
                    "Every KPI has a target and an actual"
                    if not no_numbers
                    else "No target and actual for " + _names(no_numbers)
                )
            ),
            "ReviewsPane",
            False,
        ),
        Check(
            "review.last_review",
            "Last review within the cadence",
            within,
            review_detail,
            "ReviewsPane",
            True,
        ),
        Check(
            "review.plan_revision",
            "Next plan revision dated, within six months",
            rev_ok,
            rev_detail,
            "account",
            True,
            ("next_plan_revision",),
        ),
        Check(
            "review.meetings",
            "Meeting structure: internal and with the customer",
            meetings_ok,
            "Set"
            if meetings_ok
            else ("No internal team meeting" if MeetingKind.INTERNAL not in kinds else "No meeting with the customer"),
            "ReviewsPane",
            False,
        ),
    ]


_BUILDERS = {
    Stage.STRATEGY: _strategy,
    Stage.RESEARCH: _research,
    Stage.ACTION_PLAN: _action_plan,
    Stage.EXECUTION: _execution,
    Stage.REVIEW: _review,
}


def stages_of(facts: Row, light: bool = False) -> list[StageChecklist]:
    """All five stages' checks from `facts`: an object with the account, today,
    and the account's rows as lists (members, roles, stakeholders, profile,
    swot_runs, answers, goals, actions, opportunities, kpis, kpi_values,
    meetings), and `covers` (each person's covering member ids). Light depth
    keeps the essential checks only."""
    out = []
    for stage in Stage:
        checks = _BUILDERS[stage](facts)
        if light:
            checks = [c for c in checks if c.essential]
        out.append(StageChecklist(stage, checks))
    return out
