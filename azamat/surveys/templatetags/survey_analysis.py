"""Numbers of the analysis pages: shares as percents, counts and statistics in the page's number format."""

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(value, places: int = 1) -> str:
    """0.1234 → "12.3 %" (the decimal mark of the page's language)."""
    if value is None or value == "":
        return "—"
    return f"{floatformat(float(value) * 100, places)} %"


@register.filter
def number(value, places: int = 2) -> str:
    """A statistic with at most `places` decimals; whole numbers without any; "—" when there is none."""
    if value is None or value == "":
        return "—"
    if isinstance(value, int) or float(value).is_integer():
        return floatformat(value, "0g")
    return floatformat(value, f"-{places}g")
