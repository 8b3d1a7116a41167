"""Where to write one account's plan, and for whom: the whole plan as we keep
it, or the joint plan for the customer's eyes (export/customer.py says what
that leaves out). The file is named by the same rule as `kam export --all`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Input, Select

from kam_tui.tui.edits import Edit
from kam_tui.tui.widgets.form import FieldSpec, FormScreen

if TYPE_CHECKING:
    from sqlmodel import Session

    from kam_tui.tui.app import KamApp

EXPORT_FOLDER = "~/kam-exports"
WHOLE = "whole"
CUSTOMER = "customer"
AUDIENCES = [
    ("The whole plan, as we keep it", WHOLE),
    ("For the customer: goals, actions, meetings and KPIs, nothing of ours alone", CUSTOMER),
]


def default_path(file_name: str, audience: str) -> str:
    """'nordvik-bank.md' -> '~/kam-exports/nordvik-bank.md', or '...-for-customer.md'."""
    stem = file_name.removesuffix(".md")
    return f"{EXPORT_FOLDER}/{stem}-for-customer.md" if audience == CUSTOMER else f"{EXPORT_FOLDER}/{stem}.md"


class ExportForm(FormScreen):
    """The export form; choosing the audience renames the file while it is still the suggested one."""

    def __init__(self, name: str, account_id: int, file_name: str) -> None:
        self.account_name = name
        self.file_name = file_name
        super().__init__(
            f"Export the plan of {name}",
            [
                FieldSpec(
                    "path",
                    "File",
                    value=default_path(file_name, WHOLE),
                    required=True,
                    help="A Markdown file anyone can read without kam. An existing file is replaced.",
                ),
                FieldSpec(
                    "audience",
                    "What to write",
                    "choice",
                    value=WHOLE,
                    choices=AUDIENCES,
                    allow_blank_choice=False,
                    help="The customer's version leaves out attitudes, influence and coverage, SWOT, competitors, "
                    "notes, team gaps and whitespace.",
                ),
            ],
            Edit(export_plan, account_id),
            accept_label="Export",
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "in-audience" or not isinstance(event.value, str):
            return
        path = self.query_one("#in-path", Input)
        suggested = {default_path(self.file_name, audience) for _, audience in AUDIENCES}
        if path.value in suggested:
            path.value = default_path(self.file_name, event.value)


def export_form(app: KamApp, account_id: int) -> ExportForm:
    from kam_tui.export.file_names import plan_file_name
    from kam_tui.services.accounts import account_names, get_account

    with app.session() as s:
        name = get_account(s, account_id).name
        file_name = plan_file_name(account_id, account_names(s))
    return ExportForm(name, account_id, file_name)


def export_plan(s: Session, account_id: int, path: str | Path, audience: str | None = WHOLE) -> Path:
    """Write one account's plan to `path` (~ expanded); returns the path.
    Raises ValidationError("path", ...) with a one-line reason."""
    from kam_tui.errors import ValidationError
    from kam_tui.fsutil import WriteRefused, atomic_write_text
    from kam_tui.services.accounts import get_account

    target = Path(str(path).strip()).expanduser()
    if not str(path).strip():
        raise ValidationError("path", "is required")
    if target.is_dir():
        raise ValidationError("path", f"{target} is a folder; give a file name")
    account = get_account(s, account_id)
    if audience == CUSTOMER:
        from kam_tui.export.customer import render_customer_plan

        text = render_customer_plan(s, account)
    else:
        from kam_tui.export.plan import render_plan

        text = render_plan(s, account)
    try:
        atomic_write_text(target, text)
    except WriteRefused as exc:
        raise ValidationError("path", str(exc)) from None
    return target
