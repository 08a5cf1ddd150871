"""Kazakh number formats (Django ships none): 1 234 567,89 — a comma for decimals and a non-breaking space
between thousands, as in Russian and as Kazakhstan writes amounts in tenge. Long dates are day, month, year
("30 қараша 2026", the month in lower case from azamat/locale_vendor), short ones d.m.Y; input formats stay
Django's defaults, which accept the ISO dates of <input type="date">."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
