"""One rule names every exported plan's file, in `kam export --all` and the app's `x`."""

from __future__ import annotations

import pytest

from kam_tui.export.file_names import file_stem, plan_file_names


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Ærø Bank", "aero-bank"),
        ("Işık", "isik"),
        ("İstanbul Gıda", "istanbul-gida"),
        ("Łódź", "lodz"),
        ("Straße", "strasse"),
        ("Øresund Æble", "oresund-aeble"),
        ("Þórsdóttir ehf.", "thorsdottir-ehf"),
        ("Œuvre Société Générale", "oeuvre-societe-generale"),
        ("Kessler & Söhne / Ulm", "kessler-sohne-ulm"),
        ("東京", "東京"),
        ("Москва", "москва"),
        ("Ａｃｍｅ Ｃｏｒｐ", "acme-corp"),
        ("नमस्ते भारत", "नमस्ते-भारत"),
        ("  3M  ", "3m"),
        ("!!!", ""),
        ("", ""),
    ],
)
def test_a_name_keeps_its_letters(name, stem):
    assert file_stem(name) == stem


def test_a_stem_is_safe_on_every_file_system():
    for name in ['a/b\\c:d*e?f"g<h>i|j', "..", "-x-", "tab\there", "new\nline", "a" * 300]:
        stem = file_stem(name)
        assert not set(stem) & set('/\\:*?"<>|\t\n. '), stem
        assert not stem.startswith("-") and not stem.endswith("-") and len(stem) <= 80


def test_a_name_with_nothing_left_is_named_by_its_own_number():
    assert plan_file_names([(7, "!!!"), (9, "???")]) == {7: "account-7.md", 9: "account-9.md"}


def test_names_that_clean_alike_keep_the_first_added_plain():
    names = plan_file_names([(12, "ACME: nord"), (4, "Acme / Nord")])
    assert names == {4: "acme-nord.md", 12: "acme-nord-12.md"}


def test_the_portfolio_page_and_names_windows_refuses_are_never_used():
    names = plan_file_names([(3, "Index"), (5, "CON"), (6, "Nul")])
    assert names == {3: "index-3.md", 5: "con-5.md", 6: "nul-6.md"}


def test_an_account_keeps_its_file_whatever_is_added():
    first = plan_file_names([(1, "Łódź Steel"), (2, "東京"), (3, "Аэрофлот")])
    later = plan_file_names([(1, "Łódź Steel"), (2, "東京"), (3, "Аэрофлот"), (4, "Lodz Steel"), (5, "A")])
    for account_id, file in first.items():
        assert later[account_id] == file
    assert len(set(later.values())) == 5
