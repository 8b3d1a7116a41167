"""The app shell: help, plan overview, export, quit; driven by keys."""

from __future__ import annotations

from textual.widgets import Markdown

from kam_tui.services import accounts
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.account_list import AccountListScreen
from kam_tui.tui.screens.help import HelpScreen
from kam_tui.tui.screens.plan_preview import PlanDocument, PlanPreviewScreen
from kam_tui.tui.widgets.form import FormScreen

SIZE = (120, 36)


def texts(screen) -> str:
    return "\n".join(str(w.render()) for w in screen.query("Static"))


async def test_help_shows_the_keys_and_why_the_list_is_short(db_path, session, settle):
    accounts.create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = texts(app.screen)
        assert "keep the list short" in shown
        for description in ("Filter", "Promote", "Demote", "Key limit", "Export", "Sort", "Quit"):
            assert description in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AccountListScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_every_binding_has_an_id_and_a_description():
    from kam_tui.tui.screens.account_list import AccountListScreen
    from kam_tui.tui.screens.plan_preview import PlanPreviewScreen
    from kam_tui.tui.widgets.virtual_table import VirtualTable

    for cls in (KamApp, AccountListScreen, PlanPreviewScreen, VirtualTable):
        for binding in cls.BINDINGS:
            assert binding.id, (cls.__name__, binding.key)
            assert binding.description, (cls.__name__, binding.key)


async def test_v_shows_the_plan_read_only(db_path, session, settle):
    accounts.create_account(session, "Acme Corp")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        assert isinstance(app.screen, PlanPreviewScreen)
        doc = app.screen.query_one(Markdown)
        assert "Acme Corp" in doc.source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AccountListScreen)


async def test_x_exports_the_plan_to_the_file_given(db_path, session, tmp_path, settle):
    accounts.create_account(session, "Acme Corp")
    target = tmp_path / "out" / "acme.md"
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        # the file is named by the same rule as `kam export --all`
        assert app.screen.query_one("#in-path").value == "~/kam-exports/acme-corp.md"
        # a path under a plain file cannot be written: the reason shows, the form stays
        blocker = tmp_path / "a-file"
        blocker.write_text("x")
        app.screen.query_one("#in-path").value = str(blocker / "acme.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "cannot write" in str(app.screen.query_one("#err-path").render())
        app.screen.query_one("#in-path").value = str(target)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    with app.session() as s:
        from kam_tui.export.plan import render_plan

        assert target.read_text(encoding="utf-8") == render_plan(s, accounts.find_account(s, "Acme Corp"))


async def test_x_can_write_the_plan_for_the_customer(db_path, session, tmp_path, settle):
    from textual.widgets import Select

    from kam_tui.services import swot

    account = accounts.create_account(session, "Ærø Bank", owner="Maria Lindqvist")
    run = swot.ensure_run(session, account.id)
    swot.add_item(session, run.id, "threats", "A rival bank courts their CFO")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.focused is form.query_one("#in-path"), "the file name is the first field, focused"
        assert form.query_one("#in-path").value == "~/kam-exports/aero-bank.md"
        # choose the customer's version: the suggested file name follows
        await pilot.press("tab", "enter")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert form.query_one("#in-audience", Select).value == "customer"
        assert form.query_one("#in-path").value == "~/kam-exports/aero-bank-for-customer.md"
        target = tmp_path / "aero.md"
        form.query_one("#in-path").value = str(target)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Ærø Bank: our joint account plan") and "Maria Lindqvist" in text
    assert "rival" not in text and "SWOT" not in text


async def test_q_quits(db_path, session, settle):
    accounts.create_account(session, "Acme")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_file_that_is_not_ours_is_refused_in_one_line(tmp_path, settle):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    app = KamApp(db_path=bad)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, AccountListScreen)
        messages = [n.message for n in app._notifications]
        assert any("not a kam database" in m for m in messages)
        table = app.screen.query_one("#account-table")
        assert "Cannot read the accounts" in table.render_line(1).text and "notes.txt" in table.render_line(1).text
    assert bad.read_text() == "hello"


def test_the_list_paints_before_the_orm_is_imported(db_path, session, tmp_path):
    """Start-up speed: the first screen needs no SQLModel/SQLAlchemy."""
    import os
    import subprocess
    import sys
    import textwrap

    accounts.create_account(session, "Acme Corp")
    script = tmp_path / "probe.py"
    script.write_text(
        textwrap.dedent(f"""
        import asyncio, sys
        from kam_tui.tui.app import KamApp

        async def main():
            app = KamApp(db_path={str(db_path)!r})
            async with app.run_test(size=(80, 24)) as pilot:
                for _ in range(200):
                    await pilot.pause(0.02)
                    if app.screen.__class__.__name__ == "AccountListScreen" and app.screen.loaded:
                        break
                row = app.screen.table.current_row
                print(row.name if row else None, "sqlalchemy" in sys.modules, "sqlmodel" in sys.modules)

        asyncio.run(main())
    """)
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert out.stdout.split() == ["Acme", "Corp", "False", "False"], out.stderr[-2000:]


async def test_j_and_k_scroll_the_plan_as_the_arrows_do(demo_db, settle):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("v")  # the first account's plan: the demo's plans run long
        await settle(app, pilot)
        doc = app.screen.query_one(PlanDocument)
        assert doc.max_scroll_y > 2
        await pilot.press("j", "j")
        await settle(app, pilot)
        by_j = doc.scroll_y
        await pilot.press("k", "k", "down", "down")
        await settle(app, pilot)
        assert by_j > 0 and doc.scroll_y == by_j
