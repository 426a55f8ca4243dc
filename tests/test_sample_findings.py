"""The sample's findings, asserted exactly.

Expected values were worked out by hand from the seed's printed table (FY2563 Q4), not copied
from the tool. Sheet งบประมาณ: header on row 3, so line 1 is row 4 … รวมทั้งสิ้น row 17;
columns C (1) plan, D (2) paid, E (3) carried, F (4) reserved, G (5) result, H %.

- Line 1, column (4): 1.1 + 1.2 + 1.3 = 2.3262 + 26.6362 + 73.9344 = 102.8968, printed 102.8978.
- Line 1, row: 252.3717 + 66.6804 + 102.8978 = 421.9499, typed (5) 421.9488: beyond rounding, so
  the report prints 421.9499.
- Line 1, column (5): its sub-lines print 127.1233 + 90.9492 + 203.8764 = 421.9489, it prints 421.9499.
- Grand total, column (4): 102.8978 + 1.0532 + 13.4060 = 117.3570, printed 117.3560.
- Grand total, column (5): 421.9499 + 29.4833 + 45.1584 = 496.5916, printed 496.5906.
  One cell explains all five: F4 = 102.8968 (then line 1 prints its typed 421.9488, within rounding
  of 421.9489, and 421.9488 + 29.4833 + 45.1584 = 496.5905, within rounding of 496.5906); the four
  others say they follow from F4.
- Rounding only (≤ 3 × 0.00005): rows 1.1 (127.1232 vs 127.1233), 1.3 (203.8765 vs 203.8764),
  1.3.4 (52.8526 vs 52.8525), 3 (45.1585 vs 45.1584), total (496.5907 vs 496.5906).
- KPIs counted complete below target: Digital Governance's ก.พ.ส. KPI (100 คะแนน, result 75),
  KPI row 8; e-Commerce's ก.พ.ส. KPI (100 คะแนน, result 75), KPI row 29.
- e-Commerce "100,000 คน" vs "107,841 Engagement": units differ, KPI row 28.
"""

from decimal import Decimal

import pytest

from etda_xl.checks import run_checks
from etda_xl.findings import Severity

from .memory import sample_quarter

BUDGET, KPI = "งบประมาณ", "ตัวชี้วัด"

EXPECTED = {
    ("ROOT_CAUSE", Severity.ERROR, BUDGET, "F4"),
    ("BUDGET_ROW_SUM", Severity.ERROR, BUDGET, "G4"),
    ("BUDGET_HIERARCHY", Severity.ERROR, BUDGET, "F4"),
    ("BUDGET_GRAND_TOTAL", Severity.ERROR, BUDGET, "F17"),
    ("KPI_DONE_BELOW_TARGET", Severity.WARNING, KPI, "E8"),
    ("KPI_DONE_BELOW_TARGET", Severity.WARNING, KPI, "E29"),
    ("BUDGET_ROW_SUM", Severity.INFO, BUDGET, "G5"),
    ("BUDGET_ROW_SUM", Severity.INFO, BUDGET, "G9"),
    ("BUDGET_ROW_SUM", Severity.INFO, BUDGET, "G13"),
    ("BUDGET_ROW_SUM", Severity.INFO, BUDGET, "G16"),
    ("BUDGET_ROW_SUM", Severity.INFO, BUDGET, "G17"),
    ("BUDGET_HIERARCHY", Severity.ERROR, BUDGET, "G4"),
    ("BUDGET_GRAND_TOTAL", Severity.ERROR, BUDGET, "G17"),
    ("KPI_UNIT_MISMATCH", Severity.INFO, KPI, "E28"),
}


@pytest.fixture(scope="module")
def sample_findings():
    """The sample's findings, on the sample built in memory (``test_memory_sample_is_the_file``)."""
    return run_checks(sample_quarter())


def _by(findings, code, cell):
    return next(f for f in findings if f.code == code and f.cell == cell)


def test_memory_sample_is_the_file(sample_book, sample_report):
    """The in-memory sample the checks' tests use reads exactly as the workbook ``etda-xl sample`` writes."""
    from etda_xl.workbook import read_workbook

    assert run_checks(sample_quarter()) == run_checks(read_workbook(sample_book))
    memory = sample_quarter()
    assert memory.budget == sample_report.budget and memory.projects == sample_report.projects
    assert memory.footnotes == sample_report.footnotes and memory.kpis == sample_report.kpis


