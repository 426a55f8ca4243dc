"""Change one cell of the sample: exactly which finding lands at which cell, expecting what.

On the model (the sample built in memory, ``tests.memory``): milliseconds a case. A few cases
go through a workbook file too, to keep the reader in the loop. Cells are the sample workbook's:
sheet งบประมาณ has its header on row 3, line 1 on row 4 … รวมทั้งสิ้น on row 17, columns
C (1) … G (5), H %; โครงการ has project 1 on row 4 … the total on row 9.
"""

from decimal import Decimal

import pytest

from etda_xl.checks import run_checks
from etda_xl.findings import Severity
from etda_xl.model import CellRef
from etda_xl.sample import BUDGET as SEED_ROWS
from etda_xl.workbook import read_workbook

from .conftest import edit_cells
from .memory import sample_quarter

BUDGET, PROJECTS, FOOTNOTES, KPIS = "งบประมาณ", "โครงการ", "หมายเหตุงบ", "ตัวชี้วัด"
AMOUNT_COLUMNS = "CDEFG"  # (1) … (5)


def _findings(edits):
    return run_checks(sample_quarter(edits))


def _at(findings, sheet, cell):
    return [f for f in findings if f.sheet == sheet and f.cell == cell]


def _seed(cell: str) -> Decimal:
    """The sample's figure in a budget cell, as shown (4 decimals; "-" is 0)."""
    value = SEED_ROWS[int(cell[1:]) - 4][2 + AMOUNT_COLUMNS.index(cell[0])]
    return Decimal(0 if value == "-" else str(value)).quantize(Decimal("0.0001"))


#: Where the root cause's fix is not the seed's own figure, and why.
OTHER_FIX: dict[str, Decimal | None] = {
    # The seed's own typo, 102.8978 for 102.8968 (2.3262 + 26.6362 + 73.9344), made 104.3978: three digits
    # off what the sums allow, so nothing typed tells its last digit (102.8966 … 102.8970 fit): named, no value.
    "F4": None,
    # +1.5 that changes three digits (49.7789 → 51.2789, a carry through the units): no typo of the true
    # figure, so the sums' 4th-decimal slack is all that is known: the cell is named with its span.
    **dict.fromkeys(("D6", "C8", "D15", "E15", "G15")),
}


@pytest.mark.parametrize("cell", [f"{c}{r}" for r in range(4, 17) for c in AMOUNT_COLUMNS] + ["D17", "E17", "G17"])
def test_every_budget_amount_off_by_1_5_is_traced_back_to_its_cell(cell):
    """Each breaks its row or %, its parent's column or the grand total: the fix offered is the seed's
    figure at that cell (the digits typed, among the 4th-decimal values the sums allow), and at no
    other cell but F4 (the seed's own typo). A (1)-(4) breaks several equations and is named by a
    ROOT_CAUSE; a typed (5) mostly breaks only its own row (the report prints (2)+(3)+(4) instead), and
    then that row's finding carries the fix."""
    findings = _findings({(BUDGET, cell): float(_seed(cell) + Decimal("1.5"))})
    fixes = {(f.cell, f.fix) for f in findings if f.fix is not None}
    fix = OTHER_FIX.get(cell, _seed(cell))
    offered = {(cell, fix)} if fix is not None else set()
    assert fixes == offered | ({("F4", Decimal("102.8968"))} if cell != "F4" else set())
    roots = {f.cell for f in findings if f.code == "ROOT_CAUSE" and f.severity is Severity.ERROR}
    assert cell in roots or cell.startswith("G")
    typed = _seed(cell) + Decimal("1.5")
    assert typed in {f.actual for f in findings if f.cell == cell}


def test_the_grand_totals_plan_breaks_one_sum_only():
    """C17 is in the grand total's column (1) alone (its % still rounds to 84): no root cause, the
    sum itself points at it."""
    findings = _findings({(BUDGET, "C17"): 590.2946})
    assert [(f.code, f.expected, f.actual) for f in _at(findings, BUDGET, "C17")] == [
        ("BUDGET_GRAND_TOTAL", Decimal("588.7946"), Decimal("590.2946"))
    ]


