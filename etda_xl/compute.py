"""Every derived figure of a quarter, computed once, in one place: ``figures_of(quarter)``.

For every budget line: the typed (5), (2)+(3)+(4), the (5) the report prints and the % it prints
(which is the % every check expects). For every aggregate: the footnotes, each project, the summary's
total row. And the evidence (``equations``): every sum and % the checks judge and the root cause
reasons over, evaluated on these very figures, so a check can never expect a figure the report does
not print.

Decisions, each made here once:

- **On the figures as shown.** Amounts are shown to 4 decimals (``rules.shown``); every sum is
  decided on shown figures (``rules.sum_difference_kind``): paid 1.00015 shows 1.0002, so a typed
  (5) of 1.0000 is 0.0002 off, beyond the rounding of 3 figures (0.00015).
- **The (5) the report prints.** The typed (5) when it agrees with (2)+(3)+(4) within rounding (the
  source's own figure, on which the footnotes rest: 1.3.4 prints 52.8525, not 52.8526), the
  recomputed one beyond rounding (line 1 prints 421.9499, not the circulated 421.9488), the
  recomputed one when (5) is blank. A parent's (5), the grand total's (5) and the footnotes add up
  printed (5)s: what a reader of the report adds up.
- **The %.** ROUND(printed (5) / printed (1)), half up (``rules.spend_pct``): the line, a
  footnote (1.2.2-1.3.4 = 226.5563, 84%; 1.3.4+1.3.5 = 57.5575, 62%), a project, the total row.
- **Counted once.** A line in a total counts once, however many projects or list entries name it,
  and a line inside another counted line (1.3.4 inside 1.3) is not counted again.
- **A malformed code** ("1,1") has no place in the hierarchy: its line is in no parent's sum, and
  the sums it may belong to (the line above it, that line's parents, the grand total) are not
  judged until the code is corrected.
- **A code used twice** names no line: a footnote or project naming it is not computed (which row
  was meant is for the user to say), and neither is its parent's column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from . import equations as eq
from . import rules
from .codes import CodeList, ancestors, is_budget_code, is_under, range_ends
from .equations import Equation, Outcome, Term
from .model import (
    AMOUNTS,
    PROJECT_PERCENTS,
    ROW_TERMS,
    TYPED_AMOUNTS,
    BudgetLine,
    CellRef,
    Footnote,
    Kpi,
    Project,
    Quarter,
    Settings,
)
from .model import per_quarter as _per_quarter
from .previous import cumulative_floors

# --- one line ----------------------------------------------------------------------------------------


def shown_figures(line: BudgetLine) -> dict[str, Decimal]:
    """A line's typed figures as shown (field → value; amounts to 4 decimals, the % as read)."""
    shown = {f: rules.shown(v) for f in AMOUNTS if (v := getattr(line, f)) is not None}
    return shown if line.pct is None else {**shown, "pct": line.pct}


def recalculated(line: BudgetLine, shown: dict[str, Decimal], decimals: int) -> dict[str, Decimal]:
    """``shown`` with the row's formula cells as Excel recalculates them from it: (5) = (2)+(3)+(4)
    (the template's ETDA_SPEND), % = (5)/(1) (ETDA_SPEND_PCT). What a changed cell does to its row."""
    if "result" in line.formulas:
        result = rules.shown_sum(shown.get(f) for f in ROW_TERMS)
        shown = {**shown, "result": result} if result is not None else shown
    if "pct" in line.formulas and "result" in shown and "plan" in shown:
        pct = rules.spend_pct(shown["result"], shown["plan"], decimals)
        shown = {**shown, "pct": pct} if pct is not None else shown
    return shown


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


def line_figures(line: BudgetLine, shown: Mapping[str, Decimal], decimals: int, has_children: bool) -> LineFigures:
    """A line's figures from its figures as shown (``shown_figures``, or a trial change of one of them)."""
    typed, plan = shown.get("result"), shown.get("plan")
    computed = rules.shown_sum(shown.get(f) for f in ROW_TERMS)
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


