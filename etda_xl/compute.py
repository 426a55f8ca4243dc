"""Every derived figure of a quarter, computed once, in one place: ``figures_of(quarter)``.

For every budget line: the typed (5), (2)+(3)+(4), the (5) the report prints and the % it prints
(which is the % every check expects). For every aggregate: the sums of the budget table (a row, a
parent line's column, the grand total), the footnotes, each project, the summary's total row. The
checks, the root cause and the report consume these figures and recompute nothing, so a check can
never expect a figure the report does not print.

Decisions, each made here once:

- **On the figures as shown.** Amounts are shown to 4 decimals (``rules.shown``); every sum is
  decided on shown figures (``rules.sum_difference_kind``): paid 1.00015 shows 1.0002, so a typed
  (5) of 1.0000 is 0.0002 off, beyond the rounding of 3 figures (0.00015).
- **The (5) the report prints.** The typed (5) when it agrees with (2)+(3)+(4) within rounding (the
  source's own figure, on which the footnotes rest: 1.3.4 prints 52.8525, not 52.8526), the
  recomputed one beyond rounding (line 1 prints 421.9499, not the circulated 421.9488), the
  recomputed one when (5) is blank.
- **The %.** ROUND(printed (5) / printed (1)), half up (``rules.spend_pct``): the line, a
  footnote (1.2.2-1.3.4 = 226.5563, 84%; 1.3.4+1.3.5 = 57.5575, 62%), a project, the total row.
- **Counted once.** A line in a total counts once, however many projects or list entries name it,
  and a line inside another counted line (1.3.4 inside 1.3) is not counted again.
- **A malformed code** ("1,1") has no place in the hierarchy: its line is in no parent's sum, and
  the sums it may belong to (the line above it, that line's parents, the grand total) are not
  judged until the code is corrected.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from . import rules
from .model import BudgetLine, CellRef, Footnote, Kpi, Project, Quarter, Settings, code_key

_CODE = re.compile(r"^[0-9]+(\.[0-9]+)*$")

#: The amount columns of the budget table, (1) to (5).
AMOUNT_FIELDS = ("plan", "paid", "carried", "reserved", "result")
#: (2)+(3)+(4) = (5).
ROW_TERMS = ("paid", "carried", "reserved")

# --- budget codes and footnote line sets -----------------------------------------------------------


def is_budget_code(text: str) -> bool:
    return bool(_CODE.match(text))


def parse_line_set(spec: str) -> tuple[list[str], str | None]:
    """``"1.2.2-1.3.4"`` → (["1.2.2", "1.3.4"], "range"); ``"1.3.4+1.3.5"`` → (codes, "list").

    Returns ([], None) when the text is neither, or a range runs backwards.
    """
    text = spec.replace(" ", "").replace("–", "-").replace("—", "-")
    if "-" in text:
        parts = text.split("-")
        if len(parts) == 2 and all(is_budget_code(p) for p in parts) and code_key(parts[0]) <= code_key(parts[1]):
            return parts, "range"
        return [], None
    parts = [p for p in re.split(r"[+,]", text) if p]
    if parts and all(is_budget_code(p) for p in parts):
        return parts, "list"
    return [], None


def _ancestors(code: str) -> list[str]:
    """``"1.2.2"`` → ["1.2", "1"]."""
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


# --- the shared arithmetic: shown figures, the printed (5), the % ------------------------------------



def shown_sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of the figures as shown (4 decimals); None when one is missing."""
    return _sum([rules.shown_if_any(v) for v in values])


def line_result(line: BudgetLine) -> Decimal | None:
    """(2)+(3)+(4) of the figures as shown; None when one of them is blank."""
    return shown_sum(getattr(line, f) for f in ROW_TERMS)


def printed_result(typed: Decimal | None, computed: Decimal | None) -> tuple[Decimal | None, str, str | None]:
    """The (5) the report prints, where it comes from and how the typed (5) compares with (2)+(3)+(4).

    ``typed`` and ``computed`` are shown figures. Returns (printed, source, outcome): source is
    "typed", "computed" or "missing"; outcome is ``rules.sum_difference_kind`` of the two (None
    when one is blank). The typed (5) within rounding, else the recomputed one.
    """
    if computed is None:
        return typed, "typed" if typed is not None else "missing", None
    if typed is None:
        return computed, "computed", None
    outcome = rules.sum_difference_kind(typed - computed, len(ROW_TERMS))
    return (computed, "computed", outcome) if outcome == "error" else (typed, "typed", outcome)


