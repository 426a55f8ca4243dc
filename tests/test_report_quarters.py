"""The report's sheet "เปรียบเทียบรายไตรมาส / Quarter by quarter", asserted from the written file: the
sample as FY2563 Q4 with a halved Q3 and disbursement targets in its history tables (``history_books``).

By hand, line 1.3.4: (5) Q3 26.4263, Q4 52.8525, change 26.4262; % 30 and 60, +30 points; both below
the overall targets 75 and 93, so "ต่ำกว่าเป้า". Line 1.3.2: 99% in Q4, at or above 93: "ถึงเป้า".
Project 3: finance plan 50% → 100% (+50), result 30% → 60% (+30); operations 50% → 100% both.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etda_xl.api import generate_report

from .history_books import TARGETS, with_q3, write_book

SHEET = "เปรียบเทียบรายไตรมาส"
BELOW_FILL = "F8CBAD"


@pytest.fixture(scope="module")
def written(sample_report, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("quarters")
    book = write_book(folder / "2563-Q4.xlsx", with_q3(sample_report, TARGETS))
    return generate_report(book, folder / "report.xlsx").xlsx


@pytest.fixture(scope="module")
def sheet(written):
    return load_workbook(written)[SHEET]


def rows_named(ws, label: str) -> list[tuple]:
    return [row for row in ws.iter_rows(values_only=True) if row[0] == label]


def row_named(ws, label: str, occurrence: int = 0):
    cells = [row for row in ws.iter_rows() if row[0].value == label]
    return cells[occurrence]


def test_the_sheet_comes_after_the_charts_when_the_book_has_history(written):
    names = load_workbook(written, read_only=True).sheetnames
    assert names.index(SHEET) == names.index("กราฟ") + 1


def test_each_budget_line_by_quarter_with_the_change_and_the_target(sheet):
    (line,) = rows_named(sheet, "1.3.4 Speed up e-Licensing")
    assert line[1:8] == (26.4263, 52.8525, 0.3, 0.6, pytest.approx(26.4262), 30, "ต่ำกว่าเป้า")
    (spent,) = rows_named(sheet, "1.3.2 Digital Transformation")
    assert spent[3:5] == (0.49, 0.99) and spent[7] == "ถึงเป้า"
    (total,) = rows_named(sheet, "รวมทั้งสิ้น")
    assert total[1:7] == (248.2953, 496.5906, 0.42, 0.84, pytest.approx(248.2953), 42)
    headers = [c for row in sheet.iter_rows(max_row=8, values_only=True) for c in row if c]  # the note, then the header
    assert headers.count("ไตรมาส 3") == 2 and "เปลี่ยนแปลงจากไตรมาสก่อน" in headers


def test_percentages_below_the_target_are_shaded(sheet):
    cells = row_named(sheet, "1.3.4 Speed up e-Licensing")
    assert [c.fill.fgColor.rgb[-6:] for c in cells[3:5]] == [BELOW_FILL, BELOW_FILL]
    spent = row_named(sheet, "1.3.2 Digital Transformation")
    assert spent[4].fill.fgColor.rgb[-6:] != BELOW_FILL  # 99% against 93%
    assert cells[3].number_format.startswith("0%") and cells[1].number_format.startswith("#,##0.0000")


def test_the_targets_under_the_grand_total(sheet):
    (overall,) = rows_named(sheet, "เป้าหมายการเบิกจ่ายสะสม ภาพรวม (มติ ครม.)")
    assert overall[3:5] == (0.75, 0.93)
    (investment,) = rows_named(sheet, "เป้าหมายการเบิกจ่ายสะสม รายจ่ายลงทุน (มติ ครม.)")
    assert investment[3:5] == (0.6, 0.85)


def test_each_project_finance_then_operations_by_quarter(sheet):
    finance, operations = rows_named(sheet, "(3) Speed up e-Licensing")
    assert finance[1:8] == (0.5, 1, 0.3, 0.6, 50, 30, "ต่ำกว่าเป้า")
    assert operations[1:7] == (0.5, 1, 0.5, 1, 50, 50) and operations[7] is None  # targets are disbursement


def chart_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return [
            package.read(n).decode() for n in sorted(package.namelist()) if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        ]


def series(xml: str) -> list[tuple[str, str]]:
    """(name, values formula) of each series of a chart."""
    return re.findall(r"<c:ser>.*?<c:tx><c:v>(.*?)</c:v>.*?<c:val><c:numRef><c:f>(.*?)</c:f>", xml)


def test_native_line_charts_read_the_sheet(written, sheet):
    lines = [xml for xml in chart_parts(written) if "<c:lineChart>" in xml]
    assert len(lines) == 6  # the grand total and five projects
    total_row = row_named(sheet, "รวมทั้งสิ้น")[0].row
    overall_row = row_named(sheet, "เป้าหมายการเบิกจ่ายสะสม ภาพรวม (มติ ครม.)")[0].row
    total = next(xml for xml in lines if "รวมทั้งสิ้น: % ผลการใช้จ่ายสะสม" in xml)
    assert series(total) == [
        ("ผลการใช้จ่าย", f"'{SHEET}'!$D${total_row}:$E${total_row}"),
        ("เป้าภาพรวม", f"'{SHEET}'!$D${overall_row}:$E${overall_row}"),
        ("เป้ารายจ่ายประจำ", f"'{SHEET}'!$D${overall_row + 1}:$E${overall_row + 1}"),
        ("เป้ารายจ่ายลงทุน", f"'{SHEET}'!$D${overall_row + 2}:$E${overall_row + 2}"),
    ]
    project = next(xml for xml in lines if "(3) Speed up e-Licensing" in xml)
    finance = row_named(sheet, "(3) Speed up e-Licensing")[0].row
    assert series(project) == [
        ("ผลด้านการเงิน", f"'{SHEET}'!$D${finance}:$E${finance}"),
        ("แผนด้านการเงิน", f"'{SHEET}'!$B${finance}:$C${finance}"),
        ("เป้าภาพรวม", f"'{SHEET}'!$D${overall_row}:$E${overall_row}"),
    ]
    assert "<c:v>0.3</c:v>" in project and "<c:v>0.6</c:v>" in project  # the cached figures
    assert all('<a:cs typeface="TH Sarabun New"/>' in xml for xml in lines)  # Thai drawn in the report's font


def test_printed_at_a_fixed_scale_with_the_charts_on_a_page_of_their_own(sheet):
    assert 75 <= sheet.page_setup.scale <= 100 and not sheet.sheet_properties.pageSetUpPr.fitToPage
    breaks = [b.id for b in sheet.row_breaks.brk]
    heading = next(c.row for row in sheet.iter_rows() for c in row[:1] if str(c.value).startswith("กราฟ:"))
    assert heading - 1 in breaks  # the charts start a page
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9


def test_no_sheet_without_history(report_book):
    assert SHEET not in report_book.sheetnames and "Quarter by quarter" not in report_book.sheetnames


def test_no_sheet_in_the_first_quarter_of_a_year(sample_report, tmp_path):
    from datetime import date

    from etda_xl.report import build_report

    settings = sample_report.settings.copy_with({"fiscal_year": 2564, "quarter": 1, "as_of": date(2020, 12, 31)})
    q1 = with_q3(sample_report).copy_with({"settings": settings})  # history: last year's Q3 only
    names = load_workbook(build_report(q1, [], tmp_path / "q1.xlsx"), read_only=True).sheetnames
    assert SHEET not in names


def test_in_english_without_targets(sample_report, tmp_path):
    from etda_xl.report import build_report

    path = build_report(with_q3(sample_report), [], tmp_path / "en.xlsx", lang="en")
    ws = load_workbook(path)["Quarter by quarter"]
    (line,) = rows_named(ws, "1.3.4 Speed up e-Licensing")
    assert line[1:7] == (26.4263, 52.8525, 0.3, 0.6, pytest.approx(26.4262), 30) and len(line) == 7
    assert not rows_named(ws, "Cumulative disbursement target, overall (cabinet resolution)")
    lines = [xml for xml in chart_parts(path) if "<c:lineChart>" in xml]
    assert len(lines) == 6 and not any("Target" in name for xml in lines for name, _ in series(xml))


def test_printed_the_budget_table_on_one_page_and_the_charts_on_their_own(sample_report, tmp_path):
    from etda_xl.checks import run_checks
    from etda_xl.report import write_pdf

    from .test_report_support import pdf_text, soffice_or_skip, thai_in_pdf_text

    soffice_or_skip()
    quarter = with_q3(sample_report, TARGETS)
    pdf = write_pdf(quarter, run_checks(quarter), tmp_path / "report.pdf")
    pages = pdf_text(pdf).split("\f")
    first = next(i for i, page in enumerate(pages) if thai_in_pdf_text("(6) เปรียบเทียบรายไตรมาส", page))
    assert "26.4263" in pages[first] and "248.2953" in pages[first] and "93%" in pages[first]  # lines to targets
    charts = next(i for i, page in enumerate(pages) if thai_in_pdf_text("กราฟ: ผลการใช้จ่ายสะสมรายไตรมาส", page))
    assert charts > first + 1  # the projects' tables between, the charts from a new page
    assert "Speed up e-Licensing" in pages[first + 1] and "Digital Governance" in pages[charts]
