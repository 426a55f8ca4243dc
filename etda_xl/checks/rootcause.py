"""Root cause: the one input cell whose correction satisfies every failing budget equation.

When a typo breaks several equations at once (its row, its parent's column, the grand total),
finance staff see three errors but there is one wrong cell. For each group of failing equations
that share cells, we try every cell common to all of them: solve its value from one equation,
then accept it only if every equation of the group now holds (within rounding) and no equation
that held before breaks — including the row's percentage.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .. import rules
from ..compute import line_pct
from ..findings import Hit, Severity, check
from ..model import BudgetLine, CellRef, Report
from .equations import COLUMN_LABELS, Equation, Values, budget_equations, cell_values


@dataclass(frozen=True)
class Correction:
    cell: CellRef
    line: BudgetLine
    field: str
    current: Decimal
    corrected: Decimal
    satisfies: tuple[Equation, ...]


def _groups(failing: list[Equation]) -> list[list[Equation]]:
    """Failing equations joined when they share a cell (connected components)."""
    groups: list[list[Equation]] = []
    for equation in failing:
        touching = [g for g in groups if any(set(equation.cells) & set(e.cells) for e in g)]
        merged = [equation, *(e for g in touching for e in g)]
        groups = [g for g in groups if g not in touching] + [merged]
    return [sorted(g, key=failing.index) for g in groups]


def _line_of(report: Report, cell: CellRef) -> tuple[BudgetLine, str]:
    for line in report.budget:
        for field, where in line.cells.items():
            if where == cell:
                return line, field
    raise KeyError(cell)


def _pct_still_right(report: Report, line: BudgetLine, field: str, value: Decimal) -> bool:
    """A changed plan or result must not break a percentage that was right."""
    if field not in ("plan", "result") or line.pct is None:
        return True
    before = line_pct(line, report.settings.pct_decimals)
    after = line_pct(line.model_copy(update={field: value}), report.settings.pct_decimals)
    return before != line.pct or after == line.pct


def _candidate_values(cell: CellRef, group: list[Equation], values: Values) -> list[Decimal]:
    """The value each failing equation asks of ``cell``, the most agreed-on first.

    Equations may disagree in the 4th decimal (each carries its own rounding); the value most
    of them ask for exactly is the likeliest figure the typist meant.
    """
    asked = [rules.round_half_up(e.solve_for(cell, values), rules.SHOWN_DECIMALS) for e in group]
    return sorted(dict.fromkeys(asked), key=lambda v: -asked.count(v))


def _try(report: Report, cell: CellRef, group: list[Equation], equations: list[Equation], values: Values):
    touching = [e for e in equations if cell in e.cells]
    line, field = _line_of(report, cell)
    for corrected in _candidate_values(cell, group, values):
        if corrected == values[cell] or corrected < 0:
            continue
        trial = {**values, cell: corrected}
        if any(e.outcome(trial) == "error" for e in (*group, *touching)):
            continue
        if _pct_still_right(report, line, field, corrected):
            return Correction(cell, line, field, values[cell], corrected, tuple(group))
    return None


def corrections(report: Report) -> list[tuple[list[Equation], list[Correction]]]:
    """Each group of failing equations with the single-cell corrections that explain it."""
    values = cell_values(report)
    equations = budget_equations(report, values)
    failing = [e for e in equations if e.outcome(values) == "error"]
    result = []
    for group in _groups(failing):
        common = set(group[0].cells).intersection(*(e.cells for e in group[1:]))
        ordered = [c for e in group for c in e.cells if c in common]
        tried = (_try(report, cell, group, equations, values) for cell in dict.fromkeys(ordered))
        found = [fix for fix in tried if fix is not None]
        result.append((group, found))
    return result


def _explains(equations: Iterable[Equation], lang: str) -> str:
    parts = [e.describe(lang) for e in equations]
    joiner = " และ " if lang == "th" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + joiner + parts[-1]


@check(
    "ROOT_CAUSE",
    Severity.ERROR,
    "ต้นเหตุ: เซลล์นี้ (รายการ {code} คอลัมน์ {column}) กรอกไว้ {actual} — ถ้าเป็น {fix} จะถูกต้องทั้ง {explains_th}",
    "root cause: this cell (line {code}, column {column}) reads {actual}; {fix} satisfies {explains_en}",
    ambiguous=(
        Severity.INFO,
        "ข้อผิดพลาดของ {explains_th} อาจเกิดจากเซลล์ใดเซลล์หนึ่งต่อไปนี้: {candidates}",
        "the errors in {explains_en} could each be fixed by one of these cells: {candidates}",
    ),
    none=(
        Severity.INFO,
        "ไม่มีเซลล์เดียวที่แก้แล้วทำให้ {explains_th} ถูกต้องพร้อมกัน — น่าจะมีมากกว่าหนึ่งเซลล์ที่ผิด",
        "no single cell corrects {explains_en} at once; more than one cell is probably wrong",
    ),
)
def root_cause(report: Report) -> Iterable[Hit]:
    for group, found in corrections(report):
        explains = {"explains_th": _explains(group, "th"), "explains_en": _explains(group, "en")}
        if len(found) == 1:
            fix = found[0]
            params = {
                "code": fix.line.code,
                "column": COLUMN_LABELS[fix.field],
                "actual": fix.current,
                "fix": fix.corrected,
            }
            yield Hit(
                fix.cell,
                {**params, **explains},
                expected=fix.corrected,
                actual=rules.shown(fix.current),
                fix=fix.corrected,
            )
        elif len(found) > 1 and len(group) > 1:
            candidates = ", ".join(f"{c.cell.cell} = {c.corrected}" for c in found)
            yield Hit(found[0].cell, {"candidates": candidates, **explains}, variant="ambiguous")
        elif not found and len(group) > 1:
            yield Hit(group[0].total, explains, variant="none")
