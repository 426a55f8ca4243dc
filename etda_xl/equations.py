"""The evidence: every equation a typed figure enters, the one list the checks judge and the root
cause reasons over.

An equation compares a figure with what other figures say it should be: a line's (5) with its
(2)+(3)+(4), a parent line's column with its sub-lines', the grand total with the top-level lines, a
typed % with the % the report prints, a footnote's subtotal and %, a project's finance %, the total
row's, and last quarter's cumulative paid and carried as a floor. Each knows

- its check code and its *anchor*, the cell its finding stands at;
- the input cells its outcome depends on (typed cells: a cell computed by a formula is recomputed,
  never an input);
- how to evaluate itself over a ``View``: the figures as they are, or with one cell changed;
- what value one of its cells would need for it to hold (``guesses``), for the root cause to try.

Every figure an equation reads is the one the report prints (``compute``): a line's printed (5), the
lines' (5) and (1) taken together, so a check can never pass a figure the report gets wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from . import rules
from .decimals import round_half_up
from .model import ROW_TERMS, BudgetLine, CellRef, Located

if TYPE_CHECKING:
    from .compute import LineFigures


class View(Protocol):
    """The figures an equation is evaluated over."""

    decimals: int

    def value(self, cell: CellRef) -> Decimal | None:
        """A typed cell's figure as shown (a formula cell: what it holds, recalculated in a trial)."""

    def line(self, line: BudgetLine) -> LineFigures:
        """A line's figures: typed, recomputed and printed (5), its % (``compute.line_figures``)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    outcome: str  # "exact", "rounding" or "error"
    expected: Decimal | None
    actual: Decimal | None


EXACT = "exact"
ERROR = "error"


class Inputs:
    """The cells that hold a typed figure, and each line's inputs, worked out once per quarter (a
    line's printed (5) is read by its row, its %, its parent's sum, footnotes and projects)."""

    def __init__(self, values: dict[CellRef, Decimal]) -> None:
        self.values = values
        self._printed: dict[int, tuple[CellRef, ...]] = {}

    def __contains__(self, cell: object) -> bool:
        return cell in self.values

    def printed(self, line: BudgetLine) -> tuple[CellRef, ...]:
        """The typed cells a line's printed (5) depends on: (2), (3), (4), and (5) unless a formula fills it."""
        found = self._printed.get(id(line))
        if found is None:
            fields = (*ROW_TERMS, "result") if "result" not in line.formulas else ROW_TERMS
            cells = line.cells
            found = self._printed[id(line)] = tuple(c for f in fields if (c := cells.get(f)) in self.values)  # type: ignore[misc]
        return found

    def percent(self, line: BudgetLine) -> tuple[CellRef, ...]:
        """The typed cells a line's printed % depends on: its (1) and its printed (5)'s."""
        plan = line.cells.get("plan")
        own = (plan,) if plan in self.values and "plan" not in line.formulas else ()
        return own + self.printed(line)  # type: ignore[operator]


@dataclass(eq=False, slots=True)
class Equation:
    """An equation over the cells of the input tables (compared by identity)."""

    code: str
    anchor: CellRef
    subject: Located  # the row the finding is about (a budget line, a footnote, a project)
    cells: tuple[CellRef, ...]
    #: A bound (last quarter's floor, a range) holds after any correction of its cell, broken or not:
    #: a value outside it is no correction.
    bound = False

    def evaluate(self, view: View) -> Outcome:
        raise NotImplementedError

    def outcome(self, view: View) -> str:
        return self.evaluate(view).outcome

    def guesses(self, cell: CellRef, view: View) -> list[Decimal]:
        """Values of ``cell`` under which this equation would hold (none: it cannot say)."""
        return []


