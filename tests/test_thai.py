from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etda_xl.thai import DateError, format_thai_date, parse_date, quarter_bounds, to_be, to_ce


def test_buddhist_era():
    assert to_be(2020) == 2563
    assert to_ce(2564) == 2021


@pytest.mark.parametrize(
    ("year", "quarter", "start", "end"),
    [
        (2563, 1, date(2019, 10, 1), date(2019, 12, 31)),
        (2563, 2, date(2020, 1, 1), date(2020, 3, 31)),
        (2563, 3, date(2020, 4, 1), date(2020, 6, 30)),
        (2563, 4, date(2020, 7, 1), date(2020, 9, 30)),
        (2564, 1, date(2020, 10, 1), date(2020, 12, 31)),
    ],
)
def test_quarter_bounds(year, quarter, start, end):
    assert quarter_bounds(year, quarter) == (start, end)


def test_quarter_bounds_rejects_quarter_five():
    with pytest.raises(ValueError):
        quarter_bounds(2563, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 ก.ย. 63", date(2020, 9, 30)),
        ("30 ก.ย. 2563", date(2020, 9, 30)),
        ("30 ก.ย. พ.ศ. 2563", date(2020, 9, 30)),
        ("1 ม.ค. 64", date(2021, 1, 1)),
        ("๓๐ ก.ย. ๖๓", date(2020, 9, 30)),
        ("22 ก.ย.63", date(2020, 9, 22)),
        ("8 มี.ค. 63", date(2020, 3, 8)),
        ("2 มิ.ย. 63", date(2020, 6, 2)),
        ("30 กย 63", date(2020, 9, 30)),
        ("30 กันยายน 2563", date(2020, 9, 30)),
        ("30/09/2563", date(2020, 9, 30)),
        ("30/9/63", date(2020, 9, 30)),
        ("๓๐/๙/๒๕๖๓", date(2020, 9, 30)),
        ("1/10/2563", date(2020, 10, 1)),  # day first: 1 October, never 10 January
        ("30.9.2563", date(2020, 9, 30)),
        ("30/09/2020", date(2020, 9, 30)),
        ("2020-09-30", date(2020, 9, 30)),
        ("2563-09-30", date(2020, 9, 30)),
        ("2020-09-30 00:00:00", date(2020, 9, 30)),
        ("30 Sep 2020", date(2020, 9, 30)),
        ("30-Sep-2020", date(2020, 9, 30)),
        ("30 September 2020", date(2020, 9, 30)),
        ("30 sept. 63", date(2020, 9, 30)),
        ("30 ก.ย. 2020", date(2020, 9, 30)),  # a 4-digit year below 2400 is ค.ศ.
        ("  30   ก.ย.\u00a063 ", date(2020, 9, 30)),
    ],
)
def test_parse_date_text(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2020, 9, 30), date(2020, 9, 30)),
        (datetime(2020, 9, 30, 14, 5), date(2020, 9, 30)),
        # Excel with a Gregorian calendar stores "30/9/2563" typed into a date cell as the year 2563
        (datetime(2563, 9, 30), date(2020, 9, 30)),
        (date(2563, 9, 30), date(2020, 9, 30)),
        (date(2399, 12, 31), date(2399, 12, 31)),
        (44104, date(2020, 9, 30)),  # Excel's serial day number
        (44104.75, date(2020, 9, 30)),
        (1, date(1900, 1, 1)),
    ],
)
def test_parse_date_values(value, expected):
    assert parse_date(value) == expected


def test_a_buddhist_era_date_cell_prints_as_its_real_year():
    assert format_thai_date(parse_date(datetime(2563, 9, 30))) == "30 ก.ย. 63"


@pytest.mark.parametrize(
    ("value", "th", "en"),
    [
        ("31 ก.ย. 63", "ไม่มีวันที่นี้ในปฏิทิน: '31 ก.ย. 63'", "no such date: '31 ก.ย. 63'"),
        ("9/30/2020", "วันมาก่อนเดือน", "day first: day/month/year"),
        ("ก.ย. 63", "อ่านวันที่ไม่ได้: 'ก.ย. 63'", "cannot read the date 'ก.ย. 63'"),
        ("", "อ่านวันที่ไม่ได้", "cannot read the date"),
        ("30 Se 2020", "อ่านวันที่ไม่ได้", "cannot read the date"),
        ("30/9/563", "อ่านวันที่ไม่ได้", "cannot read the date"),
        (date(2564, 2, 29), "ไม่มีวันที่นี้ในปฏิทิน", "no such date: '2564-02-29'"),  # 2021 has no 29 Feb
        (0, "ตัวเลข 0 ไม่ใช่วันที่", "the number 0 is not a date"),
        (float("nan"), "ไม่ใช่วันที่", "is not a date"),
        (True, "ค่า True ไม่ใช่วันที่", "True is not a date"),
        (None, "ค่า None ไม่ใช่วันที่", "None is not a date"),
    ],
)
def test_parse_date_refuses_in_thai_and_english(value, th, en):
    with pytest.raises(DateError) as refused:
        parse_date(value)
    assert th in refused.value.th and en in refused.value.en
    assert isinstance(refused.value, ValueError) and str(refused.value) == f"{refused.value.th} / {refused.value.en}"


def test_format_thai_date():
    assert format_thai_date(date(2020, 9, 30)) == "30 ก.ย. 63"
    assert format_thai_date(date(2020, 9, 30), full_year=True) == "30 ก.ย. 2563"


@given(st.dates(min_value=date(1958, 1, 1), max_value=date(2056, 12, 31)))
def test_thai_date_round_trips(day):
    assert parse_date(format_thai_date(day)) == day
    assert parse_date(format_thai_date(day, full_year=True)) == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}/{day.month}/{to_be(day.year)}") == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_lies_in_its_quarter(day):
    fiscal_year = to_be(day.year) + (1 if day.month >= 10 else 0)  # October starts the next one
    quarter = ((day.month - 10) % 12) // 3 + 1
    start, end = quarter_bounds(fiscal_year, quarter)
    assert start <= day <= end
