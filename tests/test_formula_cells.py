"""Workbooks whose (5) and % are formulas (the template): cached values, errors, root cause."""

from decimal import Decimal

import pytest

from etda_xl.checks import run_checks
from etda_xl.findings import Severity
from etda_xl.model import CellRef
from etda_xl.sample import SETTINGS, table_rows
from etda_xl.workbook import read_workbook

from .conftest import sample_with_formula


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory):
    from etda_xl.template import build_template

    return build_template(tmp_path_factory.mktemp("filled") / "filled.xlsm", SETTINGS, table_rows())


def test_root_cause_names_the_input_not_the_formula(filled_template):
    """(5) of line 1 is =ETDA_SPEND(...) of the wrong (4): the search recomputes it, as Excel would."""
    findings = run_checks(read_workbook(filled_template))
    roots = [f for f in findings if f.code == "ROOT_CAUSE"]
    assert [(f.severity, f.cell, f.fix) for f in roots] == [(Severity.ERROR, "F4", Decimal("102.8968"))]
    explained = zip(roots[0].params["explains_codes"], roots[0].params["explains_cells"], strict=True)
    assert ("BUDGET_HIERARCHY", CellRef("งบประมาณ", "G4")) in set(explained)  # the formula's column repaired too


def test_formula_cells_are_no_typed_figures(filled_template):
    report = read_workbook(filled_template)
    line = report.line("1.2.2")
    assert line.formulas["result"].startswith("=ETDA_SPEND(")
    assert line.result == Decimal("27.3849")  # the cached value the template saved
    codes = {f.code for f in run_checks(report)}
    assert not codes & {"BUDGET_FORMULA_STALE", "BUDGET_FORMULA_OVERWRITTEN", "BUDGET_PCT"}


def test_a_computed_column_s_cached_error_is_recomputed_not_reported(tmp_path):
    """A book saved where ETDA_* is unknown (before Import Functions, or by LibreOffice) shows #NAME? in
    its computed (5): that figure is recomputed from (2)+(3)+(4), so nothing is reported at G8."""
    path = sample_with_formula(tmp_path / "name-errors.xlsx", "G8", "=ETDA_SPEND(D8,E8,F8)", "#NAME?")
    quarter = read_workbook(path)
    assert [f.code for f in run_checks(quarter) if f.cell == "G8"] == []
    assert quarter.line("1.2.2").result is None  # no figure taken from the error value


def test_a_typed_figure_whose_formula_failed_is_an_error_saying_why(tmp_path):
    """Paid (2) is a user's own formula showing #VALUE!: an error at D8, like a blank, with the reason."""
    path = sample_with_formula(tmp_path / "value-error.xlsx", "D8", "=D7*X1", "#VALUE!")
    findings = [f for f in run_checks(read_workbook(path)) if f.cell == "D8" and f.code.startswith("INPUT_")]
    assert [(f.code, f.severity) for f in findings] == [("INPUT_FORMULA_ERROR", Severity.ERROR)]
    assert (findings[0].params["value"], findings[0].params["reason_en"]) == (
        "#VALUE!", "a value the formula uses is not a number")  # fmt: skip


def test_one_typo_one_finding_even_through_formulas(tmp_path):
    """Paid typed "abc": (5) and % are formulas showing why they cannot compute; only D4 is wrong."""
    from etda_xl.template import build_template

    rows = table_rows()
    rows["tblBudget"][0]["paid"] = "abc"
    book = build_template(tmp_path / "abc.xlsm", SETTINGS, rows)
    findings = [f for f in run_checks(read_workbook(book)) if f.code.startswith("INPUT_")]
    assert [(f.code, f.cell) for f in findings] == [("INPUT_NOT_NUMBER", "D4")]


def test_live_values_with_formulas_find_the_same_root_cause(filled_template):
    """ETDA_CHECKS gets values and formulas from Excel: the same answer as the file reader."""
    from openpyxl import load_workbook

    from etda_xl.workbook import TableValues, read_tables

    formulas_book = load_workbook(filled_template)
    values_book = load_workbook(filled_template, data_only=True)
    tables = {}
    for sheet in formulas_book.worksheets:
        for table in sheet.tables.values():
            cached = values_book[sheet.title][table.ref]
            tables[table.name] = TableValues(
                sheet.title,
                table.ref.split(":")[0],
                [[c.value for c in row] for row in cached],
                cell_formats=[[c.number_format for c in row] for row in cached],
                formulas=[[c.value if isinstance(c.value, str) and c.value.startswith("=") else None for c in row]
                          for row in sheet[table.ref]],
            )  # fmt: skip
    live = run_checks(read_tables(tables, "live"))
    assert live == run_checks(read_workbook(filled_template))


def test_a_formula_naming_its_own_cell_is_a_circular_reference_not_a_zero(tmp_path):
    """=D8+1 typed in D8: Excel saves 0 and says nothing; the check says what it is, at D8."""
    path = sample_with_formula(tmp_path / "circular.xlsx", "D8", "=D8+1", 0)
    quarter = read_workbook(path)
    assert quarter.line("1.2.2").paid is None  # not read as a paid amount of 0
    found = [f for f in run_checks(quarter) if f.cell == "D8" and f.code.startswith("INPUT_")]
    assert [(f.code, f.severity) for f in found] == [("INPUT_FORMULA_CIRCULAR", Severity.ERROR)]
    assert (found[0].params["formula"], found[0].params["value"]) == ("=D8+1", "0")
