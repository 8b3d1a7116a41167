"""Relationships over time in the stakeholder section, driven by keys: `l`
logs a contact from the table, the map and the coverage view (today already
in the form), the person goes from due to fresh, the contact log shows the
account's timeline and corrects or deletes an entry, `a` makes a next step an
action, a move on the map is listed as a change since the last review, several
of our team cover one person, and `R` edits the rhythms."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input, SelectionList, Static

from kam_tui import clock
from kam_tui.db import new_session
from kam_tui.models import Attitude
from kam_tui.services import accounts, contacts, goals, interactions, stakeholders as sh, team
from kam_tui.services.coverage import DUE_MARK
from kam_tui.tui.panes.stakeholders import StakeholdersPane
from kam_tui.tui.widgets.form import FormScreen
from kam_tui.tui.widgets.stakeholder_map import StakeholderMap
from kam_tui.tui.widgets.virtual_table import VirtualTable
from tests.tui.test_stakeholders_pane import tab_to, workspace

TODAY = clock.today()


def seed(session):
    acct = accounts.create_account(session, "Nordbank", owner="Kim Berg", tier="existing_key")
    kim = team.create_member(session, acct.id, "Kim Berg")
    ann = team.create_member(session, acct.id, "Ann Holm")
    eva = sh.create_stakeholder(
        session, acct.id, "Eva Ek", influence="high", contact_strength="regular", covered_by_id=ann.id
    )
    interactions.log_contact(session, eva.id, TODAY - timedelta(days=40), "call", with_ids=[ann.id])
    bo = sh.create_stakeholder(session, acct.id, "Bo Berg", influence="low", last_contact=TODAY - timedelta(days=3))
    return acct, kim, ann, eva, bo


def log_of(db_path, person_id):
    from kam_tui.db import open_database

    engine = open_database(db_path)
    try:
        with new_session(engine) as s:
            return [(e.happened_on, e.kind.value, e.note, e.next_step) for e in interactions.person_log(s, person_id)]
    finally:
        engine.dispose()


async def test_l_logs_a_contact_from_the_table_and_the_person_goes_from_due_to_fresh(session, db_path):
    acct, kim, ann, eva, _ = seed(session)
    async with workspace(db_path, acct.id) as (app, pilot):
        pane = app.screen.query_one(StakeholdersPane)
        table = app.screen.query_one("#sh-table", VirtualTable)
        assert pane.selected_id == eva.id
        last = table.columns[9].cell(pane.people[0])
        assert DUE_MARK in last.plain  # 40 days since, every 30: due
        assert "due" in str(app.screen.query_one("#sh-detail", Static).render())
        await pilot.press("l")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and "Eva Ek" in form.form_title
        assert form.query_one("#in-happened_on", Input).value == "today"  # prefilled
        ours = form.query_one("#in-with_ids", SelectionList)
        assert list(ours.selected) == [ann.id]  # whoever covers her is ticked
        await tab_to(pilot, "in-with_ids")
        await pilot.press("down", "space")  # Kim too (the list is by name: Ann, Kim)
        await tab_to(pilot, "in-note")
        await pilot.press(*"Coffee [b]chat[/b]")
        await tab_to(pilot, "in-next_step")
        await pilot.press(*"Send the deck", "f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert log_of(db_path, eva.id)[0] == (TODAY, "meeting", "Coffee [b]chat[/b]", "Send the deck")
        with new_session(app.engine) as s:
            newest = interactions.person_log(s, eva.id)[0]
            assert sorted(interactions.participants(s, newest.id)) == sorted([ann.id, kim.id])
        # fresh now: no mark, and the detail says so
        assert DUE_MARK not in table.columns[9].cell(pane.people[0]).plain
        assert "last contact today, every 30 days" in str(app.screen.query_one("#sh-detail", Static).render()).lower()
        # `a`: the latest open next step becomes an action of the relationship goal
        await pilot.press("a")
        await pilot.pause()
        with new_session(app.engine) as s:
            [action] = [a for a in goals.all_actions(s, acct.id) if a.text == "Send the deck (Eva Ek)"]
            assert action.owner == "Ann Holm"


async def test_l_from_the_map_and_the_coverage_view_and_a_bad_date_keeps_the_form(session, db_path):
    acct, _, _, eva, bo = seed(session)
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("m")
        await pilot.pause()
        grid = app.screen.query_one(StakeholderMap)
        assert app.focused is grid
        drawn = {p.name: p for p in grid.people}
        assert drawn["Eva Ek"].due and not drawn["Bo Berg"].due
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "Eva Ek" in app.screen.form_title
        field = app.screen.query_one("#in-happened_on", Input)
        field.value = ""
        await pilot.press(*"next week", "f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # refused under its field, nothing lost
        assert "is not a date" in str(app.screen.query_one("#err-happened_on", Static).render())
        field.value = ""
        await pilot.press(*"-2d", "f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert log_of(db_path, eva.id)[0][0] == TODAY - timedelta(days=2)
        assert not app.screen.query_one(StakeholderMap).people[0].due
        # the coverage view: days since the last contact, and l on the selected person
        await pilot.press("c")
        await pilot.pause()
        cover = app.screen.query_one("#sh-cover", DataTable)
        assert str(cover.get_row(str(eva.id))[6]) == "2" and str(cover.get_row(str(bo.id))[6]) == "3"
        await pilot.press("tab")  # from the warnings to who covers whom
        await pilot.pause()
        cover.move_cursor(row=cover.get_row_index(str(bo.id)))
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "Bo Berg" in app.screen.form_title
        await pilot.press("f2")
        await pilot.pause()
        assert log_of(db_path, bo.id)[0][0] == TODAY


async def test_the_contact_log_lists_the_timeline_and_corrects_or_deletes_an_entry(session, db_path):
    acct, _, ann, eva, bo = seed(session)
    interactions.log_contact(session, bo.id, TODAY - timedelta(days=1), "email", note="Re: pricing")
    async with workspace(db_path, acct.id) as (app, pilot):
        pane = app.screen.query_one(StakeholdersPane)
        await pilot.press("i")
        await pilot.pause()
        log = app.screen.query_one("#sh-log", DataTable)
        assert app.focused is log
        rows = [[str(c) for c in log.get_row_at(i)] for i in range(log.row_count)]
        assert [r[:3] + r[5:] for r in rows] == [
            [(TODAY - timedelta(days=1)).isoformat(), "Bo Berg", "Email", ""],
            [(TODAY - timedelta(days=40)).isoformat(), "Eva Ek", "Call", "Ann Holm"],
        ]
        assert rows[0][3] == "Re: pricing"
        assert pane.selected_id == bo.id  # the row under the cursor selects its person
        await pilot.press("p")  # this person's contacts only
        await pilot.pause()
        assert log.row_count == 1
        await pilot.press("p", "j")
        await pilot.pause()
        assert pane.selected_id == eva.id
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        note = app.screen.query_one("#in-note")
        note.text = "Call about the renewal"
        await pilot.press("f2")
        await pilot.pause()
        assert log_of(db_path, eva.id)[0][2] == "Call about the renewal"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert log_of(db_path, eva.id) == []
        assert log.row_count == 1


async def test_a_move_on_the_map_is_a_change_since_the_last_review(session, db_path):
    acct, _, _, eva, _ = seed(session)
    accounts.update_account(session, acct.id, last_review=TODAY - timedelta(days=10))
    sh.update_stakeholder(session, eva.id, attitude="supporter", today=TODAY - timedelta(days=30))
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("m")
        await pilot.pause()
        legend = app.screen.query_one("#sh-map-legend", Static)
        assert "none" in str(legend.render()).split("Changes since")[1]
        await pilot.press("H")  # Eva one step warmer: supporter -> champion
        await pilot.pause()
        with new_session(app.engine) as s:
            assert sh.get_stakeholder(s, eva.id).attitude == Attitude.CHAMPION
        text = str(legend.render())
        assert f"Eva Ek: Supporter -> Champion, {TODAY.isoformat()}" in text
        assert "Neutral -> Supporter" not in text  # before the last review
        assert app.screen.query_one(StakeholderMap).people[0].moved
        # s: since another day brings the older move in too
        await pilot.press("s")
        await pilot.pause()
        field = app.screen.query_one("#in-since", Input)
        field.value = ""
        await pilot.press(*"-60d", "f2")
        await pilot.pause()
        text = str(app.screen.query_one("#sh-map-legend", Static).render())
        assert "Eva Ek: Neutral -> Supporter" in text and "Supporter -> Champion" in text


async def test_several_of_our_team_cover_a_person_one_primary_and_the_quarterback_warns(session, db_path):
    acct, kim, ann, eva, bo = seed(session)
    for name in ("Cy", "Di"):
        sh.create_stakeholder(session, acct.id, name, covered_by_id=kim.id)
    async with workspace(db_path, acct.id) as (app, pilot):
        await pilot.press("e")  # Eva
        await pilot.pause()
        also = app.screen.query_one("#in-also_covered_by", SelectionList)
        await tab_to(pilot, "in-also_covered_by")
        await pilot.press("down", "space")  # Kim Berg
        await pilot.pause()
        assert list(also.selected) == [kim.id]
        await pilot.press("f2")
        await pilot.pause()
        with new_session(app.engine) as s:
            assert sh.person_covers(s, eva.id) == [ann.id, kim.id]
        table = app.screen.query_one("#sh-table", VirtualTable)
        pane = app.screen.query_one(StakeholdersPane)
        assert table.columns[7].cell(pane.people[0]) == "Ann Holm +1"
        await pilot.press("c")
        await pilot.pause()
        warnings = app.screen.query_one("#sh-warnings", DataTable)
        rows = [[str(c) for c in warnings.get_row_at(i)] for i in range(warnings.row_count)]
        assert ["Kim Berg", "KAM covers too many"] in [r[:2] for r in rows]
        cover = app.screen.query_one("#sh-cover", DataTable)
        assert str(cover.get_row(str(eva.id))[4]) == "Ann Holm (primary), Kim Berg"


async def test_capital_r_edits_the_contact_rhythms_and_the_marks_follow(session, db_path):
    acct, _, _, eva, _ = seed(session)
    async with workspace(db_path, acct.id) as (app, pilot):
        pane = app.screen.query_one(StakeholdersPane)
        assert pane._is_due(eva.id)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        field = app.screen.query_one("#in-high", Input)
        assert field.value == "30"
        field.value = ""
        await pilot.press(*"8w", "f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        with new_session(app.engine) as s:
            assert contacts.rhythms(s)[eva.influence] == 56
        assert not pane._is_due(eva.id)
