"""On the demo data (when the demo is in the build): `kam today --json` lists the demo's
overdue actions and due reviews, as the database itself says they are and as the
demo was written to show them, the most urgent first."""

import json
from datetime import date, timedelta

from sqlmodel import select

from kam_tui.db import new_session, open_database
from kam_tui.models import Account, Action
from kam_tui.services import demo


def test_kam_today_on_the_demo(kam, db_path):
    made = kam("init", "--demo", db=db_path)
    assert made.returncode == 0, made.stderr
    result = kam("today", "--json", db=db_path)
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    today = date.today()
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
    assert {i["text"] for i in items if i["kind"] == "overdue_action"} == late
    assert {i["account"] for i in items if i["kind"] == "review_due"} == due_reviews
    for i in items:
        assert set(i) >= {"kind", "account", "text", "due", "days_overdue", "owner"}
        assert i["due"] is None or date.fromisoformat(i["due"])


# What the demo is built to show (services/demo.py), written out by hand.
OVERDUE = {
    (demo.BANK, "Ask Erik Sandberg to introduce us to Karin Ek"),
    (demo.BANK, "Prepare a one-page cost case for the platform"),
    (demo.MAKER, "Collect pilot uptime figures from Ulm"),
    (demo.MAKER, "Meet the works council on data use"),
}


def test_kam_today_json_lists_the_demos_overdue_actions_and_due_review(kam, db_path):
    assert kam("init", "--demo", db=db_path).returncode == 0
    out = kam("today", "--json", db=db_path)
    assert out.returncode == 0, out.stderr
    items = json.loads(out.stdout)
    overdue = {(i["account"], i["text"]) for i in items if i["kind"] == "overdue_action"}
    assert OVERDUE <= overdue, OVERDUE - overdue
    assert all(i["days_overdue"] > 0 for i in items if i["kind"] == "overdue_action")
    reviews = [i for i in items if i["kind"] == "review_due"]
    assert [r["account"] for r in reviews] == [demo.MAKER]  # monthly cadence, last review six weeks ago
    assert "Monthly review" in reviews[0]["text"]
    # the list is ordered by urgency: overdue actions before what is merely due soon
    kinds = [i["kind"] for i in items]
    assert kinds.index("overdue_action") < kinds.index("action_due")
