"""Headers as people actually get them: the interface languages, Pipedrive's
'Entity - Field', Dynamics' '(Do Not Modify)' and 'Address 1:' columns, Odoo's
field names; matched whatever the case, accents, punctuation and spacing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kam_tui.importer import parse_file
from kam_tui.importer.header_names import FIELD_LABELS, TABLES
from kam_tui.importer.headers import KINDS, header_key
from tests.importer.crm_files import csv_bytes

ACCOUNT_ROW = ("Müller Präzision AG", "Germany", "12.500.000", "EUR", "1.250", "Machinery")


@pytest.mark.parametrize(
    ("language", "header"),
    [
        ("German", ["Accountname", "Land (Rechnungsanschrift)", "Jahresumsatz", "Währung", "Mitarbeiter", "Branche"]),
        (
            "French",
            [
                "Nom du compte",
                "Pays de facturation",
                "Chiffre d'affaires annuel",
                "Devise",
                "Employés",
                "Secteur d'activité",
            ],
        ),
        (
            "Spanish",
            ["Nombre de la cuenta", "País de facturación", "Ingresos anuales", "Divisa", "Empleados", "Sector"],
        ),
        ("Swedish", ["Kontonamn", "Faktureringsland", "Årsomsättning", "Valuta", "Anställda", "Bransch"]),
        ("Turkish", ["Firma Adı", "Fatura Ülkesi", "Yıllık Gelir", "Para Birimi", "Çalışan Sayısı", "Sektör"]),
        ("Turkish in capitals", ["FİRMA ADI", "FATURA ÜLKESİ", "YILLIK GELİR", "PARA BİRİMİ", "ÇALIŞANLAR", "SEKTÖR"]),
        (
            "Pipedrive",
            [
                "Organization - Name",
                "Organization - Address - Country",
                "Organization - Annual revenue",
                "Organization - Annual revenue currency",
                "Organization - Number of employees",
                "Organization - Industry",
            ],
        ),
        (
            "Dynamics",
            [
                "Account Name",
                "Address 1: Country/Region",
                "Annual Revenue",
                "Currency",
                "Number of Employees",
                "Industry",
            ],
        ),
    ],
)
def test_the_core_account_fields_in_every_language(language, header):
    parsed = parse_file(csv_bytes(header, [ACCOUNT_ROW], delimiter=";"))
    assert parsed.kind == "accounts", language
    assert parsed.rows[0].values == {
        "name": "Müller Präzision AG",
        "country": "DE",  # "Germany" in the file, kept as its code
        "annual_revenue": Decimal(12_500_000),
        "currency": "EUR",
        "employees": 1250,
        "industry": "Machinery",
    }, language


@pytest.mark.parametrize(
    "header",
    [
        ["Vorname", "Nachname", "Accountname", "Titel", "E-Mail", "Telefon", "Vorgesetzter"],
        ["Prénom", "Nom", "Nom du compte", "Titre", "E-mail", "Téléphone", "Rend compte à"],
        ["Nombre", "Apellidos", "Nombre de la cuenta", "Cargo", "Correo electrónico", "Teléfono", "Informa a"],
        ["Förnamn", "Efternamn", "Kontonamn", "Titel", "E-post", "Telefon", "Rapporterar till"],
        ["Ad", "Soyadı", "Hesap Adı", "Unvan", "E-posta", "Telefon", "Raporladığı Kişi"],
        ["First Name", "Last Name", "Account Name", "Title", "Email", "Phone", "Reports To"],
    ],
)
def test_contact_fields_in_every_language(header):
    parsed = parse_file(csv_bytes(header, [("Eva", "Kaya", "Acme", "CFO", "eva@acme.example", "+1 5", "Jo Boss")]))
    assert parsed.kind == "contacts"
    assert parsed.rows[0].values == {
        "name": "Eva Kaya",
        "account_name": "Acme",
        "title": "CFO",
        "email": "eva@acme.example",
        "phone": "+1 5",
        "reports_to": "Jo Boss",
    }


@pytest.mark.parametrize(
    "header",
    [
        ["Opportunity Name", "Account Name", "Amount", "Close Date", "Stage"],
        ["Opportunity-Name", "Accountname", "Betrag", "Schlusstermin", "Phase"],
        ["Nom de l'opportunité", "Nom du compte", "Montant", "Date de clôture", "Étape"],
        ["Nombre de la oportunidad", "Nombre de la cuenta", "Importe", "Fecha de cierre", "Etapa"],
        ["Affärsmöjlighetens namn", "Kontonamn", "Belopp", "Stängningsdatum", "Fas"],
        ["Fırsat Adı", "Hesap Adı", "Tutar", "Kapanış Tarihi", "Aşama"],
    ],
)
def test_opportunity_fields_in_every_language(header):
    parsed = parse_file(csv_bytes(header, [("Big deal", "Acme", "250000", "2026-09-30", "Closed Won")]))
    assert parsed.kind == "opportunities"
    assert parsed.rows[0].values == {
        "name": "Big deal",
        "account_name": "Acme",
        "value": Decimal(250_000),
        "status": "won",
        "expected_close": date(2026, 9, 30),
        "closed_on": date(2026, 9, 30),
    }


@pytest.mark.parametrize(
    ("stage", "status"),
    [
        ("Closed Won", "won"),
        ("Closed lost", "lost"),
        ("closedwon", "won"),
        ("Geschlossen und gewonnen", "won"),
        ("Verloren", "lost"),
        ("Fermée / Gagnée", "won"),
        ("Perdue", "lost"),
        ("Cerrada ganada", "won"),
        ("Stängd förlorad", "lost"),
        ("Kazanıldı", "won"),
        ("Kaybedildi", "lost"),
        ("Closed-Lost to Competition", "lost"),
        ("Negotiation/Review", "open"),
    ],
)
def test_status_from_stage_names(stage, status):
    parsed = parse_file(csv_bytes(["Opportunity Name", "Account Name", "Stage"], [("D", "A", stage)]))
    assert parsed.rows[0].values["status"] == status


def test_odoo_country_and_dynamics_record_ids_are_read():
    parsed = parse_file(
        csv_bytes(["id", "name", "country_id", "website"], [("__export__.p_1", "Acme", "Chile", "a.example")])
    )
    assert parsed.rows[0].values == {
        "name": "Acme",
        "crm_id": "__export__.p_1",
        "country": "CL",
        "website": "a.example",
    }
    parsed = parse_file(csv_bytes(["(Do Not Modify) Account", "Account Name"], [("1c2d-3e4f", "Acme")]))
    assert parsed.rows[0].values["crm_id"] == "1c2d-3e4f"


def test_header_keys_ignore_case_accents_punctuation_and_spacing():
    assert header_key("Land (Rechnungsanschrift)") == header_key("LAND rechnungsanschrift") == "landrechnungsanschrift"
    assert header_key("Yıllık Gelir") == header_key("YILLIK GELİR") == "yillikgelir"
    assert header_key("(Do Not Modify) Account") == "donotmodifyaccount"
    assert header_key("Organization - Name") == header_key("organization_name")


def test_no_header_name_means_two_fields_of_one_kind():
    """The tables are data: a name listed for two fields of one kind would make
    the second never match, silently."""
    for kind in KINDS:
        seen: dict[str, str] = {}
        for table in TABLES:
            for fld, names in table.get(kind, {}).items():
                assert fld in FIELD_LABELS[kind], (kind, fld)
                for name in names:
                    key = header_key(name)
                    assert seen.setdefault(key, fld) == fld, (kind, name, seen[key], fld)
