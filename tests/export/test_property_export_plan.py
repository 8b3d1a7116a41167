"""Random Unicode through the services and out through the WHOLE plan export
(`render_plan`), rendered by a real CommonMark renderer with tables on: every
text the export shows appears exactly as typed (whitespace normalised), and
every table keeps its shape - the same tables, rows and header cells as the
same plan written with plain words."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from kam_tui.db import new_session, open_database
from kam_tui.export.plan import render_plan
from kam_tui.models import Horizon, PartyKind, ProfileSection, SwotQuadrant
from kam_tui.services import (
    accounts,
    business,
    goals,
    opportunities,
    parties,
    questions,
    reviews,
    stakeholders,
    swot,
    whitespace,
)
from tests.rendered_markdown import MD, TEXT, norm, render

# The text fields the export shows, each written through its service.
FIELDS = [
    "account notes",
    "why key",
    "stakeholder name",
    "stakeholder notes",
    "swot item",
    "profile text",
    "competitor notes",
    "opportunity name",
    "whitespace unit",
    "goal",
    "action",
    "answer",
    "review notes",
]
NAME_FIELDS = {"stakeholder name", "opportunity name", "whitespace unit", "goal", "action"}

# Random tricky text around at least one visible piece (so a name is never
# empty and the section always shows); the piece may itself lead the line.
SHOWN = st.builds(
    lambda before, core, after: before + core + after,
    TEXT,
    st.sampled_from(["x", "#", "|", "`", "> q", "- a", "1. b", "<script>", "🙂", "שלום", "مرحبا"]),
    TEXT,
)

PROPS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
_serial = itertools.count()


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    engine = open_database(tmp_path_factory.mktemp("plan-prop") / "kam.db")
    yield engine
    engine.dispose()


def write_plan(s, name: str, t: dict[str, str]) -> int:
    """One account whose every shown text field holds t[field]."""
    a = accounts.create_account(s, name, notes=t["account notes"], why_key=t["why key"], tier="existing_key")
    p = stakeholders.create_stakeholder(
        s, a.id, t["stakeholder name"], notes=t["stakeholder notes"], influence="high", attitude="blocker"
    )
    assert p.id
    run = swot.new_run(s, a.id, today=date(2026, 1, 5))
    swot.add_item(s, run.id, SwotQuadrant.STRENGTH, t["swot item"])
    business.set_section(s, a.id, ProfileSection.STRATEGY_GOALS, t["profile text"])
    parties.add_party(s, a.id, PartyKind.COMPETITOR, "Rival", notes=t["competitor notes"])
    opportunities.add_opportunity(s, a.id, t["opportunity name"], value="1000", currency="EUR")
    unit = whitespace.add_unit(s, a.id, t["whitespace unit"])
    offer = whitespace.add_offering(s, a.id, "Support")
    whitespace.set_status(s, unit.id, offer.id, "have")
    goal = goals.add_goal(s, a.id, Horizon.SHORT, t["goal"], owner="Kim", target_date=date(2026, 6, 1))
    goals.add_action(s, goal.id, t["action"], owner="Kim", due_date=date(2026, 3, 1))
    questions.answer(s, a.id, "needs.1", t["answer"])
    reviews.add_review(s, a.id, date(2026, 1, 10), kind="internal", notes=t["review notes"])
    return a.id


def tables(markdown: str) -> list[tuple[list[str], list[int]]]:
    """Each table's header cells and its number of cells per body row."""
    out, header, body, row, cells = [], None, None, None, None
    tokens = MD.parse(markdown)
    for i, tok in enumerate(tokens):
        if tok.type == "thead_open":
            row = "head"
        elif tok.type == "tbody_open":
            row = "body"
        elif tok.type == "table_open":
            header, body = [], []
        elif tok.type == "tr_open":
            cells = []
        elif tok.type in ("th_open", "td_open"):
            nxt = tokens[i + 1]
            cells.append(norm(nxt.content) if nxt.type == "inline" else "")
        elif tok.type == "tr_close":
            if row == "head":
                header = cells
            else:
                body.append(len(cells))
        elif tok.type == "table_close":
            out.append((header, body))
    return out


def source_cells(line: str) -> int:
    """How many cells a table line of the Markdown source has: pipes that are
    not escaped, minus the outer two."""
    count, escaped = 0, False
    for ch in line:
        if ch == "|" and not escaped:
            count += 1
        escaped = ch == "\\" and not escaped
    return count - 1


def plan_text(engine, name: str, t: dict[str, str]) -> str:
    with new_session(engine) as s:
        account_id = write_plan(s, name, t)
    try:
        with new_session(engine) as s:
            return render_plan(s, accounts.get_account(s, account_id))
    finally:
        with new_session(engine) as s:
            accounts.delete_account(s, account_id)


@PROPS
@given(st.fixed_dictionaries({f: SHOWN for f in FIELDS}))
def test_every_shown_text_survives_the_full_export(engine, texts):
    for field, value in texts.items():
        visible = norm(value)
        assume(visible)  # an empty name is refused and an empty note shows nothing
        if field in NAME_FIELDS:
            assume(len(visible) <= 120)
    n = next(_serial)
    typed = plan_text(engine, f"Typed {n}", texts)
    plain = plan_text(engine, f"Plain {n}", {f: f"plain {f}" for f in FIELDS})

    seen = norm("".join(render(typed).parts))
    for field, value in texts.items():
        assert norm(value) in seen, f"{field}: {value!r} not shown as typed"

    # the tables are the same tables, row for row, as with plain words
    got, want = tables(typed), tables(plain)
    assert [len(body) for _, body in got] == [len(body) for _, body in want]
    for (head, body), (plain_head, _) in zip(got, want):
        assert len(head) == len(plain_head)
        assert all(cells == len(head) for cells in body)
    # and in the Markdown source every row of a table has as many cells as its header
    lines = typed.splitlines()
    for tok in MD.parse(typed):
        if tok.type == "table_open":
            start, end = tok.map
            widths = {source_cells(ln) for ln in lines[start:end]}
            assert len(widths) == 1, lines[start:end]
