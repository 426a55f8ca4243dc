"""KPI sheets: one per project, source merged down its rows, met / not met; user text stays text."""

from __future__ import annotations

import zipfile

import pytest

from etda_xl.report import build_report
from etda_xl.report.styles import MET_FILL, NOT_MET_FILL

from .test_report_support import find_row

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
def test_one_table_per_project_with_its_headers(report_book, number):
    ws = report_book[f"ตัวชี้วัด ({number})"]
    assert ws["A1"].value == f"(3) ผลการดำเนินงานตามตัวชี้วัด โครงการ : {TITLES[number]}"
    assert [ws.cell(4, c).value for c in range(1, 7)] == HEADERS
    assert ws.print_title_rows == "$1:$4"  # project, KPI count and headers on every page


@pytest.mark.parametrize("number", list(SOURCES))
def test_source_is_merged_down_its_rows(report_book, number):
    ws = report_book[f"ตัวชี้วัด ({number})"]
    merged = {str(r) for r in ws.merged_cells.ranges if r.min_col == 1 and r.min_row >= 5}
    expected = SOURCES[number]
    assert merged == {ref for ref, _ in expected if ":" in ref}
    for ref, source in expected:
        assert ws[ref.split(":")[0]].value == source


def test_kpi_rows_as_circulated(report_book):
    ws = report_book["ตัวชี้วัด (4)"]
    row = find_row(ws, 2, "จำนวนผู้ใช้ประโยชน์จากการขยายโครงสร้างพื้นฐานด้านโทรคมนาคม")
    assert [ws.cell(row, c).value for c in (3, 4, 6)] == [
        "100,000 คน",
        "107,841 Engagement",
        "จำนวน Engagement ของสื่อที่ผลิตเอง",
    ]
    # one met / not met per KPI, on its first row (a long KPI continues on rows of its own)
    assert [len([r for r in range(5, report_book[f"ตัวชี้วัด ({n})"].max_row + 1)
                 if report_book[f"ตัวชี้วัด ({n})"].cell(r, 5).value]) for n in SOURCES] == [5, 5, 8, 8, 6]  # fmt: skip


def test_met_and_not_met_are_visible(report_book):
    ws = report_book["ตัวชี้วัด (1)"]
    values = [ws.cell(r, 5).value for r in range(5, 10)]
    assert values == ["บรรลุ", "บรรลุ", "บรรลุ", "บรรลุ", "ไม่บรรลุ"]  # the ETDA_KPI_MET column's words
    assert ws.cell(9, 4).value == "75"
    assert ws.cell(9, 5).fill.fgColor.rgb == "FF" + NOT_MET_FILL.lstrip("#") and ws.cell(9, 5).font.b
    assert ws.cell(5, 5).fill.fgColor.rgb == "FF" + MET_FILL.lstrip("#")
    assert ws["A3"].value == "5 ตัวชี้วัด — บรรลุ 4 ตัวชี้วัด, ไม่บรรลุ 1, วัดไม่ได้ 0"


def test_details_keep_their_line_breaks_and_wrap(report_book):
    ws = report_book["ตัวชี้วัด (3)"]
    details = ws.cell(5, 6)
    assert details.value.splitlines()[0] == "1. ระบบจัดเก็บโครงสร้างข้อมูล (Code and Message Repository: TEDA Schemas)"
    assert len(details.value.splitlines()) == 4
    assert details.alignment.wrap_text
    assert ws.row_dimensions[5].height >= 4 * 16 * 1.1  # four lines at least: LibreOffice does not auto-fit


def test_user_text_lands_as_text_never_a_formula(sample_report, sample_findings, tmp_path):
    report = sample_report.copy_with(deep=True)
    report.kpis[0].indicator = '=HYPERLINK("http://example.invalid/x","click")'
    report.kpis[0].details = "=1+1"
    report.obstacles[0].text = "@SUM(A1:A2)"
    report.projects[0].short_name = "=cmd|' /C calc'!A0"
    path = build_report(report, sample_findings, tmp_path / "inject.xlsx")
    from openpyxl import load_workbook

    report_book = load_workbook(path)
    ws = report_book["ตัวชี้วัด (1)"]
    # text, and a quote prefix: editing the cell in Excel (F2, Enter) keeps it text too
    assert ws["B5"].value == '=HYPERLINK("http://example.invalid/x","click")' and ws["B5"].data_type == "s"
    assert ws["F5"].value == "=1+1" and ws["F5"].data_type == "s"
    assert ws["B5"].quotePrefix and ws["F5"].quotePrefix and not ws["B6"].quotePrefix
    summary = report_book["สรุปผลรายโครงการ"]
    cell = summary.cell(find_row(summary, 1, "1"), 2)
    assert cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s" and cell.quotePrefix
    obstacles = report_book["ปัญหาอุปสรรค"]
    cell = obstacles.cell(find_row(obstacles, 2, "@SUM(A1:A2)"), 2)
    assert cell.data_type == "s" and cell.quotePrefix
    assert ws["F5"].font.name == "TH Sarabun New" and ws["F5"].border.left.style  # otherwise formatted as before
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name), name


