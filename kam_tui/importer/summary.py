"""What the user is told about an import, as plain lines (CLI and screen)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kam_tui.countries import country_name
from kam_tui.importer.deals import DEAL_FIELDS, DEAL_LABELS, Deal, DealPlan
from kam_tui.importer.people import PERSON_FIELDS, PERSON_LABELS, PeoplePlan, Person
from kam_tui.importer.planning import FIELD_LABELS, FILLABLE, Plan, Target
from kam_tui.money import format_money
from kam_tui.text import counted


def describe_file(plan: Plan) -> list[str]:
    parsed = plan.parsed
    lines = [f"Read as: {parsed.kind_words} export"]
    if parsed.sheet:
        lines.append(f"Sheet: {parsed.sheet}")
    else:
        lines.append(f"Encoding: {parsed.encoding}" + (f" ({parsed.encoding_note})" if parsed.encoding_note else ""))
        lines.append(f"Delimiter: {parsed.delimiter_name}")
    lines.append(f"Header: {parsed.header_where}")
    lines += columns_lines(plan, short=True)
    if parsed.date_order:
        lines.append("Dates read as " + ("day/month/year" if parsed.date_order == "dmy" else "month/day/year"))
    return lines


def reading_line(plan: Plan) -> str:
    """'A HubSpot accounts export, read as UTF-8, comma-separated, header on row 1.' (for the screen)."""
    parsed = plan.parsed
    kind = parsed.kind_words
    line = f"{kind[0].upper()}{kind[1:]} export"
    if parsed.sheet:
        line += f", sheet {parsed.sheet!r}, header on {parsed.header_where}"
    else:
        line += f", read as {parsed.encoding}, {parsed.delimiter_name}-separated, header on {parsed.header_where}"
    if parsed.date_order:
        line += ", dates " + ("day first" if parsed.date_order == "dmy" else "month first")
    line += "."
    if parsed.encoding_note:
        line += f" Note: {parsed.encoding_note}."
    return line


def columns_lines(plan: Plan, *, short: bool = False) -> list[str]:
    parsed = plan.parsed
    maps = [parsed.columns] + ([parsed.people_columns] if parsed.people_columns is not None else [])
    lines = []
    for columns in maps:
        title = "Columns" if short else "Columns used"
        if len(maps) > 1:
            title += " for people" if columns.kind == "contacts" else " for companies"
        lines.append(f"{title}: " + "; ".join(f"{h} -> {f}" for h, f in columns.pairs()))
    if parsed.columns.ignored:
        lines.append(("Ignored columns: " if short else "Columns ignored: ") + ", ".join(parsed.columns.ignored))
    return lines


def _counts(creates: int, updates: int, unchanged: int, skipped: int, verb: str) -> str:
    return f"{creates:,} {verb}created, {updates:,} {verb}updated, {unchanged:,} unchanged, {skipped:,} skipped"


def counts_line(plan: Plan, *, dry_run: bool) -> str:
    """'8 rows read, 8 created, 0 updated, 0 unchanged, 0 skipped', by kind when
    the file held more than accounts."""
    verb = "would be " if dry_run else ""
    parsed = plan.parsed
    parts = [f"{counted(parsed.rows_read, 'row')} read"]
    kinds: list[tuple[str, str]] = []
    if parsed.kind == "accounts":
        kinds.append(
            (
                "accounts",
                _counts(len(plan.creates), len(plan.updates), len(plan.unchanged), len(plan.problems), verb),
            )
        )
    for word, part in (("people", plan.people), ("deals", plan.deals)):
        if part is not None:
            kinds.append(
                (word, _counts(len(part.creates), len(part.updates), len(part.unchanged), len(part.problems), verb))
            )
    if len(kinds) == 1 and kinds[0][0] == "accounts":
        parts.append(kinds[0][1])
    else:
        parts.append("; ".join(f"{word}: {text}" for word, text in kinds))
    if parsed.left_out:
        parts.append(f"{len(parsed.left_out):,} left out as deleted or merged in the CRM")
    merged = len(plan.merged) + sum(len(p.merged) for p in (plan.people, plan.deals) if p is not None)
    if merged:
        parts.append(f"{merged:,} merged as duplicates")
    if parsed.left_empty:
        parts.append(f"{counted(len(parsed.left_empty), 'cell')} left empty")
    return ", ".join(parts)


def fills_text(target: Target) -> str:
    shown = []
    for fld in (f for f in FILLABLE if f in target.fills):
        if fld == "currency" and "annual_revenue" in target.fills:
            continue
        shown.append(FIELD_LABELS[fld])
    return ", ".join(shown)


def person_fills_text(person: Person) -> str:
    shown = [PERSON_LABELS[f] for f in PERSON_FIELDS if f in person.fills]
    if person.manager is not None:
        shown.append(f"reports to {person.manager.name}")
    return ", ".join(shown)


def deal_fills_text(deal: Deal) -> str:
    return ", ".join(
        DEAL_LABELS[f] for f in DEAL_FIELDS if f in deal.fills and not (f == "currency" and "value" in deal.fills)
    )


def revenue_text(target: Target) -> str:
    return format_money(target.value("annual_revenue"), target.value("currency"))


def _person_line(p: Person) -> str:
    title = p.value("title")
    line = f"{p.rows[0]}: {p.name}" + (f", {title}" if title else "") + f" at {p.account.name}"
    if p.manager is not None:
        line += f", reports to {p.manager.name}"
    return line


def _deal_line(d: Deal) -> str:
    amount = format_money(d.value("value"), d.value("currency"))
    status = d.value("status") or "open"
    return f"{d.rows[0]}: {d.name} at {d.account.name} ({status}{', ' + amount if amount else ''})"


def detail_lines(plan: Plan, *, dry_run: bool, limit: int | None = None) -> list[str]:
    """One line per create/update/unchanged/skip; `limit` caps the long groups
    (problems, merges and notes are always listed in full). Only the lines
    shown are formatted: 10,000 created rows print 50."""
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

    would = "Would create" if dry_run else "Created"
    would_update = "Would update" if dry_run else "Updated"
    group(would, plan.creates, created)
    group(
        would_update,
        plan.updates,
        lambda t: f"{t.rows[0]}: {t.name} (matched by {t.matched_by}): fills {fills_text(t)}",
    )
    group(
        "Unchanged",
        plan.unchanged,
        lambda t: f"{t.rows[0]}: {t.name} (matched by {t.matched_by}): nothing empty to fill",
    )
    people: PeoplePlan | None = plan.people
    if people is not None:
        group(f"{would} (people)", people.creates, _person_line)
        group(
            f"{would_update} (people)",
            people.updates,
            lambda p: (
                f"{p.rows[0]}: {p.name} at {p.account.name} (matched by {p.matched_by}): fills {person_fills_text(p)}"
            ),
        )
        group(
            "Unchanged (people)",
            people.unchanged,
            lambda p: f"{p.rows[0]}: {p.name} at {p.account.name} (matched by {p.matched_by}): nothing empty to fill",
        )
    deals: DealPlan | None = plan.deals
    if deals is not None:
        group(f"{would} (deals)", deals.creates, _deal_line)
        group(
            f"{would_update} (deals)",
            deals.updates,
            lambda d: (
                f"{d.rows[0]}: {d.name} at {d.account.name} (matched by {d.matched_by}): fills {deal_fills_text(d)}"
            ),
        )
        group(
            "Unchanged (deals)",
            deals.unchanged,
            lambda d: f"{d.rows[0]}: {d.name} at {d.account.name} (matched by {d.matched_by}): nothing to change",
        )
    group("Skipped, not imported", sorted(plan.skipped, key=_row_of), capped=False)
    group("Cells left empty (could not be read)", plan.parsed.left_empty, capped=False)
    group("Left out (deleted or merged in the CRM)", plan.parsed.left_out, capped=False)
    merged = plan.merged + sum((p.merged for p in (people, deals) if p is not None), [])
    group("Merged duplicates", merged, capped=False)
    notes = plan.parsed.notes + plan.notes + sum((p.notes for p in (people, deals) if p is not None), [])
    group("Notes", notes, capped=False)
    return out


def _row_of(problem: Any) -> int:
    try:
        return int(str(problem.where).split()[1])
    except (IndexError, ValueError):
        return 0


FIRST_ROWS = 5
# what a row's values are called when shown, in the order shown
_SHOWN = (
    ("name", "name"),
    ("crm_id", "CRM id"),
    ("account_name", "account"),
    ("account_crm_id", "account's CRM id"),
    ("title", "title"),
    ("department", "department"),
    ("email", "email"),
    ("phone", "phone"),
    ("reports_to", "reports to"),
    ("reports_to_id", "reports to (CRM id)"),
    ("last_contact", "last contact"),
    ("country", "country"),
    ("industry", "industry"),
    ("annual_revenue", "revenue"),
    ("value", "amount"),
    ("employees", "employees"),
    ("owner", "owner"),
    ("website", "website"),
    ("status", "status"),
    ("expected_close", "expected close"),
    ("closed_on", "closed on"),
    ("notes", "notes"),
)


def row_text(values: dict[str, Any]) -> str:
    """Every value a row gives, as it will land: 'name: Acme · revenue: USD 139,000,000 · employees: 4,200'."""
    parts = []
    for fld, label in _SHOWN:
        value = values.get(fld)
        if value is None or value == "":
            continue
        if fld in ("annual_revenue", "value"):
            text = format_money(value, values.get("currency"))
        elif fld == "employees":
            text = f"{value:,}"
        elif fld == "country":
            text = country_name(value)
        elif hasattr(value, "isoformat"):
            text = value.isoformat()
        else:
            text = " / ".join(str(value).splitlines())
        parts.append(f"{label}: {text}")
    return " · ".join(parts)


def first_rows_lines(plan: Plan, count: int = FIRST_ROWS) -> list[str]:
    """The first rows of the file as they will be read, every mapped field shown."""
    parsed = plan.parsed
    rows = sorted(parsed.rows[:count] + parsed.people[:count], key=lambda r: r.row)[:count]
    if not rows:
        return []
    return [f"First rows as read ({len(rows)} of {parsed.rows_read:,}):"] + [
        f"  {r.where}: {row_text(r.values)}" for r in rows
    ]
