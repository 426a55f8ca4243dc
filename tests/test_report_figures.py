"""The figures the report shows, computed by the core from the sample's inputs, against the seed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from etda_xl import compute, rules
from etda_xl.compute import reported_result as shown_result
from etda_xl.report.figures import build_figures
from etda_xl.rules import Status, weighted_pct

from .test_report_support import SEED_BUDGET, SEED_FOOTNOTE_1, SEED_FOOTNOTE_2, SEED_SUMMARY, SEED_TOTAL


@pytest.fixture(scope="module")
def figures(sample_report, sample_findings):
    return build_figures(sample_report, sample_findings, "th")


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


def test_percentages_are_the_rules_spend_pct_of_the_shown_result(figures):
    for row in figures.budget:
        assert row.pct == rules.spend_pct(row.result, row.line.plan), row.code


def test_footnotes_are_the_seeds_sentences_from_compute_footnote_totals(figures, sample_report):
    first, second = figures.footnotes
    assert first.text == SEED_FOOTNOTE_1
    assert second.text == SEED_FOOTNOTE_2
    assert [t for t, bold in first.parts if bold] == ["226.5563", "84%"]
    for figure in figures.footnotes:
        totals = compute.footnote_totals(sample_report, figure.note)
        assert (figure.result, figure.pct) == (totals.result, totals.pct)
    assert (first.result, first.pct, second.result, second.pct) == (Decimal("226.5563"), 84, Decimal("57.5575"), 62)


def test_the_part_of_line_gets_its_star(figures):
    assert figures.budget_row("1.3.5").label == "1.3.5 ค่าพัฒนาระบบ e-Office*"
    assert figures.budget_row("1").label == "1. เงินงบประมาณ"
    assert figures.budget_row("1.2.1").label == "1.2.1 งบบริหารจัดการ"


def test_summary_rows_and_total_are_the_seeds(figures, sample_report):
    rows = [
        (p.name, p.ops_plan, p.ops_result, p.fin_plan, p.fin_result, p.kpi_count, p.kpi_done) for p in figures.projects
    ]
    assert rows == SEED_SUMMARY
    total = figures.total
    assert (total.ops_plan, total.ops_result, total.fin_plan, total.fin_result, total.kpi_count, total.kpi_done) == (
        SEED_TOTAL
    )
    for project in figures.projects:
        assert project.fin_result == compute.project_fin_pct(sample_report, project.project)
    assert total.fin_result == compute.projects_fin_pct(sample_report)


def test_statuses_come_from_the_rule(figures, sample_report):
    assert [p.status for p in figures.projects] == [Status.GREEN] * 5
    for project in figures.projects:
        assert project.status == compute.project_status(project.project, sample_report.settings)


def test_kpi_count_is_the_kpi_tables_rows_and_met_is_assessed(figures):
    assert [len(t.rows) for t in figures.kpi_tables] == [5, 5, 8, 8, 6]
    assert [(t.met, t.not_met, t.unknown) for t in figures.kpi_tables] == [(4, 1, 0), (5, 0, 0), (8, 0, 0),
                                                                            (7, 1, 0), (6, 0, 0)]  # fmt: skip
    not_met = [r.kpi.result for t in figures.kpi_tables for r in t.rows if r.met is False]
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


def test_the_sample_is_a_draft_with_four_errors(figures):
    assert figures.draft and figures.errors == 4


def test_shown_result_when_inputs_are_missing(sample_report):
    line = sample_report.line("1.2.1").model_copy(update={"paid": None})
    assert shown_result(line) == (Decimal("63.5643"), "typed", None)
    line = line.model_copy(update={"result": None})
    assert shown_result(line) == (None, "missing", None)
    line = sample_report.line("1.2.1").model_copy(update={"result": None})
    assert shown_result(line)[:2] == (Decimal("63.5643"), "computed")


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
        "import sys; import etda_xl.report, etda_xl.report.jobs, etda_xl.report.figures, etda_xl.api; "
        "print(','.join(m for m in ('pandas', 'openpyxl', 'xlwings', 'xlsxwriter', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


# --- one aggregation: the report prints the core's footnote and project figures ----------------


@pytest.fixture
def g13_typed_50(sample_copy):
    """The sample with 1.3.4's (5) typed 50: beyond rounding of (2)+(3)+(4) = 52.8526."""
    from etda_xl.api import check_workbook

    from .conftest import edit_cells

    edit_cells(sample_copy, {("งบประมาณ", "G13"): 50})
    return sample_copy, *check_workbook(sample_copy)


def test_a_wrong_typed_result_reaches_the_footnote_and_project_as_the_core_counts_it(g13_typed_50, tmp_path):
    from openpyxl import load_workbook

    from etda_xl.report import build_report

    _path, report, findings = g13_typed_50
    totals = compute.footnote_totals(report, report.footnotes[0])
    assert (totals.result, totals.pct) == (Decimal("226.5564"), 84)
    project_3 = next(p for p in report.project_rows if p.number == "3")
    assert compute.project_fin_pct(report, project_3) == 60

    figures = build_figures(report, findings, "th")
    assert (figures.footnotes[0].result, figures.footnotes[0].pct) == (totals.result, totals.pct)
    assert figures.footnotes[0].text == SEED_FOOTNOTE_1.replace("226.5563", "226.5564")
    assert next(p for p in figures.projects if p.number == "3").fin_result == 60
    assert figures.total.fin_result == compute.projects_fin_pct(report) == 84

    book = load_workbook(build_report(report, findings, tmp_path / "g13.xlsx"))
    budget = book["ผลการใช้จ่ายงบประมาณ"]
    notes = [str(c.value) for (c,) in budget.iter_rows(min_col=1, max_col=1) if "1.2.2-1.3.4" in str(c.value)]
    assert notes == ["หมายเหตุ : 1) " + SEED_FOOTNOTE_1.replace("226.5563", "226.5564")]
    summary = book["สรุปผลรายโครงการ"]
    row = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == "3")
    assert summary.cell(row, 6).value == 60


def test_the_report_follows_the_cores_counted_result_whatever_it_is(g13_typed_50, monkeypatch):
    """Were the core to count the typed (5) (50), the footnote, project 3 and the total would follow:
    the report adds nothing up itself."""
    _path, report, findings = g13_typed_50
    monkeypatch.setattr(compute, "counted_result", lambda line: line.result)
    figures = build_figures(report, findings, "th")
    note = figures.footnotes[0]
    assert note.result == Decimal("223.7038") == Decimal("226.5563") - Decimal("52.8525") + 50
    assert "223.7038" in note.text and note.pct == 83
    project_3 = next(p for p in figures.projects if p.number == "3")
    assert project_3.fin_result == compute.project_fin_pct(report, project_3.project) == 57  # 50 / 88.3398
    assert figures.total.fin_result == compute.projects_fin_pct(report)
