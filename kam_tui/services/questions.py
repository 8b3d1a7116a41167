"""The account's growth-plan questions: what is still unknown, who finds out, by when.

The catalogue lives in kam_tui/questions.py; an account stores a row only for a
question it has touched, so a missing row means unknown.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import QuestionAnswer, QuestionCategory, QuestionStatus, utcnow
from kam_tui.questions import BY_KEY, QUESTIONS, Question
from kam_tui.rules.questions import (  # the rules, re-exported for callers
    Progress as Progress,
    QuestionState as QuestionState,
    progress_of as progress_of,
    states_of as states_of,
)
from kam_tui.services import accounts
from kam_tui.services.dates import parse_date

MAX_ANSWER = 5000


def _question(key: str) -> Question:
    q = BY_KEY.get(key)
    if q is None:
        raise NotFound(f"no growth-plan question {key!r}")
    return q


def _rows(session: Session, account_id: int) -> dict[str, QuestionAnswer]:
    rows = session.exec(select(QuestionAnswer).where(QuestionAnswer.account_id == account_id))
    return {r.question_key: r for r in rows}


def list_questions(session: Session, account_id: int, category: QuestionCategory | None = None) -> list[QuestionState]:
    """Every question with the account's state, in catalogue order."""
    return states_of(_rows(session, account_id).values(), category)


def unknown_first(states: list[QuestionState]) -> list[QuestionState]:
    """Unknown questions first (overdue, then by due date, then unassigned), then the rest."""
    far = date.max

    def key(s: QuestionState) -> tuple[int, date, int]:
        if s.status == QuestionStatus.UNKNOWN:
            return (0, s.due_date or far, BY_INDEX[s.key])
        return (1, far, BY_INDEX[s.key])

    return sorted(states, key=key)


BY_INDEX = {q.key: i for i, q in enumerate(QUESTIONS)}


def get_state(session: Session, account_id: int, key: str) -> QuestionState:
    q = _question(key)
    r = session.get(QuestionAnswer, (account_id, key))
    if r is None:
        return QuestionState(q)
    return QuestionState(q, r.status, r.answer, r.finder, r.due_date)


def _row(session: Session, account_id: int, key: str) -> QuestionAnswer:
    accounts.get_account(session, account_id)
    _question(key)
    row = session.get(QuestionAnswer, (account_id, key))
    if row is None:
        row = QuestionAnswer(account_id=account_id, question_key=key)
    return row


def _save(session: Session, row: QuestionAnswer) -> QuestionState:
    row.updated_at = utcnow()
    session.add(row)
    accounts.touch(session, row.account_id)
    session.commit()
    return get_state(session, row.account_id, row.question_key)


def answer(session: Session, account_id: int, key: str, text: str) -> QuestionState:
    """Record what we found out; the question is then answered."""
    clean = (text or "").replace("\r\n", "\n").strip()
    if not clean:
        raise ValidationError("answer", "is required; to skip a question mark it not relevant")
    if len(clean) > MAX_ANSWER:
        raise ValidationError("answer", f"is {len(clean)} characters long; at most {MAX_ANSWER}")
    row = _row(session, account_id, key)
    row.status = QuestionStatus.ANSWERED
    row.answer = clean
    return _save(session, row)


def mark_not_relevant(session: Session, account_id: int, key: str) -> QuestionState:
    row = _row(session, account_id, key)
    row.status = QuestionStatus.NOT_RELEVANT
    return _save(session, row)


def reset(session: Session, account_id: int, key: str) -> QuestionState:
    """Back to unknown: the answer goes, who finds out and by when stay."""
    row = _row(session, account_id, key)
    if row.finder or row.due_date:
        row.status = QuestionStatus.UNKNOWN
        row.answer = ""
        return _save(session, row)
    if session.get(QuestionAnswer, (account_id, key)) is not None:
        session.delete(row)
        accounts.touch(session, account_id)
        session.commit()
    return get_state(session, account_id, key)


def assign(session: Session, account_id: int, key: str, finder: str, due: date | str | None = None) -> QuestionState:
    """Name who finds out and, optionally, by when. A blank finder and date clear it."""
    who = " ".join((finder or "").split())
    when = parse_date(due, "due date")
    if len(who) > 200:
        raise ValidationError("finder", f"is {len(who)} characters long; at most 200")
    if when is not None and not who:
        raise ValidationError("finder", "is required when a due date is set: who finds out?")
    row = _row(session, account_id, key)
    row.finder = who
    row.due_date = when
    return _save(session, row)


def progress(session: Session, account_id: int) -> list[Progress]:
    """Per category, in method order: (answered + not relevant) out of all."""
    return progress_of(list_questions(session, account_id))


def overdue(session: Session, account_id: int, today: date | None = None) -> list[QuestionState]:
    """Unknown questions whose due date has passed, earliest first."""
    late = [s for s in list_questions(session, account_id) if s.is_overdue(today)]
    return sorted(late, key=lambda s: (s.due_date, BY_INDEX[s.key]))
