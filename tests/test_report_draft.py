"""Errors in the input: a draft report with a findings sheet; --strict refuses; a clean input is final."""

from __future__ import annotations

import pytest

from etda_xl.api import check_workbook, generate_report

from .conftest import edit_cells
from .test_report_support import find_row

FINDINGS_HEADERS = ["ระดับ", "รหัส", "ชีต", "เซลล์", "ข้อความ", "ค่าที่กรอก", "ค่าที่ควรกรอก"]


@pytest.fixture(scope="module")
def findings_ws(report_book):
    return report_book["ข้อตรวจพบ"]


@pytest.fixture(scope="module")
def clean_book(sample_book, tmp_path_factory):
    """The sample with the root cause corrected: (4) of line 1 = 102.8968. No errors remain."""
    folder = tmp_path_factory.mktemp("clean")
    source = edit_cells(sample_book, {("งบประมาณ", "F4"): 102.8968}, folder / "clean.xlsx")
    return source, folder


def _table(ws):
    header = find_row(ws, 1, "ระดับ")
    return header, [
        tuple(ws.cell(r, c).value for c in range(1, 8))
        for r in range(header + 1, ws.max_row + 1)
        if ws.cell(r, 2).value
    ]


def test_findings_sheet_is_last_and_lists_every_finding_with_its_cell(report_book, findings_ws, sample_findings):
    assert report_book.sheetnames[-1] == "ข้อตรวจพบ"
    header, rows = _table(findings_ws)
    assert [findings_ws.cell(header, c).value for c in range(1, 8)] == FINDINGS_HEADERS
    assert len(rows) == len(sample_findings) == 14
    assert rows[0] == ("ข้อผิดพลาด", "ROOT_CAUSE", "งบประมาณ", "F4", rows[0][4], "102.8978", "102.8968")
    # a finding that follows from F4 reads its figure but offers none to type
    follows = next(r for r in rows if r[1] == "BUDGET_GRAND_TOTAL" and r[3] == "F17")
    assert (follows[5], follows[6]) == ("117.3560", None) and follows[4].endswith("ตามมาจาก F4")
    assert rows[0][4].startswith("ต้นเหตุ: เซลล์นี้ (รายการ 1 คอลัมน์ (4)) กรอกไว้ 102.8978")
    assert {(r[1], r[2], r[3]) for r in rows} == {(f.code, f.sheet, f.cell) for f in sample_findings}
    assert [r[0] for r in rows].count("ข้อผิดพลาด") == 6
    assert rows[6][:4] == ("คำเตือน", "KPI_DONE_BELOW_TARGET", "ตัวชี้วัด", "E8")
    assert findings_ws["A2"].value == "ข้อผิดพลาด 6 รายการ, คำเตือน 2 รายการ, ข้อสังเกต 6 รายการ"


def test_findings_sheet_says_where_the_figures_come_from(findings_ws):
    notes = [findings_ws.cell(r, 1).value or "" for r in range(1, 20)]
    typed = next(n for n in notes if n.startswith("2. แสดง (5) ตามที่กรอก"))
    assert "1.1 (แสดง 127.1233; (2)+(3)+(4) = 127.1232)" in typed
    assert "1.3.4 (แสดง 52.8525; (2)+(3)+(4) = 52.8526)" in typed
    computed = next(n for n in notes if n.startswith("3. แสดง (5) ที่คำนวณใหม่"))
    assert computed.endswith("1 (แสดง 421.9499; กรอกไว้ 421.9488)")


def test_generate_report_strict_writes_nothing(sample_book, tmp_path):
    """A --strict refusal is a result (exit 1), not an error: it says why, with the error count."""
    result = generate_report(sample_book, tmp_path / "r.xlsx", tmp_path / "r.pdf", strict=True)
    assert result.refused and result.xlsx is None and result.pdf is None
    assert list(tmp_path.iterdir()) == []
    described = result.describe()
    assert "--strict" in described and f"{result.errors} errors" in described and result.errors == 6


