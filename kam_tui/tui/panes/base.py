"""What every workspace section has in common."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.widget import Widget

from kam_tui.tui.screens.base import KamScreen

if TYPE_CHECKING:
    from textual import getters

    from kam_tui.tui.app import KamApp


class Pane(Widget):
    """One section of the account workspace.

    Subclasses set TAB_TITLE and HELP (a few lines, in our words, on why this part
    of the plan matters), load their data in `reload()` from the services, and send
    each accepted edit straight back to a service through `app.edit` (autosave)."""

    TAB_TITLE: ClassVar[str] = "Section"
    HELP: ClassVar[str] = ""
    # True once reload() has run through ensure_loaded(). In a screen that sets
    # LAZY_PANES (the workspace), a pane loads its data only when its tab is
    # first shown: opening an account pays for one section, not ten.
    loaded = False

    if TYPE_CHECKING:
        app = getters.app(KamApp)

    def __init__(self, account_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.account_id = account_id

    def on_mount(self) -> None:
        screen = self.screen
        if not (isinstance(screen, KamScreen) and screen.LAZY_PANES):
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

    # ---- what the workspace calls as the tab comes into view

    def section_shown(self) -> None:
        """The tab was shown again after another one: re-read what another section may have changed."""

    def focus_default(self) -> None:
        """Give the keyboard to the section's main widget: by default the first one that takes it."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return

    def show_item(self, item: tuple[str, int]) -> None:
        """Put the cursor on one item of the section (e.g. ("action", 12)), where the section can."""
        self.focus_default()
