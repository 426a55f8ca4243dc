"""Root cause: the single cell whose correction explains the failing equations, or the cells that could.

A typo breaks several equations at once — its row, its parent's column, a footnote, a project's
finance % — and finance staff see several errors where one cell is wrong. For every input cell of a
failing equation (``compute``'s evidence) we try the values the failing equations ask of it; a
value counts only if no equation that held breaks (formulas recomputed, last quarter's floors kept).

A cell is *named*, with the value that corrects it, only when the evidence singles it out: its
correction repairs failing equations and no other single cell repairs as many of the same ones.
Every other failing equation it repairs then *follows from* it. When several cells would each
explain the same failures (a leaf's paid or its sibling's, with nothing else to tell them apart),
they are the *candidates*, and no value is offered: a wrong hint is worse than none. Corrections are
applied one batch at a time, so independent typos are each found even when their equations touch.

Data only: the words are the ROOT_CAUSE check's (``checks.rootcause``), and every finding of a
failing equation is told here whether it carries the fix, follows from a cell, or has candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from . import rules, schema
from .compute import FiguresView, LineFigures, QuarterFigures, figures_of, line_figures, recalculated
from .decimals import plain
from .equations import ERROR, Equation, Sum
from .model import AMOUNTS, PROJECT_PERCENTS, BudgetLine, CellRef, Located, Project, Quarter, per_quarter

#: Past this many failing equations the table is too broken for a single-cell diagnosis to help.
MAX_FAILING = 200
MAX_ROUNDS = 100
STEP = rules.SHOWN_UNIT
AROUND, MAX_STEPS = 2, 15  # values tried around and between the ones the equations ask for


@dataclass(frozen=True, eq=False)
class Correction:
    """``cell`` (of ``subject``'s ``field``) changed from ``current`` to ``corrected`` makes ``satisfies`` hold."""

    cell: CellRef
    subject: Located
    field: str
    current: Decimal
    corrected: Decimal
    satisfies: tuple[Equation, ...]
    #: The bounds the corrected value would leave broken (last quarter's floor, a range): such a
    #: correction is never offered, but it still explains the failures it repairs, so no other cell
    #: is named for them.
    blocked_by: tuple[Equation, ...] = ()
    #: Other values of the cell the evidence fits as well (within rounding, none nearer what was typed):
    #: the cell is singled out, its value is not, so none is offered (``exact``).
    rivals: tuple[Decimal, ...] = ()

    @property
    def exact(self) -> bool:
        """The evidence singles out the value too: it may be offered as the one to type."""
        return not self.rivals

    @property
    def span(self) -> tuple[Decimal, Decimal]:
        """The lowest and highest of the values the evidence fits equally."""
        values = (self.corrected, *self.rivals)
        return min(values), max(values)

    @property
    def repairs(self) -> frozenset[int]:
        return frozenset(map(id, self.satisfies))


@dataclass(frozen=True, eq=False)
class Ambiguity:
    """Several cells would each explain ``equations``: which one is wrong, the data cannot tell."""

    options: tuple[Correction, ...]
    equations: tuple[Equation, ...]

    @property
    def cells(self) -> tuple[CellRef, ...]:
        """The candidates, and the cells of last quarter that stand in the way of a candidate's correction."""
        witnesses = (w for o in self.options for b in o.blocked_by if (w := getattr(b, "witness", None)))
        return tuple(dict.fromkeys([*(o.cell for o in self.options), *witnesses]))

    @property
    def blocked(self) -> bool:
        """One cell explains them all, but its correction breaks a bound (last quarter's figure)."""
        return len({o.cell for o in self.options}) == 1 and all(o.blocked_by for o in self.options)


@dataclass
class Diagnosis:
    found: list[Correction] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    unexplained: list[list[Equation]] = field(default_factory=list)
    skipped: int = 0  # failing equations, when there were too many to search

    def explain(self, equation: Equation) -> Correction | Ambiguity | None:
        """The named cell an equation's failure comes from, the candidates, or None."""
        for fix in self.found:
            if id(equation) in fix.repairs:
                return fix
        for group in self.ambiguous:
            if any(e is equation for e in group.equations):
                return group
        return None


# --- the figures while corrections are tried -------------------------------------------------------


class _State:
    """The figures with the corrections found so far applied; trials lay one more change over them."""

    def __init__(self, figures: QuarterFigures) -> None:
        self.decimals = figures.view.decimals
        self.values = dict(figures.view.values)
        self.lines: dict[int, LineFigures] = dict(figures.view.lines)
        quarter = figures.quarter
        self.owners: dict[CellRef, tuple[Located, str]] = {
            where: (row, name)
            for row in (*quarter.budget, *quarter.footnotes, *quarter.projects)
            for name, where in row.cells.items()
        }

        self.sums: dict[int, _KeptSum] = {}  # the long sums, kept so a trial adds only what it changes

    def view(self) -> FiguresView:
        return FiguresView(self.decimals, self.values, self.lines)

    def kept(self, equation: Sum) -> _KeptSum:
        kept = self.sums.get(id(equation))
        if kept is None:
            kept = self.sums[id(equation)] = _KeptSum(equation, self.view())
        return kept

    def changes(self, cell: CellRef, value: Decimal) -> tuple[dict[CellRef, Decimal], LineFigures | None]:
        """``cell`` set to ``value``: the cells that change (its row's formulas recalculated) and, for a
        budget cell, its line's figures afresh."""
        subject, name = self.owners[cell]
        if not isinstance(subject, BudgetLine):
            return {cell: value}, None
        line = subject
        shown = {f: self.values[c] for f in (*AMOUNTS, "pct") if (c := line.at(f)) is not None and c in self.values}
        shown = recalculated(line, {**shown, name: value}, self.decimals)
        moved = [f for f in shown if f == name or f in line.formulas]
        changed = {c: shown[f] for f in moved if (c := line.at(f)) is not None}
        figures = line_figures(line, shown, self.decimals, self.lines[id(line)].has_children)
        return changed, figures

    def trial(self, cell: CellRef, value: Decimal) -> _Trial:
        changed, figures = self.changes(cell, value)
        return _Trial(self, changed, figures)

    def apply(self, cell: CellRef, value: Decimal) -> None:
        changed, figures = self.changes(cell, value)
        self.values.update(changed)
        if figures is not None:
            self.lines[id(figures.line)] = figures
        self.sums.clear()


class _KeptSum:
    """A sum's terms as they are, indexed by cell and line, so that a trial changing one cell re-adds
    only the terms it changes: a grand total over 10,000 lines is not added up again per trial."""

    def __init__(self, equation: Sum, view: FiguresView) -> None:
        self.values = [t.value(view) for t in equation.terms]
        known = [v for v in self.values if v is not None]
        self.sum = sum(known, Decimal(0)) if len(known) == len(self.values) else None
        self.at_cell = {t.cell: i for i, t in enumerate(equation.terms) if t.cell is not None}
        self.at_line = {id(t.line): i for i, t in enumerate(equation.terms) if t.line is not None}
        self.terms = equation.terms

    def in_trial(self, trial: _Trial) -> Decimal | None:
        indices = {self.at_cell[c] for c in trial.changed if c in self.at_cell}
        if trial.figures is not None and id(trial.figures.line) in self.at_line:
            indices.add(self.at_line[id(trial.figures.line)])
        if not indices:
            return self.sum
        values = list(self.values)
        for i in indices:
            values[i] = self.terms[i].value(trial)
        if self.sum is not None and all(self.values[i] is not None and values[i] is not None for i in indices):
            return self.sum + sum((values[i] - self.values[i] for i in indices), Decimal(0))  # type: ignore[operator]
        known = [v for v in values if v is not None]
        return sum(known, Decimal(0)) if len(known) == len(values) else None


class _Trial:
    """The state with one cell changed (``equations.View``), without copying anything."""

    def __init__(self, state: _State, changed: dict[CellRef, Decimal], figures: LineFigures | None) -> None:
        self.decimals = state.decimals
        self.state, self.changed, self.figures = state, changed, figures

    def value(self, cell: CellRef) -> Decimal | None:
        return self.changed[cell] if cell in self.changed else self.state.values.get(cell)

    def line(self, line: BudgetLine) -> LineFigures:
        if self.figures is not None and self.figures.line is line:
            return self.figures
        return self.state.lines[id(line)]

    def terms_sum(self, equation: Sum) -> Decimal | None:
        """A sum's terms with this trial's change, from the sum kept for the state."""
        return self.state.kept(equation).in_trial(self)


# --- the search ------------------------------------------------------------------------------------


#: Percentage cells (the schema's): whole percents as their equations ask for them; the rest are amounts.
PERCENT_FIELDS = frozenset(c.field for t in schema.TABLES for c in t.columns if c.kind is schema.Kind.PERCENT)


def _candidate_values(cell: CellRef, field: str, failing: Iterable[Equation], view) -> list[Decimal]:
    """Values to try for ``cell``: what each failing equation asks of it and, for an amount, the steps
    between and around (each equation carries its own rounding, so the figure the typist meant can lie
    a step or two from the value one equation asks for: a sum of shown figures holds within rounding)."""
    asked = [v for e in failing if cell in e.cells for v in e.guesses(cell, view)]
    if not asked or field in PERCENT_FIELDS:
        return list(dict.fromkeys(plain(v) for v in asked))
    asked = [rules.shown(v) for v in asked]
    around = [v + STEP * i for v in asked for i in range(-AROUND, AROUND + 1)]
    low, high = min(asked), max(asked)
    steps = int((high - low) / STEP) + 1
    between = [low + STEP * i for i in range(steps)] if steps <= MAX_STEPS else []
    return list(dict.fromkeys([*asked, *around, *between]))


def plausible(subject: Located, field: str, value: Decimal) -> bool:
    """A value a cell could hold: no negative figure, no project progress above 100% (a correction that
    needs more is no correction)."""
    if value < 0:
        return False
    return not (isinstance(subject, Project) and field in PROJECT_PERCENTS and value > 100)


#: Edits between what was typed and a correction that still make it a typo of it (a swapped pair, a digit
#: off); a correction further off was not typed at all (a 0, a figure left out).
NEAR_TYPO = 2


def edits_from_typed(typed: Decimal, corrected: Decimal) -> int:
    """How far ``corrected`` is from being what was ``typed``: its keystrokes apart, 1 for a slipped
    decimal point, and one count for every value beyond ``NEAR_TYPO``.

    Every correction offered repairs the same sums within rounding, so the sums cannot tell its last
    digit: only what was typed can (41.8376 was meant as 14.8376, a swap, not 14.8375). Values as near
    to the typed one are rivals, and so are all values far from it: no value is offered then."""
    if _slipped_point(typed, corrected):
        return 1
    return min(keystrokes_apart(typed, corrected), NEAR_TYPO + 1)


def _slipped_point(typed: Decimal, meant: Decimal) -> bool:
    """``typed`` is ``meant`` with its decimal point one or two places off. A slip keeps every digit typed
    (4.57146 for 45.7146); only one that pushed a digit past the four shown may have lost it to the
    display (4.5715 for 45.7146, or 45.7145: either slipped)."""
    exponent = typed.as_tuple().exponent
    last = Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)  # half its last digit
    half = min(last, rules.ROUNDING_UNIT)
    return any(abs(meant.scaleb(places) - typed) <= half for places in (-2, -1, 1, 2))


