"""Thai calendar and date text: พ.ศ., fiscal years and quarters, "30 ก.ย. 63".

The Thai government fiscal year starts on 1 October and is named by the Buddhist-era year in
which it ends: FY 2563 runs from 1 Oct 2019 to 30 Sep 2020.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .money import thai_to_arabic_digits

BE_OFFSET = 543

#: The twelve month abbreviations used in Thai government documents, January first.
MONTH_ABBREVIATIONS = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)  # fmt: skip
MONTH_NAMES = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip

#: First calendar month of each fiscal quarter: Q1 ต.ค.–ธ.ค., Q2 ม.ค.–มี.ค., Q3 เม.ย.–มิ.ย., Q4 ก.ค.–ก.ย.
QUARTER_FIRST_MONTH = {1: 10, 2: 1, 3: 4, 4: 7}

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*([^\d\s]+?)\s*(\d{2}|\d{4})\s*$")


def to_be(ce_year: int) -> int:
    """ค.ศ. → พ.ศ."""
    return ce_year + BE_OFFSET


def to_ce(be_year: int) -> int:
    """พ.ศ. → ค.ศ."""
    return be_year - BE_OFFSET


def fiscal_year_of(day: date) -> int:
    """The พ.ศ. fiscal year a date falls in (October starts the next one)."""
    return to_be(day.year) + (1 if day.month >= 10 else 0)


def fiscal_quarter_of(day: date) -> int:
    """1 for ต.ค.–ธ.ค. … 4 for ก.ค.–ก.ย."""
    return ((day.month - 10) % 12) // 3 + 1


def quarter_bounds(fiscal_year_be: int, quarter: int) -> tuple[date, date]:
    """First and last day of a fiscal quarter, e.g. (2563, 4) → 1 Jul 2020 – 30 Sep 2020."""
    if quarter not in QUARTER_FIRST_MONTH:
        raise ValueError(f"quarter must be 1-4, got {quarter}")
    first_month = QUARTER_FIRST_MONTH[quarter]
    ce_year = to_ce(fiscal_year_be) - (1 if first_month == 10 else 0)
    start = date(ce_year, first_month, 1)
    next_start = date(ce_year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
    return start, next_start - timedelta(days=1)


def format_thai_date(day: date, full_year: bool = False) -> str:
    """``date(2020, 9, 30)`` → ``"30 ก.ย. 63"`` (or ``"30 ก.ย. 2563"``)."""
    year = to_be(day.year)
    year_text = str(year) if full_year else f"{year % 100:02d}"
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {year_text}"


def _month_number(text: str) -> int | None:
    compact = text.replace(" ", "")
    for number, (abbr, name) in enumerate(zip(MONTH_ABBREVIATIONS, MONTH_NAMES, strict=True), 1):
        if compact in (abbr, abbr.rstrip("."), name):
            return number
    return None


def parse_thai_date(text: str) -> date:
    """``"30 ก.ย. 63"``, ``"30 ก.ย. 2563"``, ``"๓๐ กันยายน ๒๕๖๓"`` → ``date(2020, 9, 30)``.

    Two-digit years are พ.ศ. 25xx; four-digit years below 2400 are taken as ค.ศ. ("30 ก.ย. 2020").
    Raises ValueError with a Thai + English message.
    """
    match = _DATE_TEXT.match(thai_to_arabic_digits(text))
    month = _month_number(match.group(2)) if match else None
    if not match or month is None:
        raise ValueError(
            f"อ่านวันที่ไม่ได้: '{text}' (ควรเป็นรูปแบบ 30 ก.ย. 63) / cannot read date '{text}' (expected e.g. 30 ก.ย. 63)"
        )
    year = int(match.group(3))
    be_year = 2500 + year if year < 100 else year if year >= 2400 else to_be(year)
    try:
        return date(to_ce(be_year), month, int(match.group(1)))
    except ValueError:
        raise ValueError(f"ไม่มีวันที่นี้ในปฏิทิน: '{text}' / no such date: '{text}'") from None
