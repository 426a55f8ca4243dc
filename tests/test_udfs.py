"""The UDFs called directly (no Excel): scalar and column forms, readable errors, and parity with the
core on every row of the sample."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from etda_xl import cells, compute, rules
from etda_xl.cells import excel_value
from etda_xl.checks import run_checks
from etda_xl.sample import table_rows
from etda_xl.workbook import read_workbook
from udfs import etda_udfs as udf
from udfs.live import check_tables, finding_rows

from .excel_fakes import in_order, table_ranges

ROWS = table_rows()
BUDGET = ROWS["tblBudget"]


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory):
    """The template filled with the sample: (5), %, status and KPI met are =ETDA_* formulas."""
    from etda_xl.sample import SETTINGS
    from etda_xl.template import build_template

    return build_template(tmp_path_factory.mktemp("filled") / "filled.xlsm", settings=SETTINGS, rows=ROWS)


def _column(values):
    """A column as Excel hands it over with ndim=2: one-item rows."""
    return [[v] for v in values]


def _flat(column):
    return [row[0] for row in column]


# --- ETDA_SPEND ------------------------------------------------------------------------------------------


def test_spend_single_cells():
    assert udf.ETDA_SPEND(4.16, 0.3744, 22.8505) == pytest.approx(27.3849, abs=0)
    assert udf.ETDA_SPEND(124.797, "-", 2.3262) == 127.1232  # "-" is zero
    assert udf.ETDA_SPEND("๑๒", "1,000", "0.5") == 1012.5  # Thai digits and text numbers
    assert udf.ETDA_SPEND([[4.16]], [[0.3744]], [[22.8505]]) == 27.3849  # one cell with ndim=2


def test_spend_blank_until_all_three_are_filled():
    assert udf.ETDA_SPEND(None, 1, 2) == ""
    assert udf.ETDA_SPEND("", "", "") == ""


def test_spend_errors_are_readable_text():
    assert udf.ETDA_SPEND("abc", 1, 2) == "ค่าไม่ใช่ตัวเลข: 'abc'"
    assert udf.ETDA_SPEND("abc", 1, 2, "en") == "not a number: 'abc'"
    assert udf.ETDA_SPEND(True, 1, 2) == "ค่าไม่ใช่ตัวเลข: 'True'"


def test_spend_whole_columns_equal_the_core_on_every_sample_row(sample_report):
    by_code = {line.code: line for line in sample_report.budget}
    column = udf.ETDA_SPEND(*(_column([r[f] for r in BUDGET]) for f in ("paid", "carried", "reserved")))
    assert len(column) == len(BUDGET) == len(sample_report.budget)
    for row, value in zip(BUDGET, _flat(column), strict=True):
        assert Decimal(repr(value)) == compute.figures_of(sample_report).of(by_code[row["code"]]).computed_result


def test_columns_of_different_lengths_or_widths_are_refused_in_words():
    assert udf.ETDA_SPEND(_column([1, 2]), _column([1, 2, 3]), _column([1, 2])) == (
        "คอลัมน์มีจำนวนแถวไม่เท่ากัน (2, 3) / the columns differ in length (2, 3)"
    )
    assert udf.ETDA_SPEND([[1, 2], [3, 4]], 1, 1) == "ต้องเป็นคอลัมน์เดียว / expects a single column"


def test_a_single_cell_broadcasts_down_a_column():
    assert udf.ETDA_SPEND(_column([1, 2, 3]), 0, "-") == [[1.0], [2.0], [3.0]]


# --- ETDA_SPEND_PCT --------------------------------------------------------------------------------------


def test_spend_pct_values_of_the_report():
    assert udf.ETDA_SPEND_PCT(127.1233, 134.1005) == 95  # line 1.1
    assert udf.ETDA_SPEND_PCT(496.5906, 588.7946) == 84  # grand total
    assert udf.ETDA_SPEND_PCT(0.5, 200, 2) == 0.25
    assert udf.ETDA_SPEND_PCT(1, 8, 0) == 13  # 12.5 rounds half up, not to even
    assert udf.ETDA_SPEND_PCT(1, 0) == rules.NO_PLAN_TEXT["th"] == "ไม่มีแผน"
    assert udf.ETDA_SPEND_PCT(1, 0, None, "en") == "no plan"
    assert udf.ETDA_SPEND_PCT(None, 10) == ""
    assert udf.ETDA_SPEND_PCT(1, 2, 7) == "ค่า '7' อยู่นอกช่วงที่ใช้ได้ (0-4)"


def test_spend_pct_equals_the_core_on_every_sample_row(sample_report):
    by_code = {line.code: line for line in sample_report.budget}
    column = udf.ETDA_SPEND_PCT(_column([r["result"] for r in BUDGET]), _column([r["plan"] for r in BUDGET]), 0)
    for row, value in zip(BUDGET, _flat(column), strict=True):
        line = compute.figures_of(sample_report).of(by_code[row["code"]])
        assert Decimal(repr(value)) == line.printed_pct, row["code"]
    shown = dict(zip((r["code"] for r in BUDGET), _flat(column), strict=True))
    assert (shown["1.1"], shown["1.3.4"], shown["รวม"]) == (95, 60, 84)


def test_footnote_subtotal_1_2_2_to_1_3_4_is_84_percent(sample_report):
    note = sample_report.footnotes[0]
    assert note.lines == ("1.2.2-1.3.4",)
    totals = compute.figures_of(sample_report).footnotes[0]
    members = set(totals.codes)
    result = sum(r["result"] for r in BUDGET if r["code"] in members)
    plan = sum(r["plan"] for r in BUDGET if r["code"] in members)
    assert udf.ETDA_SPEND_PCT(result, plan) == 84 == totals.pct


# --- ETDA_STATUS -----------------------------------------------------------------------------------------


def test_status_by_the_legend():
    assert udf.ETDA_STATUS(100, 95) == "เขียว"  # 5 points late: still green
    assert udf.ETDA_STATUS(100, 94.9) == "เหลือง"
    assert udf.ETDA_STATUS(100, 80) == "เหลือง"
    assert udf.ETDA_STATUS(100, 79) == "แดง"
    assert udf.ETDA_STATUS(100, 100, "มี") == "แดง"  # an obstacle makes it red
    assert udf.ETDA_STATUS(100, 100, "ไม่มี", None, None, None, "en") == "green"
    assert udf.ETDA_STATUS(100, 90, "", 10, 20) == "เขียว"  # thresholds from the settings
    assert udf.ETDA_STATUS(50, 45, "", 5, 20, "ใช่") == "เหลือง"  # relative: 10% of plan
    assert udf.ETDA_STATUS(None, 100) == ""
    assert udf.ETDA_STATUS(100, 100, "maybe") == "ค่า 'maybe' ไม่อยู่ในตัวเลือก: มี / ไม่มี (yes / no)"


def test_status_equals_the_core_on_every_sample_project(sample_report):
    projects = ROWS["tblProjects"]
    column = udf.ETDA_STATUS(
        *(_column([p[f] for p in projects]) for f in ("ops_plan", "ops_result", "obstacle")), 5, 20, "ไม่ใช่", "th"
    )
    by_number = {p.number: p for p in sample_report.projects}
    for row, shown in zip(projects, _flat(column), strict=True):
        expected = compute.project_status(by_number[row["number"]], sample_report.settings)
        assert shown == rules.status_label(expected, "th") == "เขียว"


# --- one percentage rule: the reader and the UDFs --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (1.0, "0%", ("100", False)),  # a cell showing 100%
        (0.5, "0%", ("50", False)),
        (0.965, "0%", ("97", False)),  # shows 97%: read as shown, half up
        (0.9459, "0.00%", ("94.59", False)),
        (0.5, "General", ("50", True)),  # a bare fraction: 50, flagged
        (0.5, "0", ("50", True)),
        (96.0, "0", ("96", False)),
        (94.6, "0", ("95", False)),  # as the whole-number cell shows it
        (94.6, "General", ("94.6", False)),
        (100.0, '0"%"', ("100", False)),  # a quoted % is text: no ×100
        ("96%", "General", ("96", False)),
        ("0.5%", "@", ("0.5", False)),  # text with % says its unit
        ("0.5", "@", ("50", True)),
        (0.0, "0%", ("0", False)),
    ],
)
def test_whole_percent(value, number_format, expected):
    found, fraction = cells.whole_percent(value, number_format)
    assert (str(found), fraction) == expected
    assert cells.whole_percent(cells.Formatted(value, number_format)) == (found, fraction)


def _projects_book(path, rows, formats=None, settings=None):
    """A template with these projects (ops plan/result as given), cells re-formatted with openpyxl."""
    from datetime import date

    from openpyxl import load_workbook

    from etda_xl.model import Settings
    from etda_xl.template import build_template

    settings = settings or Settings(fiscal_year=2564, quarter=1, as_of=date(2020, 12, 31))
    book = build_template(path, settings, {"tblProjects": rows})
    if formats:
        edited = load_workbook(book, keep_vba=True)
        for cell, number_format in formats.items():
            edited["โครงการ"][cell].number_format = number_format
        edited.save(book)
    return book


def _project(number, plan, actual, obstacle="ไม่มี"):
    return {"number": str(number), "short_name": f"p{number}", "ops_plan": plan, "ops_result": actual,
            "fin_plan": 100, "fin_result": 100, "kpi_count": 0, "kpi_done": 0, "obstacle": obstacle}  # fmt: skip


#: (ops plan, ops result, obstacle, cell formats of plan/result) → covering every colour and the % cells.
STATUS_CASES = [
    (100, 100, "ไม่มี", None),  # on plan: green
    (100, 95, "ไม่มี", None),  # 5 late: green
    (100, 90, "ไม่มี", None),  # 10 late: yellow (relative: 10% of plan, yellow)
    (50, 45, "ไม่มี", None),  # 5 points late, but 10% of the plan: green, or yellow when relative
    (100, 70, "ไม่มี", None),  # 30 late: red
    (100, 100, "มี", None),  # an obstacle: red
    (1.0, 0.5, "ไม่มี", "0%"),  # cells showing 100% and 50%: red
    (1.0, 0.96, "ไม่มี", "0%"),  # 100% and 96%: green
    (1.0, 0.85, "ไม่มี", "0%"),  # 100% and 85%: yellow
    (100, 0.5, "ไม่มี", None),  # a bare 0.5 is 50 (flagged): red, by both
    (94.6, 89.4, "ไม่มี", "0"),  # shown 95 and 89: 6 late, yellow (the raw values are 5.2 apart)
]


@pytest.mark.parametrize("relative", [False, True])
def test_status_udf_equals_the_reader_and_the_rule(tmp_path, relative):
    """ETDA_STATUS, given the cells as Excel hands them (values with formats), says what the file reader
    and ``compute.project_status`` say, in every colour, with the relative delay, and for % cells."""
    from datetime import date

    from etda_xl.model import Settings

    settings = Settings(fiscal_year=2564, quarter=1, as_of=date(2020, 12, 31), relative_delay=relative)
    rows = [_project(i, plan, actual, obstacle) for i, (plan, actual, obstacle, _f) in enumerate(STATUS_CASES, 1)]
    formats = {}
    for index, (*_values, number_format) in enumerate(STATUS_CASES):
        if number_format:
            formats.update({f"E{4 + index}": number_format, f"F{4 + index}": number_format})
    book = _projects_book(tmp_path / "status.xlsm", rows, formats, settings)
    report = read_workbook(book)
    expected = [rules.status_label(compute.project_status(p, report.settings), "th") for p in report.projects]

    projects = table_ranges(book)["tblProjects"]
    count = len(STATUS_CASES)
    plan, actual, obstacle = (projects[1 : count + 1, c] for c in (4, 5, 10))
    thresholds = (5, 20, "ใช่" if relative else "ไม่ใช่", "th")
    column = udf.ETDA_STATUS(udf.formatted_cells(plan), udf.formatted_cells(actual), obstacle.value, *thresholds)
    assert _flat(column) == expected  # one call for the column
    for row in range(count):  # and the template's per-row calls
        cells_of = (udf.formatted_cells(projects[row + 1, c]) for c in (4, 5))
        assert udf.ETDA_STATUS(*cells_of, projects[row + 1, 10].value, *thresholds) == expected[row]
    colours = ["เขียว", "เขียว", "เหลือง", "เหลือง" if relative else "เขียว", "แดง", "แดง", "แดง", "เขียว", "เหลือง"]
    assert expected == [*colours, "แดง", "เหลือง"]
    fractions = [f.cell for f in run_checks(report) if f.code == "INPUT_PCT_FRACTION"]
    assert fractions == ["F13"]  # the bare 0.5, not the cells formatted as %


def test_status_of_cells_showing_100_and_50_percent_is_red():
    """The review's case: =ETDA_STATUS over cells showing 100% and 50% (they hold 1 and 0.5)."""
    plan, actual = [[cells.Formatted(1.0, "0%")]], [[cells.Formatted(0.5, "0%")]]
    assert udf.ETDA_STATUS(plan, actual, "ไม่มี") == "แดง"
    # The bare numbers (no % format): result 0.5 is a fraction, so plan 1 beside it is 100%, not 1%.
    assert udf.ETDA_STATUS(1.0, 0.5, "ไม่มี") == "แดง"
    # 1 beside a whole percent is 1%; alone, or beside 0, it cannot be told: said in the cell.
    assert udf.ETDA_STATUS(1.0, 50, "ไม่มี") == "เขียว"
    assert udf.ETDA_STATUS(1.0, 0, "ไม่มี", None, None, None, "en").startswith("the percentage 1 could mean 1% or 100%")


