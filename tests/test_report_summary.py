"""The summary sheet of the sample's report, read back with openpyxl, against the seed."""

from __future__ import annotations

import pytest

from etda_xl.rules import STATUS_COLOURS, Status

from .test_report_support import SEED_SUMMARY, SEED_TOTAL, find_row

SHEETS = [
    "สรุปผลรายโครงการ",
    "ผลการใช้จ่ายงบประมาณ",
    "ตัวชี้วัด (1)",
    "ตัวชี้วัด (2)",
    "ตัวชี้วัด (3)",
    "ตัวชี้วัด (4)",
    "ตัวชี้วัด (5)",
    "ปัญหาอุปสรรค",
    "กราฟ",
    "ข้อตรวจพบ",
]


@pytest.fixture(scope="module")
def ws(report_book):
    return report_book["สรุปผลรายโครงการ"]


def test_sheets_in_the_circulated_order_with_thai_names(report_book):
    assert report_book.sheetnames == SHEETS


def test_heading_names_fiscal_year_quarter_and_the_count_of_projects(ws):
    assert ws["A1"].value == "(1) รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก"
    texts = [ws.cell(r, 1).value for r in range(1, 12)]
    assert (
        "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก ประจำปีงบประมาณ พ.ศ. 2563 ไตรมาส 4 จำนวน 5 โครงการ ได้แก่"
    ) in texts
    assert (
        "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก จำแนกรายโครงการ ประจำปีงบประมาณ พ.ศ. 2563 ณ ไตรมาส 4"
    ) in texts


def test_projects_listed_with_thai_and_english_names(ws):
    texts = [ws.cell(r, 1).value for r in range(1, 12)]
    assert (
        "(2) โครงการผลักดันเพื่อเปลี่ยนผ่านสู่รัฐบาลดิจิทัลตามข้อกำหนดของกฎหมายธุรกรรมทางอิเล็กทรอนิกส์ "
        "(Law Compliance for Government 's Digital Transformation under Electronic Transaction Law)"
    ) in texts
    assert "(4) โครงการส่งเสริมพาณิชย์อิเล็กทรอนิกส์อย่างยั่งยืน (Thailand e-Commerce Sustainability)" in texts


