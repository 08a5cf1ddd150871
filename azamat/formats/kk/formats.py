"""Kazakh number formats (Django ships none): 1 234 567,89 — a comma for decimals and a non-breaking space
between thousands, as in Russian and as Kazakhstan writes amounts in tenge. Dates keep the templates' own
d.m.Y; input formats stay Django's defaults, which accept the ISO dates of <input type="date">."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space
NUMBER_GROUPING = 3
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
