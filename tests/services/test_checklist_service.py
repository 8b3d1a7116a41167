"""The stage checklists, on crafted plans: each check flips when the data it reads changes."""

from datetime import date, timedelta

import pytest

from kam_tui.export import checklist as checklist_export
from kam_tui.export.snapshot import plan_for
from kam_tui.models import (
    Attitude,
    BuyingRole,
    Influence,
    Meeting,
    MeetingKind,
    Opportunity,
    ProfileSection,
    ProfileText,
    QuestionAnswer,
    QuestionStatus,
    Stage,
    Stakeholder,
    StakeholderCover,
    SwotRun,
    TeamMember,
    TeamMemberRole,
    TeamRole,
)
from kam_tui.questions import QUESTIONS
from kam_tui.services import accounts, goals, reviews
from kam_tui.services.checklist import checklist

TODAY = date(2026, 11, 23)


def checks(session, account_id, stage):
    account = accounts.get_account(session, account_id)
    sc = next(s for s in checklist(session, account, TODAY) if s.stage == stage)
    return {c.key: c for c in sc.checks}


@pytest.fixture
def acct(session):
    return accounts.create_account(session, "Acme")


def test_strategy_checks_read_the_account_and_team(session, acct):
    c = checks(session, acct.id, Stage.STRATEGY)
    assert [k for k, v in c.items() if v.done] == []
    assert c["strategy.tier"].fields == ("tier",) and c["strategy.tier"].section == "account"
    accounts.update_account(session, acct.id, tier="emerging_key", focus="expand", why_key="Growth", what_we_want="")
    m = TeamMember(account_id=acct.id, name="Eva Exec", is_executive_sponsor=True)
    session.add(m)
    session.commit()
    c = checks(session, acct.id, Stage.STRATEGY)
    assert {k for k, v in c.items() if not v.done} == {"strategy.what_we_want"}
    assert c["strategy.sponsor"].detail == "Eva Exec"


def test_research_checks(session, acct):
    c = checks(session, acct.id, Stage.RESEARCH)
    assert not any(v.done for v in c.values())
    assert c["research.decision_maker"].section == "StakeholdersPane"
    people = [
        Stakeholder(account_id=acct.id, name="Dee", buying_role=BuyingRole.DECISION_MAKER),
        Stakeholder(account_id=acct.id, name="Eco", buying_role=BuyingRole.ECONOMIC_BUYER),
        Stakeholder(account_id=acct.id, name="Tex", buying_role=BuyingRole.TECHNICAL_EVALUATOR),
        Stakeholder(account_id=acct.id, name="Nobody"),
    ]
    session.add_all(people)
    member = TeamMember(account_id=acct.id, name="Ann")
    session.add(member)
    session.flush()
    for role in list(TeamRole)[:5]:
        session.add(TeamMemberRole(member_id=member.id, role=role))
    session.add(SwotRun(account_id=acct.id, run_on=TODAY - timedelta(days=200)))
    session.add(ProfileText(account_id=acct.id, section=ProfileSection.PURCHASES, text="Licences"))
    for q in QUESTIONS[:23]:
        session.add(QuestionAnswer(account_id=acct.id, question_key=q.key, status=QuestionStatus.ANSWERED))
    session.commit()
    c = checks(session, acct.id, Stage.RESEARCH)
    assert c["research.decision_maker"].done and c["research.decision_maker"].detail == "Dee"
    assert not c["research.buying_roles"].done
    assert "user" in c["research.buying_roles"].detail and "Nobody" in c["research.buying_roles"].detail
    assert not c["research.team_roles"].done and "Result Driver" in c["research.team_roles"].detail
    assert not c["research.swot"].done and "run it again" in c["research.swot"].detail
    assert not c["research.business"].done  # history is not the customer's business
    assert not c["research.questions"].done and c["research.questions"].detail.startswith("23 of 48")
    # now fill what was missing
    session.add(Stakeholder(account_id=acct.id, name="Uma", buying_role=BuyingRole.USER))
    people[3].buying_role = BuyingRole.INFLUENCER
    session.add(people[3])
    session.add(TeamMemberRole(member_id=member.id, role=TeamRole.RESULT_DRIVER))
    session.add(SwotRun(account_id=acct.id, run_on=TODAY - timedelta(days=10)))
    session.add(ProfileText(account_id=acct.id, section=ProfileSection.STRATEGY_GOALS, text="Grow in Asia"))
    session.add(QuestionAnswer(account_id=acct.id, question_key=QUESTIONS[30].key, status=QuestionStatus.NOT_RELEVANT))
    session.commit()
    c = checks(session, acct.id, Stage.RESEARCH)
    assert all(v.done for v in c.values()), {k: v.detail for k, v in c.items() if not v.done}


