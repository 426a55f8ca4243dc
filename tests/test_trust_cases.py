"""The cases of "a clean check means right figures", each as the finance officer met it (FY2563 Q4 sample)."""

from __future__ import annotations

from decimal import Decimal

from etda_xl.checks import run_checks
from etda_xl.compute import figures_of
from etda_xl.model import CellRef, PastLine
from etda_xl.report.figures import build_figures

from .memory import sample_quarter

BUDGET, PROJECTS = "งบประมาณ", "โครงการ"


def test_1_0_and_0_6_typed_as_fractions_are_never_read_as_1_percent():
    """Project 3's operations plan 1 and result 0.6 in plain cells, its row otherwise whole percents (100,
    60): 0.6 is read as 60% (a warning says so) and the 1 cannot be told, an error at its cell; the report
    does not print a plan of 1."""
    quarter = sample_quarter({(PROJECTS, "E6"): 1, (PROJECTS, "F6"): 0.6})
    findings = run_checks(quarter)
    at = {(f.code, f.cell): f for f in findings if f.sheet == PROJECTS}
    assert at[("INPUT_PCT_AMBIGUOUS", "E6")].severity.value == "error"
    assert at[("INPUT_PCT_FRACTION", "F6")].fix == Decimal(60)
    project = quarter.project_rows[2]
    assert (project.ops_plan, project.ops_result) == (None, 60)
    assert build_figures(quarter, findings, "th").projects[2].ops_plan is None


def test_a_fraction_row_reads_its_1_as_100_percent():
    """All of project 3's percentages typed as fractions in plain cells: 1 is 100%, 0.6 is 60%."""
    finance = {4: 0.96, 5: 0.99, 7: 0.93, 8: 0.94, 9: 0.84}  # the other rows' finance results, as fractions
    edits = {(PROJECTS, c): v for c, v in (("E6", 1), ("F6", 0.6), ("G6", 1), ("H6", 0.6))}
    edits |= {(PROJECTS, f"{c}{r}"): 1 for c in "EFG" for r in finance}
    edits |= {(PROJECTS, f"H{r}"): v for r, v in finance.items()}
    quarter = sample_quarter(edits)
    project = quarter.project_rows[2]
    assert (project.ops_plan, project.ops_result, project.fin_plan, project.fin_result) == (100, 60, 100, 60)
    assert figures_of(quarter).project(project).status.value == "red"  # 40 points behind


def test_a_mistyped_code_names_its_row_and_computes_nothing_from_a_guess():
    """1.3.2's code typed 1.3.3 (row 11): its place (between 1.3.1 and 1.3.3), its name (project 2's,
    Digital Transformation) and, with Q3 in the history, its plan name that row; the fix offered is 1.3.2.
    Projects 2 (1.3.2) and 5 (1.3.3) get no finance % from a guessed row."""
    quarter = sample_quarter({(BUDGET, "A11"): "1.3.3"})
    quarter.history_budget = [PastLine(fiscal_year=2563, quarter=3, code="1.3.2", name="Digital Transformation",
                                       plan=Decimal("77.3767"))]  # fmt: skip
    findings = run_checks(quarter)
    (duplicate,) = [f for f in findings if f.code == "BUDGET_CODE_DUPLICATE"]
    assert (duplicate.cell, duplicate.fix) == ("A11", "1.3.2")
    assert (duplicate.params["meant"], duplicate.params["reasons"]) == ("1.3.2", ("place", "name", "plan"))
    assert duplicate.params["cells"] == (CellRef(BUDGET, "A11"), CellRef(BUDGET, "A12"))
    figures = figures_of(quarter)
    assert [p.pct for p in figures.projects][1::3] == [None, None]  # projects 2 and 5
    assert not [f for f in findings if f.code == "PROJECT_FIN_RESULT" and f.cell in ("H5", "H8")]
    (missing,) = [f for f in findings if f.code == "PROJECT_BUDGET_LINE_MISSING"]
    assert missing.cell == "M5" and (missing.params["meant_cell"], missing.params["meant_code"]) == (
        CellRef(BUDGET, "A11"), "1.3.3")  # fmt: skip
    assert "probably the row at A11, typed 1.3.3" in missing.message_en  # the words name the row on its sheet


def test_a_duplicate_told_apart_by_its_place_alone_is_named_without_a_value():
    """Line 2 typed as 3 (rows 15 and 16 both "3", renamed, and 2 missing): only row 15 stands where 2
    sorts; one sign is not enough to offer a value to type."""
    quarter = sample_quarter({(BUDGET, "A15"): "3", (BUDGET, "B15"): "เงินอื่น"})
    (duplicate,) = [f for f in run_checks(quarter) if f.code == "BUDGET_CODE_DUPLICATE"]
    assert (duplicate.cell, duplicate.fix) == ("A15", None)
    assert (duplicate.params["meant"], duplicate.params["reasons"]) == ("2", ("place",))


def test_a_duplicate_that_nothing_tells_apart_names_both_rows_and_offers_nothing():
    """1.3.3 typed at both 1.3.4's and 1.3.5's rows after 1.3.3 (three 1.3.3s, two codes missing): no row
    fits better than another; all are candidates."""
    quarter = sample_quarter({(BUDGET, "A13"): "1.3.3", (BUDGET, "A14"): "1.3.3"})
    (duplicate, *_) = [f for f in run_checks(quarter) if f.code == "BUDGET_CODE_DUPLICATE"]
    assert duplicate.fix is None and [c.cell for c in duplicate.candidates] == ["A12", "A13", "A14"]
    assert duplicate.params["missing"] == ("1.3.4", "1.3.5")
