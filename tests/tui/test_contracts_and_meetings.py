"""Contracts in the History tab and the meeting structure's dates in Reviews,
driven by keys: a contract added with its end and notice shows its notice
date (a renewal in its window in red words), edited and deleted; a meeting
logged at a level is the structure's last meeting of that level."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input

from kam_tui import clock
from kam_tui.db import new_session
from kam_tui.services import contracts, interactions, reviews, stakeholders as sh
from kam_tui.services.accounts import create_account
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes import PANES
from kam_tui.tui.panes.history import ContractTable
from kam_tui.tui.screens.workspace import DIGITS, WorkspaceScreen
from kam_tui.tui.widgets.form import ConfirmScreen, FormScreen

TODAY = clock.today()


async def open_section(app, pilot, account_id, entry: str) -> None:
    app.push_screen(WorkspaceScreen(account_id))
    await pilot.pause()
    await pilot.press(DIGITS[PANES.index(entry)])
    await pilot.pause()


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_a_contract_is_added_with_its_dates_edited_and_deleted_by_keys(session, db_path):
    acme = create_account(session, "Acme")
    ends = TODAY + timedelta(days=80)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(app, pilot, acme.id, "history:HistoryPane")
        table = app.screen.query_one("#contracts", ContractTable)
        table.focus()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Data platform", "tab", *"2024-01-01", "tab", *ends.isoformat(), "tab", *"2")
        await pilot.press("tab", *"12500 EUR", "f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        with new_session(app.engine) as s:
            [deal] = contracts.list_contracts(s, acme.id)
            assert (deal.name, deal.ends_on, deal.notice_months, deal.currency) == ("Data platform", ends, 2, "EUR")
            deadline = contracts.notice_by(deal)
        [row] = rows(table)
        assert row[0] == "Data platform" and row[1] == ends.isoformat()
        assert row[2] == f"{deadline.isoformat()} renewal due"  # in its notice window already
        assert row[3] == "EUR 12,500"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#in-ends_on", Input).value = "2020-01-01"  # before it starts: refused
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#in-ends_on", Input).value = ""
        await pilot.press("f2")
        await pilot.pause()
        assert rows(table)[0][1] == "open-ended"
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert table.row_count == 0
        with new_session(app.engine) as s:
            assert contracts.list_contracts(s, acme.id) == []


async def test_a_meeting_logged_at_a_level_is_when_the_structure_last_met(session, db_path):
    acme = create_account(session, "Acme")
    eva = sh.create_stakeholder(session, acme.id, "Eva")
    reviews.add_meeting(session, acme.id, "tactical", "monthly")
    reviews.add_meeting(session, acme.id, "operational", "weekly")
    interactions.log_contact(session, eva.id, TODAY - timedelta(days=40), "meeting", level="tactical")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(app, pilot, acme.id, "reviews:ReviewsPane")
        meetings = app.screen.query_one("#meetings", DataTable)
        got = {r[0]: r[2:4] for r in rows(meetings)}
        late = (TODAY - timedelta(days=9)).isoformat()
        assert got["Tactical"] == [(TODAY - timedelta(days=40)).isoformat(), f"{late} (due)"]
        assert got["Operational"] == ["not yet", "now: none held yet"]
        # log an operational meeting with Eva from her section, then the structure has met
        await pilot.press(DIGITS[PANES.index("stakeholders:StakeholdersPane")])
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        level = form.query_one("#in-level")
        level.value = "operational"
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press(DIGITS[PANES.index("reviews:ReviewsPane")])
        await pilot.pause()
        got = {r[0]: r[2:4] for r in rows(app.screen.query_one("#meetings", DataTable))}
        assert got["Operational"] == [TODAY.isoformat(), (TODAY + timedelta(days=7)).isoformat()]
