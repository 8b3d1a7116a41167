"""The questions pane driven by keys: answer, not relevant, assign, filter by category."""

import io
from datetime import timedelta

import pytest
from rich.console import Console

from kam_tui import clock
from kam_tui.models import QuestionAnswer, QuestionCategory as C, QuestionStatus as St
from kam_tui.questions import QUESTIONS
from kam_tui.services import questions as gq
from kam_tui.services.accounts import create_account
from kam_tui.tui.app import KamApp
from kam_tui.tui.screens.workspace import WorkspaceScreen
from kam_tui.tui.widgets.question_lists import QuestionCategoryList, QuestionList


@pytest.fixture
def acct_id(session):
    return create_account(session, "Acme").id


async def open_questions(app, pilot, acct_id):
    app.push_screen(WorkspaceScreen(acct_id, section="QuestionsPane"))
    await pilot.pause()
    for _ in range(6):
        if isinstance(app.focused, QuestionCategoryList):
            break
        await pilot.press("tab")
        await pilot.pause()
    assert isinstance(app.focused, QuestionCategoryList)


def plain(renderable) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def category_line(app, index: int) -> str:
    return str(app.screen.query_one(QuestionCategoryList).get_option_at_index(index).prompt)


def question_lines(app) -> list[str]:
    ql = app.screen.query_one(QuestionList)
    return [ql.keys[i] for i in range(ql.option_count)]


NEEDS = [q.key for q in QUESTIONS if q.category == C.NEEDS]
NEEDS_ROW = list(C).index(C.NEEDS) + 1  # after "All questions"


async def test_answer_a_question_and_progress_moves(db_path, session, acct_id):
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_questions(app, pilot, acct_id)
        assert f"0/{len(QUESTIONS)}" in category_line(app, 0)
        # pick "What do they need?" on the left, then the first question on the right
        await pilot.press(*["j"] * NEEDS_ROW)
        await pilot.pause()
        assert question_lines(app) == NEEDS
        assert f"0/{len(NEEDS)}" in category_line(app, NEEDS_ROW)
        await pilot.press("l", "a")
        await pilot.pause()
        await pilot.press(*"Lower cost per delivery", "f2")
        await pilot.pause()
        row = session.get(QuestionAnswer, (acct_id, NEEDS[0]))
        assert (row.status, row.answer) == (St.ANSWERED, "Lower cost per delivery")
        assert f"1/{len(NEEDS)}" in category_line(app, NEEDS_ROW)
        assert f"1/{len(QUESTIONS)}" in category_line(app, 0)
        # answered questions go below the unknown ones; the cursor stays on its line,
        # on the question that took its place, not on the answered one down below
        assert question_lines(app)[-1] == NEEDS[0]
        questions = app.screen.query_one(QuestionList)
        assert questions.current_key == NEEDS[1] and questions.highlighted == 0
        # so r marks the question in view not relevant, and the next one comes up
        await pilot.press("r")
        await pilot.pause()
        session.expire_all()
        assert session.get(QuestionAnswer, (acct_id, NEEDS[1])).status == St.NOT_RELEVANT
        assert questions.current_key == NEEDS[2]
        assert f"2/{len(NEEDS)}" in category_line(app, NEEDS_ROW)
        # f assigns the question in view, which stays where it is
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"Ann", "f2")
        await pilot.pause()
        session.expire_all()
        assert session.get(QuestionAnswer, (acct_id, NEEDS[2])).finder == "Ann"
        assert questions.current_key == NEEDS[2]


async def test_assign_with_bad_date_then_good_one(db_path, session, acct_id):
    first = QUESTIONS[0].key
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_questions(app, pilot, acct_id)
        await pilot.press("l", "f")
        await pilot.pause()
        await pilot.press(*"Anna", "tab", *"31.2.2026", "enter")
        await pilot.pause()
        assert "not a date" in str(app.screen.query_one("#err-due").render())
        assert session.get(QuestionAnswer, (acct_id, first)) is None
        await pilot.press(*["backspace"] * 9, *"+2w", "enter")
        await pilot.pause()
        row = session.get(QuestionAnswer, (acct_id, first))
        assert (row.finder, row.due_date, row.status) == ("Anna", clock.today() + timedelta(weeks=2), St.UNKNOWN)
        assert "Anna finds out" in plain(app.screen.query_one(QuestionList).get_option_at_index(0).prompt)


async def test_overdue_assignments_stand_out(db_path, session, acct_id):
    late = QUESTIONS[5].key
    gq.assign(session, acct_id, late, "Bo", clock.today() - timedelta(days=3))
    app = KamApp(db_path=db_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_questions(app, pilot, acct_id)
        assert question_lines(app)[0] == late  # overdue first
        assert "1 late" in category_line(app, 0)
        assert "1 overdue" in str(app.screen.query_one("#questions-summary").render())
        await pilot.press("l", "a")
        await pilot.pause()
        await pilot.press(*"Found it", "f2")
        await pilot.pause()
        assert "overdue" not in str(app.screen.query_one("#questions-summary").render())
        assert gq.overdue(session, acct_id) == []
