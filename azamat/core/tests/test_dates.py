"""A document writes a date with its language's mark after the year; a page without it (one full stop)."""

import datetime

from django.utils import translation
from django.utils.formats import date_format

from azamat.core.dates import long_date

DAY = datetime.date(2026, 11, 30)


def test_a_document_writes_the_years_mark_and_a_page_does_not():
    written = {"kk": "30 қараша 2026 ж.", "ru": "30 ноября 2026 г.", "en": "Nov. 30, 2026"}
    on_a_page = {"kk": "30 қараша 2026", "ru": "30 ноября 2026", "en": "Nov. 30, 2026"}
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert long_date(DAY) == written[language]
            assert date_format(DAY, "DATE_FORMAT") == on_a_page[language]
    assert long_date(None) == "—"
