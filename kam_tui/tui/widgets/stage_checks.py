"""The wizard's list: a stage's checks (done or open) and the sections that stage works in.

Option ids: "check:<key>" for a check, "section:<PaneClass>" for a section."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kam_tui.rules.checklist import Check
from kam_tui.services.checklist import StageChecklist
from kam_tui.tui.widgets.cursor_keys import CursorKeys


def check_prompt(check: Check, light: bool) -> Table:
    # a grid keeps a long detail's wrapped lines under the check, not under its mark
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    if check.done:
        mark = Text("✓", style="bold green")
        text = Text(check.label)
        text.append(f"  {check.detail}", style="dim")
    else:
        mark = Text("○", style="bold yellow")
        text = Text(check.label, style="bold")
        text.append(f"\n{check.detail}", style="yellow")
    if check.essential and not light:
        text.append("  essential", style="italic cyan")
    grid.add_row(mark, text)
    return grid


class StageChecks(OptionList, CursorKeys):
    def show_stage(self, sc: StageChecklist, sections: tuple[tuple[str, str], ...], light: bool) -> None:
        keep = self.highlighted
        self.clear_options()
        open_checks = [c for c in sc.checks if not c.done]
        done_checks = [c for c in sc.checks if c.done]
        options: list = [Option(Text(f"Still open ({len(open_checks)})", style="bold"), disabled=True)]
        if not open_checks:
            options.append(Option(Text("  Nothing open in this stage.", style="green"), disabled=True))
        options += [Option(check_prompt(c, light), id=f"check:{c.key}") for c in open_checks]
        if done_checks:
            options.append(Option(Text(f"Done ({len(done_checks)})", style="bold"), disabled=True))
            options += [Option(check_prompt(c, light), id=f"check:{c.key}") for c in done_checks]
        options.append(Option(Text("Sections to work in", style="bold"), disabled=True))
        options += [
            Option(Text("→ ") + Text(label, style="underline"), id=f"section:{pane}") for pane, label in sections
        ]
        self.add_options(options)
        enabled = [i for i, o in enumerate(options) if not o.disabled]
        target = keep if keep is not None and keep in enabled else (enabled[0] if enabled else None)
        self.highlighted = target
