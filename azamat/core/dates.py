"""Dates as a document writes them (protocols, reports, registers in PDF and DOCX): "30 қараша 2026 ж.",
"30 ноября 2026 г.", "30 November 2026". Pages write them without the year's mark (formats/kk, formats/ru), so
that a sentence ending with a date ends with one full stop; documents add it."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import get_language

# What a language writes after the year of a long date in a document.
YEAR_MARK = {"kk": " ж.", "ru": " г."}


def long_date(value: datetime.date | None) -> str:
    """The date as the active language writes it in a document; "—" for none."""
    if value is None:
        return "—"
    text = date_format(value, "DATE_FORMAT")
    mark = YEAR_MARK.get((get_language() or "")[:2])
    if mark and not text.endswith(mark.strip()):
        text += mark
    return text
