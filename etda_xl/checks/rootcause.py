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
from ..findings import Hit, Severity, check
from ..model import BudgetLine, CellRef, Report
from .equations import COLUMN_LABELS, Equation, Values, budget_equations, cell_values, percent_equations


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


class _Table:
    """The budget table's cells for the search: owners, equations by cell, formula dependencies.

    A cell computed by a formula ((5) or % in the template) is not an input: it is never named as
    a root cause, and a trial correction of an input recomputes it, as Excel would.
    """

    def __init__(self, report: Report, equations: list[Equation], values: Values) -> None:
        self.owners = {where: (line, f) for line in report.budget for f, where in line.cells.items()}
        self.by_cell: dict[CellRef, list[Equation]] = {}
        for equation in equations:
            for cell in equation.cells:
                self.by_cell.setdefault(cell, []).append(equation)
        self.formulas: dict[CellRef, object] = {}
        self.dependents: dict[CellRef, list[CellRef]] = {}
        decimals = report.settings.pct_decimals
        for line in report.budget:
            at = {f: line.at(f) for f in ("plan", "paid", "carried", "reserved", "result", "pct")}
            if not all(c is not None and c in values for c in at.values()):
                continue
            if "result" in line.formulas:
                self._derive(at["result"], [at["paid"], at["carried"], at["reserved"]], lambda v, a=at: (
                    v[a["paid"]] + v[a["carried"]] + v[a["reserved"]]))  # fmt: skip
            if "pct" in line.formulas:
                inputs = [at["plan"], at["result"], *self.dependents_of_inputs(at["result"])]
                self._derive(at["pct"], inputs, lambda v, a=at: rules.spend_pct(v[a["result"]], v[a["plan"]], decimals))

    def dependents_of_inputs(self, formula_cell: CellRef) -> list[CellRef]:
        return [c for c, dependents in self.dependents.items() if formula_cell in dependents]

    def _derive(self, cell: CellRef, inputs: list[CellRef], compute) -> None:
        self.formulas[cell] = compute
        for source in inputs:
            self.dependents.setdefault(source, []).append(cell)

    def is_input(self, cell: CellRef) -> bool:
        return cell not in self.formulas

    def apply(self, values: Values, cell: CellRef, value: Decimal) -> Values:
        """``values`` with ``cell`` changed and the formulas that depend on it recomputed."""
        trial = {**values, cell: value}
        for dependent in self.dependents.get(cell, []):
            computed = self.formulas[dependent](trial)  # type: ignore[operator]
            if computed is not None:
                trial[dependent] = computed
        return trial

    def touching(self, cell: CellRef) -> list[Equation]:
        cells = [cell, *self.dependents.get(cell, [])]
        return list({id(e): e for c in cells for e in self.by_cell.get(c, [])}.values())


def _candidate_values(cell: CellRef, failing: list[Equation], values: Values) -> list[Decimal]:
    """Values to try for ``cell``: what each failing equation asks of it, and the steps between.

    Equations may disagree in the 4th decimal (each carries its own rounding), so the figure the
    typist meant can lie between the values they ask for.
    """
    solved = (e.solve_for(cell, values) for e in failing if cell in e.cells)
    asked = [rules.round_half_up(v, rules.SHOWN_DECIMALS) for v in solved if v is not None]
    if not asked:
        return []
    step = rules.ROUNDING_UNIT * 2
    low, high = min(asked), max(asked)
    between = [low + step * i for i in range(int((high - low) / step) + 1)] if high - low <= step * 10 else []
    return list(dict.fromkeys([*asked, *between]))


def _misfit(repaired: tuple[Equation, ...], values: Values) -> Decimal:
    """How far the repaired equations still are from exact (smaller is a likelier figure)."""
    return sum((abs(e.difference(values)) for e in repaired if hasattr(e, "difference")), Decimal(0))


def _best_fix(table: _Table, cell: CellRef, failing: list[Equation], values: Values) -> Correction | None:
    """The value of ``cell`` that repairs the most failing equations and breaks none that hold."""
    holding = [e for e in table.touching(cell) if e.outcome(values) != "error"]
    line, field = table.owners[cell]
    best: tuple[int, Decimal, Correction] | None = None
    for corrected in _candidate_values(cell, failing, values):
        if corrected == values[cell] or corrected < 0:
            continue
        trial = table.apply(values, cell, corrected)
        if any(e.outcome(trial) == "error" for e in holding):
            continue
        repaired = tuple(e for e in failing if e.outcome(trial) != "error")
        score = (len(repaired), -_misfit(repaired, trial))
        if best is None or score > best[:2]:
            best = (*score, Correction(cell, line, field, values[cell], corrected, repaired))
    return best[2] if best else None


def corrections(report: Report) -> tuple[list[Correction], list[Correction], list[list[Equation]]]:
    """Root causes found, ambiguous candidates, and failing groups no single cell explains.

    Repeatedly takes the one input cell whose correction repairs the most failing equations (at
    least two: one equation alone cannot tell which of its cells is wrong), applies it, and looks
    again, so that independent typos are each found even when their equations touch.
    """
    values = cell_values(report)
    equations = [*budget_equations(report, values), *percent_equations(report, values)]
    table = _Table(report, equations, values)
    found: list[Correction] = []
    ambiguous: list[Correction] = []
    while True:
        failing = [e for e in equations if e.outcome(values) == "error"]
        cells = [c for c in dict.fromkeys(c for e in failing for c in e.cells) if table.is_input(c)]
        fixes = [f for c in cells if (f := _best_fix(table, c, failing, values)) is not None]
        fixes = [f for f in fixes if len(f.satisfies) >= 2]
        if not fixes:
            break
        most = max(len(f.satisfies) for f in fixes)
        best = [f for f in fixes if len(f.satisfies) == most]
        if len(best) > 1 and len({frozenset(map(id, f.satisfies)) for f in best}) == 1:
            ambiguous.extend(best)
            break
        found.append(best[0])
        values = table.apply(values, best[0].cell, best[0].corrected)
    unexplained = [g for g in _groups([e for e in equations if e.outcome(values) == "error"]) if len(g) > 1]
    return found, ambiguous, unexplained


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
    found, ambiguous, unexplained = corrections(report)
    for fix in found:
        explains = {"explains_th": _explains(fix.satisfies, "th"), "explains_en": _explains(fix.satisfies, "en")}
        params = {
            "code": fix.line.code,
            "column": COLUMN_LABELS[fix.field],
            "actual": rules.shown(fix.current),
            "fix": fix.corrected,
        }
        yield Hit(
            fix.cell, {**params, **explains}, expected=fix.corrected, actual=rules.shown(fix.current), fix=fix.corrected
        )
    if ambiguous:
        group = ambiguous[0].satisfies
        explains = {"explains_th": _explains(group, "th"), "explains_en": _explains(group, "en")}
        candidates = ", ".join(f"{c.cell.cell} = {c.corrected}" for c in ambiguous)
        yield Hit(ambiguous[0].cell, {"candidates": candidates, **explains}, variant="ambiguous")
    for group in unexplained:
        explains = {"explains_th": _explains(group, "th"), "explains_en": _explains(group, "en")}
        yield Hit(group[0].total, explains, variant="none")
