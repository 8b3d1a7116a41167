"""Which column holds which field, by the names CRMs give them
(header_names.py), or as the user assigned them by hand.

Names are compared without case, accents, spaces or punctuation, so 'Account
Name', 'AccountName', 'account_name' and 'ACCOUNT NAME' are one; a column we
do not know is listed in the summary and left out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kam_tui.importer.header_names import FIELD_LABELS, TABLES

KINDS = ("accounts", "contacts", "opportunities")
IGNORE = "ignore"  # what --map and the preview's picker call "do not use this column"

# letters NFKD does not take apart, written as their plain base letters
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ð": "d", "þ": "th"})
_NOT_ALNUM = re.compile(r"[\W_]+")


def header_key(text: str) -> str:
    """'Land (Rechnungsanschrift)' -> 'landrechnungsanschrift'; 'Yıllık Gelir' and
    'YILLIK GELİR' -> 'yillikgelir'; '(Do Not Modify) Account' -> 'donotmodifyaccount'."""
    folded = text.casefold()
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded.translate(_PLAIN_LETTERS))
        folded = "".join(c for c in folded if not unicodedata.combining(c)).translate(_PLAIN_LETTERS)
    return _NOT_ALNUM.sub("", folded)


def _lookup(kind: str) -> dict[str, tuple[str, int]]:
    """header key -> (field, rank) for one kind; a lower rank wins a field."""
    out: dict[str, tuple[str, int]] = {}
    for table_index, table in enumerate(TABLES):
        for fld, names in table.get(kind, {}).items():
            for position, name in enumerate(names):
                out.setdefault(header_key(name), (fld, position * 100 + table_index))
    return out


LOOKUPS: dict[str, dict[str, tuple[str, int]]] = {kind: _lookup(kind) for kind in KINDS}


def field_names(kind: str) -> list[str]:
    """The fields a column of this kind of export can be assigned to."""
    return list(FIELD_LABELS[kind])


@dataclass
class ColumnMap:
    kind: str
    fields: dict[str, int] = field(default_factory=dict)  # field -> column index
    headers: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # header texts we do not use
    by_hand: dict[str, str] = field(default_factory=dict)  # header -> field (or IGNORE), as the user said

    def header_of(self, fld: str) -> str:
        return self.headers[self.fields[fld]]

    def label(self, fld: str) -> str:
        return FIELD_LABELS[self.kind].get(fld, fld)

    def pairs(self) -> list[tuple[str, str]]:
        """(header in the file, what it fills), in file order."""
        by_index = {i: f for f, i in self.fields.items()}
        return [(self.headers[i], self.label(by_index[i])) for i in sorted(by_index)]

    def field_at(self, index: int) -> str | None:
        for fld, i in self.fields.items():
            if i == index:
                return fld
        return None


def map_headers(cells: list[str], kind: str, by_hand: dict[str, str] | None = None) -> ColumnMap:
    """Columns to fields for one kind of export. `by_hand` (header -> field or
    IGNORE, headers compared as header_key does) overrides the names: a column
    assigned by hand wins its field over any column found by name."""
    lookup = LOOKUPS[kind]
    result = ColumnMap(kind, headers=[c.strip() for c in cells])
    hand = {header_key(h): f for h, f in (by_hand or {}).items()}
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column index)
    for index, text in enumerate(result.headers):
        if not text:
            continue
        key = header_key(text)
        if key in hand:
            chosen = hand[key]
            result.by_hand[text] = chosen
            if chosen != IGNORE and chosen in FIELD_LABELS[kind]:
                best[chosen] = (-1, index)
            continue
        found = lookup.get(key)
        if found is None:
            continue
        fld, rank = found
        if fld not in best or rank < best[fld][0]:
            best[fld] = (rank, index)
    chosen_at = {index: fld for fld, (_, index) in best.items()}
    for index, text in enumerate(result.headers):
        if not text:
            continue
        if index in chosen_at:
            result.fields[chosen_at[index]] = index
        elif result.by_hand.get(text) == IGNORE:
            result.ignored.append(f"{text} (ignored by hand)")
        elif (found := lookup.get(header_key(text))) is not None:
            result.ignored.append(f"{text} (another {result.label(found[0])} column)")
        else:
            result.ignored.append(text)
    return result


def header_signature(cells: list[str]) -> str:
    """What makes two files "the same header" for a map the user made by hand."""
    return "|".join(header_key(c) for c in cells if c.strip())


def expected_headers(kind: str, fld: str, count: int = 4) -> str:
    from kam_tui.importer.header_names import ENGLISH

    return ", ".join(ENGLISH[kind][fld][:count])
