"""The figures the report shows, computed by the core from the sample's inputs, against the seed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from etda_xl.checks import run_checks
from etda_xl.report.figures import build_figures
from etda_xl.rules import KpiState, Status, weighted_pct

from .memory import sample_quarter
from .test_report_support import SEED_BUDGET, SEED_FOOTNOTE_1, SEED_FOOTNOTE_2, SEED_SUMMARY, SEED_TOTAL


@pytest.fixture(scope="module")
def figures():
    quarter = sample_quarter()
    return build_figures(quarter, run_checks(quarter), "th")


def _figures_of(edits):
    quarter = sample_quarter(edits)
    return build_figures(quarter, run_checks(quarter), "th")


def test_every_budget_figure_is_the_seeds_except_line_1s_result(figures):
    """(1)–(4) and % are the seed's; (5) too, except line 1 whose typed (5) is off beyond rounding."""
    assert [r.code for r in figures.budget] == list(SEED_BUDGET)
    for row in figures.budget:
        plan, paid, carried, reserved, result, pct = SEED_BUDGET[row.code]
        assert (row.plan, row.paid, row.carried, row.reserved) == tuple(map(Decimal, (plan, paid, carried, reserved)))
        assert row.pct == pct, row.code
        if row.code != "1":
            assert row.result == Decimal(result), row.code


def test_line_1_shows_the_recomputed_result_because_the_typed_one_is_off_beyond_rounding(figures):
    line = figures.budget_row("1")
    assert line.line.result == Decimal("421.9488")  # as circulated
    assert line.result == Decimal("421.9499") == line.paid + line.carried + line.reserved
    assert line.result_source == "computed"
    # (4) holds the root cause (102.8978 for 102.8968): (4), (5) and % are shaded as depending on it
    assert line.marked == {"reserved", "result", "pct"}


@pytest.mark.parametrize("code", ["1.1", "1.3", "1.3.4", "3", "รวม"])
def test_a_typed_result_within_rounding_of_the_sum_is_shown_as_typed(figures, code):
    row = next(r for r in figures.budget if r.code == code)
    assert row.result_source == "typed"
    assert row.result != row.computed_result
    assert abs(row.result - row.computed_result) <= Decimal("0.00015")


def test_1_1_shows_127_1233_not_the_sum_127_1232(figures):
    row = figures.budget_row("1.1")
    assert (row.result, row.computed_result) == (Decimal("127.1233"), Decimal("127.1232"))


def test_footnotes_are_the_seeds_sentences(figures):
    first, second = figures.footnotes
    assert first.text == SEED_FOOTNOTE_1
    assert second.text == SEED_FOOTNOTE_2
    assert [t for t, bold in first.parts if bold] == ["226.5563", "84%"]
    assert (first.result, first.pct, second.result, second.pct) == (Decimal("226.5563"), 84, Decimal("57.5575"), 62)


def test_the_part_of_line_gets_its_star(figures):
    assert figures.budget_row("1.3.5").label == "1.3.5 ค่าพัฒนาระบบ e-Office*"
    assert figures.budget_row("1").label == "1. เงินงบประมาณ"
    assert figures.budget_row("1.2.1").label == "1.2.1 งบบริหารจัดการ"


def test_summary_rows_and_total_are_the_seeds(figures):
    rows = [
        (p.name, p.ops_plan, p.ops_result, p.fin_plan, p.fin_result, p.kpi_count, p.kpi_done) for p in figures.projects
    ]
    assert rows == SEED_SUMMARY
    total = figures.total
    assert (total.ops_plan, total.ops_result, total.fin_plan, total.fin_result, total.kpi_count, total.kpi_done) == (
        SEED_TOTAL
    )
    # weights: each project's plan (1), the seed's: 28.6188, 77.3767, 88.3398, 71.3198, 4.1865
    assert [p.plan_weight for p in figures.projects] == [
        Decimal("28.6188"), Decimal("77.3767"), Decimal("88.3398"), Decimal("71.3198"), Decimal("4.1865")
    ]  # fmt: skip


def test_statuses_come_from_the_rule(figures):
    """100/100 without an obstacle: no delay, green."""
    assert [p.status for p in figures.projects] == [Status.GREEN] * 5
    late = _figures_of({("โครงการ", "F5"): 90, ("โครงการ", "F6"): 70, ("โครงการ", "K7"): "มี"})
    assert [p.status for p in late.projects] == [Status.GREEN, Status.YELLOW, Status.RED, Status.RED, Status.GREEN]


def test_kpi_count_is_the_kpi_tables_rows_and_met_is_assessed(figures):
    assert [len(t.rows) for t in figures.kpi_tables] == [5, 5, 8, 8, 6]
    states = (KpiState.MET, KpiState.NOT_MET, KpiState.UNMEASURABLE, KpiState.IN_PROGRESS)
    assert [tuple(t.count(s) for s in states) for t in figures.kpi_tables] == [
        (4, 1, 0, 0), (5, 0, 0, 0), (8, 0, 0, 0), (7, 1, 0, 0), (6, 0, 0, 0)]  # fmt: skip
    not_met = [r.kpi.result for t in figures.kpi_tables for r in t.rows if r.state is KpiState.NOT_MET]
    assert not_met == ["75", "75 (ร่าง) ยุทธศาสตร์ฯ ผ่านความเห็นชอบจากคณะกรรมการกำกับ สพรอ."]