def test_pages_keep_a_source_block_then_a_kpi_together():
    from etda_xl.report.kpis import WIDTHS
    from etda_xl.report.paging import fit_width_scale, page_capacity, paginate

    scale = fit_width_scale(WIDTHS)
    assert 50 < scale < 100
    room = page_capacity(scale) - 100  # 100 pt of titles on every page
    fifth = room / 5
    heights = {r: fifth for r in range(4, 14)}
    blocks, kpis = {4: 6, 7: 9, 10: 13}, {r: r for r in range(4, 14)}
    # rows 4-6 fill three fifths: block 7-9 does not fit after them, 10-13 not after 7-9
    assert paginate(heights, 4, 13, 100, [blocks, kpis], scale) == [7, 10]
    # a block taller than a page breaks between its KPIs, each KPI (two rows here) kept whole
    heights = {r: room / 4 for r in range(4, 14)}
    kpis = {4: 5, 6: 7, 8: 9, 10: 11, 12: 13}
    assert paginate(heights, 4, 13, 100, [{4: 13}, kpis], scale) == [8, 12]
    # without units rows simply flow, a break at the start of every page
    assert paginate({r: 20 for r in range(4, 20)}, 4, 19, 100, [], scale) == []
    assert paginate({r: room / 3 for r in range(4, 10)}, 4, 9, 100, [], scale) == [7]


#: 2,000 characters of Thai, numbered so that order counts, with as few spaces as real KPI text.
LONG_DETAIL = "".join(
    f"ข้อ{n}การพัฒนาระบบบริการอิเล็กทรอนิกส์ภาครัฐให้มีความมั่นคงปลอดภัยและน่าเชื่อถือตามมาตรฐาน{n * 7}ฉบับ " for n in range(1, 40)
)[:2000]


def long_detail_report(sample_report):
    report = sample_report.copy_with(deep=True)
    report.kpis[0].details = LONG_DETAIL
    return report


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_a_2000_character_detail_is_all_in_the_workbook(sample_report, sample_findings, tmp_path):
    """Excel cannot make a row taller than 409 pt: the detail continues on rows of the same KPI,
    in order, every character there, no row taller than 409 pt."""
    from openpyxl import load_workbook

    assert len(LONG_DETAIL) == 2000
    path = build_report(long_detail_report(sample_report), sample_findings, tmp_path / "long.xlsx")
    ws = load_workbook(path)["ตัวชี้วัด (1)"]
    first = 5
    end = next(r for r in range(first + 1, ws.max_row + 2) if ws.cell(r, 5).value or r > ws.max_row)
    pieces = [ws.cell(r, 6).value or "" for r in range(first, end)]
    assert len(pieces) >= 2
    assert _squeezed("".join(pieces)) == _squeezed(LONG_DETAIL)
    assert all(ws.row_dimensions[r].height <= 409 for r in range(1, ws.max_row + 1))
    # the KPI's other cells are on its first row; its continuation rows are blank there
    assert ws.cell(first, 2).value.startswith("จำนวนร่างกฎหมายลูก") and ws.cell(first, 5).value == "บรรลุ"
    for row in range(first + 1, end):
        assert ws.cell(row, 3).value is None and ws.cell(row, 4).value is None and ws.cell(row, 5).value is None
        assert ws.cell(row, 2).value in (None, "(ต่อ)")  # "(cont.)" where the KPI goes on over a page
    # each part of the source block on a page of its own shows the source
    breaks = [b.id + 1 for b in ws.row_breaks.brk]  # first row of each later page, 1-based
    assert breaks
    block_end = next(r for r in range(end, ws.max_row + 1) if ws.cell(r, 1).value == "สำนักงาน ก.พ.ส.")
    for start in breaks:
        if start < block_end:
            assert ws.cell(start, 1).value == "สำนักงบประมาณ (ต่อ)", start


@pytest.mark.parametrize(
    "text",
    [LONG_DETAIL, "ที่" * 1500, "ก" * 3000, "1. first line\n\n2. " + "คำ " * 900 + "\nlast line"],
)
def test_split_to_fit_keeps_every_character_in_pieces_that_fit(text):
    from etda_xl.report.textfit import line_count, max_lines, split_to_fit

    limit = max_lines(16)
    assert limit == 19  # (409 - 4) / (16 x 1.32)
    pieces = split_to_fit(text, 56, 16, limit)
    assert len(pieces) >= 2
    assert all(line_count(p, 56, 16) <= limit for p in pieces)
    assert _squeezed("".join(pieces)) == _squeezed(text)
    assert not any(p[0] in "\u0e34\u0e35\u0e48\u0e49" for p in pieces)  # no piece starts with a loose mark
    assert max(len(p) for p in pieces) < 2 * min(len(p) for p in pieces) + 40  # about even