def test_action_plan_checks(session, acct):
    short = goals.add_goal(session, acct.id, "short", "Meet the CTO", owner="Ann")
    goals.add_goal(session, acct.id, "mid", "New division", owner="")
    c = checks(session, acct.id, Stage.ACTION_PLAN)
    assert "long term" in c["plan.horizons"].detail and not c["plan.horizons"].done
    assert c["plan.goal_owners"].detail == "No owner: New division"
    goals.add_action(session, short.id, "Ask the VP", owner="Ann")  # no date: does not count
    c = checks(session, acct.id, Stage.ACTION_PLAN)
    assert "Meet the CTO" in c["plan.actions"].detail
    goals.add_action(session, short.id, "Ask the VP again", owner="Ann", due_date="2026-12-01")
    c = checks(session, acct.id, Stage.ACTION_PLAN)
    assert c["plan.actions"].detail == "Missing for: New division"


def test_execution_checks(session, acct):
    g = goals.add_goal(session, acct.id, "short", "G", owner="Ann")
    late = goals.add_action(session, g.id, "Late", due_date=TODAY - timedelta(days=2))
    c = checks(session, acct.id, Stage.EXECUTION)
    assert not c["execution.opportunities"].done
    assert not c["execution.moving"].done and "1 overdue" in c["execution.moving"].detail
    goals.toggle_done(session, late.id, today=TODAY - timedelta(days=1))
    blocker = Stakeholder(account_id=acct.id, name="Bob Block", influence=Influence.HIGH, attitude=Attitude.BLOCKER)
    session.add(blocker)
    session.add(Opportunity(account_id=acct.id, name="Renewal"))
    session.commit()
    c = checks(session, acct.id, Stage.EXECUTION)
    assert c["execution.opportunities"].done and c["execution.moving"].done
    assert not c["execution.coverage"].done
    assert "Nobody covers Bob Block" in c["execution.coverage"].detail
    assert "blocker bob block" in c["execution.coverage"].detail.lower()
    member = TeamMember(account_id=acct.id, name="Ann")
    session.add(member)
    session.flush()
    session.add(StakeholderCover(stakeholder_id=blocker.id, member_id=member.id, is_primary=True))
    session.commit()
    goals.add_action(session, g.id, "Win over Bob Block with a site visit", owner="Ann", due_date="+7d")
    c = checks(session, acct.id, Stage.EXECUTION)
    assert c["execution.coverage"].done


def test_review_checks(session, acct):
    c = checks(session, acct.id, Stage.REVIEW)
    assert not any(v.done for v in c.values())
    k = reviews.add_kpi(session, acct.id, "Revenue")
    reviews.set_kpi_value(session, k.id, "2026-Q3", target=10)
    accounts.update_account(
        session, acct.id, last_review=TODAY - timedelta(days=40), next_plan_revision=TODAY + timedelta(days=300)
    )
    c = checks(session, acct.id, Stage.REVIEW)
    assert "Revenue" in c["review.kpis"].detail and not c["review.kpis"].done
    assert not c["review.last_review"].done and "days past" in c["review.last_review"].detail
    assert not c["review.plan_revision"].done and "six months" in c["review.plan_revision"].detail
    reviews.set_kpi_value(session, k.id, "2026-Q3", target=10, actual=12)
    reviews.add_review(session, acct.id, TODAY - timedelta(days=3), today=TODAY)
    accounts.update_account(session, acct.id, next_plan_revision=TODAY + timedelta(days=90))
    session.add_all(
        [
            Meeting(account_id=acct.id, kind=MeetingKind.INTERNAL),
            Meeting(account_id=acct.id, kind=MeetingKind.STRATEGIC),
        ]
    )
    session.commit()
    c = checks(session, acct.id, Stage.REVIEW)
    assert all(v.done for v in c.values()), {k: v.detail for k, v in c.items() if not v.done}


def test_light_depth_keeps_only_the_essentials(session, acct):
    full = {sc.stage: [c.key for c in sc.checks] for sc in checklist(session, acct, TODAY)}
    light_acct = accounts.update_account(session, acct.id, depth="light")
    light = {sc.stage: [c.key for c in sc.checks] for sc in checklist(session, light_acct, TODAY)}
    for stage in Stage:
        assert light[stage], stage
        assert set(light[stage]) < set(full[stage]), stage
    assert "strategy.sponsor" not in light[Stage.STRATEGY]
    assert "research.decision_maker" in light[Stage.RESEARCH]


def test_export_marks_current_stage_and_open_items(session, acct):
    accounts.update_account(session, acct.id, stage="action_plan", focus="protect")
    text = checklist_export.render(plan_for(session, accounts.get_account(session, acct.id), today=TODAY))
    assert text.startswith("## Stage checklist")
    assert "Current stage: 3. Action plan" in text
    assert "### 3. Action plan (current stage): 0 of 3 done" in text
    assert "- [x] Focus chosen: penetrate, expand or protect (Protect)" in text
    assert "- [ ] The decision maker is known (open: Nobody is marked as decision maker)" in text
