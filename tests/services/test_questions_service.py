"""Growth-plan questions: states, assignment, progress, overdue, and the export."""

from datetime import date

import pytest

from kam_tui.errors import NotFound, ValidationError
from kam_tui.export import questions as q_export
from kam_tui.export.snapshot import plan_for
from kam_tui.models import QuestionAnswer, QuestionCategory as C, QuestionStatus as St
from kam_tui.questions import QUESTIONS
from kam_tui.services import questions
from kam_tui.services.accounts import create_account


@pytest.fixture
def acct(session):
    return create_account(session, "Acme")


def test_missing_row_is_unknown(session, acct):
    states = questions.list_questions(session, acct.id)
    assert len(states) == len(QUESTIONS)
    assert {s.status for s in states} == {St.UNKNOWN}
    assert all(p.done == 0 for p in questions.progress(session, acct.id))


def test_answer_not_relevant_reset_and_progress(session, acct):
    needs = [q.key for q in QUESTIONS if q.category == C.NEEDS]
    questions.answer(session, acct.id, needs[0], "  Cost, speed, compliance \n")
    questions.mark_not_relevant(session, acct.id, needs[1])
    by_cat = {p.category: p for p in questions.progress(session, acct.id)}
    assert (by_cat[C.NEEDS].answered, by_cat[C.NEEDS].not_relevant, by_cat[C.NEEDS].total) == (1, 1, len(needs))
    assert by_cat[C.NEEDS].done == 2 and by_cat[C.TRENDS].done == 0
    assert session.get(QuestionAnswer, (acct.id, needs[0])).answer == "Cost, speed, compliance"
    questions.reset(session, acct.id, needs[1])
    assert session.get(QuestionAnswer, (acct.id, needs[1])) is None
    assert questions.get_state(session, acct.id, needs[1]).status == St.UNKNOWN
    with pytest.raises(ValidationError) as err:
        questions.answer(session, acct.id, needs[2], "   ")
    assert err.value.field == "answer"
    with pytest.raises(NotFound):
        questions.answer(session, acct.id, "needs.99", "x")


def test_assign_overdue_and_unknown_first(session, acct):
    a, b, c = QUESTIONS[0].key, QUESTIONS[1].key, QUESTIONS[2].key
    questions.assign(session, acct.id, b, "Anna", "2026-01-10")
    questions.assign(session, acct.id, c, "Bo", "1.3.2026")
    questions.answer(session, acct.id, a, "Known")
    today = date(2026, 2, 1)
    late = questions.overdue(session, acct.id, today=today)
    assert [s.key for s in late] == [b]
    assert late[0].finder == "Anna"
    ordered = questions.unknown_first(questions.list_questions(session, acct.id))
    assert [s.key for s in ordered[:2]] == [b, c]
    assert ordered[-1].key == a
    # answering an assigned question keeps who found out, and it is no longer overdue
    questions.answer(session, acct.id, b, "Found")
    assert questions.overdue(session, acct.id, today=today) == []
    assert questions.get_state(session, acct.id, b).finder == "Anna"
    # reset keeps the assignment
    questions.reset(session, acct.id, b)
    s = questions.get_state(session, acct.id, b)
    assert (s.status, s.answer, s.finder) == (St.UNKNOWN, "", "Anna")


def test_assign_validates(session, acct):
    key = QUESTIONS[0].key
    with pytest.raises(ValidationError) as err:
        questions.assign(session, acct.id, key, "Anna", "31.2.2026")
    assert err.value.field == "due date"
    with pytest.raises(ValidationError) as err:
        questions.assign(session, acct.id, key, "  ", "+1w")
    assert err.value.field == "finder"
    assert session.get(QuestionAnswer, (acct.id, key)) is None


def test_export(session, acct):
    assert q_export.render(plan_for(session, acct)) is None
    needs = [q for q in QUESTIONS if q.category == C.NEEDS]
    questions.answer(session, acct.id, needs[0].key, "Growth *abroad*\nand margins")
    questions.mark_not_relevant(session, acct.id, needs[1].key)
    questions.assign(session, acct.id, needs[2].key, "Anna", "2026-01-10")
    text = q_export.render(plan_for(session, acct, today=date(2026, 2, 1)))
    assert text.startswith("## Growth-plan questions")
    assert "### What do they need?" in text
    assert f"Progress: 2/{len(needs)} (1 not relevant)" in text
    assert f"**{needs[0].text}**" in text
    assert "Growth \\*abroad\\*\\\n  and margins" in text
    # the date alone: "overdue" would make an export of unchanged data differ from day to day
    assert f"{needs[2].text} — Anna by 2026-01-10" in text and "overdue" not in text
    assert f"Unknown, not assigned: {len(needs) - 3}" in text
    assert "### Who are our competitors?" in text


def test_plan_export_keeps_workspace_order(session, acct):
    from kam_tui.export.plan import render_plan
    from kam_tui.models import SwotQuadrant
    from kam_tui.services import swot, whitespace

    run = swot.new_run(session, acct.id)
    swot.add_item(session, run.id, SwotQuadrant.STRENGTH, "Brand")
    whitespace.add_unit(session, acct.id, "Nordics")
    questions.answer(session, acct.id, QUESTIONS[0].key, "Anna")
    text = render_plan(session, acct)
    positions = [text.index(h) for h in ("## SWOT", "## Whitespace", "## Growth-plan questions")]
    assert positions == sorted(positions)
