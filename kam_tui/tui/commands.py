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

# fuzzy matching costs tens of µs a name; past this many accounts the palette
# matches names by substring (accents and case ignored) instead
FUZZY_ALL_UP_TO = 2000
MAX_HITS = 50


class AccountCommands(Provider):
    _folded: list[tuple[object, str]] | None = None

    async def startup(self) -> None:
        # fold every name once per palette opening, not once per keystroke
        self._folded = [(r, fold_accents(r.name)) for r in self._rows()]

    def _rows(self) -> list:
        return list(getattr(self.app, "portfolio_rows", []) or [])

    def _open(self, account_id: int) -> None:
        self.app.open_account(account_id)

    async def discover(self) -> Hits:
        for row in self._rows()[:MAX_HITS]:
            yield DiscoveryHit(f"Open account: {row.name}", partial(self._open, row.id),
                               help="Open its plan in the workspace")

    async def search(self, query: str) -> Hits:
        folded = self._folded if self._folded is not None else [(r, fold_accents(r.name)) for r in self._rows()]
        words = fold_accents(query.removeprefix("Open account:").strip()).split()
        matcher = self.matcher(query)
        if len(folded) > FUZZY_ALL_UP_TO:
            # a big portfolio: plain substring matching (the fuzzy matcher costs
            # too much per name), best placed matches first, at most MAX_HITS
            if not words:
                return
            found = []
            for row, name in folded:
                if all(w in name for w in words):
                    at = name.find(words[0])
                    score = 1.0 if at == 0 else 0.8 if name[at - 1] == " " else 0.6
                    found.append((score, row))
            found.sort(key=lambda pair: -pair[0])
            for score, row in found[:MAX_HITS]:
                text = f"Open account: {row.name}"
                yield Hit(score, matcher.highlight(text), partial(self._open, row.id), text=text,
                          help="Open its plan in the workspace")
            return
        hits = 0
        for row, name in folded:
            text = f"Open account: {row.name}"
            score = matcher.match(text)
            if score <= 0 and words and all(w in name for w in words):
                score = 0.5  # an accent-insensitive substring is a match even when fuzzy misses
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._open, row.id), text=text,
                          help="Open its plan in the workspace")
                hits += 1
                if hits >= MAX_HITS:
                    return
