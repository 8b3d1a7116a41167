"""Names and notes that look like markup ("[/]", "[b]", "[red") are text: every
screen and section that shows them shows them as typed, and none stops the app.
A CRM export or a colleague's name can hold brackets; Textual and Rich read an
unmatched "[/]" in markup as an error."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kam_tui import clock
from kam_tui.models import PartyKind, SwotQuadrant
from kam_tui.services import accounts, goals, opportunities, parties, reviews, stakeholders, swot, team, whitespace
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes import PANES
from kam_tui.tui.screens.help import HelpScreen
from kam_tui.tui.screens.workspace import DIGITS, WorkspaceScreen
from kam_tui.tui.screenshots import screen_text
from kam_tui.tui.widgets.form import ConfirmScreen, FormScreen

ACCOUNT = "[/]Acme [b]Co"
PERSON = "[/]Ann [red]Berg"
MEMBER = "[/]Tom [i]"
OWNER = "[/]Gus"


@pytest.fixture
def hostile(session) -> int:
    """An account whose every section holds a name or note with brackets in it."""
    acct = accounts.create_account(session, ACCOUNT, owner=OWNER, why_key="[/]because", notes="[b]x")
    aid = acct.id
    member = team.create_member(session, aid, MEMBER, title="[i]CTO", roles=["innovator"])
    boss = stakeholders.create_stakeholder(session, aid, "[/]Boss", title="[red]CEO", influence="high")
    stakeholders.create_stakeholder(
        session,
        aid,
        PERSON,
        title="[/]CIO",
        department="[b]IT",
        covered_by_id=member.id,
        reports_to_id=boss.id,
        notes="[/]met at [the] fair",
        attitude="blocker",
        influence="high",
    )
    run = swot.ensure_run(session, aid)
    swot.add_item(session, run.id, SwotQuadrant.STRENGTH, "[/]strong [b]brand")
    parties.add_party(session, aid, PartyKind.COMPETITOR, "[/]Rival", "[b]cheap [/]")
    opportunities.add_opportunity(session, aid, "[/]Deal", notes="[red]big", expected_close=clock.today())
    unit = whitespace.add_unit(session, aid, "[/]Unit")
    offering = whitespace.add_offering(session, aid, "[b]Offer")
    whitespace.set_status(session, unit.id, offering.id, "open")
    goal = goals.add_goal(session, aid, "short", "[/]Win [b]", owner=OWNER)
    goals.add_action(session, goal.id, "[/]Call [i]them", owner=OWNER, due_date=clock.today() - timedelta(days=3))
    kpi = reviews.add_kpi(session, aid, "[/]Revenue", unit="[b]kEUR")
    reviews.set_kpi_value(session, kpi.id, "2026", target=10, actual=8)
    reviews.add_review(session, aid, "today", notes="[/]notes", decisions="[b]decided")
    reviews.add_meeting(session, aid, "strategic", attendees="[/]Ann", agenda="[i]plan")
    return aid


def title_of(app: KamApp) -> str:
    """The title line of the form, question or help in view."""
    return str(app.screen.query_one(".form-title").render())


async def test_every_section_shows_names_with_brackets_as_typed(db_path, hostile, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        assert ACCOUNT in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert ACCOUNT in screen_text(app)
        for index in range(len(PANES)):
            await pilot.press(DIGITS[index])
            await settle(app, pilot)
        # the stakeholder views, and the person's form with its choices of names
        await pilot.press("1")
        await settle(app, pilot)
        for view in ("m", "o", "c", "t"):
            await pilot.press(view)
            await settle(app, pilot)
        assert PERSON in screen_text(app)
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, FormScreen)
        assert title_of(app) == f"Edit {PERSON}"
        await pilot.press("escape", "d")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert title_of(app) == f"Delete {PERSON}?"
        await pilot.press("n", "question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        assert title_of(app) == f"Help: {ACCOUNT}"
        await pilot.press("escape")
        await settle(app, pilot)


async def test_the_other_screens_show_names_with_brackets_as_typed(db_path, hostile, settle, wait_for_hits):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        for keys in (("T",), ("m",), ("w",), ("v",)):
            await pilot.press(*keys)
            await settle(app, pilot)
            assert ACCOUNT in screen_text(app), keys
            await pilot.press("escape")
            await settle(app, pilot)
        # the list's status line quotes the filter as typed
        await pilot.press("slash", *"[/]acme", "enter")
        await settle(app, pilot)
        assert "filter “[/]acme”" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"acme")
        await wait_for_hits(app, pilot)
        assert f"Open account: {ACCOUNT}" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        # a notification quoting the name, shown as it is
        await pilot.press("plus")
        await settle(app, pilot)
        [toast] = [n for n in app._notifications if "Emerging key" in n.message]
        assert toast.message.startswith(f"{ACCOUNT}:") and not toast.markup


async def test_a_crm_export_with_brackets_previews_as_written(db_path, session, tmp_path, settle):
    accounts.create_account(session, "Already here")
    export = tmp_path / "[b]export.csv"
    export.write_text(
        "Account Name,Billing Country,Industry,[red]Odd column\n[/]Acme [b],[red]Norway,[/],x\n,Sweden,,\n",
        encoding="utf-8",
    )
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("i")
        await settle(app, pilot)
        await pilot.press(*str(export), "enter")
        for _ in range(40):
            await settle(app, pilot)
            if app.screen.plan is not None:
                break
        text = screen_text(app)
        assert "[/]Acme [b]" in text and "[red]Norway" in text
        assert "[b]export.csv" in text
