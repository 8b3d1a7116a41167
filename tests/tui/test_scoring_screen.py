"""The scoring matrix driven by keys: what the user types lands in the database
and on the screen at once."""

from pathlib import Path

import pytest
from rich.console import Console
from sqlmodel import select

from kam_tui.db import new_session, open_database
from kam_tui.models import Account, Tier
from kam_tui.services import accounts, demo, scoring
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.scoring import ScoreGrid, ScoringScreen


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    engine = open_database(db_path)
    with new_session(engine) as s:
        demo.seed_demo(s)
    engine.dispose()
    return db_path


def _db(path):
    engine = open_database(path)
    return engine, new_session(engine)


def _ids(path):
    engine, s = _db(path)
    with s:
        accs = {a.name: a.id for a in s.exec(select(Account))}
        crits = [c.id for c in scoring.list_criteria(s)]
    engine.dispose()
    return accs, crits


def _text(renderable, width=100) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


async def _open(app, pilot):
    app.push_screen(ScoringScreen())
    await pilot.pause()
    return app.screen


def _cell(screen, account_id, column) -> str:
    return screen.query_one(ScoreGrid).get_cell(str(account_id), column).plain


async def test_a_digit_scores_the_cell_and_totals_follow(demo_db):
    accs, crits = _ids(demo_db)
    retail = accs[demo.RETAIL]
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        before = _cell(screen, retail, "total")
        # rows are best-first: the retailer is third; the cursor starts on the first criterion
        await pilot.press("j", "j", "l", "0")
        await pilot.pause()
        engine, s = _db(demo_db)
        with s:
            assert scoring.score_map(s)[(retail, crits[1])] == 10
            expected = scoring.format_total(scoring.account_total(s, retail).weighted)
        engine.dispose()
        assert _cell(screen, retail, f"c{crits[1]}") == "10"
        assert _cell(screen, retail, "total") == expected != before
        assert f"{expected} ★" in _text(screen.query_one("#sc-chart").content)


async def test_tab_walks_the_score_cells_and_backspace_clears(demo_db):
    accs, crits = _ids(demo_db)
    bank, maker = accs[demo.BANK], accs[demo.MAKER]
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press(*["tab"] * len(crits))  # past the bank's last criterion: next row
        await pilot.press("2")
        await pilot.pause()
        assert _cell(screen, maker, f"c{crits[0]}") == "2"
        await pilot.press("shift+tab", "backspace")
        await pilot.pause()
        assert _cell(screen, bank, f"c{crits[-1]}") == "·"
        engine, s = _db(demo_db)
        with s:
            scores = scoring.score_map(s)
            assert scores[(maker, crits[0])] == 2 and (bank, crits[-1]) not in scores
            total = scoring.account_total(s, bank)
            assert total.scored == len(crits) - 1
        engine.dispose()
        assert _cell(screen, bank, "total") == scoring.format_total(total.weighted)


async def test_rank_updates_at_once(demo_db):
    accs, crits = _ids(demo_db)
    retail = accs[demo.RETAIL]
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        assert _cell(screen, retail, "rank") == "3"
        await pilot.press("j", "j", "0", "tab", "0", "tab", "0", "tab", "0")
        await pilot.pause()
        assert _cell(screen, retail, "rank") == "1"
        assert _cell(screen, accs[demo.BANK], "rank") == "2"
        assert _cell(screen, retail, "total") == "10.0"
        chart = _text(screen.query_one("#sc-chart").content).splitlines()
        assert chart[0].startswith(demo.RETAIL)  # bars are best first


async def test_digit_outside_a_criterion_column_writes_nothing(demo_db):
    accs, _ = _ids(demo_db)
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("h", "h", "h", "h", "5")  # verdict, total, rank, then the account's name
        await pilot.pause()
        engine, s = _db(demo_db)
        with s:
            assert sorted(set(scoring.score_map(s).values())) == [4, 6, 7, 8, 9]
        engine.dispose()
        assert screen.query_one(ScoreGrid).cursor_coordinate.column == 0


async def test_add_criterion_of_own_name_then_warning_past_five(demo_db):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        for name, weight in (("Data maturity", "2"), ("Solvency", "1,5")):
            await pilot.press("n")
            await pilot.pause()
            # the form opens on its first field (the list): tab to the name
            await pilot.press("tab", *name, "tab", "backspace", *weight, "enter")
            await pilot.pause()
        engine, s = _db(demo_db)
        with s:
            crits = {c.name: c for c in scoring.list_criteria(s)}
        engine.dispose()
        assert crits["Data maturity"].weight == 2 and str(crits["Solvency"].weight) == "1.5"
        grid = screen.query_one(ScoreGrid)
        assert f"c{crits['Solvency'].id}" in {k.value for k in grid.columns}
        # the cursor sits in the new column, ready to score
        assert grid.coordinate_to_cell_key(grid.cursor_coordinate).column_key.value == f"c{crits['Solvency'].id}"
        status = _text(screen.query_one("#sc-status").content)
        assert "6 criteria" in status and "3 to 5" in status


