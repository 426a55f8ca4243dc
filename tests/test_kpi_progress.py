"""KPIs before the year ends: a result below the year's target is "in progress" until Q4, unless a
target for the quarter is given (then met or not met against it)."""

from __future__ import annotations

from datetime import date

from etda_xl import rules
from etda_xl.checks import run_checks
from etda_xl.compute import assess_kpi, figures_of
from etda_xl.report.figures import build_figures
from etda_xl.rules import KpiState

from .memory import sample_quarter

KPI = "ตัวชี้วัด"


def _as_quarter(quarter: int, edits=None):
    """The sample typed as a quarter of FY2563 (its as-of date moved into it)."""
    as_of = {1: date(2019, 12, 31), 2: date(2020, 3, 31), 3: date(2020, 6, 30), 4: date(2020, 9, 30)}[quarter]
    return sample_quarter({("ตั้งค่า", "B6"): quarter, ("ตั้งค่า", "B7"): as_of, **(edits or {})})


def _states(quarter) -> list[KpiState]:
    return [a.state for p in figures_of(quarter).projects for _, a in p.kpis]


def test_in_q4_the_year_is_judged():
    assert _states(_as_quarter(4)).count(KpiState.NOT_MET) == 2  # the two ก.พ.ส. KPIs: 75 of 100 คะแนน


def test_before_q4_a_result_below_the_years_target_is_in_progress():
    """The sample in Q2: its two KPIs at 75 of 100 คะแนน are in progress, not "not met"; so are the ten "within
    the fiscal year / the budget" limits (at most 12 months, 100%), which only the year's end decides; the
    twenty others have already reached their targets."""
    q2 = _as_quarter(2)
    states = _states(q2)
    assert (states.count(KpiState.NOT_MET), states.count(KpiState.IN_PROGRESS), states.count(KpiState.MET)) == (
        0, 12, 20)  # fmt: skip
    figures = build_figures(q2, run_checks(q2), "en")
    rows = [r for t in figures.kpi_tables for r in t.rows if r.state is KpiState.IN_PROGRESS]
    below = [r.kpi.result for r in rows if r.direction is rules.Direction.AT_LEAST]
    assert below == ["75", "75 (ร่าง) ยุทธศาสตร์ฯ ผ่านความเห็นชอบจากคณะกรรมการกำกับ สพรอ."]
    assert rules.KPI_STATE_LABELS["th"][KpiState.IN_PROGRESS] == "อยู่ระหว่างดำเนินการ"


def test_a_quarters_own_target_is_judged_in_that_quarter():
    """Row 8's KPI (100 คะแนน for the year) with 75 due by Q2: met; with 80 due: not met."""
    assert _states(_as_quarter(2, {(KPI, "H8"): "75 คะแนน"}))[4] is KpiState.MET
    assert _states(_as_quarter(2, {(KPI, "H8"): "80 คะแนน"}))[4] is KpiState.NOT_MET


def test_an_at_most_limit_already_passed_has_failed_and_one_within_it_is_in_progress():
    """ "ไม่เกิน 3 ครั้ง" (at most 3): 4 by Q2 can no longer be met; 2 by Q2 is on track, not yet met."""
    at_most = rules.Direction.AT_MOST
    three, two, four = (rules.parse_quantity(t) for t in ("3 ครั้ง", "2 ครั้ง", "4 ครั้ง"))
    assert rules.kpi_state(three, four, at_most, final=False) is KpiState.NOT_MET
    assert rules.kpi_state(three, two, at_most, final=False) is KpiState.IN_PROGRESS
    assert rules.kpi_state(three, two, at_most, final=True) is KpiState.MET


def test_the_udf_says_what_the_report_says(sample_report):
    import udfs.etda_udfs as udf

    kpi = sample_report.kpis[4]  # 100 คะแนน, 75
    assert udf.ETDA_KPI_MET(kpi.target, kpi.result, None, kpi.indicator, "th", 2) == "อยู่ระหว่างดำเนินการ"
    assert udf.ETDA_KPI_MET(kpi.target, kpi.result, None, kpi.indicator, "en", 4) == "not met"
    assert udf.ETDA_KPI_MET(kpi.target, kpi.result, None, kpi.indicator, "en", 2, "70 คะแนน") == "met"
    assert assess_kpi(kpi, 2).state is KpiState.IN_PROGRESS
