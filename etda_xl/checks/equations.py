"""The budget table as a set of equations over its cells.

Row: (5) = (2)+(3)+(4). Column: a parent line equals the sum of its children, in every amount
column. Grand total: รวมทั้งสิ้น equals the sum of the top-level lines. The budget checks report
the equations that fail; the root-cause search changes one cell at a time and re-evaluates them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .. import rules
from ..model import BudgetLine, CellRef, Quarter

AMOUNT_FIELDS = ("plan", "paid", "carried", "reserved", "result")
COLUMN_LABELS = {"plan": "(1)", "paid": "(2)", "carried": "(3)", "reserved": "(4)", "result": "(5)", "pct": "%"}

Values = dict[CellRef, Decimal]


@dataclass(frozen=True)
class Equation:
    """``total`` should equal the sum of ``terms`` (cells of the budget table)."""

    kind: str  # "row", "column" or "grand"
    line: BudgetLine  # the line whose cell holds the total
    field: str
    total: CellRef
    terms: tuple[CellRef, ...]

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return (self.total, *self.terms)

    def terms_sum(self, values: Values) -> Decimal:
        return sum((values[c] for c in self.terms), Decimal(0))

    def difference(self, values: Values) -> Decimal:
        """Shown total minus the sum of the shown terms."""
        return values[self.total] - self.terms_sum(values)

    def outcome(self, values: Values) -> str:
        return rules.sum_difference_kind(self.difference(values), len(self.terms))

    def solve_for(self, cell: CellRef, values: Values) -> Decimal:
        """The value ``cell`` must hold for this equation to hold exactly."""
        gap = self.difference(values)
        return values[cell] - gap if cell == self.total else values[cell] + gap

    def describe(self, lang: str) -> str:
        column = COLUMN_LABELS[self.field]
        if self.kind == "row":
            return (
                f"แถว {self.line.code} ((5)=(2)+(3)+(4))" if lang == "th" else f"row {self.line.code} ((5)=(2)+(3)+(4))"
            )
        if self.kind == "column":
            return (
                f"คอลัมน์ {column} ของรายการ {self.line.code} (ผลรวมรายการย่อย)"
                if lang == "th"
                else f"column {column} of line {self.line.code} (sum of its sub-lines)"
            )
        return f"ยอดรวมทั้งสิ้น คอลัมน์ {column}" if lang == "th" else f"the grand total, column {column}"


@dataclass(frozen=True)
class PercentEquation:
    """% = (5)/(1) rounded half-up, as the line shows it. Not linear: it can confirm a correction
    of (1) or (5) (or be corrected itself), never be solved for (1) or (5)."""

    line: BudgetLine
    total: CellRef  # the % cell
    result: CellRef
    plan: CellRef
    decimals: int
    kind: str = "pct"
    field: str = "pct"

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return (self.total, self.result, self.plan)

    def expected(self, values: Values) -> Decimal | None:
        return rules.spend_pct(values[self.result], values[self.plan], self.decimals)

    def outcome(self, values: Values) -> str:
        return "exact" if self.expected(values) in (None, values[self.total]) else "error"

    def solve_for(self, cell: CellRef, values: Values) -> Decimal | None:
        return self.expected(values) if cell == self.total else None

    def describe(self, lang: str) -> str:
        return f"% ของรายการ {self.line.code}" if lang == "th" else f"the % of line {self.line.code}"


def cell_values(report: Quarter) -> Values:
    """Every typed amount of the budget table, keyed by its cell."""
    values: Values = {}
    for line in report.budget:
        for field in (*AMOUNT_FIELDS, "pct"):
            value, where = getattr(line, field), line.at(field)
            if value is not None and where is not None:
                values[where] = value
    return values


def _equation(kind: str, line: BudgetLine, field: str, parts: list[BudgetLine], values: Values):
    total = line.at(field)
    terms = tuple(p.at(field) for p in parts)
    if total is None or total not in values or not terms or any(t is None or t not in values for t in terms):
        return None
    return Equation(kind, line, field, total, terms)  # type: ignore[arg-type]


def _row_equation(line: BudgetLine, values: Values) -> Equation | None:
    total = line.at("result")
    terms = tuple(line.at(f) for f in ("paid", "carried", "reserved"))
    if total is None or total not in values or any(t is None or t not in values for t in terms):
        return None
    return Equation("row", line, "result", total, terms)  # type: ignore[arg-type]


def budget_equations(report: Quarter, values: Values | None = None) -> list[Equation]:
    values = cell_values(report) if values is None else values
    lines = report.budget_lines
    children: dict[str, list[BudgetLine]] = {}
    for line in lines:
        if line.parent_code is not None:
            children.setdefault(line.parent_code, []).append(line)
    counts: dict[str, int] = {}
    for line in lines:
        counts[line.code] = counts.get(line.code, 0) + 1
    top = [line for line in lines if line.parent_code is None]
    equations: list[Equation | None] = []
    for line in report.budget:
        equations.append(_row_equation(line, values))
        parts = top if line.is_total else children.get(line.code, []) if counts.get(line.code) == 1 else []
        if parts:
            kind = "grand" if line.is_total else "column"
            equations.extend(_equation(kind, line, field, parts, values) for field in AMOUNT_FIELDS)
    return [e for e in equations if e is not None]


def percent_equations(report: Quarter, values: Values) -> list[PercentEquation]:
    equations = []
    for line in report.budget:
        cells = (line.at("pct"), line.at("result"), line.at("plan"))
        if all(c is not None and c in values for c in cells):
            equations.append(PercentEquation(line, *cells, report.settings.pct_decimals))  # type: ignore[arg-type]
    return equations