def keystrokes_apart(typed: Decimal, meant: Decimal) -> int:
    """Edits (change, insert, delete, swap of neighbours) between two figures written to 4 decimals."""
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


class _Search:
    def __init__(self, figures: QuarterFigures) -> None:
        self.figures = figures
        self.state = _State(figures)
        self.touching: dict[CellRef, list[Equation]] = {}
        for equation in figures.equations:
            for cell in equation.cells:
                self.touching.setdefault(cell, []).append(equation)

    def options(self, cell: CellRef, failing: Sequence[Equation]) -> list[Correction]:
        """The corrections of ``cell`` that repair some of ``failing`` and break nothing that holds: for
        each set of equations repaired, the value nearest what was typed (``edits_from_typed``)."""
        view = self.state.view()
        current = view.value(cell)
        if current is None:
            return []
        touching = self.touching.get(cell, [])
        holding = [e for e in touching if not e.bound and e.outcome(view) != ERROR]
        bounds = [e for e in touching if e.bound]
        broken = [e for e in failing if cell in e.cells]
        if cell not in self.state.owners:
            return []
        subject, name = self.state.owners[cell]
        typed = getattr(subject, name, None)  # every digit typed, which the shown figure may round away
        typed = typed if isinstance(typed, Decimal) else current
        scored: dict[frozenset[int], list[tuple[int, Correction]]] = {}
        for corrected in _candidate_values(cell, name, broken, view):
            if corrected == current or not plausible(subject, name, corrected):
                continue
            trial = self.state.trial(cell, corrected)
            if any(e.outcome(trial) == ERROR for e in holding):
                continue
            repaired = tuple(e for e in broken if e.outcome(trial) != ERROR)
            if not repaired:
                continue
            blocked_by = tuple(e for e in bounds if e.outcome(trial) == ERROR)
            fix = Correction(cell, subject, name, current, corrected, repaired, blocked_by)
            scored.setdefault(fix.repairs, []).append((edits_from_typed(typed, corrected), fix))
        return [_likeliest(options) for options in scored.values()]

    def run(self) -> Diagnosis:
        found = Diagnosis()
        equations = self.figures.equations
        broken = {id(e) for e in self.figures.failing}
        excluded: set[int] = set()  # equations of an ambiguous group: not searched again
        rounds = 0
        while True:
            failing = [e for e in equations if id(e) in broken and id(e) not in excluded]
            if len(failing) > MAX_FAILING:
                found.skipped = len(failing)
                return found
            cells = dict.fromkeys(c for e in failing for c in e.cells)
            options = [o for c in cells for o in self.options(c, failing)]
            if not options:
                break
            named = _named(options, self.touching)
            if not named:  # the strongest correction has rivals: say so, and look at the rest
                group = _rivals_of(max(options, key=lambda o: len(o.satisfies)), options)
                found.ambiguous.append(Ambiguity(tuple(group), _union(group)))
                excluded |= {i for o in group for i in o.repairs}
                continue
            for fix in named:
                found.found.append(fix)
                self.state.apply(fix.cell, fix.corrected)
            view = self.state.view()
            for fix in named:
                for equation in self.touching.get(fix.cell, []):
                    (broken.add if equation.outcome(view) == ERROR else broken.discard)(id(equation))
            rounds += 1
            if rounds > MAX_ROUNDS:  # each round names a correction; a table needing this many is beyond help
                break
        still = [e for e in equations if id(e) in broken and id(e) not in excluded]
        found.unexplained = [g for g in _groups(still) if len(g) > 1]
        return found