def test_sample_findings_exactly(sample_findings):
    assert {(f.code, f.severity, f.sheet, f.cell) for f in sample_findings} == EXPECTED
    assert len(sample_findings) == len(EXPECTED)


def test_root_cause_names_the_cell_and_the_corrected_value(sample_findings):
    root = _by(sample_findings, "ROOT_CAUSE", "F4")
    assert root.actual == Decimal("102.8978")
    assert root.fix == Decimal("102.8968")
    assert (root.params["code"], root.params["field"], root.params["fix"]) == ("1", "reserved", Decimal("102.8968"))
    explained = list(zip(root.params["explains_codes"], [c.cell for c in root.params["explains_cells"]], strict=True))
    assert explained == [("BUDGET_ROW_SUM", "G4"), ("BUDGET_HIERARCHY", "F4"), ("BUDGET_HIERARCHY", "G4"),
                         ("BUDGET_GRAND_TOTAL", "F17"), ("BUDGET_GRAND_TOTAL", "G17")]  # fmt: skip
    # the words say the value typed and the one that corrects it
    assert "102.8968" in root.message_th and "102.8978" in root.message_th


def test_what_follows_from_the_root_cause_says_so_and_offers_no_fix(sample_findings):
    """The four other errors are right to fail, but F4 is the cell to change: none offers a value."""
    follows = [f for f in sample_findings if f.severity is Severity.ERROR and f.cell != "F4"]
    assert {(f.code, f.cell) for f in follows} == {
        ("BUDGET_ROW_SUM", "G4"),
        ("BUDGET_HIERARCHY", "G4"),
        ("BUDGET_GRAND_TOTAL", "F17"),
        ("BUDGET_GRAND_TOTAL", "G17"),
    }
    for finding in follows:
        assert finding.fix is None and finding.caused_by.cell == "F4"
        assert finding.message_th.endswith("ตามมาจาก F4") and finding.message_en.endswith("follows from F4")
    assert _by(sample_findings, "BUDGET_HIERARCHY", "F4").fix == Decimal("102.8968")


def test_errors_carry_expected_and_actual(sample_findings):
    row = _by(sample_findings, "BUDGET_ROW_SUM", "G4")
    assert (row.expected, row.actual) == (Decimal("421.9499"), Decimal("421.9488"))
    column = _by(sample_findings, "BUDGET_HIERARCHY", "F4")
    assert (column.expected, column.actual) == (Decimal("102.8968"), Decimal("102.8978"))
    printed = _by(sample_findings, "BUDGET_HIERARCHY", "G4")  # compared: the (5) the report prints, 421.9499
    assert (printed.expected, printed.params["actual"]) == (Decimal("421.9489"), Decimal("421.9499"))
    assert printed.actual == Decimal("421.9488")  # what G4 reads
    grand = _by(sample_findings, "BUDGET_GRAND_TOTAL", "F17")
    assert (grand.expected, grand.actual) == (Decimal("117.3570"), Decimal("117.3560"))


def test_rounding_is_said_to_be_rounding_with_the_numbers(sample_findings):
    rounding = _by(sample_findings, "BUDGET_ROW_SUM", "G5")
    assert rounding.severity is Severity.INFO
    assert (rounding.params["expected"], rounding.params["actual"]) == (Decimal("127.1232"), Decimal("127.1233"))
    assert (rounding.params["difference"], rounding.params["terms"]) == (Decimal("0.0001"), 3)  # within 3 × 0.00005
    error = _by(sample_findings, "BUDGET_ROW_SUM", "G4")
    assert error.severity is Severity.ERROR and error.params["difference"] == Decimal("0.0011")


def test_sample_reads_the_seed_figures(sample_report):
    """Through the file."""
    line = sample_report.line("1.3.5")
    assert line.plan == Decimal("4.705") and line.paid == 0 and line.carried == 0
    assert sample_report.line("1.2.2").pct == Decimal(96)
    assert sample_report.grand_total.result == Decimal("496.5906")
    assert sample_report.settings.fiscal_year == 2563 and sample_report.settings.quarter == 4
    assert len(sample_report.kpis) == 32
    assert [p.kpi_count for p in sample_report.project_rows] == [5, 5, 8, 8, 6]
    assert sample_report.project_total.fin_result == Decimal(84)


def test_every_finding_points_at_a_cell_and_speaks_both_languages(sample_findings):
    for finding in sample_findings:
        assert finding.sheet and finding.cell
        assert finding.message_th and finding.message_en
        assert finding.message_th != finding.message_en
