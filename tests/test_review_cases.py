"""Sloppy-input and edge cases found in review, each pinned to the behaviour a finance officer needs."""

from datetime import date
from decimal import Decimal

import pytest

from etda_xl import compute, rules
from etda_xl.checks import run_checks
from etda_xl.diagnosis import diagnose
from etda_xl.errors import InputError
from etda_xl.findings import Severity
from etda_xl.thai import parse_date
from etda_xl.workbook import read_workbook

from .conftest import edit_cells
from .memory import sample_quarter

BUDGET = "งบประมาณ"


def _findings(path):
    return run_checks(read_workbook(path))


def _at(findings, cell):
    return {(f.code, f.severity) for f in findings if f.cell == cell}


def test_a_merged_row_of_figures_is_an_error_not_silence(sample_copy):
    from openpyxl import load_workbook

    book = load_workbook(sample_copy)
    book[BUDGET].merge_cells("B4:H4")  # line 1's figures swallowed by its name cell
    book.save(sample_copy)
    findings = _findings(sample_copy)
    assert ("INPUT_MERGED", Severity.ERROR) in _at(findings, "C4")
    assert any(f.severity is Severity.ERROR for f in findings)


def test_a_merged_kpi_project_column_reads_as_the_user_sees_it(sample_copy):
    from openpyxl import load_workbook

    book = load_workbook(sample_copy)
    book["ตัวชี้วัด"].merge_cells("A4:A8")  # Digital Governance's five KPIs grouped under one "1"
    book.save(sample_copy)
    report = read_workbook(sample_copy)
    assert [k.project for k in report.kpis[:5]] == ["1"] * 5
    assert not {f.code for f in run_checks(report)} & {"KPI_PROJECT_UNKNOWN", "PROJECT_KPI_COUNT"}


def test_a_duplicate_header_is_refused_naming_both_cells(sample_copy):
    edit_cells(sample_copy, {(BUDGET, "H3"): "จ่ายจริง (2)"})
    with pytest.raises(InputError) as raised:
        read_workbook(sample_copy)
    assert "D3" in raised.value.en and "H3" in raised.value.en


def test_a_percentage_formula_is_compared_as_displayed(sample_copy):
    # =G4/C4 in a 0% cell: Excel shows 89%, the cached value is 0.889217…
    edit_cells(sample_copy, {(BUDGET, "H4"): 421.9488 / 474.5184})
    assert not _at(_findings(sample_copy), "H4")


def test_a_formula_never_calculated_is_said_so(sample_copy):
    edit_cells(sample_copy, {(BUDGET, "C5"): "=134.1005"})  # openpyxl saves no cached value
    assert _at(_findings(sample_copy), "C5") == {("INPUT_FORMULA_UNCALCULATED", Severity.ERROR)}  # a typed figure


@pytest.mark.parametrize(("typed", "read"), [("๑.๒", "1.2"), ("01.2", "1.2"), ("1.2.", "1.2")])
def test_budget_codes_are_normalised(sample_copy, typed, read):
    edit_cells(sample_copy, {(BUDGET, "A6"): typed})
    findings = _findings(sample_copy)
    assert read_workbook(sample_copy).budget[2].code == read
    assert not {f.code for f in findings} & {"BUDGET_CODE_ORPHAN", "BUDGET_CODE_INVALID"}
    assert sum(f.severity is Severity.ERROR for f in findings) == 6  # the sample's own: F4 and what follows from it


@pytest.mark.parametrize(
    ("cell", "value"),
    [("F4", None), ("I5", None), ("B7", None)],  # ops result, KPI count, short name
)
def test_blank_required_cells_in_the_projects_table(sample_copy, cell, value):
    edit_cells(sample_copy, {("โครงการ", cell): value})
    assert ("INPUT_MISSING", Severity.ERROR) in _at(_findings(sample_copy), cell)


def test_blank_kpi_result_is_missing(sample_copy):
    edit_cells(sample_copy, {("ตัวชี้วัด", "E9"): None})
    assert ("INPUT_MISSING", Severity.ERROR) in _at(_findings(sample_copy), "E9")


def test_an_invalid_setting_is_not_also_called_blank(sample_copy):
    edit_cells(sample_copy, {("ตั้งค่า", "B6"): 5})
    assert _at(_findings(sample_copy), "B6") == {("INPUT_OUT_OF_RANGE", Severity.ERROR)}


