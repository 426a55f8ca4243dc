"""Stored dates: serial numbers as openpyxl converts them, and every ``t="d"`` form Excel, LibreOffice and
openpyxl write, rounded as Excel rounds them."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from openpyxl.utils.datetime import MAC_EPOCH, from_excel, from_ISO8601

from etda_xl.package import dates


@pytest.mark.parametrize("serial", [1, 59, 60, 61, 44104, 44104.75, 0.5, 1_500_000])
def test_serials_as_openpyxl_converts_them(serial):
    assert dates.from_serial(serial) == from_excel(serial)
    assert dates.from_serial(serial, date1904=True) == from_excel(serial, MAC_EPOCH)
    assert dates.from_serial(serial, duration=True) == from_excel(serial, timedelta=True)


def test_the_sample_s_as_of_date_and_the_last_day_excel_shows():
    assert str(dates.from_serial(44104)) == "2020-09-30 00:00:00"  # 30 ก.ย. 63
    assert str(dates.from_serial(2958465)) == "9999-12-31 00:00:00"
    with pytest.raises(OverflowError):
        dates.from_serial(2958466)  # Excel shows ####: the reader keeps the number


#: Text as written → what it reads as; the forms openpyxl reads the same way.
AS_OPENPYXL = {
    "2020-09-30T00:00:00": datetime(2020, 9, 30),  # openpyxl's iso_dates=True, LibreOffice
    "2020-09-30T10:10:10": datetime(2020, 9, 30, 10, 10, 10),
    "2020-09-30T10:10:10.123": datetime(2020, 9, 30, 10, 10, 10, 123_000),
    "2020-09-30T10:10:10Z": datetime(2020, 9, 30, 10, 10, 10),
    "10:10:10": time(10, 10, 10),  # openpyxl's time-only cells; calamine's date_iso.xlsx
    "10:10": time(10, 10),
    "10:10:10.5": time(10, 10, 10, 500_000),
    "11:12:01.00000000000239300": time(11, 12, 1),  # Excel's Strict Open XML
    "PT0H11M0.000S": timedelta(minutes=11),  # Excel's Strict Open XML duration
    "PT36H": timedelta(hours=36),
    "PT1.5S": timedelta(seconds=1.5),
}


@pytest.mark.parametrize(("text", "expected"), AS_OPENPYXL.items())
def test_iso_forms_read_as_openpyxl_reads_them(text, expected):
    assert dates.from_iso(text) == expected == from_ISO8601(text)
    assert type(dates.from_iso(text)) is type(expected)


def test_a_plain_date_is_a_datetime_as_a_serial_date_is():
    """openpyxl reads "2020-09-30" as a date, and the same day stored as a serial as a datetime; the
    reader gives the same value both ways (a documented difference)."""
    assert dates.from_iso("2020-09-30") == datetime(2020, 9, 30) == dates.from_serial(44104)
    assert type(from_ISO8601("2020-09-30")).__name__ == "date"


@pytest.mark.parametrize(
    ("text", "excel_shows", "openpyxl_reads"),
    [
        ("2019-03-04T15:59:59.99999979", datetime(2019, 3, 4, 16), datetime(2019, 3, 4, 15, 59, 59, 999_000)),
        ("2019-03-04T15:59:59.1235", datetime(2019, 3, 4, 15, 59, 59, 124_000),
         datetime(2019, 3, 4, 15, 59, 59, 123_000)),
        ("2019-12-31T23:59:59.9996", datetime(2020, 1, 1), datetime(2019, 12, 31, 23, 59, 59, 999_000)),
        ("23:59:59.9999", time(0), time(23, 59, 59, 999_000)),
    ],
)  # fmt: skip
def test_fractions_of_a_second_round_to_the_millisecond_as_excel_rounds_them(text, excel_shows, openpyxl_reads):
    """Excel keeps milliseconds, rounding half up; openpyxl cuts after three digits."""
    assert dates.from_iso(text) == excel_shows
    assert from_ISO8601(text) == openpyxl_reads


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-PT1H30M", timedelta(hours=-1, minutes=-30)),
        ("P1DT2H", timedelta(days=1, hours=2)),
        ("PT0,5S", timedelta(milliseconds=500)),
        ("PT0.0005S", timedelta(milliseconds=1)),  # openpyxl reads no more than three decimals here
        (" 2020-09-30 ", datetime(2020, 9, 30)),
        ("2020-09-30T10:10:10+07:00", datetime(2020, 9, 30, 10, 10, 10)),  # the clock time written
    ],
)
def test_other_iso_forms(text, expected):
    assert dates.from_iso(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "yesterday", "2020-02-30", "2020-13-01", "0000-01-01", "25:00:00", "10:61", "9999-12-31T23:59:59.9999",
     "P1Y", "P", "PT", "2020-09-30T", "30/09/2020", "44104"],
)  # fmt: skip
def test_text_that_is_no_date_time_or_duration_reads_as_none(text):
    assert dates.from_iso(text) is None
