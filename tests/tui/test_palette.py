"""ctrl+p: open an account by typing part of its name; the list's actions by name."""

from __future__ import annotations

from textual.command import CommandPalette

from kam_tui.services import accounts
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.form import FormScreen

SIZE = (120, 36)


async def settle(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for_hits(app, pilot):
    # the palette searches in the background; give it a moment to list hits
    for _ in range(40):
        await pilot.pause(0.05)
        palette = app.screen
        if isinstance(palette, CommandPalette) and palette.query("CommandList Option"):
            return


async def test_palette_opens_an_account_by_part_of_its_name(db_path, session):
    accounts.create_account(session, "Acme Corp")
    target = accounts.create_account(session, "Société Générale")
    accounts.create_account(session, "Zenith Foods")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"generale")  # accents and case ignored
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert app.screen.account_id == target.id


async def test_palette_offers_the_list_actions(db_path, session):
    accounts.create_account(session, "Acme Corp")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"new account")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "New account"
        await pilot.press(*"Beta", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        assert [a.name for a in accounts.list_accounts(s)] == ["Acme Corp", "Beta"]


async def test_palette_set_key_account_limit(db_path, session):
    from kam_tui.services import portfolio

    accounts.create_account(session, "Acme Corp")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"key-account limit")
        await wait_for_hits(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("backspace", "backspace", "4", "enter")
        await settle(app, pilot)
        assert "of 4" in str(app.screen.query_one("#al-limit").render())
    with app.session() as s:
        assert portfolio.get_key_account_limit(s) == 4
