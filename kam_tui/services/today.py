"""Today, across every account: what is overdue or due soon.

Overdue actions and actions due in the next days, contacts past their
rhythm, meetings of the meeting structure due, renewals inside their notice
window, reviews due by cadence, plan revisions due, growth questions someone
promised to find out by a date, goals past their target date, and open
opportunities past their expected close. The dates come from the same rules
the workspace and the export use (kam_tui/rules).

Each item's `kind` is one of KINDS (documented in the README for scripts:
`kam today --json`), its `section` the plan section that holds it, by the
key the workspace and the export know it by, and its `uid` a name for it that
stays the same from one day to the next (the calendar's UIDs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from sqlmodel import Session, col, select

from kam_tui.models import (
    Account,
    Action,
    ActionStatus,
    Contract,
    Goal,
    GoalStatus,
    Meeting,
    MeetingKind,
    Opportunity,
    OpportunityStatus,
    QuestionAnswer,
    QuestionStatus,
)
from kam_tui.questions import BY_KEY
from kam_tui.rules.contacts import contact_states, rhythms_from
from kam_tui.rules.contracts import is_renewal_due, notice_by
from kam_tui.rules.meetings import last_held_by_level, meeting_dues
from kam_tui.rules.reviews import next_review
from kam_tui.services.contacts import settings as stored_settings
from kam_tui.services.rows import stored_id
from kam_tui.store.plans import StakeholderRow, read_rows
from kam_tui.store.reader import session_reader

# In the order the list shows them, with their titles.
KINDS: dict[str, str] = {
    "action_overdue": "Overdue actions",
    "action_due": "Actions due soon",
    "contact_due": "Contacts due",
    "meeting_due": "Meetings due",
    "renewal_due": "Renewals in their notice window",
    "review_due": "Reviews due",
    "revision_due": "Plan revisions due",
    "question_due": "Questions to find out",
    "goal_overdue": "Goals past their target date",
    "opportunity_overdue": "Opportunities past their expected close",
}
# The plan section each kind lives in: the workspace's and the export's key for it.
SECTION: dict[str, str] = {
    "action_overdue": "goals",
    "action_due": "goals",
    "contact_due": "stakeholders",
    "meeting_due": "reviews",
    "renewal_due": "history",
    "review_due": "reviews",
    "revision_due": "reviews",
    "question_due": "questions",
    "goal_overdue": "goals",
    "opportunity_overdue": "opportunities",
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
    item_id: int | None = None  # the action, person, meeting, contract, goal or opportunity
    ref: str = ""  # what names the item when it has no id of its own (a question's key)

    @property
    def section(self) -> str:
        return SECTION[self.kind]

    @property
    def uid(self) -> str:
        """The item's identity, the same every day whatever its text, its date or
        whether it is late yet (an action due soon is the same action overdue)."""
        which = self.item_id if self.item_id is not None else (self.ref or "account")
        return f"{self.kind.removesuffix('_overdue').removesuffix('_due')}-{self.account_id}-{which}"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "account": self.account,
            "account_id": self.account_id,
            "text": self.text,
            "due": self.due.isoformat() if self.due else None,
            "days_overdue": self.days_overdue,
            "owner": self.owner,
            "section": self.section,
            "item_id": self.item_id,
            "uid": self.uid,
        }

    def when(self) -> str:
        if self.due is None:
            return "no date"
        if self.days_overdue > 0:
            return f"{self.days_overdue}d late"
        if self.days_overdue == 0:
            return "today"
        return f"in {-self.days_overdue}d"


class _Held(NamedTuple):
    """A level's latest meeting, in the shape the meeting rule reads."""

    level: MeetingKind
    happened_on: date


class _ReviewHeld(NamedTuple):
    kind: MeetingKind
    held_on: date


def calendar_items(session: Session, days: int, today: date | None = None) -> list[TodayItem]:
    """Every dated item Today knows, from the overdue ones to `days` ahead (the calendar's events)."""
    return [i for i in today_items(session, today, soon_days=days, calendar=True) if i.due is not None]


def _late(today: date, due: date | None) -> int:
    return 0 if due is None else (today - due).days


