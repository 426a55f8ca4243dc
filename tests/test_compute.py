"""Derived figures of the sample, against the seed's printed ones."""

from decimal import Decimal as D

from etda_xl import compute
from etda_xl.rules import Status


def _note(report, number):
    return next(n for n in report.footnotes if n.number == number)


def test_footnote_one_is_the_seed_sentence(sample_report):
    totals = compute.footnote_totals(sample_report, _note(sample_report, "1"))
    assert [m.code for m in totals.members] == ["1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.3.4"]
    assert totals.result == D("226.5563")
    assert totals.plan == D("269.8416")
    assert totals.pct == D(84)


def test_footnote_two_part_of(sample_report):
    totals = compute.footnote_totals(sample_report, _note(sample_report, "2"))
    assert [m.code for m in totals.members] == ["1.3.4", "1.3.5"]
    assert totals.result == D("57.5575")
    assert totals.pct == D(62)


def test_project_finance_percentages(sample_report):
    assert [compute.project_fin_pct(sample_report, p) for p in sample_report.project_rows] == [
        D(96), D(99), D(60), D(93), D(94)
    ]  # fmt: skip
    assert compute.projects_fin_pct(sample_report) == D(84)


def test_statuses_are_green(sample_report):
    settings = sample_report.settings
    assert {compute.project_status(p, settings) for p in sample_report.project_rows} == {Status.GREEN}


def test_line_figures(sample_report):
    line = sample_report.line("1.1")
    assert compute.line_result(line) == D("127.1232")
    assert compute.line_pct(line) == D(95)
    assert compute.line_pct(sample_report.line("1.3.5")) == D(100)


def test_kpi_assessments(sample_report):
    assessed = [compute.assess_kpi(k) for k in sample_report.kpis]
    assert sum(1 for a in assessed if a.met) == 30
    assert sum(1 for a in assessed if a.met is False) == 2


def test_parse_line_set():
    assert compute.parse_line_set("1.2.2-1.3.4") == (["1.2.2", "1.3.4"], "range")
    assert compute.parse_line_set("1.2.2 – 1.3.4") == (["1.2.2", "1.3.4"], "range")
    assert compute.parse_line_set("1.3.4+1.3.5") == (["1.3.4", "1.3.5"], "list")
    assert compute.parse_line_set("1.3.4, 1.3.5") == (["1.3.4", "1.3.5"], "list")
    assert compute.parse_line_set("abc") == ([], None)
