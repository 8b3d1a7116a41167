"""Today does more, by keys: space marks an action done, `l` logs a contact
for a contact that is due (it leaves the list once fresh), enter on it opens
the person, `x` writes the calendar file; and on the demo, Today and the map
have something to say on first run."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Calendar
from textual.widgets import Input, OptionList

from kam_tui import clock
from kam_tui.db import new_session
from kam_tui.models import ActionStatus
from kam_tui.services import accounts, contracts, demo, goals, interactions, reviews, stakeholders as sh, team
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes.stakeholders import StakeholdersPane
from kam_tui.tui.screens.today import TodayScreen
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.form import FormScreen
from kam_tui.tui.widgets.stakeholder_map import StakeholderMap
from tests.tui.test_today_screen import plain

TODAY = clock.today()


def lines(app) -> list[str]:
    # an item is drawn as a row of columns, not one string: read it as the screen shows it
    return [plain(o.prompt, width=200) for o in app.screen.query_one(OptionList).options]


async def highlight(app, pilot, text: str) -> None:
    olist = app.screen.query_one(OptionList)
    olist.highlighted = next(n for n, line in enumerate(lines(app)) if text in line)
    await pilot.pause()


def seed(session):
    acct = accounts.create_account(session, "Acme", tier="existing_key", owner="Kim")
    accounts.update_account(session, acct.id, last_review=TODAY - timedelta(days=3))
    ann = team.create_member(session, acct.id, "Ann")
    eva = sh.create_stakeholder(session, acct.id, "Eva Ek", influence="high", covered_by_id=ann.id)
    interactions.log_contact(session, eva.id, TODAY - timedelta(days=33), "call")
    g = goals.add_goal(session, acct.id, "short", "Meet the CTO")
    action = goals.add_action(session, g.id, "Send the agenda", due_date=TODAY - timedelta(days=2))
    reviews.add_meeting(session, acct.id, "strategic", "quarterly")
    contracts.add_contract(session, acct.id, "Platform", ends_on=TODAY + timedelta(days=100), notice_months=2)
    return acct, eva, action


async def test_space_marks_an_action_done_and_l_logs_a_due_contact_on_today(session, db_path):
    acct, eva, action = seed(session)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        shown = lines(app)
        for title in (
            "Overdue actions (1)",
            "Contacts due (1)",
            "Meetings due (1)",
            "Renewals in their notice window (1)",
        ):
            assert title in shown
        await highlight(app, pilot, "Send the agenda")
        await pilot.press("space")
        await pilot.pause()
        with new_session(app.engine) as s:
            got = goals.get_action(s, action.id)
            assert got.status == ActionStatus.DONE and got.completed_on == TODAY
        assert not any("Send the agenda" in line for line in lines(app))
        # l on the contact that is due: the form, then the person is fresh and leaves the list
        await highlight(app, pilot, "Eva Ek")
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "Eva Ek" in app.screen.form_title
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert not any("Eva Ek" in line for line in lines(app))
        with new_session(app.engine) as s:
            assert interactions.person_log(s, eva.id)[0].happened_on == TODAY
        # space and l say what they are for on an item they do not fit
        await highlight(app, pilot, "Platform")
        await pilot.press("space", "l")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_enter_on_a_contact_due_opens_the_person_in_the_stakeholders(session, db_path):
    acct, eva, _ = seed(session)
    sh.create_stakeholder(session, acct.id, "Aaron First", influence="high", contact_strength="strong")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(TodayScreen())
        await pilot.pause()
        await highlight(app, pilot, "Eva Ek")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, WorkspaceScreen) and app.screen.active_tab == "tab-stakeholderspane"
        assert app.screen.query_one(StakeholdersPane).selected_id == eva.id


async def test_x_writes_the_calendar_file(session, db_path, tmp_path):
    seed(session)
    target = tmp_path / "cal" / "kam.ics"
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(TodayScreen())
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        field = app.screen.query_one("#in-path", Input)
        field.value = ""
        await pilot.press(*str(tmp_path), "f2")  # a folder: refused under the field
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and not target.exists()
        field.value = ""
        await pilot.press(*str(target), "f2")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Acme: Action: Send the agenda" in summaries
    assert any(s.startswith("Acme: Renewal notice: Renewal of Platform") for s in summaries)


async def test_the_demo_has_contacts_a_meeting_and_a_renewal_due_and_a_move_on_the_map(demo_db, session):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(TodayScreen())
        await pilot.pause()
        items = app.screen.items
        bank = [i for i in items if i.account == demo.BANK]
        assert {i.text.split(" (")[0] for i in bank if i.kind == "contact_due"} == {"Karin Ek", "Sofia Wallin"}
        assert [i.text for i in bank if i.kind == "meeting_due"][0].startswith("Tactical meeting")
        assert len([i for i in bank if i.kind == "meeting_due"]) == 1
        assert [i.text for i in bank if i.kind == "renewal_due"][0].startswith("Renewal of Data platform agreement")
        bank_id = accounts.find_account(session, demo.BANK).id
        app.push_screen(WorkspaceScreen(bank_id))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        drawn = {p.name: p for p in app.screen.query_one(StakeholderMap).people}
        assert [n for n, p in drawn.items() if p.moved] == ["Johanna Lund"]
        assert {n for n, p in drawn.items() if p.due} == {"Karin Ek", "Sofia Wallin"}
