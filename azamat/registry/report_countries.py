"""ISO 3166-1 alpha-2 country codes: what a founder's or a foreign donor's country may be, their names, and the
code of a country typed by its name ("Германия", "Ресей", "USA") as people fill in a form."""

import functools
import gettext

import pycountry
from django.utils import translation

from azamat.core.collation import sorted_choices
from azamat.core.stemming import fold

CODES = frozenset(
    [
        "AD",
        "AE",
        "AF",
        "AG",
        "AI",
        "AL",
        "AM",
        "AO",
        "AQ",
        "AR",
        "AS",
        "AT",
        "AU",
        "AW",
        "AX",
        "AZ",
        "BA",
        "BB",
        "BD",
        "BE",
        "BF",
        "BG",
        "BH",
        "BI",
        "BJ",
        "BL",
        "BM",
        "BN",
        "BO",
        "BQ",
        "BR",
        "BS",
        "BT",
        "BV",
        "BW",
        "BY",
        "BZ",
        "CA",
        "CC",
        "CD",
        "CF",
        "CG",
        "CH",
        "CI",
        "CK",
        "CL",
        "CM",
        "CN",
        "CO",
        "CR",
        "CU",
        "CV",
        "CW",
        "CX",
        "CY",
        "CZ",
        "DE",
        "DJ",
        "DK",
        "DM",
        "DO",
        "DZ",
        "EC",
        "EE",
        "EG",
        "EH",
        "ER",
        "ES",
        "ET",
        "FI",
        "FJ",
        "FK",
        "FM",
        "FO",
        "FR",
        "GA",
        "GB",
        "GD",
        "GE",
        "GF",
        "GG",
        "GH",
        "GI",
        "GL",
        "GM",
        "GN",
        "GP",
        "GQ",
        "GR",
        "GS",
        "GT",
        "GU",
        "GW",
        "GY",
        "HK",
        "HM",
        "HN",
        "HR",
        "HT",
        "HU",
        "ID",
        "IE",
        "IL",
        "IM",
        "IN",
        "IO",
        "IQ",
        "IR",
        "IS",
        "IT",
        "JE",
        "JM",
        "JO",
        "JP",
        "KE",
        "KG",
        "KH",
        "KI",
        "KM",
        "KN",
        "KP",
        "KR",
        "KW",
        "KY",
        "KZ",
        "LA",
        "LB",
        "LC",
        "LI",
        "LK",
        "LR",
        "LS",
        "LT",
        "LU",
        "LV",
        "LY",
        "MA",
        "MC",
        "MD",
        "ME",
        "MF",
        "MG",
        "MH",
        "MK",
        "ML",
        "MM",
        "MN",
        "MO",
        "MP",
        "MQ",
        "MR",
        "MS",
        "MT",
        "MU",
        "MV",
        "MW",
        "MX",
        "MY",
        "MZ",
        "NA",
        "NC",
        "NE",
        "NF",
        "NG",
        "NI",
        "NL",
        "NO",
        "NP",
        "NR",
        "NU",
        "NZ",
        "OM",
        "PA",
        "PE",
        "PF",
        "PG",
        "PH",
        "PK",
        "PL",
        "PM",
        "PN",
        "PR",
        "PS",
        "PT",
        "PW",
        "PY",
        "QA",
        "RE",
        "RO",
        "RS",
        "RU",
        "RW",
        "SA",
        "SB",
        "SC",
        "SD",
        "SE",
        "SG",
        "SH",
        "SI",
        "SJ",
        "SK",
        "SL",
        "SM",
        "SN",
        "SO",
        "SR",
        "SS",
        "ST",
        "SV",
        "SX",
        "SY",
        "SZ",
        "TC",
        "TD",
        "TF",
        "TG",
        "TH",
        "TJ",
        "TK",
        "TL",
        "TM",
        "TN",
        "TO",
        "TR",
        "TT",
        "TV",
        "TW",
        "TZ",
        "UA",
        "UG",
        "UM",
        "US",
        "UY",
        "UZ",
        "VA",
        "VC",
        "VE",
        "VG",
        "VI",
        "VN",
        "VU",
        "WF",
        "WS",
        "YE",
        "YT",
        "ZA",
        "ZM",
        "ZW",
    ]
)


def normalise(code: str) -> str:
    return (code or "").strip().upper()


def is_country(code: str) -> bool:
    return normalise(code) in CODES


@functools.cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", localedir=pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(code: str) -> str:
    """A country by its name in the reader's language ("Германия" for DE, from the iso-codes catalogues that
    pycountry carries, Kazakh and Russian among them); a code that names no country is shown as typed."""
    code = normalise(code)
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return code
    catalogue = _catalogue((translation.get_language() or "en").split("-")[0])
    # The short common name first where there is one (South Korea, not "Korea, Republic of"), then the name.
    names = [name for name in (getattr(country, "common_name", None), country.name) if name]
    for name in names:
        translated = catalogue.gettext(name)
        if translated != name:
            return translated
    return names[0]


# Names people type that the iso-codes catalogues do not give (they have "Российская Федерация", "Ресей", "United
# States of America"): the short and everyday ones, in Russian, Kazakh and English.
ALIASES = {
    "RU": ["Россия", "РФ", "Russia"],
    "US": ["США", "Америка", "USA"],
    "GB": ["Великобритания", "Британия", "Англия", "UK", "Great Britain", "England"],
    "KG": ["Кыргызстан", "Кыргызская Республика"],
    "MD": ["Молдова"],
    "KR": ["Корея", "Korea"],
    "AE": ["ОАЭ", "БАӘ", "UAE"],
    "NL": ["Голландия", "Holland"],
    "CZ": ["Чехия"],
    "BY": ["Белоруссия"],
}


def _key(text: str) -> str:
    """A name as typed and as listed compare: case, ё, Kazakh letters written as Russian ones («Казакстан»),
    commas and extra spaces aside."""
    return " ".join(fold(text).replace(",", " ").replace(".", " ").split())


@functools.cache
def _codes_by_name() -> dict[str, str]:
    index: dict[str, str] = {}
    for language in ("en", "ru", "kk"):
        catalogue = _catalogue(language)
        for country in pycountry.countries:
            if country.alpha_2 not in CODES:
                continue
            for attribute in ("common_name", "name", "official_name"):
                name = getattr(country, attribute, None)
                if name:
                    index.setdefault(_key(catalogue.gettext(name)), country.alpha_2)
    for code, names in ALIASES.items():
        for name in names:
            index.setdefault(_key(name), code)
    return index


def country_code(text: str) -> str | None:
    """The code of a country typed by its code (any case) or its name in Kazakh, Russian or English; None for text
    that names no country."""
    code = normalise(text)
    if code in CODES:
        return code
    return _codes_by_name().get(_key(text or ""))


@functools.lru_cache(maxsize=4)
def _country_choices(language: str) -> list[tuple[str, str]]:
    with translation.override(language):
        return sorted_choices([(code, country_name(code)) for code in CODES])


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country, by name in the reader's language and its alphabetical order."""
    return _country_choices((translation.get_language() or "en").split("-")[0])
