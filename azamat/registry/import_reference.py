"""Reference data as people write it in an imported file: regions, legal forms and areas by name."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from azamat.registry.import_columns import header_key
from azamat.registry.models import ActivityArea, LegalForm, Region

# The abbreviations of legal forms that registers and people use, in Russian and Kazakh.
LEGAL_FORM_ABBREVIATIONS = {
    "оо": LegalForm.PUBLIC_ASSOCIATION,
    "қб": LegalForm.PUBLIC_ASSOCIATION,
    "оф": LegalForm.PUBLIC_FOUNDATION,
    "ққ": LegalForm.PUBLIC_FOUNDATION,
    "оюл": LegalForm.ALE,
    "зтб": LegalForm.ALE,
    "чу": LegalForm.PRIVATE_INSTITUTION,
    "жм": LegalForm.PRIVATE_INSTITUTION,
    "ро": LegalForm.RELIGIOUS_ASSOCIATION,
    "дб": LegalForm.RELIGIOUS_ASSOCIATION,
    "нао": LegalForm.NON_PROFIT_JSC,
    "кеақ": LegalForm.NON_PROFIT_JSC,
    "пк": LegalForm.CONSUMER_COOPERATIVE,
    "тк": LegalForm.CONSUMER_COOPERATIVE,
}

# Names of regions people write that the reference data does not hold: abbreviations and Astana's
# name of 2019–2022. Keys as name_key() makes them.
REGION_ALIASES = {
    "вко": "630000000",
    "шко": "630000000",  # ШҚО
    "ско": "590000000",  # СКО, СҚО
    "зко": "270000000",
    "бко": "270000000",  # БҚО
    "нур султан": "710000000",  # Нур-Султан, Нұр-Сұлтан
    "nur sultan": "710000000",
    "алма ата": "750000000",
}
_REGION_WORDS = frozenset({"область", "обл", "облысы", "облыс", "region", "oblast"})
_CITY_WORDS = frozenset({"г", "гор", "город", "к", "каласы", "city", "of"})
# Kazakh letters as Russian spelling has them, so "Ақтөбе" and "Актобе" meet.
_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһі", "агкноуухи")


def name_key(value: str) -> str:
    """A name as compared: header_key() with the Kazakh letters spelt as in Russian."""
    return header_key(value).translate(_KAZAKH_TO_RUSSIAN)


def legal_forms() -> dict[str, str]:
    """Each legal form by its value, its label in every language and its abbreviations, as name_key()."""
    names = {name_key(abbreviation): value for abbreviation, value in LEGAL_FORM_ABBREVIATIONS.items()}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for value, label in LegalForm.choices:
                names[name_key(str(label))] = value
    names.update({name_key(value): value for value in LegalForm.values})
    return names


class Regions:
    """Regions and cities of republican significance by KATO code, or by name in any language.

    A name is matched whole ("Алматы облысы", "г. Алматы"), else without the words that say region or
    city, each word telling which kind it is: "Алматинская обл." is the region, "Алматы" alone the city.
    """

    def __init__(self) -> None:
        self.by_kato: dict[str, Region] = {}
        self.by_name: dict[str, Region] = {}
        self.by_stem: dict[str, dict[str, Region]] = {}
        for region in Region.objects.all():
            self.by_kato[region.kato] = region
            for name in (region.name_kk, region.name_ru, region.name_en):
                key = name_key(name)
                self.by_name[key] = region
                stem, _kind = self._stem(key)
                self.by_stem.setdefault(stem, {})[region.kind] = region
        for alias, kato in REGION_ALIASES.items():
            if kato in self.by_kato:
                self.by_name.setdefault(alias, self.by_kato[kato])

    @staticmethod
    def _stem(key: str) -> tuple[str, str | None]:
        words = key.split()
        kind = None
        if any(word in _REGION_WORDS for word in words):
            kind = Region.Kind.REGION
        elif any(word in _CITY_WORDS for word in words):
            kind = Region.Kind.CITY
        return " ".join(word for word in words if word not in _REGION_WORDS | _CITY_WORDS), kind

    def get(self, value: str) -> Region | None:
        digits = "".join(value.split())
        if digits.isdigit():
            return self.by_kato.get(digits)
        key = name_key(value)
        if key in self.by_name:
            return self.by_name[key]
        stem, kind = self._stem(key)
        candidates = self.by_stem.get(stem, {})
        if kind is not None:
            return candidates.get(kind)
        return candidates.get(Region.Kind.CITY) or candidates.get(Region.Kind.REGION)


def activity_areas() -> dict[str, ActivityArea]:
    """Areas of activity by code and by name in Kazakh, Russian and English, as name_key()."""
    areas: dict[str, ActivityArea] = {}
    for area in ActivityArea.objects.all():
        for name in (area.code, area.name_kk, area.name_ru, area.name_en):
            if name:
                areas.setdefault(name_key(name), area)
    return areas
