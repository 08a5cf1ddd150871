"""Filters of the API that refuse a malformed value with 400 and say so in the schema, never ignore it."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

KATO_PATTERN = r"^\d{9}$"
BIN_PATTERN = r"^\d{12}$"
CODE_PATTERN = r"^[-a-zA-Z0-9_]+$"


def _pattern_filter(pattern: str, message):
    @extend_schema_field({"type": "string", "pattern": pattern})
    class PatternFilter(django_filters.CharFilter):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("validators", [RegexValidator(pattern, message)])
            super().__init__(*args, **kwargs)

    return PatternFilter


KatoFilter = _pattern_filter(KATO_PATTERN, _("A KATO code is nine digits."))
BinFilter = _pattern_filter(BIN_PATTERN, _("A BIN is twelve digits."))
CodeFilter = _pattern_filter(
    CODE_PATTERN, _("A code is made of Latin letters, digits, hyphens and underscores.")
)


# At least one character that is not a space, and no NUL anywhere (refused by the middleware before any view: the
# schema says so, or a client generating from it meets an undocumented 400).
WORDS_PATTERN = r"^[^\x00]*[^\s\x00][^\x00]*$"


@extend_schema_field({"type": "string", "minLength": 1, "maxLength": 200, "pattern": WORDS_PATTERN})
class WordsFilter(django_filters.CharFilter):
    """Words to search for: at most 200 characters, not empty nor spaces alone (refused as every empty parameter
    is), as the schema says."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)


class StrictBooleanField(forms.Field):
    def to_python(self, value):
        if value in (None, ""):
            return None
        if value in ("true", "false"):
            return value == "true"
        raise forms.ValidationError(_("Either true or false."), code="invalid")


@extend_schema_field(OpenApiTypes.BOOL)
class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class FilterSet(django_filters.FilterSet):
    """A parameter given empty (`?region=`) is an error too: leave it out to not filter."""

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            if name in self.data and self.data.get(name, "").strip() == "":
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid
