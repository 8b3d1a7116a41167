"""Text from users and files as it may reach a terminal: nothing in it acts on
the terminal (escape sequences, C1 controls, bidi overrides), and ordinary
text of every script passes untouched."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from kam_tui.text import MAX_COMBINING, display_text, json_text

# what a terminal acts on instead of showing
ACTING = (
    {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]}
    | set("\u2028\u2029")
    | set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


@pytest.mark.parametrize(
    "text",
    [
        "Acme",
        "Société Générale",
        "東京海上",
        "Αθήνα",
        "Ярославль",
        "שלום עולם",
        "مرحبا",
        "Nguyễn",
        "🙂 ACME [EMEA]",
        "",
    ],
)
def test_ordinary_text_of_every_script_is_left_as_it_is(text):
    assert display_text(text) == text
    assert display_text(text, multiline=True) == text


def test_escape_sequences_show_as_visible_pictures_not_as_effects():
    osc52 = "x\x1b]52;c;aGVsbG8=\x07y"
    assert display_text(osc52) == "x␛]52;c;aGVsbG8=␇y"
    assert display_text("a\x1b]8;;http://evil.example\x1b\\link") == "a␛]8;;http://evil.example␛\\link"
    assert display_text("\x00\x7f") == "␀␡"


def test_c1_controls_and_lone_surrogates_become_the_replacement_mark():
    assert display_text("a\x9b31mb\x85c") == "a\ufffd31mb\ufffdc"
    shown = display_text("a\ud800b")
    assert shown == "a\ufffdb"
    shown.encode("utf-8")  # printable: a lone surrogate would raise here


def test_bidi_overrides_are_dropped_so_the_rest_of_the_line_keeps_its_order():
    assert display_text("invoice\u202efdp.exe done") == "invoicefdp.exe done"
    assert display_text("\u2066a\u2067b\u2068c\u2069") == "abc"


def test_line_breaks_and_tabs_are_spaces_on_one_line_and_kept_in_a_note():
    assert display_text("a\nb\tc\r\nd\u2028e") == "a b c  d e"
    assert display_text("a\nb\tc\r\nd\re\u2028f", multiline=True) == "a\nb\tc\nd\ne\nf"


def test_a_pile_of_combining_marks_is_cut_short_and_normal_accents_kept():
    zalgo = "e" + "\u0301" * 50 + "x"
    assert display_text(zalgo) == "e" + "\u0301" * MAX_COMBINING + "x"
    assert display_text("ệ ñ") == "ệ ñ"


def test_json_keeps_the_data_and_writes_nothing_a_terminal_acts_on():
    data = ["a\x1bb\x9bc\x7f\u202ed\u2028e", "Société 東京"]
    dumped = json_text(json.dumps(data, ensure_ascii=False))
    assert json.loads(dumped) == data
    assert not ACTING & set(dumped)
    assert "Société 東京" in dumped


@given(st.text())
def test_nothing_that_acts_on_a_terminal_ever_passes(text):
    for multiline in (False, True):
        shown = display_text(text, multiline=multiline)
        allowed = set("\n\t") if multiline else set()
        assert not (ACTING - allowed) & set(shown)
        shown.encode("utf-8")
    assert display_text(display_text(text)) == display_text(text)