def today_items(
    session: Session, today: date | None = None, soon_days: int = SOON_DAYS, *, calendar: bool = False
) -> list[TodayItem]:
    """Everything due by `soon_days` from today (overdue first within each
    kind); goals and opportunities only once past their date. Contacts and
    standing meetings come due every few weeks, so Today lists them once due;
    a `calendar` wants them `soon_days` ahead too."""
    today = today or date.today()
    soon = today + timedelta(days=soon_days)
    ahead = soon_days if calendar else 0
    accounts = {stored_id(a): a for a in session.exec(select(Account))}
    items: list[TodayItem] = []
    items += _actions(session, accounts, today, soon)
    items += _contacts(session, accounts, today, ahead)
    items += _meetings(session, accounts, today, ahead)
    items += _renewals(session, accounts, today, soon_days)
    items += _reviews(accounts.values(), today, soon)
    items += _questions(session, accounts, today, soon)
    items += _goals(session, accounts, today)
    items += _opportunities(session, accounts, today)
    order = {k: i for i, k in enumerate(KINDS)}
    items.sort(key=lambda i: (order[i.kind], i.due or date.min, i.account.casefold(), i.text))
    return items


def _actions(session: Session, accounts: dict[int, Account], today: date, soon: date) -> list[TodayItem]:
    rows = session.exec(
        select(Action, Goal)
        .join(Goal, col(Action.goal_id) == col(Goal.id))
        .where(
            col(Action.due_date).is_not(None),
            col(Action.due_date) <= soon,
            col(Action.status).in_([s for s in ActionStatus if not s.is_closed]),
        )
    )
    out = []
    for action, goal in rows:
        if action.due_date is None:  # the query asks for dated actions only
            continue
        late = (today - action.due_date).days
        out.append(
            TodayItem(
                "action_overdue" if late > 0 else "action_due",
                goal.account_id,
                accounts[goal.account_id].name,
                action.text,
                action.due_date,
                late,
                action.owner or goal.owner,
                action.id,
            )
        )
    return out


def _contacts(session: Session, accounts: dict[int, Account], today: date, ahead: int) -> list[TodayItem]:
    reader = session_reader(session)
    people: list[StakeholderRow] = read_rows(reader, StakeholderRow)
    logged = {
        person: day if isinstance(day, date) else date.fromisoformat(day)
        for person, day in reader.rows(
            "SELECT stakeholder_id, MAX(happened_on) FROM interaction GROUP BY stakeholder_id"
        )
    }
    states = contact_states(people, logged, rhythms_from(stored_settings(session)))
    out = []
    for person in people:
        state = states[person.id]
        if person.account_id not in accounts or not state.is_due(today, ahead):
            continue
        account = accounts[person.account_id]
        since = state.days_since(today)
        what = person.name + (f" ({person.title})" if person.title else "")
        what += ": no contact on record" if since is None else f": last contact {since} days ago"
        out.append(
            TodayItem(
                "contact_due",
                person.account_id,
                account.name,
                what,
                state.due_on,
                _late(today, state.due_on),
                account.owner,
                person.id,
            )
        )
    return out


def _meetings(session: Session, accounts: dict[int, Account], today: date, ahead: int) -> list[TodayItem]:
    reader = session_reader(session)
    held: dict[int, list[Any]] = {}
    for account_id, level, day in reader.rows(
        "SELECT s.account_id, i.level, MAX(i.happened_on) FROM interaction i"
        " JOIN stakeholder s ON s.id = i.stakeholder_id WHERE i.level IS NOT NULL GROUP BY s.account_id, i.level"
    ):
        held.setdefault(account_id, []).append(
            _Held(MeetingKind(level), day if isinstance(day, date) else date.fromisoformat(day))
        )
    reviews: dict[int, list[Any]] = {}
    for account_id, kind, day in reader.rows(
        "SELECT account_id, kind, MAX(held_on) FROM review GROUP BY account_id, kind"
    ):
        reviews.setdefault(account_id, []).append(
            _ReviewHeld(MeetingKind(kind), day if isinstance(day, date) else date.fromisoformat(day))
        )
    by_account: dict[int, list[Meeting]] = {}
    for meeting in session.exec(select(Meeting)):
        by_account.setdefault(meeting.account_id, []).append(meeting)
    out = []
    for account_id, meetings in by_account.items():
        account = accounts[account_id]
        levels = last_held_by_level(held.get(account_id, []), reviews.get(account_id, []))
        for due in meeting_dues(meetings, levels):
            if not due.is_due(today, ahead):
                continue
            last = f"last held {due.last_held.isoformat()}" if due.last_held else "none held yet"
            out.append(
                TodayItem(
                    "meeting_due",
                    account_id,
                    account.name,
                    f"{due.meeting.kind.label} meeting, {due.meeting.frequency.label.lower()} ({last})",
                    due.next_due,
                    _late(today, due.next_due),
                    account.owner,
                    due.meeting.id,
                )
            )
    return out


