"""Import accounts from a CRM export: a path, a preview of exactly what would
happen, then one key to write it all in one transaction (or Esc, and nothing
happened).

`ImportScreen(path=None)` dismisses with the ImportResult, or None when the
user leaves without importing; the account list refreshes on a result."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.suggester import Suggester
from textual.widgets import DataTable, Header, Input, Label, ProgressBar, Select, Static

from kam_tui.tui.screens.base import KamScreen
from kam_tui.tui.widgets.footer import KamFooter
from kam_tui.tui.widgets.plain_table import PlainTable

PREVIEW_ROWS = 200
DATE_ORDERS = [("Day first: 14/3/2026", "dmy"), ("Month first: 3/14/2026", "mdy")]


class PathSuggester(Suggester):
    """Completes a path as it is typed (→ accepts), preferring CSV and text files."""

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
        entries.sort(key=lambda p: (not (p.is_dir() or p.suffix.lower() in (".csv", ".txt", ".tsv")), p.name))
        if not entries:
            return None
        best = entries[0]
        return value + best.name[len(stem) :] + ("/" if best.is_dir() else "")


class PreviewRows(PlainTable):
    """What each row of the file would do."""


class ImportScreen(KamScreen[object]):
    TITLE = "Import from your CRM"
    HELP = (
        "Bring the accounts you already keep in Salesforce, HubSpot or a spreadsheet "
        "into kam, so scoring starts from your real portfolio, not a blank page. "
        "Export the accounts to CSV, give the file's path, check the preview, then "
        "import. A matching account (same CRM id, name or website) only gets the "
        "fields it is missing; nothing you wrote is overwritten. New accounts arrive "
        "as candidates: you decide which are key by scoring them."
    )
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
        Binding("i,f2", "do_import", "Import", id="import.apply"),
    ]

    def __init__(self, path: str | Path | None = None):
        super().__init__()
        self.initial_path = str(path) if path else ""
        self.parsed = None
        self.plan = None
        self.dates: str | None = None
        self.busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Accounts from a Salesforce or HubSpot export, or any CSV with an account name "
            "column. Nothing is written until you press i.",
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
        yield Static("", id="import-status", markup=False)
        yield ProgressBar(id="import-progress", show_eta=False, classes="hidden")
        with VerticalScroll(id="import-preview"):
            yield Static("", id="import-file", markup=False)
            yield Static("", id="import-counts", markup=False)
            table = PreviewRows(id="import-rows", cursor_type="row", zebra_stripes=True)
            table.add_columns("Row", "Will", "Name", "Country", "Industry", "Revenue", "Employees", "Owner")
            yield table
            yield Static("", id="import-problems", markup=False)
            yield Static("", id="import-columns", markup=False)
        yield KamFooter()

    def on_mount(self) -> None:
        self.query_one("#import-rows").display = False
        path_input = self.query_one("#import-path", Input)
        path_input.focus()
        if self.initial_path:
            self.preview()

    # ---- actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "do_import":
            return True if self.plan is not None and not self.busy else None
        return True

    def action_cancel(self) -> None:
        if self.busy:
            self.notify("The import is being written; it finishes in a moment.", severity="warning")
            return
        self.dismiss(None)

    @on(Input.Submitted, "#import-path")
    def _path_given(self) -> None:
        self.dates = None
        self.query_one("#import-dates-row").add_class("hidden")
        self.preview()

    @on(Select.Changed, "#import-dates")
    def _dates_given(self, event: Select.Changed) -> None:
        if event.value in ("dmy", "mdy") and event.value != self.dates:
            self.dates = str(event.value)
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
        self._preview_worker(Path(path).expanduser(), self.dates, engine)

    def action_do_import(self) -> None:
        if self.plan is None or self.busy:
            return
        if not self.plan.changes_anything:
            self.notify("Nothing to import: every row is already in kam, or skipped.", title="Import")
            return
        self.busy = True
        self.refresh_bindings()
        self._status("Importing ...")
        self._working(len(self.plan.creates) + len(self.plan.updates))
        self._import_worker(self.parsed, self.app.engine)

    # ---- workers (threads: only call_from_thread touches the screen) --------

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _preview_worker(self, path: Path, dates: str | None, engine) -> None:
        from kam_tui.importer import DateOrderUnknown, ImportRefused, make_plan, parse_file, read_file

        try:
            parsed = parse_file(read_file(path), dates=dates)
            with engine.connect() as conn:
                plan = make_plan(conn, parsed)
        except DateOrderUnknown as exc:
            self.app.call_from_thread(self._ask_dates, exc)
            return
        except ImportRefused as exc:
            self.app.call_from_thread(self._refused, f"Not imported: {exc}")
            return
        except Exception as exc:  # a database that cannot be read: say so, never a traceback
            self.app.call_from_thread(self._refused, f"Could not preview: {exc}")
            return
        self.app.call_from_thread(self._show_plan, parsed, plan)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def _import_worker(self, parsed, engine) -> None:
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

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.update(text)
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
        for wid in ("#import-file", "#import-counts", "#import-problems", "#import-columns"):
            self.query_one(wid, Static).update("")
        table = self.query_one("#import-rows", DataTable)
        table.clear()
        table.display = False

    def _refused(self, message: str) -> None:
        self._idle()
        self._status(message, error=True)
        self.query_one("#import-path", Input).focus()

    def _ask_dates(self, exc) -> None:
        self._idle()
        self._status(
            f"Column {exc.header!r} holds dates like {exc.example!r} ({exc.where}) whose day and month "
            "cannot be told apart: choose the order below.",
            error=True,
        )
        self.query_one("#import-dates-row").remove_class("hidden")
        self.query_one("#import-dates", Select).focus()

    def _show_plan(self, parsed, plan) -> None:
        from kam_tui.importer.summary import columns_lines, counts_line, reading_line

        self._idle()
        self.parsed, self.plan = parsed, plan
        self.refresh_bindings()
        self._status(
            "Preview: nothing is written yet. i imports, Esc leaves without importing."
            if plan.changes_anything
            else "Preview: this file would change nothing in kam."
        )
        self.query_one("#import-file", Static).update(reading_line(plan))
        self.query_one("#import-columns", Static).update("\n".join(["", *columns_lines(plan)]))
        shown = self._fill_rows(plan)
        counts = counts_line(plan, dry_run=True)
        if shown < len(plan.creates) + len(plan.updates) + len(plan.unchanged):
            counts += f" (the table shows the first {shown} rows)"
        self.query_one("#import-counts", Static).update(counts)
        lines = [""]
        if plan.problems:
            lines.append(f"Skipped, not imported ({len(plan.problems)}):")
            lines += [f"  {p}" for p in plan.problems]
        notes = plan.merged + plan.parsed.notes + plan.notes
        if notes:
            lines.append("Notes:")
            lines += [f"  {n}" for n in notes]
        self.query_one("#import-problems", Static).update("\n".join(lines) if len(lines) > 1 else "")
        table = self.query_one("#import-rows", DataTable)
        if table.row_count:
            table.focus()

    def _fill_rows(self, plan) -> int:
        from kam_tui.importer.summary import fills_text
        from kam_tui.money import format_money

        table = self.query_one("#import-rows", DataTable)
        table.clear()
        entries = (
            [("create", t) for t in plan.creates]
            + [("update", t) for t in plan.updates]
            + [("unchanged", t) for t in plan.unchanged]
        )
        entries.sort(key=lambda e: e[1].first_row.row)
        for will, target in entries[:PREVIEW_ROWS]:
            shown = target.fills if will != "unchanged" else {}

            def cell(fld: str, shown: dict = shown) -> str:
                value = shown.get(fld)
                return "" if value is None else str(value)

            revenue = (
                format_money(shown.get("annual_revenue"), target.value("currency")) if "annual_revenue" in shown else ""
            )
            label = will if will != "update" else f"fill {fills_text(target)}"
            table.add_row(
                str(target.first_row.row),
                label,
                target.name,
                cell("country"),
                cell("industry"),
                revenue,
                cell("employees"),
                cell("owner"),
            )
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
        reason = getattr(exc, "orig", None) or exc
        self._status(f"Not imported: the database refused the write ({reason}); nothing was written.", error=True)

    def _imported(self, result) -> None:
        from kam_tui.importer.summary import counts_line

        self.busy = False
        self._idle()
        self.app.notify(counts_line(result.plan, dry_run=False), title="Imported")
        self.dismiss(result)
