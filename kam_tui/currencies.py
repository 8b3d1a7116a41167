"""ISO 4217 currency codes in use, the symbols people type for them, and the
names CRMs write instead of a code (Dynamics 365's Currency column holds
"US Dollar", "Euro", "Swedish Krona")."""

from __future__ import annotations

import re
import unicodedata

ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL
    BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
    IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL
    LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
    NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD
    SHP SLE SOS SRD SSP STN SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD
    UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL
    """.split()
)

# Unambiguous symbols only; "kr" or "$" alone cannot tell SEK from NOK or USD
# from CAD, so the caller decides what "$" means ("$" is read as USD by convention).
SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₺": "TRY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₪": "ILS",
    "₫": "VND",
    "₴": "UAH",
    "₦": "NGN",
    "₱": "PHP",
    "฿": "THB",
    "zł": "PLN",
    "R$": "BRL",
    "C$": "CAD",
    "A$": "AUD",
    "CHF": "CHF",
    "Fr.": "CHF",
}


# Symbols several currencies share: a cell's symbol may mean any of these, and
# a currency column (or nothing) says which. SYMBOLS above gives the
# convention used when nothing says otherwise ("$" is USD).
SHARED_SYMBOLS: dict[str, frozenset[str]] = {
    "$": frozenset(
        "USD CAD AUD NZD SGD HKD MXN ARS CLP COP TWD BSD BBD BMD BZD FJD JMD LRD NAD SBD SRD TTD XCD".split()
    ),
    "kr": frozenset("SEK NOK DKK ISK".split()),
    "kr.": frozenset("SEK NOK DKK ISK".split()),
    "¥": frozenset("JPY CNY".split()),
    "£": frozenset("GBP EGP FKP GIP SHP".split()),
    "Fr.": frozenset("CHF".split()),
}

# Currency names as CRMs and people write them, English first (ISO 4217's
# names and the common short forms), then the interface languages kam reads
# (German, French, Spanish, Swedish, Turkish) for the currencies met most.
_NAMES = """
USD: US Dollar | U.S. Dollar | United States Dollar | American Dollar | Dollar | US-Dollar | Dollar américain
     | Dollar des États-Unis | Dólar estadounidense | Dólar estadunidense | Dólar | Amerikansk dollar | Amerikan Doları
EUR: Euro | Euros | Avro
GBP: British Pound | Pound Sterling | British Pound Sterling | Sterling | UK Pound | Pound | Britisches Pfund
     | Pfund Sterling | Livre sterling | Libra esterlina | Brittiskt pund | Pund | İngiliz Sterlini | Sterlin
SEK: Swedish Krona | Swedish Kronor | Swedish Crown | Schwedische Krone | Couronne suédoise | Corona sueca
     | Svensk krona | Svenska kronor | İsveç Kronu
NOK: Norwegian Krone | Norwegian Kroner | Norwegische Krone | Couronne norvégienne | Corona noruega | Norsk krona
     | Norsk krone | Norveç Kronu
DKK: Danish Krone | Danish Kroner | Dänische Krone | Couronne danoise | Corona danesa | Dansk krona | Dansk krone
     | Danimarka Kronu
ISK: Icelandic Krona | Icelandic Króna | Isländische Krone | Couronne islandaise | Corona islandesa | Isländsk krona
CHF: Swiss Franc | Swiss Francs | Schweizer Franken | Franken | Franc suisse | Franco suizo | Schweizisk franc
     | İsviçre Frangı
JPY: Japanese Yen | Yen | Japanischer Yen | Yen japonais | Yen japonés | Japansk yen | Japon Yeni
CNY: Chinese Yuan | Chinese Yuan Renminbi | Yuan Renminbi | Renminbi | Yuan | Chinesischer Yuan | Yuan chinois
     | Yuan chino | Kinesisk yuan | Çin Yuanı
TRY: Turkish Lira | Turkish New Lira | Türkische Lira | Livre turque | Lira turca | Turkisk lira | Türk Lirası | TL
INR: Indian Rupee | Indische Rupie | Roupie indienne | Rupia india | Indisk rupie | Hindistan Rupisi
CAD: Canadian Dollar | Kanadischer Dollar | Dollar canadien | Dólar canadiense | Kanadensisk dollar | Kanada Doları
AUD: Australian Dollar | Australischer Dollar | Dollar australien | Dólar australiano | Australisk dollar
     | Avustralya Doları
NZD: New Zealand Dollar | Neuseeland-Dollar | Dollar néo-zélandais | Dólar neozelandés | Nyzeeländsk dollar
SGD: Singapore Dollar | Singapur-Dollar | Dollar de Singapour | Dólar de Singapur | Singaporiansk dollar
HKD: Hong Kong Dollar | Hongkong-Dollar | Dollar de Hong Kong | Dólar de Hong Kong | Hongkongdollar
MXN: Mexican Peso | Mexikanischer Peso | Peso mexicain | Peso mexicano | Mexikansk peso
BRL: Brazilian Real | Real | Brasilianischer Real | Réal brésilien | Real brasileño | Brasiliansk real
ARS: Argentine Peso | Argentinian Peso | Peso argentin | Peso argentino
CLP: Chilean Peso | Peso chilien | Peso chileno
COP: Colombian Peso | Peso colombien | Peso colombiano
PEN: Peruvian Sol | Peruvian Nuevo Sol | Sol | Sol péruvien | Sol peruano
UYU: Uruguayan Peso | Peso uruguayo
ZAR: South African Rand | Rand | Südafrikanischer Rand | Rand sud-africain | Rand sudafricano | Sydafrikansk rand
PLN: Polish Zloty | Polish Złoty | Zloty | Złoty | Polnischer Zloty | Złoty polonais | Zloty polaco | Polsk zloty
     | Polonya Zlotisi
