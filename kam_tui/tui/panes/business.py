"""The customer's business: strategy, money, initiatives, market, organisation,
culture and how they decide, each as free text edited in place."""

from __future__ import annotations

from textual.app import ComposeResult

from kam_tui.tui.panes.base import Pane
from kam_tui.tui.widgets.text_sections import TextSectionsEditor


class BusinessPane(Pane):
    TAB_TITLE = "Business"
    HELP = (
        "The customer's business, in your words: where they are heading, how healthy "
        "they are, what they are working on, their market and products, how they are "
        "organised, their culture, and how they decide and buy. A KAM who knows this "
        "can bring ideas before the customer asks. Pick a section on the left; Enter "
        "or e writes in it, Esc returns. Text is saved as you go."
    )

    def compose(self) -> ComposeResult:
        from kam_tui.services.business import BUSINESS_SECTIONS

        yield TextSectionsEditor(self.account_id, BUSINESS_SECTIONS, id="business-editor")

    def reload(self) -> None:
        self.query_one(TextSectionsEditor).reload()
