"""The Goals & actions pane driven by keys: forms, done toggle, drop, reorder, filter, delete."""

from datetime import date, timedelta

from sqlmodel import select

from kam_tui import clock
from kam_tui.db import new_session
from kam_tui.models import Action, ActionStatus, Goal, Horizon
from kam_tui.services import accounts, goals
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.goal_tree import GoalTree


async def open_goals(app, pilot, account_id):
    app.push_screen(WorkspaceScreen(account_id, section="GoalsPane"))
    await pilot.pause()
    app.screen.query_one(GoalTree).focus()
    await pilot.pause()
    return app.screen.query_one(GoalTree)


def tree_text(tree) -> str:
    lines = []

    def walk(node):
        for child in node.children:
            lines.append(str(child.label))
            walk(child)

    walk(tree.root)
    return "\n".join(lines)


async def start_form(app, pilot, key):
    """Open a form with `key`; the cursor goes to its first field (FormScreen leaves it on the box)."""
    await pilot.press(key)
    await pilot.pause()
    app.screen.query_one("#in-text").focus()
    await pilot.pause()


async def type_text(pilot, text):
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_add_goal_and_action_with_forms_then_toggle_done(db_path, engine):
    with new_session(engine) as s:
        aid = accounts.create_account(s, "Acme").id
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        tree = await open_goals(app, pilot, aid)
        await pilot.press("down", "down")  # cursor into "Mid term"
        await start_form(app, pilot, "n")
        await type_text(pilot, "Win the new division")
        await pilot.press("tab", "tab")  # past the horizon choice (preset from the cursor) to owner
        await type_text(pilot, "Ann")
        await pilot.press("tab")
        await type_text(pilot, "2027-06-30")
        await pilot.press("f2")
        await pilot.pause()
        with new_session(engine) as s:
            goal = s.exec(select(Goal)).one()
        assert (goal.text, goal.horizon, goal.owner, goal.target_date) == (
            "Win the new division",
            Horizon.MID,
            "Ann",
            date(2027, 6, 30),
        )
        assert tree.cursor_node.data == ("goal", goal.id)
        # an action under it, with a bad date first: the form says so and keeps the text
        await start_form(app, pilot, "a")
        await type_text(pilot, "Pilot with two teams")
        await pilot.press("tab")
        await type_text(pilot, "Bo")
        await pilot.press("tab")
        await type_text(pilot, "31.2.2026")
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert "is not a date" in str(form.query_one("#err-due_date").render())
        assert form.query_one("#in-text").value == "Pilot with two teams"
        await pilot.press(*["backspace"] * 9)
        yesterday = clock.today() - timedelta(days=1)
        await type_text(pilot, yesterday.isoformat())
        await pilot.press("f2")
        await pilot.pause()
        with new_session(engine) as s:
            action = s.exec(select(Action)).one()
        assert (action.text, action.owner, action.due_date, action.goal_id) == (
            "Pilot with two teams",
            "Bo",
            yesterday,
            goal.id,
        )
        assert tree.cursor_node.data == ("action", action.id)
        assert "1d late" in tree_text(tree)
        assert "1 overdue" in str(app.screen.query_one("#goals-status").render())
        # space: done, stamped today; space again: undone, date cleared
        await pilot.press("space")
        await pilot.pause()
        with new_session(engine) as s:
            row = s.get(Action, action.id)
            assert (row.status, row.completed_on) == (ActionStatus.DONE, clock.today())
        assert "late" not in tree_text(tree) and "100%" in tree_text(tree)
        await pilot.press("space")
        await pilot.pause()
        with new_session(engine) as s:
            row = s.get(Action, action.id)
            assert (row.status, row.completed_on) == (ActionStatus.TODO, None)