def printed_pct(result: Decimal | None, plan: Decimal | None, decimals: int) -> Decimal | None:
    """ROUND((5) / (1)) of printed figures; None without a plan (no plan) or a figure."""
    if result is None or plan is None:
        return None
    return rules.spend_pct(result, plan, decimals)


# --- the budget table as equations over its cells ------------------------------------------------

#: A cell's figure as shown, keyed by the cell: what the sums and the root cause work on.
Values = dict[CellRef, Decimal]


def shown_figures(line: BudgetLine) -> dict[str, Decimal]:
    """A line's typed figures as shown (field → value; amounts to 4 decimals, the % as read)."""
    shown = {f: rules.shown(v) for f in AMOUNT_FIELDS if (v := getattr(line, f)) is not None}
    return shown if line.pct is None else {**shown, "pct": line.pct}


def _cell_values(lines: Iterable[tuple[BudgetLine, dict[str, Decimal]]]) -> Values:
    """Every typed figure of the budget table as shown, keyed by its cell."""
    return {where: value for line, shown in lines for f, value in shown.items() if (where := line.cells.get(f))}


@dataclass(frozen=True, eq=False)
class Equation:
    """``total`` should equal the sum of ``terms`` (cells of the budget table), decided on shown figures."""

    kind: str  # "row" ((5)=(2)+(3)+(4)), "column" (a parent line) or "grand" (the grand total)
    line: BudgetLine  # the line whose cell holds the total
    field: str
    total: CellRef
    terms: tuple[CellRef, ...]
    term_lines: tuple[BudgetLine, ...] = ()  # the line holding each term

    def owner(self, cell: CellRef) -> tuple[BudgetLine, str]:
        """The line and field of one of its cells."""
        if cell == self.total:
            return self.line, self.field
        index = self.terms.index(cell)
        return self.term_lines[index], ROW_TERMS[index] if self.kind == "row" else self.field

    @property
    def cells(self) -> tuple[CellRef, ...]:
        return (self.total, *self.terms)

    def terms_sum(self, values: Mapping[CellRef, Decimal]) -> Decimal:
        return sum((values[c] for c in self.terms), Decimal(0))

    def difference(self, values: Mapping[CellRef, Decimal]) -> Decimal:
        """Shown total minus the sum of the shown terms."""
        return values[self.total] - self.terms_sum(values)

    def outcome(self, values: Mapping[CellRef, Decimal]) -> str:
        return rules.sum_difference_kind(self.difference(values), len(self.terms))

    def solve_for(self, cell: CellRef, values: Mapping[CellRef, Decimal]) -> Decimal:
        """The value ``cell`` must hold for this equation to hold exactly."""
        gap = self.difference(values)
        return values[cell] - gap if cell == self.total else values[cell] + gap


@dataclass(frozen=True, eq=False)
class PercentEquation:
    """% = ROUND(typed (5) / (1)): the line's own cells agreeing with each other.

    For the root cause only, as evidence about (1), (5) and the % cell, independent of the row's
    (2)+(3)+(4) (the % the report prints and BUDGET_PCT expects is ``LineFigures.printed_pct``,
    which follows (2)+(3)+(4) when the typed (5) is off). Not linear: it can confirm a correction
    of (1) or (5) (or be corrected itself), never be solved for them.
    """

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

    @property
    def term_lines(self) -> tuple[BudgetLine, ...]:
        return ()

    def owner(self, cell: CellRef) -> tuple[BudgetLine, str]:
        return self.line, ("pct", "result", "plan")[self.cells.index(cell)]

    def expected(self, values: Mapping[CellRef, Decimal]) -> Decimal | None:
        return printed_pct(values[self.result], values[self.plan], self.decimals)

    def outcome(self, values: Mapping[CellRef, Decimal]) -> str:
        return "exact" if self.expected(values) in (None, values[self.total]) else "error"

    def solve_for(self, cell: CellRef, values: Mapping[CellRef, Decimal]) -> Decimal | None:
        return self.expected(values) if cell == self.total else None


