"""Every quarter in a book as tidy figures (``timeline``): the sample as FY2563 Q4 with a halved Q3 in
its history (``history_books``), numbers reasoned by hand there.

Line 1.3.4: Q3 (5) 26.4263 and 30%, Q4 (5) 52.8525 and 60%: the change is 52.8525 − 26.4263 = 26.4262
and 30 points. Project 3: finance result Q3 30 (its line's %), Q4 60; operations plan 50 → 100.
Grand total: Q3 (5) 496.5906 / 2 = 248.2953, ROUND(248.2953 / 588.7946) = 42.2% → 42; Q4 84.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from etda_xl.model import DisbursementTarget, PastLine
from etda_xl.timeline import COLUMNS, frame, pivot, records, year

from .history_books import TARGETS, q3_lines, with_q3


@pytest.fixture(scope="module")
def q4(sample_report):
    return with_q3(sample_report, TARGETS)


def only(figures, table, key, field, quarter=4):
    found = [f for f in figures if (f.table, f.key, f.field, f.quarter) == (table, key, field, quarter)]
    assert len(found) == 1, found
    return found[0]


def test_the_sample_alone_is_its_own_quarter_with_the_cells_it_comes_from(sample_report):
    figures = records(sample_report)
    assert {(f.fiscal_year, f.quarter) for f in figures} == {(2563, 4)}
    line = only(figures, "budget", "1.3.4", "result")
    assert (line.value, line.sheet, line.cell) == (Decimal("52.8525"), "งบประมาณ", "G13")
    assert only(figures, "budget", "1.3.4", "pct").value == Decimal(60)
    # line 1 as the report prints it: (2)+(3)+(4) = 421.9499, not the circulated 421.9488 of its cell
    assert only(figures, "budget", "1", "result").value == Decimal("421.9499")
    total = only(figures, "budget", "รวม", "result")
    assert (total.value, total.cell) == (Decimal("496.5906"), "G17")
    project = only(figures, "project", "3", "fin_result")
    assert (project.value, project.sheet, project.cell) == (Decimal(60), "โครงการ", "H6")
    assert only(figures, "project", "3", "kpi_count").value == Decimal(8)  # rows of the KPI table
    assert only(figures, "project", "3", "status").value == "เขียว"
    assert only(figures, "project", "3", "short_name").value == "Speed up e-Licensing"
    kpi = next(f for f in figures if f.table == "kpi" and f.field == "target")
    assert kpi.key.startswith("1:จำนวนร่างกฎหมายลูก") and kpi.value == "5 ฉบับ" and kpi.sheet == "ตัวชี้วัด"


def test_history_comes_first_in_period_order(q4):
    figures = records(q4)
    periods = [(f.fiscal_year, f.quarter) for f in figures]
    assert periods == sorted(periods) and periods[0] == (2563, 3) and periods[-1] == (2563, 4)
    assert only(figures, "budget", "1.3.4", "result", quarter=3).value == Decimal("26.4263")
    assert only(figures, "budget", "1.3.4", "plan", quarter=3).value == Decimal("88.3398")
    assert only(figures, "project", "3", "fin_result", quarter=3).value == Decimal(30)


def test_this_quarters_own_figures_win_over_a_history_row_of_its_period(sample_report):
    stale = PastLine(fiscal_year=2563, quarter=4, code="1.3.4", result=Decimal("1.0000"))
    quarter = sample_report.copy_with({"history_budget": [stale]})
    results = [f.value for f in records(quarter) if (f.key, f.field) == ("1.3.4", "result")]
    assert results == [Decimal("52.8525")]


def test_the_frame_is_tidy_and_pivots_by_quarter(q4):
    figures = frame(q4)
    assert list(figures.columns) == list(COLUMNS)
    assert len(figures) == len(records(q4))
    assert str(figures["fiscal_year"].dtype) == "int64" and str(figures["quarter"].dtype) == "int64"
    results = pivot(figures, "budget", "result", 2563)
    assert results.loc["1.3.4"].to_dict() == {3: Decimal("26.4263"), 4: Decimal("52.8525")}
    assert list(results.index[:3]) == ["1", "1.1", "1.2"] and results.index[-1] == "รวม"
    assert pivot(figures, "budget", "pct", 2563).loc["1.3.4"].to_dict() == {3: Decimal(30), 4: Decimal(60)}
    assert pivot(figures, "project", "fin_result", 2563).loc["3"].to_dict() == {3: Decimal(30), 4: Decimal(60)}
    assert pivot(figures, "budget", "result", 2562).empty


def test_the_year_by_quarter_with_the_changes(q4):
    y = year(q4)
    assert (y.fiscal_year, y.quarters, y.previous) == (2563, (3, 4), 0)
    line = next(t for t in y.budget if t.key == "1.3.4")
    assert line.name == "Speed up e-Licensing"
    assert line.series("result") == (Decimal("26.4263"), Decimal("52.8525"))
    assert line.series("pct") == (Decimal(30), Decimal(60))
    assert y.change(line, "result") == Decimal("26.4262")
    assert y.change(line, "pct") == Decimal(30)
    total = y.budget[-1]
    assert total.key == "รวม" and total.series("result") == (Decimal("248.2953"), Decimal("496.5906"))
    assert total.series("pct") == (Decimal(42), Decimal(84))
    project = next(t for t in y.projects if t.key == "3")
    assert project.series("fin_result") == (Decimal(30), Decimal(60)) and y.change(project, "fin_result") == 30
    assert project.series("ops_plan") == (Decimal(50), Decimal(100)) and y.change(project, "ops_plan") == 50


def test_the_pivot_and_the_comparison_sheet_show_the_same_figures(q4):
    """The sheet reads ``year`` (no pandas in the report); the pandas pivot agrees with it, line by line."""
    y, figures = year(q4), frame(q4)
    for field in ("result", "pct"):
        table = pivot(figures, "budget", field, 2563)
        for track in y.budget:
            assert tuple(table.loc[track.key, q] for q in y.quarters) == track.series(field)


def test_targets_per_quarter_and_a_line_at_or_below_its_target(q4):
    y = year(q4)
    assert y.targets == {
        "overall": (Decimal(75), Decimal(93)),
        "current": (Decimal(80), Decimal(98)),
        "investment": (Decimal(60), Decimal(85)),
    }
    line = next(t for t in y.budget if t.key == "1.3.4")
    assert [y.below_target(line.at("pct", i), i) for i in (0, 1)] == [True, True]  # 30 < 75, 60 < 93
    spent = next(t for t in y.budget if t.key == "1.3.2")  # 49% and 99%
    assert [y.below_target(spent.at("pct", i), i) for i in (0, 1)] == [True, False]
    at_target = y.__class__(**{**y.__dict__, "targets": {"overall": (None, Decimal(60))}})
    assert at_target.below_target(line.at("pct", 1), 1) is False  # exactly at the target is not below it
    assert at_target.below_target(line.at("pct", 0), 0) is None  # no target for Q3


def test_only_typed_target_kinds_count_and_other_years_do_not(sample_report):
    targets = [
        DisbursementTarget(fiscal_year=2563, quarter=4, overall=Decimal(93)),
        DisbursementTarget(fiscal_year=2564, quarter=3, overall=Decimal(50), investment=Decimal(40)),
    ]
    y = year(with_q3(sample_report, targets))
    assert y.targets == {"overall": (None, Decimal(93))}
    assert year(with_q3(sample_report)).targets == {}


def test_no_year_without_an_earlier_quarter_of_the_same_year(sample_report):
    assert year(sample_report) is None  # no history
    next_year = {"fiscal_year": 2564, "quarter": 1, "as_of": date(2020, 12, 31)}
    settings = sample_report.settings.copy_with(next_year)
    q1 = sample_report.copy_with({"settings": settings, "history_budget": q3_lines()})
    assert year(q1) is None  # its history is last year's: cumulative figures start again
    assert {f.fiscal_year for f in records(q1)} == {2563, 2564}  # the export still has both


def test_a_line_only_in_history_comes_after_this_quarters_lines_and_before_the_total(q4):
    gone = PastLine(fiscal_year=2563, quarter=3, code="1.3.6", name="โครงการที่ยกเลิก", result=Decimal("1.5"))
    y = year(q4.copy_with({"history_budget": [*q4.history_budget, gone]}))
    keys = [t.key for t in y.budget]
    assert keys[-3:] == ["3", "1.3.6", "รวม"]
    line = y.budget[-2]
    assert line.series("result") == (Decimal("1.5"), None) and y.change(line, "result") is None


def test_a_gap_has_no_change_since_last_quarter(sample_report):
    y = year(sample_report.copy_with({"history_budget": q3_lines(quarter=2)}))
    assert y.quarters == (2, 4) and y.previous is None
    assert y.change(y.budget[0], "result") is None


def test_pandas_stays_out_of_the_reader_the_checks_and_the_report():
    code = (
        "import sys; import etda_xl.timeline, etda_xl.report.quarters, etda_xl.workbook, etda_xl.checks; "
        "assert 'pandas' not in sys.modules, 'pandas imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
