"""Whitespace: units and offerings, the status cycle, totals, and the export table."""

import pytest
from sqlmodel import select

from kam_tui.errors import ValidationError
from kam_tui.export import whitespace as ws_export
from kam_tui.export.snapshot import plan_for
from kam_tui.models import WhitespaceCell, WhitespaceStatus as S
from kam_tui.services import whitespace as ws
from kam_tui.services.accounts import create_account


@pytest.fixture
def acct(session):
    return create_account(session, "Acme")


def test_cycle_walks_every_status_and_wraps(session, acct):
    u = ws.add_unit(session, acct.id, "Nordics")
    o = ws.add_offering(session, acct.id, "Analytics")
    assert ws.cell_status(session, u.id, o.id) is None
    seen = [ws.cycle_status(session, u.id, o.id) for _ in range(5)]
    assert seen == [S.HAVE, S.PURSUING, S.OPEN, S.NOT_RELEVANT, S.HAVE]
    assert session.get(WhitespaceCell, (u.id, o.id)).status == S.HAVE
    ws.set_status(session, u.id, o.id, None)
    assert session.get(WhitespaceCell, (u.id, o.id)) is None


def test_names_unique_per_account_and_required(session, acct):
    ws.add_unit(session, acct.id, "Nordics")
    with pytest.raises(ValidationError) as err:
        ws.add_unit(session, acct.id, "  NORDICS ")
    assert err.value.field == "name" and "already has a unit" in err.value.reason
    with pytest.raises(ValidationError):
        ws.add_offering(session, acct.id, "   ")
    other = create_account(session, "Other")
    ws.add_unit(session, other.id, "Nordics")  # another account may use the name
    u2 = ws.add_unit(session, acct.id, "Baltics")
    assert ws.rename_unit(session, u2.id, "Baltic states").name == "Baltic states"
    with pytest.raises(ValidationError):
        ws.rename_unit(session, u2.id, "nordics")


def test_remove_takes_cells_and_keeps_order_dense(session, acct):
    units = [ws.add_unit(session, acct.id, n) for n in ("A", "B", "C")]
    offs = [ws.add_offering(session, acct.id, n) for n in ("X", "Y")]
    for u in units:
        for o in offs:
            ws.cycle_status(session, u.id, o.id)
    assert ws.filled_cells(session, "unit", units[1].id) == 2
    ws.remove_unit(session, units[1].id)
    ws.remove_offering(session, offs[0].id)
    g = ws.grid(session, acct.id)
    assert [(u.name, u.position) for u in g.units] == [("A", 0), ("C", 1)]
    assert [(o.name, o.position) for o in g.offerings] == [("Y", 0)]
    assert len(session.exec(select(WhitespaceCell)).all()) == 2


def test_move_and_summary(session, acct):
    units = [ws.add_unit(session, acct.id, n) for n in ("A", "B", "C")]
    offs = [ws.add_offering(session, acct.id, n) for n in ("X", "Y")]
    ws.move_unit(session, units[2].id, -1)
    ws.move_offering(session, offs[0].id, 1)
    g = ws.grid(session, acct.id)
    assert [u.name for u in g.units] == ["A", "C", "B"]
    assert [o.name for o in g.offerings] == ["Y", "X"]
    ws.set_status(session, units[0].id, offs[0].id, "have")
    ws.set_status(session, units[1].id, offs[0].id, S.OPEN)
    ws.set_status(session, units[2].id, offs[1].id, "Not relevant")
    counts = ws.summary(session, acct.id)
    assert counts == {S.HAVE: 1, S.PURSUING: 0, S.OPEN: 1, S.NOT_RELEVANT: 1, None: 3}
    with pytest.raises(ValidationError):
        ws.set_status(session, units[0].id, offs[0].id, "maybe")


def test_export_table(session, acct):
    assert ws_export.render(plan_for(session, acct)) is None
    u = ws.add_unit(session, acct.id, "Sales | EMEA")
    assert "No offerings yet" in ws_export.render(plan_for(session, acct))
    o1 = ws.add_offering(session, acct.id, "Cloud")
    ws.add_offering(session, acct.id, "Support")
    ws.set_status(session, u.id, o1.id, S.PURSUING)
    text = ws_export.render(plan_for(session, acct))
    assert text.startswith("## Whitespace")
    assert "| Unit | Cloud | Support |" in text
    assert "| Sales \\| EMEA | Pursuing | – |" in text
    assert "Pursuing: 1" in text and "not set: 1" in text