async def test_drop_reorder_filter_and_delete(db_path, engine):
    today = clock.today()
    with new_session(engine) as s:
        aid = accounts.create_account(s, "Acme").id
        g = goals.add_goal(s, aid, "short", "Meet the CTO", owner="Ann")
        a1 = goals.add_action(s, g.id, "Late one", owner="Bo", due_date=today - timedelta(days=2))
        a2 = goals.add_action(s, g.id, "Later one", owner="Ann", due_date=today + timedelta(days=20))
        goals.add_goal(s, aid, "long", "Whole division paying", owner="Kim")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = await open_goals(app, pilot, aid)
        await pilot.press("j", "j", "j")  # short term > goal > Late one > Later one
        assert tree.cursor_node.data == ("action", a2.id)
        await pilot.press("K")  # move up
        await pilot.pause()
        with new_session(engine) as s:
            assert [a.text for a in goals.list_actions(s, g.id)] == ["Later one", "Late one"]
        assert tree.cursor_node.data == ("action", a2.id)
        await pilot.press("minus")
        await pilot.pause()
        with new_session(engine) as s:
            assert s.get(Action, a2.id).status == ActionStatus.DROPPED
        # f: open only hides the dropped action; f again: overdue only
        await pilot.press("f")
        await pilot.pause()
        assert "Later one" not in tree_text(tree) and "Late one" in tree_text(tree)
        await pilot.press("f")
        await pilot.pause()
        text = tree_text(tree)
        assert "Late one" in text and "Whole division" not in text
        assert "0%" in text and "1 overdue" in text  # progress of the whole goal, not of what is shown
        await pilot.press("f")
        await pilot.pause()
        assert "Whole division" in tree_text(tree)
        # delete the goal: asked, told its actions go, kept on n, gone on y
        await pilot.press("k", "k", "k", "k", "k")
        await pilot.press("down")
        assert tree.cursor_node.data == ("goal", g.id)
        await pilot.press("d")
        await pilot.pause()
        assert "2 actions go with it" in str(app.screen.query_one(".form-intro").render())
        await pilot.press("n")
        await pilot.pause()
        with new_session(engine) as s:
            assert s.get(Goal, g.id) is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        with new_session(engine) as s:
            assert s.get(Goal, g.id) is None
            assert s.exec(select(Action)).all() == []
        assert "Meet the CTO" not in tree_text(tree)
        assert a1.id


async def test_owner_filter_via_slash(db_path, engine):
    with new_session(engine) as s:
        aid = accounts.create_account(s, "Acme").id
        g = goals.add_goal(s, aid, "short", "Goal of Ann", owner="Ann")
        goals.add_action(s, g.id, "Bo's step", owner="Bo")
        goals.add_action(s, g.id, "Ann's step", owner="Ann")
        goals.add_goal(s, aid, "mid", "Goal of Kim", owner="Kim")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        tree = await open_goals(app, pilot, aid)
        await pilot.press("slash")
        await pilot.pause()
        form = app.screen
        form.query_one("#in-owner").focus()
        await pilot.press("enter")  # open the owner list
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # (none), Ann, Bo
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        text = tree_text(tree)
        assert "Bo's step" in text and "Ann's step" not in text and "Goal of Kim" not in text
        assert "owner Bo" in str(app.screen.query_one("#goals-status").render())


async def test_an_owner_is_picked_from_the_people_kam_knows(db_path, engine):
    from kam_tui.services import team

    with new_session(engine) as s:
        aid = accounts.create_account(s, "Acme", owner="Maria Lindqvist").id
        team.create_member(s, aid, "Jonas Berg")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_goals(app, pilot, aid)
        await start_form(app, pilot, "n")
        await type_text(pilot, "Meet the CFO")
        app.screen.query_one("#in-owner").focus()
        await pilot.pause()
        names = app.screen.query_one("#in-owner-names")
        assert names.display and [str(o.prompt) for o in names.options] == ["Jonas Berg", "Maria Lindqvist"]
        await type_text(pilot, "lind")  # typing filters, by any word's start
        await pilot.pause()
        assert [str(o.prompt) for o in names.options] == ["Maria Lindqvist"]
        await pilot.press("down", "enter")  # take it: Enter picks, it does not save the form yet
        await pilot.pause()
        assert app.screen.query_one("#in-owner").value == "Maria Lindqvist"
        assert not names.display
        # another spelling of a known name is offered the known one
        await pilot.press(*["backspace"] * 15)
        await type_text(pilot, "Maria Lindquist")
        await pilot.pause()
        assert [str(o.prompt) for o in names.options] == ["Maria Lindqvist  a close spelling"]
        # a new name is kept as typed
        await pilot.press(*["backspace"] * 15)
        await type_text(pilot, "Nora Vik")
        await pilot.pause()
        assert not names.display
        await pilot.press("f2")
        await pilot.pause()
    with new_session(engine) as s:
        assert [g.owner for g in goals.list_goals(s, aid)] == ["Nora Vik"]
