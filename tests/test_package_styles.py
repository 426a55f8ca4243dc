"""The styles part knows what openpyxl knows about number formats, without importing it on the read path."""

from __future__ import annotations

import pytest
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

from etda_xl.package import styles

FORMATS = [
    *BUILTIN_FORMATS.values(),
    'General"%"', '#,##0.0000;-#,##0.0000;"-"', "d mmm yyyy", "d\\ mmm\\ yyyy", "[Red]0.00", '"Baht" 0',
    "#,##0.0000;\\-#,##0.0000;\\-", "[$-41E]d mmmm yyyy", "yyyy-mm-dd hh:mm", "0.00%", "[h]:mm", "mm:ss.0",
]  # fmt: skip


@pytest.mark.parametrize("code", FORMATS)
def test_date_formats_as_openpyxl_reads_them(code):
    kind = styles.format_kind(200, code, {200: code})
    expected = styles.DURATION if is_timedelta_format(code) else styles.DATE if is_date_format(code) else None
    assert kind == expected


def test_builtin_and_thai_formats():
    assert styles.BUILTIN_FORMATS == BUILTIN_FORMATS  # the same table, written out
    assert styles.format_code(71, {}) == "ว/ด/ปปปป" and styles.format_kind(71, "ว/ด/ปปปป", {}) == styles.DATE
    assert styles.format_kind(59, "t0", {}) is None  # Thai digits, not a date
    assert styles.format_kind(14, "mm-dd-yy", {14: "0.00"}) == styles.DATE  # by the code given
    assert styles.format_code(164, {164: "0.0000"}) == "0.0000"


def test_a_style_past_the_last_reads_as_general():
    from defusedxml.ElementTree import fromstring

    root = fromstring(
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts><numFmt numFmtId="164" formatCode="d mmm yyyy"/></numFmts>'
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="46"/></cellXfs></styleSheet>'
    )
    read = styles.Styles.of(root)
    assert [read.number_format(i) for i in range(4)] == ["General", "d mmm yyyy", "[h]:mm:ss", "General"]
    assert [read.kind(i) for i in range(4)] == [None, styles.DATE, styles.DURATION, None]