# --- lines taken together: a footnote, a project, the total row ---------------------------------------


@dataclass(frozen=True, slots=True)
class Together:
    result: Decimal | None  # the printed (5)s added up
    plan: Decimal | None  # the (1)s added up
    pct: Decimal | None  # ROUND(result / plan)


def together(lines: Sequence[LineFigures], decimals: int) -> Together:
    """(5), (1) and % of lines taken together; all None without lines or with a figure missing."""
    if not lines:
        return Together(None, None, None)
    result = _sum(f.printed_result for f in lines)
    plan = _sum(f.plan for f in lines)
    return Together(result, plan, printed_pct(result, plan, decimals))


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum; None when a figure is missing."""
    total = Decimal(0)
    for value in values:
        if value is None:
            return None
        total += value
    return total


@dataclass(frozen=True)
class Members:
    """The budget lines a footnote or project names (``CodeList``), each once."""

    lines: tuple[BudgetLine, ...]
    missing: tuple[str, ...] = ()  # codes named that are not in the budget table
    duplicated: tuple[str, ...] = ()  # codes named that the table holds twice: which row is meant is unknown
    #: (code, the item it is also inside or None when named twice): counted once all the same
    overlaps: tuple[tuple[str, str | None], ...] = ()
    backwards: tuple[str, ...] = ()  # ranges that run backwards (1.3.4-1.2.2): nothing taken from them

    @property
    def complete(self) -> bool:
        """Every line named is there, once: the figures they make can be computed."""
        return bool(self.lines) and not self.missing and not self.duplicated and not self.backwards


@dataclass(frozen=True)
class _Index:
    """The budget table's lines by code, indexed once."""

    by_code: dict[str, BudgetLine]  # proper codes used once
    duplicated: set[str]
    leaves: list[BudgetLine]  # proper lines without sub-lines, in table order

    def members(self, items: CodeList) -> Members:
        """A range ("1.2.2-1.3.4") takes every line without sub-lines from the first code to the last
        (and the last one's sub-lines: "1.2-1.3" includes 1.3.5); a code takes its line."""
        taken: dict[int, BudgetLine] = {}
        missing: list[str] = []
        duplicated: list[str] = []
        overlaps: list[tuple[str, str | None]] = []
        backwards: list[str] = []
        for item in items:
            ends = item.split("-")
            absent = [c for c in ends if c not in self.by_code and c not in self.duplicated]
            missing += absent
            duplicated += [c for c in ends if c in self.duplicated]
            if absent or any(c in self.duplicated for c in ends):
                continue
            if len(ends) == 2 and range_ends(item) is None:
                backwards.append(item)
                continue
            lines = self._range(item) if len(ends) == 2 else [self.by_code[item]]
            for line in lines:
                if id(line) in taken:
                    overlaps.append((line.code, None))
                taken[id(line)] = line
        counted = _inside_none(taken.values(), overlaps)
        return Members(tuple(counted), tuple(missing), tuple(duplicated), tuple(overlaps), tuple(backwards))

    def _range(self, item: str) -> list[BudgetLine]:
        low, high = range_ends(item)  # type: ignore[misc]
        return [line for line in self.leaves if low <= line.key and (line.key <= high or is_under(line.key, high))]


def _inside_none(lines: Iterable[BudgetLine], overlaps: list[tuple[str, str | None]]) -> list[BudgetLine]:
    """Each line once, and none inside another one of them (1.3.4 is inside 1.3): noted in ``overlaps``."""
    lines = list(lines)
    codes = {line.code for line in lines}
    kept = []
    for line in lines:
        parent = next((a for a in ancestors(line.code) if a in codes), None)
        if parent is None:
            kept.append(line)
        else:
            overlaps.append((line.code, parent))
    return kept


# --- figures ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FootnoteFigures:
    note: Footnote
    members: Members
    lines: tuple[LineFigures, ...]  # the lines it adds up, each once
    result: Decimal | None  # the members' printed (5) together
    plan: Decimal | None
    pct: Decimal | None
    #: The typed subtotal against ``result`` (``rules.sum_difference_kind``); None when one is blank.
    amount_outcome: str | None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(m.code for m in self.lines)

    @property
    def missing(self) -> tuple[str, ...]:
        return self.members.missing


