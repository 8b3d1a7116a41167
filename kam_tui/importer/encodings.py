"""Which Windows code page a file that is not UTF-8 was written in.

Excel saves a CSV in the code page of the computer's language: 1252 Western,
1250 Central European, 1251 Cyrillic, 1254 Turkish, 1257 Baltic, 1253 Greek.
Every byte decodes in most of them, so the bytes alone do not tell: the text
does. Each candidate's text is judged as a reader would, word by word:

- no control characters (C1) and no byte the code page leaves undefined;
- each word in one script (Latin, Cyrillic or Greek), never a mix ('Mьller');
- no symbol wedged between letters ('Wroc³aw': a Polish ł read as 1252);
- no capital after a small letter inside a word ('aÝ'), no Ý opening a word
  nor ý after a vowel (Turkish İ and ı read as 1252: 'Ýstanbul', 'Yýl');
- the accented letters of each word belong to one language that writes
  with them ('Þiþecam' belongs to none: Turkish Ş read as 1252).

Among the plausible candidates, the one whose words use fewer rare letters
wins, then the user's locale, then Western (1252). When the best are equally
good and read the letters differently, EncodingUnknown asks which it is, with
names shown both ways."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass

from kam_tui.importer.errors import ImportRefused

# Greek (1253) is tried only on a Greek computer: any Cyrillic text reads as Greek letters too
CODE_PAGES = ("cp1252", "cp1250", "cp1251", "cp1254", "cp1257")
LABELS = {
    "cp1252": "Windows-1252",
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp1253": "Windows-1253",
    "cp1254": "Windows-1254",
    "cp1257": "Windows-1257",
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 with BOM",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16 (little-endian)",
    "utf_16_be": "UTF-16 (big-endian)",
    "latin_1": "ISO-8859-1 (Latin-1)",
    "iso8859_15": "ISO-8859-15 (Latin-9)",
    "iso8859_9": "ISO-8859-9 (Turkish)",
    "iso8859_2": "ISO-8859-2 (Latin-2)",
    "mac_roman": "Mac Roman",
}
# the code page Excel uses for a locale's language
_LOCALE_PAGES = {
    **dict.fromkeys("tr az".split(), "cp1254"),
    **dict.fromkeys("pl cs sk hu hr sl ro bs sq".split(), "cp1250"),
    **dict.fromkeys("ru uk bg be mk sr kk ky tg mn".split(), "cp1251"),
    **dict.fromkeys("lt lv et".split(), "cp1257"),
    "el": "cp1253",
}

# non-ASCII letters of the languages written in these code pages (Icelandic and
# Faroese left out on purpose: their ð, þ and ý are what Turkish looks like in 1252)
_LETTERS = {
    "de": "äöüß",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "es": "áéíñóúü",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "ca": "àçèéíïòóúü",
    "nl": "áéëïóöü",
    "sv": "åäöé",
    "no": "æøåéóòô",
    "da": "æøåé",
    "fi": "äöåšž",
    "sq": "çë",
    "tr": "çğıöşüâîû",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "hr": "čćđšž",
    "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž",
    "et": "äõöüšž",
}
_WESTERN = "de fr es pt it ca nl sv no da fi sq et"
# the languages whose writers use each code page: a word must belong to one of them
_PAGE_LANGUAGES = {
    page: tuple(frozenset(_LETTERS[lang]) for lang in langs.split())
    for page, langs in {
        "cp1252": _WESTERN,
        "cp1254": _WESTERN + " tr",
        "cp1250": "pl cs sk hu ro hr sq de",
        "cp1257": "lt lv et de sv fi da no",
    }.items()
}
# ý is not among them: in a Western file it is Turkish ı read as 1252
_COMMON = frozenset("éèêëàâáäåæçíîïñóôöøúûüßşığčšžłąęśćńźżřěůœőűășțāēīūė")
_VOWELS = frozenset("aeiouyäöüáéíóú")
_WORD = re.compile(r"[^\W\d_]+")
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u00a1-\u00bf\u00d7\u00f7\u2020-\u203a\u0080-\u009f](?=[^\W\d_])")
_C1 = re.compile(r"[\u0080-\u009f]")


class EncodingUnknown(ImportRefused):
    """Several code pages give plausible text that differs: the user must say which
    (--encoding, or the preview's choice)."""

    def __init__(self, choices: list[tuple[str, str]]):
        self.choices = choices  # (codec, names read that way)
        shown = "; ".join(f"{label_of(c)} reads {sample}" for c, sample in choices)
        options = " or ".join(f"--encoding {option_name(c)}" for c, _ in choices)
        super().__init__(
            f"the file is not UTF-8 and its code page cannot be told from the text: {shown}; say which with {options}"
        )


@dataclass(frozen=True)
class _Reading:
    codec: str
    text: str
    score: tuple[int, int]  # (words with a letter few names use, languages the letters need)


def label_of(codec: str) -> str:
    name = _canonical(codec)
    return LABELS.get(name, codec)


def option_name(codec: str) -> str:
    """What to type after --encoding: 'windows-1254' for cp1254."""
    name = _canonical(codec)
    return f"windows-{name[2:]}" if name.startswith("cp125") else name.replace("_", "-")


def _canonical(codec: str) -> str:
    try:
        return codecs.lookup(codec).name.replace("-", "_")
    except LookupError:
        return codec


def known_encoding(name: str) -> str | None:
    """The codec for a name the user typed ('windows-1254', 'cp1254', 'latin1'), or None."""
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_as(data: bytes, name: str) -> str:
    codec = known_encoding(name)
    if codec is None:
        raise ImportRefused(f"{name!r} is not an encoding kam knows (e.g. utf-8, windows-1252, windows-1254)")
    if codec.replace("-", "_") == "utf_8" and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if codec.startswith("utf-16") and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        codec = "utf-16"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            f"the file is not {label_of(codec)} text (byte 0x{data[exc.start]:02x} on line {line}); "
            "try another --encoding, or leave it out and kam finds it"
        ) from None


