"""Alphabetical order as Kazakh and Russian readers expect it, where Python's code-point order puts ә, қ, ң, ө, ұ,
ү, һ and і after я.

`sort_key(text)` orders by the Kazakh alphabet (а ә б в г ғ д е ё ж з и й к қ л м н ң о ө п р с т у ұ ү ф х һ ц ч
ш щ ъ ы і ь э ю я), which keeps every Russian letter in its Russian place, so one order serves both languages; in
Russian ё sorts with е, as Russian dictionaries do. Case is ignored except to break ties. Spaces and punctuation
come first, then digits, then Cyrillic, then Latin letters (Latin first in English).
"""

from collections.abc import Callable, Collection, Iterable
from typing import TypeVar

from django.utils.translation import get_language

T = TypeVar("T")

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_POSITION = {letter: index for index, letter in enumerate(KAZAKH_ALPHABET)}
_RUSSIAN_POSITION = {**_POSITION, "ё": _POSITION["е"]}
# Classes of characters, in the order they sort.
_SEPARATOR, _DIGIT, _CYRILLIC, _LATIN, _OTHER = range(5)


def _language(language: str | None) -> str:
    return (language or get_language() or "kk")[:2]


def sort_key(text: str, language: str | None = None) -> tuple:
    """A key for sorted(): `text` in the alphabetical order of `language` (the active language when not given)."""
    lang = _language(language)
    positions = _RUSSIAN_POSITION if lang == "ru" else _POSITION
    latin = _CYRILLIC if lang == "en" else _LATIN
    cyrillic = _LATIN if lang == "en" else _CYRILLIC
    primary = []
    for char in str(text).casefold():
        if char in positions:
            primary.append((cyrillic, positions[char]))
        elif char.isdigit():
            primary.append((_DIGIT, ord(char)))
        elif "a" <= char <= "z":
            primary.append((latin, ord(char)))
        elif char.isspace() or not char.isalnum():
            primary.append((_SEPARATOR, ord(char)))
        else:
            primary.append((_OTHER, ord(char)))
    return (tuple(primary), str(text))


def sorted_alphabetically(
    items: Iterable[T], *, key: Callable[[T], str] = str, language: str | None = None
) -> list[T]:
    """`items` in alphabetical order of `key(item)` in `language` (the active language when not given)."""
    lang = _language(language)
    return sorted(items, key=lambda item: sort_key(key(item), lang))


def sorted_choices(
    choices: Iterable[tuple], *, last: Collection = (), language: str | None = None
) -> list[tuple]:
    """Form choices, `(value, label)` pairs, in alphabetical order of their labels in `language` (the active
    language when not given); the blank choice ("All regions", value "" or None) stays first, and the values
    in `last` ("Other") stay at the end.

    The one way a list people pick from is ordered: plain choice fields call it on their pairs, and
    `azamat.core.fields.AlphabeticalModelChoiceField` on the rows of its queryset."""
    blank, rest, tail = [], [], []
    for choice in choices:
        if choice[0] in ("", None):
            blank.append(choice)
        elif choice[0] in last:
            tail.append(choice)
        else:
            rest.append(choice)
    return blank + sorted_alphabetically(rest, key=lambda choice: str(choice[1]), language=language) + tail
