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


def map_rows(screen) -> dict[str, str]:
    """The preview's list of columns: column -> what it fills."""
    table = screen.query_one("#import-map", DataTable)
    return {str(row[0]): str(row[1]) for row in (table.get_row_at(i) for i in range(table.row_count))}


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
        columns = map_rows(screen)
        assert columns["Company name"] == "name" and columns["Record ID"] == "CRM id"
        assert columns["Create Date"] == columns["Lifecycle Stage"] == "not used"
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
    assert rows["Acme Corporation"] == ("existing_key", "Metals", "US", "9871000001")  # the country as its code
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


async def import_through_screen(pilot, app, path: Path) -> None:
    """From the account list: i, the path, Enter, then i to write it."""
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, ImportScreen)
    await type_path_and_preview(pilot, app, path)
    await pilot.press("i")
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert not isinstance(app.screen, ImportScreen), text_of(app.screen, "#import-status")


async def test_salesforce_accounts_then_contacts_then_opportunities_then_the_org_chart(engine, db_path, tmp_path):
    from textual.widgets import Tree

    from kam_tui.db import new_session
    from kam_tui.tui.screens.workspace import WorkspaceScreen
    from tests.importer import crm_files as crm

    files = {}
    for name, data in (
        ("Account.csv", crm.salesforce_accounts()),
        ("Contact.csv", crm.salesforce_contacts()),
        ("Opportunity.csv", crm.salesforce_opportunities()),
    ):
        files[name] = tmp_path / name
        files[name].write_bytes(data)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for name in ("Account.csv", "Contact.csv", "Opportunity.csv"):
            await import_through_screen(pilot, app, files[name])
        with new_session(engine) as s:
            acme = accounts.find_account(s, "Acme Corporation")
        await app.push_screen(WorkspaceScreen(acme.id))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        tree = app.screen.query_one("#sh-org", Tree)
        [jane] = tree.root.children
        assert "Jane Miller" in str(jane.label)
        [tom] = jane.children
        assert "Tom Stone" in str(tom.label) and "CFO" in str(tom.label)
        assert ["Ann Ray" in str(n.label) for n in tom.children] == [True]
    with engine.connect() as conn:
        deals = conn.execute(sa.text("SELECT name, status FROM opportunity ORDER BY name")).all()
    assert [tuple(d) for d in deals] == [
        ("Acme renewal 2026", "open"),
        ("Nordwind pilot line", "won"),
        ("Nordwind service", "lost"),
    ]


async def test_a_column_mapped_by_hand_is_used_and_remembered(engine, db_path, tmp_path):
    path = tmp_path / "kunden.csv"
    path.write_text("Kundenname;Umsatz;Bemerkung\nMüller AG;1.500.000;x\nSchmidt GmbH;2.000.000;y\n", encoding="utf-8")
    settings = tmp_path / "settings.json"
    app = KamApp(db_path=db_path, settings_file=settings)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app, [])
        await type_path_and_preview(pilot, app, path)
        assert "no column holds the account name" in text_of(screen, "#import-status")
        assert map_rows(screen) == {"Kundenname": "not used", "Umsatz": "not used", "Bemerkung": "not used"}

        async def assign(column_row: int, label: str) -> None:
            if isinstance(app.focused, Input):  # the path, after the refusal: tab down to the columns
                for _ in range(4):
                    if app.focused is screen.query_one("#import-map"):
                        break
                    await pilot.press("tab")
                    await pilot.pause()
            else:
                await pilot.press("m")
                await pilot.pause()
            table = screen.query_one("#import-map", DataTable)
            assert app.focused is table
            table.move_cursor(row=column_row)
            await pilot.press("enter")
            await pilot.pause()
            options = app.screen.query_one("#column-picker-list")
            labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            options.highlighted = labels.index(label)
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()

        await assign(0, "name (accounts)")
        assert "2 would be created" in text_of(screen, "#import-counts")
        await assign(1, "annual revenue")
        rows = map_rows(screen)
        assert rows["Kundenname"] == "name (by hand)" and rows["Umsatz"] == "annual revenue (by hand)"
        assert "revenue: 1,500,000" in text_of(screen, "#import-first")
    # remembered for a file with the same header, from the command line too
    assert "Kundenname" in settings.read_text()
    app = KamApp(db_path=db_path, settings_file=settings)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app, [])
        await type_path_and_preview(pilot, app, path)
        assert "2 would be created" in text_of(screen, "#import-counts")
        assert "mapped by hand as you mapped them before" in text_of(screen, "#import-problems")


async def test_code_pages_that_disagree_are_asked_in_the_preview(engine, db_path, tmp_path):
    path = tmp_path / "tr.csv"
    path.write_bytes("Account Name;Billing Country\nAğaç;X\n".encode("cp1254"))
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, app, [])
        await type_path_and_preview(pilot, app, path)
        assert "code pages read its names differently" in text_of(screen, "#import-status")
        select = screen.query_one("#import-encoding", Select)
        assert app.focused is select
        shown = [str(label) for label, _ in select._options if _ is not Select.BLANK]
        assert any("Windows-1254" in s and "Ağaç" in s for s in shown)
        select.value = "cp1254"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = screen.query_one("#import-rows", DataTable)
        assert str(table.get_row_at(0)[2]) == "Ağaç"
