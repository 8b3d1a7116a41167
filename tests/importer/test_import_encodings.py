"""Code pages Excel writes: the one whose text is plausible is chosen and named;
when plausible readings disagree, kam asks (never garbled names with exit 0)."""

from __future__ import annotations

import pytest

from kam_tui.importer import EncodingUnknown, ImportRefused, parse_file
from kam_tui.importer.encodings import pick_code_page
from tests.importer.crm_files import csv_bytes

ACCOUNTS = ["Account Name", "Billing Country"]


@pytest.mark.parametrize(
    ("names", "codec", "label"),
    [
        (["Şişecam İstanbul", "Yıldız Holding A.Ş.", "Ağaç Sanayi"], "cp1254", "Windows-1254"),
        (["Müller Präzision AG", "Café Lumière SARL", "Skärgård Logistik AB"], "cp1252", "Windows-1252"),
        (["Zakłady Łódź S.A.", "Przedsiębiorstwo Wrocław", "Škoda Dvořák s.r.o."], "cp1250", "Windows-1250"),
        (["ООО Газпром нефть", "Московский завод"], "cp1251", "Windows-1251"),
        (["Šiaulių bankas", "Klaipėdos uostas", "Rīgas ūdens"], "cp1257", "Windows-1257"),
    ],
)
def test_the_plausible_code_page_is_chosen_and_named(names, codec, label):
    data = csv_bytes(ACCOUNTS, [(n, "X") for n in names], delimiter=";", encoding=codec)
    parsed = parse_file(data)
    assert parsed.encoding == label
    assert [r.values["name"] for r in parsed.rows] == names
    assert "not UTF-8" in parsed.encoding_note


def test_turkish_read_as_western_is_never_taken():
    data = "Şişecam İstanbul".encode("cp1254")
    codec, text, others = pick_code_page(data, ["cp1252", "cp1250", "cp1251", "cp1254", "cp1257"])
    assert (codec, text) == ("cp1254", "Şişecam İstanbul")


def test_readings_that_disagree_are_asked_with_the_exact_option():
    data = csv_bytes(ACCOUNTS, [("Ağaç", "X")], encoding="cp1254")
    with pytest.raises(EncodingUnknown) as caught:
        parse_file(data)
    message = str(caught.value)
    assert "'Ağaç'" in message and "--encoding windows-1254" in message
    assert [c for c, _ in caught.value.choices][0] == "cp1254"
    assert isinstance(caught.value, ImportRefused)  # refused: nothing is imported


def test_the_encoding_given_is_used_as_it_is():
    data = csv_bytes(ACCOUNTS, [("Ağaç", "X")], encoding="cp1254")
    parsed = parse_file(data, encoding="windows-1254")
    assert parsed.rows[0].values["name"] == "Ağaç" and "as you said" in parsed.encoding
    parsed = parse_file(data, encoding="cp1257")
    assert parsed.rows[0].values["name"] != "Ağaç"  # the user's word wins, wrong or not


def test_an_encoding_that_does_not_fit_the_bytes_is_refused_with_where():
    data = csv_bytes(ACCOUNTS, [("Ağaç", "X")], encoding="cp1254")
    with pytest.raises(ImportRefused) as caught:
        parse_file(data, encoding="utf-8")
    assert "line 2" in str(caught.value)


def test_the_locale_leads(monkeypatch):
    data = csv_bytes(ACCOUNTS, [("Ağaç", "X")], encoding="cp1254")
    monkeypatch.setenv("LC_ALL", "tr_TR.UTF-8")
    assert parse_file(data).rows[0].values["name"] == "Ağaç"
