"""Today, across every account: what is overdue or due soon.

Overdue actions, actions due in the next days, reviews due by cadence, plan
revisions due, and growth questions past the date someone promised an answer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from kam_tui.models import Account, Action, ActionStatus, Goal, QuestionAnswer, QuestionStatus
from kam_tui.questions import BY_KEY
from kam_tui.rules.reviews import next_review
from kam_tui.services.rows import stored_id

# In the order the list shows them.
KINDS: dict[str, str] = {
    "overdue_action": "Overdue actions",
    "action_due": "Actions due soon",
    "review_due": "Reviews due",
    "plan_revision_due": "Plan revisions due",
    "question_overdue": "Questions past their date",
}
SOON_DAYS = 7


@dataclass
class TodayItem:
    kind: str
    account_id: int
    account: str
    text: str
    due: date | None
    days_overdue: int  # > 0 late, 0 today, < 0 still to come
    owner: str
    section: str  # the workspace pane that holds the item
    item_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["due"] = self.due.isoformat() if self.due else None
        return d

    def when(self) -> str:
        if self.due is None:
            return "no date"
        if self.days_overdue > 0:
            return f"{self.days_overdue}d late"
        if self.days_overdue == 0:
            return "today"
        return f"in {-self.days_overdue}d"


def today_items(session: Session, today: date | None = None, soon_days: int = SOON_DAYS) -> list[TodayItem]:
    today = today or date.today()
    soon = today + timedelta(days=soon_days)
    accounts = {stored_id(a): a for a in session.exec(select(Account))}
    items: list[TodayItem] = []

    rows = session.exec(
        select(Action, Goal)
        .join(Goal, col(Action.goal_id) == col(Goal.id))
        .where(
            col(Action.due_date).is_not(None),
            col(Action.due_date) <= soon,
            col(Action.status).in_([s for s in ActionStatus if not s.is_closed]),
        )
    )
    for action, goal in rows:
        account = accounts[goal.account_id]
        if action.due_date is None:  # the query asks for dated actions only
            continue
        late = (today - action.due_date).days
        items.append(
            TodayItem(
                "overdue_action" if late > 0 else "action_due",
                goal.account_id,
                account.name,
                action.text,
                action.due_date,
                late,
                action.owner or goal.owner,
                "GoalsPane",
                action.id,
            )
        )

    for account in accounts.values():
        # a review is due for key accounts, and for any account already on a review rhythm
        if account.tier.is_key or account.last_review is not None:
            due = next_review(account, today)
            if due.due is not None and due.due <= soon:
                what = (
                    f"{account.review_cadence.label} review (last {account.last_review.isoformat()})"
                    if account.last_review
                    else f"{account.review_cadence.label} review (none logged yet)"
                )
                items.append(
                    TodayItem(
                        "review_due",
                        stored_id(account),
                        account.name,
                        what,
                        due.due,
                        due.days_overdue,
                        account.owner,
                        "ReviewsPane",
                    )
                )
        rev = account.next_plan_revision
        if rev is not None and rev <= soon:
            items.append(
                TodayItem(
                    "plan_revision_due",
                    stored_id(account),
                    account.name,
                    "Revise the written plan",
                    rev,
                    (today - rev).days,
                    account.owner,
                    "ReviewsPane",
                )
            )

    answers = session.exec(
        select(QuestionAnswer).where(
            QuestionAnswer.status == QuestionStatus.UNKNOWN, col(QuestionAnswer.due_date).is_not(None)
        )
    )
    for qa in answers:
        if qa.due_date is None or qa.due_date >= today or qa.account_id not in accounts:
            continue
        account = accounts[qa.account_id]
        question = BY_KEY.get(qa.question_key)
        items.append(
            TodayItem(
                "question_overdue",
                qa.account_id,
                account.name,
                question.text if question else qa.question_key,
                qa.due_date,
                (today - qa.due_date).days,
                qa.finder,
                "QuestionsPane",
            )
        )

    order = {k: i for i, k in enumerate(KINDS)}
    items.sort(key=lambda i: (order[i.kind], i.due or date.min, i.account.casefold(), i.text))
    return items
