"""Root cause: the one input cell whose correction satisfies several failing budget equations.

When a typo breaks several equations at once (its row, its parent's column, the grand total),
finance staff see three errors but there is one wrong cell. For every input cell of a failing
equation we try the values the failing equations ask of it; a value counts only if no equation
that held breaks (percentages included, formulas recomputed). A cell is named only when its
correction repairs at least two equations and no other cell repairs as many of the same ones —
otherwise the candidates are listed as ambiguous, never one picked by chance. Corrections are
applied one batch at a time, so independent typos are each found even when their equations touch.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from .. import rules
from ..compute import Equation, PercentEquation, Values, figures_of
from ..findings import Hit, Severity, check
from ..model import BudgetLine, CellRef, Quarter
from .equations import COLUMN_LABELS, describe
from .history import CumulativeBound, cumulative_bounds

#: Values with a trial change laid over them (the table's values are never copied per trial).
Trial = Mapping[CellRef, Decimal]
AnyEquation = Equation | PercentEquation | CumulativeBound


@dataclass(frozen=True)
class Correction:
    cell: CellRef
    line: BudgetLine
    field: str
    current: Decimal
    corrected: Decimal
    satisfies: tuple[AnyEquation, ...]


def _groups(failing: list[AnyEquation]) -> list[list[AnyEquation]]:
    """Failing equations joined when they share a cell (connected components, union-find)."""
    root = list(range(len(failing)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    first: dict[CellRef, int] = {}
    for index, equation in enumerate(failing):
        for cell in equation.cells:
            a, b = find(index), find(first.setdefault(cell, index))
            root[max(a, b)] = min(a, b)
    groups: dict[int, list[AnyEquation]] = {}
    for index, equation in enumerate(failing):
        groups.setdefault(find(index), []).append(equation)
    return list(groups.values())


class _Table:
    """The budget table's cells for the search: equations by line, formula dependencies.

    A cell computed by a formula ((5) or % in the template) is not an input: it is never named as
    a root cause, and a trial correction of an input recomputes it, as Excel would. Equations are
    indexed by the lines holding their cells (cheap integer keys), a cell's own by its line.
    """

    def __init__(self, report: Quarter, equations: list[AnyEquation], values: Values) -> None:
        self.owners: dict[CellRef, tuple[BudgetLine, str]] = {}
        self.by_line: dict[int, list[AnyEquation]] = {}
        for equation in equations:
            for line_id in {id(equation.line), *map(id, getattr(equation, "term_lines", ()))}:
                self.by_line.setdefault(line_id, []).append(equation)
        self.formulas: dict[CellRef, object] = {}
        self.dependents: dict[CellRef, list[CellRef]] = {}
        decimals = report.settings.pct_decimals
        for line in report.budget:
            at = _formula_line_cells(line, values)
            if at is None:
                continue
            terms = [at["paid"], at["carried"], at["reserved"]]
            if "result" in line.formulas:
                self._derive(at["result"], terms, lambda v, a=at: rules.shown(
                    v[a["paid"]] + v[a["carried"]] + v[a["reserved"]]))  # fmt: skip
            if "pct" in line.formulas:  # =G/C, and through a formula (5) its (2), (3), (4)
                inputs = [at["plan"], at["result"], *(terms if "result" in line.formulas else [])]
                self._derive(at["pct"], inputs, lambda v, a=at: rules.spend_pct(v[a["result"]], v[a["plan"]], decimals))

    def learn_owners(self, equations: Iterable[AnyEquation]) -> None:
        """Remember the line and field of every cell of ``equations`` (the cells the search may name)."""
        for equation in equations:
            for cell in equation.cells:
                if cell not in self.owners:
                    self.owners[cell] = _owner(equation, cell)

    def _derive(self, cell: CellRef, inputs: list[CellRef], compute) -> None:
        self.formulas[cell] = compute
        for source in inputs:
            self.dependents.setdefault(source, []).append(cell)

    def is_input(self, cell: CellRef) -> bool:
        return cell not in self.formulas

    def changes(self, values: Trial, cell: CellRef, value: Decimal) -> dict[CellRef, Decimal]:
        """``cell`` set to ``value`` and the formulas that depend on it recomputed (cell → new value)."""
        changed = {cell: value}
        trial = ChainMap(changed, values)  # type: ignore[arg-type]  # read only
        for dependent in self.dependents.get(cell, []):
            computed = self.formulas[dependent](trial)  # type: ignore[operator]
            if computed is not None:
                changed[dependent] = computed
        return changed

    def apply(self, values: Trial, cell: CellRef, value: Decimal) -> Trial:
        """``values`` with ``cell`` changed and its dependent formulas recomputed, without a copy."""
        return ChainMap(self.changes(values, cell, value), values)  # type: ignore[arg-type]

    def touching(self, cell: CellRef) -> list[AnyEquation]:
        """The equations holding ``cell`` or a formula computed from it (all on the cell's line)."""
        cells = {cell, *self.dependents.get(cell, [])}
        line = self.owners[cell][0]
        return [e for e in self.by_line.get(id(line), []) if not cells.isdisjoint(e.cells)]


def _formula_line_cells(line: BudgetLine, values: Values) -> dict[str, CellRef] | None:
    """A line with a formula (5) or %, every figure of it in ``values``: field → cell; else None."""
    if not line.formulas:
        return None
    at = {f: line.at(f) for f in ("plan", "paid", "carried", "reserved", "result", "pct")}
    cells = {f: c for f, c in at.items() if c is not None and c in values}
    return cells if len(cells) == len(at) else None


def _owner(equation: AnyEquation, cell: CellRef) -> tuple[BudgetLine, str]:
    owner = getattr(equation, "owner", None)
    return owner(cell) if owner else (equation.line, equation.field)


#: Past this many failing equations the table is too broken for a single-cell diagnosis to help.
MAX_FAILING = 200
STEP = Decimal("0.0001")


def _candidate_values(cell: CellRef, failing: list[AnyEquation], values: Trial) -> list[Decimal]:
    """Values to try for ``cell``: what each failing equation asks of it, and the steps between.

    Equations may disagree in the 4th decimal (each carries its own rounding), so the figure the
    typist meant can lie between the values they ask for.
    """
    solved = (e.solve_for(cell, values) for e in failing if cell in e.cells)
    asked = [rules.round_half_up(v, rules.SHOWN_DECIMALS) for v in solved if v is not None]
    if not asked:
        return []
    low, high = min(asked), max(asked)
    between = [low + STEP * i for i in range(int((high - low) / STEP) + 1)] if high - low <= STEP * 10 else []
    return list(dict.fromkeys([*asked, *between]))


def _misfit(repaired: tuple[AnyEquation, ...], values: Trial) -> Decimal:
    """How far the repaired sums still are from exact (smaller is a likelier figure)."""
    return sum((abs(e.difference(values)) for e in repaired if isinstance(e, Equation)), Decimal(0))


def _keystrokes_apart(typed: Decimal, meant: Decimal) -> int:
    """Edits (change, insert, delete, swap of neighbours) between two figures written to 4 decimals.

    Among corrections that fit equally well, the one closest to what was typed is the likelier
    typo: 41.8376 was meant as 14.8376 (a swap), not 14.8375.
    """
    a, b = f"{typed:.4f}", f"{meant:.4f}"
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _best_fix(table: _Table, cell: CellRef, failing: list[AnyEquation], values: Trial) -> Correction | None:
    """The value of ``cell`` that repairs the most failing equations and breaks none that hold.

    None when two values of the cell repair different equations equally well: which one the
    typist meant cannot be told. Among values that repair the same equations (they differ only in
    the 4th decimal) the one that fits the sums best, then the one closest to what was typed, wins.
    """
    # a correction keeps every sum that holds, and never goes below last quarter's figure (its bound)
    holding = [e for e in table.touching(cell) if e.outcome(values) != "error" or isinstance(e, CumulativeBound)]
    line, field = table.owners[cell]
    by_repairs: dict[frozenset[int], tuple[tuple, Correction]] = {}
    for corrected in _candidate_values(cell, failing, values):
        if corrected == values[cell] or corrected < 0:
            continue
        trial = table.apply(values, cell, corrected)
        if any(e.outcome(trial) == "error" for e in holding):
            continue
        repaired = tuple(e for e in failing if e.outcome(trial) != "error")
        key = frozenset(map(id, repaired))
        fit = (-_misfit(repaired, trial), -_keystrokes_apart(values[cell], corrected))
        if key and (key not in by_repairs or fit > by_repairs[key][0]):
            by_repairs[key] = (fit, Correction(cell, line, field, values[cell], corrected, repaired))
    if not by_repairs:
        return None
    most = max(len(key) for key in by_repairs)
    best = [fix for key, (_, fix) in by_repairs.items() if len(key) == most]
    return best[0] if len(best) == 1 else None


@dataclass
class Search:
    found: list[Correction]
    ambiguous: list[list[Correction]]
    unexplained: list[list[AnyEquation]]
    skipped: int = 0  # failing equations, when there were too many to search


def _repairs(fix: Correction) -> set[int]:
    return {id(e) for e in fix.satisfies}


def _rivals(fix: Correction, fixes: list[Correction]) -> list[Correction]:
    """Other cells that repair as many equations, some of them the same: the data cannot choose."""
    mine = _repairs(fix)
    return [f for f in fixes if f is not fix and len(f.satisfies) >= len(fix.satisfies) and mine & _repairs(f)]


def corrections(report: Quarter) -> Search:
    """The single-cell corrections that explain the failing budget equations.

    The equations are ``compute.figures_of``'s: every sum and % of the lines whose codes are
    proper (a malformed code's line, and the sums it may belong to, are left out).
    """
    figures = figures_of(report)
    search = Search([], [], [])
    # last quarter's paid and carried bound this quarter's (a correction must respect them, may repair them)
    bounds = cumulative_bounds(report, figures.values)
    broken_bounds = [b for b in bounds if b.outcome(figures.values) == "error"]
    if not figures.failing and not broken_bounds:
        return search
    equations = [*figures.equations, *bounds]
    values = dict(figures.values)  # corrections found are applied to this copy
    table = _Table(report, equations, values)
    broken = {id(e) for e in (*figures.failing, *broken_bounds)}
    excluded: set[int] = set()  # equations of an ambiguous group: not searched again
    while True:
        failing = [e for e in equations if id(e) in broken and id(e) not in excluded]
        if len(failing) > MAX_FAILING:
            search.skipped = len(failing)
            return search
        table.learn_owners(failing)
        cells = [c for c in dict.fromkeys(c for e in failing for c in e.cells) if table.is_input(c)]
        fixes = [f for c in cells if (f := _best_fix(table, c, failing, values)) is not None]
        fixes = sorted((f for f in fixes if len(f.satisfies) >= 2), key=lambda f: -len(f.satisfies))
        if not fixes:
            break
        used: set[int] = set()
        for fix in fixes:
            touched = _repairs(fix) | {id(e) for e in table.touching(fix.cell)}
            if _rivals(fix, fixes) or touched & used:
                continue
            search.found.append(fix)
            values.update(table.changes(values, fix.cell, fix.corrected))
            for equation in table.touching(fix.cell):
                (broken.add if equation.outcome(values) == "error" else broken.discard)(id(equation))
            used |= touched
        if not used:  # every strong candidate has a rival: say so, and look at the rest
            group = [fixes[0], *_rivals(fixes[0], fixes)]
            search.ambiguous.append(group)
            excluded |= {i for f in group for i in _repairs(f)}
    still = [e for e in equations if id(e) in broken and id(e) not in excluded]
    search.unexplained = [g for g in _groups(still) if len(g) > 1]
    return search


def _explains(equations: Iterable[AnyEquation], lang: str) -> str:
    described = (e.describe(lang) if isinstance(e, CumulativeBound) else describe(e, lang) for e in equations)
    parts = list(dict.fromkeys(described))
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
        "ไม่พบเซลล์เดียวที่แก้แล้วทำให้ {explains_th} ถูกต้องพร้อมกันโดยไม่ทำให้ส่วนอื่นผิด — น่าจะมีมากกว่าหนึ่งเซลล์ที่ผิด",
        "no single cell corrects {explains_en} together without breaking another figure; more than one cell is "
        "probably wrong",
    ),
    skipped=(
        Severity.INFO,
        "ตารางงบประมาณมีสมการที่ไม่ลงตัว {count} รายการ มากเกินกว่าจะหาต้นเหตุทีละเซลล์ได้ — แก้ข้อผิดพลาดที่เห็นก่อนแล้วตรวจใหม่",
        "the budget table has {count} failing sums, too many to trace to single cells; fix the errors shown and "
        "check again",
    ),
)
def root_cause(report: Quarter) -> Iterable[Hit]:
    search = corrections(report)
    for fix in search.found:
        explains = {"explains_th": _explains(fix.satisfies, "th"), "explains_en": _explains(fix.satisfies, "en")}
        params = {"code": fix.line.code, "column": COLUMN_LABELS[fix.field], "fix": fix.corrected}
        current = rules.shown(fix.current)
        yield Hit(
            fix.cell,
            {**params, "actual": current, **explains},
            expected=fix.corrected,
            actual=current,
            fix=fix.corrected,
        )
    for rivals in search.ambiguous:
        equations = list({id(e): e for f in rivals for e in f.satisfies}.values())
        explains = {"explains_th": _explains(equations, "th"), "explains_en": _explains(equations, "en")}
        candidates = ", ".join(f"{c.cell.cell} = {c.corrected}" for c in rivals)
        yield Hit(rivals[0].cell, {"candidates": candidates, **explains}, variant="ambiguous")
    for group in search.unexplained:
        explains = {"explains_th": _explains(group, "th"), "explains_en": _explains(group, "en")}
        yield Hit(group[0].total, explains, variant="none")
    if search.skipped:
        anchor = report.budget[0].at("code") if report.budget else None
        yield Hit(anchor, {"count": search.skipped}, variant="skipped")