def _equation(kind: str, line: BudgetLine, field: str, parts: Sequence[BudgetLine], values: Values):
    total = line.at(field)
    terms = tuple(p.at(field) for p in parts)
    if total is None or total not in values or not terms or any(t is None or t not in values for t in terms):
        return None
    return Equation(kind, line, field, total, terms, tuple(parts))  # type: ignore[arg-type]


def _row_equation(line: BudgetLine, values: Values) -> Equation | None:
    total, terms = line.at("result"), tuple(line.at(f) for f in ROW_TERMS)
    if total is None or total not in values or any(t is None or t not in values for t in terms):
        return None
    return Equation("row", line, "result", total, terms, (line,) * len(terms))  # type: ignore[arg-type]


def _percent_equation(line: BudgetLine, values: Values, decimals: int) -> PercentEquation | None:
    cells = (line.at("pct"), line.at("result"), line.at("plan"))
    if any(c is None or c not in values for c in cells):
        return None
    return PercentEquation(line, *cells, decimals)  # type: ignore[arg-type]


# --- figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SumFigures:
    """A sum of the budget table evaluated on the figures as shown: expected (the terms' sum), actual."""

    equation: Equation
    expected: Decimal
    actual: Decimal
    outcome: str  # "exact", "rounding" or "error"

    @property
    def difference(self) -> Decimal:
        return self.actual - self.expected


@dataclass(frozen=True, slots=True)
class LineFigures:
    """One budget line (or the grand total): its (5) typed, recomputed and printed, and its %."""

    line: BudgetLine
    plan: Decimal | None  # (1) as shown
    typed_result: Decimal | None  # (5) as typed, shown
    computed_result: Decimal | None  # (2)+(3)+(4) of the shown figures
    result_outcome: str | None  # typed vs computed (5): "exact", "rounding", "error"; None if one is blank
    printed_result: Decimal | None  # the (5) the report prints
    result_source: str  # "typed", "computed" or "missing"
    printed_pct: Decimal | None  # ROUND(printed (5) / (1)): what the report prints and the checks expect
    has_children: bool
    #: What the cells' own formulas compute in Excel (=D+E+F unrounded; =G/C from the (5) in the
    #: cell): the only figures a stale formula is compared with.
    formula_result: Decimal | None
    formula_pct: Decimal | None

    @property
    def code(self) -> str:
        return self.line.code


@dataclass(frozen=True, slots=True)
class FootnoteFigures:
    note: Footnote
    kind: str | None  # "range", "list" or None (unreadable)
    members: tuple[LineFigures, ...]  # the lines it adds up, each once
    missing: tuple[str, ...]  # codes it names that are not in the budget table
    result: Decimal | None  # the members' printed (5) together
    plan: Decimal | None
    pct: Decimal | None
    #: The typed subtotal against ``result`` (``rules.sum_difference_kind``); None when one is blank.
    amount_outcome: str | None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(m.code for m in self.members)


@dataclass(frozen=True, slots=True)
class ProjectFigures:
    project: Project
    lines: tuple[LineFigures, ...]  # its budget lines, each once
    missing: tuple[str, ...]  # codes it names that are not in the budget table
    plan: Decimal | None  # (1) of its lines together: its weight in the total row
    result: Decimal | None  # printed (5) of its lines together
    pct: Decimal | None  # its finance result %; None when unlinked or a line is missing
    status: rules.Status | None
    kpis: tuple[tuple[Kpi, KpiAssessment], ...]  # its rows of the KPI table, assessed

    @property
    def kpi_count(self) -> int:
        return len(self.kpis)


@dataclass(frozen=True, slots=True)
class TotalFigures:
    """The summary's total row."""

    lines: tuple[LineFigures, ...]  # every project's lines, each once
    result: Decimal | None
    plan: Decimal | None
    fin_result: Decimal | None  # None while a project is unlinked or names a missing line
    footnote: FootnoteFigures | None  # the footnote that is this same figure (same lines), if any
    ops_plan: Decimal | None
    ops_result: Decimal | None
    fin_plan: Decimal | None
    kpi_count: int
    kpi_done: int | None


