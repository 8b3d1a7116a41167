"""What every workspace section has in common."""

from __future__ import annotations

from textual.widget import Widget


class Pane(Widget):
    """One section of the account workspace.

    Subclasses set TAB_TITLE and HELP (a few lines, in our words, on why this part
    of the plan matters), load their data in `reload()` from the services, and send
    each accepted edit straight back to a service (autosave)."""

    TAB_TITLE = "Section"
    HELP = ""

    def __init__(self, account_id: int, **kwargs):
        super().__init__(**kwargs)
        self.account_id = account_id

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:  # pragma: no cover - every pane overrides it
        raise NotImplementedError
