"""The growth-plan questions as lists: categories with their progress, and
questions with their state, who finds out and by when (overdue in red)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kam_tui.models import QuestionStatus
from kam_tui.services.questions import Progress, QuestionState
from kam_tui.tui.widgets.cursor_keys import CursorKeys

SYMBOL = {QuestionStatus.UNKNOWN: "?", QuestionStatus.ANSWERED: "✓", QuestionStatus.NOT_RELEVANT: "–"}
STYLE = {QuestionStatus.UNKNOWN: "bold yellow", QuestionStatus.ANSWERED: "green", QuestionStatus.NOT_RELEVANT: "dim"}
ALL = "all"
MAX_ANSWER_SHOWN = 200


def bar(done: int, total: int, width: int = 10) -> str:
    filled = round(width * done / total) if total else 0
    return "█" * filled + "░" * (width - filled)


def category_prompt(label: str, done: int, total: int, overdue: int = 0) -> Text:
    out = Text(label + "\n")
    out.append(f"{bar(done, total, 8)} {done}/{total}", style="green" if done == total else "cyan")
    if overdue:
        out.append(f" {overdue} late", style="bold red")
    return out


def question_prompt(state: QuestionState, today: date) -> Table:
    # a grid keeps wrapped lines hanging under the text, not under the symbol
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(SYMBOL[state.status], style=STYLE[state.status]), _question_text(state, today))
    return grid


def _question_text(state: QuestionState, today: date) -> Text:
    out = Text()
    out.append(state.question.text, style="dim" if state.status == QuestionStatus.NOT_RELEVANT else "")
    if state.status == QuestionStatus.ANSWERED and state.answer:
        answer = " ".join(state.answer.split())
        if len(answer) > MAX_ANSWER_SHOWN:
            answer = answer[: MAX_ANSWER_SHOWN - 1] + "…"
        out.append("\n" + answer, style="green")
    elif state.status == QuestionStatus.NOT_RELEVANT:
        out.append("  (not relevant)", style="dim italic")
    if state.status == QuestionStatus.UNKNOWN and (state.finder or state.due_date):
        who = state.finder or "nobody named"
        when = f" by {state.due_date.isoformat()}" if state.due_date else ""
        if state.is_overdue(today):
            out.append(f"\n{who}{when} · OVERDUE", style="bold red")
        else:
            out.append(f"\n{who} finds out{when}", style="cyan")
    return out


class QuestionCategoryList(OptionList, CursorKeys):
    def show_progress(self, progress: list[Progress], overdue: dict, total_done: int, total: int) -> None:
        keep = self.highlighted
        self.clear_options()
        self.add_option(Option(category_prompt("All questions", total_done, total, sum(overdue.values())), id=ALL))
        for p in progress:
            self.add_option(
                Option(
                    category_prompt(p.category.label, p.done, p.total, overdue.get(p.category, 0)), id=p.category.value
                )
            )
        self.highlighted = keep if keep is not None else 0


class QuestionList(OptionList, CursorKeys):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.keys: list[str] = []

    def show_questions(
        self, states: list[QuestionState], today: date, keep_key: str | None = None, *, keep_place: bool = False
    ) -> None:
        """Show `states`; the cursor stays on `keep_key` (or the question it is on),
        or with `keep_place` on the same line: after an answer the question moves
        down among the answered ones, and the one that takes its place is what
        the user is looking at next."""
        old = self.highlighted
        keep_key = None if keep_place else keep_key or self.current_key
        self.clear_options()
        self.keys = [s.key for s in states]
        self.add_options(Option(question_prompt(s, today), id=s.key) for s in states)
        if keep_key in self.keys:
            self.highlighted = self.keys.index(keep_key)
        elif self.keys:
            self.highlighted = min(old or 0, len(self.keys) - 1)

    @property
    def current_key(self) -> str | None:
        if self.highlighted is None or not self.keys or self.highlighted >= len(self.keys):
            return None
        return self.keys[self.highlighted]