@dataclass(frozen=True, slots=True)
class KpiAssessment:
    target: rules.Quantity | None  # the quarter's target when one is given, else the year's
    result: rules.Quantity | None
    direction: rules.Direction
    final: bool = True  # judged met or not met (Q4, or a quarter's target); else in progress below it

    @property
    def met(self) -> bool | None:
        """The result reaches the target judged against (None: no number to compare)."""
        if self.target is None or self.result is None:
            return None
        return rules.kpi_met(self.target, self.result, self.direction)

    @property
    def state(self) -> rules.KpiState:
        return rules.kpi_state(self.target, self.result, self.direction, self.final)

    @property
    def units_differ(self) -> bool:
        return bool(self.target and self.result and rules.units_differ(self.target, self.result))


@dataclass(frozen=True, slots=True)
class ProjectFigures:
    project: Project
    members: Members
    lines: tuple[LineFigures, ...]  # its budget lines, each once
    plan: Decimal | None  # (1) of its lines together: its weight in the total row
    result: Decimal | None  # printed (5) of its lines together
    pct: Decimal | None  # its finance result %; None when unlinked or a line is missing or doubtful
    status: rules.Status | None
    kpis: tuple[tuple[Kpi, KpiAssessment], ...]  # its rows of the KPI table, assessed

    @property
    def kpi_count(self) -> int:
        return len(self.kpis)

    @property
    def missing(self) -> tuple[str, ...]:
        return self.members.missing


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


class FiguresView:
    """The figures as they are, for the equations (``equations.View``)."""

    def __init__(self, decimals: int, values: dict[CellRef, Decimal], lines: dict[int, LineFigures]) -> None:
        self.decimals = decimals
        self.values = values
        self.lines = lines

    def value(self, cell: CellRef) -> Decimal | None:
        return self.values.get(cell)

    def line(self, line: BudgetLine) -> LineFigures:
        return self.lines[id(line)]


@dataclass(frozen=True)
class QuarterFigures:
    quarter: Quarter
    lines: tuple[LineFigures, ...]  # budget order, grand total included
    footnotes: tuple[FootnoteFigures, ...]
    projects: tuple[ProjectFigures, ...]
    total: TotalFigures
    malformed: tuple[MalformedCode, ...]
    duplicated: frozenset[str]  # budget codes used twice or more
    #: Every equation the checks judge, each with its outcome on the figures as they are.
    equations: tuple[Equation, ...]
    outcomes: dict[int, Outcome]
    view: FiguresView
    _by_code: dict[str, LineFigures]
    _by_project: dict[int, ProjectFigures]

    def of(self, line: BudgetLine) -> LineFigures:
        return self.view.line(line)

    def line(self, code: str) -> LineFigures | None:
        """The first budget line with ``code`` (the grand total excluded)."""
        return self._by_code.get(code)

    def project(self, project: Project) -> ProjectFigures:
        return self._by_project[id(project)]

    def outcome(self, equation: Equation) -> Outcome:
        return self.outcomes[id(equation)]

    def judged(self, code: str) -> list[tuple[Equation, Outcome]]:
        """The equations of one check, with their outcomes, in table order."""
        return [(e, self.outcomes[id(e)]) for e in self.equations if e.code == code]

    @property
    def failing(self) -> tuple[Equation, ...]:
        return tuple(e for e in self.equations if self.outcomes[id(e)].outcome == eq.ERROR)


@_per_quarter
def figures_of(quarter: Quarter) -> QuarterFigures:
    """The quarter's figures, built once per Quarter object (a Quarter is not changed once read)."""
    return _build(quarter)


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
            unjudged = (above, *ancestors(above)) if above else ()
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