def test_formatted_cells_costs_two_calls_unless_the_formats_differ(tmp_path):
    book = _projects_book(tmp_path / "f.xlsm", [_project(1, 1.0, 0.5), _project(2, 100, 50)], {"E4": "0%"})
    projects = table_ranges(book)["tblProjects"]
    same = projects[1:3, 5]  # F4:F5, both "0"
    assert udf.formatted_cells(same) == [[cells.Formatted(0.5, "0")], [cells.Formatted(50.0, "0")]]
    assert projects.com_calls == 2
    mixed = projects[1:3, 4]  # E4 "0%", E5 "0"
    assert udf.formatted_cells(mixed) == [[cells.Formatted(1.0, "0%")], [cells.Formatted(100.0, "0")]]
    assert projects.com_calls == 2 + 2 + 2  # values, the mixed format, then one per cell


def test_a_typed_literal_stays_itself():
    from types import SimpleNamespace

    context = SimpleNamespace(range=None, value=96.0)  # =ETDA_STATUS(100, 96): no range to ask
    udf._attach_formats(context)
    assert context.value == 96.0
    assert udf.ETDA_STATUS(100, 96) == "เขียว"


# --- the reader's limit ----------------------------------------------------------------------------------


def test_udfs_refuse_figures_the_reader_refuses():
    from etda_xl import schema

    assert schema.MAX_FIGURE == 10**15  # one limit: the schema's, read by values.parse for both
    too_big = "ค่า '1e+20' อยู่นอกช่วงที่ใช้ได้ (< 1,000,000,000,000,000)"
    assert udf.ETDA_SPEND(1e20, 1e20, 1e20) == too_big
    assert udf.ETDA_SPEND_PCT(1e308, 100) == "ค่า '1e+308' อยู่นอกช่วงที่ใช้ได้ (< 1,000,000,000,000,000)"
    assert udf.ETDA_SPEND_PCT(1, 1e15, None, "en") == (
        "'1000000000000000.0' is outside the allowed range (< 1,000,000,000,000,000)"  # as the reader quotes it
    )
    assert udf.ETDA_STATUS(1e16, 1) == "ค่า '1e+16' อยู่นอกช่วงที่ใช้ได้ (< 1,000,000,000,000,000)"
    assert udf.ETDA_SPEND(999_999_999_999_999, 0, 0) == 999_999_999_999_999.0  # just under: a figure


