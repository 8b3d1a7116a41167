"""Opportunities by keys: add through the form, mark won, reopen, filter,
delete; totals per currency on screen and in the database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from kam_tui import clock
from kam_tui.models import OpportunityStatus as S
from kam_tui.services import opportunities as opps
from kam_tui.services.accounts import create_account
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes import PANES
from kam_tui.tui.panes.opportunities import OpportunitiesPane, OpportunityTable
from kam_tui.tui.screens.workspace import DIGITS, WorkspaceScreen
from kam_tui.tui.widgets.form import ConfirmScreen, FormScreen


async def open_pane(app, pilot, account_id) -> OpportunitiesPane:
    app.push_screen(WorkspaceScreen(account_id))
    await pilot.pause()
    await pilot.press(DIGITS[PANES.index("opportunities:OpportunitiesPane")])
    await pilot.pause()
    pane = app.screen.query_one(OpportunitiesPane)
    assert app.focused is pane.query_one(OpportunityTable)
    return pane


def screen_rows(pane) -> list[list[str]]:
    table = pane.query_one(OpportunityTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def totals_line(pane) -> str:
    """The totals as the user reads them (markup rendered away)."""
    return pane.query_one("#opp-totals").visual.plain


def db(db_path, account_id):
    from kam_tui.db import new_session, open_database

    engine = open_database(db_path)
    try:
        with new_session(engine) as s:
            rows = [
                (o.name, o.value, o.currency, o.status, o.closed_on) for o in opps.list_opportunities(s, account_id)
            ]
            return rows, opps.totals(s, account_id)
    finally:
        engine.dispose()


async def test_add_mark_won_and_reopen(db_path, session):
    acme = create_account(session, "Acme", currency="EUR")
    opps.add_opportunity(session, acme.id, "US pilot", value="70000", currency="USD")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_pane(app, pilot, acme.id)
        assert "Open pipeline 1 · USD 70,000" in totals_line(pane)

        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["currency"] == "EUR"  # the account's currency to start with
        # an amount that reads two ways is refused under its field; nothing is lost
        await pilot.press(*"Fleet", "tab", *"250.000", "f2")
        await pilot.pause()
        assert app.screen is form
        assert "ambiguous" in str(form.query_one("#err-value").content)
        assert form.values()["name"] == "Fleet"
        await pilot.press("ctrl+u", *"250000", "f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)

        rows, totals = db(db_path, acme.id)
        assert ("Fleet", Decimal(250000), "EUR", S.OPEN, None) in rows
        assert totals.open == {"EUR": Decimal(250000), "USD": Decimal(70000)}
        assert "Open pipeline 2 · EUR 250,000 + USD 70,000" in totals_line(pane)
        assert ["Fleet", "EUR 250,000", "Open", "", "", ""] in screen_rows(pane)

        # the new one is selected: w marks it won, closed today
        await pilot.press("w")
        await pilot.pause()
        rows, totals = db(db_path, acme.id)
        assert ("Fleet", Decimal(250000), "EUR", S.WON, clock.today()) in rows
        assert totals.won == {"EUR": Decimal(250000)} and totals.open == {"USD": Decimal(70000)}
        line = totals_line(pane)
        assert "Open pipeline 1 · USD 70,000" in line and "Won 1 · EUR 250,000" in line
        assert ["Fleet", "EUR 250,000", "Won", "", clock.today().isoformat(), ""] in screen_rows(pane)

        await pilot.press("o")
        await pilot.pause()
        rows, totals = db(db_path, acme.id)
        assert ("Fleet", Decimal(250000), "EUR", S.OPEN, None) in rows
        assert totals.counts[S.WON] == 0


async def test_overdue_stands_out_and_filter_and_delete(db_path, session):
    acme = create_account(session, "Acme")
    late = clock.today() - timedelta(days=3)
    opps.add_opportunity(session, acme.id, "Late", value="10", currency="EUR", expected_close=late)
    lost = opps.add_opportunity(session, acme.id, "Gone", value="5", currency="SEK")
    opps.set_status(session, lost.id, "lost")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(app, pilot, acme.id)
        table = pane.query_one(OpportunityTable)
        name_cell, _, _, expected_cell, *_ = table.get_row_at(0)
        assert str(name_cell) == "Late" and "red" in str(name_cell.style)
        assert str(expected_cell) == f"{late.isoformat()} overdue"
        assert "1 overdue" in totals_line(pane)
        assert "Lost 1 · SEK 5" in totals_line(pane)

        # l marks the selected (overdue) one lost: it leaves the pipeline
        await pilot.press("l")
        await pilot.pause()
        _, totals = db(db_path, acme.id)
        assert totals.lost == {"EUR": Decimal(10), "SEK": Decimal(5)} and totals.counts[S.OPEN] == 0
        assert "Open pipeline 0" in totals_line(pane) and "overdue" not in totals_line(pane)
        await pilot.press("o")  # and back
        await pilot.pause()
        await pilot.press("slash")  # all -> open
        await pilot.pause()
        assert [r[0] for r in screen_rows(pane)] == ["Late"]
        assert "Showing open (1 of 2)" in str(pane.query_one("#opp-filter").content)
        await pilot.press("slash", "slash")  # -> won -> lost
        await pilot.pause()
        assert [r[0] for r in screen_rows(pane)] == ["Gone"]

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        rows, totals = db(db_path, acme.id)
        assert [r[0] for r in rows] == ["Late"]
        assert totals.lost == {}
        assert screen_rows(pane) == []


async def test_edit_keeps_close_date_and_enter_opens_the_form(db_path, session):
    acme = create_account(session, "Acme")
    o = opps.add_opportunity(session, acme.id, "Deal", value="1000", currency="USD")
    opps.set_status(session, o.id, "won", closed_on="2026-10-01")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pane(app, pilot, acme.id)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["closed_on"] == "2026-10-01" and form.values()["value"] == "1 000"
        await pilot.press("end", *" B", "f2")
        await pilot.pause()
        rows, _ = db(db_path, acme.id)
        assert rows == [("Deal B", Decimal(1000), "USD", S.WON, date(2026, 10, 1))]