async def test_duplicate_criterion_name_is_shown_in_the_form(demo_db):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("tab", *"growth POTENTIAL", "enter")
        await pilot.pause()
        form = app.screen
        assert "already exists" in str(form.query_one("#err-name").content)
        assert form.query_one("#in-name").value == "growth POTENTIAL"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScoringScreen)


async def test_edit_weight_and_delete_criterion_with_confirm(demo_db):
    accs, crits = _ids(demo_db)
    bank = accs[demo.BANK]
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        before = _cell(screen, bank, "total")
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "end", "backspace", "1", "0", "enter")  # weight 3 -> 10 on revenue potential
        await pilot.pause()
        engine, s = _db(demo_db)
        with s:
            assert scoring.get_criterion(s, crits[0]).weight == 10
            expected = scoring.format_total(scoring.account_total(s, bank).weighted)
        engine.dispose()
        assert _cell(screen, bank, "total") == expected != before
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert len(_ids(demo_db)[1]) == 4
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        remaining = _ids(demo_db)[1]
        assert remaining == crits[1:]
        assert f"c{crits[0]}" not in {k.value for k in screen.query_one(ScoreGrid).columns}
        engine, s = _db(demo_db)
        with s:
            assert all(c != crits[0] for (_, c) in scoring.score_map(s))
        engine.dispose()


async def test_promoting_past_the_limit_from_the_grid_asks_why_and_keeps_it(demo_db):
    from kam_tui.tui.widgets.form import FormScreen

    accs, _ = _ids(demo_db)
    retail = accs[demo.RETAIL]
    engine, s = _db(demo_db)
    with s:
        # Maria's own limit: the bank and the maker fill it; the retailer becomes hers
        accounts.update_account(s, retail, owner="Maria Lindqvist")
        scoring.set_key_account_limit(s, 2, owner="Maria Lindqvist")
    engine.dispose()
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("j", "j", "p")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen) and "Maria Lindqvist's key list is full (2 of 2)" in form.intro
        await pilot.press("escape")  # changed nothing
        await pilot.pause()
        assert _cell(screen, retail, "tier") == Tier.CANDIDATE.label
        await pilot.press("p")
        await pilot.pause()
        await pilot.press(*"Scored third and growing fastest", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ScoringScreen)
        assert _cell(screen, retail, "tier") == Tier.EMERGING_KEY.label
    engine, s = _db(demo_db)
    with s:
        last = accounts.tier_history(s, retail)[-1]
        assert (last.to_tier, last.reason) == (Tier.EMERGING_KEY, "Scored third and growing fastest")
    engine.dispose()


async def test_promote_from_the_grid_and_demote_needs_a_reason(demo_db):
    accs, _ = _ids(demo_db)
    retail, bank = accs[demo.RETAIL], accs[demo.BANK]
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        assert _cell(screen, retail, "verdict") == "★ make key?"
        await pilot.press("j", "j", "p")
        await pilot.pause()
        assert _cell(screen, retail, "tier") == Tier.EMERGING_KEY.label
        assert _cell(screen, retail, "verdict") == "★ key"
        # demote the bank: the form refuses without a reason and keeps the choice
        await pilot.press("k", "k", "t")
        await pilot.pause()
        await pilot.press("enter", "down", "down", "down", "enter")  # open the tier list, pick Not key
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        form = app.screen
        assert "needs a reason" in str(form.query_one("#err-reason").content)
        assert form.query_one("#in-tier").value == Tier.NOT_KEY.value
        # the error put the focus in the reason field
        assert app.focused.id == "in-reason"
        await pilot.press(*"Budget moved to group level", "f2")
        await pilot.pause()
        assert isinstance(app.screen, ScoringScreen)
        assert _cell(screen, bank, "tier") == Tier.NOT_KEY.label
    engine, s = _db(demo_db)
    with s:
        assert s.get(Account, retail).tier == Tier.EMERGING_KEY
        assert s.get(Account, bank).tier == Tier.NOT_KEY
        last = accounts.tier_history(s, bank)[-1]
        assert (last.from_tier, last.to_tier, last.reason) == (
            Tier.EXISTING_KEY,
            Tier.NOT_KEY,
            "Budget moved to group level",
        )
    engine.dispose()


async def test_empty_database_explains_what_to_do(db_path):
    engine, s = _db(db_path)
    with s:
        accounts.create_account(s, "Only One")
    engine.dispose()
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        assert "No criteria yet: press n" in _text(screen.query_one("#sc-status").content)
        await pilot.press("5", "d", "e")  # nothing to score, delete or edit: no crash
        await pilot.pause()
        assert isinstance(app.screen, ScoringScreen)
        assert "not scored" in _text(screen.query_one("#sc-chart").content)


