"""First run: an empty database opens on the welcome screen; its three ways in."""

from __future__ import annotations

from pathlib import Path

from kam_tui.services import accounts
from kam_tui.tui.app import KamApp, first_look
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.import_screen import ImportScreen
from kam_tui.tui.screens.welcome import WelcomeScreen
from kam_tui.tui.screenshots import screen_text
from kam_tui.tui.widgets.form import FormScreen

SIZE = (120, 36)


def texts(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


async def test_a_new_database_opens_on_the_welcome(tmp_path: Path, settle):
    app = KamApp(db_path=tmp_path / "new.db")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, WelcomeScreen)
        shown = texts(app.screen)
        assert "one living plan" in shown and "Import a CRM export" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert "No accounts yet" in app.screen.table.empty_text


async def test_with_an_account_the_list_opens(db_path, session, settle):
    accounts.create_account(session, "Acme")
    assert first_look(db_path) == (True, False)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)


async def test_n_adds_the_first_account_and_the_list_takes_over(db_path, engine, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Nordlicht AG", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert [r.name for r in app.screen.visible_rows()] == ["Nordlicht AG"]
    with app.session() as s:
        assert [a.name for a in accounts.list_accounts(s)] == ["Nordlicht AG"]


async def test_i_opens_the_import(db_path, engine, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        assert isinstance(app.screen, ImportScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, WelcomeScreen)  # nothing imported: still no accounts


async def test_d_switches_to_the_demo_and_back(tmp_path: Path, settle):
    own = tmp_path / "own.db"
    demo = tmp_path / "demo.db"
    app = KamApp(db_path=own, demo_path=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "enter")  # the third choice, by the cursor
        await settle(app, pilot)
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert app.db_path == demo and app.is_demo
        names = {r.name for r in app.screen.all_rows}
        assert {"Nordvik Bank", "Kessler Antriebstechnik", "Brightmart Stores"} <= names
        header = str(app.screen.query_one("HeaderTitle").render())
        assert "DEMO" in header
        # the user's own database got no demo accounts
        assert first_look(own)[0] is False
        await pilot.press("ctrl+p", *"leave the demo")
        for _ in range(20):
            await pilot.pause(0.05)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.db_path == own and not app.is_demo
        assert isinstance(app.screen, WelcomeScreen)
