"""Where an organisation's name goes in an alphabetical list, as a string the database sorts: the directory of
23,000 organisations is ordered and paged by the database, whose order of letters (code points, or the server's
locale) puts І before А and Ә, Қ, Ү after Я, and «Ақ жол» (a quotation mark first) before every name without one.

`name_key(name, language)` writes each letter as its place in the alphabet of `core.collation` (а ә б в г ғ …,
ё with е in Russian), in two characters of 0-9a-z, which every collation orders as ASCII does (glibc's and ICU's
locales ignore spaces and punctuation at first, so neither is written: a space or a dash is the lowest code).
Quotation marks and other punctuation are left out, so «Ақ жол» is filed under А; digits come before letters,
Cyrillic before Latin, as in `core.collation.sort_key` (Latin before Cyrillic in English)."""

from azamat.core.collation import KAZAKH_ALPHABET

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
SEPARATOR, DIGIT, CYRILLIC, LATIN, OTHER = 0, 1, 20, 70, 36 * 36 - 1
_KAZAKH = {letter: CYRILLIC + place for place, letter in enumerate(KAZAKH_ALPHABET)}
_RUSSIAN = {**_KAZAKH, "ё": _KAZAKH["е"]}
_SEPARATORS = frozenset("-‐‑‒–—")
# In English, Latin letters first: the Latin alphabet takes the Cyrillic's codes and the Cyrillic follows it.
_ENGLISH_CYRILLIC = {letter: CYRILLIC + 26 + place for place, letter in enumerate(KAZAKH_ALPHABET)}


def _code(number: int) -> str:
    return _DIGITS[number // 36] + _DIGITS[number % 36]


def name_key(name: str, language: str) -> str:
    """The name's place in a list in `language` ("kk", "ru" or "en"); compare two as plain strings."""
    english = language == "en"
    places = _ENGLISH_CYRILLIC if english else _RUSSIAN if language == "ru" else _KAZAKH
    latin = CYRILLIC if english else LATIN
    codes: list[int] = []
    for char in name.casefold():
        if char in places:
            code = places[char]
        elif "0" <= char <= "9":
            code = DIGIT + int(char)
        elif "a" <= char <= "z":
            code = latin + ord(char) - ord("a")
        elif char.isspace() or char in _SEPARATORS:
            code = SEPARATOR
        elif char.isalnum():
            code = OTHER
        else:  # quotation marks, full stops, brackets: not part of the name's order
            continue
        if code == SEPARATOR and (not codes or codes[-1] == SEPARATOR):
            continue
        codes.append(code)
    while codes and codes[-1] == SEPARATOR:
        codes.pop()
    return "".join(_code(code) for code in codes)


def name_orders(kk: str, ru: str, en: str) -> dict[str, str]:
    """`name_order_<language>` of a record named in three languages, each the key of the name a reader of that
    language sees (their language's, else Russian, else Kazakh, else English)."""
    names = {"kk": kk, "ru": ru, "en": en}
    orders = {}
    for language in ("kk", "ru", "en"):
        name = next((names[code] for code in (language, "ru", "kk", "en") if names[code]), "")
        orders[f"name_order_{language}"] = name_key(name, language)
    return orders
