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

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from kam_tui import clock
from kam_tui.questions import BY_KEY
from kam_tui.rules.contacts import contact_states, rhythms_from
from kam_tui.rules.contracts import is_renewal_due, notice_by
from kam_tui.rules.meetings import last_held_by_level, meeting_dues
from kam_tui.rules.reviews import next_review
from kam_tui.store import due as reads
from kam_tui.store.plans import ContractRow, GoalRow, MeetingRow, OpportunityRow, QuestionAnswerRow
from kam_tui.store.reader import Reader, as_reader
from kam_tui.text import name_key
from kam_tui.vocabulary import Influence, MeetingKind

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

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
FIRST = 20  # items of each kind today_summary gives unless told


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


Names = dict[int, tuple[str, str]]  # account id -> (name, owner)


def today_items(
    source: Session | Reader, today: date | None = None, soon_days: int = SOON_DAYS, *, calendar: bool = False
) -> list[TodayItem]:
    """Everything due by `soon_days` from today (overdue first within each
    kind); goals and opportunities only once past their date. Contacts and
    standing meetings come due every few weeks, so Today lists them once due;
    a `calendar` wants them `soon_days` ahead too.

    Reads through the store's Today reads (kam_tui/store/due.py), from a
    Session (the app) or a plain Reader (`kam today` on a file, without the ORM)."""
    reader = as_reader(source)
    today = today or clock.today()
    soon = today + timedelta(days=soon_days)
    ahead = soon_days if calendar else 0
    rhythms = rhythms_from(reads.settings(reader))
    names = reads.account_names(reader)
    items: list[TodayItem] = []
    items += _actions(reads.due_actions(reader, soon), names, today)
    items += _contacts(reads.people_due(reader, rhythms, today + timedelta(days=ahead)), rhythms, names, today, ahead)
    items += _meetings(reader, names, today, ahead)
    items += _renewals(reader, names, today, soon_days)
    items += _reviews(reads.accounts_due(reader, soon), today, soon)
    items += _questions(reads.questions_due(reader, soon), names, today)
    items += _goals(reads.goals_late(reader, today), names, today)
    items += _opportunities(reads.opportunities_late(reader, today), names, today)
    _in_order(items)
    return items


@dataclass
class KindDue:
    """One kind of Today: how many are due, and the first of them."""

    kind: str
    count: int
    first: list[TodayItem]
    late: int | None = None  # how many are past their day, when asked for

    @property
    def title(self) -> str:
        return KINDS[self.kind]


def today_summary(
    source: Session | Reader,
    today: date | None = None,
    soon_days: int = SOON_DAYS,
    first: int | Mapping[str, int] = FIRST,
    *,
    late: bool = False,
) -> list[KindDue]:
    """Each kind that has something due, with its count and its first `first`
    items (a number for every kind, or one per kind, FIRST for one not named):
    the same items, in the same order, that today_items lists first, without
    building the rest (at 100,000 accounts Today holds half a million items).
    The database counts and picks them (kam_tui/store/due.py states each kind
    in SQL), and the rules build and order the few it picks. With `late`,
    each kind also says how many are past their day (a few more counts)."""
    firsts = {kind: first if isinstance(first, int) else first.get(kind, FIRST) for kind in KINDS}
    reader = as_reader(source)
    today = today or clock.today()
    soon = today + timedelta(days=soon_days)
    rhythms = rhythms_from(reads.settings(reader))
    dialect = reader.dialect
    kinds = {
        "action_overdue": reads.actions_due(today - timedelta(days=1)),
        "action_due": reads.actions_due(soon, since=today),
        "contact_due": reads.contacts_due(dialect, rhythms, today),
        "review_due": reads.reviews_due(dialect, today, soon),
        "revision_due": reads.revisions_due(soon),
        "question_due": reads.questions_due_by(soon),
        "goal_overdue": reads.goals_past(today),
        "opportunity_overdue": reads.opportunities_past(today),
    }
    counts = {kind: reads.count(reader, due) for kind, due in kinds.items() if kind != "contact_due"}
    # the people never contacted are counted once, for the count and for picking the first
    no_date = reads.undated_count(reader, kinds["contact_due"])
    counts["contact_due"] = no_date + reads.count(reader, kinds["contact_due"], dated=True)

    def rows(kind: str, read: Callable[[reads.Due, int], list[Any]]) -> list[Any]:
        return read(kinds[kind], firsts[kind]) if counts[kind] else []

    actions = rows("action_overdue", lambda k, n: reads.first_actions(reader, k, n))
    actions += rows("action_due", lambda k, n: reads.first_actions(reader, k, n))
    people = rows("contact_due", lambda k, n: reads.first_people(reader, k, n, no_date))
    # an account can be among the first of both, and gives both its items each time
    accounts = list(
        {
            a.id: a
            for a in rows("review_due", lambda k, n: reads.first_accounts(reader, k, n))
            + rows("revision_due", lambda k, n: reads.first_accounts(reader, k, n))
        }.values()
    )
    questions = rows("question_due", lambda k, n: reads.first_rows(reader, k, QuestionAnswerRow, "q", n))
    goals = rows("goal_overdue", lambda k, n: reads.first_rows(reader, k, GoalRow, "g", n))
    opportunities = rows("opportunity_overdue", lambda k, n: reads.first_rows(reader, k, OpportunityRow, "o", n))
    meetings = reads.meetings(reader)  # a few per key account: read whole, the rule decides
    contracts = reads.dated_contracts(reader)
    ids = {r.account_id for r in [*actions, *people, *questions, *goals, *opportunities, *meetings, *contracts]}
    names = reads.account_names(reader, ids)
    items = _actions(actions, names, today)
    items += _contacts(people, rhythms, names, today, 0)
    items += _meetings(reader, names, today, 0, meetings)
    items += _renewals(reader, names, today, soon_days, contracts)
    items += _reviews(accounts, today, soon)
    items += _questions(questions, names, today)
    items += _goals(goals, names, today)
    items += _opportunities(opportunities, names, today)
    _in_order(items)
    past = _late_counts(reader, today, rhythms, counts) if late else {}
    # meetings and renewals were read whole: their count is what was found, their late ones too
    return [
        KindDue(
            group.kind,
            counts.get(group.kind, group.count),
            group.first[: firsts[group.kind]],
            past.get(group.kind, sum(1 for i in group.first if i.days_overdue > 0)) if late else None,
        )
        for group in grouped(items)
    ]


