"""A1 cell addresses without openpyxl: "F7" ↔ (row 7, column 6)."""

from __future__ import annotations

import re

_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


def column_letters(col: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def to_a1(row: int, col: int) -> str:
    return f"{column_letters(col)}{row}"


def parse_a1(address: str) -> tuple[int, int]:
    """ "F7" or "$F$7" (the first cell of a range "F7:H9") → (7, 6)."""
    first = address.split("!")[-1].split(":")[0]
    match = _A1.match(first)
    if not match:
        raise ValueError(f"not an A1 address: {address!r}")
    col = 0
    for ch in match.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)), col
