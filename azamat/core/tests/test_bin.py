"""BIN/IIN check digits, with the known valid numbers from DOMAIN.md."""

import pytest
from django.core.exceptions import ValidationError

from azamat.core.bin import check_digit, is_valid_bin, make_bin, validate_bin


@pytest.mark.parametrize("value", ["940140000385", "990140004654", "921029350851"])
def test_known_valid_numbers_pass(value):
    assert is_valid_bin(value) is True
    validate_bin(value)


@pytest.mark.parametrize(
    "value",
    [
        "940140000386",
        "990140004655",
        "921029350850",
        "94014000038",
        "9401400003851",
        "94014000038a",
        "",
        "９４０１４０００００３８５",
    ],
)
def test_invalid_numbers_fail(value):
    assert is_valid_bin(value) is False


def test_validation_message_names_the_problem():
    with pytest.raises(ValidationError) as short:
        validate_bin("12345")
    assert short.value.code == "bin_length"
    with pytest.raises(ValidationError) as wrong:
        validate_bin("940140000386")
    assert wrong.value.code == "bin_checksum"


def test_second_pass_weights_used_when_first_gives_ten():
    # Find 11 digits whose first pass gives 10; the check digit then comes from the second weights.
    for serial in range(1, 2000):
        first = f"150640{serial:05d}"
        if sum(int(d) * w for d, w in zip(first, range(1, 12), strict=True)) % 11 == 10:
            second = (
                sum(int(d) * w for d, w in zip(first, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2), strict=True)) % 11
            )
            assert check_digit(first) == (None if second == 10 else second)
            break
    else:
        pytest.fail("no number needing the second pass found")


def test_make_bin_builds_valid_numbers():
    made = [make_bin(year=2015, month=6, serial=n) for n in range(200)]
    valid = [m for m in made if m]
    assert len(valid) > 150
    assert all(is_valid_bin(m) and m.startswith("150640") for m in valid)
