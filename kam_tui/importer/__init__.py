"""Import accounts, contacts and opportunities from a CRM export (Salesforce,
HubSpot, Pipedrive, Zoho, Dynamics 365, Odoo, or a sheet; CSV or .xlsx).

    data = read_file(path)                  # ImportRefused: missing, unreadable
    parsed = parse_file(data, dates=None)   # ImportRefused / DateOrderUnknown / EncodingUnknown
    con = open_plain(path)                  # store.sqlite_file; or an Engine (the app's, a server's)
    plan = make_plan(con, parsed)           # the preview: nothing written
    result = apply_import(con, parsed)      # backup, lock, one transaction, planned again inside

Nothing here imports SQLAlchemy or the models: `kam import` of 10,000 rows
into a file costs a few times a plain csv + sqlite3 load; the store's import
writer (store/import_writer.py) writes a file with stdlib sqlite3 and a
server with SQLAlchemy Core. make_plan takes a sqlite3 connection or a
SQLAlchemy Connection; apply_import a sqlite3 connection or an Engine.

reading.py (bytes -> records), encodings.py (which code page), workbook.py
(.xlsx -> records), header_names.py (what CRMs call each field, per
language), headers.py (columns -> fields), kinds.py (accounts, contacts or
opportunities?), values.py (cells -> values), parse.py (the file as rows and
problems, a column at a time), planning.py (matching accounts), people.py and
deals.py (matching stakeholders and opportunities), links.py (ids and names
across them), apply.py (the rows to write), summary.py (what the user is told)."""

from kam_tui.importer.apply import ImportResult, apply_import
from kam_tui.importer.encodings import EncodingUnknown
from kam_tui.importer.errors import ImportRefused, NoHeader
from kam_tui.importer.parse import ParsedFile, Problem, parse_file, parse_remembered, read_file
from kam_tui.importer.planning import Plan, make_plan
from kam_tui.importer.values import DateOrderUnknown

__all__ = [
    "DateOrderUnknown",
    "EncodingUnknown",
    "ImportRefused",
    "ImportResult",
    "NoHeader",
    "ParsedFile",
    "Plan",
    "Problem",
    "apply_import",
    "make_plan",
    "parse_file",
    "parse_remembered",
    "read_file",
]
