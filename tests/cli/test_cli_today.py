"""Today across all accounts: `kam today` as a user runs it, on crafted data and on
the demo (whose overdue actions and due reviews it must list as the database
itself says they are), and the service under it."""

import json
from datetime import date, timedelta

import pytest
from sqlmodel import select

from kam_tui import clock
from kam_tui.db import new_session, open_database
from kam_tui.models import Account, Action, QuestionAnswer, QuestionStatus
from kam_tui.questions import QUESTIONS
from kam_tui.services import accounts, demo, goals
from kam_tui.services.today import today_items

TODAY = date(2026, 11, 23)

# The demo's overdue actions (services/demo.py), written out by hand.
OVERDUE = {
    (demo.BANK, "Ask Erik Sandberg to introduce us to Karin Ek"),
    (demo.BANK, "Prepare a one-page cost case for the platform"),
    (demo.MAKER, "Collect pilot uptime figures from Ulm"),
    (demo.MAKER, "Meet the works council on data use"),
}


def craft(session, today):
    acme = accounts.create_account(session, "Acme", tier="existing_key", owner="Kim", review_cadence="monthly")
    accounts.update_account(
        session, acme.id, last_review=today - timedelta(days=40), next_plan_revision=today - timedelta(days=1)
    )
    g = goals.add_goal(session, acme.id, "short", "Meet the CTO", owner="Ann")
    goals.add_action(session, g.id, "Send the agenda", owner="Bo", due_date=today - timedelta(days=3))
    goals.add_action(session, g.id, "Book the room", due_date=today + timedelta(days=2))
    goals.add_action(session, g.id, "Far away", due_date=today + timedelta(days=30))
    goals.add_action(session, g.id, "Done already", due_date=today - timedelta(days=9), status="done")
    beta = accounts.create_account(session, "Beta", tier="candidate")  # not key, never reviewed: no review due
    session.add(
        QuestionAnswer(
            account_id=beta.id,
            question_key=QUESTIONS[0].key,
            status=QuestionStatus.UNKNOWN,
            finder="Cy",
            due_date=today - timedelta(days=5),
        )
    )
    session.add(
        QuestionAnswer(
            account_id=beta.id,
            question_key=QUESTIONS[1].key,
            status=QuestionStatus.ANSWERED,
            due_date=today - timedelta(days=5),
        )
    )
    session.commit()
    return acme, beta


def test_today_items_groups_and_days(session):
    acme, beta = craft(session, TODAY)
    items = today_items(session, TODAY)
    got = [(i.kind, i.account, i.text, i.days_overdue, i.owner) for i in items]
    assert got == [
        ("action_overdue", "Acme", "Send the agenda", 3, "Bo"),
        ("action_due", "Acme", "Book the room", -2, "Ann"),  # no owner on the action: the goal's owner
        ("review_due", "Acme", "Monthly review (last 2026-10-14)", 9, "Kim"),
        ("revision_due", "Acme", "Revise the written plan", 1, "Kim"),
        ("question_due", "Beta", QUESTIONS[0].text, 5, "Cy"),
    ]
    # the plan section by the key the workspace and the export know it by
    assert items[0].section == "goals" and items[2].section == "reviews"
    assert items[4].section == "questions" and items[4].account_id == beta.id


def test_kam_today_json(kam, database, session):
    today = clock.today()
    craft(session, today)
    result = kam("today", "--json", db=database)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(d["kind"], d["account"], d["text"]) for d in data][:2] == [
        ("action_overdue", "Acme", "Send the agenda"),
        ("action_due", "Acme", "Book the room"),
    ]
    first = data[0]
    assert first["due"] == (today - timedelta(days=3)).isoformat()
    assert first["days_overdue"] == 3 and first["owner"] == "Bo"
    assert {d["kind"] for d in data} == {
        "action_overdue",
        "action_due",
        "review_due",
        "revision_due",
        "question_due",
    }
    text = kam("today", db=database)
    assert text.returncode == 0
    assert "Overdue actions (1)" in text.stdout and "Acme: Send the agenda  [Bo]" in text.stdout
    assert "3d late" in text.stdout


def test_kam_today_refuses_a_missing_database(kam, tmp_path):
    result = kam("today", db=tmp_path / "nope.db")
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert not (tmp_path / "nope.db").exists()


