"""Choice fields over database rows that answer an id too large for any database with the form's own
"not a valid value" message: SQLite cannot even bind such a number (`IN (…)` raises OverflowError, a 500)."""

from django import forms
from django.core.exceptions import ValidationError

BIGGEST_ID = 2**63 - 1  # the largest value a 64-bit primary key can hold


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            try:
                too_big = abs(int(pk)) > BIGGEST_ID
            except (TypeError, ValueError):
                continue  # not a number at all: Django's own check refuses it
            if too_big:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)
