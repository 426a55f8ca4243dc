"""KPI sheets: one per project, source merged down its rows, met / not met; user text stays text."""

from __future__ import annotations

import zipfile

import pytest

from etda_xl.report import build_report
from etda_xl.report.styles import MET_FILL, NOT_MET_FILL

from .test_report_support import find_row, sample_report_book, sample_report_result


@pytest.fixture(scope="module")
def built(sample_book, tmp_path_factory):
    return sample_report_result(sample_book, tmp_path_factory)


@pytest.fixture(scope="module")
def book(built):
    return sample_report_book(built)


HEADERS = ["ที่มา", "ตัวชี้วัด/ สิ่งส่งมอบ", "ค่าเป้าหมาย", "ผล", "ผลเทียบ\nค่าเป้าหมาย", "รายละเอียดสิ่งส่งมอบ"]

#: Per project: the merged source ranges and sources as the circulated tables show them.
SOURCES = {
    "1": [("A5:A8", "สำนักงบประมาณ"), ("A9", "สำนักงาน ก.พ.ส.")],
    "2": [("A5", "สงป./ ดศ."), ("A6:A8", "สำนักงบประมาณ"), ("A9", "กระทรวง ดศ.")],
    "3": [("A5:A8", "สำนัก งบประมาณ"), ("A9", "กระทรวง ดศ."), ("A10:A12", "สำนักงาน ก.พ.ส.")],
    "4": [("A5:A8", "สำนักงบประมาณ"), ("A9:A11", "กระทรวง ๓ศ."), ("A12", "สำนักงาน ก.พ.ส.")],
    "5": [("A5", "สป./ดศ."), ("A6:A8", "สำนัก งบประมาณ"), ("A9", "กระทรวง ดศ."), ("A10", "สำนักงาน ก.พ.ส.")],
}
TITLES = {
    "1": "Digital Governance",
    "2": "Digital Transformation",
    "3": "Speed up e-Licensing",
    "4": "Thailand e-Commerce Sustainability",
    "5": "Stop e-Commerce Fraud",
}


@pytest.mark.parametrize("number", list(SOURCES))
def test_one_table_per_project_with_its_headers(book, number):
    ws = book[f"ตัวชี้วัด ({number})"]
    assert ws["A1"].value == f"(3) ผลการดำเนินงานตามตัวชี้วัด โครงการ : {TITLES[number]}"
    assert [ws.cell(4, c).value for c in range(1, 7)] == HEADERS
    assert ws.print_title_rows == "$4:$4"


@pytest.mark.parametrize("number", list(SOURCES))
def test_source_is_merged_down_its_rows(book, number):
    ws = book[f"ตัวชี้วัด ({number})"]
    merged = {str(r) for r in ws.merged_cells.ranges if r.min_col == 1 and r.min_row >= 5}
    expected = SOURCES[number]
    assert merged == {ref for ref, _ in expected if ":" in ref}
    for ref, source in expected:
        assert ws[ref.split(":")[0]].value == source


def test_kpi_rows_as_circulated(book):
    ws = book["ตัวชี้วัด (4)"]
    row = find_row(ws, 2, "จำนวนผู้ใช้ประโยชน์จากการขยายโครงสร้างพื้นฐานด้านโทรคมนาคม")
    assert [ws.cell(row, c).value for c in (3, 4, 6)] == [
        "100,000 คน",
        "107,841 Engagement",
        "จำนวน Engagement ของสื่อที่ผลิตเอง",
    ]
    assert [len([r for r in range(5, book[f"ตัวชี้วัด ({n})"].max_row + 1)
                 if book[f"ตัวชี้วัด ({n})"].cell(r, 2).value]) for n in SOURCES] == [5, 5, 8, 8, 6]  # fmt: skip


def test_met_and_not_met_are_visible(book):
    ws = book["ตัวชี้วัด (1)"]
    values = [ws.cell(r, 5).value for r in range(5, 10)]
    assert values == ["ถึงเป้า", "ถึงเป้า", "ถึงเป้า", "ถึงเป้า", "ไม่ถึงเป้า"]
    assert ws.cell(9, 4).value == "75"
    assert ws.cell(9, 5).fill.fgColor.rgb == "FF" + NOT_MET_FILL.lstrip("#") and ws.cell(9, 5).font.b
    assert ws.cell(5, 5).fill.fgColor.rgb == "FF" + MET_FILL.lstrip("#")
    assert ws["A3"].value == "5 ตัวชี้วัด — ผลถึงค่าเป้าหมาย 4 ตัวชี้วัด, ไม่ถึง 1, วัดเทียบไม่ได้ 0"


def test_details_keep_their_line_breaks_and_wrap(book):
    ws = book["ตัวชี้วัด (3)"]
    details = ws.cell(5, 6)
    assert details.value.splitlines()[0] == "1. ระบบจัดเก็บโครงสร้างข้อมูล (Code and Message Repository: TEDA Schemas)"
    assert len(details.value.splitlines()) == 4
    assert details.alignment.wrap_text
    assert ws.row_dimensions[5].height >= 4 * 16 * 1.1  # four lines at least: LibreOffice does not auto-fit


def test_user_text_lands_as_text_never_a_formula(sample_report, sample_findings, tmp_path):
    report = sample_report.model_copy(deep=True)
    report.kpis[0].indicator = '=HYPERLINK("http://example.invalid/x","click")'
    report.kpis[0].details = "=1+1"
    report.obstacles[0].text = "@SUM(A1:A2)"
    report.projects[0].short_name = "=cmd|' /C calc'!A0"
    path = build_report(report, sample_findings, tmp_path / "inject.xlsx")
    from openpyxl import load_workbook

    book = load_workbook(path)
    ws = book["ตัวชี้วัด (1)"]
    assert ws["B5"].value == '=HYPERLINK("http://example.invalid/x","click")' and ws["B5"].data_type == "s"
    assert ws["F5"].value == "=1+1" and ws["F5"].data_type == "s"
    summary = book["สรุปผลรายโครงการ"]
    cell = summary.cell(find_row(summary, 1, "1"), 2)
    assert cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name), name


def test_page_breaks_keep_a_source_block_together():
    from etda_xl.report.kpis import WIDTHS
    from etda_xl.report.paging import fit_width_scale, page_breaks, printable

    scale = fit_width_scale(WIDTHS)
    assert 50 < scale < 100
    page = printable()[1] * 0.96 / (scale / 100)
    heights = {0: 30, 1: 24, 2: 24, 3: 40} | {r: page / 5 for r in range(4, 14)}
    # header rows + 5 rows of a fifth of a page each: rows 4-6 fit on page 1, block 7-9 does not
    breaks = page_breaks(heights, 13, (3, 3), [(4, 6), (7, 9), (10, 13)], scale)
    assert breaks[0] == 7
    assert all(b in (7, 10) for b in breaks)
    # without blocks the rows simply flow
    assert page_breaks({r: 20 for r in range(40)}, 39, (3, 3), [], scale) == []
