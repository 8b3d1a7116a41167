"""Growth-plan questions: what is still unknown about the account, who finds out, and by when."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import OptionList, Static

from kam_tui import clock
from kam_tui.models import QuestionCategory, QuestionStatus
from kam_tui.services import questions as gq
from kam_tui.store.conflicts import Seen
from kam_tui.tui.edits import Edit
from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.form import ConfirmScreen, FieldSpec, FormScreen
from kam_tui.tui.widgets.question_lists import ALL, QuestionCategoryList, QuestionList

if TYPE_CHECKING:
    from sqlmodel import Session


class QuestionsPane(Pane):
    TAB_TITLE = "Questions"
    HELP = (
        "Growth-plan questions: a checklist in eight categories of what a growth plan "
        "needs to know. Not every question applies to every account; the point is to "
        "see what is still unknown, who will find out, and by when. Unknown questions "
        "come first and overdue assignments show in red. a answers, r marks not "
        "relevant, f names who finds out and by when, u sets a question back to unknown."
    )
    BINDINGS = [
        Binding("a,e", "answer", "Answer", id="questions.answer"),
        Binding("r", "not_relevant", "Not relevant", id="questions.not_relevant"),
        Binding("f", "assign", "Who finds out", id="questions.assign"),
        Binding("u", "reset", "Unknown again", id="questions.reset"),
        Binding("left,h", "focus_categories", "Categories", show=False, id="questions.categories"),
        Binding("right,l", "focus_questions", "Questions", show=False, id="questions.list"),
    ]

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(account_id, **kwargs)
        self.category: QuestionCategory | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="questions-body"):
            yield QuestionCategoryList(id="questions-categories")
            with Vertical(id="questions-right"):
                yield Static("", id="questions-summary")
                yield QuestionList(id="questions-list")

    @property
    def question_list(self) -> QuestionList:
        return self.query_one(QuestionList)

    def reload(self, keep_key: str | None = None, *, keep_place: bool = False) -> None:
        today = clock.today()
        with self.app.session() as s:
            states = gq.list_questions(s, self.account_id)
            progress = gq.progress(s, self.account_id)
        late = [st for st in states if st.is_overdue(today)]
        overdue_by_cat: dict[QuestionCategory, int] = {}
        for st in late:
            overdue_by_cat[st.question.category] = overdue_by_cat.get(st.question.category, 0) + 1
        done = sum(p.done for p in progress)
        self.query_one(QuestionCategoryList).show_progress(progress, overdue_by_cat, done, len(states))
        shown = [st for st in states if self.category is None or st.question.category == self.category]
        self.question_list.show_questions(gq.unknown_first(shown), today, keep_key, keep_place=keep_place)
        self._summary(shown, late)

    def _summary(self, shown: list[gq.QuestionState], late: list[gq.QuestionState]) -> None:
        title = self.category.label if self.category else "All categories"
        unknown = sum(st.status == QuestionStatus.UNKNOWN for st in shown)
        assigned = sum(st.is_assigned for st in shown)
        line = Text()
        line.append(title, "bold")
        line.append(f" · {unknown} unknown, {assigned} assigned")
        late_here = [st for st in late if self.category is None or st.question.category == self.category]
        if late_here:
            line.append(f" · {len(late_here)} overdue", "bold red")
        elif late:
            line.append(f" · {len(late)} overdue elsewhere", "red")
        self.query_one("#questions-summary", Static).update(line)

    # ------------------------------------------------------------ navigation

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not isinstance(event.option_list, QuestionCategoryList):
            return
        key = event.option.id
        category = None if key == ALL else QuestionCategory(key or "")
        if category != self.category:
            self.category = category
            self.reload()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option_list, QuestionCategoryList):
            self.action_focus_questions()
        else:
            self.action_answer()

    def action_focus_categories(self) -> None:
        self.query_one(QuestionCategoryList).focus()

    def action_focus_questions(self) -> None:
        self.question_list.focus()

    # --------------------------------------------------------------- edits

    def _current(self) -> gq.QuestionState | None:
        key = self.question_list.current_key
        if key is None:
            return None
        with self.app.session() as s:
            return gq.get_state(s, self.account_id, key)

    def _open_form(self, form: FormScreen, *, moves: bool = False) -> None:
        """`moves`: the edit takes the question out of the unknown ones at the top,
        so the cursor stays on its line (the next question) rather than follow it."""

        def done(saved: gq.QuestionState | None) -> None:
            if saved is not None:
                self.reload(keep_key=saved.key, keep_place=moves)
                self.question_list.focus()

        self.app.push_screen(form, done)

    def action_answer(self) -> None:
        state = self._current()
        if state is None:
            return
        fields = [
            FieldSpec(
                "text", "Answer", "multiline", value=state.answer, required=True, help="What we know now. F2 accepts."
            )
        ]
        self._open_form(
            FormScreen(
                state.question.text,
                fields,
                # the answer shown: a save over a colleague's newer answer is refused
                Edit(gq.answer, self.account_id, state.key, seen=self._seen(state, "answer", state.answer)),
                intro=state.question.category.label,
            ),
            moves=state.status == QuestionStatus.UNKNOWN,
        )

    def _seen(self, state: gq.QuestionState, field: str, shown: str) -> Seen:
        return Seen("question_answer", (self.account_id, state.key), field=field, value=shown)

    def action_assign(self) -> None:
        state = self._current()
        if state is None:
            return
        due = state.due_date.isoformat() if state.due_date else ""
        from kam_tui.services.people import known_people

        with self.app.session() as s:
            people = known_people(s, self.account_id)
        fields = [
            FieldSpec(
                "finder",
                "Who finds out",
                "person",
                value=state.finder,
                people=people,
                help="A colleague's name, or yourself.",
            ),
            FieldSpec(
                "due",
                "By when",
                value=due,
                placeholder="2026-12-01, 1.12.2026, +2w",
                aliases=("due date",),
                help="Blank for no date. Both blank clears the assignment.",
            ),
        ]
        self._open_form(
            FormScreen(
                state.question.text,
                fields,
                Edit(gq.assign, self.account_id, state.key, seen=self._seen(state, "finder", state.finder)),
                intro="Who finds out, and by when?",
            )
        )

    def _apply(self, fn: Callable[[Session, int, str], object], key: str, *, moves: bool = False) -> None:
        self.app.edit(fn, self.account_id, key)
        self.reload(keep_key=key, keep_place=moves)

    def action_not_relevant(self) -> None:
        state = self._current()
        if state is not None:
            self._apply(gq.mark_not_relevant, state.key, moves=state.status == QuestionStatus.UNKNOWN)

    def action_reset(self) -> None:
        state = self._current()
        if state is None or state.status == QuestionStatus.UNKNOWN:
            return
        if state.status == QuestionStatus.ANSWERED and state.answer:

            def answered(yes: bool | None) -> None:
                if yes:
                    self._apply(gq.reset, state.key)

            self.app.push_screen(
                ConfirmScreen(
                    "Set this question back to unknown?", f"The answer goes:\n{state.answer}", yes_label="Reset"
                ),
                answered,
            )
            return
        self._apply(gq.reset, state.key)
