"""The organisations import's columns: the headers people write for each, in Kazakh, Russian and English."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

# What a column holds. "name" is a name in no stated language: it fills whichever of name_kk and name_ru
# the file lacks (both are required by the model, so a file with one name gives it to both).
NAME_COLUMNS = ("name_kk", "name_ru")
GENERIC_NAME = "name"

# Headers of a name in no stated language. Written in Kazakh or in Russian, they hint at the name's
# language when a file has two of them ("Атауы" and "Наименование").
_ENGLISH_NAME_STEMS = (
    "name",
    "full name",
    "organisation name",
    "organization name",
    "name of organisation",
    "name of organization",
    "name of the organisation",
    "name of the organization",
)
_RUSSIAN_NAME_STEMS = (
    "наименование",
    "название",
    "полное наименование",
    "наименование организации",
    "название организации",
    "полное наименование организации",
    "наименование нко",
)
_KAZAKH_NAME_STEMS = ("атауы", "атау", "толық атауы", "ұйымның атауы", "ұйым атауы", "ұйымның толық атауы")
_NAME_STEMS = _ENGLISH_NAME_STEMS + _RUSSIAN_NAME_STEMS + _KAZAKH_NAME_STEMS
_LANGUAGE_MARKERS = {
    "name_kk": (
        "kk",
        "kz",
        "kaz",
        "kazakh",
        "in kazakh",
        "каз",
        "казах",
        "казахский",
        "на казахском",
        "на казахском языке",
        "на гос языке",
        "на государственном языке",
        "қаз",
        "қазақ",
        "қазақша",
        "қазақ тілінде",
        "мемлекеттік тілде",
    ),
    "name_ru": (
        "ru",
        "rus",
        "russian",
        "in russian",
        "рус",
        "русский",
        "на русском",
        "на русском языке",
        "орыс",
        "орысша",
        "орыс тілінде",
    ),
}


def _names(column: str) -> tuple[str, ...]:
    """A name column's headers: every stem with its language marker, before or after it."""
    return tuple(
        phrase
        for stem, marker in itertools.product(_NAME_STEMS, _LANGUAGE_MARKERS[column])
        for phrase in (f"{stem} {marker}", f"{marker} {stem}")
    )


# The headers accepted for each column, compared after header_key() (case, spaces and punctuation do not
# matter: "БИН организации:", "бин  организации" and "Бин-организации" are the same header).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "bin": (
        "bin",
        "бин",
        "бсн",
        "bin организации",
        "бин организации",
        "бин организаций",
        "бин бсн",
        "бсн бин",
        "иин бин",
        "бин иин",
        "жсн бсн",
        "бсн жсн",
        "ұйымның бсн",
        "ұйымның бсн ы",
        "ұйым бсн",
        "organisation bin",
        "organization bin",
        "business identification number",
        "бизнес идентификационный номер",
        "бизнес сәйкестендіру нөмірі",
    ),
    "name_kk": ("name_kk", *_names("name_kk")),
    "name_ru": ("name_ru", *_names("name_ru")),
    GENERIC_NAME: _NAME_STEMS,
    "legal_form": (
        "legal_form",
        "legal form",
        "organisational form",
        "organizational form",
        "организационно правовая форма",
        "орг правовая форма",
        "правовая форма",
        "опф",
        "форма",
        "ұйымдық құқықтық нысаны",
        "ұйымдық құқықтық нысан",
        "құқықтық нысаны",
        "ұқн",
    ),
    "registered_on": (
        "registered_on",
        "registered on",
        "registration date",
        "date of registration",
        "дата регистрации",
        "дата государственной регистрации",
        "дата гос регистрации",
        "дата первичной регистрации",
        "тіркелген күні",
        "тіркеу күні",
        "мемлекеттік тіркеу күні",
        "мемлекеттік тіркелген күні",
    ),
    "region_kato": (
        "region_kato",
        "region kato",
        "region",
        "kato",
        "kato code",
        "регион",
        "регион като",
        "като",
        "код като",
        "область",
        "область город",
        "регион область",
        "облыс",
        "облысы",
        "облыс қала",
        "өңір",
        "аймақ",
        "като коды",
    ),
    "address": (
        "address",
        "legal address",
        "postal address",
        "адрес",
        "юридический адрес",
        "почтовый адрес",
        "фактический адрес",
        "мекенжай",
        "мекенжайы",
        "заңды мекенжайы",
        "пошта мекенжайы",
    ),
    "areas": (
        "areas",
        "areas of activity",
        "area of activity",
        "activity areas",
        "сфера деятельности",
        "сферы деятельности",
        "направление деятельности",
        "направления деятельности",
        "области деятельности",
        "вид деятельности",
        "виды деятельности",
        "қызмет саласы",
        "қызмет салалары",
        "қызмет бағыты",
        "қызмет бағыттары",
        "қызмет түрі",
    ),
    "short_name": (
        "short_name",
        "short name",
        "abbreviation",
        "краткое наименование",
        "сокращенное наименование",
        "краткое название",
        "сокращенное название",
        "қысқаша атауы",
        "қысқартылған атауы",
    ),
    "about_kk": (
        "about_kk",
        "about in kazakh",
        "about the organisation in kazakh",
        "об организации на казахском",
        "описание на казахском",
        "ұйым туралы қазақша",
        "сипаттама қазақша",
    ),
    "about_ru": (
        "about_ru",
        "about in russian",
        "about the organisation in russian",
        "об организации на русском",
        "описание на русском",
        "ұйым туралы орысша",
        "сипаттама орысша",
    ),
    "about_en": (
        "about_en",
        "about in english",
        "about the organisation in english",
        "об организации на английском",
        "описание на английском",
        "ұйым туралы ағылшынша",
    ),
    "description": (
        "description",
        "about",
        "about the organisation",
        "about the organization",
        "описание",
        "об организации",
        "о организации",
        "ұйым туралы",
        "сипаттама",
        "сипаттамасы",
    ),
    "staff_count": (
        "staff_count",
        "staff count",
        "staff",
        "number of staff",
        "employees",
        "штат",
        "количество сотрудников",
        "численность сотрудников",
        "численность персонала",
        "численность работников",
        "количество работников",
        "сотрудники",
        "қызметкерлер саны",
        "қызметкерлер",
        "штат саны",
    ),
    "volunteer_count": (
        "volunteer_count",
        "volunteer count",
        "volunteers",
        "number of volunteers",
        "количество волонтеров",
        "численность волонтеров",
        "волонтеры",
        "количество добровольцев",
        "волонтерлер саны",
        "волонтерлер",
        "еріктілер саны",
        "еріктілер",
    ),
    "website": (
        "website",
        "web site",
        "site",
        "web",
        "url",
        "сайт",
        "веб сайт",
        "интернет ресурс",
        "сайты",
        "интернет ресурсы",
    ),
    "email": (
        "email",
        "e mail",
        "mail",
        "email address",
        "е mail",
        "электронная почта",
        "эл почта",
        "адрес электронной почты",
        "почта",
        "электрондық пошта",
        "эл пошта",
        "пошта",
    ),
    "phone": (
        "phone",
        "phone number",
        "telephone",
        "tel",
        "телефон",
        "тел",
        "телефоны",
        "контактный телефон",
        "номер телефона",
        "телефон номері",
        "байланыс телефоны",
    ),
    "alliance_bin": (
        "alliance_bin",
        "alliance bin",
        "network bin",
        "бин ассоциации",
        "бин альянса",
        "бин сети",
        "бин объединения",
        "қауымдастықтың бсн",
        "қауымдастық бсн",
    ),
}


