"""Native Excel charts: finance plan vs result per project, % spent per budget line, Thai fonts."""

from __future__ import annotations

import re
import zipfile

import pytest


@pytest.fixture(scope="module")
def charts(report_result):
    with zipfile.ZipFile(report_result.xlsx) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        return [archive.read(n).decode("utf-8") for n in names]


def test_two_native_charts_on_the_charts_sheet(charts, report_book):
    assert len(charts) == 2
    ws = report_book["กราฟ"]
    assert ws["A1"].value == "(5) กราฟ"
    assert len(ws._charts) == 2  # openpyxl reads the drawing back


def test_finance_chart_reads_the_summarys_plan_and_result_columns(charts):
    finance = charts[0]
    assert 'barDir val="col"' in finance
    refs = re.findall(r"<c:f>([^<]*)</c:f>", finance)
    assert refs == [
        "'สรุปผลรายโครงการ'!$B$14:$B$18",
        "'สรุปผลรายโครงการ'!$E$14:$E$18",
        "'สรุปผลรายโครงการ'!$B$14:$B$18",
        "'สรุปผลรายโครงการ'!$F$14:$F$18",
    ]
    assert "แผน/ผล ด้านการเงิน (ร้อยละ) จำแนกรายโครงการ" in finance
    cached = [float(v) for v in re.findall(r"<c:v>([\d.]+)</c:v>", finance)]
    assert cached[-5:] == [96, 99, 60, 93, 94]


def test_budget_chart_reads_the_percentages(charts):
    budget = charts[1]
    assert 'barDir val="bar"' in budget
    assert re.findall(r"<c:f>([^<]*)</c:f>", budget) == [
        "'ผลการใช้จ่ายงบประมาณ'!$A$4:$A$17",
        "'ผลการใช้จ่ายงบประมาณ'!$G$4:$G$17",
    ]


def test_chart_text_names_the_thai_font_for_complex_script(charts):
    for chart in charts:
        latin = re.findall(r'<a:latin typeface="([^"]*)"', chart)
        cs = re.findall(r'<a:cs typeface="([^"]*)"', chart)
        assert latin and latin == cs == ["TH Sarabun New"] * len(latin)


def test_budget_chart_leaves_room_for_its_line_names_and_the_100_percent_label(charts):
    """The automatic layout put the value axis' last label ("100%") on the chart's right edge,
    cut in half: the plot area is placed by hand, the names on its left, a margin on its right."""
    from etda_xl.report.styles import SIZE_BODY
    from etda_xl.report.textfit import text_width

    budget = charts[1]
    layout = re.search(r"<c:plotArea><c:layout><c:manualLayout>(.*?)</c:manualLayout>", budget).group(1)
    values = {k: float(v) for k, v in re.findall(r'<c:(x|y|w|h) val="([\d.]+)"/>', layout)}
    assert values["x"] + values["w"] <= 0.95  # at least 50 px of the 1000 on the right
    longest = text_width("1.3.5 ค่าพัฒนาระบบ e-Office*", SIZE_BODY)
    assert values["x"] * 1000 * 0.75 >= longest  # the longest line name fits on the left
    assert re.search(r'<c:max val="1"/>', budget)  # the axis still ends at 100%
