"""The whitespace pane driven by keys: cycle a cell, add/rename/remove units and offerings."""

import pytest
from sqlmodel import select

from kam_tui.backup import list_backups
from kam_tui.models import WhitespaceCell, WhitespaceOffering, WhitespaceStatus as S, WhitespaceUnit
from kam_tui.services import whitespace as ws
from kam_tui.services.accounts import create_account
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.whitespace_grid import WhitespaceGrid


@pytest.fixture
def acct_id(session):
    return create_account(session, "Acme").id


async def open_whitespace(app, pilot, acct_id):
    app.push_screen(WorkspaceScreen(acct_id, section="WhitespacePane"))
    await pilot.pause()
    for _ in range(6):
        if isinstance(app.focused, WhitespaceGrid):
            break
        await pilot.press("tab")
        await pilot.pause()
    assert isinstance(app.focused, WhitespaceGrid)
    return app.focused


def legend(app) -> str:
    return str(app.screen.query_one("#whitespace-legend").render())


async def test_cycle_a_cell_saves_at_once(db_path, session, acct_id):
    u = ws.add_unit(session, acct_id, "Nordics")
    ws.add_unit(session, acct_id, "Baltics")
    ws.add_offering(session, acct_id, "Cloud")
    o = ws.add_offering(session, acct_id, "Support")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_whitespace(app, pilot, acct_id)
        await pilot.press("l", "space")
        await pilot.pause()
        session.expire_all()
        assert session.get(WhitespaceCell, (u.id, o.id)).status == S.HAVE
        assert "Have 1" in legend(app) and "not set 3" in legend(app)
        await pilot.press("enter", "enter")
        await pilot.pause()
        session.expire_all()
        assert session.get(WhitespaceCell, (u.id, o.id)).status == S.OPEN
        assert "Open" in str(grid.get_cell(str(u.id), str(o.id)))
        assert "Open 1" in legend(app) and "Have 0" in legend(app)
        assert "Support" in str(app.screen.query_one("#whitespace-where").render())
        await pilot.press("delete")
        await pilot.pause()
        session.expire_all()
        assert session.get(WhitespaceCell, (u.id, o.id)) is None


async def test_add_and_rename_a_unit_and_an_offering(db_path, session, acct_id):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_whitespace(app, pilot, acct_id)
        assert "No whitespace map yet" in str(app.screen.query_one("#whitespace-where").render())
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Nordics", "enter")
        await pilot.pause()
        await pilot.press("N")
        await pilot.pause()
        await pilot.press(*"Cloud", "enter")
        await pilot.pause()
        assert [u.name for u in session.exec(select(WhitespaceUnit))] == ["Nordics"]
        assert [o.name for o in session.exec(select(WhitespaceOffering))] == ["Cloud"]
        assert grid.row_count == 1 and len(grid.columns) == 1
        # a duplicate name is refused in the form, which keeps what was typed
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"nordics", "enter")
        await pilot.pause()
        assert "already has a unit" in str(app.screen.query_one("#err-name").render())
        await pilot.press("escape")
        await pilot.pause()
        # rename the unit under the cursor
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" & Baltics", "enter")
        await pilot.pause()
        session.expire_all()
        assert [u.name for u in session.exec(select(WhitespaceUnit))] == ["Nordics & Baltics"]
        assert "Nordics & Baltics" in str(app.screen.query_one("#whitespace-where").render())


async def test_remove_asks_first_and_takes_the_cells(db_path, session, acct_id):
    ws.add_unit(session, acct_id, "Nordics")
    u2 = ws.add_unit(session, acct_id, "Baltics")
    o = ws.add_offering(session, acct_id, "Cloud")
    ws.set_status(session, u2.id, o.id, S.PURSUING)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        grid = await open_whitespace(app, pilot, acct_id)
        await pilot.press("j", "d")
        await pilot.pause()
        assert "Baltics" in str(app.screen.query_one(".form-title").render())
        await pilot.press("n")  # keep
        await pilot.pause()
        assert len(session.exec(select(WhitespaceUnit)).all()) == 2
        await pilot.press("d", "y")
        await pilot.pause()
        session.expire_all()
        assert [u.name for u in session.exec(select(WhitespaceUnit))] == ["Nordics"]
        assert session.exec(select(WhitespaceCell)).all() == []
        assert grid.row_count == 1
        await pilot.press("D", "y")
        await pilot.pause()
        assert session.exec(select(WhitespaceOffering)).all() == []


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
