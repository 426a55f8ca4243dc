"""The checks on a small quarter built for the purpose (``tests.builder``): one mistake planted per case, and
every finding it brings asserted as data — code, cell, expected, actual, fix, the cell it follows from, the
candidates — never as words.

The small quarter, FY2563 Q4, every figure typed and consistent (``test_the_small_quarter_is_clean``). Each
table's header is on row 3, so its first row is row 4.

งบประมาณ   A code  B name        C (1)  D (2)  E (3)  F (4)  G (5)  H %
  row 4    1       แผนงานดิจิทัล    10     4      1      2      7    70   7/10
  row 5    1.1     งานบุคลากร       6     3      0      1      4    67   4/6 = 66.7
  row 6    1.2     งานโครงการ       4     1      1      1      3    75   3/4
  row 7    รวม     รวมทั้งสิ้น      10     4      1      2      7    70   line 1, the one top-level line

หมายเหตุงบ row 4: footnote 1, lines 1.1-1.2: D subtotal 4 + 3 = 7, E 7/10 = 70%.

โครงการ    E ops plan  F ops result  G fin plan  H fin result  I KPIs  J done  L status  M line
  row 4    1 Digital ID    100      90      100     67 (1.1's %)     2      2     blank    1.1
  row 5    2 e-Service     100     100      100     75 (1.2's %)     1      1     blank    1.2
  row 6    รวม             100      94      100     70               3      3
The total row's operations result is the projects', weighted by their lines' plan (1): (90×6 + 100×4)/10 = 94;
its finance result is lines 1.1 and 1.2 together: 7/10 = 70.

ตัวชี้วัด (E result): row 4 project 1 ร้อยละความพึงพอใจ, target ร้อยละ 80, result 85; row 5 project 1, 2 ฉบับ → 2;
row 6 project 2, 1 ระบบ → 1.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from etda_xl import schema
from etda_xl.checks import run_checks
from etda_xl.findings import Finding
from etda_xl.model import CellRef

from .builder import QuarterBuilder

BUDGET, PROJECTS, KPIS, FOOTNOTES = "งบประมาณ", "โครงการ", "ตัวชี้วัด", "หมายเหตุงบ"


def small_quarter() -> QuarterBuilder:
    return (
        QuarterBuilder(fiscal_year=2563, quarter=4)
        .line("1", "แผนงานดิจิทัล", plan="10", paid="4", carried="1", reserved="2", result="7", pct="70")
        .line("1.1", "งานบุคลากร", plan="6", paid="3", carried="0", reserved="1", result="4", pct="67")
        .line("1.2", "งานโครงการ", plan="4", paid="1", carried="1", reserved="1", result="3", pct="75")
        .line("รวม", "รวมทั้งสิ้น", plan="10", paid="4", carried="1", reserved="2", result="7", pct="70")
        .footnote("1", "1.1-1.2", result="7", pct="70")
        .project("1", "Digital ID", ops_plan=100, ops_result=90, fin_plan=100, fin_result=67, kpi_count=2, kpi_done=2,
                 budget_codes="1.1", kpis=[("ร้อยละความพึงพอใจของผู้ใช้บริการ", "ร้อยละ 80", "85"),
                                           ("จำนวนคู่มือแนวปฏิบัติ", "2 ฉบับ", "2")])
        .project("2", "e-Service", ops_plan=100, ops_result=100, fin_plan=100, fin_result=75, kpi_count=1, kpi_done=1,
                 budget_codes="1.2", kpis=[("จำนวนระบบที่ให้บริการ", "1 ระบบ", "1")])
        .project("รวม", "รวม", ops_plan=100, ops_result=94, fin_plan=100, fin_result=70, kpi_count=3, kpi_done=3)
    )  # fmt: skip


class Said(NamedTuple):
    """A finding's data, without its words."""

    code: str
    sheet: str
    cell: str
    expected: Any = None
    actual: Any = None
    fix: Any = None
    caused_by: CellRef | None = None
    candidates: tuple[CellRef, ...] = ()
    severity: str = "error"


def said(builder: QuarterBuilder) -> set[Said]:
    found = findings(builder)
    data = {_said(f) for f in found}
    assert len(data) == len(found), "a finding said twice"
    return data


def findings(builder: QuarterBuilder) -> list[Finding]:
    return run_checks(builder.build())


def _said(f: Finding) -> Said:
    return Said(f.code, f.sheet, f.cell, f.expected, f.actual, f.fix, f.caused_by, f.candidates, f.severity)


def at(sheet: str, *cells: str) -> tuple[CellRef, ...]:
    return tuple(CellRef(sheet, cell) for cell in cells)


def test_the_small_quarter_is_clean():
    assert findings(small_quarter()) == []


def test_row_sum():
    """1.1's (5) typed 5: (2)+(3)+(4) = 3 + 0 + 1 = 4. The report prints the 4 (beyond rounding), so 1.1's %,
    line 1's (5) and the footnote still add up: one finding, and G5 alone explains it."""
    quarter = small_quarter().change(schema.BUDGET, "1.1", result="5")
    assert said(quarter) == {Said("BUDGET_ROW_SUM", BUDGET, "G5", expected=4, actual=5, fix=4)}