@dataclass(frozen=True, slots=True)
class MalformedCode:
    """A budget line whose code is not 1, 1.2, …: the lines whose sums it may belong to (the line
    above it and that line's parents) are not judged, nor is the grand total."""

    line: BudgetLine
    unjudged: tuple[str, ...]


@dataclass(frozen=True)
class QuarterFigures:
    quarter: Quarter
    lines: tuple[LineFigures, ...]  # budget order, grand total included
    #: Parent lines' and the grand total's columns (a row's sum is its LineFigures' result_outcome).
    sums: tuple[SumFigures, ...]
    footnotes: tuple[FootnoteFigures, ...]
    projects: tuple[ProjectFigures, ...]
    total: TotalFigures
    malformed: tuple[MalformedCode, ...]
    values: Values  # the budget table's cells as shown, for the root cause
    #: Every sum, and every line's % against its typed (5) (the root cause's evidence); a line with
    #: a malformed code is in none of them.
    equations: tuple[Equation | PercentEquation, ...]
    failing: tuple[Equation | PercentEquation, ...]  # those that fail on the figures as they are
    _by_line: dict[int, LineFigures]
    _by_code: dict[str, LineFigures]
    _by_project: dict[int, ProjectFigures]

    def of(self, line: BudgetLine) -> LineFigures:
        return self._by_line[id(line)]

    def line(self, code: str) -> LineFigures | None:
        """The first budget line with ``code`` (the grand total excluded)."""
        return self._by_code.get(code)

    def project(self, project: Project) -> ProjectFigures:
        return self._by_project[id(project)]


def figures_of(quarter: Quarter) -> QuarterFigures:
    """The quarter's figures, built once per Quarter object (a Quarter is not changed once read)."""
    key = id(quarter)
    cached = _CACHE.get(key)
    if cached is not None and cached[0]() is quarter:
        return cached[1]
    figures = _build(quarter)
    # the entry goes with its Quarter (before its id can be reused)
    _CACHE[key] = (weakref.ref(quarter, partial(_drop, key)), figures)
    return figures


#: id(quarter) → (a weak reference to it, its figures).
_CACHE: dict[int, tuple[weakref.ref, QuarterFigures]] = {}
_drop = partial(_CACHE.pop)  # bound to the dict itself: still callable while the interpreter shuts down


# --- building ---------------------------------------------------------------------------------------


@dataclass
class _Hierarchy:
    """Which line adds up into which, by code, indexed once."""

    children: dict[str, list[BudgetLine]]
    top: list[BudgetLine]
    unique: set[str]  # codes used once: only those get their column sums
    malformed: list[MalformedCode]

    @property
    def unjudged(self) -> set[str]:
        return {code for m in self.malformed for code in m.unjudged}


def _hierarchy(quarter: Quarter) -> _Hierarchy:
    children: dict[str, list[BudgetLine]] = {}
    top: list[BudgetLine] = []
    counts: dict[str, int] = {}
    malformed: list[MalformedCode] = []
    above: str | None = None  # the last proper code above the current row
    for line in quarter.budget_lines:
        if not is_budget_code(line.code):
            unjudged = (above, *_ancestors(above)) if above else ()
            malformed.append(MalformedCode(line, unjudged))
            continue
        above = line.code
        counts[line.code] = counts.get(line.code, 0) + 1
        parent = line.parent_code
        if parent is None:
            top.append(line)
        else:
            children.setdefault(parent, []).append(line)
    return _Hierarchy(children, top, {c for c, n in counts.items() if n == 1}, malformed)


def _line_figures(line: BudgetLine, shown: dict[str, Decimal], decimals: int, has_children: bool) -> LineFigures:
    typed, plan = shown.get("result"), shown.get("plan")
    computed = _sum([shown.get(f) for f in ROW_TERMS])
    printed, source, outcome = printed_result(typed, computed)
    raw = [getattr(line, f) for f in ROW_TERMS]
    formula_result = None if any(v is None for v in raw) else rules.spend_result(*raw)  # type: ignore[arg-type]
    in_cell = line.result if line.result is not None else formula_result
    return LineFigures(
        line=line,
        plan=plan,
        typed_result=typed,
        computed_result=computed,
        result_outcome=outcome,
        printed_result=printed,
        result_source=source,
        printed_pct=printed_pct(printed, plan, decimals),
        has_children=has_children,
        formula_result=formula_result,
        formula_pct=printed_pct(in_cell, line.plan, decimals),
    )


