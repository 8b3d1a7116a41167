"""The five stages' checklists, computed from the plan itself.

Each check says what is done or still open, what exactly is missing, and where
to fix it: either account fields (`section == "account"`, `fields` names them)
or a workspace section (`section` is the pane's class name). Open items are
shown, never enforced: the method lets a KAM move on and come back.

Light depth keeps the essentials of each stage (the method: the same process
scales down for a lighter account, the same steps done faster).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from kam_tui import clock
from kam_tui.models import (
    Account,
    Action,
    Goal,
    Kpi,
    KpiValue,
    Meeting,
    Opportunity,
    PlanDepth,
    ProfileText,
    QuestionAnswer,
    Stakeholder,
    StakeholderCover,
    SwotRun,
    TeamMember,
    TeamMemberRole,
)
from kam_tui.rules.checklist import (  # the rules, re-exported for callers
    ACTIONS_MOVING_DAYS as ACTIONS_MOVING_DAYS,
    CORE_BUYING_ROLES as CORE_BUYING_ROLES,
    PURPOSE as PURPOSE,
    QUESTIONS_SHARE as QUESTIONS_SHARE,
    STAGE_SECTIONS as STAGE_SECTIONS,
    SWOT_FRESH_DAYS as SWOT_FRESH_DAYS,
    Check as Check,
    StageChecklist as StageChecklist,
    stages_of as stages_of,
)
from kam_tui.rules.coverage import covers_of


class _Facts:
    """The account's plan, read once, for all five stages."""

    def __init__(self, session: Session, account: Account, today: date):
        aid = account.id
        self.account = account
        self.today = today
        self.members = list(session.exec(select(TeamMember).where(TeamMember.account_id == aid)))
        member_ids = [m.id for m in self.members]
        self.roles = (
            {r.role for r in session.exec(select(TeamMemberRole).where(col(TeamMemberRole.member_id).in_(member_ids)))}
            if member_ids
            else set()
        )
        self.stakeholders = list(session.exec(select(Stakeholder).where(Stakeholder.account_id == aid)))
        self.covers = covers_of(
            session.exec(
                select(StakeholderCover).where(
                    col(StakeholderCover.stakeholder_id).in_([s.id for s in self.stakeholders])
                )
            )
        )
        self.profile = list(session.exec(select(ProfileText).where(ProfileText.account_id == aid)))
        self.swot_runs = list(session.exec(select(SwotRun).where(SwotRun.account_id == aid)))
        self.answers = list(session.exec(select(QuestionAnswer).where(QuestionAnswer.account_id == aid)))
        self.goals = list(session.exec(select(Goal).where(Goal.account_id == aid)))
        goal_ids = [g.id for g in self.goals]
        self.actions = list(session.exec(select(Action).where(col(Action.goal_id).in_(goal_ids)))) if goal_ids else []
        self.opportunities = list(session.exec(select(Opportunity).where(Opportunity.account_id == aid)))
        self.kpis = list(session.exec(select(Kpi).where(Kpi.account_id == aid)))
        kpi_ids = [k.id for k in self.kpis]
        self.kpi_values = (
            list(session.exec(select(KpiValue).where(col(KpiValue.kpi_id).in_(kpi_ids)))) if kpi_ids else []
        )
        self.meetings = list(session.exec(select(Meeting).where(Meeting.account_id == aid)))


def checklist(
    session: Session, account: Account, today: date | None = None, *, depth: PlanDepth | None = None
) -> list[StageChecklist]:
    """All five stages' checks for the account, at its depth (or the one given)."""
    facts = _Facts(session, account, today or clock.today())
    return stages_of(facts, (depth or account.depth) == PlanDepth.LIGHT)