def test_percentage():
    """1.2's % typed 57 (digits swapped): (5)/(1) = 3/4 = 75%. A % can only be solved at its own cell."""
    quarter = small_quarter().change(schema.BUDGET, "1.2", pct="57")
    assert said(quarter) == {Said("BUDGET_PCT", BUDGET, "H6", expected=75, actual=57, fix=75)}


def test_parent_is_the_sum_of_its_sub_lines():
    """Line 1's (1) typed 11: its sub-lines add up to 6 + 4 = 10. The 11 also makes line 1's % 7/11 = 63.6 → 64
    (70 typed) and the grand total's (1), 10, short of line 1's 11. C4 = 10 repairs all three (C7 = 11 or H4 = 64
    only one each): the hierarchy's finding at C4 carries the fix, the others follow from C4."""
    quarter = small_quarter().change(schema.BUDGET, "1", plan="11")
    c4 = CellRef(BUDGET, "C4")
    assert said(quarter) == {
        Said("BUDGET_HIERARCHY", BUDGET, "C4", expected=10, actual=11, fix=10),
        Said("BUDGET_PCT", BUDGET, "H4", expected=64, actual=70, caused_by=c4),
        Said("BUDGET_GRAND_TOTAL", BUDGET, "C7", expected=11, actual=10, caused_by=c4),
        Said("ROOT_CAUSE", BUDGET, "C4", expected=10, actual=11, fix=10),
    }


def test_grand_total():
    """The grand total's (4) typed 3: its one top-level line, line 1, has 2. The 3 also breaks the total's own
    row, 4 + 1 + 3 = 8 against the typed 7; the report then prints 8, which is line 1's 7 + 1 and 8/10 = 80%
    against the typed 70. F7 = 2 repairs all four."""
    quarter = small_quarter().change(schema.BUDGET, "รวม", reserved="3")
    f7 = CellRef(BUDGET, "F7")
    assert said(quarter) == {
        Said("BUDGET_GRAND_TOTAL", BUDGET, "F7", expected=2, actual=3, fix=2),
        Said("BUDGET_ROW_SUM", BUDGET, "G7", expected=8, actual=7, caused_by=f7),
        # compared: the (5) the report prints, 8; what G7 reads: the typed 7
        Said("BUDGET_GRAND_TOTAL", BUDGET, "G7", expected=7, actual=7, caused_by=f7),
        Said("BUDGET_PCT", BUDGET, "H7", expected=80, actual=70, caused_by=f7),
        Said("ROOT_CAUSE", BUDGET, "F7", expected=2, actual=3, fix=2),
    }


def test_footnote_subtotals():
    """Footnote 1 (1.1-1.2) adds 1.1's and 1.2's printed (5): 4 + 3 = 7 million baht, 7/10 = 70%."""
    amount = small_quarter().change(schema.FOOTNOTES, "1", result="8")
    assert said(amount) == {Said("FOOTNOTE_AMOUNT", FOOTNOTES, "D4", expected=7, actual=8, fix=7)}
    pct = small_quarter().change(schema.FOOTNOTES, "1", pct="7")
    assert said(pct) == {Said("FOOTNOTE_PCT", FOOTNOTES, "E4", expected=70, actual=7, fix=70)}


def test_project_finance_result():
    """Project 1's finance result is its line 1.1's %: 4/6 = 66.7 → 67, typed 76."""
    quarter = small_quarter().change(schema.PROJECTS, "1", fin_result="76")
    assert said(quarter) == {Said("PROJECT_FIN_RESULT", PROJECTS, "H4", expected=67, actual=76, fix=67)}


def test_total_row():
    """The total row's finance result, lines 1.1 and 1.2 together, 7/10 = 70, typed 7: the fix is at H6.

    Its operations result typed 95, the plain mean of 90 and 100 rather than 94 weighted by plan: either the total
    or project 1's result may be wrong — 92 for project 1 gives (92×6 + 100×4)/10 = 95.2 → 95 too, while project 2
    would need (95×10 − 90×6)/4 = 102.5, beyond 100 — so no value is offered, both cells are named."""
    fin = small_quarter().change(schema.PROJECTS, "รวม", fin_result="7")
    assert said(fin) == {Said("SUMMARY_TOTAL_FIN", PROJECTS, "H6", expected=70, actual=7, fix=70)}
    ops = small_quarter().change(schema.PROJECTS, "รวม", ops_result="95")
    either = at(PROJECTS, "F6", "F4")
    assert said(ops) == {
        Said("SUMMARY_TOTAL_PCT", PROJECTS, "F6", expected=94, actual=95, candidates=either),
        Said("ROOT_CAUSE", PROJECTS, "F6", candidates=either, severity="info"),
    }