def test_the_reader_says_the_same_for_the_same_cell(tmp_path):
    from etda_xl.model import Settings
    from etda_xl.template import build_template

    rows = {"tblBudget": [{"code": "1", "name": "x", "plan": 10, "paid": 1e20, "carried": 0, "reserved": 0}]}
    book = build_template(tmp_path / "big.xlsm", Settings(fiscal_year=2564, quarter=1), rows)
    found = [f for f in run_checks(read_workbook(book)) if f.code == "INPUT_OUT_OF_RANGE"]
    assert [(f.cell, f.message_th) for f in found] == [("D4", "ค่า '1e+20' อยู่นอกช่วงที่ใช้ได้ (< 1,000,000,000,000,000)")]
    assert udf.ETDA_SPEND(1e20, 0, 0) == found[0].message_th


# --- ETDA_KPI_MET ----------------------------------------------------------------------------------------


def test_kpi_met_single_cells():
    assert udf.ETDA_KPI_MET("5 ฉบับ", 5) == "บรรลุ"
    assert udf.ETDA_KPI_MET("ร้อยละ 80", "94.59") == "บรรลุ"
    assert udf.ETDA_KPI_MET("100 คะแนน", 75, None, None, "en") == "not met"
    assert udf.ETDA_KPI_MET("12 เดือน", 13, "≤") == "ไม่บรรลุ"
    assert udf.ETDA_KPI_MET("12 เดือน", 12, "", "สามารถดำเนินการได้ภายในปีงบประมาณ") == "บรรลุ"
    assert udf.ETDA_KPI_MET("ครบถ้วน", "ครบ") == "วัดไม่ได้"
    assert udf.ETDA_KPI_MET("", None) == ""
    assert udf.ETDA_KPI_MET("5", 5, "about") == "ค่า 'about' ไม่อยู่ในตัวเลือก: ≥ / ≤ / เท่ากับ"
    assert udf.ETDA_KPI_MET("5", 5, "=") == "บรรลุ"  # "=" typed as text still reads


