"""On the demo data: the wizard, opened with `w` from the list, shows each demo
account at its own stage with the open items its plan has; and the workspace's
summary line names the executive sponsor (or says there is none)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from kam_tui.models import Account, Stage
from kam_tui.services import accounts, demo
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.wizard import WizardScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen

# What the demo is built to show (services/demo.py), written out by hand.
WIZARD = {
    demo.BANK: (Stage.EXECUTION, ["Actions are moving", "Coverage warnings handled"]),
    demo.MAKER: (Stage.ACTION_PLAN, ["Every goal has an action with an owner and a due date"]),
    demo.RETAIL: (Stage.STRATEGY, ["The account's tier is decided"]),
}


async def settle(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def demo_db(db_path, session):
    demo.seed_demo(session)
    return db_path


async def test_wizard_from_the_list_shows_each_demo_account_at_its_stage_with_its_open_items(demo_db, session):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        # the list starts sorted by name: Brightmart, Kessler, Nordvik
        names = [demo.RETAIL, demo.MAKER, demo.BANK]
        for row, name in enumerate(names):
            assert isinstance(app.screen, AccountListScreen)
            await pilot.press(*(["j"] * row), "w")
            await settle(app, pilot)
            assert isinstance(app.screen, WizardScreen)
            account = session.exec(select(Account).where(Account.name == name)).one()
            assert app.screen.account_id == account.id, name
            stage, open_items = WIZARD[name]
            purpose = str(app.screen.query_one("#wizard-purpose").render())
            assert f"Stage {stage.number} of 5: {stage.label}" in purpose, name
            lines = [str(o.prompt) for o in app.screen.query_one("#wizard-checks").options]
            shown_open = [ln[2:].split("\n")[0] for ln in lines if ln.startswith("○ ")]
            assert shown_open == open_items, name
            await pilot.press("escape")
            await settle(app, pilot)
            await pilot.press(*(["k"] * row))
            await settle(app, pilot)
    session.expire_all()
    assert {a.name: a.stage for a in accounts.list_accounts(session)} == {n: WIZARD[n][0] for n in WIZARD}


async def open_workspace(app, pilot, row: int) -> WorkspaceScreen:
    await settle(app, pilot)
    await pilot.press(*(["j"] * row), "enter")
    await settle(app, pilot)
    assert isinstance(app.screen, WorkspaceScreen)
    return app.screen


def summary_text(app) -> str:
    return str(app.screen.query_one("#ws-summary").render())


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_summary_line_sits_under_the_header_and_names_the_sponsor(demo_db, size):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=size) as pilot:
        ws = await open_workspace(app, pilot, 2)  # Nordvik Bank
        line = ws.query_one("#ws-summary")
        header = ws.query_one("Header")
        assert line.display and line.visible
        assert line.region.height == 1 and line.region.y == header.region.bottom
        assert line.region.width == size[0]
        text = summary_text(app)
        assert text.startswith(demo.BANK) and "sponsor Helena Strand" in text
        assert "stage 4 Execution" in text
        # nothing is drawn over it: the widget under its first cells is the line itself
        widget, _ = ws.get_widget_at(2, line.region.y)
        assert widget is line


async def test_summary_says_when_there_is_no_sponsor_and_follows_the_team_pane(demo_db, session):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_workspace(app, pilot, 0)  # Brightmart Stores has no sponsor
        assert "no executive sponsor" in summary_text(app)
        await pilot.press("2")  # the Team section
        await settle(app, pilot)
        await pilot.press("s")  # make the selected member the sponsor
        await settle(app, pilot)
        from kam_tui.services.team import executive_sponsor

        retail = session.exec(select(Account).where(Account.name == demo.RETAIL)).one()
        session.expire_all()
        sponsor = executive_sponsor(session, retail.id)
        assert sponsor is not None
        assert f"sponsor {sponsor.name}" in summary_text(app)
        await pilot.press("s")  # and withdraw it again
        await settle(app, pilot)
        assert "no executive sponsor" in summary_text(app)


async def test_summary_shows_an_account_name_with_brackets_as_typed(db_path, session):
    accounts.create_account(session, "[b]Acme[/b] & [red]Co")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_workspace(app, pilot, 0)
        assert summary_text(app).startswith("[b]Acme[/b] & [red]Co")
