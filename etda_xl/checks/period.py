"""Checks of the settings: the "as of" date lies inside the stated fiscal year and quarter; thresholds."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Hit, Severity, check
from ..model import Quarter
from ..thai import format_english_date, format_thai_date, quarter_bounds


@check(
    "PERIOD_AS_OF",
    Severity.ERROR,
    "ข้อมูล ณ วันที่ {as_of_th} ไม่อยู่ในปีงบประมาณ {year} ไตรมาส {quarter} ({start_th} – {end_th})",
    "the 'as of' date {as_of_en} is not inside fiscal year {year} quarter {quarter} ({start_en} – {end_en})",
)
def period_as_of(report: Quarter) -> Iterable[Hit]:
    s = report.settings
    if s.as_of is None or s.fiscal_year is None or s.quarter is None:
        return
    start, end = quarter_bounds(s.fiscal_year, s.quarter)
    if not start <= s.as_of <= end:
        yield Hit(
            s.cells.get("as_of"),
            {
                "as_of": s.as_of,
                "year": s.fiscal_year,
                "quarter": s.quarter,
                "start": start,
                "end": end,
                "as_of_th": format_thai_date(s.as_of),
                "start_th": format_thai_date(start),
                "end_th": format_thai_date(end),
                "as_of_en": format_english_date(s.as_of),
                "start_en": format_english_date(start),
                "end_en": format_english_date(end),
            },
            expected=f"{format_thai_date(start)} – {format_thai_date(end)}",
            actual=format_thai_date(s.as_of),
        )


@check(
    "SETTINGS_THRESHOLDS",
    Severity.ERROR,
    "เกณฑ์สีเหลือง ({yellow}) ต้องไม่น้อยกว่าเกณฑ์สีเขียว ({green}) — มิฉะนั้นจะไม่มีโครงการใดเป็นสีเหลือง",
    "the yellow limit ({yellow}) must not be below the green limit ({green}); no project could be yellow",
)
def settings_thresholds(report: Quarter) -> Iterable[Hit]:
    s = report.settings
    if s.yellow_max < s.green_max:
        yield Hit(s.cells.get("yellow_max"), {"yellow": s.yellow_max, "green": s.green_max},
                  expected=s.green_max, actual=s.yellow_max)  # fmt: skip
