"""A decimal question's answers: stored as their decimal text with the places typed ("1 234,50" → "1234.50"),
read back exactly as Decimal (answers stored as floats before are read the same way, "1234.5"), written for the
XPath engine as one text per number (1.50 and 1.5 are equal) and shown in the page's language ("1 234,50")."""

import math
from decimal import Decimal, InvalidOperation

from django.utils import formats

from azamat.core.numbers import SPACES

MAX_PLACES = (
    10  # more typed zeros than this are not kept (and 10¹⁵ with them stays within Decimal's precision)
)


def typed_places(text: str, number: Decimal) -> int:
    """How many decimal places `text` was typed with, `number` being what it reads as (core.numbers drops the
    trailing zeros): "1 234,50" → 2, "1,000" read as one thousand → 0, read as one → 3."""
    text = str(text).strip(SPACES + "\t\r\n").removesuffix("₸").rstrip(SPACES)
    last = max(text.rfind(","), text.rfind("."))
    if last < 0:
        return 0
    before, after = text[:last], text[last + 1 :]
    if not after.isdigit():
        return 0
    whole = abs(number)
    if whole != whole.to_integral_value():
        return len(after)  # a fraction: the last separator was the decimal one
    digits = "".join(character for character in before if character.isdigit())
    # Whole: the last separator was decimal only if the digits before it are the number itself (1,000 → 1).
    return len(after) if digits and int(digits) == whole else 0


def stored(number: Decimal, text: str) -> str:
    """The answer as stored: its decimal text with the places it was typed with."""
    places = min(typed_places(text, number), MAX_PLACES)
    value = number.quantize(Decimal(1).scaleb(-places)) if places else number
    return format(value, "f")


def value(answer) -> Decimal | None:
    """A stored answer (decimal text, or a number stored before) as Decimal; None when it is not one."""
    if answer is None or isinstance(answer, bool) or answer == "":
        return None
    if isinstance(answer, float):
        if not math.isfinite(answer):
            return None
        # The shortest text of the float (1234.5, not its binary expansion); a whole one had no places typed.
        return Decimal(int(answer)) if answer.is_integer() else Decimal(repr(answer))
    try:
        number = Decimal(str(answer).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def canonical(answer) -> str:
    """The text the XPath engine reads: one per number (1.50, 1.5 and the float 1.5 all give "1.5")."""
    number = value(answer)
    if number is None:
        return "" if answer is None else str(answer)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def shown(answer) -> str:
    """The answer in the page's language with the places it was typed with: "1 234,50" (kk, ru), "1,234.50"."""
    number = value(answer)
    if number is None:
        return "" if answer is None else str(answer)
    places = max(0, -number.as_tuple().exponent)
    return formats.number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)


def texts(answers: dict, names: set[str]) -> dict:
    """`answers` with the decimal questions' answers (`names`, repeats' children too) as their decimal text."""

    def convert(store: dict) -> dict:
        result = {}
        for key, item in store.items():
            if key in names and not isinstance(item, (list, dict)):
                number = value(item)
                result[key] = format(number, "f") if number is not None else item
            elif isinstance(item, list) and item and all(isinstance(entry, dict) for entry in item):
                result[key] = [convert(entry) for entry in item]
            else:
                result[key] = item
        return result

    return convert(answers or {})
