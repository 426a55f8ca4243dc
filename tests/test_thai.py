from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etda_xl.thai import (
    fiscal_quarter_of,
    fiscal_year_of,
    format_thai_date,
    parse_thai_date,
    quarter_bounds,
    to_be,
    to_ce,
)


def test_buddhist_era():
    assert to_be(2020) == 2563
    assert to_ce(2564) == 2021


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        (date(2020, 9, 30), 2563, 4),
        (date(2020, 10, 1), 2564, 1),
        (date(2019, 10, 1), 2563, 1),
        (date(2019, 12, 31), 2563, 1),
        (date(2020, 1, 1), 2563, 2),
        (date(2020, 3, 31), 2563, 2),
        (date(2020, 4, 1), 2563, 3),
        (date(2020, 6, 30), 2563, 3),
        (date(2020, 7, 1), 2563, 4),
    ],
)
def test_fiscal_year_and_quarter(day, year, quarter):
    assert fiscal_year_of(day) == year
    assert fiscal_quarter_of(day) == quarter


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
        ("1 ม.ค. 64", date(2021, 1, 1)),
        ("๓๐ ก.ย. ๖๓", date(2020, 9, 30)),
        ("22 ก.ย.63", date(2020, 9, 22)),
        ("8 มี.ค. 63", date(2020, 3, 8)),
        ("2 มิ.ย. 63", date(2020, 6, 2)),
        ("30 กันยายน 2563", date(2020, 9, 30)),
    ],
)
def test_parse_thai_date(text, expected):
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize("text", ["30 Sep 63", "31 ก.ย. 63", "ก.ย. 63", "", "30/09/2563"])
def test_parse_thai_date_rejects_with_thai_and_english(text):
    with pytest.raises(ValueError, match="/"):
        parse_thai_date(text)


def test_format_thai_date():
    assert format_thai_date(date(2020, 9, 30)) == "30 ก.ย. 63"
    assert format_thai_date(date(2020, 9, 30), full_year=True) == "30 ก.ย. 2563"


@given(st.dates(min_value=date(1958, 1, 1), max_value=date(2056, 12, 31)))
def test_thai_date_round_trips(day):
    assert parse_thai_date(format_thai_date(day)) == day
    assert parse_thai_date(format_thai_date(day, full_year=True)) == day


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_lies_in_its_own_quarter(day):
    start, end = quarter_bounds(fiscal_year_of(day), fiscal_quarter_of(day))
    assert start <= day <= end