def test_kpi_met_equals_the_core_on_every_sample_kpi(sample_report):
    kpis = ROWS["tblKPI"]
    column = udf.ETDA_KPI_MET(
        *(_column([k.get(f) for k in kpis]) for f in ("target", "result", "direction", "indicator"))
    )
    shown = _flat(column)
    assert len(shown) == len(sample_report.kpis) == 32
    labels = {True: "บรรลุ", False: "ไม่บรรลุ", None: "วัดไม่ได้"}
    for kpi, value in zip(sample_report.kpis, shown, strict=True):
        assert value == labels[compute.assess_kpi(kpi).met], kpi.indicator
    assert shown.count("ไม่บรรลุ") == 2  # the two 75-of-100-points results the check warns about


# --- ETDA_CHECKS -----------------------------------------------------------------------------------------


def _file_rows(book):
    """What `etda-xl check` finds in the file, as ETDA_CHECKS lists it."""
    return finding_rows(run_checks(read_workbook(book)))


def test_checks_fed_with_the_tables_equal_the_file_checks(sample_book):
    ranges = table_ranges(sample_book)
    rows = udf.ETDA_CHECKS(*in_order(ranges))
    findings = run_checks(read_workbook(sample_book))
    assert len(rows) == len(findings) == 14
    findings.sort(key=lambda f: (f.severity != "error", f.severity != "warning", f.code != "ROOT_CAUSE"))
    for row, finding in zip(rows, findings, strict=True):
        assert row == [
            finding.code,
            finding.severity.value,
            finding.where,
            finding.message_th,
            finding.message_en,
            excel_value(finding.actual),
            excel_value(finding.fix),
        ]
    root = rows[0]  # root causes first, as the command line lists them
    assert root[:3] == ["ROOT_CAUSE", "error", "'งบประมาณ'!F4"]
    assert (root[5], root[6]) == (102.8978, 102.8968)  # Decimal → float only here, at the Excel boundary
    follows = next(r for r in rows if r[0] == "BUDGET_GRAND_TOTAL" and r[2].endswith("F17"))
    assert (follows[5], follows[6]) == (117.356, "")  # it reads 117.3560; nothing to type there