def _cell_values(quarter: Quarter, shown: Iterable[tuple[BudgetLine, dict[str, Decimal]]]) -> dict[CellRef, Decimal]:
    """Every figure an equation reads from a cell, as shown: the budget table's, the footnotes'
    subtotals and %, the projects' and the total row's finance %."""
    values = {where: value for line, figures in shown for f, value in figures.items() if (where := line.at(f))}
    for note in quarter.footnotes:
        for field, value in (("result", rules.shown_if_any(note.result)), ("pct", note.pct)):
            if value is not None and (where := note.at(field)) is not None:
                values[where] = value
    for project in quarter.projects:
        for field in PROJECT_PERCENTS:
            if (value := getattr(project, field)) is not None and (where := project.at(field)) is not None:
                values[where] = value
    return values


def _budget_equations(quarter: Quarter, hierarchy: _Hierarchy, values: eq.Inputs) -> list[Equation]:
    unjudged, malformed = hierarchy.unjudged, {id(m.line) for m in hierarchy.malformed}
    equations: list[Equation] = []
    for line in quarter.budget:
        if id(line) in malformed:
            continue
        terms = [line.at(f) for f in ROW_TERMS]
        if line.at("result") in values and all(t in values for t in terms):
            cells = values.printed(line)
            equations.append(eq.RowSum("BUDGET_ROW_SUM", line.at("result"), line, cells, line))  # type: ignore[arg-type]
        if line.is_total:
            parts = hierarchy.top if not hierarchy.malformed else []
        elif line.code in hierarchy.unique and line.code not in unjudged:
            parts = hierarchy.children.get(line.code, [])
        else:
            parts = []
        if parts:
            equations += _column_equations(line, parts, values)
        if line.at("pct") in values and "pct" not in line.formulas:
            equations.append(eq.percent_equation("BUDGET_PCT", line.at("pct"), line, [line], values))  # type: ignore[arg-type]
    return equations


def _column_equations(line: BudgetLine, parts: list[BudgetLine], values) -> list[Equation]:
    """A parent's (or the grand total's) columns against its sub-lines' (the top-level lines'): (1)-(4)
    as typed, (5) as printed."""
    code, kind = ("BUDGET_GRAND_TOTAL", "grand") if line.is_total else ("BUDGET_HIERARCHY", "column")
    found: list[Equation] = []
    for field in TYPED_AMOUNTS:
        cells = [row.cells.get(field) for row in (line, *parts)]
        if all(c in values for c in cells):
            terms = [Term(cell=c) for c in cells[1:]]
            found.append(eq.sum_equation(code, kind, cells[0], line, Term(cell=cells[0]), terms, values, field))  # type: ignore[arg-type]
    anchor = line.at("result")
    if anchor is not None:
        terms = [Term(line=p) for p in parts]
        found.append(eq.sum_equation(code, kind, anchor, line, Term(line=line), terms, values, "result"))
    return found


def _footnote_equations(notes: Sequence[FootnoteFigures], values) -> list[Equation]:
    found: list[Equation] = []
    for figures in notes:
        note, members = figures.note, figures.members
        if not members.complete:
            continue
        lines = members.lines
        if note.at("result") in values:
            anchor = note.at("result")
            terms = [Term(line=line) for line in lines]
            found.append(eq.sum_equation("FOOTNOTE_AMOUNT", "footnote", anchor, note, Term(cell=anchor), terms, values))  # type: ignore[arg-type]
        if note.at("pct") in values:
            found.append(eq.percent_equation("FOOTNOTE_PCT", note.at("pct"), note, lines, values))  # type: ignore[arg-type]
    return found


def _project_equations(projects: Sequence[ProjectFigures], total: TotalFigures, quarter: Quarter, values):
    found: list[Equation] = []
    for figures in projects:
        project = figures.project
        if figures.pct is not None and project.at("fin_result") in values:
            lines = figures.members.lines
            found.append(eq.percent_equation("PROJECT_FIN_RESULT", project.at("fin_result"), project, lines, values))  # type: ignore[arg-type]
    row = quarter.project_total
    if row is None:
        return found
    if total.fin_result is not None and row.at("fin_result") in values:
        lines = tuple(f.line for f in total.lines)
        found.append(eq.percent_equation("SUMMARY_TOTAL_FIN", row.at("fin_result"), row, lines, values))  # type: ignore[arg-type]
    for field in PROJECT_PERCENTS[:3]:
        found += _weighted_equation(row, field, projects, values)
    return found


