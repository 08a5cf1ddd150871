"""Serializer pieces shared by the API: input must have the JSON types the schema documents."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# DRF coerces "5" to 5 and 5 to "5"; the schema promises types, so a value of another type is refused.
JSON_TYPES = [
    (serializers.BooleanField, (bool,), _("Must be true or false.")),
    (serializers.IntegerField, (int,), _("Must be a whole number.")),
    (serializers.CharField, (str,), _("Must be a string.")),
    (serializers.ChoiceField, (str,), _("Must be a string.")),
    (serializers.DateField, (str,), _("Must be a date as a string: YYYY-MM-DD.")),
    (serializers.ManyRelatedField, (list,), _("Must be a list.")),
    (serializers.RelatedField, (str,), _("Must be a string.")),
]


class StrictTypesMixin:
    def to_internal_value(self, data):
        errors = {}
        if isinstance(data, dict):
            for name, field in self.fields.items():
                if field.read_only or name not in data or data[name] is None:
                    continue
                value = data[name]
                for field_class, types, message in JSON_TYPES:
                    if isinstance(field, field_class):
                        # bool is an int in Python, never in JSON.
                        wrong = not isinstance(value, types) or (
                            bool not in types and isinstance(value, bool)
                        )
                        if wrong:
                            errors[name] = [message]
                        break
                if name not in errors and _has_nul(value):
                    # PostgreSQL refuses NUL in text; a lookup by such a code would be a 500, not a 400.
                    errors[name] = [_("Null characters are not allowed.")]
        if errors:
            raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False
