"""Issue 7 promises not covered elsewhere: every file kam creates (database,
its -wal/-shm/lock, exports, backups) is 0600 and every folder it creates on
the way is 0700, however deep; and a delete that takes many rows with it keeps
a verified copy first."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

from sqlmodel import select

from kam_tui.backup import list_backups
from kam_tui.models import SwotQuadrant, WhitespaceUnit
from kam_tui.services import swot, whitespace as ws
from kam_tui.services.accounts import create_account
from kam_tui.tui.app import KamApp
from tests.tui.test_swot_pane import open_swot
from tests.tui.test_whitespace_pane import open_whitespace


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def created_under(root: Path) -> tuple[dict[str, int], dict[str, int]]:
    files = {str(p.relative_to(root)): mode(p) for p in root.rglob("*") if p.is_file()}
    folders = {str(p.relative_to(root)): mode(p) for p in [root, *root.rglob("*")] if p.is_dir()}
    return files, folders


def test_every_file_and_folder_kam_creates_is_private(kam, tmp_path):
    root = tmp_path / "new"  # nothing of this exists yet
    db = root / "data" / "deep" / "kam.db"
    assert kam("init", "--demo", db=db).returncode == 0
    assert kam("export", "Nordvik Bank", "-o", str(root / "exports" / "one" / "bank.md"), db=db).returncode == 0
    assert kam("export", "--all", "-o", str(root / "exports" / "all" / "plans"), db=db).returncode == 0
    assert kam("backup", db=db).returncode == 0
    assert kam("backup", "-o", str(root / "copies" / "x" / "kam-copy.db"), db=db).returncode == 0
    files, folders = created_under(root)
    assert {"data/deep/kam.db", "exports/one/bank.md", "exports/all/plans/index.md", "copies/x/kam-copy.db"} <= set(
        files
    )
    assert any(f.startswith("data/deep/backups/") for f in files)
    assert len([f for f in files if f.startswith("exports/all/plans/")]) == 4  # three plans and the index
    assert files == {name: 0o600 for name in files}
    assert folders == {name: 0o700 for name in folders}


async def test_deleting_a_swot_run_with_items_keeps_a_verified_copy_first(db_path, session):
    acct = create_account(session, "Acme")
    first = swot.new_run(session, acct.id, today=date(2026, 1, 5))
    swot.add_item(session, first.id, SwotQuadrant.STRENGTH, "Brand")
    second = swot.new_run(session, acct.id, today=date(2026, 6, 5))
    assert len(swot.run_items(session, second.id)) == 1  # the copy of the first run's item
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_swot(app, pilot, acct.id)
        before = len(list_backups(db_path))
        await pilot.press("D", "y")
        await pilot.pause()
    assert [r.id for r in swot.list_runs(session, acct.id)] == [first.id]
    copies = list_backups(db_path)
    assert len(copies) == before + 1 and copies[-1].reason == "delete"


async def test_removing_a_whitespace_line_with_filled_cells_keeps_a_verified_copy_first(db_path, session):
    acct = create_account(session, "Acme")
    unit = ws.add_unit(session, acct.id, "Nordics")
    offer = ws.add_offering(session, acct.id, "Cloud")
    ws.set_status(session, unit.id, offer.id, "pursuing")
    empty_id = ws.add_unit(session, acct.id, "Baltics").id
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_whitespace(app, pilot, acct.id)
        before = len(list_backups(db_path))
        await pilot.press("j", "d", "y")  # Baltics: no cells filled, no copy needed
        await pilot.pause()
        session.expire_all()
        assert session.get(WhitespaceUnit, empty_id) is None
        assert len(list_backups(db_path)) == before
        await pilot.press("d", "y")  # Nordics and its filled cell
        await pilot.pause()
    session.expire_all()
    assert session.exec(select(WhitespaceUnit)).all() == []
    copies = list_backups(db_path)
    assert len(copies) == before + 1 and copies[-1].reason == "delete"


def test_readme_your_data_matches_the_code():
    from kam_tui import backup

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Your data", 1)[1].split("\n## ", 1)[0]
    assert f"`{backup.BACKUP_DIRNAME}/` beside the database" in section
    assert (
        f"newest {backup.KEEP_LAST}, one a day for\n  {backup.KEEP_DAYS} days, one a week for {backup.KEEP_WEEKS} weeks"
        in section
    )
    assert "`0600`" in section and "`0700`" in section
    for reason in ("import", "restore", "delete"):
        assert reason in section
    from kam_tui.paths import APP_NAME

    assert f"~/.local/share/{APP_NAME}/" in section
