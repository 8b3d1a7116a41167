"""Import from a CRM export: a path, a preview of exactly what would happen,
then one key to write it all in one transaction (or Esc, and nothing
happened). The preview asks what the file cannot tell (the day/month order of
dates, the code page when readings disagree) and lets any column be assigned
to a field by hand, remembered for files with the same header.

`ImportScreen(path=None)` dismisses with the ImportResult, or None when the
user leaves without importing; the account list refreshes on a result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import DataTable, Header, Input, Label, ProgressBar, Select, Static

from kam_tui.text import display_text
from kam_tui.tui.screens.base import KamScreen
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.header import ICON as HEADER_ICON
from kam_tui.tui.widgets.plain_table import PlainTable

PREVIEW_ROWS = 200
DATE_ORDERS = [("Day first: 14/3/2026", "dmy"), ("Month first: 3/14/2026", "mdy")]
# the preview's columns per kind of export: (title, what a planned record shows)
ROW_COLUMNS = {
    "accounts": ("Country", "Industry", "Revenue", "Employees", "Owner"),
    "contacts": ("Account", "Title", "Reports to", "Email", "Phone"),
    "opportunities": ("Account", "Amount", "Status", "Expected close", "Closed on"),
}


def shown(text: str) -> Text:
    """What the file holds, as text: a cell holding an escape sequence shows it."""
    return Text(display_text(text, multiline=True))


class PathSuggester(Suggester):
    """Completes a path as it is typed (→ accepts), preferring CSV, text and Excel files."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value or "\n" in value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            entries = sorted(p for p in folder.iterdir() if p.name.startswith(stem) and not p.name.startswith("."))
        except OSError:
            return None
        entries.sort(key=lambda p: (not (p.is_dir() or p.suffix.lower() in (".csv", ".txt", ".tsv", ".xlsx")), p.name))
        if not entries:
            return None
        best = entries[0]
        return value + best.name[len(stem) :] + ("/" if best.is_dir() else "")


