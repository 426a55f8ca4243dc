"""The quarter's figures (``compute.figures_of``) for the sample, against the seed's printed ones.

Every expected number is the seed's (the circulated FY2563 Q4 report) or worked out by hand from
its table; none is recomputed with the code under test. The sample is built in memory.
"""

from decimal import Decimal as D

import pytest

from etda_xl import compute, rules
from etda_xl.codes import parse_code_list
from etda_xl.equations import Sum
from etda_xl.rules import Status

from .memory import sample_quarter
from .test_report_support import SEED_BUDGET


@pytest.fixture(scope="module")
def quarter():
    return sample_quarter()


@pytest.fixture(scope="module")
def figures(quarter):
    return compute.figures_of(quarter)


def test_every_line_prints_the_seeds_result_and_pct_except_line_1s_result(figures):
    """Line 1's typed 421.9488 is 0.0011 off 252.3717 + 66.6804 + 102.8978 = 421.9499: beyond the
    rounding of three figures (0.00015), so 421.9499 is printed; every other (5) as circulated."""
    printed = {f.code: (f.printed_result, f.printed_pct) for f in figures.lines}
    expected = {code: (D(seed[4]), D(seed[5])) for code, seed in SEED_BUDGET.items()}
    expected["1"] = (D("421.9499"), D(89))
    assert printed == expected


@pytest.mark.parametrize(
    ("code", "typed", "computed", "outcome", "source"),
    [
        ("1", "421.9488", "421.9499", "error", "computed"),
        ("1.1", "127.1233", "127.1232", "rounding", "typed"),
        ("1.2.2", "27.3849", "27.3849", "exact", "typed"),
        ("1.3.4", "52.8525", "52.8526", "rounding", "typed"),
        ("1.3.5", "4.7050", "4.7050", "exact", "typed"),
        ("รวม", "496.5906", "496.5907", "rounding", "typed"),
    ],
)
def test_typed_and_recomputed_result(figures, quarter, code, typed, computed, outcome, source):
    line = quarter.grand_total if code == "รวม" else quarter.line(code)
    line_figures = figures.of(line)
    assert (line_figures.typed_result, line_figures.computed_result) == (D(typed), D(computed))
    assert (line_figures.result_outcome, line_figures.result_source) == (outcome, source)


def test_the_sums_of_the_table(figures):
    """Line 1's (4) is the planted typo: 2.3262 + 26.6362 + 73.9344 = 102.8968, typed 102.8978. The (5)
    sums add up printed (5)s: line 1 prints 421.9499 ((2)+(3)+(4) with that typo), 0.0010 more than its
    sub-lines' 127.1233 + 90.9492 + 203.8764 = 421.9489, and so the grand total's 421.9499 + 29.4833 +
    45.1584 = 496.5916 is 0.0010 more than the total's 496.5906."""
    failing = {
        (e.kind, e.subject.code, e.field_name): (o.expected, o.actual, o.outcome)
        for code in ("BUDGET_HIERARCHY", "BUDGET_GRAND_TOTAL")
        for e, o in figures.judged(code)
        if o.outcome != "exact"
    }
    assert failing == {
        ("column", "1", "reserved"): (D("102.8968"), D("102.8978"), "error"),
        ("column", "1", "result"): (D("421.9489"), D("421.9499"), "error"),
        ("grand", "รวม", "reserved"): (D("117.3570"), D("117.3560"), "error"),
        ("grand", "รวม", "result"): (D("496.5916"), D("496.5906"), "error"),
    }


def test_footnotes_are_the_seeds(figures):
    first, second = figures.footnotes
    assert first.codes == ("1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.3.4")
    assert (first.result, first.plan, first.pct, first.amount_outcome) == (D("226.5563"), D("269.8416"), 84, "exact")
    assert second.codes == ("1.3.4", "1.3.5")
    assert (second.result, second.plan, second.pct) == (D("57.5575"), D("93.0448"), 62)


