"""Command palette (ctrl+p) providers.

Two sources feed the palette:
- `AccountCommands` (here): "Open account: <name>" for every account, from the
  rows the account list last read (`app.portfolio_rows`), so it costs no query.
- `KamApp.get_system_commands`: Textual's system commands, then whatever the
  active screen offers through `palette_commands() -> [(name, help, callback)]`.
  A new screen gets its actions into the palette by defining that method.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kam_tui.services.text import fold_accents

# fuzzy matching every name costs ~20 µs each; past this many accounts, only
# names that contain the typed text (accents and case ignored) are scored
FUZZY_ALL_UP_TO = 2000
MAX_HITS = 50


class AccountCommands(Provider):
    def _rows(self) -> list:
        return list(getattr(self.app, "portfolio_rows", []) or [])

    def _open(self, account_id: int) -> None:
        self.app.open_account(account_id)

    async def discover(self) -> Hits:
        for row in self._rows()[:MAX_HITS]:
            yield DiscoveryHit(f"Open account: {row.name}", partial(self._open, row.id),
                               help="Open its plan in the workspace")

    async def search(self, query: str) -> Hits:
        rows = self._rows()
        words = fold_accents(query.removeprefix("Open account:").strip()).split()
        if len(rows) > FUZZY_ALL_UP_TO:
            rows = [r for r in rows if all(w in fold_accents(r.name) for w in words)] if words else []
        matcher = self.matcher(query)
        hits = 0
        for row in rows:
            text = f"Open account: {row.name}"
            score = matcher.match(text)
            if score <= 0 and words and all(w in fold_accents(row.name) for w in words):
                score = 0.5  # an accent-insensitive substring is a match even when fuzzy misses
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._open, row.id), text=text,
                          help="Open its plan in the workspace")
                hits += 1
                if hits >= MAX_HITS:
                    return