#: A project's progress, as a percentage, lies between these.
PERCENT_RANGE = (Decimal(0), Decimal(100))


def _range_equations(quarter: Quarter, values) -> list[Equation]:
    low, high = PERCENT_RANGE
    return [
        eq.Within("PROJECT_PCT_RANGE", cell, project, (cell,), low=low, high=high)
        for project in quarter.projects
        for field in PROJECT_PERCENTS
        if (cell := project.at(field)) is not None and cell in values
    ]


def _weighted_equation(row: Project, field: str, projects: Sequence[ProjectFigures], values) -> list[Equation]:
    """The total row's operations plan, operations result or finance plan: the projects' weighted."""
    anchor = row.at(field)
    if anchor not in values or not projects:
        return []
    parts = tuple((p.project.at(field), p.members.lines if p.members.complete else ()) for p in projects)
    inputs = (c for cell, lines in parts for c in (cell, *(line.at("plan") for line in lines)) if c in values)
    cells = tuple(dict.fromkeys([anchor, *inputs]))  # type: ignore[list-item]
    return [eq.Weighted("SUMMARY_TOTAL_PCT", anchor, row, cells, field_name=field, projects=parts)]  # type: ignore[arg-type]


#: The check that reports a cumulative figure below last quarter's.
FLOOR_CODES = {"paid": "HISTORY_PAID_DECREASED", "carried": "HISTORY_CARRIED_DECREASED"}


def _floor_equations(quarter: Quarter, values) -> list[Equation]:
    return [
        eq.Floor(FLOOR_CODES[f.field], f.cell, f.line, (f.cell,), f.floor, f.field, f.period, past=f.past)
        for f in cumulative_floors(quarter)
        if f.cell in values
    ]


def _build(quarter: Quarter) -> QuarterFigures:
    decimals = quarter.settings.pct_decimals
    hierarchy = _hierarchy(quarter)
    shown = [(line, shown_figures(line)) for line in quarter.budget]
    lines = tuple(
        line_figures(line, figures, decimals, line.is_total or line.code in hierarchy.children)
        for line, figures in shown
    )
    by_line = {id(f.line): f for f in lines}
    counts: dict[str, int] = {}
    for line in quarter.budget_lines:
        counts[line.code] = counts.get(line.code, 0) + 1
    duplicated = {c for c, n in counts.items() if n > 1}
    proper = [f for f in lines if not f.line.is_total and is_budget_code(f.code)]
    index = _Index(
        by_code={f.code: f.line for f in proper if f.code not in duplicated},
        duplicated=duplicated,
        leaves=[f.line for f in proper if not f.has_children],
    )
    footnotes = tuple(_footnote(note, index.members(note.lines), by_line, decimals) for note in quarter.footnotes)
    kpis: dict[str, list[Kpi]] = {}
    for kpi in quarter.kpis:
        kpis.setdefault(kpi.project, []).append(kpi)
    projects = tuple(
        _project(p, index.members(p.budget_codes), by_line, kpis.get(p.number, []), quarter.settings)
        for p in quarter.project_rows
    )
    total = _total(quarter, projects, footnotes)
    values = _cell_values(quarter, shown)
    view = FiguresView(decimals, values, by_line)
    inputs = eq.Inputs(values)
    equations = (
        *_budget_equations(quarter, hierarchy, inputs),
        *_footnote_equations(footnotes, inputs),
        *_project_equations(projects, total, quarter, inputs),
        *_range_equations(quarter, inputs),
        *_floor_equations(quarter, inputs),
    )
    by_code: dict[str, LineFigures] = {}
    for figures in lines:
        if not figures.line.is_total:
            by_code.setdefault(figures.code, figures)
    return QuarterFigures(
        quarter=quarter,
        lines=lines,
        footnotes=footnotes,
        projects=projects,
        total=total,
        malformed=tuple(hierarchy.malformed),
        duplicated=frozenset(duplicated),
        equations=equations,
        outcomes={id(e): e.evaluate(view) for e in equations},
        view=view,
        _by_code=by_code,
        _by_project={id(p.project): p for p in projects},
    )


