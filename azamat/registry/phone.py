"""A phone number as people write it: digits, with spaces, brackets, hyphens or dots between them and a + first,
or several such numbers separated by commas. Kept as typed; text that is no number ("нет", "см. сайт") is refused
rather than shown as a phone."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

PHONE_MESSAGE = _("Enter a phone number in digits, for example +7 701 123 45 67.")
_WRITTEN = re.compile(r"\+?[\d\s().\-]+")
# A short number (a city's four-digit line) has five digits or more with its code; no number has more than 15.
MIN_DIGITS, MAX_DIGITS = 5, 15


def clean_phone(value: str) -> str:
    """The phone as typed (trimmed), or a ValidationError saying how to write one; blank stays blank."""
    value = (value or "").strip()
    if not value:
        return value
    for number in re.split(r"[,;]", value):
        number = number.strip()
        digits = sum(ch.isdigit() for ch in number)
        if not _WRITTEN.fullmatch(number) or not MIN_DIGITS <= digits <= MAX_DIGITS:
            raise forms.ValidationError(PHONE_MESSAGE, code="phone")
    return value