def _equations(quarter: Quarter, hierarchy: _Hierarchy, values: Values) -> list[Equation]:
    unjudged = hierarchy.unjudged
    judge_grand = not hierarchy.malformed
    equations: list[Equation | None] = []
    for line in quarter.budget:
        equations.append(_row_equation(line, values))
        if line.is_total:
            parts = hierarchy.top if judge_grand else []
        elif line.code in hierarchy.unique and line.code not in unjudged:
            parts = hierarchy.children.get(line.code, [])
        else:
            parts = []
        kind = "grand" if line.is_total else "column"
        equations.extend(_equation(kind, line, field, parts, values) for field in AMOUNT_FIELDS if parts)
    return [e for e in equations if e is not None]


def _sum_figures(equation: Equation, values: Values) -> SumFigures:
    expected, actual = equation.terms_sum(values), values[equation.total]
    return SumFigures(equation, expected, actual, rules.sum_difference_kind(actual - expected, len(equation.terms)))


def _count_once(lines: Iterable[LineFigures]) -> tuple[LineFigures, ...]:
    """Each line once, and none inside another one of them (1.3.4 is inside 1.3)."""
    distinct = {id(f.line): f for f in lines}
    codes = {f.code for f in distinct.values()}
    return tuple(f for f in distinct.values() if not any(a in codes for a in _ancestors(f.code)))