ONE_CHANGE = [
    # sheet, cell, value, code, severity, expected (None: the finding has no expected value)
    (BUDGET, "H8", 0.95, "BUDGET_PCT", Severity.ERROR, Decimal(96)),  # 27.3849 / 28.6188
    (BUDGET, "H5", 0.9436, "BUDGET_PCT", Severity.ERROR, Decimal(95)),  # shows 94%
    (BUDGET, "C8", 20, "BUDGET_OVER_PLAN", Severity.WARNING, Decimal("20.0000")),  # at G8, see below
    (BUDGET, "C14", 0, "BUDGET_NO_PLAN", Severity.WARNING, None),
    (BUDGET, "A6", "1.1", "BUDGET_CODE_DUPLICATE", Severity.ERROR, None),
    (BUDGET, "A14", "1.4.5", "BUDGET_CODE_ORPHAN", Severity.ERROR, None),
    (BUDGET, "A14", "1.3.x", "BUDGET_CODE_INVALID", Severity.ERROR, None),
    (BUDGET, "D5", "abc", "INPUT_NOT_NUMBER", Severity.ERROR, None),
    (BUDGET, "D5", -124.797, "INPUT_NEGATIVE", Severity.ERROR, None),
    (BUDGET, "D5", None, "INPUT_MISSING", Severity.ERROR, None),
    (PROJECTS, "H4", 97, "PROJECT_FIN_RESULT", Severity.ERROR, Decimal(96)),
    (PROJECTS, "I5", 6, "PROJECT_KPI_COUNT", Severity.ERROR, 5),
    (PROJECTS, "J6", 9, "PROJECT_KPI_DONE", Severity.ERROR, 8),
    (PROJECTS, "L4", "แดง", "PROJECT_STATUS", Severity.ERROR, "เขียว"),
    (PROJECTS, "A5", "1", "PROJECT_DUPLICATE", Severity.ERROR, None),
    (PROJECTS, "E4", 120, "PROJECT_PCT_RANGE", Severity.WARNING, None),
    (PROJECTS, "H9", 85, "SUMMARY_TOTAL_FIN", Severity.ERROR, Decimal(84)),
    (PROJECTS, "I9", 33, "SUMMARY_TOTAL_KPI", Severity.ERROR, 32),
    (PROJECTS, "M4", "1.9.9", "PROJECT_BUDGET_LINE_MISSING", Severity.ERROR, None),
    (FOOTNOTES, "D4", 226.6563, "FOOTNOTE_AMOUNT", Severity.ERROR, Decimal("226.5563")),
    (FOOTNOTES, "D4", 226.5564, "FOOTNOTE_AMOUNT", Severity.INFO, Decimal("226.5563")),  # 5 lines: rounding
    (FOOTNOTES, "E5", 0.6, "FOOTNOTE_PCT", Severity.ERROR, Decimal(62)),
    (FOOTNOTES, "B4", "1.2.2-1.9.4", "FOOTNOTE_UNKNOWN_LINE", Severity.ERROR, None),
    (FOOTNOTES, "B5", "1.3.4+1.3.4", "FOOTNOTE_LINES_OVERLAP", Severity.ERROR, None),
    (FOOTNOTES, "B5", "1.3.4-1.2.2", "FOOTNOTE_LINES_INVALID", Severity.ERROR, None),
    (FOOTNOTES, "C5", "1.3.3", "FOOTNOTE_PART_OF", Severity.ERROR, None),
    (KPIS, "A4", "9", "KPI_PROJECT_UNKNOWN", Severity.ERROR, None),
    (KPIS, "D6", "ทั้งปี", "KPI_NOT_MEASURABLE", Severity.INFO, None),
    ("ตั้งค่า", "B7", "30 ธ.ค. 63", "PERIOD_AS_OF", Severity.ERROR, "1 ก.ค. 63 – 30 ก.ย. 63"),
]


@pytest.mark.parametrize(("sheet", "cell", "value", "code", "severity", "expected"), ONE_CHANGE)
def test_one_change_one_finding_at_that_cell(sheet, cell, value, code, severity, expected):
    findings = _findings({(sheet, cell): value})
    where = "G8" if code == "BUDGET_OVER_PLAN" else cell  # a plan lowered below (5): said at the (5)
    hits = [f for f in findings if f.code == code]
    assert [(f.sheet, f.cell, f.severity, f.expected) for f in hits] == [(sheet, where, severity, expected)]


