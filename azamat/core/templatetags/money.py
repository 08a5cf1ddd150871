"""{{ amount|tenge_millions }} → "12,5 млн ₸": amounts in millions on charts and summaries (core/money.py)."""

from django import template

from azamat.core import money

register = template.Library()


@register.filter
def tenge_millions(value) -> str:
    return money.tenge_millions(value)
