"""Relationships over time, through the services on a real database (a file,
and a server): the contact log and last contact, contact rhythms and who is
due, how the relationships moved, coverage by several with one primary and
the quarterback rule, meetings due, contracts and renewals, and Today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kam_tui import clock
from kam_tui.errors import NotFound, ValidationError
from kam_tui.export.snapshot import plan_for
from kam_tui.export.stakeholders import render as render_people
from kam_tui.export.team import render as render_team
from kam_tui.models import Attitude, Influence, MeetingKind
from kam_tui.services import (
    accounts,
    contacts,
    contracts,
    coverage,
    goals,
    interactions,
    opportunities,
    reviews,
    stakeholders as sh,
    team,
)
from kam_tui.services.today import today_items

TODAY = date(2026, 11, 23)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def acct(session):
    return accounts.create_account(session, "Nordbank", owner="Kim Berg", tier="existing_key")


# ---------------------------------------------------------------- the log and the last contact


def test_the_last_contact_is_the_latest_logged_else_the_typed_one(session, acct):
    kim = team.create_member(session, acct.id, "Kim Berg")
    eva = sh.create_stakeholder(session, acct.id, "Eva", influence="high", last_contact=ago(100))
    states = contacts.account_contacts(session, acct.id)
    assert states[eva.id].last == ago(100)  # typed before the log existed
    interactions.log_contact(session, eva.id, ago(40), "call", with_ids=[kim.id], today=TODAY)
    interactions.log_contact(session, eva.id, ago(12), "email", today=TODAY)
    interactions.log_contact(session, eva.id, ago(50), "visit", today=TODAY)  # logged late: older than the rest
    state = contacts.account_contacts(session, acct.id)[eva.id]
    assert state.last == ago(12) and state.due_on == ago(12) + timedelta(days=30)
    assert not state.is_due(TODAY) and state.days_since(TODAY) == 12
    assert [e.happened_on for e in interactions.person_log(session, eva.id)] == [ago(12), ago(40), ago(50)]
    # a typed date later than the log still counts (the user corrected it by hand)
    sh.update_stakeholder(session, eva.id, last_contact=ago(2))
    assert contacts.account_contacts(session, acct.id)[eva.id].last == ago(2)


def test_a_logged_contact_is_checked_and_corrected(session, acct):
    kim = team.create_member(session, acct.id, "Kim")
    other = accounts.create_account(session, "Other")
    stranger = team.create_member(session, other.id, "Stranger")
    eva = sh.create_stakeholder(session, acct.id, "Eva")
    for fields, field in (
        ({"happened_on": "tomorrow"}, "date"),
        ({"happened_on": ""}, "date"),
        ({"kind": "telepathy"}, "kind"),
        ({"level": "cosmic"}, "level"),
        ({"with_ids": [stranger.id]}, "with"),
        ({"next_step_due": "soonish"}, "next step due"),
    ):
        with pytest.raises(ValidationError) as info:
            interactions.log_contact(session, eva.id, **{"happened_on": "today", **fields})
        assert info.value.field == field
    entry = interactions.log_contact(
        session, eva.id, "-3d", "Visit", level="Strategic", with_ids=[kim.id], note="  Lunch  ", today=TODAY
    )
    assert (entry.happened_on, entry.level, entry.note) == (ago(3), MeetingKind.STRATEGIC, "Lunch")
    interactions.update_interaction(session, entry.id, with_ids=[], note="Dinner", happened_on="yesterday", today=TODAY)
    assert interactions.participants(session, entry.id) == []
    assert interactions.get_interaction(session, entry.id).happened_on == ago(1)
    interactions.delete_interaction(session, entry.id)
    with pytest.raises(NotFound):
        interactions.get_interaction(session, entry.id)


def test_a_next_step_becomes_an_action_of_the_relationship_goal_once(session, acct):
    ann = team.create_member(session, acct.id, "Ann Holm")
    eva = sh.create_stakeholder(session, acct.id, "Eva Ek")
    first = interactions.log_contact(
        session, eva.id, "today", "call", with_ids=[ann.id], next_step="Send the deck", next_step_due="+1w"
    )
    action = interactions.next_step_to_action(session, first.id)
    assert action.text == "Send the deck (Eva Ek)" and action.owner == "Ann Holm"
    assert action.due_date == clock.today() + timedelta(days=7)
    goal = goals.get_goal(session, action.goal_id)
    assert goal.text == interactions.RELATIONSHIP_GOAL and goal.owner == "Kim Berg"
    with pytest.raises(ValidationError, match="is an action already"):
        interactions.next_step_to_action(session, first.id)
    second = interactions.log_contact(session, eva.id, "today", "email", next_step="Call back")
    again = interactions.next_step_to_action(session, second.id)
    assert again.goal_id == goal.id and again.owner == "Kim Berg"  # nobody of ours named: the account's owner
    bare = interactions.log_contact(session, eva.id, "today")
    with pytest.raises(ValidationError, match="has no next step"):
        interactions.next_step_to_action(session, bare.id)


# ---------------------------------------------------------------- rhythms


def test_rhythms_by_influence_are_editable_and_a_person_may_have_their_own(session, acct):
    high = sh.create_stakeholder(session, acct.id, "High", influence="high", last_contact=ago(35))
    mid = sh.create_stakeholder(session, acct.id, "Mid", influence="medium", last_contact=ago(35))
    own = sh.create_stakeholder(
        session, acct.id, "Own", influence="low", last_contact=ago(20), contact_rhythm_days="2w"
    )
    assert contacts.rhythms(session) == {Influence.HIGH: 30, Influence.MEDIUM: 60, Influence.LOW: 90}
    states = contacts.account_contacts(session, acct.id)
    assert [states[p.id].is_due(TODAY) for p in (high, mid, own)] == [True, False, True]
    assert states[own.id].rhythm == 14
    contacts.set_rhythms(session, high="6w", medium="30", low="2m", quarterback_share="40%")
    assert contacts.rhythms(session) == {Influence.HIGH: 42, Influence.MEDIUM: 30, Influence.LOW: 60}
    assert str(contacts.quarterback_share(session)) == "0.4"
    states = contacts.account_contacts(session, acct.id)
    assert [states[p.id].is_due(TODAY) for p in (high, mid, own)] == [False, True, True]
    for bad, field in (
        (dict(high="0"), "high"),
        (dict(low="often"), "low"),
        (dict(quarterback_share="0"), "quarterback share"),
    ):
        with pytest.raises(ValidationError) as info:
            contacts.set_rhythms(session, **bad)
        assert info.value.field == field
    with pytest.raises(ValidationError) as info:
        sh.update_stakeholder(session, own.id, contact_rhythm_days="-5")
    assert info.value.field == "contact rhythm"
    sh.update_stakeholder(session, own.id, contact_rhythm_days="")
    assert contacts.account_contacts(session, acct.id)[own.id].rhythm == 60  # back to its influence's


def test_nobody_with_no_contact_on_record_is_due_unless_high_and_barely_known(session, acct):
    imported = [sh.create_stakeholder(session, acct.id, f"Imported {n}") for n in range(5)]
    known = sh.create_stakeholder(session, acct.id, "Known", influence="high", contact_strength="strong")
    stranger = sh.create_stakeholder(session, acct.id, "Stranger", influence="high")
    due = contacts.due_people(session, acct.id, TODAY)
    assert due == [stranger.id]
    assert known.id not in due and not set(due) & {p.id for p in imported}


# ---------------------------------------------------------------- how the relationships moved


def test_every_change_of_influence_attitude_or_contact_is_kept_with_its_day(session, acct):
    eva = sh.create_stakeholder(session, acct.id, "Eva", attitude="neutral")
    bo = sh.create_stakeholder(session, acct.id, "Bo")
    sh.update_stakeholder(session, eva.id, attitude="supporter", notes="warmer", today=ago(30))
    sh.update_stakeholder(session, eva.id, attitude="supporter", today=ago(25))  # no change, nothing kept
    sh.move(session, bo.id, 1, 2, today=ago(5))  # medium -> high, neutral -> blocker
    sh.update_stakeholder(session, bo.id, contact_strength="regular", today=ago(1))
    kept = [(c.field.value, c.old_value, c.new_value, c.changed_on) for c in sh.changes(session, bo.id)]
    assert kept == [
        ("influence", "medium", "high", ago(5)),
        ("attitude", "neutral", "blocker", ago(5)),
        ("contact_strength", "none", "regular", ago(1)),
    ]
    moves = sh.moves_since(session, acct.id, ago(10))
    assert [str(m) for m in moves] == [
        f"Bo: Influence medium -> high, {ago(5)}",
        f"Bo: Neutral -> Blocker, {ago(5)}",
        f"Bo: Contact none -> regular, {ago(1)}",
    ]
    assert [m.name for m in sh.moves_since(session, acct.id, None)][0] == "Eva"
    # the export lists the moves since the last review, dated
    accounts.update_account(session, acct.id, last_review=ago(10))
    text = render_people(plan_for(session, accounts.get_account(session, acct.id)))
    assert f"### Relationship changes since the last review ({ago(10)})" in text
    assert f"- **Bo**: Neutral -> Blocker, {ago(5)}" in text
    assert "Eva" not in text.split("### Relationship changes")[1]


# ---------------------------------------------------------------- coverage


def test_several_of_our_team_cover_one_person_with_one_primary(session, acct):
    kim, ann, bo = (team.create_member(session, acct.id, n) for n in ("Kim Berg", "Ann Holm", "Bo Ek"))
    eva = sh.create_stakeholder(session, acct.id, "Eva", covered_by_id=ann.id, also_covered_by=[kim.id, bo.id])
    assert sh.person_covers(session, eva.id) == [ann.id, kim.id, bo.id]
    sh.update_stakeholder(session, eva.id, covered_by_id=kim.id)  # a new primary keeps the others
    assert sh.person_covers(session, eva.id) == [kim.id, ann.id, bo.id]
    sh.update_stakeholder(session, eva.id, also_covered_by=[bo.id])
    assert sh.person_covers(session, eva.id) == [kim.id, bo.id]
    with pytest.raises(ValidationError) as info:
        sh.update_stakeholder(session, eva.id, also_covered_by=["x"])
    assert info.value.field == "also covered by"
    team.delete_member(session, kim.id)  # the primary leaves: the other becomes primary
    assert sh.person_covers(session, eva.id) == [bo.id]
    coverage.add_cover(session, eva.id, ann.id)
    assert sh.person_covers(session, eva.id) == [bo.id, ann.id]
    text = render_people(plan_for(session, acct))
    assert "| Bo Ek (primary), Ann Holm |" in text
    team_text = render_team(plan_for(session, acct))
    assert "| Bo Ek |  |  | Eva |" in team_text and "| Ann Holm |  |  | also: Eva |" in team_text


def test_warnings_for_medium_skeptics_people_past_their_rhythm_and_the_quarterback(session, acct):
    kim = team.create_member(session, acct.id, "Kim Berg")  # the account's owner: the KAM
    ann = team.create_member(session, acct.id, "Ann")
    skeptic = sh.create_stakeholder(
        session, acct.id, "Mia Skeptic", influence="medium", attitude="skeptic", covered_by_id=ann.id
    )
    sh.create_stakeholder(session, acct.id, "Low Blocker", influence="low", attitude="blocker", covered_by_id=ann.id)
    late = sh.create_stakeholder(
        session, acct.id, "Late Lars", influence="high", contact_strength="strong", covered_by_id=kim.id
    )
    interactions.log_contact(session, late.id, ago(45), "call", today=TODAY)
    found = coverage.warnings(session, acct.id, TODAY)
    assert [(w.name, w.kind) for w in found] == [
        ("Mia Skeptic", coverage.DERAIL),
        ("Late Lars", coverage.PAST_RHYTHM),
    ]
    assert found[0].reason == "medium-influence skeptic: could derail the plan"
    assert found[1].reason == "high influence, last contact 45 days ago, every 30 days"
    # the KAM covers three of four people personally: more than half
    for name in ("Ola", "Per"):
        sh.create_stakeholder(session, acct.id, name, covered_by_id=kim.id)
    sh.update_stakeholder(session, skeptic.id, also_covered_by=[kim.id])
    kinds = [w.kind for w in coverage.warnings(session, acct.id, TODAY)]
    assert coverage.QUARTERBACK in kinds
    quarterback = [w for w in coverage.warnings(session, acct.id, TODAY) if w.kind == coverage.QUARTERBACK][0]
    assert quarterback.stakeholder_id is None and quarterback.name == "Kim Berg"
    assert "covers 4 of 5 people personally (more than 50%)" in quarterback.reason
    contacts.set_rhythms(session, quarterback_share="90")
    assert coverage.QUARTERBACK not in [w.kind for w in coverage.warnings(session, acct.id, TODAY)]
    # the export's warnings do not depend on the day: no rhythm there, the quarterback rule is
    contacts.set_rhythms(session, quarterback_share="50")
    text = render_people(plan_for(session, acct))
    assert "KAM covers too many" in text and "Contact due" not in text


# ---------------------------------------------------------------- meetings and contracts


def test_meetings_take_their_last_held_date_from_logged_meetings_and_reviews(session, acct):
    eva = sh.create_stakeholder(session, acct.id, "Eva")
    reviews.add_meeting(session, acct.id, "tactical", "monthly")
    reviews.add_meeting(session, acct.id, "internal", "fortnightly")
    reviews.add_meeting(session, acct.id, "strategic", "half_yearly")
    interactions.log_contact(session, eva.id, ago(40), "meeting", level="tactical", today=TODAY)
    interactions.log_contact(session, eva.id, ago(10), "call", today=TODAY)  # no level: not a structure meeting
    reviews.add_review(session, acct.id, ago(5), "internal", today=TODAY)
    reviews.add_review(session, acct.id, ago(20), "tactical", today=TODAY)
    dues = {d.meeting.kind: d for d in reviews.meeting_dues(session, acct.id)}
    assert dues[MeetingKind.TACTICAL].last_held == ago(20) and dues[MeetingKind.TACTICAL].next_due == ago(
        20
    ) + timedelta(days=31)
    assert dues[MeetingKind.INTERNAL].next_due == ago(5) + timedelta(days=14)
    assert dues[MeetingKind.STRATEGIC].last_held is None and dues[MeetingKind.STRATEGIC].is_due(TODAY)
    due_today = [i for i in today_items(session, TODAY) if i.kind == "meeting_due"]
    assert [i.text for i in due_today] == ["Strategic meeting, twice a year (none held yet)"]


def test_contracts_and_their_renewal_window(session, acct):
    deal = contracts.add_contract(
        session,
        acct.id,
        " Platform ",
        starts_on="2024-01-01",
        ends_on="2027-03-31",
        notice_months="3 months",
        value="1,200,000 EUR",
        notes="Renews for a year",
    )
    assert (deal.name, deal.notice_months, str(deal.value), deal.currency) == ("Platform", 3, "1200000", "EUR")
    assert contracts.notice_by(deal) == date(2026, 12, 31)
    assert not contracts.is_renewal_due(deal, date(2026, 10, 31))  # 61 days before the last day to give notice
    assert contracts.is_renewal_due(deal, date(2026, 11, 1))
    assert contracts.is_renewal_due(deal, date(2027, 3, 31)) and not contracts.is_renewal_due(deal, date(2027, 4, 1))
    [item] = [i for i in today_items(session, TODAY) if i.kind == "renewal_due"]
    assert item.text == "Renewal of Platform: notice by 2026-12-31, ends 2027-03-31" and item.due == date(2026, 12, 31)
    assert item.days_overdue == -38 and item.section == "history"
    for fields, field in (
        ({"ends_on": "2023-01-01"}, "ends on"),
        ({"notice_months": "soon"}, "notice months"),
        ({"notice_months": "61"}, "notice months"),
        ({"value": "5", "currency": ""}, "currency"),
        ({"value": "5 USD", "currency": "EUR"}, "currency"),
    ):
        with pytest.raises(ValidationError) as info:
            contracts.update_contract(session, deal.id, **fields)
        assert info.value.field == field
    assert contracts.get_contract(session, deal.id).ends_on == date(2027, 3, 31)  # a refusal changes nothing
    open_ended = contracts.add_contract(session, acct.id, "Framework")
    assert contracts.notice_by(open_ended) is None and not contracts.is_renewal_due(open_ended, TODAY)
    assert [c.name for c in contracts.list_contracts(session, acct.id)] == ["Platform", "Framework"]
    contracts.delete_contract(session, open_ended.id)
    assert [c.name for c in contracts.list_contracts(session, acct.id)] == ["Platform"]


def test_today_lists_goals_and_opportunities_past_their_date(session, acct):
    late = goals.add_goal(session, acct.id, "short", "Meet the CTO", target_date=ago(3), owner="Ann")
    goals.add_goal(session, acct.id, "short", "Done already", target_date=ago(3), status="achieved")
    goals.add_goal(session, acct.id, "mid", "Later", target_date=TODAY + timedelta(days=3))
    deal = opportunities.add_opportunity(session, acct.id, "Fleet", expected_close=ago(8))
    won = opportunities.add_opportunity(session, acct.id, "Won one", expected_close=ago(8))
    opportunities.set_status(session, won.id, "won")
    items = today_items(session, TODAY)
    got = [(i.kind, i.text, i.days_overdue, i.item_id, i.section) for i in items if i.kind.endswith("_overdue")]
    assert got == [
        ("goal_overdue", "Meet the CTO", 3, late.id, "goals"),
        ("opportunity_overdue", "Fleet", 8, deal.id, "opportunities"),
    ]


def test_attitude_labels_read_back_for_a_value_this_kam_no_longer_knows(session, acct):
    from kam_tui.models import RelationshipChange, TrackedField

    eva = sh.create_stakeholder(session, acct.id, "Eva", attitude=Attitude.NEUTRAL)
    session.add(
        RelationshipChange(
            stakeholder_id=eva.id,
            field=TrackedField.ATTITUDE,
            old_value="lukewarm",
            new_value="neutral",
            changed_on=ago(1),
        )
    )
    session.commit()
    [move] = sh.moves_since(session, acct.id, None)
    assert move.what == "? -> Neutral"
