"""Whitespace: the customer's units (rows) against our offerings (columns).

The method maps our products and services against the customer's units to find
where revenue can grow. Each cell holds a status; a cell nobody has assessed yet
has no row and no status ("not set"), so the map never claims a gap or a sale
that nobody checked.
"""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import Session, col, select

from kam_tui.errors import NotFound, ValidationError
from kam_tui.models import WhitespaceCell, WhitespaceOffering, WhitespaceStatus, WhitespaceUnit
from kam_tui.rules.whitespace import (  # re-exported
    CYCLE as CYCLE,
    Grid as Grid,
    next_status as next_status,
)
from kam_tui.services import accounts
from kam_tui.services.rows import move_in_order
from kam_tui.text import clean_name, name_key

# A line of the map: a unit (row) or an offering (column); each helper returns the kind it was given.
Line = TypeVar("Line", WhitespaceUnit, WhitespaceOffering)


def _kind(model: type[WhitespaceUnit] | type[WhitespaceOffering]) -> str:
    return "unit" if model is WhitespaceUnit else "offering"


# --------------------------------------------------------------------------
# Units and offerings share their rules: a name unique in the account, a dense order.


def _list(session: Session, model: type[Line], account_id: int) -> list[Line]:
    return list(
        session.exec(select(model).where(model.account_id == account_id).order_by(col(model.position), col(model.id)))
    )


def list_units(session: Session, account_id: int) -> list[WhitespaceUnit]:
    return _list(session, WhitespaceUnit, account_id)


def list_offerings(session: Session, account_id: int) -> list[WhitespaceOffering]:
    return _list(session, WhitespaceOffering, account_id)


def _get(session: Session, model: type[Line], line_id: int) -> Line:
    line = session.get(model, line_id)
    if line is None:
        raise NotFound(f"no {_kind(model)} with id {line_id}")
    return line


def _unique(session: Session, model: type[Line], account_id: int, name: str, line_id: int | None) -> None:
    key = name_key(name)
    kind = _kind(model)
    for other in _list(session, model, account_id):
        if other.id != line_id and name_key(other.name) == key:
            raise ValidationError("name", f"this account already has a {kind} called {other.name!r}")


def _add(session: Session, model: type[Line], account_id: int, name: str) -> Line:
    accounts.get_account(session, account_id)
    name = clean_name(name, "name")
    _unique(session, model, account_id, name, None)
    line = model(account_id=account_id, name=name, position=len(_list(session, model, account_id)))
    session.add(line)
    accounts.touch(session, account_id)
    session.commit()
    return line


def _rename(session: Session, model: type[Line], line_id: int, name: str) -> Line:
    line = _get(session, model, line_id)
    name = clean_name(name, "name")
    _unique(session, model, line.account_id, name, line.id)
    line.name = name
    session.add(line)
    accounts.touch(session, line.account_id)
    session.commit()
    return line


def _remove(session: Session, model: type[Line], line_id: int) -> None:
    line = _get(session, model, line_id)
    account_id = line.account_id
    column = WhitespaceCell.unit_id if model is WhitespaceUnit else WhitespaceCell.offering_id
    # the database cascades too; deleting here keeps the session's view honest
    for c in session.exec(select(WhitespaceCell).where(column == line_id)):
        session.delete(c)
    session.delete(line)
    session.flush()
    for i, other in enumerate(_list(session, model, account_id)):
        if other.position != i:
            other.position = i
            session.add(other)
    accounts.touch(session, account_id)
    session.commit()


def _move(session: Session, model: type[Line], line_id: int, delta: int) -> Line:
    line = _get(session, model, line_id)
    lines = _list(session, model, line.account_id)
    if move_in_order(lines, line, delta):
        session.add_all(lines)
        accounts.touch(session, line.account_id)
        session.commit()
    return line


def add_unit(session: Session, account_id: int, name: str) -> WhitespaceUnit:
    return _add(session, WhitespaceUnit, account_id, name)


def rename_unit(session: Session, unit_id: int, name: str) -> WhitespaceUnit:
    return _rename(session, WhitespaceUnit, unit_id, name)


