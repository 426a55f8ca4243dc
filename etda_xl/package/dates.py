"""What a stored date means: an Excel serial number (in a date format), or a ``t="d"`` cell's ISO 8601 text.

Both read the same way: a date as a ``datetime``, a time of day as a ``time``, a duration as a
``timedelta``, to the millisecond as Excel keeps them. Import-free, for ``thai.parse_date`` too.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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


# --- t="d": ISO 8601 text ---------------------------------------------------------------------------

#: A date, a date-time or a time of day (ECMA-376 §18.17.4); a zone, which Excel never writes, is
#: passed over as openpyxl passes it over (the clock time written is the one shown).
_DATE_TIME = re.compile(
    r"(?:(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2}))?"
    r"(?:T?(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?)?"
    r"(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)
#: A duration as Excel's Strict Open XML writes it ("PT0H11M0.000S"); days too, not years or months
#: (their length depends on the calendar).
_DURATION = re.compile(
    r"(?P<sign>-?)P(?:(?P<days>\d+(?:[.,]\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:[.,]\d+)?)H)?(?:(?P<minutes>\d+(?:[.,]\d+)?)M)?(?:(?P<seconds>\d+(?:[.,]\d+)?)S)?)?"
)
_MS_PER = {"days": 86_400_000, "hours": 3_600_000, "minutes": 60_000, "seconds": 1_000}


def from_iso(text: str) -> datetime | time | timedelta | None:
    """A ``t="d"`` cell's text: a date or date-time → datetime, a time of day → time, a duration
    (``PT0H11M0.000S``) → timedelta; None when it is none of those (or no calendar day).

    Seconds are rounded to the millisecond, half up, as Excel rounds them: Strict Open XML's
    ``15:59:59.99999979`` is 16:00:00, ``11:12:01.00000000000239300`` is 11:12:01.
    """
    text = text.strip()
    try:
        if text.lstrip("-").startswith("P"):
            return _duration(text)
        return _date_time(text)
    except (ValueError, OverflowError, InvalidOperation):
        return None


def _date_time(text: str) -> datetime | time | None:
    match = _DATE_TIME.fullmatch(text)
    if match is None or (match["year"] is None and match["hour"] is None):
        return None
    clock = timedelta()
    if match["hour"] is not None:
        hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
        if hour > 23 or minute > 59 or second > 59:
            return None
        clock = timedelta(hours=hour, minutes=minute, seconds=second, milliseconds=_milliseconds(match["fraction"]))
    if match["year"] is None:
        return (datetime.min + clock).time()  # 23:59:59.9996 rounds to midnight, as Excel shows it
    return datetime(int(match["year"]), int(match["month"]), int(match["day"])) + clock


def _milliseconds(fraction: str | None) -> int:
    """A second's decimals as whole milliseconds, half up: "99999979" → 1000, "0005" → 1."""
    if not fraction:
        return 0
    return int(fraction[:3].ljust(3, "0")) + (len(fraction) > 3 and fraction[3] >= "5")


def _duration(text: str) -> timedelta | None:
    match = _DURATION.fullmatch(text)
    if match is None or not any(match[unit] for unit in _MS_PER):
        return None
    total = sum((Decimal(match[unit].replace(",", ".")) * ms for unit, ms in _MS_PER.items() if match[unit]), Decimal())
    milliseconds = int(total.quantize(Decimal(1), ROUND_HALF_UP))
    return timedelta(milliseconds=-milliseconds if match["sign"] else milliseconds)