async def test_usable_at_80_by_24(demo_db):
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        for wid in ("#sc-status", "#sc-grid", "#sc-chart-box", "#sc-hint"):
            region = screen.query_one(wid).region
            assert region.height > 0 and region.bottom <= 23, wid
        grid = screen.query_one(ScoreGrid)
        assert grid.region.height >= 5
        assert "re-check" in str(screen.query_one("#sc-hint").content)
        await pilot.press("j", "3")  # Kessler's first criterion, 7 in the demo
        await pilot.pause()
        accs, crits = _ids(demo_db)
        assert _cell(screen, accs[demo.MAKER], f"c{crits[0]}") == "3"
        engine, s = _db(demo_db)
        with s:
            assert scoring.score_map(s)[(accs[demo.MAKER], crits[0])] == 3
        engine.dispose()


async def test_move_criterion_sort_and_key_rule(demo_db):
    accs, crits = _ids(demo_db)
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _open(app, pilot)
        await pilot.press("l", "less_than_sign")  # second criterion becomes the first
        await pilot.pause()
        assert _ids(demo_db)[1] == [crits[1], crits[0], *crits[2:]]
        grid = screen.query_one(ScoreGrid)
        keys = [k.value for k in grid.columns]
        assert keys.index(f"c{crits[1]}") < keys.index(f"c{crits[0]}")
        # the cursor followed the criterion it was on
        assert grid.coordinate_to_cell_key(grid.cursor_coordinate).column_key.value == f"c{crits[1]}"
        await pilot.press("s")  # by name: Brightmart, Kessler, Nordvik
        await pilot.pause()
        assert [grid.coordinate_to_cell_key((i, 0)).row_key.value for i in range(3)] == [
            str(accs[demo.RETAIL]),
            str(accs[demo.MAKER]),
            str(accs[demo.BANK]),
        ]
        # the key rule: allow one key account only
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("end", "backspace", "backspace", "1", "f2")
        await pilot.pause()
        assert isinstance(app.screen, ScoringScreen)
        assert _cell(screen, accs[demo.BANK], "verdict") == "★ key"
        assert _cell(screen, accs[demo.MAKER], "verdict") == "below line"
        # the retailer is Daniel's, the top of his own list
        assert _cell(screen, accs[demo.RETAIL], "verdict") == "★ make key?"
        status = _text(screen.query_one("#sc-status").content)
        assert "Key accounts: Daniel Okafor 0 of 1 · Maria Lindqvist 2 of 1 ·" in status
    engine, s = _db(demo_db)
    with s:
        assert scoring.key_account_limit(s) == 1
    engine.dispose()


def test_chart_bars_are_proportional_and_mark_the_threshold():
    from decimal import Decimal

    from kam_tui.tui.screens.scoring import TotalsChart

    chart = TotalsChart(
        [("Full", Decimal(10), True, True), ("Half", Decimal(5), False, False), ("None yet", None, False, False)],
        Decimal(6),
        more=7,
    )
    lines = _text(chart, width=60).splitlines()
    full, half = lines[0].count("█"), lines[1].count("█")
    assert full == 60 - 8 - 9 and half == full // 2
    assert lines[0].rstrip().endswith("10.0 ★") and lines[1].rstrip().endswith("5.0")
    assert "┊" in lines[1] and "┊" not in lines[0]  # the threshold lies beyond Half's bar
    assert "not scored" in lines[2]
    assert lines[3].startswith("… and 7 more below")


async def test_x_exports_the_matrix_and_a_bad_path_keeps_the_form(demo_db, tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    target = tmp_path / "out" / "scoring.md"
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        form = app.screen
        await pilot.press("home", "ctrl+k", *str(blocker / "scoring.md"), "enter")
        await pilot.pause()
        assert "cannot write" in str(form.query_one("#err-path").content)
        assert form.query_one("#in-path").value == str(blocker / "scoring.md")
        assert app.focused.id == "in-path"  # the error put the focus back in the field
        await pilot.press("home", "ctrl+k", *str(target), "enter")
        await pilot.pause()
        assert isinstance(app.screen, ScoringScreen)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Key-account scoring\n")
    assert "| 1 | Nordvik Bank | 9 | 6 | 8 | 9 | 8.1 | yes |" in text


async def test_x_by_default_writes_to_the_exports_folder_not_the_working_folder(demo_db, tmp_path, monkeypatch):
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
    written = home / "kam-exports" / "key-account-scoring.md"
    assert written.read_text(encoding="utf-8").startswith("# Key-account scoring")
    assert list(work.iterdir()) == []


async def test_at_80_columns_the_verdict_and_total_stay_while_the_criteria_scroll(demo_db):
    from kam_tui.tui.screenshots import screen_text

    app = KamApp(db_path=demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        text = screen_text(app)
        assert "★ = each owner's top, total ≥ 6.0" in " ".join(text.split())  # the key rule
        assert "Revenue" in text and "potential" in text  # a criterion's name whole, over two lines
        for _ in range(5):  # to the last criterion and the tier beyond it
            await pilot.press("l")
            await pilot.pause()
        text = screen_text(app)
        bank = next(line for line in text.splitlines() if line.startswith(" Nordvik Bank") and "★" in line)
        assert "8.1" in bank and "★ key" in bank and "Existing key" in bank
        assert "Fit of our" in text  # scrolled into view
