"""Numbers as people in Kazakhstan type them (1 234 567,89), read into Decimal and written back the same way.

The rule, the same on every page and in every language:

- Spaces of any kind (the ordinary one, the non-breaking U+00A0 and the narrow U+202F that Word and Excel
  put in) separate groups of three digits: `1 234 567`. Groups must be whole: `12 34` is refused.
- With spaces, a single comma or dot is the decimal separator: `1 234,50`, `1 234.50`.
- With both a comma and a dot, the one that comes last is the decimal separator and the other one groups
  digits: `1,234,567.89`, `1.234.567,89`.
- A comma or dot that appears more than once groups digits: `1,234,567`, `1.234.567`.
- A single dot is the decimal separator: `1803169.95000000`, `1234.5`.
- A single comma is the decimal separator (`1500,50`, `0,5`), except in the one reading that is ambiguous
  — a comma followed by exactly three digits (`1,234`) — which follows the page's language: a thousands
  separator where the language writes decimals with a dot (English), a decimal comma where it writes
  decimals with a comma (Kazakh, Russian). A number rendered on the page therefore always reads back as
  itself. A leading zero (`0,125`) is always a fraction: no grouped number starts with 0.
- A leading minus (`-` or `−`) and a trailing `₸` are allowed; anything else (letters, `1,2,3`, two signs)
  is refused. Trailing zeros after the decimal separator carry no meaning and are dropped, so a value
  copied from a database column (`1803169.95000000`) fits a field of two decimal places.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils import formats

# The spaces people and programs put between groups of digits.
SPACES = " \u00a0\u202f\u2009\u2007"
MINUS = "-\u2212"
MAX_LENGTH = 64  # no amount needs more; refuses megabytes of digits before Decimal sees them
_SHAPE = re.compile(r"[0-9][0-9 ,.]*|[,.][0-9]+")
_LEADING_GROUP = re.compile(r"[1-9][0-9]{0,2}")
_GROUP = re.compile(r"[0-9]{3}")


class NumberError(ValueError):
    """The text is not a number; `code` says why: `invalid` or `not_whole`."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _grouped(integer: str, separator: str) -> str:
    """The digits of an integer part written with a group separator; refuses groups that are not of three."""
    groups = integer.split(separator)
    if not _LEADING_GROUP.fullmatch(groups[0]) or not all(_GROUP.fullmatch(g) for g in groups[1:]):
        raise NumberError("invalid")
    return "".join(groups)


def _split(text: str, page_decimal: str) -> tuple[str, str, str | None]:
    """(integer part, fraction, group separator) of an unsigned number made of digits, spaces, commas and dots."""
    spaced = " " in text
    commas, dots = text.count(","), text.count(".")
    decimal: str | None
    group: str | None
    if commas and dots:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if decimal == "," else ","
        if text.count(decimal) > 1 or spaced:
            raise NumberError("invalid")
    elif commas > 1 or dots > 1:
        decimal, group = None, "," if commas else "."
        if spaced:
            raise NumberError("invalid")
    elif commas or dots:
        separator = "," if commas else "."
        fraction = text.rpartition(separator)[2]
        leading_zero = text.startswith(("0", ","))  # 0,125 is a fraction in any language
        if (
            separator == ","
            and not spaced
            and len(fraction) == 3
            and page_decimal == "."
            and not leading_zero
        ):
            decimal, group = None, ","
        else:
            decimal, group = separator, None
    else:
        decimal, group = None, None
    if spaced:
        group = " "
    integer, _sep, fraction = text.partition(decimal) if decimal else (text, "", "")
    if decimal and not fraction.isdigit():
        raise NumberError("invalid")
    return integer, fraction, group


def parse_decimal(text: str | None, *, decimal_separator: str | None = None) -> Decimal | None:
    """The number written in `text`, or None when it is empty; raises NumberError when it is not a number.

    `decimal_separator` is the page's own (from the active language when not given); it decides only the
    ambiguous `1,234`."""
    if text is None:
        return None
    value = str(text).strip(SPACES + "\t\r\n")
    if not value:
        return None
    if len(value) > MAX_LENGTH:
        raise NumberError("invalid")
    for space in SPACES:
        value = value.replace(space, " ")
    value = value.removesuffix("₸").rstrip(" ")
    negative = value[:1] in MINUS
    if negative or value[:1] == "+":
        value = value[1:].lstrip(" ")
    if not _SHAPE.fullmatch(value) or "  " in value or re.search(r"[ ,.][ ,.]", value):
        raise NumberError("invalid")
    page_decimal = decimal_separator or formats.get_format("DECIMAL_SEPARATOR")
    integer, fraction, group = _split(value, page_decimal)
    if group and integer:
        integer = _grouped(integer, group)
    if not integer.isdigit() and integer:
        raise NumberError("invalid")
    fraction = fraction.rstrip("0")
    try:
        number = Decimal(f"{integer or '0'}.{fraction}" if fraction else integer or "0")
    except InvalidOperation as exc:  # pragma: no cover - the shape checks above leave only digits
        raise NumberError("invalid") from exc
    return -number if negative else number


def parse_integer(text: str | None, *, decimal_separator: str | None = None) -> int | None:
    """A whole number written as `parse_decimal` reads it (`1 500`, `1 500,00`); refuses a fraction."""
    number = parse_decimal(text, decimal_separator=decimal_separator)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise NumberError("not_whole")
    return int(number)


def format_number(value, *, decimal_places: int | None = None) -> str:
    """A number as the page shows it in the active language (kk/ru `1 803 169,95`, en `1,803,169.95`).

    A whole number is written without decimals; otherwise with `decimal_places` of them (or as many as
    it has), so that what a form shows reads back as the same value."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        places = 0
    elif decimal_places is not None:
        places = decimal_places
    else:
        places = max(0, -number.normalize().as_tuple().exponent)
    return formats.number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)
