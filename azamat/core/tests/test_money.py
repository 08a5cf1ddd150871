"""Amounts in millions of tenge, written as each language writes numbers."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from azamat.core.money import millions, tenge_millions


def test_millions_round_to_one_decimal_and_keep_small_amounts_visible():
    assert millions(Decimal("12500000.00")) == Decimal("12.5")
    assert millions(Decimal("12449999.99")) == Decimal("12.4")
    assert millions(Decimal("30000")) == Decimal("0.03")
    assert millions(None) == Decimal("0.0")


def test_each_language_writes_millions_its_own_way():
    with translation.override("en"):
        assert tenge_millions(Decimal("12500000")) == "12.5 mln ₸"
        assert tenge_millions(Decimal("1234000000")) == "1,234 mln ₸"
    # The number is written each language's way; the word comes from the catalogue.
    with translation.override("ru"):
        assert tenge_millions(Decimal("12500000")).startswith("12,5 ")
    with translation.override("kk"):
        rendered = Template("{% load money %}{{ v|tenge_millions }}").render(Context({"v": 2000000}))
        assert rendered.startswith("2 ") and rendered.endswith(" ₸")
