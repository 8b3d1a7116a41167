"""History & competition: our history's sections in place, competitors and
partners through the shared form, driven by keys."""

from __future__ import annotations

from kam_tui.models import PartyKind, ProfileSection as P
from kam_tui.services import business, parties
from kam_tui.services.accounts import create_account
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes import PANES
from kam_tui.tui.panes.history import HistoryPane, PartyTable
from kam_tui.tui.screens.workspace import DIGITS, WorkspaceScreen
from kam_tui.tui.widgets.form import ConfirmScreen, FormScreen
from kam_tui.tui.widgets.text_sections import TextSectionList, TextSectionsEditor


async def open_history(app, pilot, account_id) -> HistoryPane:
    app.push_screen(WorkspaceScreen(account_id))
    await pilot.pause()
    await pilot.press(DIGITS[PANES.index("history:HistoryPane")])
    await pilot.pause()
    return app.screen.query_one(HistoryPane)


def rows(table: PartyTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def in_db(db_path, account_id, kind):
    from kam_tui.db import new_session, open_database

    engine = open_database(db_path)
    try:
        with new_session(engine) as s:
            return [(p.name, p.notes) for p in parties.list_parties(s, account_id, kind)]
    finally:
        engine.dispose()


async def test_history_sections_are_edited_in_place(db_path, session):
    acme = create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_history(app, pilot, acme.id)
        editor = pane.query_one(TextSectionsEditor)
        listing = editor.query_one(TextSectionList)
        assert [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)] == [
            "○ Framework agreements in force",
            "○ What they have bought",
            "○ Past engagements",
        ]
        await pilot.press("j", "enter", *"CRM 2019", "escape")
        await pilot.pause()
        assert app.focused is listing
    from kam_tui.db import new_session, open_database

    engine = open_database(db_path)
    with new_session(engine) as s:
        assert business.get_sections(s, acme.id) == {P.PURCHASES: "CRM 2019"}
    engine.dispose()


async def test_add_edit_delete_a_competitor_by_keys(db_path, session):
    acme = create_account(session, "Acme")
    parties.add_party(session, acme.id, "partner", "Umbrella")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_history(app, pilot, acme.id)
        competitors = pane.table(PartyKind.COMPETITOR)
        assert "none yet" in str(pane.query_one("#party-title-competitor").content)
        # sections -> text -> contracts -> competitors
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert app.focused is competitors

        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Initech", "tab", *"Cheap", "f2")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert in_db(db_path, acme.id, "competitor") == [("Initech", "Cheap")]
        assert rows(competitors) == [["Initech", "Cheap"]]
        assert pane.query_one("#party-notes").visual.plain == "Initech: Cheap"
        assert "(1)" in str(pane.query_one("#party-title-competitor").content)

        # the same name again is refused in the form, which keeps what was typed
        await pilot.press("n", *"INITECH", "f2")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "already" in str(form.query_one("#err-name").content)
        assert form.values()["name"] == "INITECH"
        await pilot.press("escape")
        await pilot.pause()
        assert in_db(db_path, acme.id, "competitor") == [("Initech", "Cheap")]

        # edit: the form opens with the stored values
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.values() == {"name": "Initech", "notes": "Cheap"}
        await pilot.press("end", *" Ltd", "f2")
        await pilot.pause()
        assert in_db(db_path, acme.id, "competitor") == [("Initech Ltd", "Cheap")]
        assert rows(competitors) == [["Initech Ltd", "Cheap"]]

        # delete asks first; n keeps it, y removes it
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert rows(competitors) == [["Initech Ltd", "Cheap"]]
        await pilot.press("d", "y")
        await pilot.pause()
        assert rows(competitors) == []
        assert in_db(db_path, acme.id, "competitor") == []
        # the partner was never touched
        assert in_db(db_path, acme.id, "partner") == [("Umbrella", "")]
        assert rows(pane.table(PartyKind.PARTNER)) == [["Umbrella", ""]]


async def test_partner_list_takes_its_own_keys(db_path, session):
    acme = create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_history(app, pilot, acme.id)
        await pilot.press("tab", "tab", "tab", "tab")
        await pilot.pause()
        assert app.focused is pane.table(PartyKind.PARTNER)
        # brackets are text, not markup, in the list and in the notes line
        await pilot.press("n", *"[b]Umb", "tab", *"a[/i]", "f2")
        await pilot.pause()
        assert in_db(db_path, acme.id, "partner") == [("[b]Umb", "a[/i]")]
        assert rows(pane.table(PartyKind.PARTNER)) == [["[b]Umb", "a[/i]"]]
        assert pane.query_one("#party-notes").visual.plain == "[b]Umb: a[/i]"
        assert in_db(db_path, acme.id, "competitor") == []
        # a blank name is refused in the form
        await pilot.press("n", "f2")
        await pilot.pause()
        assert "required" in str(app.screen.query_one("#err-name").content)