def test_source_blocks_merge_runs_of_the_same_source(figures):
    blocks = [t.source_blocks for t in figures.kpi_tables]
    assert blocks == [
        ((0, 4), (4, 1)),
        ((0, 1), (1, 3), (4, 1)),
        ((0, 4), (4, 1), (5, 3)),
        ((0, 4), (4, 3), (7, 1)),
        ((0, 1), (1, 3), (4, 1), (5, 1)),
    ]


def test_the_sample_is_a_draft_with_six_errors(figures):
    assert figures.draft and figures.errors == 6


@pytest.mark.parametrize(
    ("edits", "shown"),
    [
        ({("งบประมาณ", "D7"): None}, (Decimal("63.5643"), "typed", None)),  # (2) blank: the typed (5)
        ({("งบประมาณ", "D7"): None, ("งบประมาณ", "G7"): None}, (None, "missing", None)),
        ({("งบประมาณ", "G7"): None}, (Decimal("63.5643"), "computed", Decimal("63.5643"))),  # (5) blank
    ],
)
def test_the_result_shown_when_a_figure_is_blank(edits, shown):
    row = _figures_of(edits).budget_row("1.2.1")
    assert (row.result, row.result_source, row.computed_result) == shown
    assert row.pct == (None if shown[0] is None else 96)


def test_weighted_total_row():
    d = Decimal
    assert weighted_pct([d(100), d(50)], [d(3), d(1)], 0) == d(88)  # 87.5 rounds half up
    assert weighted_pct([d(100), d(25)], [None, d(1)], 0) == d(63)  # a missing weight: the plain mean, 62.5 → 63
    assert weighted_pct([d(100), None], [d(1), d(1)], 0) is None


def test_importing_the_report_package_loads_no_heavy_package():
    """xlsxwriter and openpyxl are imported inside the functions that write and read files."""
    import subprocess
    import sys

    code = (
        "import sys; import etda_xl.report, etda_xl.report.figures, etda_xl.api; "
        "print(','.join(m for m in ('pandas', 'openpyxl', 'xlwings', 'xlsxwriter', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


# --- one set of figures: the report prints what the checks expect ---------------------------------


def test_a_typed_result_off_beyond_rounding_is_replaced_everywhere_it_counts():
    """1.3.4's (5) typed 50 where (2)+(3)+(4) = 13.1889 + 17.3286 + 22.3351 = 52.8526: the report
    prints 52.8526 and 52.8526 / 88.3398 = 59.83 → 60% (the typed 60% is right: no BUDGET_PCT);
    footnote 1 = 226.5563 − 52.8525 + 52.8526 = 226.5564, still 84%; project 3 60%; total 84%."""
    quarter = sample_quarter({("งบประมาณ", "G13"): 50})
    findings = run_checks(quarter)
    figures = build_figures(quarter, findings, "th")
    row = figures.budget_row("1.3.4")
    assert (row.result, row.result_source, row.pct) == (Decimal("52.8526"), "computed", 60)
    assert not [f for f in findings if f.code == "BUDGET_PCT"]
    row_sum = next(f for f in findings if f.code == "BUDGET_ROW_SUM" and f.cell == "G13")
    assert (row_sum.actual, row_sum.fix) == (Decimal("50.0000"), None)  # 52.8526 or the footnotes' 52.8525
    note = figures.footnotes[0]
    assert (note.result, note.pct) == (Decimal("226.5564"), 84)
    assert note.text == SEED_FOOTNOTE_1.replace("226.5563", "226.5564")
    assert next(p for p in figures.projects if p.number == "3").fin_result == 60
    assert figures.total.fin_result == 84


def test_the_written_report_prints_those_figures(sample_copy, tmp_path):
    """The same case through the files: the sample workbook edited, the report written and read back."""
    from openpyxl import load_workbook

    from etda_xl.report import build_report
    from etda_xl.workbook import read_workbook

    from .conftest import edit_cells

    report = read_workbook(edit_cells(sample_copy, {("งบประมาณ", "G13"): 50}))
    book = load_workbook(build_report(report, run_checks(report), tmp_path / "g13.xlsx"))
    budget = book["ผลการใช้จ่ายงบประมาณ"]
    notes = [str(c.value) for (c,) in budget.iter_rows(min_col=1, max_col=1) if "1.2.2-1.3.4" in str(c.value)]
    assert notes == ["หมายเหตุ : 1) " + SEED_FOOTNOTE_1.replace("226.5563", "226.5564")]
    line = next(r for r in range(1, budget.max_row + 1) if str(budget.cell(r, 1).value).startswith("1.3.4"))
    assert [budget.cell(line, c).value for c in (6, 7)] == [52.8526, 0.6]
    summary = book["สรุปผลรายโครงการ"]
    row = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == "3")
    assert summary.cell(row, 6).value == 60