def test_table_headers(ws):
    top = find_row(ws, 1, "โครงการตามภารกิจหลัก ของ สพรอ.")
    assert [ws.cell(top, c).value for c in (3, 5, 7, 8, 9)] == [
        "แผน/ผล การดำเนินงาน (ร้อยละ)",
        "แผน/ผล ด้านการเงิน (ร้อยละ)",
        "จำนวน\nตัวชี้วัด",
        "ดำเนินการ\nแล้วเสร็จ",
        "สถานะ\nความก้าวหน้า*",
    ]
    assert [ws.cell(top + 1, c).value for c in range(3, 7)] == ["แผน", "ผล", "แผน", "ผล"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {f"A{top}:B{top + 1}", f"C{top}:D{top}", f"E{top}:F{top}", f"G{top}:G{top + 1}"} <= merged
    assert ws.print_title_rows == f"${top}:${top + 1}"


def test_every_project_figure_is_the_seeds(ws):
    first = find_row(ws, 2, "Digital Governance")
    rows = [tuple(ws.cell(first + i, c).value for c in range(2, 9)) for i in range(5)]
    assert rows == SEED_SUMMARY
    assert [ws.cell(first + i, 1).value for i in range(5)] == ["1", "2", "3", "4", "5"]


def test_total_row_is_100_100_and_100_84_32_32(ws):
    row = find_row(ws, 1, "รวม")
    assert tuple(ws.cell(row, c).value for c in range(3, 9)) == SEED_TOTAL
    assert all(ws.cell(row, c).font.b for c in (1, *range(3, 9)))  # B is merged into A
    assert f"A{row}:B{row}" in {str(r) for r in ws.merged_cells.ranges}


def test_status_cells_are_filled_by_the_rule(ws):
    first = find_row(ws, 2, "Digital Governance")
    for i in range(5):
        cell = ws.cell(first + i, 9)
        assert cell.value == "เขียว"
        assert cell.fill.fgColor.rgb == "FF" + STATUS_COLOURS[Status.GREEN].lstrip("#")


def test_numbers_are_right_aligned_numbers_not_text(ws):
    first = find_row(ws, 2, "Digital Governance")
    for col in range(3, 7):
        cell = ws.cell(first, col)
        assert isinstance(cell.value, int | float)
        assert cell.alignment.horizontal == "right"


def test_colour_legend_footnote(ws):
    legend = (
        "หมายเหตุ : * สถานะความก้าวหน้า สีเขียว = เป็นไปตามแผน/ล่าช้าไม่เกิน 5%, สีเหลือง = ล่าช้า 5.1-20%, "
        "สีแดง = ล่าช้าเกิน 20% / มีอุปสรรค"
    )
    assert find_row(ws, 1, legend)


def test_font_is_th_sarabun_new_at_document_sizes(ws):
    assert ws["A1"].font.name == "TH Sarabun New" and ws["A1"].font.sz == 20 and ws["A1"].font.b
    first = find_row(ws, 2, "Digital Governance")
    assert ws.cell(first, 2).font.name == "TH Sarabun New" and ws.cell(first, 2).font.sz == 16


def test_print_setup_a4_landscape_one_page_header_and_footer(ws, report_book):
    for sheet in report_book.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.paperSize == 9, sheet.title
        assert sheet.oddHeader.left.text == "สพรอ. รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก"
        assert sheet.oddHeader.right.text.split("\n")[0] == "ปีงบประมาณ พ.ศ. 2563 ไตรมาส 4"
        assert sheet.oddFooter.right.text == "หน้า &P / &N"
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def _print_scaling(path) -> dict[str, tuple[bool, int, int, int]]:
    """Per sheet, from the file itself: (fit to page, pages wide, pages tall, scale %). ECMA-376's
    defaults for absent attributes: 1 page wide, 1 page tall, 100%."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        names = re.findall(
            r'<sheet name="([^"]+)" sheetId="\d+" r:id="rId(\d+)"', archive.read("xl/workbook.xml").decode()
        )
        out = {}
        for name, rid in names:
            xml = archive.read(f"xl/worksheets/sheet{rid}.xml").decode()
            setup = re.search(r"<pageSetup ([^>]*)/>", xml).group(1)
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', setup))
            fit = 'fitToPage="1"' in xml
            out[name] = (
                fit,
                int(attrs.get("fitToWidth", 1)),
                int(attrs.get("fitToHeight", 1)),
                int(attrs.get("scale", 100)),
            )
    return out


def test_print_scaling_of_every_sheet(report_result):
    """Summary and budget: one page. KPI tables: a fixed scale that fits the width (their page
    breaks are computed for it). Obstacles and findings: one page wide, as many tall as needed."""
    from etda_xl.report.kpis import WIDTHS
    from etda_xl.report.paging import fit_width_scale

    scaling = _print_scaling(report_result.xlsx)
    assert scaling["สรุปผลรายโครงการ"] == (True, 1, 1, 100)
    assert scaling["ผลการใช้จ่ายงบประมาณ"] == (True, 1, 1, 100)
    scale = fit_width_scale(WIDTHS)
    assert scale == 85
    for number in range(1, 6):
        assert scaling[f"ตัวชี้วัด ({number})"] == (False, 1, 1, scale)
    assert scaling["ปัญหาอุปสรรค"] == scaling["ข้อตรวจพบ"] == (True, 1, 0, 100)
    assert scaling["กราฟ"] == (False, 1, 1, 100)


def test_the_sample_report_is_a_draft_in_every_header_and_in_a_banner(ws, report_book):
    for sheet in report_book.worksheets:
        # under the period, on a line of its own, red and bold: clear of the agency on the left
        assert sheet.oddHeader.right.text == "ปีงบประมาณ พ.ศ. 2563 ไตรมาส 4\nร่าง — พบข้อผิดพลาด 6 รายการ", sheet.title
        assert sheet.oddHeader.right.color == "C00000" and sheet.oddHeader.center.text is None
    assert ws["A2"].value.startswith("ร่าง (DRAFT) — สมุดงานต้นทางมีข้อผิดพลาด 6 รายการ")


def test_no_formulas_anywhere(report_result):
    import zipfile

    with zipfile.ZipFile(report_result.xlsx) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def test_a_long_agency_with_an_ampersand_still_gets_a_header(sample_report, sample_findings, tmp_path):
    """Excel ignores headers over 255 characters and reads "&" as a code: the header is cut to fit
    and the ampersand doubled, so it prints as typed."""
    import warnings

    from openpyxl import load_workbook

    from etda_xl.report import build_report

    report = sample_report.copy_with(deep=True)
    report.settings.agency = "สำนักงาน R&D " + "ชื่อหน่วยงานที่ยาวมาก" * 12
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # XlsxWriter warns (and drops the header) above 255 characters
        path = build_report(report, sample_findings, tmp_path / "long.xlsx")
    header = load_workbook(path).worksheets[0].oddHeader
    agency, title = header.left.text.split("\n")  # each on its line, shortened to stay clear of the right
    assert agency.startswith("สำนักงาน R&&D ชื่อหน่วยงาน") and agency.endswith("…")
    assert title == "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก"
    assert header.right.text == "ปีงบประมาณ พ.ศ. 2563 ไตรมาส 4\nร่าง — พบข้อผิดพลาด 6 รายการ"


LONG_AGENCY = "สำนักงานพัฒนาธุรกรรมทางอิเล็กทรอนิกส์ (องค์การมหาชน)"
TITLE = "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก"


def test_a_long_agency_stays_clear_of_the_period_and_draft_marker(sample_report, sample_findings, tmp_path):
    from openpyxl import load_workbook

    from etda_xl.report import build_report
    from etda_xl.report.paging import printable
    from etda_xl.report.styles import HEADER_GAP, SIZE_NOTE
    from etda_xl.report.textfit import text_width

    report = sample_report.copy_with(deep=True)
    report.settings.agency = LONG_AGENCY
    report_book = load_workbook(build_report(report, sample_findings, tmp_path / "agency.xlsx"))
    right = ["ปีงบประมาณ พ.ศ. 2563 ไตรมาส 4", "ร่าง — พบข้อผิดพลาด 6 รายการ"]
    room = printable()[0] - max(text_width(line, SIZE_NOTE, bold=True) for line in right) - HEADER_GAP
    for sheet in report_book.worksheets:
        header = sheet.oddHeader
        assert header.left.text == f"{LONG_AGENCY} {TITLE}", sheet.title
        assert text_width(header.left.text, SIZE_NOTE, bold=True) <= room
        assert header.right.text == "\n".join(right)
        assert sheet.HeaderFooter.scaleWithDoc is False  # the same header size on every sheet
        assert header.left.size == header.right.size == 14


def test_an_agency_too_long_for_one_line_takes_two(sample_report, sample_findings, tmp_path):
    from openpyxl import load_workbook

    from etda_xl.report import build_report

    report = sample_report.copy_with(deep=True)
    report.settings.agency = f"{LONG_AGENCY} กระทรวงดิจิทัลเพื่อเศรษฐกิจและสังคม ราชอาณาจักรไทย"
    header = load_workbook(build_report(report, sample_findings, tmp_path / "agency.xlsx")).worksheets[0].oddHeader
    agency, title = header.left.text.split("\n")
    assert title == TITLE  # whole; the agency line gives way to Excel's 255 characters
    assert agency.endswith("…") and report.settings.agency.startswith(agency[:-1]) and len(agency) > 40


@pytest.mark.parametrize(("green", "yellow_from"), [("5", "5.1"), ("5.05", "5.06"), ("5.5", "5.6"), ("10", "10.1")])
def test_legend_yellow_starts_one_unit_of_the_thresholds_last_decimal_above_it(
    sample_report, sample_findings, tmp_path, green, yellow_from
):
    from decimal import Decimal

    from openpyxl import load_workbook

    from etda_xl.report import build_report

    report = sample_report.copy_with(deep=True)
    report.settings.green_max = Decimal(green)
    ws = load_workbook(build_report(report, sample_findings, tmp_path / "legend.xlsx"))["สรุปผลรายโครงการ"]
    legend = next(c.value for (c,) in ws.iter_rows(min_col=1, max_col=1) if str(c.value).startswith("หมายเหตุ"))
    assert f"ล่าช้าไม่เกิน {green}%, สีเหลือง = ล่าช้า {yellow_from}-20%," in legend
