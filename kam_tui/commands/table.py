"""Plain text tables for the commands: one line per row, always.

On a terminal a table fits its width: the caller drops the columns least
needed first, then the widest text columns are cut short with an ellipsis.
Piped into a file or another program, nothing is cut and nothing wraps: a
row is one line however long (a script wants `--format tsv` or `--json`).
Text from the database is shown as text: characters that would act on the
terminal (escape sequences, controls) are made visible, and markup-like
brackets print as typed. Width is counted in terminal cells, so a name in
Chinese or with accents lines up."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

GAP = "  "
ELLIPSIS = "…"

# C0 controls as their control pictures (ESC shows as ␛), DEL as ␡, C1 controls
# as the replacement mark; tabs and line breaks become spaces (a cell is one line).
_SHOWN = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7F: "\u2421"} | {c: "\ufffd" for c in range(0x80, 0xA0)}
_SHOWN |= {ord("\t"): " ", ord("\n"): " ", ord("\r"): " ", 0x2028: " ", 0x2029: " "}
_SHOWN |= {c: "" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}  # bidi overrides reorder the line


def plain(value: object) -> str:
    """One line of text that shows as itself on a terminal."""
    text = "" if value is None else str(value)
    if text.isascii() and text.isprintable():
        return text
    return text.translate(_SHOWN)


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: wide East Asian characters two, combining marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in an ellipsis when shortened."""
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = cell_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + ELLIPSIS


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # numbers line up on the right
    shrinks: bool = False  # may be cut short to fit a terminal
    min_width: int = 0  # not cut narrower than this
    max_width: int | None = None  # on a terminal, never wider than this


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - cell_width(text))
    return gap + text if right else text + gap


def _width(texts: Sequence[str]) -> int:
    if "".join(texts).isascii():  # nearly every column: one check, then C
        return max(map(len, texts), default=0)
    return max(map(cell_width, texts), default=0)


def _padded(texts: list[str], width: int, right: bool) -> list[str]:
    if "".join(texts).isascii():
        return [t.rjust(width) for t in texts] if right else [t.ljust(width) for t in texts]
    fill = str.rjust if right else str.ljust
    return [fill(t, width) if t.isascii() else _pad(t, width, right) for t in texts]


def render(columns: Sequence[tuple[Column, list[str]]], width: int | None) -> list[str]:
    """The table's lines, header first, from each column and its cells (plain
    text already, see `plain`). `width`: the terminal's, or None on a pipe
    (nothing is cut)."""
    cols = [[c.header, *texts] for c, texts in columns]
    widths = [_width(texts) for texts in cols]
    if width is not None:
        for i, (c, _) in enumerate(columns):
            if c.max_width is not None and widths[i] > c.max_width:
                widths[i] = max(c.max_width, cell_width(c.header))
        over = sum(widths) + len(GAP) * (len(columns) - 1) - width
        for i, (c, _) in enumerate(columns):
            if over <= 0:
                break
            if c.shrinks:
                floor = max(c.min_width, cell_width(c.header))
                give = min(over, max(0, widths[i] - floor))
                widths[i] -= give
                over -= give
        for i, (c, _) in enumerate(columns):
            if c.shrinks or c.max_width is not None:
                cols[i] = [cut(t, widths[i]) for t in cols[i]]
    last = len(columns) - 1
    padded = [
        # the last column unpadded when left-aligned: no trailing blanks in a file
        texts if i == last and not c.right else _padded(texts, widths[i], c.right)
        for i, ((c, _), texts) in enumerate(zip(columns, cols))
    ]
    return list(map(GAP.join, zip(*padded)))


def plain_column(texts: list[str]) -> list[str]:
    """`plain` over a column: one check when no cell needs it, as is usual."""
    if "".join(texts).isprintable():
        return texts
    return [plain(t) for t in texts]


def tsv_line(values: Sequence[object]) -> str:
    """One tab-separated line: a value's own tabs and line breaks become spaces."""
    return "\t".join(plain(v) for v in values)
