"""Creating and editing accounts through the form, by keys, on a real database."""

from __future__ import annotations

from decimal import Decimal

from kam_tui.models import Focus, Tier
from kam_tui.services import accounts
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.widgets.form import FormScreen
from kam_tui.tui.widgets.virtual_table import VirtualTable

SIZE = (120, 36)


def field(app, name):
    return app.screen.query_one(f"#in-{name}")


def error_under(app, name) -> str:
    return str(app.screen.query_one(f"#err-{name}").render())


def list_text(app) -> str:
    t = app.screen.query_one("#account-table", VirtualTable)
    return "\n".join(t.render_line(y).text for y in range(t.size.height))


async def test_new_account_with_revenue_as_people_type_it(db_path, session, settle):
    accounts.create_account(session, "Existing One")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press(
            *"Volvo Cars", "tab", *"Automotive", "tab", *"Sweden", "tab", *"SEK 40 000 000", "tab", "tab", *"12 000"
        )
        await pilot.press("f2")
        await pilot.pause()
        # "12 000" employees is not a whole number to the service: said under the field, nothing lost
        assert "whole number" in error_under(app, "employees")
        assert field(app, "annual_revenue").value == "SEK 40 000 000"
        await pilot.press(*["backspace"] * 6, *"12000", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert "Volvo Cars" in list_text(app)
        assert "SEK 40M" in list_text(app)
        assert app.screen.query_one(VirtualTable).current_row.name == "Volvo Cars"
    with app.session() as s:
        a = accounts.find_account(s, "volvo cars")
        assert (a.industry, a.country, a.employees) == ("Automotive", "SE", 12000)  # a country is kept as its code
        assert a.annual_revenue == Decimal(40_000_000) and a.currency == "SEK"
        assert a.tier == Tier.CANDIDATE


async def test_rejected_form_keeps_every_typed_value(db_path, session, settle):
    accounts.create_account(session, "Acme Corp")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"ACME corp", "tab", *"Retail", "tab", *"France", "tab", *"EUR 12.500.000")
        # jump to "Why it is key" (a multiline field) and type there too
        field(app, "why_key").focus()
        await pilot.pause()
        await pilot.press(*"They set the standard")
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "already exists" in error_under(app, "name")
        assert field(app, "name").value == "ACME corp"
        assert field(app, "industry").value == "Retail"
        assert field(app, "country").value == "France"
        assert field(app, "annual_revenue").value == "EUR 12.500.000"
        assert field(app, "why_key").text == "They set the standard"
        assert app.focused is field(app, "name")
    with app.session() as s:
        assert [a.name for a in accounts.list_accounts(s)] == ["Acme Corp"]


async def test_edit_shows_revenue_formatted_and_saves(db_path, session, settle):
    acme = accounts.create_account(session, "Acme", annual_revenue="SEK 40 000 000", focus="protect")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert field(app, "annual_revenue").value == "SEK 40 000 000"
        assert field(app, "currency").value == "SEK"
        assert field(app, "focus").value == "protect"
        await pilot.press("end", *" AB", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        assert "Acme AB" in list_text(app)
    with app.session() as s:
        a = accounts.get_account(s, acme.id)
        assert a.name == "Acme AB"
        assert a.annual_revenue == Decimal(40_000_000) and a.currency == "SEK"
        assert a.focus == Focus.PROTECT


async def test_edit_small_amount_untouched_is_kept(db_path, session, settle):
    # shown grouped by spaces, which read back exactly
    acme = accounts.create_account(session, "Acme", annual_revenue="EUR 1250")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert field(app, "annual_revenue").value == "EUR 1 250"
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        assert accounts.get_account(s, acme.id).annual_revenue == Decimal(1250)


async def test_demoting_in_the_form_needs_the_reason_field(db_path, session, settle):
    acme = accounts.create_account(session, "Acme", tier="existing_key")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        field(app, "tier").value = "not_key"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "reason" in error_under(app, "tier_reason")
        field(app, "tier_reason").focus()
        await pilot.press(*"no growth left", "f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        assert accounts.get_account(s, acme.id).tier == Tier.NOT_KEY
        assert accounts.tier_history(s, acme.id)[-1].reason == "no growth left"


async def test_escape_cancels_without_saving(db_path, session, settle):
    accounts.create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n", *"Nope", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        assert [a.name for a in accounts.list_accounts(s)] == ["Acme"]


async def test_long_forms_open_at_the_top_with_the_keyboard_in_the_first_field(demo_db, settle, open_workspace):
    from textual.containers import VerticalScroll

    for size in ((80, 24), (120, 36)):
        app = KamApp(db_path=demo_db)
        async with app.run_test(size=size) as pilot:
            await settle(app, pilot)
            await pilot.press("e")  # the account form: twenty fields
            await settle(app, pilot)
            box = app.screen.query_one("#form-box", VerticalScroll)
            assert box.scroll_y == 0, size
            assert app.focused is field(app, "name")
            assert box.region.contains_region(app.focused.region), "the Name field is on screen"
            await pilot.press("escape")
            await settle(app, pilot)
            await open_workspace(app, pilot, 0)
            await pilot.press("e")  # the person form, as long
            await settle(app, pilot)
            box = app.screen.query_one("#form-box", VerticalScroll)
            assert box.scroll_y == 0, size
            assert app.focused is field(app, "name")


async def test_the_revenue_and_country_say_what_they_will_be_while_typed(db_path, session, settle):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        field(app, "annual_revenue").focus()
        await pilot.press(*"SEK 40 000 000")
        await pilot.pause()
        assert str(app.screen.query_one("#pre-annual_revenue").render()) == "reads as SEK 40,000,000"
        await pilot.press(*["backspace"] * 14, *"1.250")
        await pilot.pause()
        assert "ambiguous" in str(app.screen.query_one("#pre-annual_revenue").render())
        field(app, "country").focus()
        await pilot.press(*"Deutschland")
        await pilot.pause()
        assert str(app.screen.query_one("#pre-country").render()) == "kept as Germany (DE)"