class ImportScreen(KamScreen[object]):
    TITLE = "Import from your CRM"
    HELP = (
        "Bring what you already keep in the CRM into kam: accounts first, then their "
        "contacts (they become the account's stakeholders, with their reporting lines), "
        "then their opportunities. Salesforce, HubSpot, Pipedrive, Zoho, Dynamics 365 and "
        "Odoo exports are recognised, as CSV or Excel (.xlsx). Give the file's path, check "
        "the preview, then import. A matching record (same CRM id, name, email or website) "
        "only gets the fields it is missing; nothing you wrote is overwritten. New accounts "
        "arrive as candidates: you decide which are key by scoring them. Buying role, "
        "influence and attitude stay yours to judge.\n"
        "m (or F3) moves to the list of columns: Enter on a column assigns it to a field, or "
        "leaves it out; kam remembers it for files with the same header."
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
        Binding("i,f2", "do_import", "Import", id="import.apply"),
        Binding("m,f3", "map_columns", "Map columns", id="import.map"),
    ]

    def __init__(self, path: str | Path | None = None):
        super().__init__()
        self.initial_path = str(path) if path else ""
        self.parsed: Any = None
        self.plan: Any = None
        self.dates: str | None = None
        self.encoding: str | None = None
        self.by_hand: dict[str, str] = {}
        self.header_cells: list[str] = []  # the header the columns list shows
        self.kind: str | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header(icon=HEADER_ICON)
        yield Static(
            "Accounts, contacts or opportunities from a CRM export (.csv or .xlsx), or any sheet "
            "with a name column. Nothing is written until you press i.",
            id="import-intro",
        )
        with Horizontal(id="import-path-row"):
            yield Label("File", id="import-path-label")
            yield Input(
                self.initial_path,
                placeholder="path to the exported file, e.g. ~/Downloads/Account.csv (→ completes), then Enter",
                id="import-path",
                suggester=PathSuggester(),
            )
        with Horizontal(id="import-dates-row", classes="hidden"):
            yield Label("Dates", id="import-dates-label")
            yield Select(DATE_ORDERS, prompt="Which comes first?", id="import-dates")
        with Horizontal(id="import-encoding-row", classes="hidden"):
            yield Label("Text", id="import-encoding-label")
            yield Select([], prompt="Which reads the names right?", id="import-encoding")
        yield Static("", id="import-status")
        yield ProgressBar(id="import-progress", show_eta=False, classes="hidden")
        with VerticalScroll(id="import-preview"):
            yield Static("", id="import-file")
            yield Static("", id="import-counts")
            yield PlainTable(id="import-rows", cursor_type="row", zebra_stripes=True)
            yield Static("", id="import-first")
            yield Static("", id="import-problems")
            yield Static("", id="import-columns-title")
            yield PlainTable(id="import-map", cursor_type="row")
        yield KamFooter()

    def on_mount(self) -> None:
        self.query_one("#import-rows").display = False
        self.query_one("#import-map").display = False
        self.query_one("#import-path", Input).focus()
        if self.initial_path:
            self.preview()

    # ---- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "do_import":
            return True if self.plan is not None and not self.busy else None
        if action == "map_columns":
            return True if self.header_cells and not self.busy else None
        return True

    def action_cancel(self) -> None:
        if self.busy:
            self.notify("The import is being written; it finishes in a moment.", severity="warning")
            return
        self.dismiss(None)

    def action_map_columns(self) -> None:
        table = self.query_one("#import-map", DataTable)
        if table.display:
            table.focus()
            self.query_one("#import-preview", VerticalScroll).scroll_to_widget(table)

    @on(Input.Submitted, "#import-path")
    def _path_given(self) -> None:
        self.dates = self.encoding = None
        self.by_hand = {}
        self.query_one("#import-dates-row").add_class("hidden")
        self.query_one("#import-encoding-row").add_class("hidden")
        self.preview()

    @on(Select.Changed, "#import-dates")
    def _dates_given(self, event: Select.Changed) -> None:
        if event.value in ("dmy", "mdy") and event.value != self.dates:
            self.dates = str(event.value)
            self.preview()

    @on(Select.Changed, "#import-encoding")
    def _encoding_given(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.encoding:
            self.encoding = event.value
            self.preview()

    def preview(self) -> None:
        path = self.query_one("#import-path", Input).value.strip()
        if not path:
            self._status("Give the path of the exported file.", error=True)
            return
        self.plan = self.parsed = None
        self.refresh_bindings()
        self._clear_preview()
        try:
            engine = self.app.engine
        except Exception as exc:  # a refused database: say why, never a traceback
            self._refused(f"The database cannot be opened: {exc}")
            return
        self._status(f"Reading {path} ...")
        self._working(None)
        self._preview_worker(Path(path).expanduser(), self.dates, self.encoding, dict(self.by_hand), engine)

    def action_do_import(self) -> None:
        if self.plan is None or self.busy:
            return
        if not self.plan.changes_anything:
            self.notify("Nothing to import: every row is already in kam, or skipped.", title="Import")
            return
        self.busy = True
        self.refresh_bindings()
        self._status("Importing ...")
        total = len(self.plan.creates) + len(self.plan.updates)
        for part in (self.plan.people, self.plan.deals):
            if part is not None:
                total += len(part.creates) + len(part.updates)
        self._working(total)
        self._import_worker(self.parsed, self.app.engine)

    # ---- mapping columns by hand ----------------------------------------------

    @on(DataTable.RowSelected, "#import-map")
    def _column_chosen(self, event: DataTable.RowSelected) -> None:
        from kam_tui.importer.header_names import FIELD_LABELS
        from kam_tui.importer.headers import IGNORE, KINDS
        from kam_tui.tui.screens.column_picker import ColumnPicker

        event.stop()
        column = str(event.row_key.value)
        kinds = [self.kind] if self.kind else list(KINDS)
        if self.parsed is not None and self.parsed.people_columns is not None:
            kinds.append("contacts")
        choices: list[tuple[str, str]] = []
        seen: set[str] = set()
        for kind in kinds:
            for key, label in FIELD_LABELS[kind].items():
                if key not in seen:
                    seen.add(key)
                    choices.append((label if len(kinds) == 1 else f"{label} ({kind})", key))
        choices += [("leave this column out", IGNORE), ("as kam reads it by its name", "")]
        current = self.by_hand.get(column)

        def picked(field: str | None) -> None:
            if field is None:
                self.query_one("#import-map", DataTable).focus()
                return
            if field:
                self.by_hand[column] = field
            else:
                self.by_hand.pop(column, None)
            self._remember_map()
            self.preview()

        self.app.push_screen(ColumnPicker(column, choices, current), picked)

    def _remember_map(self) -> None:
        from kam_tui.importer.headers import header_signature
        from kam_tui.settings import load_settings, save_settings

        path = self.app.settings_file
        settings = load_settings(path)
        signature = header_signature(self.header_cells)
        if self.by_hand:
            settings.import_maps[signature] = dict(self.by_hand)
        else:
            settings.import_maps.pop(signature, None)
        problem = save_settings(settings, path)
        if problem:
            self.notify(f"Used now but not remembered: {problem}", severity="warning", timeout=6)

    # ---- workers (threads: only call_from_thread touches the screen) --------

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _preview_worker(
        self, path: Path, dates: str | None, encoding: str | None, by_hand: dict[str, str], engine: Any
    ) -> None:
        from kam_tui.importer import (
            DateOrderUnknown,
            EncodingUnknown,
            ImportRefused,
            NoHeader,
            make_plan,
            parse_remembered,
            read_file,
        )
        from kam_tui.settings import load_settings

        remembered = load_settings(self.app.settings_file).import_maps
        try:
            parsed = parse_remembered(read_file(path), remembered, dates=dates, encoding=encoding, by_hand=by_hand)
            with engine.connect() as conn:
                plan = make_plan(conn, parsed)
        except DateOrderUnknown as exc:
            self.app.call_from_thread(self._ask_dates, exc)
            return
        except EncodingUnknown as exc:
            self.app.call_from_thread(self._ask_encoding, exc.choices, str(exc))
            return
        except NoHeader as exc:
            self.app.call_from_thread(self._no_header, exc.headers, f"Not imported: {exc}")
            return
        except ImportRefused as exc:
            self.app.call_from_thread(self._refused, f"Not imported: {exc}")
            return
        except Exception as exc:  # a database that cannot be read: say so, never a traceback
            self.app.call_from_thread(self._refused, f"Could not preview: {exc}")
            return
        self.app.call_from_thread(self._show_plan, parsed, plan)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _import_worker(self, parsed: Any, engine: Any) -> None:
        from kam_tui.importer import apply_import

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, done, total)

        try:
            result = apply_import(engine, parsed, progress)
        except Exception as exc:  # rolled back: nothing was written
            self.app.call_from_thread(self._import_failed, exc)
            return
        self.app.call_from_thread(self._imported, result)

    # ---- showing ------------------------------------------------------------

    def _status(self, text: str | Text, *, error: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.update(shown(text) if isinstance(text, str) else text)
        status.set_class(error, "error")

    def _working(self, total: int | None) -> None:
        bar = self.query_one("#import-progress", ProgressBar)
        bar.remove_class("hidden")
        bar.update(total=total, progress=0)

    def _idle(self) -> None:
        self.query_one("#import-progress").add_class("hidden")

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#import-progress", ProgressBar).update(total=total, progress=done)

    def _clear_preview(self) -> None:
        for wid in ("#import-file", "#import-counts", "#import-first", "#import-problems", "#import-columns-title"):
            self.query_one(wid, Static).update("")
        for wid in ("#import-rows", "#import-map"):
            table = self.query_one(wid, DataTable)
            table.clear(columns=True)
            table.display = False

    def _refused(self, message: str) -> None:
        self._idle()
        self._status(message, error=True)
        self.query_one("#import-path", Input).focus()

    def _no_header(self, headers: list[str], message: str) -> None:
        """No header kam knows: the columns are listed all the same, so that the
        user can say which holds the name."""
        self._refused(message + " F3 moves to the columns below: Enter on one says which field it fills.")
        self.kind = None
        self._fill_map(headers, None)
        self.refresh_bindings()

    def _ask_dates(self, exc: Any) -> None:
        self._idle()
        self._status(
            f"Column {exc.header!r} holds dates like {exc.example!r} ({exc.where}) whose day and month "
            "cannot be told apart: choose the order below.",
            error=True,
        )
        self.query_one("#import-dates-row").remove_class("hidden")
        self.query_one("#import-dates", Select).focus()

    def _encoding_options(self, choices: list[tuple[str, str]]) -> list[tuple[Text, str]]:
        from kam_tui.importer.encodings import label_of

        return [
            (shown(f"{label_of(codec)}: {sample}" if sample else label_of(codec)), codec) for codec, sample in choices
        ]

    def _ask_encoding(self, choices: list[tuple[str, str]], message: str) -> None:
        self._idle()
        self._status(
            Text(
                "The file is not UTF-8, and code pages read its names differently: choose the one that reads "
                "them right below."
            ),
            error=True,
        )
        select = self.query_one("#import-encoding", Select)
        select.set_options(self._encoding_options(choices))
        self.query_one("#import-encoding-row").remove_class("hidden")
        select.focus()

    def _show_plan(self, parsed: Any, plan: Any) -> None:
        from kam_tui.importer.summary import counts_line, detail_lines, first_rows_lines, reading_line

        self._idle()
        self.parsed, self.plan = parsed, plan
        self.kind = parsed.kind
        self._status(
            "Preview: nothing is written yet. i imports, m maps a column by hand, Esc leaves without importing."
            if plan.changes_anything
            else "Preview: this file would change nothing in kam."
        )
        if parsed.encoding_choices and self.encoding is None:
            select = self.query_one("#import-encoding", Select)
            with select.prevent(Select.Changed):
                select.set_options(self._encoding_options(parsed.encoding_choices))
                select.value = parsed.encoding_choices[0][0]
            self.query_one("#import-encoding-row").remove_class("hidden")
        self.query_one("#import-file", Static).update(shown(reading_line(plan)))
        listed = self._fill_rows(plan)
        counts = counts_line(plan, dry_run=True)
        if listed < plan.rows_kept:
            counts += f" (the first {listed:,} shown below)"
        self.query_one("#import-counts", Static).update(shown(counts))
        self.query_one("#import-first", Static).update(shown("\n".join(["", *first_rows_lines(plan)])))
        problems = [line for line in detail_lines(plan, dry_run=True, limit=0) if not line.startswith("  ... and")]
        # the counted groups (created, updated, unchanged) are the table above
        self.query_one("#import-problems", Static).update(shown("\n".join(["", *_without_counted_groups(problems)])))
        self._fill_map(parsed.columns.headers, parsed)
        self.refresh_bindings()
        table = self.query_one("#import-rows", DataTable)
        if table.row_count:
            table.focus()

    def _fill_map(self, headers: list[str], parsed: Any) -> None:
        """The file's columns and what each fills, Enter to change it."""
        self.header_cells = list(headers)
        table = self.query_one("#import-map", DataTable)
        table.clear(columns=True)
        table.add_columns("Column", "Fills")
        maps = []
        if parsed is not None:
            maps = [parsed.columns] + ([parsed.people_columns] if parsed.people_columns is not None else [])
        seen: set[str] = set()
        for index, header in enumerate(headers):
            if not header or header in seen:
                continue
            seen.add(header)
            fills = [m.label(f) for m in maps if (f := m.field_at(index)) is not None]
            hand = self.by_hand.get(header) or next((m.by_hand[header] for m in maps if header in m.by_hand), None)
            text = ", ".join(dict.fromkeys(fills)) or ("left out" if hand == "ignore" else "not used")
            if hand:
                text += " (by hand)"
            table.add_row(shown(header), shown(text), key=header)
        self.query_one("#import-columns-title", Static).update(
            Text("\nColumns (m, then Enter on a column to assign it to a field or leave it out):")
        )
        table.display = bool(headers)

    def _fill_rows(self, plan: Any) -> int:
        from kam_tui.countries import country_name
        from kam_tui.importer.summary import deal_fills_text, fills_text, person_fills_text
        from kam_tui.money import format_money

        kind = plan.parsed.kind if plan.parsed.people_columns is None else "accounts"
        table = self.query_one("#import-rows", PlainTable)
        table.clear(columns=True)
        keys = table.add_columns("Row", "Will", "Name", *ROW_COLUMNS[kind])
        # the name gives way last; what follows it, in the order the columns are read
        table.column_priority = {str(k.value): p for k, p in zip(keys, (100, 100, 90, 60, 50, 40, 30, 20))}
        entries: list[tuple[int, str, str, list[str]]] = []

        def cells(values: Any, fields: tuple[str, ...]) -> list[str]:
            out = []
            for fld in fields:
                value = values(fld)
                if fld in ("annual_revenue", "value"):
                    out.append(format_money(value, values("currency")) if value is not None else "")
                elif fld == "employees" and value is not None:
                    out.append(f"{value:,}")
                elif fld == "country":
                    out.append(country_name(value))
                else:
                    out.append("" if value is None else str(value))
            return out

        def add(groups: tuple[Any, Any, Any], fills: Any, rest: Any) -> None:
            for label, group in zip(("create", "update", "unchanged"), groups):
                for record in group:
                    will = label if label != "update" else f"fill {fills(record)}"
                    entries.append((record.first_row.row, will, record.name, rest(record, label)))

        add(
            (plan.creates, plan.updates, plan.unchanged),
            fills_text,
            lambda t, label: cells(
                (t.fills if label != "unchanged" else {}).get,
                ("country", "industry", "annual_revenue", "employees", "owner"),
            ),
        )
        if plan.people is not None:
            people = plan.people
            add(
                (people.creates, people.updates, people.unchanged),
                person_fills_text,
                lambda p, _label: [
                    p.account.name,
                    *cells(p.value, ("title",)),
                    p.manager.name if p.manager else "",
                    *cells(p.value, ("email", "phone")),
                ],
            )
        if plan.deals is not None:
            deals = plan.deals
            add(
                (deals.creates, deals.updates, deals.unchanged),
                deal_fills_text,
                lambda d, _label: [d.account.name, *cells(d.value, ("value", "status", "expected_close", "closed_on"))],
            )
        entries.sort(key=lambda e: e[0])
        width = 3 + len(ROW_COLUMNS[kind])
        for row, label, name, rest in entries[:PREVIEW_ROWS]:
            table.add_row(*(shown(c) for c in [str(row), label, name, *rest][:width]))
        table.display = bool(entries)
        return min(len(entries), PREVIEW_ROWS)

    def _import_failed(self, exc: Exception) -> None:
        self.busy = False
        self.refresh_bindings()
        self._idle()
        from kam_tui.backup import BackupFailed

        if isinstance(exc, BackupFailed):
            self._status(
                f"Not imported: the database could not be backed up first ({exc}); nothing was written.", error=True
            )
            return
        from kam_tui.store.errors import StorageError

        if isinstance(exc, StorageError):  # says what and where already (a file read-only, a server lost)
            self._status(f"Not imported: {exc}. Nothing was written.", error=True)
            return
        reason = getattr(exc, "orig", None) or exc
        self._status(f"Not imported: the database refused the write ({reason}); nothing was written.", error=True)

    def _imported(self, result: Any) -> None:
        from kam_tui.importer.summary import counts_line

        self.busy = False
        self._idle()
        self.app.notify(counts_line(result.plan, dry_run=False), title="Imported")
        self.dismiss(result)


_COUNTED = ("Would create", "Would update", "Unchanged")


def _without_counted_groups(lines: list[str]) -> list[str]:
    """detail_lines without the created / updated / unchanged groups (the table shows them)."""
    out: list[str] = []
    skipping = False
    for line in lines:
        if not line.startswith("  "):
            skipping = line.startswith(_COUNTED)
        if not skipping:
            out.append(line)
    return out
