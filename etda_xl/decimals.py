"""Decimal parsing and Excel-compatible rounding.

Money is always ``Decimal``. Rounding is half away from zero, like Excel's ROUND, never Python's
banker's ``round``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

#: Cell text that finance staff type for "zero" in an amount column.
DASHES = frozenset({"-", "–", "—", "−"})

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER_TEXT = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$")


def thai_to_arabic_digits(text: str) -> str:
    """``"๑๒.๕"`` → ``"12.5"``; other characters are kept."""
    return text.translate(_THAI_DIGITS)


def has_thai_digits(text: str) -> bool:
    return any("๐" <= ch <= "๙" for ch in text)


#: Enough digits for any amount a spreadsheet can hold (Excel keeps 15 significant digits).
_WIDE = Context(prec=80)


def round_half_up(value: Decimal, places: int = 0) -> Decimal:
    """Round like Excel's ROUND: halves go away from zero (2.5 → 3, -2.5 → -3)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)


def plain(value: Decimal) -> Decimal:
    """Without trailing zeros or exponent: 95.00 → 95, 60.0 → 60, 94.50 → 94.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1), context=_WIDE)
    return value.normalize(_WIDE)


def from_float(value: float) -> Decimal:
    """A float cell value as the digits it stands for, without binary noise.

    Excel keeps 15 significant digits; a cached =D7+E7+F7 may read 63.564299999999996, which is
    63.5643. Rounding to 9 decimals removes the noise and keeps every digit anyone types.
    """
    text = repr(value)
    exact = Decimal(text)
    point = text.find(".")
    if "e-" in text or (point >= 0 and len(text) - point > 10):  # more than 9 decimals (or 1e-10)
        exact = plain(round_half_up(exact, 9))
    return exact


def parse_number_text(text: str) -> Decimal | None:
    """Parse a number typed as text: Thai digits, thousands separators, "-" for zero.

    Returns None when the text is not a plain number (the caller reports where).
    """
    cleaned = thai_to_arabic_digits(text).strip().replace("\u00a0", "").replace(" ", "")
    if cleaned in DASHES:
        return Decimal(0)
    if not cleaned or not _NUMBER_TEXT.match(cleaned) or cleaned in {"+", "-", "."}:
        return None
    try:
        return Decimal(cleaned.replace(",", ""))
    except InvalidOperation:
        return None


def to_decimal(value: object) -> Decimal | None:
    """A cell value as Decimal: numbers exactly as displayed by Python's shortest repr.

    ``float`` goes through ``repr`` so 4.705 stays 4.705 (not 4.70499999…). Returns None for
    anything that is not a number (bool included: TRUE is not an amount).
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        return from_float(value)
    if isinstance(value, str):
        return parse_number_text(value)
    return None


def format_amount(value: Decimal | None, places: int = 4) -> str:
    """``Decimal("1234.5")`` → ``"1,234.5000"``; zero → ``"-"`` as in the circulated report."""
    if value is None:
        return ""
    rounded = round_half_up(value, places)
    if rounded == 0:
        return "-"
    return f"{rounded:,.{places}f}"