def test_status_follows_the_rule():
    """Project 1 is 100 − 90 = 10 points behind plan: past green's 5, within yellow's 20 → เหลือง. Project 2 is on
    plan → เขียว, but an obstacle makes it แดง. A wrong status may be the status or the plan or result it came
    from: no fix, the three cells named."""
    right = small_quarter().change(schema.PROJECTS, "1", status="เหลือง").change(schema.PROJECTS, "2", status="เขียว")
    assert findings(right) == []
    green = small_quarter().change(schema.PROJECTS, "1", status="เขียว")
    named = at(PROJECTS, "L4", "E4", "F4")  # the status, the plan and the result
    assert said(green) == {Said("PROJECT_STATUS", PROJECTS, "L4", expected="เหลือง", actual="เขียว", candidates=named)}
    (status,) = findings(green)
    assert (status.params["plan"], status.params["result"], status.params["delay"]) == (100, 90, 10)
    obstacle = small_quarter().change(schema.PROJECTS, "2", obstacle="มี", status="เขียว")
    named = at(PROJECTS, "L5", "E5", "F5")
    assert said(obstacle) == {Said("PROJECT_STATUS", PROJECTS, "L5", expected="แดง", actual="เขียว", candidates=named)}


def test_kpi_counts():
    """The KPI table lists 2 KPIs for project 1 and 3 in all."""
    count = small_quarter().change(schema.PROJECTS, "1", kpi_count=3)  # 2 rows: the count alone is wrong
    assert said(count) == {Said("PROJECT_KPI_COUNT", PROJECTS, "I4", expected=2, actual=3, fix=2)}
    # 4 completed of 3 KPIs; the projects' 2 + 1 = 3: the total, or a project's count, may be the wrong one
    done = small_quarter().change(schema.PROJECTS, "รวม", kpi_done=4)
    assert said(done) == {
        Said("PROJECT_KPI_DONE", PROJECTS, "J6", expected=3, actual=4),
        Said("SUMMARY_TOTAL_KPI", PROJECTS, "J6", expected=3, actual=4, candidates=at(PROJECTS, "J6", "J4", "J5")),
    }
    # both of project 1's KPIs counted complete, but the satisfaction reached 75 of a target of at least 80
    below = small_quarter().change(schema.KPIS, "1", result="75")
    assert said(below) == {
        Said("KPI_DONE_BELOW_TARGET", KPIS, "E4", expected="ร้อยละ 80", actual="75", severity="warning")
    }


def test_root_cause_names_the_one_mistyped_cell():
    """1.1's (4) typed 2 instead of 1 breaks eight sums and percentages:
    its row 3 + 0 + 2 = 5 against the typed 4 (the report prints 5); line 1's (4) 2 + 1 = 3 against 2 and its (5)
    5 + 3 = 8 against 7; 1.1's % 5/6 = 83.3 → 83 against 67, and so project 1's finance result; the footnote
    5 + 3 = 8 against 7 and 8/10 = 80% against 70, and so the total row's finance result. F5 = 1 repairs all
    eight and no other single cell does: the fix stands at F5, and each of the eight follows from it."""
    quarter = small_quarter().change(schema.BUDGET, "1.1", reserved="2")
    f5 = CellRef(BUDGET, "F5")
    assert said(quarter) == {
        Said("ROOT_CAUSE", BUDGET, "F5", expected=1, actual=2, fix=1),
        Said("BUDGET_ROW_SUM", BUDGET, "G5", expected=5, actual=4, caused_by=f5),
        Said("BUDGET_HIERARCHY", BUDGET, "F4", expected=3, actual=2, caused_by=f5),
        Said("BUDGET_HIERARCHY", BUDGET, "G4", expected=8, actual=7, caused_by=f5),
        Said("BUDGET_PCT", BUDGET, "H5", expected=83, actual=67, caused_by=f5),
        Said("PROJECT_FIN_RESULT", PROJECTS, "H4", expected=83, actual=67, caused_by=f5),
        Said("FOOTNOTE_AMOUNT", FOOTNOTES, "D4", expected=8, actual=7, caused_by=f5),
        Said("FOOTNOTE_PCT", FOOTNOTES, "E4", expected=80, actual=70, caused_by=f5),
        Said("SUMMARY_TOTAL_FIN", PROJECTS, "H6", expected=80, actual=70, caused_by=f5),
    }
    (root,) = (f for f in findings(quarter) if f.code == "ROOT_CAUSE")
    assert root.params["code"] == "1.1"


def test_ambiguous_sum_names_candidates_and_offers_no_fix():
    """Two top-level lines, their (1) only: 10 + 5 = 15, the total typed 16. Line 1's 11, line 2's 6 or the
    total's 15 would each make it add up, and nothing else (no % typed, no sub-lines) tells which."""
    quarter = (
        QuarterBuilder()
        .line("1", "เงินงบประมาณ", plan="10", paid="4", carried="1", reserved="2")
        .line("2", "เงินนอกงบประมาณ", plan="5", paid="2", carried="1", reserved="1")
        .line("รวม", "รวมทั้งสิ้น", plan="16", paid="6", carried="2", reserved="3")
    )
    candidates = at(BUDGET, "C6", "C4", "C5")
    assert said(quarter) == {
        Said("BUDGET_GRAND_TOTAL", BUDGET, "C6", expected=15, actual=16, candidates=candidates),
        Said("ROOT_CAUSE", BUDGET, "C6", candidates=candidates, severity="info"),
    }
