"""The app on a file with a damaged page it had not found yet: the page a
section reads as it opens is refused with the way back, not a traceback."""

from __future__ import annotations

from kam_tui.backup import list_backups
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.damaged import DamagedScreen
from tests.bad_files import zero_page


async def test_opening_an_account_on_a_damaged_page_shows_the_refusal_not_a_traceback(kam, tmp_path, settle):
    db = tmp_path / "plans.db"
    assert kam("init", "--demo", db=db).returncode == 0
    assert kam("backup", db=db).returncode == 0
    zero_page(db, "stakeholder", keep_mtime=True)
    app = KamApp(db_path=db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")  # the first account opens on its people: the damaged page
        await settle(app, pilot)
        assert isinstance(app.screen, DamagedScreen), app.screen
        assert app.refusal is not None and "kam restore" in app.refusal
        assert list_backups(db)[-1].path.name in app.refusal
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1