def _footnote(note: Footnote, members: Members, by_line: dict[int, LineFigures], decimals: int) -> FootnoteFigures:
    lines = tuple(by_line[id(line)] for line in members.lines) if members.complete else ()
    sums = together(lines, decimals)
    outcome = None
    if note.result is not None and sums.result is not None:
        outcome = rules.sum_difference_kind(rules.shown(note.result) - sums.result, len(lines))
    return FootnoteFigures(note, members, lines, sums.result, sums.plan, sums.pct, outcome)


def _project(project: Project, members: Members, by_line, kpis: list[Kpi], settings: Settings) -> ProjectFigures:
    lines = tuple(by_line[id(line)] for line in members.lines) if members.complete else ()
    sums = together(lines, settings.pct_decimals)
    return ProjectFigures(
        project=project,
        members=members,
        lines=lines,
        plan=sums.plan,
        result=sums.result,
        pct=sums.pct,
        status=project_status(project, settings),
        kpis=tuple((kpi, assess_kpi(kpi, settings.quarter)) for kpi in kpis),
    )


def _count_once(lines: Iterable[LineFigures]) -> tuple[LineFigures, ...]:
    """Each line once, and none inside another one of them (1.3.4 is inside 1.3)."""
    distinct = {id(f.line): f for f in lines}
    codes = {f.code for f in distinct.values()}
    return tuple(f for f in distinct.values() if not any(a in codes for a in ancestors(f.code)))


def _total(quarter: Quarter, projects: Sequence[ProjectFigures], footnotes: Sequence[FootnoteFigures]) -> TotalFigures:
    decimals = quarter.settings.pct_decimals
    complete = bool(projects) and all(p.project.budget_codes and p.members.complete for p in projects)
    lines = _count_once(f for p in projects for f in p.lines)
    sums = together(lines, decimals) if complete else Together(None, None, None)
    same = {id(f.line) for f in lines}
    footnote = next((n for n in footnotes if lines and {id(m.line) for m in n.lines} == same), None)
    weights = [p.plan for p in projects]
    done = [p.project.kpi_done for p in projects]
    return TotalFigures(
        lines=lines,
        result=sums.result,
        plan=sums.plan,
        fin_result=sums.pct,
        footnote=footnote if sums.pct is not None else None,
        ops_plan=rules.weighted_pct([p.project.ops_plan for p in projects], weights, decimals),
        ops_result=rules.weighted_pct([p.project.ops_result for p in projects], weights, decimals),
        fin_plan=rules.weighted_pct([p.project.fin_plan for p in projects], weights, decimals),
        kpi_count=sum(p.kpi_count for p in projects),
        kpi_done=None if not done or any(d is None for d in done) else sum(done),  # type: ignore[arg-type]
    )


# --- projects and KPIs -----------------------------------------------------------------------------


def project_status(project: Project, settings: Settings) -> rules.Status | None:
    """The status the rule gives the project's operations progress; None without plan/result."""
    if project.ops_plan is None or project.ops_result is None:
        return None
    return rules.status(project.ops_plan, project.ops_result, project.obstacle, settings.thresholds)


def assess_kpi(kpi: Kpi, quarter: int | None = None) -> KpiAssessment:
    """A KPI against this quarter's target when one is given, else the year's (final only in Q4)."""
    direction = kpi.direction or rules.infer_direction(kpi.indicator)
    quarterly = bool(kpi.quarter_target.strip())
    target = kpi.quarter_target if quarterly else kpi.target
    return KpiAssessment(
        rules.parse_quantity(target),
        rules.parse_quantity(kpi.result),
        direction,
        rules.is_final(quarter, quarterly),
    )