def test_checks_on_the_filled_template_equal_the_file_checks(filled_template):
    """(5) and % are =ETDA_* formulas there: the live ranges hand their formulas over, so the root cause is
    the typed (4) of line 1, an error, exactly as `etda-xl check` says — not two vague candidates."""
    ranges = table_ranges(filled_template)
    rows = udf.ETDA_CHECKS(*in_order(ranges))
    assert rows == _file_rows(filled_template)
    assert [r[:3] + r[5:] for r in rows if r[0] == "ROOT_CAUSE"] == [
        ["ROOT_CAUSE", "error", "'งบประมาณ'!F4", 102.8978, 102.8968]
    ]
    assert sum(r.com_calls for r in ranges.values()) <= 6 * 2 + sum(  # values and formulas: one call each
        len(r._values[0]) + (len(r._values) if name == "tblSettings" else 0) for name, r in ranges.items()
    )  # one number-format call per column; per cell only in the settings' mixed value column


def test_checks_without_the_formulas_would_not_name_the_cause(filled_template):
    """The test above can fail: values alone make the (5) column look typed, and the cause ambiguous."""
    ranges = table_ranges(filled_template)
    for table in ranges.values():
        table._formulas = [[None] * len(row) for row in table._values]
    rows = check_tables(in_order(ranges))
    assert rows != _file_rows(filled_template)
    causes = [(r[1], r[2]) for r in rows if r[0] == "ROOT_CAUSE"]
    assert causes == [("info", "'งบประมาณ'!F4")]  # F4 or G4: which one, the values alone cannot tell