def test_yellow_below_green_is_an_error(sample_copy):
    edit_cells(sample_copy, {("ตั้งค่า", "B9"): 3})
    assert ("SETTINGS_THRESHOLDS", Severity.ERROR) in _at(_findings(sample_copy), "B9")


def test_total_finance_is_not_judged_while_a_project_is_unlinked(sample_copy):
    edit_cells(sample_copy, {("โครงการ", "M6"): None})
    codes = {f.code for f in _findings(sample_copy)}
    assert "PROJECT_BUDGET_LINE_MISSING" in codes and "SUMMARY_TOTAL_FIN" not in codes


def test_a_kpi_result_typed_as_an_excel_percentage(sample_copy):
    from openpyxl import load_workbook

    book = load_workbook(sample_copy)
    cell = book["ตัวชี้วัด"]["E5"]  # Digital Governance satisfaction: ร้อยละ 80, result 94.59
    cell.value, cell.number_format = 0.9459, "0.00%"
    book.save(sample_copy)
    report = read_workbook(sample_copy)
    assert report.kpis[1].result == "94.59%"
    assert compute.assess_kpi(report.kpis[1]).met is True


def test_huge_figures_are_refused_not_crashed(sample_copy):
    edit_cells(sample_copy, {(BUDGET, "C4"): 1e24, (BUDGET, "C8"): 1e-30})
    findings = _findings(sample_copy)
    assert ("INPUT_OUT_OF_RANGE", Severity.ERROR) in _at(findings, "C4")


def test_password_protected_or_xls_files(tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    with pytest.raises(InputError, match="password-protected"):
        read_workbook(path)


@pytest.mark.parametrize(
    ("spec", "codes"),
    [
        ("1.2-1.3", ["1.2.1", "1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.3.4", "1.3.5"]),  # 1.3's sub-lines too
        ("1.3.4-1.2.2", []),  # backwards
        ("1.2.2-1.3.4", ["1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.3.4"]),
    ],
)
def test_footnote_ranges(spec, codes):
    figures = compute.figures_of(sample_quarter({("หมายเหตุงบ", "B4"): spec}))
    assert list(figures.footnotes[0].codes) == codes


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ("1.3.4+1.3.4", "FOOTNOTE_LINES_OVERLAP"),
        ("1.2+1.2.1", "FOOTNOTE_LINES_OVERLAP"),
        ("1.3.4-1.2.2", "FOOTNOTE_LINES_INVALID"),
    ],
)
def test_footnote_lines_that_count_twice_or_run_backwards(sample_copy, spec, code):
    edit_cells(sample_copy, {("หมายเหตุงบ", "B5"): spec})
    assert code in {f.code for f in _findings(sample_copy) if f.cell == "B5"}


def test_not_more_than_wins_over_a_count():
    assert rules.infer_direction("จำนวนครั้งที่ระบบหยุดให้บริการไม่เกิน 3 ครั้งต่อปี") is rules.Direction.AT_MOST


def test_christian_era_year_in_date_text():
    assert parse_date("30 ก.ย. 2020") == date(2020, 9, 30)


def test_two_typos_that_mimic_each_other_are_ambiguous_not_guessed(sample_copy):
    """(3) of line 2 and (5) of the total both 0.1 too high: the total's (3) (E17) 0.1 higher would
    explain as much as line 2's (E15) 0.1 lower, so neither is named; both are candidates."""
    edit_cells(sample_copy, {(BUDGET, "F4"): 102.8968, (BUDGET, "E15"): 9.8305, (BUDGET, "G17"): 496.6906})
    findings = _findings(sample_copy)
    assert not [f for f in findings if f.fix is not None]
    (ambiguous,) = [f for f in findings if f.code == "ROOT_CAUSE"]
    assert ambiguous.severity is Severity.INFO
    assert {c.cell for c in ambiguous.candidates} == {"E15", "E17"}


def test_a_swapped_pair_of_digits_is_corrected_to_the_typed_digits(sample_copy):
    """3's paid (D16) 14.8376 typed 41.8376: the row and the grand total both point at it."""
    edit_cells(sample_copy, {(BUDGET, "D16"): 41.8376})
    search = diagnose(read_workbook(sample_copy))
    fixes = {f.cell.cell: f.corrected for f in search.found}
    assert fixes["D16"] == Decimal("14.8376")
    assert fixes["F4"] == Decimal("102.8968")
