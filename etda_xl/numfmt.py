"""Number formats and serial dates as SpreadsheetML stores them, without loading a spreadsheet library.

The package reader (``xlsx``) needs three things openpyxl also knows: the format code behind a
built-in format id, whether a format shows a date (or a duration), and the date an Excel serial
number stands for. They live here, small and import-free, because importing openpyxl costs more
(about 0.4 s with numpy) than reading the whole sample book.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

#: ECMA-376 §18.8.30: the format codes Excel does not write into the file (id → code).
BUILTIN_FORMATS: dict[int, str] = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
    5: '"$"#,##0_);("$"#,##0)', 6: '"$"#,##0_);[Red]("$"#,##0)', 7: '"$"#,##0.00_);("$"#,##0.00)',
    8: '"$"#,##0.00_);[Red]("$"#,##0.00)', 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
    14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 22: "m/d/yy h:mm", 37: "#,##0_);(#,##0)", 38: "#,##0_);[Red](#,##0)",
    39: "#,##0.00_);(#,##0.00)", 40: "#,##0.00_);[Red](#,##0.00)",
    41: '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)', 42: '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)',
    43: '_(* #,##0.00_);_(* \\(#,##0.00\\);_(* "-"??_);_(@_)',
    44: '_("$"* #,##0.00_)_("$"* \\(#,##0.00\\)_("$"* "-"??_)_(@_)', 45: "mm:ss", 46: "[h]:mm:ss",
    47: "mmss.0", 48: "##0.0E+0", 49: "@",
}  # fmt: skip

#: Excel's Thai-locale built-in formats (th-TH): a Thai Excel saves a cell formatted ว/ด/ปปปป as id 71
#: with no format code in the file.
THAI_BUILTIN_FORMATS: dict[int, str] = {
    59: "t0", 60: "t0.00", 61: "t#,##0", 62: "t#,##0.00", 67: "t0%", 68: "t0.00%", 69: "t# ?/?",
    70: "t# ??/??", 71: "ว/ด/ปปปป", 72: "ว-ดดด-ปป", 73: "ว-ดดด", 74: "ดดด-ปป", 75: "ช:นน", 76: "ช:นน:ทท",
    77: "ว/ด/ปปปป ช:นน", 78: "นน:ทท", 79: "[ช]:นน:ทท", 80: "นน:ทท.0", 81: "d/m/bb",
}  # fmt: skip
#: Of those, the dates and times, and the one duration (the letters are Thai, so no pattern finds them).
THAI_DATE_FORMAT_IDS = frozenset(range(71, 82))
THAI_TIMEDELTA_FORMAT_IDS = frozenset({79})

DATE, DURATION = "date", "duration"

#: Quoted text and bracketed parts ([Red], [$-41E]) say nothing about dates; [h] [mm] [ss] do.
_NOT_DATE_PARTS = re.compile(r'".*?"|\[(?!hh?\]|mm?\]|ss?\])[^\]]*\]')
_DATE_LETTER = re.compile(r"(?<![_\\])[dmhysDMHYSbB]")  # b, bb: the Buddhist-era year
_DURATION = re.compile(r"\[hh?\](:mm(:ss(\.0*)?)?)?|\[mm?\](:ss(\.0*)?)?|\[ss?\](\.0*)?", re.IGNORECASE)
#: Exponents (0.00E+00) use E: not a year there.
_SCIENTIFIC = re.compile(r"[0#?]\.?[0#?]*[eE][+-]")


def format_code(format_id: int, custom: dict[int, str]) -> str:
    """The format code of a cell style's ``numFmtId``: the book's own, a built-in, or General."""
    return custom.get(format_id) or BUILTIN_FORMATS.get(format_id) or THAI_BUILTIN_FORMATS.get(format_id) or "General"


def format_kind(format_id: int, code: str, custom: dict[int, str]) -> str | None:
    """DATE, DURATION or None (a number) for a style's format."""
    thai = format_id not in custom and format_id in THAI_BUILTIN_FORMATS
    first = code.split(";")[0]
    if _DURATION.search(first) or (thai and format_id in THAI_TIMEDELTA_FORMAT_IDS):
        return DURATION
    if thai:
        return DATE if format_id in THAI_DATE_FORMAT_IDS else None
    plain = _NOT_DATE_PARTS.sub("", first).replace("General", "").replace("general", "")
    if _SCIENTIFIC.search(plain):
        return None
    return DATE if _DATE_LETTER.search(plain) else None


#: Day 0 of Excel's two date systems (1900 with its phantom 29 Feb 1900, and 1904 from old Macs).
EPOCH_1900 = datetime(1899, 12, 30)
EPOCH_1904 = datetime(1904, 1, 1)
_DAY_MS = 86_400_000


def from_serial(serial: float, date1904: bool = False, duration: bool = False) -> datetime | time | timedelta:
    """An Excel serial number as the date, time of day or duration it shows (to the millisecond).

    Raises OverflowError or ValueError for a number no date can show (Excel shows ####).
    """
    if duration:
        return timedelta(milliseconds=round(serial * _DAY_MS))
    day, fraction = divmod(serial, 1)
    clock = timedelta(milliseconds=round(fraction * _DAY_MS))
    if 0 <= serial < 1 and clock.days == 0:
        return (datetime.min + clock).time()
    if not date1904 and 0 < serial < 60:
        day += 1  # before Excel's phantom 29 February 1900
    return (EPOCH_1904 if date1904 else EPOCH_1900) + timedelta(days=day) + clock
