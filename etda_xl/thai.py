"""Thai calendar and date text: พ.ศ., fiscal years and quarters, "30 ก.ย. 63".

The Thai government fiscal year starts on 1 October and is named by the Buddhist-era year in
which it ends: FY 2563 runs from 1 Oct 2019 to 30 Sep 2020.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .decimals import thai_to_arabic_digits
from .package.dates import from_serial

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


def to_be(ce_year: int) -> int:
    """ค.ศ. → พ.ศ."""
    return ce_year + BE_OFFSET


def to_ce(be_year: int) -> int:
    """พ.ศ. → ค.ศ."""
    return be_year - BE_OFFSET


def quarter_bounds(fiscal_year_be: int, quarter: int) -> tuple[date, date]:
    """First and last day of a fiscal quarter, e.g. (2563, 4) → 1 Jul 2020 – 30 Sep 2020."""
    if quarter not in QUARTER_FIRST_MONTH:
        raise ValueError(f"quarter must be 1-4, got {quarter}")
    first_month = QUARTER_FIRST_MONTH[quarter]
    ce_year = to_ce(fiscal_year_be) - (1 if first_month == 10 else 0)
    start = date(ce_year, first_month, 1)
    next_start = date(ce_year + (first_month + 3 > 12), (first_month + 2) % 12 + 1, 1)
    return start, next_start - timedelta(days=1)


def previous_period(fiscal_year: int, quarter: int) -> tuple[int, int]:
    """The quarter before: (2563, 4) → (2563, 3); (2564, 1) → (2563, 4)."""
    return (fiscal_year, quarter - 1) if quarter > 1 else (fiscal_year - 1, 4)


def next_period(fiscal_year: int, quarter: int) -> tuple[int, int]:
    """The quarter after: (2563, 3) → (2563, 4); (2563, 4) → (2564, 1)."""
    return (fiscal_year, quarter + 1) if quarter < 4 else (fiscal_year + 1, 1)


def period_words(period: tuple[int, int]) -> tuple[str, str]:
    """(2563, 3) → ("ไตรมาส 3/2563", "Q3 FY2563"): a quarter in messages, Thai and English."""
    fiscal_year, quarter = period
    return f"ไตรมาส {quarter}/{fiscal_year}", f"Q{quarter} FY{fiscal_year}"


def format_thai_date(day: date, full_year: bool = False) -> str:
    """``date(2020, 9, 30)`` → ``"30 ก.ย. 63"`` (or ``"30 ก.ย. 2563"``)."""
    year = to_be(day.year)
    year_text = str(year) if full_year else f"{year % 100:02d}"
    return f"{day.day} {MONTH_ABBREVIATIONS[day.month - 1]} {year_text}"


# --- reading a date: one parser for the workbook's date cells, --as-of and `etda-xl new` -------------

#: English month names; any prefix of three letters or more is read ("Sep", "Sept", "September").
ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def format_english_date(day: date) -> str:
    """``30 Sep 2020``: the English report's date (the year as the calendar has it)."""
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1][:3].title()} {day.year}"


#: A year from this on is พ.ศ. (B.E.); below it, ค.ศ. (C.E.).
FIRST_BE_YEAR = 2400
#: Excel's serial day 0 (its 1900 date system, counting the 29 Feb 1900 it wrongly believes in).
_EXCEL_LAST_SERIAL = 2958465  # 31 Dec 9999

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s-]*([^\d]+?)[\s,-]*(\d{2}|\d{4})$")
_ERA = re.compile(r"(พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)\s*$")

DATE_EXAMPLES_TH = "เช่น 30/9/2563, 30 ก.ย. 63, 30 กันยายน 2563 หรือ 2020-09-30"
DATE_EXAMPLES_EN = "e.g. 30/9/2563, 30 ก.ย. 63, 30 Sep 2020 or 2020-09-30"


class DateError(ValueError):
    """A value that is not a date, with the reason in Thai (``th``) and English (``en``)."""

    def __init__(self, th: str, en: str) -> None:
        self.th, self.en = th, en
        super().__init__(f"{th} / {en}")


