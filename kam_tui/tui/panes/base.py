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
    # True once reload() has run through ensure_loaded(). In a screen that sets
    # LAZY_PANES (the workspace), a pane loads its data only when its tab is
    # first shown: opening an account pays for one section, not ten (issue 8).
    loaded = False

    def __init__(self, account_id: int, **kwargs):
        super().__init__(**kwargs)
        self.account_id = account_id

    def on_mount(self) -> None:
        if not getattr(self.screen, "LAZY_PANES", False):
            self.ensure_loaded()

    def ensure_loaded(self) -> bool:
        """Load the data once; True if it was loaded just now."""
        if self.loaded:
            return False
        self.loaded = True
        self.reload()
        return True

    def reload(self) -> None:  # pragma: no cover - every pane overrides it
        raise NotImplementedError
