"""Import accounts from a CRM export (Salesforce, HubSpot, or a sheet).

    data = read_file(path)                  # ImportRefused: missing, unreadable
    parsed = parse_file(data, dates=None)   # ImportRefused / DateOrderUnknown
    with engine.connect() as conn:
        plan = make_plan(conn, parsed)      # the preview: nothing written
    result = apply_import(engine, parsed)   # one transaction, planned again inside

reading.py (bytes -> records), headers.py (columns -> fields), values.py
(cells -> values), parse.py (the file as rows and problems), planning.py
(matching), apply.py (writing), summary.py (what the user is told)."""

from kam_tui.importer.apply import ImportResult, apply_import
from kam_tui.importer.errors import ImportRefused
from kam_tui.importer.parse import ParsedFile, Problem, parse_file, read_file
from kam_tui.importer.planning import Plan, make_plan
from kam_tui.importer.values import DateOrderUnknown

__all__ = [
    "DateOrderUnknown",
    "ImportRefused",
    "ImportResult",
    "ParsedFile",
    "Plan",
    "Problem",
    "apply_import",
    "make_plan",
    "parse_file",
    "read_file",
]
