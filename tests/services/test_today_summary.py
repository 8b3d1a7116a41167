"""A long Today counted and cut short: today_summary gives each kind's count
and its first items without building the rest, and that must be exactly
what the complete list (today_items, which the rules decide item by item)
holds: the same count, the same first items in the same order. Each kind is
stated a second time in SQL for that (kam_tui/store/due.py), so these tests
are what holds the two statements together, on worlds made to have ties on
a day, several rows of one account on the boundary, names that sort
differently by case, accent or collation, and every branch of the contact
and review rules; on a file and on a server that sorts text the way people
do."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import Session

from kam_tui.db import new_session, open_database
from kam_tui.models import (
    Account,
    Action,
    Contract,
    Goal,
    Interaction,
    Meeting,
    Opportunity,
    QuestionAnswer,
    Setting,
    Stakeholder,
)
from kam_tui.questions import QUESTIONS
from kam_tui.services.today import KINDS, today_items, today_summary
from kam_tui.store.location import Location
from kam_tui.text import name_key
from kam_tui.vocabulary import (
    ActionStatus,
    Cadence,
    ContactStrength,
    Frequency,
    GoalStatus,
    Horizon,
    Influence,
    MeetingKind,
    OpportunityStatus,
    QuestionStatus,
    Tier,
)

TODAY = date(2026, 11, 23)
# names whose order differs between code points, case-folding and a person's
# collation (Ärla beside Apple), and two spellings of one letter
NAMES = ["apple", "Ärla", "Zeta", "émile", "Émile AB", "beta", "Beta Two", "ölund", "Oslo", "zebra", "ABBA", "Ångström"]


def _day(rng: random.Random, spread: int = 12) -> date:
    # few distinct days, so many items tie on one
    return TODAY + timedelta(days=rng.randint(-spread, spread // 2))


def _edge(rng: random.Random, days: list[int], shift: int = 0) -> date:
    # a date a rhythm or cadence away from today, or a day either side: where `<` and `<=` differ
    return TODAY - timedelta(days=rng.choice(days) - shift + rng.choice([-1, 0, 0, 1]))


RHYTHMS = [7, 10, 14, 20, 30, 40, 45, 60, 90]  # every rhythm the worlds use


def build_world(session: Session, seed: int, tag: str = "") -> None:
    rng = random.Random(seed)
    if seed % 2 and not tag:  # the user's own rhythms
        session.add(Setting(key="contact_rhythm_high", value=str(rng.choice([7, 14, 45]))))
        session.add(Setting(key="contact_rhythm_low", value="20"))
    for n, name in enumerate(f"{name}{tag}" for name in NAMES):
        made = datetime.combine(_day(rng, 120), time(rng.randint(0, 23), 30), tzinfo=UTC)
        account = Account(
            name=name,
            name_key=name_key(name),
            owner=rng.choice(["", "Ana", "Bo"]),
            tier=rng.choice(list(Tier)),
            review_cadence=rng.choice(list(Cadence)),
            last_review=rng.choice([None, _day(rng, 100), _edge(rng, [c.days for c in Cadence], shift=7)]),
            next_plan_revision=rng.choice([None, None, _day(rng)]),
            created_at=made,
        )
        session.add(account)
        session.flush()
        assert account.id is not None
        people = []
        for p in range(rng.randint(0, 6)):
            person = Stakeholder(
                account_id=account.id,
                name=rng.choice(["Kim", "Lee", "Ana", "Kim"]) + ("" if p % 3 else f" {p}"),
                title=rng.choice(["", "CFO", "CTO"]),
                influence=rng.choice(list(Influence)),
                contact_strength=rng.choice(list(ContactStrength)),
                last_contact=rng.choice([None, _day(rng, 120), _edge(rng, RHYTHMS)]),
                contact_rhythm_days=rng.choice([None, None, 0, 10, 40]),
            )
            session.add(person)
            people.append(person)
        session.flush()
        for person in people:
            for _ in range(rng.choice([0, 0, 1, 3])):
                assert person.id is not None
                session.add(
                    Interaction(stakeholder_id=person.id, happened_on=rng.choice([_day(rng, 120), _edge(rng, RHYTHMS)]))
                )
        for g in range(rng.randint(0, 3)):
            goal = Goal(
                account_id=account.id,
                horizon=rng.choice(list(Horizon)),
                text=f"Goal {g}",
                owner=rng.choice(["", "Cy"]),
                target_date=rng.choice([None, _day(rng)]),
                status=rng.choice(list(GoalStatus)),
            )
            session.add(goal)
            session.flush()
            assert goal.id is not None
            for a in range(rng.randint(0, 6)):
                session.add(
                    Action(
                        goal_id=goal.id,
                        text=rng.choice(["Call", "call", "Écrire", "Send deck", "Call"]) + f" {a % 2}",
                        owner=rng.choice(["", "Dee"]),
                        due_date=rng.choice([None, _day(rng)]),
                        status=rng.choice(list(ActionStatus)),
                    )
                )
        for question in rng.sample(QUESTIONS, 4):
            session.add(
                QuestionAnswer(
                    account_id=account.id,
                    question_key=question.key,
                    status=rng.choice([QuestionStatus.UNKNOWN, QuestionStatus.UNKNOWN, QuestionStatus.ANSWERED]),
                    finder=rng.choice(["", "Eve"]),
                    due_date=rng.choice([None, _day(rng)]),
                )
            )
        for o in range(rng.randint(0, 2)):
            session.add(
                Opportunity(
                    account_id=account.id,
                    name=f"Deal {o}",
                    status=rng.choice(list(OpportunityStatus)),
                    expected_close=rng.choice([None, _day(rng)]),
                )
            )
        if n % 4 == 0:
            session.add(Meeting(account_id=account.id, kind=MeetingKind.TACTICAL, frequency=Frequency.MONTHLY))
            session.add(Contract(account_id=account.id, name="Frame", ends_on=_day(rng, 200), notice_months=3))
    session.commit()


def as_seen(items) -> list[dict]:
    return [i.as_json() for i in items]


def assert_summary_is_the_lists_start(session: Session, first: int, soon_days: int = 7) -> int:
    items = today_items(session, TODAY, soon_days)
    by_kind: dict[str, list] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    summary = today_summary(session, TODAY, soon_days, first=first, late=True)
    assert [s.kind for s in summary] == [k for k in KINDS if k in by_kind]
    for group in summary:
        complete = by_kind[group.kind]
        assert group.count == len(complete), group.kind
        assert as_seen(group.first) == as_seen(complete[:first]), group.kind
        # the app's "N overdue": past their day, whichever the first shown
        assert group.late == sum(1 for i in complete if i.days_overdue > 0), group.kind
    return len(items)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world_engine(request, tmp_path):
    """A file, or a database on the server that sorts text as people do (not by code point)."""
    if request.param == "sqlite":
        engine = open_database(tmp_path / "kam.db")
    else:
        engine = open_database(Location(url=request.getfixturevalue("new_pg_database")(icu="en")))
    yield engine
    engine.dispose()


@pytest.mark.parametrize("seed", range(6))
def test_each_kinds_count_and_first_items_are_the_complete_lists(world_engine, seed):
    with new_session(world_engine) as s:
        build_world(s, seed)
    with new_session(world_engine) as s:
        total = 0
        for first in (1, 2, 3, 5, 8, 400):
            total = assert_summary_is_the_lists_start(s, first)
        assert total > 30, "the world has plenty due"
        assert_summary_is_the_lists_start(s, 4, soon_days=0)


def test_the_worlds_reach_every_branch_of_the_rules(tmp_path):
    """The worlds above are only a check if the kinds they hold are there."""
    engine = open_database(tmp_path / "kam.db")
    kinds: set[str] = set()
    no_date = 0
    with new_session(engine) as s:
        for seed in range(6):
            build_world(s, seed, tag=f" {seed}")
        items = today_items(s, TODAY)
        kinds = {i.kind for i in items}
        no_date = sum(1 for i in items if i.kind == "contact_due" and i.due is None)
        own = [i for i in items if i.kind == "contact_due" and i.due is not None]
    engine.dispose()
    assert kinds == set(KINDS)
    assert no_date and own


def test_on_the_demo_the_summary_holds_every_item(tmp_path):
    from kam_tui.services import demo

    engine = open_database(tmp_path / "kam.db")
    with new_session(engine) as s:
        demo.seed_demo(s, today=TODAY)
    with new_session(engine) as s:
        total = assert_summary_is_the_lists_start(s, 50)
        assert total >= 10
        assert_summary_is_the_lists_start(s, 1)
    engine.dispose()


def test_a_day_thousands_share_is_cut_the_same_way(tmp_path):
    """Past a couple of thousand items on one day (or with no date) the
    database reads accounts in name order instead of sorting them all: the
    first items must still be the complete list's."""
    engine = open_database(tmp_path / "kam.db")
    rng = random.Random(5)
    with new_session(engine) as s:
        names = [f"{rng.choice(['a', 'A', 'ä', 'Ä', 'b', 'é'])}{n:04d}" for n in range(300)]
        rng.shuffle(names)
        for name in names:
            account = Account(name=name, name_key=name_key(name))
            s.add(account)
            s.flush()
            assert account.id is not None
            goal = Goal(account_id=account.id, horizon=Horizon.SHORT, text="Grow")
            s.add(goal)
            s.flush()
            assert goal.id is not None
            s.add_all(
                Action(goal_id=goal.id, text=f"Call {i % 3}", due_date=TODAY - timedelta(days=3)) for i in range(8)
            )
            s.add_all(
                Stakeholder(
                    account_id=account.id,
                    name=f"Person {i % 2}",
                    influence=Influence.HIGH,
                    contact_strength=ContactStrength.NONE,
                )
                for i in range(8)
            )
        s.commit()
    with new_session(engine) as s:
        counts = {g.kind: g.count for g in today_summary(s, TODAY, first=1)}
        assert counts == {"action_overdue": 2400, "contact_due": 2400}
        for first in (1, 7, 20):
            assert_summary_is_the_lists_start(s, first)
    engine.dispose()