# --- (5) = (2)+(3)+(4) -----------------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class RowSum(Equation):
    """A line's typed (5) against its (2)+(3)+(4), as shown (``LineFigures.result_outcome``)."""

    line: BudgetLine

    def evaluate(self, view: View) -> Outcome:
        figures = view.line(self.line)
        return Outcome(figures.result_outcome or EXACT, figures.computed_result, figures.typed_result)

    def guesses(self, cell: CellRef, view: View) -> list[Decimal]:
        figures = view.line(self.line)
        typed, computed, current = figures.typed_result, figures.computed_result, view.value(cell)
        if typed is None or computed is None or current is None:
            return []
        if cell == self.line.at("result"):
            return [computed]
        return [current + (typed - computed)]


# --- sums: a column, the grand total, a footnote's subtotal -----------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    """One side of a sum: a typed cell's figure, or a line's printed (5)."""

    cell: CellRef | None = None
    line: BudgetLine | None = None

    def value(self, view: View) -> Decimal | None:
        return view.value(self.cell) if self.cell is not None else view.line(self.line).printed_result  # type: ignore[arg-type]

    def inputs(self, present: Inputs) -> tuple[CellRef, ...]:
        if self.cell is not None:
            return (self.cell,) if self.cell in present else ()
        return present.printed(self.line)  # type: ignore[arg-type]


@dataclass(eq=False, slots=True)
class Sum(Equation):
    """``total`` should equal the sum of ``terms``, decided on shown figures: n terms may honestly miss
    by n × 0.00005 (``rules.sum_difference_kind``)."""

    total: Term
    terms: tuple[Term, ...]
    kind: str = "column"  # "column" (a parent line), "grand" (the grand total), "footnote"
    field_name: str = ""  # the budget column: "plan" … "result"

    def values(self, view: View) -> tuple[Decimal | None, Decimal | None]:
        """The total and the terms' sum; a view that keeps sums (the root cause's trials) gives the sum."""
        keeping = getattr(view, "terms_sum", None)
        return self.total.value(view), keeping(self) if keeping is not None else self.terms_sum(view)

    def terms_sum(self, view: View) -> Decimal | None:
        """The terms added up; None when one is blank."""
        parts = [t.value(view) for t in self.terms]
        known = [p for p in parts if p is not None]
        return sum(known, Decimal(0)) if len(known) == len(parts) else None

    def evaluate(self, view: View) -> Outcome:
        total, expected = self.values(view)
        if total is None or expected is None:
            return Outcome(EXACT, expected, total)
        return Outcome(rules.sum_difference_kind(total - expected, len(self.terms)), expected, total)

    def guesses(self, cell: CellRef, view: View) -> list[Decimal]:
        total, expected, current = *self.values(view), view.value(cell)
        if total is None or expected is None or current is None:
            return []
        gap = total - expected
        if cell in self.total.inputs(Inputs({cell: current})):
            return [current - gap]
        return [current + gap] if cell in self.cells else []


def sum_equation(code: str, kind: str, anchor: CellRef, subject: Located, total: Term, terms: Sequence[Term],
                 present: Inputs, field_name: str = "") -> Sum:  # fmt: skip
    cells = tuple(dict.fromkeys(c for t in (total, *terms) for c in t.inputs(present)))
    return Sum(code, anchor, subject, cells, total=total, terms=tuple(terms), kind=kind, field_name=field_name)


# --- a typed % against the % the report prints --------------------------------------------------------


@dataclass(eq=False, slots=True)
class Derived(Equation):
    """A figure worked out exactly from others (a percentage, a weighted total): it is that, or an error."""

    def expected(self, view: View) -> Decimal | None:
        raise NotImplementedError

    def evaluate(self, view: View) -> Outcome:
        expected, actual = self.expected(view), view.value(self.anchor)
        if expected is None or actual is None or expected == actual:
            return Outcome(EXACT, expected, actual)
        return Outcome(ERROR, expected, actual)