def _renewals(session: Session, accounts: dict[int, Account], today: date, ahead: int) -> list[TodayItem]:
    out = []
    for contract in session.exec(select(Contract).where(col(Contract.ends_on).is_not(None))):
        if not is_renewal_due(contract, today, ahead) or contract.ends_on is None:
            continue
        account = accounts[contract.account_id]
        deadline = notice_by(contract)
        out.append(
            TodayItem(
                "renewal_due",
                contract.account_id,
                account.name,
                f"Renewal of {contract.name}: notice by {deadline.isoformat() if deadline else '?'}, "
                f"ends {contract.ends_on.isoformat()}",
                deadline,
                _late(today, deadline),
                account.owner,
                contract.id,
            )
        )
    return out


def _reviews(accounts: Iterable[Account], today: date, soon: date) -> list[TodayItem]:
    out = []
    for account in accounts:
        # a review is due for key accounts, and for any account already on a review rhythm
        if account.tier.is_key or account.last_review is not None:
            due = next_review(account, today)
            if due.due is not None and due.due <= soon:
                what = (
                    f"{account.review_cadence.label} review (last {account.last_review.isoformat()})"
                    if account.last_review
                    else f"{account.review_cadence.label} review (none logged yet)"
                )
                out.append(
                    TodayItem(
                        "review_due", stored_id(account), account.name, what, due.due, due.days_overdue, account.owner
                    )
                )
        rev = account.next_plan_revision
        if rev is not None and rev <= soon:
            out.append(
                TodayItem(
                    "revision_due",
                    stored_id(account),
                    account.name,
                    "Revise the written plan",
                    rev,
                    (today - rev).days,
                    account.owner,
                )
            )
    return out


def _questions(session: Session, accounts: dict[int, Account], today: date, soon: date) -> list[TodayItem]:
    answers = session.exec(
        select(QuestionAnswer).where(
            QuestionAnswer.status == QuestionStatus.UNKNOWN,
            col(QuestionAnswer.due_date).is_not(None),
            col(QuestionAnswer.due_date) <= soon,
        )
    )
    out = []
    for qa in answers:
        if qa.due_date is None or qa.account_id not in accounts:
            continue
        question = BY_KEY.get(qa.question_key)
        out.append(
            TodayItem(
                "question_due",
                qa.account_id,
                accounts[qa.account_id].name,
                question.text if question else qa.question_key,
                qa.due_date,
                (today - qa.due_date).days,
                qa.finder,
                ref=qa.question_key,
            )
        )
    return out


def _goals(session: Session, accounts: dict[int, Account], today: date) -> list[TodayItem]:
    rows = session.exec(
        select(Goal).where(
            col(Goal.target_date).is_not(None),
            col(Goal.target_date) < today,
            col(Goal.status).in_([s for s in GoalStatus if not s.is_closed]),
        )
    )
    out = []
    for goal in rows:
        if goal.target_date is None:
            continue
        out.append(
            TodayItem(
                "goal_overdue",
                goal.account_id,
                accounts[goal.account_id].name,
                goal.text,
                goal.target_date,
                (today - goal.target_date).days,
                goal.owner,
                goal.id,
            )
        )
    return out


def _opportunities(session: Session, accounts: dict[int, Account], today: date) -> list[TodayItem]:
    rows = session.exec(
        select(Opportunity).where(
            Opportunity.status == OpportunityStatus.OPEN,
            col(Opportunity.expected_close).is_not(None),
            col(Opportunity.expected_close) < today,
        )
    )
    out = []
    for opp in rows:
        if opp.expected_close is None:
            continue
        account = accounts[opp.account_id]
        out.append(
            TodayItem(
                "opportunity_overdue",
                opp.account_id,
                account.name,
                opp.name,
                opp.expected_close,
                (today - opp.expected_close).days,
                account.owner,
                opp.id,
            )
        )
    return out
