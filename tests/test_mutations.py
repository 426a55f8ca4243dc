"""Change one typed figure of the sample workbook: a finding lands at exactly that cell."""

from decimal import Decimal

import pytest

from etda_xl.checks import run_checks
from etda_xl.findings import Severity
from etda_xl.workbook import read_workbook

from .conftest import edit_cells

BUDGET_ROWS = range(4, 18)  # line 1 … รวมทั้งสิ้น
AMOUNT_COLUMNS = "CDEFG"  # (1) … (5)


def _mutated_findings(book, sheet, cell, value):
    edit_cells(book, {(sheet, cell): value})
    return run_checks(read_workbook(book))


def _serious_at(findings, sheet, cell):
    return [f for f in findings if f.sheet == sheet and f.cell == cell and f.severity is not Severity.INFO]


@pytest.mark.parametrize("cell", [f"{c}{r}" for r in BUDGET_ROWS for c in AMOUNT_COLUMNS])
def test_every_budget_amount_is_guarded(sample_copy, cell):
    from openpyxl import load_workbook

    original = load_workbook(sample_copy)["งบประมาณ"][cell].value
    number = 0 if original == "-" else original
    findings = _mutated_findings(sample_copy, "งบประมาณ", cell, number + 1.5)
    assert _serious_at(findings, "งบประมาณ", cell), f"no finding at {cell}"


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "code"),
    [
        ("งบประมาณ", "H8", 0.95, "BUDGET_PCT"),  # 1.2.2 typed 95% instead of 96%
        ("โครงการ", "H4", 97, "PROJECT_FIN_RESULT"),  # Digital Governance finance result 97 ≠ 96
        ("โครงการ", "I5", 6, "PROJECT_KPI_COUNT"),  # Digital Transformation lists 5 KPIs
        ("โครงการ", "J6", 9, "PROJECT_KPI_DONE"),  # completed 9 of 8
        ("โครงการ", "L4", "แดง", "PROJECT_STATUS"),  # 100/100 without obstacle is green
        ("โครงการ", "H9", 85, "SUMMARY_TOTAL_FIN"),  # total 100/84
        ("โครงการ", "I9", 33, "SUMMARY_TOTAL_KPI"),  # 32 KPIs
        ("โครงการ", "M4", "1.9.9", "PROJECT_BUDGET_LINE_MISSING"),
        ("หมายเหตุงบ", "D4", 226.6563, "FOOTNOTE_AMOUNT"),
        ("หมายเหตุงบ", "E5", 0.6, "FOOTNOTE_PCT"),
        ("หมายเหตุงบ", "B4", "1.2.2-1.9.4", "FOOTNOTE_UNKNOWN_LINE"),
        ("หมายเหตุงบ", "C5", "1.3.3", "FOOTNOTE_PART_OF"),
        ("ตัวชี้วัด", "A4", "9", "KPI_PROJECT_UNKNOWN"),
        ("ตั้งค่า", "B7", "30 ธ.ค. 63", "PERIOD_AS_OF"),
        ("งบประมาณ", "A6", "1.1", "BUDGET_CODE_DUPLICATE"),
        ("งบประมาณ", "A14", "1.4.5", "BUDGET_CODE_ORPHAN"),
        ("งบประมาณ", "A14", "1.3.x", "BUDGET_CODE_INVALID"),
        ("งบประมาณ", "D5", "abc", "INPUT_NOT_NUMBER"),
        ("งบประมาณ", "D5", -124.797, "INPUT_NEGATIVE"),
        ("งบประมาณ", "G8", 27.3849 + 5, "BUDGET_OVER_PLAN"),
        ("งบประมาณ", "D5", None, "INPUT_MISSING"),
        ("งบประมาณ", "H5", 0.9536, None),  # 95.36% in a 0% cell shows 95%: right as displayed
        ("งบประมาณ", "H5", 0.9436, "BUDGET_PCT"),  # shows 94%: wrong as displayed
    ],
)
def test_one_change_one_finding_at_that_cell(sample_copy, sheet, cell, value, code):
    findings = _mutated_findings(sample_copy, sheet, cell, value)
    codes_here = {f.code for f in findings if f.sheet == sheet and f.cell == cell}
    if code is None:
        assert not codes_here
    else:
        assert code in codes_here


def test_root_cause_of_a_leaf_typo(sample_copy):
    """1.2.1 paid (D7) 45.6189 typed as 46.6189: its row and 1.2's column (2) break."""
    findings = _mutated_findings(sample_copy, "งบประมาณ", "D7", 46.6189)
    roots = [f for f in findings if f.code == "ROOT_CAUSE" and f.severity is Severity.ERROR]
    assert {(f.cell, f.fix) for f in roots} == {("D7", Decimal("45.6189")), ("F4", Decimal("102.8968"))}


def test_two_wrong_cells_in_one_row_have_no_single_cause(sample_copy):
    edit_cells(sample_copy, {("งบประมาณ", "D7"): 46.6189, ("งบประมาณ", "E7"): 15.1597})
    findings = run_checks(read_workbook(sample_copy))
    roots = {(f.cell, f.severity) for f in findings if f.code == "ROOT_CAUSE"}
    assert ("D7", Severity.ERROR) not in roots and ("E7", Severity.ERROR) not in roots
    none = [f for f in findings if f.code == "ROOT_CAUSE" and f.severity is Severity.INFO]
    assert none and "more than one cell" in none[0].message_en


def test_fraction_percentage_is_flagged_with_the_fix(sample_copy):
    """A project's finance result typed 0.96 (no % format) probably means 96."""
    findings = _mutated_findings(sample_copy, "โครงการ", "H4", 0.96)
    flagged = [f for f in findings if f.code == "INPUT_PCT_FRACTION"]
    assert [(f.cell, f.fix) for f in flagged] == [("H4", "96")]
    assert not [f for f in findings if f.code == "PROJECT_FIN_RESULT"]
