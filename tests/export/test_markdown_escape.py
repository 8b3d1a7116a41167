"""What a KAM typed shows exactly as typed once the Markdown is rendered.

Rendered by a real CommonMark renderer (markdown-it-py, GFM tables on), then
the HTML's visible text is compared to the input with whitespace normalised."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from kam_tui.export.markdown import block, cell, heading, inline, table
from tests.rendered_markdown import CONTROL, TEXT, norm, render, shown

PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(TEXT)
def test_inline_shows_what_was_typed(text):
    out = inline(text)
    assert "\n" not in out
    v = render(out)
    assert norm("".join(v.parts)) == norm(text)
    assert set(v.tags) <= {"p"}  # no heading, list, quote, code, link, html


@PROPS
@given(TEXT)
def test_inline_inside_a_sentence_shows_what_was_typed(text):
    assert shown(f"Account: {inline(text)} (key)") == norm(f"Account: {text} (key)")


@PROPS
@given(TEXT, st.integers(1, 4))
def test_heading_shows_what_was_typed(text, level):
    v = render(heading(level, text))
    assert norm("".join(v.parts)) == norm(text)
    assert v.tags == [f"h{level}"]


@PROPS
@given(TEXT)
def test_block_shows_what_was_typed_line_by_line(text):
    v = render(block(text))
    assert norm("".join(v.parts)) == norm(text)
    assert set(v.tags) <= {"p", "br"}
    # each typed line stays its own line
    lines = [ln for ln in CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n") if ln.strip()]
    assert len(lines) <= v.tags.count("p") + v.tags.count("br") or not lines


@PROPS
@given(st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=1, max_size=4))
def test_table_stays_a_table_and_each_cell_shows_what_was_typed(rows):
    v = render("Before\n\n" + table(["Name", "Role", "Notes"], rows) + "\n\nAfter")
    assert v.rows[0] == ["Name", "Role", "Notes"]
    assert v.rows[1:] == [[norm(c) for c in row] for row in rows]
    assert set(v.tags) <= {"p", "table", "thead", "tbody", "tr", "th", "td", "br"}


@pytest.mark.parametrize(
    "text",
    [
        "# Not a heading",
        "> not a quote",
        "- not a bullet",
        "1. not a list",
        "12) nor this",
        "<script>alert('x')</script>",
        "a | b | c",
        "`code`",
        "**bold** _it_",
        "[link](http://evil)",
        "C# #",
        "---",
        "===",
        "&copy; &amp;",
        "back\\slash\\",
        "🙂 emoji",
        "שלום עולם",
        "مرحبا",
    ],
)
def test_known_tricks_render_literally(text):
    assert shown(inline(text)) == text
    assert shown(block(text)) == text
    assert render(table(["A"], [[text]])).rows == [["A"], [text]]


def test_block_keeps_line_breaks_and_paragraphs():
    v = render(block("first line\n- second\n\n# third"))
    assert v.tags.count("p") == 2 and v.tags.count("br") == 1
    assert norm("".join(v.parts)) == "first line - second # third"


def test_cell_keeps_line_breaks_as_br():
    assert cell("a\nb|c") == "a<br>b\\|c"


def test_short_and_long_rows_keep_the_columns():
    v = render(table(["A", "B"], [["1"], ["1", "2", "3"]]))
    assert v.rows == [["A", "B"], ["1", ""], ["1", "2"]]


def test_terminal_escape_sequences_do_not_reach_the_file():
    out = inline("red\x1b[31m alert\x07") + block("x\x1b]0;title\x07y")
    assert "\x1b" not in out and "\x07" not in out


def test_bidi_overrides_do_not_reach_the_file_so_a_reader_sees_the_real_order():
    out = inline("invoice\u202efdp.exe") + cell("a\u2066b\u2069") + block("x\u202by\u202c")
    assert not set(out) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    assert shown(inline("invoice\u202efdp.exe")) == "invoicefdp.exe"
