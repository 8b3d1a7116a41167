"""The demo portfolio: every table filled, dates relative to the day it is seeded."""

from datetime import date

from sqlalchemy import func, text
from sqlmodel import SQLModel, select

import kam_tui.models as m
from kam_tui import clock
from kam_tui.questions import BY_KEY
from kam_tui.services.demo import BANK, MAKER, RETAIL, seed_demo


def _count(session, table) -> int:
    return session.exec(select(func.count()).select_from(table)).one()


def test_demo_fills_every_table(session):
    assert seed_demo(session) is True
    empty = [t.name for t in SQLModel.metadata.sorted_tables if _count(session, t) == 0]
    assert empty == ["tombstone"]  # nothing was deleted
    assert len(SQLModel.metadata.sorted_tables) >= 20


def test_demo_refuses_a_database_with_accounts(session):
    from kam_tui.services import accounts

    accounts.create_account(session, "Mine")
    assert seed_demo(session) is False
    assert [a.name for a in accounts.list_accounts(session)] == ["Mine"]
    assert _count(session, m.Stakeholder) == 0


def test_three_accounts_at_different_tiers_and_stages(session):
    seed_demo(session)
    accounts = {a.name: a for a in session.exec(select(m.Account))}
    assert set(accounts) == {BANK, MAKER, RETAIL}
    assert len({a.tier for a in accounts.values()}) == 3
    assert len({a.stage for a in accounts.values()}) == 3
    assert accounts[BANK].tier == m.Tier.EXISTING_KEY and accounts[BANK].stage == m.Stage.EXECUTION


def test_stakeholder_map_has_champion_blocker_and_uncovered_heavyweight(session):
    seed_demo(session)
    people = list(session.exec(select(m.Stakeholder)))
    covered = {c.stakeholder_id for c in session.exec(select(m.StakeholderCover))}
    assert any(p.attitude == m.Attitude.CHAMPION for p in people)
    assert any(p.attitude == m.Attitude.BLOCKER and p.influence == m.Influence.HIGH for p in people)
    assert any(p.influence == m.Influence.HIGH and p.id not in covered and p.contact_strength.is_weak for p in people)
    by_id = {p.id: p for p in people}
    # a chain of at least two levels above someone
    assert any(p.reports_to_id and by_id[p.reports_to_id].reports_to_id for p in people)
    assert all(by_id[p.reports_to_id].account_id == p.account_id for p in people if p.reports_to_id)


def test_team_sponsors_and_missing_growth_roles(session):
    seed_demo(session)
    accounts = {a.name: a for a in session.exec(select(m.Account))}
    for name, has_sponsor in ((BANK, True), (MAKER, True), (RETAIL, False)):
        members = session.exec(select(m.TeamMember).where(m.TeamMember.account_id == accounts[name].id)).all()
        assert any(x.is_executive_sponsor for x in members) is has_sponsor
    roles = session.exec(
        select(m.TeamMemberRole.role)
        .join(m.TeamMember, m.TeamMember.id == m.TeamMemberRole.member_id)
        .where(m.TeamMember.account_id == accounts[MAKER].id)
    ).all()
    assert not any(r.is_growth_role for r in roles)
    bank_roles = set(
        session.exec(
            select(m.TeamMemberRole.role)
            .join(m.TeamMember, m.TeamMember.id == m.TeamMemberRole.member_id)
            .where(m.TeamMember.account_id == accounts[BANK].id)
        ).all()
    )
    assert bank_roles == set(m.TeamRole)


def test_main_account_has_every_profile_section_and_two_swot_runs(session):
    seed_demo(session)
    bank = session.exec(select(m.Account).where(m.Account.name == BANK)).one()
    sections = set(session.exec(select(m.ProfileText.section).where(m.ProfileText.account_id == bank.id)))
    assert sections == set(m.ProfileSection)
    runs = session.exec(select(m.SwotRun).where(m.SwotRun.account_id == bank.id).order_by(m.SwotRun.run_on)).all()
    assert len(runs) == 2
    old = {i.id: i for i in session.exec(select(m.SwotItem).where(m.SwotItem.run_id == runs[0].id))}
    new = list(session.exec(select(m.SwotItem).where(m.SwotItem.run_id == runs[1].id)))
    copied = [i for i in new if i.copied_from_id]
    added = [i for i in new if i.copied_from_id is None]
    edited = [i for i in copied if old[i.copied_from_id].text != i.text]
    removed = set(old) - {i.copied_from_id for i in copied}
    assert len(added) == 1 and len(edited) == 1 and len(removed) == 1


def test_dates_are_relative_to_the_seeding_day(session):
    today = date(2031, 3, 15)
    seed_demo(session, today=today)
    actions = list(session.exec(select(m.Action)))
    overdue = [a for a in actions if not a.status.is_closed and a.due_date < today]
    done = [a for a in actions if a.status == m.ActionStatus.DONE]
    assert overdue and done
    assert all(a.completed_on and a.completed_on <= today for a in done)
    periods = sorted(set(session.exec(select(m.KpiValue.period))))
    assert periods == ["2030-Q2", "2030-Q3", "2030-Q4", "2031-Q1"]
    # one account's last review is older than its cadence allows
    late = [
        a
        for a in session.exec(select(m.Account))
        if a.last_review and (today - a.last_review).days > a.review_cadence.days
    ]
    assert [a.name for a in late] == [MAKER]
    assert all(r.held_on <= today for r in session.exec(select(m.Review)))


def test_goals_questions_whitespace_opportunities(session):
    seed_demo(session)
    assert set(session.exec(select(m.Goal.horizon))) == set(m.Horizon)
    statuses = set(session.exec(select(m.WhitespaceCell.status)))
    assert statuses == set(m.WhitespaceStatus)
    assert _count(session, m.WhitespaceUnit) >= 4 and _count(session, m.WhitespaceOffering) >= 5
    assert set(session.exec(select(m.Opportunity.status))) == set(m.OpportunityStatus)
    answers = list(session.exec(select(m.QuestionAnswer)))
    assert {a.status for a in answers} == set(m.QuestionStatus)
    assert all(a.question_key in BY_KEY for a in answers)
    assert any(a.status == m.QuestionStatus.UNKNOWN and a.finder and a.due_date < clock.today() for a in answers)
    assert set(session.exec(select(m.Meeting.kind))) == set(m.MeetingKind)
    kinds = set(session.exec(select(m.ThirdParty.kind)))
    assert kinds == set(m.PartyKind)
    promotions = [
        t for t in session.exec(select(m.TierChange)) if t.from_tier and t.to_tier.is_key and not t.from_tier.is_key
    ]
    assert promotions


def test_demo_is_one_transaction(session, engine, monkeypatch):
    # a failure half-way through the seed (disk full, say) leaves nothing behind
    from kam_tui.services import demo

    original = demo._seed

    def fails_at_the_end(z):
        original(z)
        raise OSError("disk full")

    monkeypatch.setattr(demo, "_seed", fails_at_the_end)
    try:
        seed_demo(session)
    except OSError:
        pass
    with engine.connect() as con:
        assert con.execute(text("select count(*) from account")).scalar() == 0
        assert con.execute(text("select count(*) from criterion")).scalar() == 0