CZK: Czech Koruna | Czech Crown | Tschechische Krone | Couronne tchèque | Corona checa | Tjeckisk krona
HUF: Hungarian Forint | Forint | Ungarischer Forint | Forint hongrois | Forinto húngaro | Ungersk forint
RON: Romanian Leu | Romanian New Leu | Rumänischer Leu | Leu roumain | Leu rumano | Rumänsk leu
BGN: Bulgarian Lev | Bulgarischer Lew | Lev bulgare | Lev búlgaro
RSD: Serbian Dinar | Serbischer Dinar | Dinar serbe
BAM: Bosnia and Herzegovina Convertible Mark | Convertible Mark
MKD: Macedonian Denar | Denar
ALL: Albanian Lek | Lek
MDL: Moldovan Leu
UAH: Ukrainian Hryvnia | Hryvnia | Ukrainische Hrywnja | Hryvnia ukrainienne
RUB: Russian Ruble | Russian Rouble | Rubel | Russischer Rubel | Rouble russe | Rublo ruso | Rysk rubel | Rus Rublesi
BYN: Belarusian Ruble | Belarusian Rouble
KZT: Kazakhstani Tenge | Tenge
GEL: Georgian Lari | Lari
AMD: Armenian Dram | Dram
AZN: Azerbaijani Manat | Manat
ILS: Israeli New Shekel | Israeli Shekel | New Israeli Shekel | Shekel | Israelischer Schekel | Shekel israélien
AED: UAE Dirham | United Arab Emirates Dirham | Emirati Dirham | VAE-Dirham | Dirham des Émirats arabes unis
SAR: Saudi Riyal | Saudi Arabian Riyal | Saudi-Rial | Riyal saoudien | Riyal saudí
QAR: Qatari Riyal | Qatari Rial | Katar-Riyal
KWD: Kuwaiti Dinar | Kuwait-Dinar
BHD: Bahraini Dinar
OMR: Omani Rial
JOD: Jordanian Dinar
EGP: Egyptian Pound | Ägyptisches Pfund | Livre égyptienne | Libra egipcia
MAD: Moroccan Dirham | Marokkanischer Dirham | Dirham marocain
TND: Tunisian Dinar | Dinar tunisien
DZD: Algerian Dinar | Dinar algérien
NGN: Nigerian Naira | Naira
KES: Kenyan Shilling
GHS: Ghanaian Cedi | Cedi
KRW: South Korean Won | Korean Won | Won | Südkoreanischer Won | Won sud-coréen | Won surcoreano | Sydkoreansk won
     | Güney Kore Wonu
TWD: New Taiwan Dollar | Taiwan Dollar | Taiwanese Dollar
THB: Thai Baht | Baht | Thailändischer Baht | Baht thaïlandais
MYR: Malaysian Ringgit | Ringgit
IDR: Indonesian Rupiah | Rupiah
PHP: Philippine Peso | Philippine Piso
VND: Vietnamese Dong | Vietnamese Đồng | Dong
PKR: Pakistani Rupee
BDT: Bangladeshi Taka | Taka
LKR: Sri Lankan Rupee
""".strip()


def _name_key(text: str) -> str:
    """Case, accents, dots, hyphens and spacing do not matter in a name."""
    text = text.replace("ı", "i").replace("İ", "I")
    folded = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[\W_]+", " ", "".join(c for c in folded if not unicodedata.combining(c))).strip()


def _build_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in re.split(r"\n(?=[A-Z]{3}:)", _NAMES):
        code, _, rest = entry.partition(":")
        for name in rest.split("|"):
            names.setdefault(_name_key(name), code.strip())
    return names


CURRENCY_NAMES: dict[str, str] = _build_names()
_CODE_IN_TEXT = re.compile(r"(?:^|[\s(\-])([A-Za-z]{3})(?:$|[\s)\-])")


def currency_of_name(text: str) -> str | None:
    """'US Dollar' -> 'USD'; 'Swedish Krona (SEK)' and 'SEK - Swedish Krona' -> 'SEK'; None if unknown."""
    found = CURRENCY_NAMES.get(_name_key(text))
    if found:
        return found
    for code in _CODE_IN_TEXT.findall(text):
        if code.upper() in ISO_4217 and code.isupper():
            return code
    return None


def normalise_currency(code: str | None) -> str | None:
    """'eur ' -> 'EUR'; '' -> None. Raises ValueError for an unknown code."""
    if code is None:
        return None
    text = code.strip()
    if not text:
        return None
    if text in SYMBOLS:
        return SYMBOLS[text]
    upper = text.upper()
    if upper not in ISO_4217:
        raise ValueError(f"{text!r} is not an ISO 4217 currency code (such as EUR, USD, SEK)")
    return upper


def currency_from_text(text: str) -> str:
    """A currency column's cell as CRMs write it: a code, a symbol or a name
    ('US Dollar', 'Euro', 'Swedish Krona'). Raises ValueError when it is none of them."""
    try:
        found = normalise_currency(text)
    except ValueError:
        found = currency_of_name(text)
    if found is None:
        raise ValueError(f"{text.strip()!r} is not a currency kam knows (a code such as EUR, USD, SEK, or its name)")
    return found
