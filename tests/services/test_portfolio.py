"""services/portfolio.py on a real database: the list's rows and the key-account limit."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from kam_tui.errors import ValidationError
from kam_tui.models import (
    Action,
    ActionStatus,
    Criterion,
    Goal,
    Horizon,
    Score,
    Stage,
    Tier,
)
from kam_tui.services import accounts, portfolio
from kam_tui.store.quick import engine_reader
from kam_tui.tui.screens.account_list import vocab_label

TODAY = date(2026, 6, 15)


def _goal_with_actions(session, account_id, *actions):
    goal = Goal(account_id=account_id, horizon=Horizon.SHORT, text="grow")
    session.add(goal)
    session.flush()
    for due, status in actions:
        session.add(Action(goal_id=goal.id, text="step", due_date=due, status=status))
    session.commit()


@pytest.fixture
def seeded(session):
    acme = accounts.create_account(
        session,
        "Acme",
        tier="existing_key",
        annual_revenue="SEK 40 000 000",
        owner="Ana",
        last_review=TODAY - timedelta(days=40),
        review_cadence="monthly",
    )
    beta = accounts.create_account(
        session, "Beta", tier="candidate", last_review=TODAY - timedelta(days=3), review_cadence="weekly"
    )
    gamma = accounts.create_account(session, "Gamma", tier="emerging_key")  # key, never reviewed
    c1 = Criterion(name="Revenue", name_key="revenue", weight=Decimal(2))
    c2 = Criterion(name="Fit", name_key="fit", weight=Decimal(1))
    session.add_all([c1, c2])
    session.flush()
    session.add_all(
        [
            Score(account_id=acme.id, criterion_id=c1.id, score=9),
            Score(account_id=acme.id, criterion_id=c2.id, score=3),
            Score(account_id=beta.id, criterion_id=c2.id, score=5),
        ]
    )
    session.commit()
    _goal_with_actions(
        session,
        acme.id,
        (TODAY - timedelta(days=2), ActionStatus.TODO),  # overdue
        (TODAY - timedelta(days=9), ActionStatus.DONE),  # done: not counted
        (TODAY + timedelta(days=5), ActionStatus.DOING),
    )
    _goal_with_actions(
        session,
        beta.id,
        (TODAY + timedelta(days=7), ActionStatus.TODO),
        (TODAY - timedelta(days=1), ActionStatus.DROPPED),
    )  # dropped: not counted
    return acme, beta, gamma


def test_rows_carry_every_figure(seeded, session):
    rows = {r.name: r for r in portfolio.account_rows(session, today=TODAY)}
    acme, beta, gamma = rows["Acme"], rows["Beta"], rows["Gamma"]
    assert acme.tier == "existing_key" and acme.stage == "strategy" and acme.owner == "Ana"
    assert acme.annual_revenue == Decimal(40_000_000) and acme.currency == "SEK"
    assert acme.score == pytest.approx((2 * 9 + 1 * 3) / 3)
    assert beta.score == pytest.approx(5.0)  # only the criterion scored counts
    assert gamma.score is None
    assert acme.next_due == TODAY - timedelta(days=2) and acme.has_overdue
    assert beta.next_due == TODAY + timedelta(days=7) and not beta.has_overdue
    assert gamma.next_due is None and not gamma.has_overdue
    assert acme.review_due  # 40 days since a monthly review
    assert not beta.review_due  # reviewed 3 days ago, weekly
    assert gamma.review_due  # key account never reviewed
    assert acme.flags == "⚠↻" and beta.flags == ""


def test_unreviewed_candidate_is_not_flagged(session):
    accounts.create_account(session, "Delta", tier="candidate")
    (row,) = portfolio.account_rows(session, today=TODAY)
    assert not row.review_due


def test_the_fast_read_and_the_session_give_the_same_rows(seeded, session, backend, db_path, engine):
    """The list reads a file through plain sqlite3 and a server through the
    engine; either way, the rows are those a session reads."""
    if backend == "sqlite":
        con = sqlite3.connect(db_path)
        try:
            fast = portfolio.account_rows(con, today=TODAY)
        finally:
            con.close()
    else:
        with engine_reader(engine) as reader:
            fast = portfolio.account_rows(reader, today=TODAY)
    assert fast == portfolio.account_rows(session, today=TODAY)
    assert [r.name for r in fast] == ["Acme", "Beta", "Gamma"]


def test_no_query_per_account(session, backend, db_path, engine):
    for i in range(30):
        accounts.create_account(session, f"Account {i}")
    statements: list[str] = []
    if backend == "sqlite":  # as the list reads a file: plain sqlite3
        con = sqlite3.connect(db_path)
        con.set_trace_callback(statements.append)
        try:
            rows = portfolio.account_rows(con)
        finally:
            con.close()
    else:
        from sqlalchemy import event

        event.listen(engine, "before_cursor_execute", lambda _c, _cur, sql, *_rest: statements.append(sql))
        with engine_reader(engine) as reader:
            rows = portfolio.account_rows(reader)
    assert len(rows) == 30
    assert len(statements) <= 3


def test_key_account_limit_default_set_and_checked(session):
    assert portfolio.get_key_account_limit(session) == 10
    assert portfolio.set_key_account_limit(session, " 7 ") == 7
    assert portfolio.get_key_account_limit(session) == 7
    for bad in ("0", "1000", "seven", "", "2.5"):
        with pytest.raises(ValidationError) as err:
            portfolio.set_key_account_limit(session, bad)
        assert err.value.field == "key account limit"
    assert portfolio.get_key_account_limit(session) == 7


def test_the_list_shows_vocabulary_labels_before_the_orm_is_loaded():
    for enum_cls in (Tier, Stage):
        for member in enum_cls:
            assert vocab_label(enum_cls.__name__, member.value) == member.label
    assert vocab_label("Tier", "no_such_tier") == "no_such_tier"
