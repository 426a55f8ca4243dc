"""The budget-spending sheet of the sample's report, read back with openpyxl, against the seed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from etda_xl.report.styles import MARK_FILL

from .test_report_support import (
    SEED_BUDGET,
    SEED_FOOTNOTE_1,
    SEED_FOOTNOTE_2,
    find_row,
)

HEADERS = [
    "สำนัก/โครงการ",
    "แผนปฏิบัติงาน\n(1)",
    "จ่ายจริง\n(2)",
    "เบิกจ่ายข้ามปี\n(3)",
    "กักเงินไว้จ่าย\nเหลือในปี (4)",
    "ผลการใช้จ่าย\n(5)=(2)+(3)+(4)",
    "% ผลการใช้จ่าย",
]
LABELS = {
    "1": "1. เงินงบประมาณ",
    "1.1": "1.1 แผนงานบุคลากร",
    "1.2": "1.2 แผนงานพื้นฐาน",
    "1.2.1": "1.2.1 งบบริหารจัดการ",
    "1.2.2": "1.2.2 Digital Governance",
    "1.3": "1.3 แผนงานยุทธศาสตร์",
    "1.3.1": "1.3.1 e-Commerce",
    "1.3.2": "1.3.2 Digital Transformation",
    "1.3.3": "1.3.3 Stop e-Commerce Fraud",
    "1.3.4": "1.3.4 Speed up e-Licensing",
    "1.3.5": "1.3.5 ค่าพัฒนาระบบ e-Office*",
    "2": "2. เงินนอกงบประมาณ",
    "3": "3. เงินเหลือจ่าย",
    "รวม": "รวมทั้งสิ้น",
}


@pytest.fixture(scope="module")
def ws(report_book):
    return report_book["ผลการใช้จ่ายงบประมาณ"]


def _row(ws, code):
    return find_row(ws, 1, LABELS[code])


def test_as_of_unit_and_headers(ws):
    assert ws["A1"].value == "(2) ผลการใช้จ่ายงบประมาณ"
    assert ws["A2"].value == "ข้อมูล ณ วันที่ 30 ก.ย. 63"
    assert ws["E2"].value == "หน่วย : ล้านบาท"
    header = find_row(ws, 1, "สำนัก/โครงการ")
    assert [ws.cell(header, c).value for c in range(1, 8)] == HEADERS
    assert ws.print_title_rows == f"${header}:${header}"


def test_lines_in_order_with_their_codes(ws):
    first = _row(ws, "1")
    assert [ws.cell(first + i, 1).value for i in range(len(LABELS))] == list(LABELS.values())


@pytest.mark.parametrize("code", list(SEED_BUDGET))
def test_every_number_is_the_seeds_printed_figure(ws, code):
    """(1)–(4), (5) and % as circulated — except line 1's (5): see the next test."""
    row = _row(ws, code)
    plan, paid, carried, reserved, result, pct = SEED_BUDGET[code]
    amounts = [Decimal(str(ws.cell(row, c).value)) for c in range(2, 7)]
    expected = [Decimal(v) for v in (plan, paid, carried, reserved, result)]
    if code == "1":
        expected[4] = Decimal("421.9499")
    assert amounts == expected
    assert Decimal(str(ws.cell(row, 7).value)) * 100 == pct


def test_line_1_result_is_recomputed_and_shaded_with_the_cells_it_depends_on(ws):
    """The circulated (5) 421.9488 is not (2)+(3)+(4) = 421.9499 (the (4) 102.8978 is the typo the
    root cause finds); the report shows the sum and shades (4), (5) and % pink, as the draft says."""
    row = _row(ws, "1")
    assert ws.cell(row, 6).value == 421.9499
    assert [ws.cell(row, c).fill.fgColor.rgb == "FF" + MARK_FILL.lstrip("#") for c in range(2, 8)] == [
        False, False, False, True, True, True,
    ]  # fmt: skip
    total = _row(ws, "รวม")
    assert ws.cell(total, 5).fill.fgColor.rgb == "FF" + MARK_FILL.lstrip("#")  # BUDGET_GRAND_TOTAL, F17
    unshaded = [ws.cell(r, c).fill.fgColor.rgb for r in range(row + 1, total) for c in range(2, 8)]
    assert set(unshaded) == {"00000000"}


def test_amounts_four_decimals_zero_as_dash_percentages_whole(ws):
    row = _row(ws, "1.1")
    assert ws.cell(row, 4).value == 0
    assert ws.cell(row, 4).number_format == '#,##0.0000_ ;-#,##0.0000_ ;"-"_ '
    assert ws.cell(row, 7).number_format == "0%_ "
    for r in range(_row(ws, "1"), _row(ws, "รวม") + 1):
        for c in range(2, 7):
            value = Decimal(str(ws.cell(r, c).value))
            assert value == value.quantize(Decimal("0.0001"))
            assert ws.cell(r, c).alignment.horizontal == "right"
        assert Decimal(str(ws.cell(r, 7).value)) * 100 == int(Decimal(str(ws.cell(r, 7).value)) * 100)


def test_hierarchy_by_indentation_and_bold_parents(ws):
    indent = {code: ws.cell(_row(ws, code), 1).alignment.indent for code in LABELS}
    assert indent == {
        "1": 0, "1.1": 1, "1.2": 1, "1.2.1": 2, "1.2.2": 2, "1.3": 1, "1.3.1": 2, "1.3.2": 2, "1.3.3": 2,
        "1.3.4": 2, "1.3.5": 2, "2": 0, "3": 0, "รวม": 0,
    }  # fmt: skip
    bold = {code for code in LABELS if ws.cell(_row(ws, code), 1).font.b}
    assert bold == {"1", "1.2", "1.3", "2", "3", "รวม"}  # sections, parents, the total
    total = _row(ws, "รวม")
    assert all(ws.cell(total, c).font.b for c in range(1, 8))


def test_footnote_sentences_are_generated(ws):
    first = find_row(ws, 1, "หมายเหตุ : 1) " + SEED_FOOTNOTE_1)
    assert ws.cell(first + 1, 1).value == "2) " + SEED_FOOTNOTE_2


def test_footnote_figures_are_bold_runs(report_result):
    """226.5563 and 84% are bold, as in the circulated report (a rich-text cell)."""
    from openpyxl import load_workbook

    ws = load_workbook(report_result.xlsx, rich_text=True)["ผลการใช้จ่ายงบประมาณ"]
    cell = next(c for row in ws.iter_rows(min_col=1, max_col=1) for c in row if "226.5563" in str(c.value))
    bold_runs = [str(run.text) for run in cell.value if getattr(run, "font", None) is not None and run.font.b]
    assert bold_runs == ["226.5563", "84%"]