def remove_unit(session: Session, unit_id: int) -> None:
    """Remove a unit and its cells."""
    _remove(session, WhitespaceUnit, unit_id)


def move_unit(session: Session, unit_id: int, delta: int) -> WhitespaceUnit:
    return _move(session, WhitespaceUnit, unit_id, delta)


def add_offering(session: Session, account_id: int, name: str) -> WhitespaceOffering:
    return _add(session, WhitespaceOffering, account_id, name)


def rename_offering(session: Session, offering_id: int, name: str) -> WhitespaceOffering:
    return _rename(session, WhitespaceOffering, offering_id, name)


def remove_offering(session: Session, offering_id: int) -> None:
    """Remove an offering and its cells."""
    _remove(session, WhitespaceOffering, offering_id)


def move_offering(session: Session, offering_id: int, delta: int) -> WhitespaceOffering:
    return _move(session, WhitespaceOffering, offering_id, delta)


def get_unit(session: Session, unit_id: int) -> WhitespaceUnit:
    return _get(session, WhitespaceUnit, unit_id)


def get_offering(session: Session, offering_id: int) -> WhitespaceOffering:
    return _get(session, WhitespaceOffering, offering_id)


def filled_cells(session: Session, kind: str, line_id: int) -> int:
    """How many cells of a unit or offering hold a status (said before removing it)."""
    column = WhitespaceCell.unit_id if kind == "unit" else WhitespaceCell.offering_id
    return len(list(session.exec(select(WhitespaceCell).where(column == line_id))))


# --------------------------------------------------------------------------
# Cells


def _check_pair(session: Session, unit_id: int, offering_id: int) -> WhitespaceUnit:
    unit = get_unit(session, unit_id)
    offering = get_offering(session, offering_id)
    if unit.account_id != offering.account_id:
        raise ValidationError("offering", "belongs to another account")
    return unit


def cell_status(session: Session, unit_id: int, offering_id: int) -> WhitespaceStatus | None:
    cell = session.get(WhitespaceCell, (unit_id, offering_id))
    return cell.status if cell is not None else None


def set_status(
    session: Session, unit_id: int, offering_id: int, status: WhitespaceStatus | str | None
) -> WhitespaceStatus | None:
    """Set a cell's status; None (or "") clears it back to not set."""
    chosen: WhitespaceStatus | None
    if status is None or isinstance(status, WhitespaceStatus):
        chosen = status
    elif status.strip():
        try:
            chosen = WhitespaceStatus.parse(status)
        except ValueError as exc:
            raise ValidationError("status", str(exc)) from None
    else:
        chosen = None
    unit = _check_pair(session, unit_id, offering_id)
    cell = session.get(WhitespaceCell, (unit_id, offering_id))
    if chosen is None:
        if cell is not None:
            session.delete(cell)
    elif cell is None:
        session.add(WhitespaceCell(unit_id=unit_id, offering_id=offering_id, status=chosen))
    else:
        cell.status = chosen
        session.add(cell)
    accounts.touch(session, unit.account_id)
    session.commit()
    return chosen


def cycle_status(session: Session, unit_id: int, offering_id: int) -> WhitespaceStatus:
    """Move a cell to the next status: have -> pursuing -> open -> not relevant -> have."""
    status = next_status(cell_status(session, unit_id, offering_id))
    set_status(session, unit_id, offering_id, status)
    return status


# --------------------------------------------------------------------------
# The whole map


def grid(session: Session, account_id: int) -> Grid:
    units = list_units(session, account_id)
    offerings = list_offerings(session, account_id)
    g = Grid(units, offerings)
    unit_ids = [u.id for u in units]
    if unit_ids:
        for c in session.exec(select(WhitespaceCell).where(col(WhitespaceCell.unit_id).in_(unit_ids))):
            g.cells[(c.unit_id, c.offering_id)] = c.status
    return g


def summary(session: Session, account_id: int) -> dict[WhitespaceStatus | None, int]:
    return grid(session, account_id).counts()
