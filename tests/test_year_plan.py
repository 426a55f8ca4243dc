"""The year's plan, entered once (``tblPlan``): the quarter's plan % comes from it, a project plan % that
disagrees with it is an error at the cell, and without it a plan carried unchanged is said.

The issue's case: a project at 60% in Q3 whose plan was left at Q2's 50 is green (10 behind 50 is within
yellow's 20, but the rule's green limit is 5: 60 ≥ 50 is no delay at all) where against its real plan of
75 it is yellow (15 behind).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from etda_xl import schema
from etda_xl.api import start_next_quarter
from etda_xl.checks import run_checks
from etda_xl.compute import figures_of
from etda_xl.model import CellRef, PastProject, YearPlan
from etda_xl.rules import Status
from etda_xl.workbook import read_workbook

from .memory import sample_quarter
from .test_rollover import write_q3

PLAN_SHEET = schema.PLANS.sheet


def _q3(**project_3):
    """The sample as Q3 of FY2563, project 3 (row 6) with ``project_3``'s fields, Q2 in the history."""
    quarter = sample_quarter({("ตั้งค่า", "B6"): 3, ("ตั้งค่า", "B7"): date(2020, 6, 30)})
    for name, value in project_3.items():
        setattr(quarter.project_rows[2], name, value)
    q2 = {"ops_plan": Decimal(50), "ops_result": Decimal(50), "fin_plan": Decimal(40), "fin_result": Decimal(30)}
    quarter.history_projects = [
        PastProject(fiscal_year=2563, quarter=2, number=p.number, short_name=p.short_name, **q2)
        for p in quarter.project_rows
    ]
    return quarter


def _plan(number: str, **quarters) -> YearPlan:
    cells = {f: CellRef(PLAN_SHEET, f"{col}5") for f, col in (("ops_q3", "E"), ("fin_q3", "I"))}
    return YearPlan(number=number, cells=cells, **{k: Decimal(v) for k, v in quarters.items()})


def test_a_plan_carried_unchanged_is_said_until_confirmed_or_changed():
    quarter = _q3(ops_plan=Decimal(50), ops_result=Decimal(60), fin_plan=Decimal(40))
    assert figures_of(quarter).project(quarter.project_rows[2]).status is Status.GREEN  # against the stale 50
    carried = [f for f in run_checks(quarter) if f.code == "PLAN_CARRIED" and f.cell in ("E6", "G6")]
    assert [(f.cell, f.severity.value, f.actual) for f in carried] == [("E6", "warning", 50), ("G6", "warning", 40)]
    assert (carried[0].params["field"], carried[0].params["fiscal_year"], carried[0].params["quarter"]) == (
        "ops_plan", 2563, 2)  # fmt: skip

    confirmed = _q3(ops_plan=Decimal(50), ops_result=Decimal(60), fin_plan=Decimal(40))
    confirmed.plans = [_plan("3", ops_q3=50, fin_q3=40)]
    assert not [f for f in run_checks(confirmed) if f.code == "PLAN_CARRIED" and f.cell in ("E6", "G6")]

    changed = _q3(ops_plan=Decimal(75), ops_result=Decimal(60), fin_plan=Decimal(60))
    assert not [f for f in run_checks(changed) if f.code == "PLAN_CARRIED" and f.cell in ("E6", "G6")]
    assert figures_of(changed).project(changed.project_rows[2]).status is Status.YELLOW


def test_a_plan_that_disagrees_with_the_years_plan_is_an_error_naming_both_cells():
    quarter = _q3(ops_plan=Decimal(50), ops_result=Decimal(60))
    quarter.plans = [_plan("3", ops_q3=75)]
    (mismatch,) = [f for f in run_checks(quarter) if f.code == "PLAN_MISMATCH"]
    assert (mismatch.cell, mismatch.severity.value, mismatch.expected, mismatch.actual) == ("E6", "error", 75, 50)
    assert mismatch.fix is None and [str(c) for c in mismatch.candidates] == ["'โครงการ'!E6", "'แผนรายไตรมาส'!E5"]
    assert (mismatch.params["plan_cell"], mismatch.params["quarter"]) == (CellRef(PLAN_SHEET, "E5"), 3)
    assert "the year's plan ('แผนรายไตรมาส'!E5) gives 75% for Q3" in mismatch.message_en  # the words say them


def test_new_from_takes_the_quarters_plan_from_the_years_plan_and_carries_it(tmp_path):
    """A Q3 book whose year's plan gives project 3 an operations plan of 90 and a finance plan of 80 in Q4:
    the Q4 book starts with those, and keeps the year's plan; Q1 of the next year starts without either."""
    from etda_xl.inputbook import Formats, add_input_table

    q3 = write_q3(tmp_path / "2563-Q3.xlsx")
    # the Q3 book again, with its year's plan: written into the same workbook by its own writer
    import xlsxwriter

    from .test_rollover import q3_rows

    rows = q3_rows()
    rows[schema.PLANS.name] = [{"number": "3", "short_name": "Speed up e-Licensing", "ops_q3": 75, "ops_q4": 90,
                                "fin_q3": 50, "fin_q4": 80}]  # fmt: skip
    workbook = xlsxwriter.Workbook(str(q3))
    formats = Formats(workbook)
    for table in (*schema.TABLES, schema.TARGETS, schema.PLANS):
        extra = {}
        if table is schema.SETTINGS:
            extra = {(i, "value"): formats.date for i, r in enumerate(rows[table.name]) if r["key"] == "ข้อมูล ณ วันที่"}
        add_input_table(workbook, formats, table, rows[table.name], extra)
    workbook.close()

    q4 = read_workbook(start_next_quarter([q3], tmp_path / "2563-Q4.xlsm").path)
    project = q4.project_rows[2]
    assert (project.ops_plan, project.fin_plan) == (90, 80)  # from the year's plan, not Q3's 75 and 50
    assert (q4.project_rows[0].ops_plan, q4.project_rows[0].fin_plan) == (75, 50)  # not in it: carried
    assert [(p.number, p.ops_q4, p.fin_q4) for p in q4.plans] == [("3", 90, 80)]
    assert not [f for f in run_checks(q4) if f.code == "PLAN_MISMATCH"]
    carried = {f.cell for f in run_checks(q4) if f.code == "PLAN_CARRIED"}
    assert "E6" not in carried and "E4" in carried  # project 1's plan was carried unchanged: said

    q1 = read_workbook(start_next_quarter([tmp_path / "2563-Q4.xlsm"], tmp_path / "2564-Q1.xlsm").path)
    assert q1.plans == [] and q1.project_rows[2].ops_plan is None  # a new year: a new plan


def test_the_comparison_sheet_draws_the_plan_from_the_years_plan(sample_report):
    """The sample as Q4 with Q3 in its history: project 3's finance plan by quarter is the year's plan
    (Q3 60, Q4 100) where it gives one, not the history's 50 for Q3."""
    from etda_xl.timeline import year

    from .history_books import with_q3

    book = with_q3(sample_report)
    before = next(t for t in year(book).projects if t.key == "3")
    book.plans = [YearPlan(number="3", fin_q3=Decimal(60), fin_q4=Decimal(100))]
    after = next(t for t in year(book).projects if t.key == "3")
    assert after.series("fin_plan") == (60, 100) and before.series("fin_plan")[0] != 60
    assert after.series("fin_result") == before.series("fin_result")  # the results are the books'
