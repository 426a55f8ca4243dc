"""Checks of the reporting period: the "as of" date lies inside the stated fiscal year and quarter."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Hit, Severity, check
from ..model import Report
from ..thai import format_thai_date, quarter_bounds


@check(
    "PERIOD_AS_OF",
    Severity.ERROR,
    "ข้อมูล ณ วันที่ {as_of} ไม่อยู่ในปีงบประมาณ {year} ไตรมาส {quarter} ({start} – {end})",
    "the 'as of' date {as_of} is not inside fiscal year {year} quarter {quarter} ({start} – {end})",
)
def period_as_of(report: Report) -> Iterable[Hit]:
    s = report.settings
    if s.as_of is None or s.fiscal_year is None or s.quarter is None:
        return
    start, end = quarter_bounds(s.fiscal_year, s.quarter)
    if not start <= s.as_of <= end:
        yield Hit(
            s.cells.get("as_of"),
            {
                "as_of": format_thai_date(s.as_of),
                "year": s.fiscal_year,
                "quarter": s.quarter,
                "start": format_thai_date(start),
                "end": format_thai_date(end),
            },
            expected=f"{format_thai_date(start)} – {format_thai_date(end)}",
            actual=format_thai_date(s.as_of),
        )