def header_key(value: Any) -> str:
    """A header as compared: case-folded, ё as е, every run of punctuation and spaces as one space."""
    text = "" if value is None else str(value)
    text = text.replace("\ufeff", "").casefold().replace("ё", "е")
    return " ".join("".join(char if char.isalnum() else " " for char in text).split())


def header_label(value: Any) -> str:
    """A header as the person wrote it, for messages: without the BOM, spaces and a required-mark `*`."""
    text = "" if value is None else str(value)
    return " ".join(text.replace("\ufeff", "").strip().strip("*").split())


COLUMN_OF_HEADER: dict[str, str] = {
    header_key(phrase): column for column, phrases in SYNONYMS.items() for phrase in phrases
}
_LANGUAGE_OF_NAME_HEADER = {
    **{header_key(stem): "name_ru" for stem in _RUSSIAN_NAME_STEMS},
    **{header_key(stem): "name_kk" for stem in _KAZAKH_NAME_STEMS},
}


@dataclass(frozen=True)
class Column:
    """One column of the file: its header as written, and the columns of the import it supplies."""

    index: int
    header: str
    fields: tuple[str, ...] = ()  # empty: ignored


@dataclass(frozen=True)
class Mapping:
    """How a header row maps onto the import's columns."""

    columns: list[Column]

    @property
    def sources(self) -> dict[str, Column]:
        """Each import column and the file column that supplies it."""
        return {field: column for column in self.columns for field in column.fields}

    @property
    def found(self) -> list[Column]:
        return [column for column in self.columns if column.fields]

    @property
    def ignored(self) -> list[Column]:
        return [column for column in self.columns if not column.fields and column.header]

    def has_bin_and_name(self) -> bool:
        sources = self.sources
        return "bin" in sources and any(name in sources for name in NAME_COLUMNS)


def map_header(values: list[Any]) -> Mapping:
    """Match each header to a column; a column named twice is read from its first header only."""
    first: dict[str, int] = {}
    generic: list[int] = []  # the columns of a name in no stated language
    for index, value in enumerate(values):
        column = COLUMN_OF_HEADER.get(header_key(value))
        if column == GENERIC_NAME:
            generic.append(index)
        elif column is not None:
            first.setdefault(column, index)
    fills: dict[int, list[str]] = {index: [column] for column, index in first.items()}
    # A missing name: from a generic column whose header is in that language ("Атауы" for Kazakh), else
    # from the first generic one, else from the other language's column. So one name column serves both.
    missing = [language for language in NAME_COLUMNS if language not in first]
    chosen: dict[str, int] = {}
    for language in missing:
        hinted = [
            index for index in generic if _LANGUAGE_OF_NAME_HEADER.get(header_key(values[index])) == language
        ]
        if hinted:
            chosen[language] = hinted[0]
    for language, other in (NAME_COLUMNS, NAME_COLUMNS[::-1]):
        if language in missing and language not in chosen:
            source = generic[0] if generic else first.get(other)
            if source is not None:
                chosen[language] = source
    for language in NAME_COLUMNS:  # in this order, so that a generic column shows "name_kk, name_ru"
        if language in chosen:
            fills.setdefault(chosen[language], []).append(language)
    return Mapping(
        [
            Column(index, header_label(value), tuple(fills.get(index, ())))
            for index, value in enumerate(values)
        ]
    )
