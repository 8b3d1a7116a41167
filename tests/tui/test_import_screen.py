"""The import screen driven from the keyboard: a path, the preview (nothing
written), then `i` writes it; Esc leaves; bad files say why; dates are asked."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from textual.widgets import DataTable, Input, Select, Static

from kam_tui.services import accounts
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.import_screen import ImportScreen

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"


def account_rows(engine) -> dict[str, tuple]:
    with engine.connect() as conn:
        return {
            r.name: (r.tier, r.industry, r.country, r.crm_id)
            for r in conn.execute(sa.text("SELECT name, tier, industry, country, crm_id FROM account"))
        }


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_import(pilot, app, results: list) -> ImportScreen:
    screen = ImportScreen()
    app.push_screen(screen, callback=results.append)
    await pilot.pause()
    return screen


async def type_path_and_preview(pilot, app, path: Path) -> None:
    await pilot.press(*str(path))
    await pilot.press("enter")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_preview_then_import_from_the_keyboard(engine, db_path, session):
    accounts.create_account(session, "Acme Corporation", industry="Metals", tier="existing_key")
    app = KamApp(db_path=db_path)
    results: list = []
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app, results)
        assert isinstance(app.focused, Input)
        await type_path_and_preview(pilot, app, FIXTURES / "hubspot_companies.csv")
        assert "HubSpot accounts export, read as UTF-8 with BOM, comma-separated, header on row 1." in text_of(
            screen, "#import-file"
        )
        counts = text_of(screen, "#import-counts")
        assert "4 rows read, 3 would be created, 1 would be updated, 0 unchanged, 0 skipped" in counts
        columns = text_of(screen, "#import-columns")
        assert "Company name -> name" in columns and "Columns ignored: Create Date, Lifecycle Stage" in columns
        table = screen.query_one("#import-rows", DataTable)
        assert table.row_count == 4
        first = [str(c) for c in table.get_row_at(0)]
        assert first[:3] == ["2", "fill CRM id, country, revenue, employees, owner, website", "Acme Corporation"]
        assert [str(c) for c in table.get_row_at(1)][:3] == ["3", "create", "Brightline Analytics"]
        # the preview wrote nothing
        assert set(account_rows(engine)) == {"Acme Corporation"}
        assert app.focused is table
        await pilot.press("i")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    rows = account_rows(engine)
    assert set(rows) == {"Acme Corporation", "Brightline Analytics", "Zürich Rück Services AG", "Helios Solar Ltd"}
    assert rows["Acme Corporation"] == ("existing_key", "Metals", "United States", "9871000001")
    assert rows["Brightline Analytics"][0] == "candidate"
    assert len(results) == 1 and results[0].created == 3 and results[0].updated == 1


async def test_escape_leaves_without_writing(engine, db_path):
    app = KamApp(db_path=db_path)
    results: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot, app, results)
        await type_path_and_preview(pilot, app, FIXTURES / "salesforce_report.csv")
        assert "8 would be created" in text_of(screen, "#import-counts")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
    assert results == [None]
    assert account_rows(engine) == {}


async def test_bad_file_says_why_and_import_key_does_nothing(engine, db_path, tmp_path):
    bad = tmp_path / "report.csv"
    bad.write_bytes(b"Industry,Country\nSteel,USA\n")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app, [])
        await type_path_and_preview(pilot, app, bad)
        status = text_of(screen, "#import-status")
        assert "Not imported: no column holds the account name" in status
        assert screen.query_one("#import-status").has_class("error")
        # the path stays as typed, focus back on it to correct
        assert app.focused is screen.query_one("#import-path", Input)
        assert screen.query_one("#import-path", Input).value == str(bad)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ImportScreen)
    assert account_rows(engine) == {}


async def test_date_order_is_asked_in_the_screen(engine, db_path, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Account Name,Last Activity\nAcme,3/4/2026\nGlobex,5/6/2026\n", encoding="utf-8")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app, [])
        await type_path_and_preview(pilot, app, path)
        assert "'Last Activity'" in text_of(screen, "#import-status")
        select = screen.query_one("#import-dates", Select)
        assert app.focused is select
        await pilot.press("enter", "down", "down", "enter")  # open, pass the prompt, month first
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert select.value == "mdy"
        assert "dates month first" in text_of(screen, "#import-file")
        await pilot.press("i")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    with engine.connect() as conn:
        notes = conn.execute(sa.text("SELECT notes FROM account WHERE name = 'Acme'")).scalar()
    assert notes == "Last activity in the CRM: 2026-03-04"


async def test_the_path_completes_as_it_is_typed(engine, db_path, tmp_path):
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "Account.csv").write_bytes((FIXTURES / "salesforce_Account.csv").read_bytes())
    (folder / "Annual report.pdf").write_bytes(b"%PDF")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app, [])
        await pilot.press(*f"{folder}/A")
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion: the CSV, not the PDF
        path_input = screen.query_one("#import-path", Input)
        assert path_input.value == f"{folder}/Account.csv"
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "4 would be created" in text_of(screen, "#import-counts")
