"""SWOT runs: copy semantics, comparison, reorder, and earlier runs kept as they were."""

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlmodel import select

from kam_tui.errors import ValidationError
from kam_tui.export import swot as swot_export
from kam_tui.export.snapshot import plan_for
from kam_tui.models import SwotItem, SwotQuadrant as Q
from kam_tui.services import swot
from kam_tui.services.accounts import create_account


@pytest.fixture
def acct(session):
    return create_account(session, "Acme")


def texts(session, run_id, q):
    return [it.text for it in swot.run_items(session, run_id, q)]


def test_first_run_is_empty_and_dated_today(session, acct):
    run = swot.new_run(session, acct.id, today=date(2026, 3, 1))
    assert run.run_on == date(2026, 3, 1)
    assert swot.run_items(session, run.id) == []
    assert swot.compare(session, run.id).previous is None


def test_new_run_copies_latest_and_remembers_origin(session, acct):
    r1 = swot.new_run(session, acct.id, today=date(2026, 1, 1))
    a = swot.add_item(session, r1.id, Q.STRENGTH, "Strong brand")
    b = swot.add_item(session, r1.id, "threat", "New competitor\nin the Nordics")
    r2 = swot.new_run(session, acct.id, today=date(2026, 6, 1))
    copies = swot.run_items(session, r2.id)
    assert [(c.quadrant, c.text, c.copied_from_id) for c in copies] == [
        (Q.STRENGTH, "Strong brand", a.id),
        (Q.THREAT, "New competitor\nin the Nordics", b.id),
    ]
    assert [r.id for r in swot.list_runs(session, acct.id)] == [r1.id, r2.id]
    # the original run is untouched
    assert texts(session, r1.id, Q.STRENGTH) == ["Strong brand"]


def test_compare_added_removed_edited_unchanged(session, acct):
    r1 = swot.new_run(session, acct.id, today=date(2026, 1, 1))
    keep = swot.add_item(session, r1.id, Q.STRENGTH, "Keep")
    gone = swot.add_item(session, r1.id, Q.WEAKNESS, "Gone")
    words = swot.add_item(session, r1.id, Q.OPPORTUNITY, "Old words")
    moved = swot.add_item(session, r1.id, Q.OPPORTUNITY, "Moves")
    r2 = swot.new_run(session, acct.id, today=date(2026, 6, 1))
    by_origin = {it.copied_from_id: it for it in swot.run_items(session, r2.id)}
    swot.delete_item(session, by_origin[gone.id].id)
    swot.edit_item(session, by_origin[words.id].id, text="New words")
    swot.edit_item(session, by_origin[moved.id].id, quadrant=Q.THREAT)
    new = swot.add_item(session, r2.id, Q.WEAKNESS, "Fresh")

    cmp = swot.compare(session, r2.id)
    assert cmp.previous.id == r1.id
    assert [it.id for it in cmp.added] == [new.id]
    assert [it.id for it in cmp.removed] == [gone.id]
    assert sorted((o.id, n.text, n.quadrant) for o, n in cmp.edited) == sorted(
        [(words.id, "New words", Q.OPPORTUNITY), (moved.id, "Moves", Q.THREAT)]
    )
    assert [it.copied_from_id for it in cmp.unchanged] == [keep.id]
    assert cmp.has_changes

    text = swot_export.render(plan_for(session, acct))
    assert "## SWOT" in text and "Latest run: 2026-06-01" in text
    assert "### Changes since 2026-01-01" in text
    assert "- Added: Fresh (Weaknesses)" in text
    assert "- Removed: Gone (Weaknesses)" in text
    assert "- Edited: Old words → New words (Opportunities)" in text
    assert "- Edited: Moves (Opportunities) → Moves (Threats)" in text