def test_a_percentage_right_as_displayed_is_no_finding():
    """95.36% in a 0% cell shows 95%, which is 127.1233 / 134.1005 rounded."""
    assert not _at(_findings({(BUDGET, "H5"): 0.9536}), BUDGET, "H5")


def test_a_number_typed_over_a_column_of_formulas():
    """(5) computed by =D+E+F on every line but 1.2.2, where 27.3849 was typed over it."""
    rows = range(4, 18)
    formulas = {(BUDGET, f"G{r}"): f"=D{r}+E{r}+F{r}" for r in rows if r != 8}
    saved = {(BUDGET, f"G{r}"): float(_seed(f"G{r}")) for r in rows}
    findings = run_checks(sample_quarter(saved, formulas))
    overwritten = [f for f in findings if f.code == "BUDGET_FORMULA_OVERWRITTEN"]
    assert [(f.cell, f.actual) for f in overwritten] == [("G8", Decimal("27.3849"))]
    # the formulas saved with the seed's figures are stale where =D+E+F gives the 4th decimal otherwise
    stale = {f.cell: (f.expected, f.actual) for f in findings if f.code == "BUDGET_FORMULA_STALE"}
    assert stale == {
        "G4": (Decimal("421.9499"), Decimal("421.9488")),
        "G5": (Decimal("127.1232"), Decimal("127.1233")),
        "G9": (Decimal("203.8765"), Decimal("203.8764")),
        "G13": (Decimal("52.8526"), Decimal("52.8525")),
        "G16": (Decimal("45.1585"), Decimal("45.1584")),
        "G17": (Decimal("496.5907"), Decimal("496.5906")),
    }


# --- through a workbook file ------------------------------------------------------------------


def test_root_cause_of_a_leaf_typo_in_a_file(sample_copy):
    """1.2.1 paid (D7) 45.6189 typed as 46.6189: its row and 1.2's column (2) break."""
    findings = run_checks(read_workbook(edit_cells(sample_copy, {(BUDGET, "D7"): 46.6189})))
    roots = [f for f in findings if f.code == "ROOT_CAUSE" and f.severity is Severity.ERROR]
    assert {(f.cell, f.fix) for f in roots} == {("D7", Decimal("45.6189")), ("F4", Decimal("102.8968"))}


def test_two_wrong_cells_in_one_row_are_each_singled_out_by_their_column():
    """1.2.1's paid and carried both 1 too high: neither explains the row alone, but 1.2's (2) sum
    singles out D7 and its (3) sum E7 (their siblings' and parent's cells would break other sums), so
    each is named with its own figure, and the row, % and (5) sums follow from the two."""
    findings = _findings({(BUDGET, "D7"): 46.6189, (BUDGET, "E7"): 15.1597})
    fixes = {(f.cell, f.fix) for f in findings if f.fix is not None}
    assert fixes == {("D7", Decimal("45.6189")), ("E7", Decimal("14.1597")), ("F4", Decimal("102.8968"))}
    row = next(f for f in findings if f.code == "BUDGET_ROW_SUM" and f.cell == "G7")
    assert row.fix is None and row.caused_by is not None and row.caused_by.cell in ("D7", "E7")


def test_fraction_percentage_is_flagged_with_the_fix_in_a_file(sample_copy):
    """A project's finance result typed 0.96 (no % format) probably means 96."""
    findings = run_checks(read_workbook(edit_cells(sample_copy, {(PROJECTS, "H4"): 0.96})))
    flagged = [f for f in findings if f.code == "INPUT_PCT_FRACTION"]
    assert [(f.cell, f.fix) for f in flagged] == [("H4", Decimal(96))]
    assert not [f for f in findings if f.code == "PROJECT_FIN_RESULT"]


def test_a_repeated_project_number_names_the_first_row():
    found = [f for f in _findings({(PROJECTS, "A5"): "1"}) if f.code == "PROJECT_DUPLICATE"]
    assert [(f.cell, f.params["number"], f.params["first"]) for f in found] == [("A5", "1", CellRef(PROJECTS, "A4"))]
