"""What the user is told about an import, as plain lines (CLI and screen)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kam_tui.importer.planning import FIELD_LABELS, FILLABLE, Plan, Target
from kam_tui.money import format_money


def describe_file(plan: Plan) -> list[str]:
    parsed = plan.parsed
    lines = [
        f"Encoding: {parsed.encoding}" + (f" ({parsed.encoding_note})" if parsed.encoding_note else ""),
        f"Delimiter: {parsed.delimiter_name}",
        f"Header: {parsed.header_where}",
    ]
    lines.append("Columns: " + "; ".join(f"{h} -> {f}" for h, f in parsed.columns.pairs()))
    if parsed.columns.ignored:
        lines.append("Ignored columns: " + ", ".join(parsed.columns.ignored))
    if parsed.date_order:
        lines.append("Dates read as " + ("day/month/year" if parsed.date_order == "dmy" else "month/day/year"))
    return lines


def reading_line(plan: Plan) -> str:
    """'Read as UTF-8, comma-separated, header on row 1.' (one line, for the screen)."""
    parsed = plan.parsed
    line = f"Read as {parsed.encoding}, {parsed.delimiter_name}-separated, header on {parsed.header_where}"
    if parsed.date_order:
        line += ", dates " + ("day first" if parsed.date_order == "dmy" else "month first")
    line += "."
    if parsed.encoding_note:
        line += f" Note: {parsed.encoding_note}."
    return line


def columns_lines(plan: Plan) -> list[str]:
    columns = plan.parsed.columns
    lines = ["Columns used: " + ", ".join(f"{h} -> {f}" for h, f in columns.pairs())]
    if columns.ignored:
        lines.append("Columns ignored: " + ", ".join(columns.ignored))
    return lines


def counts_line(plan: Plan, *, dry_run: bool) -> str:
    verb = "would be " if dry_run else ""
    parts = [
        f"{plan.parsed.rows_read:,} rows read",
        f"{len(plan.creates):,} {verb}created",
        f"{len(plan.updates):,} {verb}updated",
        f"{len(plan.unchanged):,} unchanged",
        f"{len(plan.problems):,} skipped",
    ]
    if plan.merged:
        parts.append(f"{len(plan.merged):,} merged as duplicates")
    return ", ".join(parts)


def fills_text(target: Target) -> str:
    shown = []
    for fld in (f for f in FILLABLE if f in target.fills):
        if fld == "currency" and "annual_revenue" in target.fills:
            continue
        shown.append(FIELD_LABELS[fld])
    return ", ".join(shown)


def revenue_text(target: Target) -> str:
    return format_money(target.value("annual_revenue"), target.value("currency"))


def detail_lines(plan: Plan, *, dry_run: bool, limit: int | None = None) -> list[str]:
    """One line per create/update/unchanged/skip; `limit` caps the first three
    groups (problems, merges and notes are always listed in full). Only the
    lines shown are formatted: 10,000 created rows print 50."""
    out: list[str] = []

    def group(title: str, items: Sequence[Any], line: Callable[[Any], str] = str, *, capped: bool = True) -> None:
        if not items:
            return
        out.append(f"{title} ({len(items):,}):")
        shown = items if limit is None or not capped else items[:limit]
        out.extend("  " + line(item) for item in shown)
        if len(shown) < len(items):
            out.append(f"  ... and {len(items) - len(shown):,} more (--all lists every row)")

    def created(t: Target) -> str:
        revenue = revenue_text(t)
        return f"{t.rows[0]}: {t.name}" + (f" ({revenue})" if revenue else "")

    group("Would create" if dry_run else "Created", plan.creates, created)
    group(
        "Would update" if dry_run else "Updated",
        plan.updates,
        lambda t: f"{t.rows[0]}: {t.name} (matched by {t.matched_by}): fills {fills_text(t)}",
    )
    group(
        "Unchanged",
        plan.unchanged,
        lambda t: f"{t.rows[0]}: {t.name} (matched by {t.matched_by}): nothing empty to fill",
    )
    group("Skipped, not imported", plan.problems, capped=False)
    group("Merged duplicates", plan.merged, capped=False)
    group("Notes", plan.parsed.notes + plan.notes, capped=False)
    return out
