from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kam_tui.errors import ValidationError
from kam_tui.export import reviews as reviews_export
from kam_tui.export.snapshot import plan_for
from kam_tui.models import Cadence, MeetingKind
from kam_tui.services import accounts, reviews

TODAY = date(2026, 11, 23)


@pytest.fixture
def acct(session):
    return accounts.create_account(session, "Acme", review_cadence="monthly")


@pytest.mark.parametrize(
    "text,label",
    [
        ("2026", "2026"),
        ("2026-q3", "2026-Q3"),
        ("Q3 2026", "2026-Q3"),
        ("2026-7", "2026-07"),
        ("2026-07", "2026-07"),
        ("2026 H2", "2026-H2"),
        ("2026Q1", "2026-Q1"),
    ],
)
def test_periods_are_normalised(text, label):
    assert reviews.parse_period(text).label == label


@pytest.mark.parametrize("text", ["", "26-Q3", "2026-Q5", "2026-13", "next year", "2026-H3"])
def test_bad_periods_say_what_is_accepted(text):
    with pytest.raises(ValidationError) as info:
        reviews.parse_period(text)
    assert info.value.field == "period"


def test_periods_sort_in_time_not_alphabetically():
    labels = ["2026-Q4", "2025", "2026-02", "2026-Q1", "2026-11"]
    assert sorted(labels, key=reviews.period_sort_key) == ["2025", "2026-Q1", "2026-02", "2026-Q4", "2026-11"]


def test_kpi_values_upsert_sort_and_met(session, acct):
    k = reviews.add_kpi(session, acct.id, "Revenue", unit="kEUR")
    churn = reviews.add_kpi(session, acct.id, "Churn", unit="%", higher_is_better=False)
    reviews.set_kpi_value(session, k.id, "2026-Q3", target="100", actual="90")
    reviews.set_kpi_value(session, k.id, "2026-q1", target="80", actual="85")
    reviews.set_kpi_value(session, k.id, "2026-Q3", target="100", actual="120")  # replaces
    values = reviews.kpi_values(session, k.id)
    assert [(v.period, v.actual) for v in values] == [("2026-Q1", Decimal("85")), ("2026-Q3", Decimal("120"))]
    assert reviews.met(k, values[-1]) is True
    cv = reviews.set_kpi_value(session, churn.id, "2026", target="5%", actual="7")
    assert reviews.met(churn, cv) is False
    with pytest.raises(ValidationError) as info:
        reviews.set_kpi_value(session, k.id, "2026-Q4", target="lots")
    assert info.value.field == "target"
    with pytest.raises(ValidationError) as info:
        reviews.add_kpi(session, acct.id, "revenue")
    assert info.value.field == "name"
    assert reviews.delete_kpi(session, k.id) == 2


def test_sparkline_follows_the_values():
    line = reviews.sparkline([Decimal(1), Decimal(5), None, Decimal(9)])
    assert line[0] == "▁" and line[-1] == "█" and line[2] == " " and len(line) == 4


def test_review_moves_last_review_forward_only(session, acct):
    reviews.add_review(session, acct.id, "2026-10-01", kind="internal", notes="ok", today=TODAY)
    assert accounts.get_account(session, acct.id).last_review == date(2026, 10, 1)
    reviews.add_review(session, acct.id, "2026-09-01", kind="strategic", today=TODAY)
    assert accounts.get_account(session, acct.id).last_review == date(2026, 10, 1)
    newest = reviews.add_review(session, acct.id, "2026-11-20", today=TODAY)
    assert accounts.get_account(session, acct.id).last_review == date(2026, 11, 20)
    reviews.delete_review(session, newest.id)
    assert accounts.get_account(session, acct.id).last_review == date(2026, 10, 1)
    with pytest.raises(ValidationError) as info:
        reviews.add_review(session, acct.id, "2026-12-24", today=TODAY)
    assert info.value.field == "date" and "future" in info.value.reason
    assert [r.held_on for r in reviews.list_reviews(session, acct.id)] == [date(2026, 10, 1), date(2026, 9, 1)]


def test_next_review_is_last_plus_cadence(session, acct):
    a = accounts.update_account(session, acct.id, last_review="2026-10-01", review_cadence=Cadence.MONTHLY)
    due = reviews.next_review(a, TODAY)
    assert due.due == date(2026, 11, 1) and due.days_overdue == 22 and due.is_overdue
    a = accounts.update_account(session, acct.id, review_cadence="quarterly")
    due = reviews.next_review(a, TODAY)
    assert due.due == date(2027, 1, 1) and not due.is_overdue and due.days_overdue == -39
    a.last_review = None
    a.created_at = datetime(2026, 11, 20, tzinfo=UTC)
    assert reviews.next_review(a, TODAY).due == date(2027, 2, 20)


def test_meetings_in_method_order_and_export(session, acct):
    reviews.add_meeting(session, acct.id, "operational", "weekly", "Ops lead,  Bo", "Tickets")
    reviews.add_meeting(session, acct.id, "Internal team", "monthly", "Ann\nBo", "Plan")
    assert [m.kind for m in reviews.list_meetings(session, acct.id)] == [MeetingKind.INTERNAL, MeetingKind.OPERATIONAL]
    assert reviews.list_meetings(session, acct.id)[0].attendees == "Ann, Bo"
    with pytest.raises(ValidationError) as info:
        reviews.add_meeting(session, acct.id, "party")
    assert info.value.field == "kind"
    k = reviews.add_kpi(session, acct.id, "Revenue", unit="kEUR")
    reviews.set_kpi_value(session, k.id, "2026-Q3", target="1000", actual="1200.5")
    reviews.add_review(session, acct.id, "2026-11-02", notes="Good | progress", decisions="Go", today=TODAY)
    accounts.update_account(session, acct.id, next_plan_revision="2027-03-01")
    text = reviews_export.render(plan_for(session, accounts.get_account(session, acct.id), today=TODAY))
    assert text.startswith("## KPIs and reviews")
    # the date alone: "in 10 days" would make an export of unchanged data differ from day to day
    assert "- Next review: 2026-12-03\n" in text and "days" not in text.split("### ")[0]
    assert "- Next plan revision: 2027-03-01\n" in text
    assert "| 2026-Q3 | 1,000 | 1,200.5 | met |" in text
    assert "| 2026-11-02 | Internal team | Good \\| progress | Go |" in text
    # each meeting of the structure with when it last met (the internal review counts) and is next due
    assert "| Internal team | Monthly | 2026-11-02 | 2026-12-03 | Ann, Bo | Plan |" in text
    assert "| Operational | Weekly | not yet | at the first chance | Ops lead, Bo | Tickets |" in text


def test_reviews_export_is_empty_without_data(session, acct):
    assert reviews_export.render(plan_for(session, acct, today=TODAY)) is None


@given(
    st.integers(1900, 2200),
    st.sampled_from(["", "Q1", "Q2", "Q3", "Q4", "H1", "H2"] + [f"{m:02d}" for m in range(1, 13)]),
)
def test_period_labels_read_back_as_themselves(year, part):
    label = f"{year}-{part}" if part else str(year)
    p = reviews.parse_period(label)
    assert p.label == label
    assert reviews.parse_period(label.lower().replace("-", " ")).label == label
    assert p.start.year == year and 1 <= p.months <= 12
