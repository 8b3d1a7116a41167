"""Make kam_tui/countries.tsv: every ISO 3166-1 country, its English name, and
the names kam recognises it by when a user types one or a CRM export holds one.

Sources (run once; the table is committed, kam needs neither package):
- the ISO 3166-1 list and its English names: pycountry 26.2.16 (Debian's
  iso-codes), plus Kosovo (XK), which CRMs use though ISO has not assigned it;
- names in other languages: the Unicode CLDR through Babel 2.18.0, in each
  country's own official languages (Deutschland, Sverige, Suomi) and in the
  languages a key account manager's CRM is most often set to
  (Allemagne, Alemania, Tyskland, Almanya, Германия, ドイツ, 德国 ...).

    python -m pip install pycountry==26.2.16 babel==2.18.0   # in a scratch venv
    PYTHONPATH=. python tools/make_countries.py

A name two countries share at the same level of trust is left out rather
than guessed; a name English or a country's own language gives wins over the
same name in another language.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pycountry
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages

from kam_tui.countries import fold_country

OUT = Path(__file__).resolve().parents[1] / "kam_tui" / "countries.tsv"

# English names where ISO's reads like a register entry ("Korea, Republic of")
DISPLAY = {
    "BN": "Brunei",
    "BQ": "Caribbean Netherlands",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "MF": "Saint Martin",
    "PS": "Palestine",
    "RU": "Russia",
    "SH": "Saint Helena",
    "SX": "Sint Maarten",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
    "XK": "Kosovo",
}
# what people and CRMs write besides the names above
ALIASES = {
    "US": ["USA", "U.S.", "U.S.A.", "America", "United States of America", "US of A"],
    "GB": [
        "UK",
        "U.K.",
        "Great Britain",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
        "United Kingdom of Great Britain and Northern Ireland",
    ],
    "NL": ["Holland", "The Netherlands"],
    "CZ": ["Czech Republic"],
    "TR": ["Turkey", "Türkiye", "Turkiye"],
    "KR": ["Korea", "Republic of Korea", "Korea South"],
    "KP": ["Korea North", "DPRK"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CV": ["Cape Verde"],
    "SZ": ["Swaziland"],
    "MM": ["Burma"],
    "MK": ["Macedonia", "FYROM"],
    "VA": ["Vatican", "Holy See"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "SA": ["KSA"],
    "CD": ["DRC", "DR Congo", "Congo-Kinshasa", "Congo Kinshasa", "Zaire"],
    "CG": ["Congo-Brazzaville", "Congo Brazzaville", "Congo Republic"],
    "TL": ["East Timor"],
    "HK": ["Hong Kong SAR", "Hong Kong SAR China"],
    "MO": ["Macau", "Macao SAR"],
    "TW": ["Republic of China", "Chinese Taipei"],
    "CN": ["PRC", "People's Republic of China", "Mainland China"],
    "RU": ["Russian Federation"],
    "VN": ["Viet Nam"],
    "LA": ["Lao PDR"],
    "PS": ["Palestinian Territories", "State of Palestine"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "XK": ["Kosova"],
}
# the interface languages of the CRMs a KAM exports from, after each country's own
LANGUAGES = (
    "de fr es it pt nl sv da nb nn fi is pl cs sk hu ro tr ru uk el bg hr sr sr_Latn sl et lv lt "
    "ca eu gl ga mt sq mk ja zh zh_Hant ko ar he fa hi id ms th vi"
).split()

TRUST_ENGLISH, TRUST_OWN, TRUST_OTHER = 0, 1, 2


def countries() -> list[tuple[str, str, list[str]]]:
    """(code, English display name, English names and codes) for every country."""
    out = []
    for c in pycountry.countries:
        code = c.alpha_2
        names = [code, c.alpha_3, c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")]
        display = DISPLAY.get(code) or getattr(c, "common_name", None) or c.name
        out.append((code, display, [n for n in names if n]))
    out.append(("XK", DISPLAY["XK"], ["XK", "XKX"]))
    return sorted(out)


def cldr_name(language: str, code: str) -> str | None:
    try:
        return Locale.parse(language).territories.get(code)
    except (UnknownLocaleError, ValueError):
        return None


def main() -> int:
    table = countries()
    english = Locale("en").territories
    claims: dict[str, dict[int, set[str]]] = {}  # folded name -> trust -> codes

    def claim(name: str | None, code: str, trust: int) -> None:
        key = fold_country(name or "")
        if key:
            claims.setdefault(key, {}).setdefault(trust, set()).add(code)

    for code, display, names in table:
        for name in [display, english.get(code), *names, *ALIASES.get(code, [])]:
            claim(name, code, TRUST_ENGLISH)
        for language in get_official_languages(code, de_facto=True):
            claim(cldr_name(language, code), code, TRUST_OWN)
        for language in LANGUAGES:
            claim(cldr_name(language, code), code, TRUST_OTHER)

    keys: dict[str, list[str]] = {code: [] for code, _, _ in table}
    dropped = []
    for key, by_trust in sorted(claims.items()):
        codes = by_trust[min(by_trust)]
        if len(codes) == 1:
            keys[next(iter(codes))].append(key)
        else:
            dropped.append((key, sorted(codes)))
    lines = [f"{code}\t{display}\t{'|'.join(keys[code])}" for code, display, _ in table]
    header = (
        "# ISO 3166-1 alpha-2 code, English name, names recognised (folded as kam_tui.countries.fold_country).\n"
        "# Made by tools/make_countries.py from pycountry 26.2.16 and the Unicode CLDR (Babel 2.18.0).\n"
    )
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT}: {len(table)} countries, {sum(map(len, keys.values()))} names", file=sys.stderr)
    for key, codes in dropped:
        print(f"  left out {key!r}: {', '.join(codes)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
