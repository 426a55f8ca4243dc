"""numfmt knows what openpyxl knows about formats and serial dates, without importing it on the read path."""

from __future__ import annotations

import pytest
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import MAC_EPOCH, from_excel

from etda_xl import numfmt

FORMATS = [
    *BUILTIN_FORMATS.values(),
    'General"%"', '#,##0.0000;-#,##0.0000;"-"', "d mmm yyyy", "d\\ mmm\\ yyyy", "[Red]0.00", '"Baht" 0',
    "#,##0.0000;\\-#,##0.0000;\\-", "[$-41E]d mmmm yyyy", "yyyy-mm-dd hh:mm", "0.00%", "[h]:mm", "mm:ss.0",
]  # fmt: skip


@pytest.mark.parametrize("code", FORMATS)
def test_date_formats_as_openpyxl_reads_them(code):
    kind = numfmt.format_kind(200, code, {200: code})
    expected = numfmt.DURATION if is_timedelta_format(code) else numfmt.DATE if is_date_format(code) else None
    assert kind == expected


def test_builtin_and_thai_formats():
    assert numfmt.BUILTIN_FORMATS == BUILTIN_FORMATS  # the same table, written out
    assert numfmt.format_code(71, {}) == "ว/ด/ปปปป" and numfmt.format_kind(71, "ว/ด/ปปปป", {}) == numfmt.DATE
    assert numfmt.format_kind(59, "t0", {}) is None  # Thai digits, not a date
    assert numfmt.format_kind(14, "mm-dd-yy", {14: "0.00"}) == numfmt.DATE  # by the code given
    assert numfmt.format_code(164, {164: "0.0000"}) == "0.0000"


@pytest.mark.parametrize("serial", [1, 59, 60, 61, 44104, 44104.75, 0.5, 1_500_000])
def test_serials_as_openpyxl_converts_them(serial):
    assert numfmt.from_serial(serial) == from_excel(serial)
    assert numfmt.from_serial(serial, date1904=True) == from_excel(serial, MAC_EPOCH)
    assert numfmt.from_serial(serial, duration=True) == from_excel(serial, timedelta=True)


def test_the_sample_s_as_of_date_and_the_last_day_excel_shows():
    assert str(numfmt.from_serial(44104)) == "2020-09-30 00:00:00"  # 30 ก.ย. 63
    assert str(numfmt.from_serial(2958465)) == "9999-12-31 00:00:00"
    with pytest.raises(OverflowError):
        numfmt.from_serial(2958466)  # Excel shows ####: the reader keeps the number