@dataclass(eq=False, slots=True)
class Percent(Derived):
    """A typed % against ROUND(printed (5) / (1)) of ``lines`` taken together (``compute.together``): a
    line's %, a footnote's, a project's finance %, the total row's."""

    lines: tuple[BudgetLine, ...]

    def expected(self, view: View) -> Decimal | None:
        if len(self.lines) == 1:  # one line's %: the one it prints (``together`` of one line)
            return view.line(self.lines[0]).printed_pct
        from .compute import together

        return together([view.line(line) for line in self.lines], view.decimals).pct

    def guesses(self, cell: CellRef, view: View) -> list[Decimal]:
        if cell != self.anchor:
            return []  # a % cannot be solved for a (1) or a (5): it can only confirm them
        expected = self.expected(view)
        return [] if expected is None else [expected]


def percent_equation(
    code: str, anchor: CellRef, subject: Located, lines: Sequence[BudgetLine], present: Inputs
) -> Percent:
    inputs = (c for line in lines for c in present.percent(line))
    cells = tuple(dict.fromkeys([anchor, *inputs]))
    return Percent(code, anchor, subject, cells, lines=tuple(lines))


# --- the total row's progress: the projects' %, weighted by their budget plan ------------------------------


@dataclass(eq=False, slots=True)
class Weighted(Derived):
    """The total row's operations plan, operations result or finance plan against the projects', weighted
    by their lines' plan (1) (``rules.weighted_pct``: the plain mean where a weight is missing)."""

    field_name: str
    projects: tuple[tuple[CellRef | None, tuple[BudgetLine, ...]], ...]  # each project's cell and budget lines

    def _parts(self, view: View) -> tuple[list[Decimal | None], list[Decimal | None]]:
        from .compute import together

        values = [view.value(cell) if cell is not None else None for cell, _ in self.projects]
        weights = [together([view.line(line) for line in lines], view.decimals).plan for _, lines in self.projects]
        return values, weights

    def expected(self, view: View) -> Decimal | None:
        return rules.weighted_pct(*self._parts(view), view.decimals)

    def guesses(self, cell: CellRef, view: View) -> list[Decimal]:
        """The total's figure; or the one project's that would make the weighted figure the typed total."""
        if cell == self.anchor:
            expected = self.expected(view)
            return [] if expected is None else [expected]
        values, weights = self._parts(view)
        total = view.value(self.anchor)
        index = next((i for i, (c, _) in enumerate(self.projects) if c == cell), None)
        if index is None or total is None or any(v is None for v in values):
            return []
        if any(w is None for w in weights) or not sum(w for w in weights if w is not None):
            weights = [Decimal(1)] * len(values)
        weight = weights[index]
        if not weight:
            return []
        others = sum((v * w for i, (v, w) in enumerate(zip(values, weights, strict=True)) if i != index), Decimal(0))  # type: ignore[operator]
        solved = (total * sum(weights) - others) / weight  # type: ignore[arg-type,operator]
        return [round_half_up(solved, view.decimals)]


# --- last quarter's cumulative figures as a floor ------------------------------------------------------


@dataclass(eq=False, slots=True)
class Floor(Equation):
    """Last quarter's paid (2) or carried (3) as the least this quarter's cell may hold: a correction
    may repair it (a figure typed below last quarter's) and must never break it."""

    floor: Decimal
    field_name: str
    period: tuple[int, int]
    past: Located | None = None  # last quarter's history row
    bound = True

    @property
    def witness(self) -> CellRef | None:
        """Where last quarter's figure stands in the history (None: a separate book's)."""
        return None if self.past is None else self.past.at(self.field_name)

    def evaluate(self, view: View) -> Outcome:
        value = view.value(self.anchor)
        failed = value is not None and value < self.floor
        return Outcome(ERROR if failed else EXACT, self.floor, value)


@dataclass(eq=False, slots=True)
class Within(Equation):
    """A figure within its range (a project's progress: 0-100%): a correction may repair it and must not
    break it, but the range asks for no particular figure."""

    low: Decimal
    high: Decimal
    bound = True

    def evaluate(self, view: View) -> Outcome:
        value = view.value(self.anchor)
        failed = value is not None and not self.low <= value <= self.high
        return Outcome(ERROR if failed else EXACT, None, value)
