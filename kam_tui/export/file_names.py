"""What an exported plan's file is called: one rule for `kam export --all` and
the app's `x`.

A name keeps its letters: Latin ones are written without accents and with the
letters other alphabets lack spelt out (Ærø -> aero, Işık -> isik, Łódź -> lodz,
Straße -> strasse), so the file sorts and types as the name reads; letters of
other scripts (東京, Москва) are kept as they are, since every file system the
plans go to takes them. Everything else becomes one hyphen.

The file of one account never depends on which other accounts exist: two names
that clean to the same stem (`Acme!` and `Acme?`) are told apart by the later
one's own number (`acme-42`), so adding an account never renames another's file.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

# Latin letters that have no decomposition into a base letter and an accent
# (NFKD leaves them whole), spelt as the languages that use them spell them out.
_LATIN_SPELLED: dict[str, str] = {
    "æ": "ae",
    "Æ": "ae",
    "ø": "o",
    "Ø": "o",
    "œ": "oe",
    "Œ": "oe",
    "ß": "ss",
    "ẞ": "ss",
    "ı": "i",
    "ł": "l",
    "Ł": "l",
    "đ": "d",
    "Đ": "d",
    "ð": "d",
    "Ð": "d",
    "þ": "th",
    "Þ": "th",
    "ħ": "h",
    "Ħ": "h",
    "ŧ": "t",
    "Ŧ": "t",
    "ŀ": "l",
    "Ŀ": "l",
    "ĸ": "k",
    "ŋ": "ng",
    "Ŋ": "ng",
    "ſ": "s",
}
MAX_STEM = 80
# index.md is the portfolio's own page in `kam export --all`; the rest are
# names Windows refuses for a file, whatever follows the dot
RESERVED = frozenset(
    {"index", "con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
)


def _is_latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN ")


def _spell(char: str) -> str:
    """One character as it goes into a file name ("" for a mark, "-" for a gap)."""
    if char in _LATIN_SPELLED:
        return _LATIN_SPELLED[char]
    category = unicodedata.category(char)
    if category[0] == "M":
        return char  # a mark of another script (Devanagari, Thai) belongs to its letter
    if category[0] not in "LN":
        return "-"
    if char.isascii():
        return char.lower()
    if _is_latin(char):
        # é -> e, ǅ -> dz, ﬁ -> fi: the letters without their accents
        return "".join(_spell(c) for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFKC", char)
    if folded != char and folded.isascii():  # full-width Ａ, superscript ²
        return "".join(_spell(c) for c in folded)
    return char.lower()


def file_stem(name: str) -> str:
    """The file name (without .md) a plan called `name` gets; "" when nothing
    of the name is left (a name of punctuation only)."""
    spelled = "".join(_spell(c) for c in unicodedata.normalize("NFC", name))
    stem = "-".join(part for part in spelled.split("-") if part)
    stem = unicodedata.normalize("NFC", stem)
    return stem[:MAX_STEM].rstrip("-")


def plan_file_names(accounts: Iterable[tuple[int, str]]) -> dict[int, str]:
    """Each account's plan file ("stem.md"), by account id. Where stems clash,
    the account added first keeps the plain one and each later one adds its
    own id; a name with nothing left is "account-<id>"."""
    by_stem: dict[str, list[tuple[int, str]]] = {}
    for account_id, name in accounts:
        by_stem.setdefault(file_stem(name), []).append((account_id, name))
    taken = set(by_stem) | RESERVED
    out: dict[int, str] = {}
    for stem, group in by_stem.items():
        for n, (account_id, _) in enumerate(sorted(group)):
            if stem and n == 0 and stem not in RESERVED:
                out[account_id] = f"{stem}.md"
                continue
            own = f"{stem or 'account'}-{account_id}"
            while own in taken:  # another account's name reads "Acme 42": add the number again
                own = f"{own}-{account_id}"
            taken.add(own)
            out[account_id] = f"{own}.md"
    return out


def plan_file_name(account_id: int, accounts: Iterable[tuple[int, str]]) -> str:
    """The file one account's plan is written to, among all the accounts."""
    return plan_file_names(accounts)[account_id]
