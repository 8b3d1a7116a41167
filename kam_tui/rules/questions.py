"""The growth-plan questions of one account: each question's state, and the
progress per category. A question with no stored row is unknown."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kam_tui import clock
from kam_tui.questions import QUESTIONS, Question
from kam_tui.rules.rows import Row
from kam_tui.vocabulary import QuestionCategory, QuestionStatus


@dataclass(frozen=True)
class QuestionState:
    question: Question
    status: QuestionStatus = QuestionStatus.UNKNOWN
    answer: str = ""
    finder: str = ""
    due_date: date | None = None

    @property
    def key(self) -> str:
        return self.question.key

    @property
    def is_assigned(self) -> bool:
        return self.status == QuestionStatus.UNKNOWN and bool(self.finder or self.due_date)

    def is_overdue(self, today: date | None = None) -> bool:
        return (
            self.status == QuestionStatus.UNKNOWN
            and self.due_date is not None
            and self.due_date < (today or clock.today())
        )


@dataclass(frozen=True)
class Progress:
    category: QuestionCategory
    answered: int
    not_relevant: int
    total: int

    @property
    def done(self) -> int:
        return self.answered + self.not_relevant

    @property
    def unknown(self) -> int:
        return self.total - self.done

    @property
    def ratio(self) -> float:
        return self.done / self.total if self.total else 0.0


_UNTOUCHED: dict[str, QuestionState] = {}  # question key -> its state with no row (immutable, shared)
_CATEGORIES = tuple(QuestionCategory)


def states_of(rows: Iterable[Row], category: QuestionCategory | None = None) -> list[QuestionState]:
    """Every question with the account's state from its stored rows, in catalogue order."""
    by_key = {r.question_key: r for r in rows}
    if not _UNTOUCHED:
        _UNTOUCHED.update((q.key, QuestionState(q)) for q in QUESTIONS)
    out = []
    for q in QUESTIONS:
        if category is not None and q.category != category:
            continue
        r = by_key.get(q.key)
        if r is None:
            out.append(_UNTOUCHED[q.key])
        else:
            out.append(QuestionState(q, r.status, r.answer, r.finder, r.due_date))
    return out


def by_category(states: list[QuestionState]) -> dict[QuestionCategory, list[QuestionState]]:
    """The states per category, in method order (every category present)."""
    out: dict[QuestionCategory, list[QuestionState]] = {cat: [] for cat in _CATEGORIES}
    for s in states:
        out[s.question.category].append(s)
    return out


def progress_of(states: list[QuestionState]) -> list[Progress]:
    """Per category, in method order: (answered + not relevant) out of all."""
    out = []
    for cat, mine in by_category(states).items():
        statuses = [s.status for s in mine]
        out.append(
            Progress(
                cat, statuses.count(QuestionStatus.ANSWERED), statuses.count(QuestionStatus.NOT_RELEVANT), len(mine)
            )
        )
    return out
