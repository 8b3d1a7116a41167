"""Shortcuts taken for speed must not change what the user gets: a workspace
builds a section when it is first shown (and shows the same data), and
`kam export --all` writes exactly what exporting each plan alone writes."""

from __future__ import annotations

from kam_tui import clock
from kam_tui.services import accounts, goals, stakeholders as sh
from kam_tui.tui.app import KamApp
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.panes.goals import GoalsPane
from kam_tui.tui.panes.stakeholders import StakeholdersPane
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.form import FormScreen
from kam_tui.tui.widgets.goal_tree import GoalTree


def _tree_text(node) -> str:
    return "\n".join(str(c.label) + "\n" + _tree_text(c) for c in node.children)


async def test_sections_are_built_when_first_shown_and_show_their_data(session, db_path):
    acct = accounts.create_account(session, "Nordbank")
    sh.create_stakeholder(session, acct.id, "Maria Svensson")
    goals.add_goal(session, acct.id, "short", "Win the payments tender")
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(100):  # the list reads its rows in a worker
            if app.screen.query("#account-table") and app.screen.table.current_row is not None:
                break
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause()
        ws = app.screen
        assert isinstance(ws, WorkspaceScreen)
        # opening the account built and read the first section only
        assert [type(p) for p in ws.query(Pane)] == [StakeholdersPane]
        assert "Maria Svensson" in str(ws.query_one("#sh-table").row_cells(0)[0])
        await pilot.press("9")
        await pilot.pause()
        assert {type(p) for p in ws.query(Pane)} == {StakeholdersPane, GoalsPane}
        assert "Win the payments tender" in _tree_text(ws.query_one(GoalTree).root)
        await pilot.press("1")
        await pilot.pause()
        sh.create_stakeholder(session, acct.id, "Jonas Berg")
        await pilot.press("9")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        names = [str(p.name) for p in ws.query_one("#sh-table").rows]
        assert any("Jonas Berg" in n for n in names)  # section_shown still refreshes a loaded section


def test_export_all_writes_what_each_plan_alone_writes(kam, tmp_path):
    db = tmp_path / "demo.db"
    assert kam("init", "--demo", db=db).returncode == 0
    out = tmp_path / "plans"
    r = kam("export", "--all", "-o", str(out), db=db)
    assert r.returncode == 0, r.stderr
    listing = kam("list", "--json", db=db)
    import json

    names = [a["name"] for a in json.loads(listing.stdout)]
    assert names
    files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.name != "index.md"}
    assert len(files) == len(names)
    for name in names:
        alone = kam("export", name, db=db)
        assert alone.returncode == 0, alone.stderr
        # the batch shares the portfolio-wide figures between plans; the bytes must not change
        assert alone.stdout in files.values(), f"{name}: --all wrote something else than `kam export {name}`"
    assert "## Key-account score" in "".join(files.values())


async def test_filter_narrowing_from_the_last_result_matches_a_fresh_filter(session, db_path):
    from kam_tui.text import fold_accents

    names = ["Nordbank", "Nordic Steel", "Nord Öl", "Bank of Ulm", "Steelworks Nord", "Åbo Bank", "Zenith"]
    for name in names:
        accounts.create_account(session, name)
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(100):
            if app.screen.query("#account-table") and app.screen.loaded:
                break
            await pilot.pause(0.05)
        await pilot.press("slash")
        typed = ""
        # grow, add a second word, shrink, then a query that is not a growth of the last one
        for key in [
            *"nord",
            "space",
            *"ba",
            "backspace",
            "backspace",
            "backspace",
            *"ol",
            "backspace",
            "backspace",
            "backspace",
            "backspace",
            "backspace",
            *"bank",
        ]:
            await pilot.press(key)
            await pilot.pause()
            typed = typed[:-1] if key == "backspace" else typed + (" " if key == "space" else key)
            words = fold_accents(typed).split()
            expected = sorted(n for n in names if all(w in fold_accents(n) for w in words))
            shown = sorted(r.name for r in app.screen.table.rows)
            assert shown == expected, f"after typing {typed!r}"


async def test_stakeholder_views_are_built_when_first_looked_at_and_enter_opens_a_person(session, db_path):
    acct = accounts.create_account(session, "Nordbank")
    people = [
        sh.create_stakeholder(session, acct.id, f"Person {i:03d}", influence="high" if i < 5 else "low")
        for i in range(60)
    ]
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.push_screen(WorkspaceScreen(acct.id))
        await pilot.pause()
        ws = app.screen
        table = ws.query_one("#sh-table")
        # only the table exists, and it draws the rows in sight, not all 60
        assert not ws.query("#sh-map") and not ws.query("#sh-org") and not ws.query("#sh-warnings")
        assert table.row_count == 60 and "Person 000" in table.render_line(1).text
        await pilot.press("end")
        await pilot.pause()
        assert table.current_row.id == people[-1].id  # sorted by influence, then name: Person 059 last
        assert "Person 059" in "".join(table.render_line(y).text for y in range(table.size.height))
        await pilot.press("m")
        await pilot.pause()
        assert ws.query("#sh-map") and app.focused is ws.query_one("#sh-map")
        assert ws.query_one(StakeholdersPane).selected_id == people[-1].id  # the same person stays selected
        await pilot.press("t", "home", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and app.screen.form_title == "Edit Person 000"


def test_plain_rows_and_their_warnings_match_what_the_orm_reads(session):
    from datetime import date

    from kam_tui.services import coverage, team

    acct = accounts.create_account(session, "Nordbank")
    kim = team.create_member(session, acct.id, "Kim")
    boss = sh.create_stakeholder(
        session,
        acct.id,
        "Åsa Berg",
        influence="high",
        attitude="blocker",
        buying_role="economic_buyer",
        last_contact=date(2026, 3, 1),
    )
    sh.create_stakeholder(
        session,
        acct.id,
        "anna Ek",
        influence="high",
        attitude="supporter",
        covered_by_id=kim.id,
        contact_strength="strong",
        reports_to_id=boss.id,
        title="CIO",
        notes="likes us",
    )
    sh.create_stakeholder(session, acct.id, "Bo", influence="high", attitude="skeptic", contact_strength="occasional")
    sh.create_stakeholder(session, acct.id, "Cleo", influence="low", department="Ops")
    sh.create_stakeholder(session, acct.id, "Dan", influence="medium", attitude="champion")
    other = accounts.create_account(session, "Other")
    sh.create_stakeholder(session, other.id, "Not here")
    fields = (
        "id",
        "name",
        "title",
        "department",
        "buying_role",
        "influence",
        "attitude",
        "contact_strength",
        "reports_to_id",
        "last_contact",
        "notes",
        "contact_rhythm_days",
    )
    rows = sh.stakeholder_rows(session, acct.id)
    orm = sh.list_stakeholders(session, acct.id)
    assert [tuple(getattr(r, f) for f in fields) for r in rows] == [tuple(getattr(p, f) for f in fields) for p in orm]
    facts = coverage.people_facts(session, acct.id, rows)
    found = facts.warnings(rows, clock.today())
    assert found == coverage.warnings(session, acct.id) and len(found) >= 4
    assert sh.member_names(session, acct.id) == {kim.id: "Kim"}