def _late_counts(reader: Reader, today: date, rhythms: dict[Influence, int], counts: dict[str, int]) -> dict[str, int]:
    """How many of each kind are past their day: due by yesterday (a person
    never contacted has no day, so is never late)."""
    yesterday = today - timedelta(days=1)
    dialect = reader.dialect
    by_yesterday = {
        "contact_due": reads.contacts_due(dialect, rhythms, yesterday),
        "review_due": reads.reviews_due(dialect, today, yesterday),
        "revision_due": reads.revisions_due(yesterday),
        "question_due": reads.questions_due_by(yesterday),
    }
    late = {kind: counts[kind] for kind in ("action_overdue", "goal_overdue", "opportunity_overdue")}
    late["action_due"] = 0
    for kind, due in by_yesterday.items():
        late[kind] = reads.count(reader, due, dated=True) if counts[kind] else 0
    return late


def grouped(items: list[TodayItem]) -> list[KindDue]:
    """today_items by kind, every item of each (`kam today --all`)."""
    by_kind: dict[str, list[TodayItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    return [KindDue(kind, len(by_kind[kind]), by_kind[kind]) for kind in KINDS if kind in by_kind]


class _Folded(dict[str, str]):
    """Account name -> the key names are compared by (text.name_key), each worked out once."""

    def __missing__(self, name: str) -> str:
        key = self[name] = name_key(name)
        return key


_ORDER = {kind: i for i, kind in enumerate(KINDS)}


def _in_order(items: list[TodayItem]) -> None:
    """Each kind together, then no date first, the earliest, by account name
    (as the database compares them: store/due.py picks the first items in
    this order) and by text."""
    folded = _Folded()
    items.sort(key=lambda i: (_ORDER[i.kind], i.due or date.min, folded[i.account], i.text))


def _actions(actions: list[reads.DueAction], names: Names, today: date) -> list[TodayItem]:
    out = []
    for action in actions:
        late = (today - action.due_date).days
        out.append(
            TodayItem(
                "action_overdue" if late > 0 else "action_due",
                action.account_id,
                names[action.account_id][0],
                action.text,
                action.due_date,
                late,
                action.owner,
                action.id,
            )
        )
    return out


def _contacts(
    people: list[reads.PersonDue], rhythms: dict[Influence, int], names: Names, today: date, ahead: int
) -> list[TodayItem]:
    states = contact_states(people, {p.id: p.logged for p in people if p.logged is not None}, rhythms)
    out = []
    for person in people:
        state = states[person.id]
        if person.account_id not in names or not state.is_due(today, ahead):
            continue
        account, owner = names[person.account_id]
        since = state.days_since(today)
        what = person.name + (f" ({person.title})" if person.title else "")
        what += ": no contact on record" if since is None else f": last contact {since} days ago"
        out.append(
            TodayItem(
                "contact_due",
                person.account_id,
                account,
                what,
                state.due_on,
                _late(today, state.due_on),
                owner,
                person.id,
            )
        )
    return out


def _meetings(
    reader: Reader, names: Names, today: date, ahead: int, structure: list[MeetingRow] | None = None
) -> list[TodayItem]:
    structure = reads.meetings(reader) if structure is None else structure
    if not structure:
        return []
    held: dict[int, list[Any]] = {}
    for account_id, level, day in reads.levels_held(reader):
        held.setdefault(account_id, []).append(_Held(level, day))
    reviews: dict[int, list[Any]] = {}
    for account_id, kind, day in reads.reviews_held(reader):
        reviews.setdefault(account_id, []).append(_ReviewHeld(kind, day))
    by_account: dict[int, list[Any]] = {}
    for meeting in structure:
        by_account.setdefault(meeting.account_id, []).append(meeting)
    out = []
    for account_id, meetings in by_account.items():
        account, owner = names[account_id]
        levels = last_held_by_level(held.get(account_id, []), reviews.get(account_id, []))
        for due in meeting_dues(meetings, levels):
            if not due.is_due(today, ahead):
                continue
            last = f"last held {due.last_held.isoformat()}" if due.last_held else "none held yet"
            out.append(
                TodayItem(
                    "meeting_due",
                    account_id,
                    account,
                    f"{due.meeting.kind.label} meeting, {due.meeting.frequency.label.lower()} ({last})",
                    due.next_due,
                    _late(today, due.next_due),
                    owner,
                    due.meeting.id,
                )
            )
    return out


def _renewals(
    reader: Reader, names: Names, today: date, ahead: int, contracts: list[ContractRow] | None = None
) -> list[TodayItem]:
    out = []
    for contract in reads.dated_contracts(reader) if contracts is None else contracts:
        if not is_renewal_due(contract, today, ahead) or contract.ends_on is None:
            continue
        account, owner = names[contract.account_id]
        deadline = notice_by(contract)
        out.append(
            TodayItem(
                "renewal_due",
                contract.account_id,
                account,
                f"Renewal of {contract.name}: notice by {deadline.isoformat() if deadline else '?'}, "
                f"ends {contract.ends_on.isoformat()}",
                deadline,
                _late(today, deadline),
                owner,
                contract.id,
            )
        )
    return out


def _reviews(accounts: list[reads.AccountDue], today: date, soon: date) -> list[TodayItem]:
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
                    TodayItem("review_due", account.id, account.name, what, due.due, due.days_overdue, account.owner)
                )
        rev = account.next_plan_revision
        if rev is not None and rev <= soon:
            out.append(
                TodayItem(
                    "revision_due",
                    account.id,
                    account.name,
                    "Revise the written plan",
                    rev,
                    (today - rev).days,
                    account.owner,
                )
            )
    return out


def _questions(answers: list[QuestionAnswerRow], names: Names, today: date) -> list[TodayItem]:
    out = []
    for qa in answers:
        if qa.due_date is None or qa.account_id not in names:
            continue
        question = BY_KEY.get(qa.question_key)
        out.append(
            TodayItem(
                "question_due",
                qa.account_id,
                names[qa.account_id][0],
                question.text if question else qa.question_key,
                qa.due_date,
                (today - qa.due_date).days,
                qa.finder,
                ref=qa.question_key,
            )
        )
    return out


def _goals(goals: list[GoalRow], names: Names, today: date) -> list[TodayItem]:
    out = []
    for goal in goals:
        if goal.target_date is None:
            continue
        out.append(
            TodayItem(
                "goal_overdue",
                goal.account_id,
                names[goal.account_id][0],
                goal.text,
                goal.target_date,
                (today - goal.target_date).days,
                goal.owner,
                goal.id,
            )
        )
    return out


def _opportunities(opportunities: list[OpportunityRow], names: Names, today: date) -> list[TodayItem]:
    out = []
    for opp in opportunities:
        if opp.expected_close is None:
            continue
        account, owner = names[opp.account_id]
        out.append(
            TodayItem(
                "opportunity_overdue",
                opp.account_id,
                account,
                opp.name,
                opp.expected_close,
                (today - opp.expected_close).days,
                owner,
                opp.id,
            )
        )
    return out
