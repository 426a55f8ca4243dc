"""The checks expect exactly the figures the report prints, and their messages never contradict them.

Each case was a bug: a check and the report computing the same figure two ways. The expected
numbers are worked out by hand from the sample (FY2563 Q4); the property test at the end checks the
agreement itself on random single-cell changes, with ROUND((5)/(1)) computed here independently.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etda_xl import compute
from etda_xl.checks import run_checks
from etda_xl.findings import Severity
from etda_xl.report.figures import build_figures
from etda_xl.sample import BUDGET as SEED_ROWS

from .memory import sample_quarter

BUDGET, PROJECTS = "งบประมาณ", "โครงการ"


def _checked(edits):
    quarter = sample_quarter(edits)
    findings = run_checks(quarter)
    return quarter, findings, build_figures(quarter, findings, "th")


def _codes_at(findings, cell):
    return {f.code for f in findings if f.sheet == BUDGET and f.cell == cell and f.severity is Severity.ERROR}


def test_the_pct_expected_is_the_pct_printed():
    """1.3.4's (5) typed 50 (the sum is 52.8526): the report prints 52.8526 and 60%, so the typed 60%
    is right, and the row says the (5) is the wrong cell. No "should be 57%". No value to type either:
    the row adds up to 52.8526, the footnotes to 52.8525, both within rounding, and 50 is no typo of
    either that could tell them apart."""
    _quarter, findings, figures = _checked({(BUDGET, "G13"): 50})
    row = figures.budget_row("1.3.4")
    assert (row.result, row.pct) == (Decimal("52.8526"), 60)
    assert _codes_at(findings, "H13") == set()
    assert _codes_at(findings, "G13") == {"BUDGET_ROW_SUM"}
    assert [(f.expected, f.fix) for f in findings if f.cell == "G13"] == [(Decimal("52.8526"), None)]


def test_rounding_is_decided_once_on_the_shown_figures():
    """Line 1.3.5 with paid 1.00015 (shown 1.0002), (4) 0 and (5) typed 1.0000: the shown figures are
    0.0002 apart, beyond 3 × 0.00005, so the check says error and the report prints 1.0002."""
    edits = {(BUDGET, "D14"): 1.00015, (BUDGET, "F14"): 0, (BUDGET, "G14"): 1.0}
    _quarter, findings, figures = _checked(edits)
    (row_sum,) = [f for f in findings if f.code == "BUDGET_ROW_SUM" and f.cell == "G14"]
    assert (row_sum.severity, row_sum.expected) == (Severity.ERROR, Decimal("1.0002"))
    assert row_sum.actual == Decimal("1.0000")
    assert (row_sum.params["difference"], row_sum.params["terms"]) == (Decimal("0.0002"), 3)  # beyond 3 × 0.00005
    assert "off by 0.0002" in row_sum.message_en  # the words say it
    row = figures.budget_row("1.3.5")
    assert (row.result, row.result_source, row.pct) == (Decimal("1.0002"), "computed", 21)  # 1.0002 / 4.7050


def test_a_line_shared_by_two_projects_counts_once():
    """Projects 2 and 3 both on 1.3.4: 1.2.2 + 1.3.4 + 1.3.1 + 1.3.3 = (27.3849 + 52.8525 + 66.0792
    + 3.9519) / (28.6188 + 88.3398 + 71.3198 + 4.1865) = 150.2685 / 192.4649 = 78.08% → 78; not
    footnote 1 (1.2.2-1.3.4 also holds 1.3.2: 84%), so no footnote is named."""
    _quarter, findings, figures = _checked({(PROJECTS, "M5"): "1.3.4"})
    (total,) = [f for f in findings if f.code == "SUMMARY_TOTAL_FIN"]
    assert (total.cell, total.expected, total.actual) == ("H9", 78, 84)
    assert total.params["footnote"] is None
    assert figures.total.fin_result == 78
    (project_2,) = [f for f in findings if f.code == "PROJECT_FIN_RESULT"]
    assert (project_2.cell, project_2.expected) == ("H5", 60)
    assert [p.fin_result for p in figures.projects] == [96, 60, 60, 93, 94]


def test_the_total_names_the_footnote_only_when_it_is_that_figure():
    _quarter, findings, _figures = _checked({(PROJECTS, "H9"): 85})
    (total,) = [f for f in findings if f.code == "SUMMARY_TOTAL_FIN"]
    assert (total.expected, total.actual) == (84, 85)
    assert total.params["footnote"] == "1"


def test_a_malformed_code_is_a_finding_and_blames_no_correct_cell():
    """'1,1' for 1.1: the code is the error; line 1's and the grand total's sums wait for it, and no
    correct cell of line 1 (C4, D4, G4) is offered a "fix"."""
    quarter, findings, _figures = _checked({(BUDGET, "A5"): "1,1"})
    errors = {(f.code, f.cell) for f in findings if f.severity is Severity.ERROR}
    assert errors == {("BUDGET_CODE_INVALID", "A5"), ("BUDGET_ROW_SUM", "G4")}  # G4: the sample's own 421.9488
    (invalid,) = [f for f in findings if f.code == "BUDGET_CODE_INVALID"]
    assert (invalid.params["code"], invalid.params["unjudged"]) == ("1,1", ("1",))  # and the grand total
    assert compute.figures_of(quarter).failing  # row 1 still fails: one equation, no single cause
    assert not [f for f in findings if f.fix is not None]
    (candidates,) = [f for f in findings if f.code == "ROOT_CAUSE"]
    assert candidates.severity is Severity.INFO
    assert [c.cell for c in candidates.candidates] == ["D4", "E4", "F4", "G4"]


# --- the property: whatever one budget figure is, check and report agree -----------------------------

_AMOUNT_CELLS = [f"{c}{r}" for r in range(4, 18) for c in "CDEFG"]
_PCT_CELLS = [f"H{r}" for r in range(4, 18)]


def _seed(cell: str) -> Decimal:
    value = SEED_ROWS[int(cell[1:]) - 4][2 + "CDEFG".index(cell[0])]
    return Decimal(0 if value == "-" else str(value))


@st.composite
def _one_budget_change(draw):
    """A (5), (1)–(4) nudged by a few units of the 4th decimal (rounding's edge), or set anywhere, or a %."""
    if draw(st.booleans()):
        cell = draw(st.sampled_from(_AMOUNT_CELLS))
        if draw(st.booleans()):
            steps = draw(st.integers(-4, 4).filter(bool))
            value = _seed(cell) + Decimal(steps) * Decimal("0.00005")
        else:
            value = Decimal(draw(st.integers(0, 6_000_000))) / 10_000
        return cell, float(max(value, Decimal(0)))
    return draw(st.sampled_from(_PCT_CELLS)), draw(st.integers(0, 120)) / 100


def _round_pct(result: Decimal, plan: Decimal) -> Decimal:
    return (result / plan * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


_SUMS = {"BUDGET_ROW_SUM", "BUDGET_HIERARCHY", "BUDGET_GRAND_TOTAL"}  # their rounding notes quote the bound


@settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(_one_budget_change())
def test_every_pct_printed_is_the_pct_expected(change):
    cell, value = change
    _quarter, findings, figures = _checked({(BUDGET, cell): value})
    by_row = {r.line.at("pct").cell: r for r in figures.budget}
    for row in figures.budget:  # the report's own %: ROUND(printed (5) / printed (1))
        if row.result is not None and row.plan:
            assert row.pct == _round_pct(row.result, row.plan), row.code
    projects = {p.project.at("fin_result").cell: p for p in figures.projects}
    for finding in findings:
        if finding.code == "BUDGET_PCT":
            row = by_row[finding.cell]
            assert finding.expected == row.pct
            assert (finding.params["result"], finding.params["plan"]) == (row.result, row.plan)
        elif finding.code == "PROJECT_FIN_RESULT":
            assert finding.expected == projects[finding.cell].fin_result
        elif finding.code == "SUMMARY_TOTAL_FIN":
            assert finding.expected == figures.total.fin_result
        elif finding.code == "FOOTNOTE_PCT":
            assert finding.expected == next(n.pct for n in figures.footnotes if n.note.at("pct").cell == finding.cell)
        if finding.code in _SUMS and finding.severity is Severity.INFO:  # within rounding: never more than its bound
            difference = finding.params["difference"]
            assert difference == abs(finding.params["actual"] - finding.expected)  # the figure compared
            assert difference <= finding.params["terms"] * Decimal("0.00005")


@pytest.mark.parametrize("cell", ["G13", "D13", "C13"])
def test_the_root_cause_only_names_a_cell_of_a_failing_sum(cell):
    quarter, findings, _figures = _checked({(BUDGET, cell): float(_seed(cell) + 3)})
    failing_cells = {c.cell for e in compute.figures_of(quarter).failing for c in e.cells}
    fixed = {f.cell for f in findings if f.fix is not None}
    assert fixed == {cell, "F4"} and fixed <= failing_cells