def _together(lines: Sequence[LineFigures], decimals: int) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(5), (1) and % of lines taken together; all None without lines."""
    if not lines:
        return None, None, None
    result = _sum([f.printed_result for f in lines])
    plan = _sum([f.plan for f in lines])
    return result, plan, printed_pct(result, plan, decimals)


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum; None when a figure is missing."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _footnote(note: Footnote, by_code: dict[str, LineFigures], leaves: list[LineFigures], decimals: int):
    """A range ("1.2.2-1.3.4") takes every line without sub-lines from the first code to the last
    (and the last one's sub-lines: "1.2-1.3" includes 1.3.5); a list takes the lines it names."""
    codes, kind = parse_line_set(note.lines)
    missing = tuple(c for c in codes if c not in by_code)
    if kind == "list":
        members = _count_once(by_code[c] for c in codes if c in by_code)
    elif kind == "range" and not missing:
        low, high = code_key(codes[0]), code_key(codes[1])
        members = tuple(f for f in leaves if low <= f.line.key and (f.line.key <= high or _under(f.line, high)))
    else:
        members = ()
    result, plan, pct = _together(members, decimals)
    outcome = None
    if note.result is not None and result is not None:
        outcome = rules.sum_difference_kind(rules.shown(note.result) - result, len(members))
    return FootnoteFigures(note, kind, members, missing, result, plan, pct, outcome)


def _under(line: BudgetLine, key: tuple[int, ...]) -> bool:
    """``line`` is a sub-line of the line with ``key`` (1.3.5 is under 1.3)."""
    return line.key[: len(key)] == key


def _project(project: Project, by_code, kpis: list[Kpi], settings: Settings) -> ProjectFigures:
    codes = list(dict.fromkeys(project.budget_codes))
    lines = _count_once(by_code[c] for c in codes if c in by_code)
    missing = tuple(c for c in codes if c not in by_code)
    result, plan, pct = _together(lines, settings.pct_decimals) if not missing else (None, None, None)
    return ProjectFigures(
        project=project,
        lines=lines,
        missing=missing,
        plan=plan,
        result=result,
        pct=pct,
        status=project_status(project, settings),
        kpis=tuple((kpi, assess_kpi(kpi)) for kpi in kpis),
    )


def _total(quarter: Quarter, projects: Sequence[ProjectFigures], footnotes: Sequence[FootnoteFigures]) -> TotalFigures:
    decimals = quarter.settings.pct_decimals
    complete = bool(projects) and all(p.project.budget_codes and not p.missing for p in projects)
    lines = _count_once(f for p in projects for f in p.lines)
    result, plan, pct = _together(lines, decimals) if complete else (None, None, None)
    same = {id(f.line) for f in lines}
    footnote = next((n for n in footnotes if lines and {id(m.line) for m in n.members} == same), None)
    weights = [p.plan for p in projects]
    done = [p.project.kpi_done for p in projects]
    return TotalFigures(
        lines=lines,
        result=result,
        plan=plan,
        fin_result=pct,
        footnote=footnote if pct is not None else None,
        ops_plan=rules.weighted_pct([p.project.ops_plan for p in projects], weights, decimals),
        ops_result=rules.weighted_pct([p.project.ops_result for p in projects], weights, decimals),
        fin_plan=rules.weighted_pct([p.project.fin_plan for p in projects], weights, decimals),
        kpi_count=sum(p.kpi_count for p in projects),
        kpi_done=None if not done or any(d is None for d in done) else sum(done),  # type: ignore[arg-type]
    )


def _build(quarter: Quarter) -> QuarterFigures:
    decimals = quarter.settings.pct_decimals
    hierarchy = _hierarchy(quarter)
    shown = [(line, shown_figures(line)) for line in quarter.budget]
    lines = tuple(
        _line_figures(line, figures, decimals, line.is_total or line.code in hierarchy.children)
        for line, figures in shown
    )
    by_code: dict[str, LineFigures] = {}
    for figures in lines:
        if not figures.line.is_total:
            by_code.setdefault(figures.code, figures)
    values = _cell_values(shown)
    equations = _equations(quarter, hierarchy, values)
    proper = [f for f in lines if f.line.is_total or is_budget_code(f.code)]
    leaves = [f for f in proper if not f.has_children]
    footnotes = tuple(_footnote(note, by_code, leaves, decimals) for note in quarter.footnotes)
    kpis: dict[str, list[Kpi]] = {}
    for kpi in quarter.kpis:
        kpis.setdefault(kpi.project, []).append(kpi)
    projects = tuple(_project(p, by_code, kpis.get(p.number, []), quarter.settings) for p in quarter.project_rows)
    malformed = {id(m.line) for m in hierarchy.malformed}
    evaluated = [_sum_figures(e, values) for e in equations if id(e.line) not in malformed or e.kind != "row"]
    percent = [p for f in proper if (p := _percent_equation(f.line, values, decimals)) is not None]
    return QuarterFigures(
        quarter=quarter,
        lines=lines,
        sums=tuple(s for s in evaluated if s.equation.kind != "row"),
        footnotes=footnotes,
        projects=projects,
        total=_total(quarter, projects, footnotes),
        malformed=tuple(hierarchy.malformed),
        values=values,
        equations=(*(s.equation for s in evaluated), *percent),
        failing=(
            *(s.equation for s in evaluated if s.outcome == "error"),
            *(p for p in percent if p.outcome(values) == "error"),
        ),
        _by_line={id(f.line): f for f in lines},
        _by_code=by_code,
        _by_project={id(p.project): p for p in projects},
    )


# --- projects and KPIs -----------------------------------------------------------------------------


def project_status(project: Project, settings: Settings) -> rules.Status | None:
    """The status the rule gives the project's operations progress; None without plan/result."""
    if project.ops_plan is None or project.ops_result is None:
        return None
    return rules.status(project.ops_plan, project.ops_result, project.obstacle, settings.thresholds)


@dataclass(frozen=True)
class KpiAssessment:
    target: rules.Quantity | None
    result: rules.Quantity | None
    direction: rules.Direction

    @property
    def met(self) -> bool | None:
        if self.target is None or self.result is None:
            return None
        return rules.kpi_met(self.target, self.result, self.direction)

    @property
    def units_differ(self) -> bool:
        return bool(self.target and self.result and rules.units_differ(self.target, self.result))


def assess_kpi(kpi: Kpi) -> KpiAssessment:
    direction = kpi.direction or rules.infer_direction(kpi.indicator)
    return KpiAssessment(
        rules.parse_quantity(kpi.target),
        rules.parse_quantity(kpi.result),
        direction,
    )
