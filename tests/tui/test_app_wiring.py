"""Keys that join the screens: Today from anywhere, scoring, import and the
wizard from the list; a verified backup before a delete and an import."""

from __future__ import annotations

from kam_tui.backup import list_backups
from kam_tui.services import accounts
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.import_screen import ImportScreen
from kam_tui.tui.screens.scoring import ScoringScreen
from kam_tui.tui.screens.today import TodayScreen
from kam_tui.tui.screens.wizard import WizardScreen


async def test_keys_from_the_list_reach_each_screen(db_path, session, settle):
    acme = accounts.create_account(session, "Acme", tier="existing_key")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        for key, screen_type in (("m", ScoringScreen), ("i", ImportScreen), ("w", WizardScreen)):
            await pilot.press(key)
            await settle(app, pilot)
            assert isinstance(app.screen, screen_type), key
            await pilot.press("escape")
            await settle(app, pilot)
            assert isinstance(app.screen, AccountListScreen), key
        await pilot.press("w")
        await settle(app, pilot)
        assert app.screen.account_id == acme.id


async def test_today_is_one_key_from_inside_an_account(db_path, session, settle, open_workspace):
    acme = accounts.create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        assert (await open_workspace(app, pilot)).account_id == acme.id
        await pilot.press("T")
        await settle(app, pilot)
        assert isinstance(app.screen, TodayScreen)


async def test_delete_from_the_list_keeps_a_verified_copy_first(db_path, session, settle):
    accounts.create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        before = len(list_backups(db_path))
        await pilot.press("d")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
    assert accounts.list_accounts(session) == []
    copies = list_backups(db_path)
    assert len(copies) == before + 1
    assert "delete" in copies[-1].path.name


def test_import_keeps_a_verified_copy_first(db_path, session, kam, tmp_path):
    accounts.create_account(session, "Existing")
    src = tmp_path / "hubspot.csv"
    src.write_text("Record ID,Company name,Country/Region\n1,Acme,Sweden\n", encoding="utf-8")
    result = kam("import", str(src), db=db_path)
    assert result.returncode == 0, result.stderr
    copies = list_backups(db_path)
    assert any("import" in c.path.name for c in copies)
    assert {a.name for a in accounts.list_accounts(session)} == {"Existing", "Acme"}
