"""The settings table: period, thresholds and their validation."""

from datetime import date
from decimal import Decimal

from etda_xl.checks import run_checks
from etda_xl.compute import project_status
from etda_xl.rules import Status
from etda_xl.workbook import read_workbook

from .conftest import edit_cells

SETTINGS = "ตั้งค่า"  # rows: B4 agency, B5 fiscal year, B6 quarter, B7 as of, B8 green, B9 yellow, B10 relative


def _codes(path):
    return {(f.code, f.cell) for f in run_checks(read_workbook(path))}


def test_sample_settings(sample_report):
    s = sample_report.settings
    assert (s.fiscal_year, s.quarter, s.as_of, s.agency) == (2563, 4, date(2020, 9, 30), "สพรอ.")
    assert (s.green_max, s.yellow_max, s.relative_delay) == (Decimal(5), Decimal(20), False)


def test_missing_period_is_an_error_at_its_cell(sample_copy):
    edit_cells(sample_copy, {(SETTINGS, "B6"): None})
    assert ("INPUT_MISSING", "B6") in _codes(sample_copy)


def test_quarter_out_of_range(sample_copy):
    edit_cells(sample_copy, {(SETTINGS, "B6"): 5})
    assert ("INPUT_OUT_OF_RANGE", "B6") in _codes(sample_copy)


def test_christian_era_year_is_refused(sample_copy):
    edit_cells(sample_copy, {(SETTINGS, "B5"): 2020})
    assert ("INPUT_OUT_OF_RANGE", "B5") in _codes(sample_copy)


def test_as_of_typed_as_thai_text(sample_copy):
    edit_cells(sample_copy, {(SETTINGS, "B7"): "30 ก.ย. 63"})
    assert read_workbook(sample_copy).settings.as_of == date(2020, 9, 30)


def test_thresholds_change_the_status_rule(sample_copy):
    # Digital Governance (row 4) at operations 100/97 is 3 points late: green by default (≤ 5),
    # yellow once the green limit is 2.
    edit_cells(sample_copy, {("โครงการ", "F4"): 97, (SETTINGS, "B8"): 2})
    report = read_workbook(sample_copy)
    assert project_status(report.project_rows[0], report.settings) is Status.YELLOW
