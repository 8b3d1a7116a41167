"""What changed in a SWOT run since the run before: + added, - removed, ~ edited."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from kam_tui.models import SwotQuadrant, SwotRun
from kam_tui.services.swot import Comparison


def run_date(run: object) -> date:
    """The date of a run in a Comparison (rules know no models: they type the runs as Any)."""
    assert isinstance(run, SwotRun)
    return run.run_on


def _indent(text: str, pad: str) -> str:
    return text.replace("\n", "\n" + pad)


def render_changes(cmp: Comparison) -> Text:
    out = Text()
    if cmp.previous is None:
        out.append(f"The run of {run_date(cmp.run).isoformat()} is the first: nothing to compare with.\n", "bold")
        out.append(
            "Start a new run (N) when you next revisit the SWOT; it begins as a copy of this one, "
            "and this view then shows what you added, removed and edited.",
            "dim",
        )
        return out
    out.append(f"Changes since {run_date(cmp.previous).isoformat()}", "bold")
    out.append(f"  (run of {run_date(cmp.run).isoformat()})\n", "dim")
    if not cmp.has_changes:
        out.append("\nNo changes: every item was carried over as it was.\n", "italic")
    for q in SwotQuadrant:
        added = [it for it in cmp.added if it.quadrant == q]
        removed = [it for it in cmp.removed if it.quadrant == q]
        edited = [(o, n) for o, n in cmp.edited if n.quadrant == q]
        if not (added or removed or edited):
            continue
        out.append(f"\n{q.label}\n", "bold underline")
        for it in added:
            out.append("  + ", "bold green")
            out.append(_indent(it.text, "    ") + "\n", "green")
        for it in removed:
            out.append("  - ", "bold red")
            out.append(_indent(it.text, "    ") + "\n", "red")
        for old, new in edited:
            out.append("  ~ ", "bold yellow")
            if old.text != new.text:
                out.append(_indent(old.text, "    "), "strike dim")
                out.append(" -> ", "yellow")
                out.append(_indent(new.text, "    "))
            else:
                out.append(_indent(new.text, "    "))
            if old.quadrant != new.quadrant:
                out.append(f"  (moved from {old.quadrant.label})", "yellow")
            out.append("\n")
    out.append(f"\n{len(cmp.unchanged)} unchanged · + added  - removed  ~ edited", "dim")
    return out


class SwotChanges(Static):
    def show(self, cmp: Comparison) -> None:
        self.update(render_changes(cmp))