def parse_date(value: object) -> date:
    """A date as people and Excel hand it over, → the real (ค.ศ.) date.

    Accepts a ``date``/``datetime``, an Excel serial day number, or text: ``"30/09/2563"``,
    ``"30/9/63"``, ``"2020-09-30"``, ``"30 กันยายน 2563"``, ``"30 ก.ย. 63"``, ``"30 Sep 2020"``,
    Thai digits too. Day before month, always (Thai usage: 1/10 is 1 October). A year ≥ 2400 is
    พ.ศ., also in a real date: Excel with a Gregorian calendar stores "30/9/2563" typed into a
    date cell as the year 2563. A 2-digit year is พ.ศ. (63 → 2563). Raises DateError.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return _as_ce(value.year, value.month, value.day, value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    if isinstance(value, str):
        return _from_text(value)
    raise DateError(f"ค่า {value!r} ไม่ใช่วันที่", f"{value!r} is not a date")


def _from_text(text: str) -> date:
    cleaned = " ".join(thai_to_arabic_digits(text).replace("\u00a0", " ").split())
    if match := _ISO.match(cleaned):
        year, month, day = match.groups()
        return _as_ce(int(year), int(month), int(day), text)
    if match := _NUMERIC_DMY.match(cleaned):
        day, month, year = match.groups()
        return _as_ce(_four_digit_year(year), int(month), int(day), text, day_first_hint=True)
    match = _DAY_MONTH_YEAR.match(cleaned)
    month = _month_number(_ERA.sub("", match.group(2)).strip()) if match else None
    if not match or month is None:
        raise DateError(
            f"อ่านวันที่ไม่ได้: '{text}' ({DATE_EXAMPLES_TH})", f"cannot read the date '{text}' ({DATE_EXAMPLES_EN})"
        )
    return _as_ce(_four_digit_year(match.group(3)), month, int(match.group(1)), text)


def _four_digit_year(year: str) -> int:
    """A 2-digit year is พ.ศ. 25xx: '63' → 2563."""
    return 2500 + int(year) if len(year) == 2 else int(year)


def _as_ce(year: int, month: int, day: int, shown: object, day_first_hint: bool = False) -> date:
    """The date, its year taken as พ.ศ. from 2400 on."""
    try:
        return date(to_ce(year) if year >= FIRST_BE_YEAR else year, month, day)
    except ValueError:
        th, en = f"ไม่มีวันที่นี้ในปฏิทิน: '{shown}'", f"no such date: '{shown}'"
        if day_first_hint:  # 9/30/2020 typed the American way
            th, en = f"{th} (วันมาก่อนเดือน: วัน/เดือน/ปี เช่น 30/9/2563)", f"{en} (day first: day/month/year, e.g. 30/9/2563)"
        raise DateError(th, en) from None


def _from_serial(serial: float) -> date:
    """Excel's day number (1900 date system) → date; the time of day is dropped."""
    if not 1 <= serial <= _EXCEL_LAST_SERIAL:
        raise DateError(f"ตัวเลข {serial} ไม่ใช่วันที่", f"the number {serial} is not a date")
    found = from_serial(int(serial))  # whole days: the time of day is dropped
    assert isinstance(found, datetime)
    return _as_ce(found.year, found.month, found.day, found.date())


def _month_number(text: str) -> int | None:
    """'ก.ย.', 'ก.ย', 'กย', 'กันยายน', 'Sep', 'Sept.', 'September' → 9."""
    compact = text.replace(" ", "")
    for number, (abbr, name) in enumerate(zip(MONTH_ABBREVIATIONS, MONTH_NAMES, strict=True), 1):
        if compact in (abbr, abbr.rstrip("."), abbr.replace(".", ""), name):
            return number
    english = compact.rstrip(".").lower()
    for number, name in enumerate(ENGLISH_MONTHS, 1):
        if len(english) >= 3 and name.startswith(english):
            return number
    return None


#: The name the reader used before there was one parser for every date.