def test_kam_today_on_the_demo(kam, db_path):
    made = kam("init", "--demo", db=db_path)
    assert made.returncode == 0, made.stderr
    result = kam("today", "--json", db=db_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    today = clock.today()
    engine = open_database(db_path)
    with new_session(engine) as s:
        late = {a.text for a in s.exec(select(Action)) if not a.status.is_closed and a.due_date and a.due_date < today}
        due_reviews = set()
        for acc in s.exec(select(Account)):
            if acc.last_review and acc.last_review + timedelta(days=acc.review_cadence.days) <= today + timedelta(
                days=7
            ):
                due_reviews.add(acc.name)
    engine.dispose()
    assert late, "the demo has overdue actions"
    assert due_reviews, "the demo has a review due"
    assert {i["text"] for i in items if i["kind"] == "action_overdue"} == late
    assert {i["account"] for i in items if i["kind"] == "review_due"} == due_reviews
    for i in items:
        assert set(i) >= {"kind", "account", "text", "due", "days_overdue", "owner"}
        assert i["due"] is None or date.fromisoformat(i["due"])


def test_kam_today_json_lists_the_demos_overdue_actions_and_due_review(kam, db_path):
    assert kam("init", "--demo", db=db_path).returncode == 0
    out = kam("today", "--json", db=db_path)
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    overdue = {(i["account"], i["text"]) for i in items if i["kind"] == "action_overdue"}
    assert OVERDUE <= overdue, OVERDUE - overdue
    assert all(i["days_overdue"] > 0 for i in items if i["kind"] == "action_overdue")
    reviews = [i for i in items if i["kind"] == "review_due"]
    assert [r["account"] for r in reviews] == [demo.MAKER]  # monthly cadence, last review six weeks ago
    assert "Monthly review" in reviews[0]["text"]
    # the list is ordered by urgency: overdue actions before what is merely due soon
    kinds = [i["kind"] for i in items]
    assert kinds.index("action_overdue") < kinds.index("action_due")


def many_late(session, today, n):
    """One account with `n` overdue actions, a day apart, and one due soon."""
    acme = accounts.create_account(session, "Acme", owner="Kim")
    g = goals.add_goal(session, acme.id, "short", "Win the renewal")
    for i in range(n):
        goals.add_action(session, g.id, f"Step {i:02d}", due_date=today - timedelta(days=n - i))
    goals.add_action(session, g.id, "Book the room", due_date=today + timedelta(days=2))


def test_kam_today_shows_each_kinds_count_and_its_first_items(kam, database, session):
    today = clock.today()
    many_late(session, today, 25)
    out = kam("today", "--limit", "3", db=database)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    start = lines.index("Overdue actions (25)")
    # the most overdue first, then how many more and how to see them
    assert [line.split(": ", 1)[1] for line in lines[start + 1 : start + 4]] == ["Step 00", "Step 01", "Step 02"]
    assert lines[start + 4] == "  … and 22 more (--all lists every item)"
    assert "Actions due soon (1)" in lines and "more (--all" not in "\n".join(lines[start + 5 :])
    # by default twenty of each; --all every one, as the JSON has them
    default = kam("today", db=database).stdout
    assert "Acme: Step 19" in default and "Acme: Step 20" not in default and "… and 5 more" in default
    every = kam("today", "--all", db=database).stdout
    assert "Acme: Step 24" in every and "more (--all" not in every
    assert every.count("Acme: Step ") == 25 and "Acme: Book the room" in every


def test_kam_today_table_cut_short_is_the_start_of_the_whole_one(kam, kam_demo_db):
    """On the demo everything fits: the table and --all are the same bytes."""
    short = kam("today", db=kam_demo_db)
    assert short.returncode == 0, short.stderr
    assert short.stdout == kam("today", "--all", db=kam_demo_db).stdout
    one = kam("today", "--limit", "1", db=kam_demo_db).stdout
    assert one.count("more (--all lists every item)") >= 2  # the demo has several of a few kinds


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--limit", "0"], "--limit must be 1 or more (--all shows every item)"),
        (["--limit", "-2"], "--limit must be 1 or more"),
        (["--all", "--limit", "2"], "not allowed with argument"),
        (["--limit", "many"], "invalid int value: 'many'"),
    ],
)
def test_kam_today_refuses_a_limit_it_cannot_use(kam, kam_demo_db, args, said):
    out = kam("today", *args, db=kam_demo_db)
    assert out.returncode != 0 and said in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""