def _likeliest(scored: list[tuple[int, Correction]]) -> Correction:
    """The value nearest what was typed for one set of repairs, with the values as near as its rivals."""
    best = min(edits for edits, _ in scored)
    first, *rest = [fix for edits, fix in scored if edits == best]
    return replace(first, rivals=tuple(fix.corrected for fix in rest)) if rest else first


def _named(options: list[Correction], touching: dict[CellRef, list[Equation]]) -> list[Correction]:
    """The corrections the evidence singles out, strongest first, none touching another's equations
    (applied together, they could undo each other).

    A correction is singled out when no other correction — another cell, or another value of the same
    cell — repairs as many equations, some of them the same ones.
    """
    named: list[Correction] = []
    used: set[int] = set()
    for fix in sorted(options, key=lambda o: -len(o.satisfies)):
        touched = fix.repairs | {id(e) for e in touching.get(fix.cell, [])}
        if fix.blocked_by or len(_rivals_of(fix, options)) > 1 or touched & used:
            continue
        named.append(fix)
        used |= touched
    return named


def _rivals_of(fix: Correction, options: list[Correction]) -> list[Correction]:
    """``fix`` and the corrections of other cells that could explain as many of the same failures.

    A cell's reach is what its values within the last few digits repair together: each equation
    carries its own rounding, so one cell may need 102.8968 for some and 102.8969 for others, and is
    as strong a suspect as one whose single value repairs them all. Values of ``fix``'s own cell that
    far apart are the same suspect, not rivals.
    """
    rivals = [fix]
    for other in options:
        if other.cell == fix.cell:
            reach = other.repairs if other is not fix and not _near(other, fix) else frozenset()
        else:
            reach = _reach(other, options)
        if len(reach) >= len(fix.satisfies) and reach & fix.repairs:
            rivals.append(other)
    return rivals


def _near(a: Correction, b: Correction) -> bool:
    return a.cell == b.cell and abs(a.corrected - b.corrected) <= STEP * MAX_STEPS


def _reach(option: Correction, options: list[Correction]) -> frozenset[int]:
    """The equations ``option``'s cell repairs with values near its value."""
    return frozenset().union(*(o.repairs for o in options if _near(o, option)))


def _union(group: Sequence[Correction]) -> tuple[Equation, ...]:
    """What a group of corrections is about: the equations they repair, and the bounds in their way."""
    return tuple({id(e): e for o in group for e in (*o.satisfies, *o.blocked_by)}.values())


def _groups(failing: list[Equation]) -> list[list[Equation]]:
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
    groups: dict[int, list[Equation]] = {}
    for index, equation in enumerate(failing):
        groups.setdefault(find(index), []).append(equation)
    return list(groups.values())


@per_quarter
def diagnose(quarter: Quarter) -> Diagnosis:
    """The single-cell explanations of the quarter's failing equations (none when all hold)."""
    figures = figures_of(quarter)
    if not figures.failing:
        return Diagnosis()
    return _Search(figures).run()