def test_reorder_keeps_positions_dense(session, acct):
    run = swot.new_run(session, acct.id)
    items = [swot.add_item(session, run.id, Q.STRENGTH, t) for t in "ABCD"]
    swot.add_item(session, run.id, Q.WEAKNESS, "W")
    swot.move_item(session, items[3].id, -2)
    assert texts(session, run.id, Q.STRENGTH) == ["A", "D", "B", "C"]
    swot.move_item(session, items[0].id, -1)  # already at the top: stays
    swot.move_item(session, items[0].id, 10)
    assert texts(session, run.id, Q.STRENGTH) == ["D", "B", "C", "A"]
    swot.delete_item(session, items[1].id)
    swot.edit_item(session, items[2].id, quadrant=Q.WEAKNESS)
    positions = {q: [it.position for it in swot.run_items(session, run.id, q)] for q in Q}
    assert positions[Q.STRENGTH] == [0, 1]
    assert positions[Q.WEAKNESS] == [0, 1]
    assert texts(session, run.id, Q.WEAKNESS) == ["W", "C"]


def test_text_is_required_and_trimmed(session, acct):
    run = swot.new_run(session, acct.id)
    with pytest.raises(ValidationError) as err:
        swot.add_item(session, run.id, Q.STRENGTH, "  \n ")
    assert err.value.field == "text"
    with pytest.raises(ValidationError) as err:
        swot.add_item(session, run.id, "sideways", "x")
    assert err.value.field == "quadrant"
    item = swot.add_item(session, run.id, Q.STRENGTH, "\n line one  \nline two\n")
    assert item.text == "line one\nline two"
    assert len(session.exec(select(SwotItem)).all()) == 1


def test_earlier_runs_are_read_only(session, acct):
    r1 = swot.new_run(session, acct.id, today=date(2026, 1, 1))
    old = swot.add_item(session, r1.id, Q.STRENGTH, "Then")
    swot.new_run(session, acct.id, today=date(2026, 6, 1))
    for change in (
        lambda: swot.add_item(session, r1.id, Q.STRENGTH, "x"),
        lambda: swot.edit_item(session, old.id, text="rewritten"),
        lambda: swot.delete_item(session, old.id),
        lambda: swot.move_item(session, old.id, 1),
    ):
        with pytest.raises(ValidationError) as err:
            change()
        assert "earlier run" in str(err.value)
    assert texts(session, r1.id, Q.STRENGTH) == ["Then"]


def test_export_is_none_without_runs_and_escapes_text(session, acct):
    assert swot_export.render(plan_for(session, acct)) is None
    run = swot.new_run(session, acct.id, today=date(2026, 2, 2))
    swot.add_item(session, run.id, Q.THREAT, "# not a heading | *really*")
    text = swot_export.render(plan_for(session, acct))
    assert "- \\# not a heading \\| \\*really\\*" in text
    assert "Changes since" not in text
    assert "### Strengths" in text and "(none)" in text


_names = itertools.count()

_ops = st.lists(
    st.tuples(
        st.sampled_from(["add", "move", "delete", "requad"]),
        st.integers(0, 20),
        st.integers(-3, 3),
        st.sampled_from(list(Q)),
    ),
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops)
def test_positions_stay_dense_whatever_happens(session, ops):
    acct = create_account(session, f"Acct {next(_names)}")  # one session serves every example
    run = swot.new_run(session, acct.id)
    expected: dict[Q, list[str]] = {q: [] for q in Q}
    n = 0
    for op, pick, delta, quadrant in ops:
        items = swot.run_items(session, run.id)
        if op == "add" or not items:
            n += 1
            swot.add_item(session, run.id, quadrant, f"item {n}")
            expected[quadrant].append(f"item {n}")
            continue
        item = items[pick % len(items)]
        lst = expected[item.quadrant]
        if op == "move":
            swot.move_item(session, item.id, delta)
            i = lst.index(item.text)
            j = max(0, min(len(lst) - 1, i + delta))
            lst.insert(j, lst.pop(i))
        elif op == "delete":
            swot.delete_item(session, item.id)
            lst.remove(item.text)
        else:
            old_q = item.quadrant
            swot.edit_item(session, item.id, quadrant=quadrant)
            if quadrant != old_q:
                lst.remove(item.text)
                expected[quadrant].append(item.text)
    for q in Q:
        items = swot.run_items(session, run.id, q)
        assert [it.position for it in items] == list(range(len(items)))
        assert [it.text for it in items] == expected[q]
