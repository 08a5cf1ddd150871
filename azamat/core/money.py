"""Amounts of tenge as read at a glance on charts and summaries: in millions, "12,5 млн ₸" / "12.5 mln ₸"."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

from azamat.core.numbers import format_number

MILLION = Decimal(1_000_000)


def millions(value) -> Decimal:
    """The amount in millions, to one decimal place; to two when it is under a hundred thousand but not zero."""
    amount = Decimal(str(value or 0)) / MILLION
    places = Decimal("0.01") if Decimal(0) < abs(amount) < Decimal("0.1") else Decimal("0.1")
    return amount.quantize(places, rounding=ROUND_HALF_UP)


def tenge_millions(value) -> str:
    """`value` tenge written in millions in the active language: "12,5 млн ₸" in Kazakh and Russian."""
    return gettext("%(amount)s mln ₸") % {"amount": format_number(millions(value), decimal_places=None)}
