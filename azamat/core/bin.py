"""BIN and IIN: the 12-digit identifiers of legal entities and people, with their check digit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_WEIGHTS_FIRST = tuple(range(1, 12))
_WEIGHTS_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def check_digit(first_eleven: str) -> int | None:
    """The 12th digit for 11 digits, or None when the number cannot have one (both passes give 10)."""
    digits = [int(c) for c in first_eleven]
    for weights in (_WEIGHTS_FIRST, _WEIGHTS_SECOND):
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def is_valid_bin(value: str) -> bool:
    """True for a 12-digit BIN or IIN whose last digit is its check digit."""
    if not isinstance(value, str) or len(value) != 12 or not value.isascii() or not value.isdigit():
        return False
    expected = check_digit(value[:11])
    return expected is not None and expected == int(value[11])


def validate_bin(value: str) -> None:
    if not isinstance(value, str) or len(value) != 12 or not value.isdigit():
        raise ValidationError(_("A BIN has exactly 12 digits."), code="bin_length")
    if not is_valid_bin(value):
        raise ValidationError(
            _("%(value)s is not a valid BIN: its check digit does not match."),
            code="bin_checksum",
            params={"value": value},
        )


def make_bin(*, year: int, month: int, serial: int, kind: str = "4", unit: str = "0") -> str | None:
    """Build a valid BIN (YYMM, resident/kind digit, unit digit, 5-digit serial, check) or None."""
    first = f"{year % 100:02d}{month:02d}{kind}{unit}{serial % 100000:05d}"
    digit = check_digit(first)
    return None if digit is None else f"{first}{digit}"
