"""The Reviews & KPIs pane driven by keys: KPI and value forms, the trend, the review log
moving the last review date, meetings, and the plan dates."""

from datetime import timedelta

from sqlmodel import select

from kam_tui import clock
from kam_tui.db import new_session
from kam_tui.models import Kpi, KpiValue, Meeting, MeetingKind, Review
from kam_tui.services import accounts, reviews
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.workspace import WorkspaceScreen


async def typed(pilot, text):
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def open_reviews(app, pilot, aid):
    app.push_screen(WorkspaceScreen(aid, section="ReviewsPane"))
    await pilot.pause()
    app.screen.query_one("#kpi-table").focus()
    await pilot.pause()


def cells(app, table_id):
    table = app.screen.query_one(f"#{table_id}")
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


async def test_kpis_values_and_trend(db_path, engine):
    with new_session(engine) as s:
        aid = accounts.create_account(s, "Acme").id
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_reviews(app, pilot, aid)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#in-name").focus()
        await typed(pilot, "Delivery reliability")
        app.screen.query_one("#in-unit").focus()
        await typed(pilot, "%")
        await pilot.press("f2")
        await pilot.pause()
        for period, target, actual in (("2026-Q2", "95", "97"), ("2026-q1", "95", "91"), ("2026-Q3", "95", "93")):
            await pilot.press("v")
            await pilot.pause()
            app.screen.query_one("#in-period").focus()
            await typed(pilot, period)
            app.screen.query_one("#in-target").focus()
            await typed(pilot, target)
            app.screen.query_one("#in-actual").focus()
            await typed(pilot, actual)
            await pilot.press("f2")
            await pilot.pause()
        # a bad period is refused in the form, with what is accepted
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one("#in-period").focus()
        await typed(pilot, "Q5")
        await pilot.press("f2")
        await pilot.pause()
        assert "is not a period" in str(app.screen.query_one("#err-period").render())
        await pilot.press("escape")
        await pilot.pause()
        with new_session(engine) as s:
            kpi = s.exec(select(Kpi)).one()
            assert (kpi.name, kpi.unit) == ("Delivery reliability", "%")
            assert [v.period for v in reviews.kpi_values(s, kpi.id)] == ["2026-Q1", "2026-Q2", "2026-Q3"]
        row = cells(app, "kpi-table")[0]
        assert row[0] == "Delivery reliability (%) ↑"
        assert row[1] == "▁█▃"  # 91, 97, 93: lowest, highest, a third of the way up
        assert row[2:] == ["2026-Q3", "93", "95", "✗ missed"]
        assert cells(app, "kpi-values") == [
            ["2026-Q1", "95", "91", "missed"],
            ["2026-Q2", "95", "97", "met"],
            ["2026-Q3", "95", "93", "missed"],
        ]
        # delete a value from the values list: asked first; the cursor is on the last one saved
        app.screen.query_one("#kpi-values").focus()
        assert app.screen.query_one("#kpi-values").selected_key() is not None
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        with new_session(engine) as s:
            assert sorted(v.period for v in s.exec(select(KpiValue))) == ["2026-Q1", "2026-Q2"]
        assert [r[0] for r in cells(app, "kpi-values")] == ["2026-Q1", "2026-Q2"]


async def test_review_log_meetings_and_due_dates(db_path, engine):
    today = clock.today()
    with new_session(engine) as s:
        aid = accounts.create_account(s, "Acme", review_cadence="monthly").id
        accounts.update_account(s, aid, last_review=today - timedelta(days=45))
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviews(app, pilot, aid)
        due = str(app.screen.query_one("#reviews-due").render())
        assert f"{(today - timedelta(days=45) + timedelta(days=31)).isoformat()} (14 days overdue)" in due
        assert "not dated" in due
        await pilot.press("r")
        await pilot.pause()
        app.screen.query_one("#in-notes").focus()
        await typed(pilot, "Pipeline looks thin")
        app.screen.query_one("#in-decisions").focus()
        await typed(pilot, "Run a workshop")
        await pilot.press("f2")
        await pilot.pause()
        with new_session(engine) as s:
            review = s.exec(select(Review)).one()
            assert (review.held_on, review.notes, review.decisions) == (today, "Pipeline looks thin", "Run a workshop")
            assert accounts.get_account(s, aid).last_review == today
        assert "(in 31 days)" in str(app.screen.query_one("#reviews-due").render())
        assert cells(app, "review-log")[0][:3] == [today.isoformat(), "Internal team", "Pipeline looks thin"]
        # a meeting in the structure
        app.screen.query_one("#meetings").focus()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#in-kind").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # (none) -> internal -> strategic
        await pilot.pause()
        app.screen.query_one("#in-attendees").focus()
        await typed(pilot, "CTO, Ann")
        await pilot.press("f2")
        await pilot.pause()
        with new_session(engine) as s:
            m = s.exec(select(Meeting)).one()
            assert (m.kind, m.attendees) == (MeetingKind.STRATEGIC, "CTO, Ann")
        # the plan's rhythm: revision date
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#in-next_plan_revision").focus()
        await typed(pilot, "1.2.2020")
        await pilot.press("f2")
        await pilot.pause()
        assert "overdue" in str(app.screen.query_one("#reviews-due").render()).split("Plan revision")[1]


async def test_an_empty_table_with_the_focus_shows_it_so_n_adds_where_the_user_looks(db_path, engine):
    with new_session(engine) as s:
        aid = accounts.create_account(s, "Nova").id
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_reviews(app, pilot, aid)

        def empty_line(table_id: str) -> str:
            return app.screen.query_one(f"#{table_id}").render_line(1).text.strip()

        app.screen.query_one("#review-log").focus()
        await pilot.pause()
        assert empty_line("review-log") == "▸ no reviews logged yet: r logs one"
        assert empty_line("kpi-table") == "no KPIs yet: n adds one"  # not focused: no mark
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.form_title == "Log a review"
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one("#kpi-table").focus()
        await pilot.pause()
        assert empty_line("kpi-table") == "▸ no KPIs yet: n adds one"
        assert empty_line("review-log") == "no reviews logged yet: r logs one"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.form_title == "New KPI"