def test_a_clean_input_makes_a_final_report(clean_book):
    source, folder = clean_book
    _report, findings = check_workbook(source)
    assert not [f for f in findings if f.severity == "error"]
    result = generate_report(source, folder / "final.xlsx", strict=True)
    assert not result.refused and not result.draft
    from openpyxl import load_workbook

    report_book = load_workbook(result.xlsx)
    summary = report_book["สรุปผลรายโครงการ"]
    assert summary["A2"].value is None  # no banner
    for ws in report_book.worksheets:
        assert ws.oddHeader.center.text is None, ws.title
        assert ws.oddHeader.right.text == "ปีงบประมาณ พ.ศ. 2563 ไตรมาส 4", ws.title  # no draft marker
    budget = report_book["ผลการใช้จ่ายงบประมาณ"]
    row = find_row(budget, 1, "1. เงินงบประมาณ")
    # (2)+(3)+(4) = 421.9489 now; the circulated 421.9488 is within rounding of it, so it is shown
    assert [budget.cell(row, c).value for c in (5, 6, 7)] == [102.8968, 421.9488, 0.89]
    fills = {budget.cell(r, c).fill.fgColor.rgb for r in range(row, row + 14) for c in range(1, 8)}
    assert "FFFFC7CE" not in fills
    assert report_book.sheetnames[-1] == "ข้อตรวจพบ"  # warnings and notes are still listed


def test_english_report(sample_book, tmp_path):
    result = generate_report(sample_book, tmp_path / "en.xlsx", lang="en")
    from openpyxl import load_workbook

    report_book = load_workbook(result.xlsx)
    assert report_book.sheetnames == ["Summary", "Budget spending", "KPIs (1)", "KPIs (2)", "KPIs (3)", "KPIs (4)",
                               "KPIs (5)", "Obstacles", "Charts", "Findings"]  # fmt: skip
    budget = report_book["Budget spending"]
    notes = [budget.cell(r, 1).value for r in range(1, budget.max_row + 1)]
    assert "Notes: 1) Lines 1.2.2-1.3.4 together: 226.5563 million baht, 84%" in notes
    assert (
        "2) *Line 1.3.5 is part of line 1.3.4 Speed up e-Licensing; together they spent 57.5575 million baht, 62%"
        in notes
    )
    summary = report_book["Summary"]
    assert summary.cell(find_row(summary, 2, "Digital Governance"), 9).value == "green"
    assert summary.oddHeader.right.text == "Fiscal year 2563 (B.E.), quarter 4\nDRAFT — 6 errors found"
    assert report_book["Budget spending"]["A2"].value == "Data as of 30 Sep 2020"
    th, en = result.describe().split("\n\n")
    assert "every page header says \u201cDRAFT \u2014 6 errors found\u201d" in en
    assert "หัวกระดาษทุกหน้าระบุ \u201cDRAFT \u2014 6 errors found\u201d" in th and "\u201cร่าง" not in th
    findings = report_book["Findings"]
    assert findings.cell(find_row(findings, 2, "ROOT_CAUSE"), 5).value.startswith("root cause: this cell")


def test_an_empty_workbook_says_no_data_yet_on_every_section(tmp_path, capsys, monkeypatch):
    """A fresh workbook from `etda-xl new`: each section says there is no data yet, in place of
    "0 projects", a total row of 0 or an empty page."""
    from openpyxl import load_workbook

    from etda_xl.cli import main

    monkeypatch.setenv("ETDA_XL_SOFFICE", "")
    report_book = tmp_path / "2564-Q1.xlsm"
    assert main(["new", "-o", str(report_book), "--fy", "2564", "--quarter", "1"]) == 0
    out = tmp_path / "r.xlsx"
    assert main(["report", str(report_book), "-o", str(out)]) == 0
    capsys.readouterr()
    report = load_workbook(out)
    assert report.sheetnames == ["สรุปผลรายโครงการ", "ผลการใช้จ่ายงบประมาณ", "ตัวชี้วัด", "ปัญหาอุปสรรค", "กราฟ",
                                 "ข้อตรวจพบ"]  # fmt: skip
    for ws in report.worksheets[:5]:
        texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        assert any(t.startswith("ยังไม่มีข้อมูล — กรอกตาราง tbl") for t in texts), ws.title
        numbers = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, int | float)]
        assert numbers == [], ws.title  # no zeros standing for nothing
    summary = [str(c.value) for row in report["สรุปผลรายโครงการ"].iter_rows() for c in row if c.value]
    assert "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก ประจำปีงบประมาณ พ.ศ. 2564 ไตรมาส 1" in summary
    assert not any("0 โครงการ" in t for t in summary) and "รวม" not in summary
    import zipfile

    assert not [n for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/charts/")]  # no empty charts
