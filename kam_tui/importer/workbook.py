"""Excel workbooks (.xlsx) as records, the way CSV files are read.

HubSpot exports .xlsx by default; Salesforce's "Formatted" reports put a
title and filters above the header and start the data in column B; Dynamics
365 hides its record columns and adds a hidden sheet of its own. openpyxl
reads the file in read-only mode (imported only here, only for a workbook).
The first visible sheet with a header kam recognises is read. Numbers and
dates are taken as the typed values Excel stores: no locale is guessed."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from kam_tui.importer.errors import ImportRefused
from kam_tui.importer.reading import RawTable, Record

_HEADER_SEARCH = 12


def cell_text(value: Any) -> str:
    """A typed cell as the text the importer reads: a number as plain digits
    with a '.' decimal point (never three decimals, which could read as
    thousands), a date as ISO 8601, which needs no day/month order."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if value.is_integer():
            return str(int(value))
        text = format(Decimal(repr(value)), "f")
        whole, _, decimals = text.partition(".")
        return f"{text}0" if len(decimals) == 3 else text
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def read_workbook(data: bytes, is_header: Callable[[list[str]], bool]) -> RawTable:
    """The records of the first visible sheet whose first rows hold a header
    (`is_header`); ImportRefused when the workbook cannot be read or no sheet has one."""
    import importlib

    try:
        openpyxl: Any = importlib.import_module("openpyxl")  # untyped; loaded only for a workbook
    except ImportError:  # a broken install
        raise ImportRefused("reading Excel workbooks needs openpyxl, which is not installed") from None
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged zip, a missing part, openpyxl's own errors
        raise ImportRefused(
            f"this looks like an Excel workbook but it cannot be read ({type(exc).__name__}); "
            "open it in Excel and save it again, or save it as 'CSV UTF-8'"
        ) from None
    try:
        names = []
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue  # Dynamics keeps its own metadata on a hidden sheet
            names.append(sheet.title)
            records = _records(sheet)
            if any(is_header(r.cells) for r in records[:_HEADER_SEARCH] if any(c.strip() for c in r.cells)):
                table = RawTable("Excel workbook", "", "", records=records, sheet=sheet.title)
                if len(names) > 1 or len(book.worksheets) > 1:
                    table.notes.append(f"read sheet {sheet.title!r}, the first with a header kam knows")
                return table
    finally:
        book.close()
    if not names:
        raise ImportRefused("the workbook has no visible sheet")
    shown = ", ".join(repr(n) for n in names)
    raise ImportRefused(
        f"no sheet of the workbook has a header kam knows in its first {_HEADER_SEARCH} rows (sheets: {shown}); "
        "expected a column such as Account Name, Company name, First Name or Opportunity Name"
    )


def _records(sheet: Any) -> list[Record]:
    records = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in row]
        while cells and not cells[-1].strip():
            cells.pop()
        records.append(Record(number, number, cells))
    return records
