"""The SWOT pane driven by keys: add, reorder, a new run, and the changes view."""

import io
from datetime import date

import pytest
from rich.console import Console
from sqlmodel import select

from kam_tui import clock
from kam_tui.backup import list_backups
from kam_tui.models import SwotItem, SwotQuadrant as Q, SwotRun
from kam_tui.services import swot
from kam_tui.services.accounts import create_account
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.swot_changes import SwotChanges
from kam_tui.tui.widgets.swot_quadrant import SwotQuadrantList


@pytest.fixture
def acct_id(session):
    return create_account(session, "Acme").id


async def open_swot(app, pilot, acct_id):
    app.push_screen(WorkspaceScreen(acct_id, section="SwotPane"))
    await pilot.pause()
    for _ in range(6):  # tab from the tab bar into the pane
        if isinstance(app.focused, SwotQuadrantList):
            break
        await pilot.press("tab")
        await pilot.pause()
    assert isinstance(app.focused, SwotQuadrantList)


def strengths(session, run_id):
    session.expire_all()
    return [it.text for it in swot.run_items(session, run_id, Q.STRENGTH)]


def shown(app, quadrant: Q) -> list[str]:
    """The lines the quadrant shows, as plain text without the numbers."""
    lst = app.screen.query_one(f"#swot-{quadrant.value}", SwotQuadrantList)
    console = Console(width=200, record=True, file=io.StringIO())
    out = []
    for i in range(lst.option_count):
        console.print(lst.get_option_at_index(i).prompt)
        out.append(console.export_text().strip().split(". ", 1)[1])
    return out


async def test_add_items_and_reorder_by_keys(db_path, session, acct_id):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_swot(app, pilot, acct_id)
        for text in ("Strong brand", "Good margins"):
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*text)
            await pilot.press("f2")
            await pilot.pause()
        run = swot.latest_run(session, acct_id)
        assert run is not None and run.run_on == clock.today()
        assert strengths(session, run.id) == ["Strong brand", "Good margins"]
        # the cursor is on the new item; K moves it up
        await pilot.press("K")
        await pilot.pause()
        assert strengths(session, run.id) == ["Good margins", "Strong brand"]
        assert shown(app, Q.STRENGTH) == ["Good margins", "Strong brand"]
        await pilot.press("J")
        await pilot.pause()
        assert strengths(session, run.id) == ["Strong brand", "Good margins"]
        # right goes to Weaknesses; n adds there
        await pilot.press("right", "n")
        await pilot.pause()
        await pilot.press(*"Slow IT", "f2")
        await pilot.pause()
        session.expire_all()
        assert [it.text for it in swot.run_items(session, run.id, Q.WEAKNESS)] == ["Slow IT"]


async def test_empty_text_is_refused_and_kept_open(db_path, session, acct_id):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_swot(app, pilot, acct_id)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert "is required" in str(app.screen.query_one("#err-text").render())
        await pilot.press("escape")
        await pilot.pause()
    assert session.exec(select(SwotItem)).all() == []


async def test_new_run_then_changes_view_shows_the_edit(db_path, session, acct_id):
    first = swot.new_run(session, acct_id, today=date(2026, 1, 5))
    swot.add_item(session, first.id, Q.THREAT, "Fuel prices")
    swot.add_item(session, first.id, Q.STRENGTH, "Brand")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_swot(app, pilot, acct_id)
        await pilot.press("N")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        runs = session.exec(select(SwotRun).order_by(SwotRun.id)).all()
        assert len(runs) == 2 and runs[1].run_on == clock.today()
        copies = swot.run_items(session, runs[1].id)
        assert sorted(c.copied_from_id for c in copies) == sorted(i.id for i in swot.run_items(session, first.id))
        # edit the copied strength, delete the threat
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" and reach", "f2")
        await pilot.pause()
        # down from the last strength goes to Opportunities below, right to Threats
        await pilot.press("down", "right")
        await pilot.pause()
        assert app.focused.id == "swot-threat"
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ConfirmScreen"
        await pilot.press("y")
        await pilot.pause()
        session.expire_all()
        assert swot.run_items(session, runs[1].id, Q.THREAT) == []
        await pilot.press("c")
        await pilot.pause()
        text = str(app.screen.query_one(SwotChanges).render())
        assert "Changes since 2026-01-05" in text
        assert "~ Brand -> Brand and reach" in text
        assert "- Fuel prices" in text
        assert strengths(session, runs[1].id) == ["Brand and reach"]
        # the earlier run is viewable and untouched
        await pilot.press("c", "less_than_sign")
        await pilot.pause()
        assert "earlier run, read-only" in str(app.screen.query_one("#swot-runbar").render())
        assert shown(app, Q.STRENGTH) == ["Brand"]
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "WorkspaceScreen"  # no form on an earlier run
        assert strengths(session, first.id) == ["Brand"]


async def test_edit_starts_at_the_end_and_esc_leaves_the_changes_view_only(db_path, session, acct_id):
    first = swot.new_run(session, acct_id, today=date(2026, 1, 5))
    swot.add_item(session, first.id, Q.STRENGTH, "Brand")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_swot(app, pilot, acct_id)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*" and reach", "f2")  # typed straight on: the cursor is at the end
        await pilot.pause()
        assert strengths(session, first.id) == ["Brand and reach"]
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#swot-changes-box").display
        await pilot.press("escape")  # back to the quadrants, still in the account
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen)
        assert not app.screen.query_one("#swot-changes-box").display
        assert isinstance(app.focused, SwotQuadrantList)
        await pilot.press("escape")  # from the quadrants, Esc leaves the account as anywhere else
        await pilot.pause()
        assert not isinstance(app.screen, WorkspaceScreen)


async def test_delete_latest_run_asks_and_earlier_becomes_editable(db_path, session, acct_id):
    first = swot.new_run(session, acct_id, today=date(2026, 1, 5))
    swot.add_item(session, first.id, Q.STRENGTH, "Brand")
    swot.new_run(session, acct_id, today=date(2026, 6, 5))
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_swot(app, pilot, acct_id)
        await pilot.press("D")
        await pilot.pause()
        assert "2026-06-05" in str(app.screen.query_one(".form-title").render())
        await pilot.press("y")
        await pilot.pause()
        assert [r.id for r in swot.list_runs(session, acct_id)] == [first.id]
        assert "(1 of 1, latest, editable)" in str(app.screen.query_one("#swot-runbar").render())
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", "!", "f2")
        await pilot.pause()
        assert strengths(session, first.id) == ["Brand!"]


async def test_deleting_a_swot_run_with_items_keeps_a_verified_copy_first(db_path, session):
    acct = create_account(session, "Acme")
    first = swot.new_run(session, acct.id, today=date(2026, 1, 5))
    swot.add_item(session, first.id, Q.STRENGTH, "Brand")
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
