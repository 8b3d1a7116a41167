"""The Today screen: grouped items across accounts; enter opens the item in its account."""

from datetime import timedelta

from rich.console import Console
from textual.widgets import OptionList

from kam_tui import clock
from kam_tui.db import new_session
from kam_tui.services import accounts, goals
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.today import TodayScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen


def plain(prompt, width: int = 76) -> str:
    """An option as the terminal shows it, without colour, lines stripped."""
    console = Console(width=width, record=True, color_system=None, file=open("/dev/null", "w"))
    console.print(prompt)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def lines_of(olist: OptionList) -> list[str]:
    """Every option as the terminal shows it."""
    return [plain(o.prompt) for o in olist.options]


async def open_today(app: KamApp, pilot) -> OptionList:
    app.push_screen(TodayScreen())
    await pilot.pause()
    return app.screen.query_one(OptionList)


async def test_today_lists_groups_and_enter_opens_the_account(db_path, engine):
    today = clock.today()
    with new_session(engine) as s:
        acme = accounts.create_account(s, "Acme", tier="existing_key")
        accounts.update_account(s, acme.id, last_review=today - timedelta(days=40))
        beta = accounts.create_account(s, "Beta", tier="emerging_key")
        accounts.update_account(s, beta.id, last_review=today - timedelta(days=2))
        g = goals.add_goal(s, beta.id, "short", "Pilot", owner="Ann")
        action_id = goals.add_action(s, g.id, "Send the pilot plan", owner="Bo", due_date=today - timedelta(days=1)).id
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        olist = await open_today(app, pilot)
        lines = lines_of(olist)
        assert lines[0] == "Overdue actions (1)"
        # when, the account, then what is due and who has it: columns, no colon to misplace
        assert lines[1] == "  1d late Beta Send the pilot plan · Bo"
        assert lines[2] == "Reviews due (1)"
        assert lines[3].startswith("  9d late Acme Monthly review")
        assert olist.highlighted == 1  # the first item, not a heading
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.account_id == beta.id
        assert app.screen.active_tab == "tab-goalspane"
        tree = app.focused
        assert tree.id == "goals-tree"  # the cursor is on the action itself, ready for space / e
        assert tree.cursor_node.data == ("action", action_id)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert app.screen.account_id == acme.id
        assert app.screen.active_tab == "tab-reviewspane"


async def test_a_long_today_shows_the_worst_of_each_kind_and_more_on_enter(db_path, engine):
    """Tens of thousands due in a team's database: each kind opens with its
    count and its first items, and "… and N more" shows the next ones."""
    from kam_tui.tui.screens.today import FIRST

    today = clock.today()
    n = FIRST + 7
    with new_session(engine) as s:
        acme = accounts.create_account(s, "Acme")
        g = goals.add_goal(s, acme.id, "short", "Grow")
        for i in range(n):  # the most overdue first: Step 00 is the latest of all
            goals.add_action(s, g.id, f"Step {i:02d}", due_date=today - timedelta(days=n - i))
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        olist = await open_today(app, pilot)
        lines = lines_of(olist)
        assert lines[0] == f"Overdue actions ({n})"
        assert [line.split("Acme ")[1] for line in lines[1 : FIRST + 1]] == [f"Step {i:02d}" for i in range(FIRST)]
        assert lines[FIRST + 1] == "… and 7 more: enter shows 7 more"
        assert len(lines) == FIRST + 2
        olist.highlighted = FIRST + 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        lines = lines_of(olist)
        assert len(lines) == n + 1 and "more" not in lines[-1]
        # the cursor on the first of those just shown, ready to act on it
        assert app.screen.selected().text == f"Step {FIRST:02d}"
        await pilot.press("space")  # done: it leaves the list, the cursor stays in place
        await pilot.pause()
        assert lines != lines_of(olist)
        assert lines_of(olist)[0] == f"Overdue actions ({n - 1})"
        assert app.screen.selected().text == f"Step {FIRST + 1:02d}"


async def test_the_summary_keeps_a_big_count_on_one_line_on_a_narrow_screen(db_path, engine):
    """Four-figure counts and the key hints do not fit 80 columns: the counts
    stay, whole, on one line (the keys are in the footer)."""
    from kam_tui.models import Action

    today = clock.today()
    with new_session(engine) as s:
        g = goals.add_goal(s, accounts.create_account(s, "Acme").id, "short", "Grow")
        s.add_all(Action(goal_id=g.id, text=f"Step {i}", due_date=today - timedelta(days=1)) for i in range(1_200))
        s.commit()
    for width, keys in ((80, False), (120, True)):
        app = KamApp(db_path=db_path)
        async with app.run_test(size=(width, 24)) as pilot:
            await open_today(app, pilot)
            await pilot.pause()
            summary = app.screen.query_one("#today-summary")
            assert str(summary.render()).startswith("1,200 items, 1,200 overdue")
            assert ("enter opens" in str(summary.render())) == keys
            assert summary.size.height == 1
