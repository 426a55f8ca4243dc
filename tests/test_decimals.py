from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etda_xl.decimals import format_amount, parse_number_text, round_half_up, to_decimal


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("2.5", 0, "3"),  # Python's round(2.5) is 2: banker's rounding is not Excel's
        ("3.5", 0, "4"),
        ("-2.5", 0, "-3"),  # Excel's ROUND goes away from zero
        ("84.5", 0, "85"),
        ("83.4999", 0, "83"),
        ("127.12325", 4, "127.1233"),
        ("0.00005", 4, "0.0001"),
        ("1.005", 2, "1.01"),
    ],
)
def test_round_half_up_matches_excel_round(value, places, expected):
    assert round_half_up(Decimal(value), places) == Decimal(expected)


def _reference_round(value: Decimal, places: int) -> Decimal:
    """Half away from zero by integer arithmetic, independent of Decimal's rounding modes."""
    scaled = abs(value) * 10**places
    whole = int(scaled)
    if scaled - whole >= Decimal("0.5"):
        whole += 1
    return (Decimal(whole) / 10**places).copy_sign(value) if whole else Decimal(0)


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False), st.integers(0, 4))
def test_round_half_up_matches_an_integer_reference(value, places):
    assert round_half_up(value, places) == _reference_round(value, places)


def test_round_half_up_handles_any_magnitude():
    assert round_half_up(Decimal("1E+24"), 4) == Decimal("1E+24")
    assert round_half_up(Decimal("1E-30"), 4) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.5", Decimal("1234.5")),
        ("๑๒.๕", Decimal("12.5")),
        ("-", Decimal(0)),
        ("–", Decimal(0)),
        (" 4.7050 ", Decimal("4.7050")),
        ("-3", Decimal(-3)),
        ("abc", None),
        ("1,23", None),
        ("", None),
        ("12 คน", None),
    ],
)
def test_parse_number_text(text, expected):
    assert parse_number_text(text) == expected


def test_to_decimal_keeps_the_shown_digits_of_floats():
    assert to_decimal(4.705) == Decimal("4.705")
    # binary noise from a cached formula is not a digit anyone typed
    assert to_decimal(0.1 + 0.2) == Decimal("0.3")  # the float is 0.30000000000000004
    assert to_decimal(63.564299999999996) == Decimal("63.5643")  # =D7+E7+F7 as Excel caches it
    assert to_decimal(1e24) == Decimal("1E+24")
    assert to_decimal(True) is None
    assert to_decimal(None) is None
    assert to_decimal(float("nan")) is None


def test_formats_as_the_report_prints():
    assert format_amount(Decimal("226.5563")) == "226.5563"
    assert format_amount(Decimal("4.705")) == "4.7050"
    assert format_amount(Decimal(0)) == "-"
    assert format_amount(Decimal("1234.5")) == "1,234.5000"