def locale_page() -> str | None:
    """The code page Excel would use on this computer, from the locale's language."""
    for var in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = os.environ.get(var)
        if value:
            return _LOCALE_PAGES.get(value.split("_")[0].split(".")[0].lower())
    return None


def candidates() -> list[str]:
    first = locale_page()
    return [first, *[c for c in CODE_PAGES if c != first]] if first else list(CODE_PAGES)


def _script(ch: str) -> str:
    if ch.isascii():
        return "LATIN"
    try:
        return unicodedata.name(ch).split(" ", 1)[0]
    except ValueError:
        return "?"


def _plain(ch: str) -> str:
    """The lower-case letter, a Turkish dotted capital İ read as i."""
    low = ch.lower()
    return low[0] if len(low) > 1 else low


def _judge(words: set[str], codec: str) -> tuple[int, int] | None:
    """(words with a rare letter, languages needed for all the accented
    letters); None when the text is implausible."""
    languages = _PAGE_LANGUAGES.get(codec, ())
    rare = 0
    used: set[str] = set()
    for word in words:
        scripts = {_script(ch) for ch in word}
        if len(scripts) > 1:
            return None
        if scripts != {"LATIN"}:
            continue  # Cyrillic and Greek words: one script is all we ask
        letters = {low for ch in word if not ch.isascii() and not (low := _plain(ch)).isascii()}
        if not letters:
            continue
        for prev, ch in zip(word, word[1:]):
            if not ch.isascii() and ch.isupper() and prev.islower():
                return None
            if ch == "ý" and prev.lower() in _VOWELS:
                return None
        if word[0] == "Ý" and len(word) > 1 and word[1].islower():
            return None
        if languages and not any(letters <= language for language in languages):
            return None
        used |= letters
        if letters - _COMMON:
            rare += 1
    return rare, _languages_needed(used, languages)


def _languages_needed(letters: set[str], languages: tuple[frozenset[str], ...]) -> int:
    """How few of the languages write all these letters (greedy: good enough to rank)."""
    left, count = set(letters), 0
    while left and languages:
        best = max(languages, key=lambda lang: len(left & lang))
        if not left & best:
            break
        left -= best
        count += 1
    return count


def _read(data: bytes, codec: str) -> _Reading | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if _C1.search(text) or _SYMBOL_IN_WORD.search(text):
        return None
    words = {w for w in _WORD.findall(text) if not w.isascii()}
    score = _judge(words, codec)
    return None if score is None else _Reading(codec, text, score)


def _differing_words(a: str, b: str, limit: int = 3) -> tuple[list[str], list[str]]:
    """The first words two readings of the same bytes spell differently."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    left, right = [], []
    for x, y in zip(wa, wb):
        if x != y and x not in left:
            left.append(x)
            right.append(y)
            if len(left) == limit:
                break
    return left, right


def pick_code_page(data: bytes, order: list[str] | None = None) -> tuple[str, str, list[str]]:
    """(codec, text, plausible candidates that read differently but worse) for
    bytes that are not UTF-8. Raises EncodingUnknown when the best candidates
    read the letters differently, ImportRefused when none gives plausible text."""
    readings = [r for c in (order or candidates()) if (r := _read(data, c)) is not None]
    if not readings:
        raise ImportRefused(
            "the file is not UTF-8, and no Windows code page reads it as plausible text; "
            "save it from the CRM or Excel as 'CSV UTF-8', or name its encoding with --encoding"
        )
    best = min(r.score for r in readings)
    top = [r for r in readings if r.score == best]
    leader = top[0]
    others = [r for r in top[1:] if r.text != leader.text]
    if not others or _western_leads(leader, order):
        worse = [r.codec for r in readings if r.text != leader.text]
        return leader.codec, leader.text, worse
    raise EncodingUnknown(describe_choices(data, [leader.codec, *(r.codec for r in others)]))


def describe_choices(data: bytes, codecs_: list[str]) -> list[tuple[str, str]]:
    """(codec, the first words it reads differently from the first codec) for
    each: what the preview shows so that the user can pick the right one."""
    texts = {c: data.decode(c, errors="replace") for c in codecs_}
    first = texts[codecs_[0]]
    out = []
    for codec in codecs_:
        other = texts[codecs_[1]] if codec == codecs_[0] and len(codecs_) > 1 else first
        mine, _ = _differing_words(texts[codec], other)
        out.append((codec, ", ".join(repr(w) for w in mine)))
    return out


def _western_leads(leader: _Reading, order: list[str] | None) -> bool:
    """The locale's code page, or Western when the locale names none, wins a tie:
    it is what Excel on this computer writes."""
    first = (order or candidates())[0]
    return leader.codec == first
