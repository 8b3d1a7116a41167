from datetime import date, timedelta

import pytest
from sqlmodel import select

from kam_tui.errors import ValidationError
from kam_tui.export import goals as goals_export
from kam_tui.export.snapshot import plan_for
from kam_tui.models import Action, ActionStatus, GoalStatus, Horizon
from kam_tui.services import accounts, goals

TODAY = date(2026, 11, 23)


@pytest.fixture
def acct(session):
    return accounts.create_account(session, "Acme")


def test_progress_counts_done_and_leaves_dropped_out(session, acct):
    g = goals.add_goal(session, acct.id, "short", "Meet the CTO", owner="Ann")
    a1 = goals.add_action(session, g.id, "Ask the VP for an intro", due_date="2026-12-01")
    a2 = goals.add_action(session, g.id, "Build the value case")
    a3 = goals.add_action(session, g.id, "Old idea")
    view = goals.goal_views(session, acct.id)[0]
    assert view.progress == 0
    goals.toggle_done(session, a1.id, today=TODAY)
    goals.toggle_dropped(session, a3.id)
    view = goals.goal_views(session, acct.id)[0]
    assert view.progress == pytest.approx(0.5)
    assert "1 of 2 actions done (50%)" == goals_export.progress_text(view)
    goals.toggle_done(session, a2.id, today=TODAY)
    assert goals.goal_views(session, acct.id)[0].progress == 1


def test_toggle_done_stamps_and_undo_clears(session, acct):
    g = goals.add_goal(session, acct.id, Horizon.MID, "Win the division")
    a = goals.add_action(session, g.id, "Run a pilot", owner="Bo")
    goals.toggle_done(session, a.id, today=TODAY)
    row = session.exec(select(Action).where(Action.id == a.id)).one()
    assert (row.status, row.completed_on) == (ActionStatus.DONE, TODAY)
    goals.toggle_done(session, a.id, today=TODAY)
    row = session.exec(select(Action).where(Action.id == a.id)).one()
    assert (row.status, row.completed_on) == (ActionStatus.TODO, None)


def test_overdue_only_for_open_actions_past_due(session, acct):
    g = goals.add_goal(session, acct.id, "short", "G")
    late = goals.add_action(session, g.id, "late", due_date=TODAY - timedelta(days=1))
    on_day = goals.add_action(session, g.id, "today", due_date=TODAY)
    done = goals.add_action(session, g.id, "done late", due_date=TODAY - timedelta(days=5), status="done")
    assert goals.is_overdue(late, TODAY)
    assert not goals.is_overdue(on_day, TODAY)
    assert not goals.is_overdue(done, TODAY)
    views = goals.filter_views(goals.goal_views(session, acct.id), "overdue", today=TODAY)
    assert [a.text for a in views[0].actions] == ["late"]


def test_filters_by_owner_and_open(session, acct):
    g1 = goals.add_goal(session, acct.id, "short", "Ann's goal", owner="Ann")
    g2 = goals.add_goal(session, acct.id, "long", "Bo's goal", owner="Bo")
    goals.add_action(session, g1.id, "by Bo", owner="Bo")
    goals.add_action(session, g2.id, "by Bo too", owner="bo", status="done")
    views = goals.goal_views(session, acct.id)
    by_bo = goals.filter_views(views, owner="BO")
    assert [(v.goal.text, [a.text for a in v.actions]) for v in by_bo] == [
        ("Ann's goal", ["by Bo"]),
        ("Bo's goal", ["by Bo too"]),
    ]
    open_bo = goals.filter_views(views, "open", owner="Bo")
    assert [(v.goal.text, [a.text for a in v.actions]) for v in open_bo] == [
        ("Ann's goal", ["by Bo"]),
        ("Bo's goal", []),
    ]
    assert goals.owners(session, acct.id) == ["Ann", "Bo"]


def test_reorder_within_horizon(session, acct):
    a = goals.add_goal(session, acct.id, "short", "A")
    b = goals.add_goal(session, acct.id, "short", "B")
    goals.add_goal(session, acct.id, "long", "L")
    goals.move_goal(session, b.id, -1)
    assert [g.text for g in goals.list_goals(session, acct.id)] == ["B", "A", "L"]
    goals.move_goal(session, b.id, -1)  # already first: stays
    assert [g.text for g in goals.list_goals(session, acct.id)] == ["B", "A", "L"]
    x = goals.add_action(session, a.id, "x")
    y = goals.add_action(session, a.id, "y")
    goals.move_action(session, y.id, -1)
    assert [ac.text for ac in goals.list_actions(session, a.id)] == ["y", "x"]
    assert x.id


def test_delete_goal_takes_its_actions(session, acct):
    g = goals.add_goal(session, acct.id, "short", "G")
    goals.add_action(session, g.id, "one")
    goals.add_action(session, g.id, "two")
    assert goals.delete_goal(session, g.id) == 2
    assert session.exec(select(Action)).all() == []
    assert goals.list_goals(session, acct.id) == []


def test_bad_input_names_the_field(session, acct):
    with pytest.raises(ValidationError) as info:
        goals.add_goal(session, acct.id, "someday", "G")
    assert info.value.field == "horizon"
    g = goals.add_goal(session, acct.id, "short", "G")
    with pytest.raises(ValidationError) as info:
        goals.add_action(session, g.id, "x", due_date="31.2.2026")
    assert info.value.field == "due date"
    with pytest.raises(ValidationError) as info:
        goals.add_action(session, g.id, "   ")
    assert info.value.field == "action"
    with pytest.raises(ValidationError) as info:
        goals.update_goal(session, g.id, status="finished")
    assert info.value.field == "status"
    assert goals.get_goal(session, g.id).status == GoalStatus.OPEN


def test_export_lists_goals_by_horizon(session, acct):
    g = goals.add_goal(session, acct.id, "long", "Whole division | paying", owner="Ann", target_date="2027-06-30")
    goals.add_action(session, g.id, "Late thing", owner="Bo", due_date=TODAY - timedelta(days=3))
    goals.add_goal(session, acct.id, "short", "Meet the CTO")
    text = goals_export.render(plan_for(session, acct, today=TODAY))
    assert text.startswith("## Goals and actions")
    assert text.index("### Short term") < text.index("### Long term")
    assert "Whole division \\| paying" in text
    assert "Owner: Ann" in text and "Target: 2027-06-30" in text
    # the due date says it; "(overdue)" would make an export of unchanged data differ from day to day
    assert "| Late thing | Bo | 2026-11-20 | To do |  |" in text and "overdue" not in text
    assert "### Mid term" not in text