def _with_percent_first_row(template, path):
    """The filled template with project 1's operations plan and result typed as Excel percentages
    (100% and 96%, i.e. 1 and 0.96 in cells formatted 0%); the other rows stay whole numbers."""
    from openpyxl import load_workbook

    book = load_workbook(template, keep_vba=True)
    sheet = book["โครงการ"]
    for cell, value in (("E4", 1), ("F4", 0.96)):
        sheet[cell].value = value
        sheet[cell].number_format = "0%"
    book.save(path)
    return path


def test_a_column_whose_first_row_alone_is_a_percentage(filled_template, tmp_path):
    book = _with_percent_first_row(filled_template, tmp_path / "mixed.xlsm")
    ranges = table_ranges(book)
    assert ranges["tblProjects"][1:, 4].number_format is None  # mixed: read per cell
    rows = check_tables(in_order(ranges))
    assert rows == _file_rows(book)
    assert not [r for r in rows if r[0] == "PROJECT_PCT_RANGE"]  # 100 stays 100, not 10000
    project = read_workbook(book).projects[0]
    assert (project.ops_plan, project.ops_result) == (100, 96)


def test_text_typed_like_a_formula_is_not_a_formula():
    from udfs.live import formulas

    values = [["=1+1", 5.0, None]]
    assert formulas((("=1+1", "=A1+1", ""),), values) == [[None, "=A1+1", None]]
    assert formulas("=A1", [[3.0]]) == [["=A1"]]  # one cell: COM gives a bare string


