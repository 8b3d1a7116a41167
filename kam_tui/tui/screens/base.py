"""What every screen of kam has in common: an `app` the type checker knows is
a KamApp (so `self.app.edit(...)` and `self.app.session()` are checked), a few
lines of help, and the screen's own entries for the command palette."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, NamedTuple, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual import getters

    from kam_tui.tui.app import KamApp

ResultType = TypeVar("ResultType")


class PaletteCommand(NamedTuple):
    """One entry a screen adds to the command palette (ctrl+p)."""

    name: str
    help: str
    callback: Callable[[], object]


class KamScreen(Screen[ResultType]):
    # A few lines, in our words, on why this part of the plan matters (the help screen shows them).
    HELP: ClassVar[str] = ""
    # True where workspace sections load their data only when first shown (see Pane.ensure_loaded).
    LAZY_PANES: ClassVar[bool] = False

    if TYPE_CHECKING:
        # only for the type checker: at run time Textual's own `app` is used, and
        # app.py imports the screens lazily, so there is no import cycle to pay for
        app = getters.app(KamApp)

    def palette_commands(self) -> list[PaletteCommand]:
        """This screen's actions for the palette, beside its keys (which the palette lists by itself)."""
        return []


class KamModal(ModalScreen[ResultType]):
    """A screen over another one: a form, a question, the help."""

    HELP: ClassVar[str] = ""

    if TYPE_CHECKING:
        app = getters.app(KamApp)