def test_projects_and_the_total_row_are_the_seeds(figures):
    assert [(p.project.number, p.pct, p.kpi_count, p.status) for p in figures.projects] == [
        ("1", 96, 5, Status.GREEN), ("2", 99, 5, Status.GREEN), ("3", 60, 8, Status.GREEN),
        ("4", 93, 8, Status.GREEN), ("5", 94, 6, Status.GREEN),
    ]  # fmt: skip
    assert figures.project(figures.quarter.project_rows[2]).pct == 60  # Speed up e-Licensing: 52.8525 / 88.3398
    total = figures.total
    assert (total.result, total.plan, total.fin_result) == (D("226.5563"), D("269.8416"), 84)
    assert total.footnote is figures.footnotes[0]  # the same lines: the same figure
    assert (total.ops_plan, total.ops_result, total.fin_plan) == (100, 100, 100)
    assert (total.kpi_count, total.kpi_done) == (32, 32)


def test_kpi_assessments(figures):
    assessed = [a for p in figures.projects for _, a in p.kpis]
    assert sum(1 for a in assessed if a.met) == 30
    assert sum(1 for a in assessed if a.met is False) == 2


def test_code_lists():
    """A footnote's or project's lines: codes and ranges, mixed, quoted back as typed."""
    assert parse_code_list("1.2.2-1.3.4") == ("1.2.2-1.3.4",)
    assert parse_code_list("1.2.2 – 1.3.4") == ("1.2.2-1.3.4",)
    assert parse_code_list("1.3.4+1.3.5") == ("1.3.4", "1.3.5")
    assert parse_code_list("1.3.4, 1.3.5") == ("1.3.4", "1.3.5")
    mixed = parse_code_list("1.2.2-1.3.4,  1.5")
    assert mixed == ("1.2.2-1.3.4", "1.5") and mixed.text == "1.2.2-1.3.4, 1.5"
    assert parse_code_list("abc") == ()


def test_a_range_and_a_code_in_one_footnote():
    """1.2.1-1.2.2 and 3: three lines; 1.2.2's sub-line-free neighbours only."""
    figures = compute.figures_of(sample_quarter({("หมายเหตุงบ", "B4"): "1.2.1-1.2.2, 3"}))
    assert figures.footnotes[0].codes == ("1.2.1", "1.2.2", "3")
    assert figures.footnotes[0].result == D("63.5643") + D("27.3849") + D("45.1584")


def test_figures_are_built_once_per_quarter(quarter):
    assert compute.figures_of(quarter) is compute.figures_of(quarter)
    copy = quarter.copy_with(deep=True)
    assert compute.figures_of(copy) is not compute.figures_of(quarter)
    assert compute.figures_of(copy).total.fin_result == 84


def test_the_shown_figures_decide(figures):
    """4.705 is shown 4.7050; a sum of shown figures is what a reader adds up."""
    assert figures.line("1.3.5").plan == D("4.7050")
    assert rules.shown_sum([D("1.00015"), D(0), D(0)]) == D("1.0002")
    assert compute.printed_result(D("1.0000"), D("1.0002")) == (D("1.0002"), "computed", "error")
    assert compute.printed_result(D("1.0001"), D("1.0002")) == (D("1.0001"), "typed", "rounding")
    assert compute.printed_result(None, D("1.0002")) == (D("1.0002"), "computed", None)
    assert compute.printed_result(D("1.0000"), None) == (D("1.0000"), "typed", None)
    assert compute.printed_result(None, None) == (None, "missing", None)


@pytest.mark.parametrize(
    ("codes", "counted"),
    [
        ("1.3.4, 1.3.4", ["1.3.4"]),  # named twice
        ("1.3, 1.3.4", ["1.3"]),  # 1.3.4 is inside 1.3
        ("1.3.4, 1.3.5", ["1.3.4", "1.3.5"]),
    ],
)
def test_a_project_counts_each_line_once(codes, counted):
    figures = compute.figures_of(sample_quarter({("โครงการ", "M4"): codes}))
    assert [f.code for f in figures.projects[0].lines] == counted


def test_a_malformed_code_is_in_no_sum_and_leaves_its_sums_unjudged():
    """'1,1' for 1.1 (row 5): its place is unknown, so line 1's and the grand total's sums wait."""
    figures = compute.figures_of(sample_quarter({("งบประมาณ", "A5"): "1,1"}))
    (malformed,) = figures.malformed
    assert (malformed.line.code, malformed.unjudged) == ("1,1", ("1",))
    judged = {(e.kind, e.subject.code) for e in figures.equations if isinstance(e, Sum) and e.kind != "footnote"}
    assert ("column", "1") not in judged and ("grand", "รวม") not in judged
    assert ("column", "1.2") in judged and ("column", "1.3") in judged
    assert all(e.subject is not malformed.line for e in figures.equations)
