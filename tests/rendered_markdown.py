"""What a reader of the exported Markdown sees: a real CommonMark renderer
(markdown-it-py, GFM tables on) and the HTML's visible text with whitespace
normalised, plus hostile text for property tests (pieces that mean something
to Markdown, mixed into random Unicode)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import strategies as st
from markdown_it import MarkdownIt

MD = MarkdownIt("commonmark").enable("table")
# what the export drops: controls that are not whitespace, and the bidi overrides
# and isolates (they would reorder the rest of the reader's line)
CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")

# Pieces that mean something to Markdown, mixed into random Unicode.
TRICKY = [
    "|",
    "`",
    "```",
    "~~~",
    "#",
    "## ",
    " #",
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "10.",
    "---",
    "===",
    "***",
    "<script>alert(1)</script>",
    "<b>",
    "<!-- x -->",
    "&amp;",
    "&copy;",
    "&#35;",
    "\\",
    "\\|",
    "*",
    "_",
    "__",
    "[",
    "]",
    "](http://x)",
    "![a](b)",
    "<http://x.y>",
    "http://example.com",
    "!",
    "~",
    "\n",
    "\n\n",
    "  ",
    "\t",
    "    code",
    "🙂",
    "👩‍💼",
    "שלום",
    "مرحبا",
    "\u202e",
    "\u200f",
    "é",
    "ﬁ",
    "\u00a0",
]
ALPHABET = st.characters(blacklist_categories=("Cs",))
TEXT = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(ALPHABET, max_size=8)), max_size=12).map("".join)


class Visible(HTMLParser):
    """The text a reader sees, with block and <br> boundaries as spaces, and
    the cells of each table row."""

    BREAKS = {"p", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "blockquote", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in self.BREAKS:
            self.parts.append(" ")
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []
        if tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in self.BREAKS:
            self.parts.append(" ")
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(norm("".join(self._cell)))
            self._cell = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)


def norm(text: str) -> str:
    return " ".join(CONTROL.sub("", text.replace("\r", "\n")).split())


def render(markdown: str) -> Visible:
    v = Visible()
    v.feed(MD.render(markdown))
    v.close()
    return v


def shown(markdown: str) -> str:
    return norm("".join(render(markdown).parts))