def test_checks_of_fresh_tables_say_there_is_nothing_yet(tmp_path):
    from etda_xl.api import new_workbook

    book = new_workbook(tmp_path / "q1.xlsm", 2564, 1)
    rows = check_tables(in_order(table_ranges(book)))
    assert [row[:3] for row in rows] == [["BUDGET_EMPTY", "info", "'งบประมาณ'!A3"]]
    assert rows == _file_rows(book)


def test_checks_of_an_unreadable_table_is_one_readable_line(sample_book):
    ranges = table_ranges(sample_book)
    budget = ranges["tblBudget"]
    budget._values[0][2] = "แผน"  # a renamed header
    shown = udf.ETDA_CHECKS(*in_order(ranges))
    assert isinstance(shown, str)
    assert "tblBudget" in shown and "แผนปฏิบัติงาน (1)" in shown and "Traceback" not in shown
    assert "\n" not in shown


@pytest.mark.parametrize("argument", [1, None, "tblBudget"])
def test_checks_given_something_other_than_a_table_say_so(sample_book, argument):
    """=ETDA_CHECKS(1, …): xlwings hands a literal to a "range" argument as None (or the value)."""
    ranges = in_order(table_ranges(sample_book))
    ranges[2] = argument
    shown = udf.ETDA_CHECKS(*ranges)
    assert shown.startswith("ETDA_CHECKS: อาร์กิวเมนต์ของตาราง tblBudget ต้องเป็นช่วงของทั้งตาราง")
    assert "the tblBudget argument must be the whole table's range, e.g. tblBudget[#All]" in shown
    assert "AttributeError" not in shown


# --- help and import cost --------------------------------------------------------------------------------

UDFS = ("ETDA_SPEND", "ETDA_SPEND_PCT", "ETDA_STATUS", "ETDA_KPI_MET", "ETDA_CHECKS")
SCRIPTS = ("etda_run_checks", "etda_make_report", "etda_export_pdf")


@pytest.mark.parametrize("name", UDFS + SCRIPTS)
def test_help_is_thai_and_english_and_fits_the_dialog(name):
    doc = getattr(udf, name).__doc__
    assert doc and "\n" not in doc and len(doc) <= 255  # Excel's MacroOptions keeps 255 characters
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in doc)  # Thai
    assert sum(ch.isascii() and ch.isalpha() for ch in doc) > 30  # and English


#: What the UDF module must not import itself: Excel loads it at every recalculation start.
HEAVY = ("pydantic", "openpyxl", "pandas")  # pydantic: none of ours uses it, so none may bring it


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def _heavy_modules_added_by(module: str) -> str:
    """In a fresh interpreter with xlwings loaded: the heavy packages importing ``module`` adds."""
    return _run(
        "import sys, xlwings\n"
        "before = set(sys.modules)\n"
        f"import {module}\n"
        f"print(sorted({{m.split('.')[0] for m in set(sys.modules) - before}} & {set(HEAVY)!r}))\n"
    )


def test_the_udf_module_imports_no_heavy_package_itself():
    assert _heavy_modules_added_by("udfs.etda_udfs") == "[]"
    assert _heavy_modules_added_by("etda_xl.model") == "[]"  # the core's model is plain dataclasses
    assert _heavy_modules_added_by("openpyxl.styles") == "['openpyxl']"  # the check sees what a module adds


def test_the_udf_module_imports_and_computes_with_pandas_blocked():
    """xlwings imports pandas before the test above looks, so pandas is blocked here instead."""
    shown = _run(
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "import xlwings\n"
        "from udfs import etda_udfs as udf\n"
        "try:\n"
        "    import pandas\n"
        "except ImportError:\n"
        "    print('pandas blocked')\n"
        "print(udf.ETDA_SPEND(13.1889, 17.3286, 22.3351), udf.ETDA_SPEND_PCT(52.8526, 88.3398))\n"
    )
    assert shown == "pandas blocked\n52.8526 60.0"  # line 1.3.4: (2)+(3)+(4) and its %
