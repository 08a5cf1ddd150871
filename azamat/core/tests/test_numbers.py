"""Numbers typed as Kazakhstan writes them are read right, in every language, and written back the same way."""

import html
import re
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from azamat.core import fields
from azamat.core.numbers import NumberError, format_number, parse_decimal, parse_integer

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234 567,89", Decimal("1234567.89")),
        (f"1{NBSP}234{NBSP}567,89", Decimal("1234567.89")),
        (f"1{NNBSP}234{NNBSP}567,89", Decimal("1234567.89")),
        ("1500,50", Decimal("1500.5")),
        ("1 234,50", Decimal("1234.5")),
        (f"1{NBSP}234,50", Decimal("1234.5")),
        (f"1{NNBSP}234,50", Decimal("1234.5")),
        ("1 234.50", Decimal("1234.5")),
        ("1234567.89", Decimal("1234567.89")),
        ("1,234,567.89", Decimal("1234567.89")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("1,234,567", Decimal("1234567")),
        ("1803169.95000000", Decimal("1803169.95")),
        ("0,5", Decimal("0.5")),
        (",5", Decimal("0.5")),
        ("  42  ", Decimal("42")),
        ("-1 500", Decimal("-1500")),
        ("\u22121 500", Decimal("-1500")),
        ("1 500 ₸", Decimal("1500")),
        ("0", Decimal("0")),
    ],
)
def test_what_people_type_is_read_in_every_language(language, text, expected):
    with translation.override(language):
        assert parse_decimal(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "абв",
        "1,2,3",
        "1.2.3",
        "12 34",
        "1 2345",
        "1,,5",
        "1 ,5",
        "1,",
        "1.",
        ".",
        ",",
        "1 234,5 6",
        "1,234.5,6",
        "0 500",
        "01,234,567",
        "1e5",
        "NaN",
        "Infinity",
        "１２",
        "--1",
        "1-",
        "0x10",
        "1 234 567,89 руб",
        "1" * 65,
        "1,2345,678",
    ],
)
def test_anything_else_is_refused(text):
    with pytest.raises(NumberError) as error:
        parse_decimal(text)
    assert error.value.code == "invalid"


@pytest.mark.parametrize("text", ["", "   ", f"{NBSP}", None])
def test_empty_is_none(text):
    assert parse_decimal(text) is None
    assert parse_integer(text) is None


def test_a_single_comma_before_three_digits_follows_the_pages_language():
    # The only ambiguous reading: a thousands comma in English, a decimal comma in Kazakh and Russian.
    with translation.override("en"):
        assert parse_decimal("1,234") == Decimal("1234")
    for language in ["kk", "ru"]:
        with translation.override(language):
            assert parse_decimal("1,234") == Decimal("1.234")
    assert parse_decimal("1,234", decimal_separator=",") == Decimal("1.234")
    with translation.override("en"):
        assert parse_decimal("0,125") == Decimal("0.125")


def test_whole_numbers():
    assert parse_integer("1 500") == 1500
    assert parse_integer("1 500,00") == 1500
    with pytest.raises(NumberError) as error:
        parse_integer("1,5")
    assert error.value.code == "not_whole"


@pytest.mark.parametrize(
    ("language", "amount", "integer"),
    [
        ("kk", f"1{NBSP}803{NBSP}169,95", f"1{NBSP}500"),
        ("ru", f"1{NBSP}803{NBSP}169,95", f"1{NBSP}500"),
        ("en", "1,803,169.95", "1,500"),
    ],
)
def test_numbers_are_written_as_the_page_writes_them_and_read_back(language, amount, integer):
    with translation.override(language):
        assert format_number(Decimal("1803169.95000000"), decimal_places=2) == amount
        assert format_number(Decimal("1500.00"), decimal_places=2) == integer
        assert format_number(1500) == integer
        assert parse_decimal(amount) == Decimal("1803169.95")
        assert parse_decimal(integer) == 1500


def shown_value(bound_field) -> str:
    """What the browser sends back untouched: the input's value attribute as rendered."""
    return html.unescape(re.search(r'value="([^"]*)"', str(bound_field)).group(1))


class AmountForm(forms.Form):
    amount = fields.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    people = fields.IntegerField(min_value=1, max_value=10000, required=False)


@pytest.mark.parametrize(
    ("language", "shown"),
    [("kk", f"1{NBSP}803{NBSP}169,95"), ("ru", f"1{NBSP}803{NBSP}169,95"), ("en", "1,803,169.95")],
)
def test_a_prefilled_value_is_shown_as_the_page_writes_it_and_saved_back_unchanged(language, shown):
    with translation.override(language):
        form = AmountForm(initial={"amount": Decimal("1803169.95000000"), "people": 1500})
        html = str(form["amount"])
        assert f'value="{shown}"' in html and 'inputmode="decimal"' in html and 'type="text"' in html
        assert 'inputmode="numeric"' in str(form["people"])
        posted = AmountForm(
            data={"amount": shown_value(form["amount"]), "people": shown_value(form["people"])}
        )
        assert posted.is_valid(), posted.errors
        assert posted.cleaned_data == {"amount": Decimal("1803169.95"), "people": 1500}


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Enter a whole number from 0 to 10."),
        ("ru", "Введите целое число от 0 до 10."),
        ("kk", "Бүтін сан енгізіңіз: ең азы 0, ең көбі 10."),
    ],
)
def test_a_bounded_count_names_its_bounds_not_an_example_out_of_them(language, message):
    """An expert's score of 7,5 out of 10 was answered "Enter a whole number, for example 1 500"."""

    class ScoreForm(forms.Form):
        score = fields.IntegerField(min_value=0, max_value=10)
        staff = fields.IntegerField(min_value=0)

    with translation.override(language):
        form = ScoreForm(data={"score": "7,5", "staff": "2,5"})
        assert form.errors["score"] == [message]
        assert form.errors["staff"] != [message]  # one bound only: the example stays


def test_a_bad_value_is_refused_with_a_message_in_the_pages_number_format():
    with translation.override("en"):
        form = AmountForm(data={"amount": "абв", "people": "1,5"})
        assert form.errors == {
            "amount": ["Enter a number, for example 1,234,567.89."],
            "people": ["Enter a whole number from 1 to 10,000."],
        }
        form = AmountForm(data={"amount": "1 000 000 000 000", "people": "20 000"})
        assert form.errors == {
            "amount": ["The number is too large: at most 999,999,999,999.99."],
            "people": ["Enter a number of at most 10,000."],
        }
        form = AmountForm(data={"amount": "0,001"})
        assert form.errors == {"amount": ["At most 2 digits after the decimal separator, please."]}
        form = AmountForm(data={"amount": "0"})
        assert form.errors == {"amount": ["Enter a number of at least 0.01."]}
