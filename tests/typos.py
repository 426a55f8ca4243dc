"""Single mistyped cells: every typed figure of the sample, mistyped in several ways, checked in memory.

The books are the FY2563 Q4 sample with its own typo (F4, 102.8978 for 102.8968) corrected, so the
book is clean and every error comes from the one typo planted. Two ways of keeping the budget table:

- ``typed``: (5) and % typed, as the circulated report has them;
- ``formulas``: (5) and % left to formulas (=D+E+F, =G/C) as in a book made from the template, their
  values the ones Excel would save after the typo.

Each case plants one typo in one cell — a budget line's (1)-(4), a footnote's subtotal, a project's
% — and runs the checks; ``Outcome`` says what the finance officer is told: whether anything at all
(silent), whether a value to type is offered at a cell that was never mistyped (wrong fix), whether
the mistyped cell is named (at a finding, as a cause or among candidates), whether its true value is
offered, and what happens when every offered fix is typed in, round after round.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from etda_xl.checks import run_checks
from etda_xl.findings import Finding, Severity
from etda_xl.sample import BUDGET as SEED_ROWS
from etda_xl.sample import FOOTNOTES as SEED_FOOTNOTES
from etda_xl.sample import PROJECTS as SEED_PROJECTS
from etda_xl.snapshot import snapshot

from .memory import sample_quarter

BUDGET, PROJECTS, FOOTNOTES = "งบประมาณ", "โครงการ", "หมายเหตุงบ"
FIRST_ROW = 4  # the header is on row 3
FOUR = Decimal("0.0001")
#: The seed's own typo, corrected in every book here.
F4_CORRECTED = {(BUDGET, "F4"): 102.8968}
#: Cells formatted as a percentage (0%): a % is written as its fraction there.
PERCENT_COLUMNS = {(BUDGET, "H"), (FOOTNOTES, "E")}
VARIANTS = ("typed", "formulas")
#: A digit one too high, the last two digits swapped, the decimal point a place to the right or the left
#: (every digit kept, as typed), and a figure typed as 0 (left out).
TYPOS = ("plus_one", "swap", "times_ten", "tenth", "zero")


def _number(value) -> Decimal:
    return Decimal(0) if value in ("-", None) else Decimal(str(value))


@cache
def true_values() -> dict[tuple[str, str], Decimal]:
    """Every cell a typo is planted in, with its true figure (the sample's, F4 corrected)."""
    cells: dict[tuple[str, str], Decimal] = {}
    for index, row in enumerate(SEED_ROWS):
        for column, value in zip("CDEF", row[2:6], strict=True):
            cells[(BUDGET, f"{column}{FIRST_ROW + index}")] = _number(value).quantize(FOUR)
    cells[(BUDGET, "F4")] = Decimal("102.8968")
    for index, note in enumerate(SEED_FOOTNOTES):
        cells[(FOOTNOTES, f"D{FIRST_ROW + index}")] = _number(note[3]).quantize(FOUR)
    for index, project in enumerate(SEED_PROJECTS):
        for column, value in zip("EFGH", project[4:8], strict=True):
            cells[(PROJECTS, f"{column}{FIRST_ROW + index}")] = _number(value)
    return cells


def mistype(value: Decimal, typo: str, cell: tuple[str, str]) -> Decimal | None:
    """The typo of ``value``; None when it would not change it (10 × 0, swapping 00, 0 for 0)."""
    if typo == "plus_one":
        typed = value + 1
    elif typo == "times_ten":
        typed = value * 10
    elif typo == "tenth":
        typed = value / 10
    elif typo == "zero":
        typed = Decimal(0)
    else:
        digits = f"{value:.4f}" if cell[0] != PROJECTS else f"{value:.2f}"
        typed = Decimal(digits[:-2] + digits[-1] + digits[-2])
    return None if typed == value else typed


def _budget_inputs(edits: dict) -> dict[int, tuple[float, float, float, float]]:
    """Each budget row's (1)-(4) as typed in the book after ``edits``."""
    rows = {}
    for index, row in enumerate(SEED_ROWS):
        number = FIRST_ROW + index
        values = [float(edits.get((BUDGET, f"{c}{number}"), _number(v))) for c, v in zip("CDEF", row[2:6], strict=True)]
        rows[number] = tuple(values)
    return rows


def book(variant: str, edits: dict):
    """The sample with ``edits`` ((sheet, cell) → value), its (5) and % typed or left to formulas."""
    edits = {**{k: float(v) for k, v in F4_CORRECTED.items()}, **edits}
    if variant == "typed":
        return sample_quarter(edits)
    formulas, saved = {}, dict(edits)
    for row, (plan, paid, carried, reserved) in _budget_inputs(edits).items():
        result = paid + carried + reserved  # what Excel saves for =D+E+F, and for =G/C
        formulas[(BUDGET, f"G{row}")], saved[(BUDGET, f"G{row}")] = f"=D{row}+E{row}+F{row}", result
        formulas[(BUDGET, f"H{row}")], saved[(BUDGET, f"H{row}")] = f"=G{row}/C{row}", result / plan if plan else 0
    return sample_quarter(saved, formulas)


def cell_value(sheet: str, cell: str, fix) -> float:
    """A fix as it is typed into its cell: a % into a 0% cell as its fraction."""
    value = float(Decimal(str(fix)))
    return value / 100 if (sheet, cell.rstrip("0123456789")) in PERCENT_COLUMNS else value


@dataclass(frozen=True)
class Outcome:
    variant: str
    cell: tuple[str, str]
    typo: str
    typed: Decimal
    silent: bool  # no error or warning at all
    wrong_fixes: tuple[tuple[str, str, object], ...]  # fixes offered at cells never mistyped
    named: bool  # the cell is a finding's cell, the cause it follows from, or among its candidates
    true_fix: bool  # the true value is offered at the cell
    wrong_value: bool  # a value other than the true one is offered at the cell
    spans: tuple[tuple[Decimal, Decimal], ...]  # where no value is offered: the values the root cause says fit
    followed_clean_but_wrong: bool  # typing every offered fix ends with no error or warning, yet a figure is wrong
    followed_to_truth: bool  # typing the offered fixes ends with every figure right

    @property
    def case(self) -> str:
        return f"{self.variant}:{self.cell[0]}!{self.cell[1]}:{self.typo}"


def _errors_and_warnings(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is not Severity.INFO]


@cache
def _base_warnings(variant: str) -> frozenset[tuple[str, str, str]]:
    """The clean book's own warnings (two KPIs counted complete below target): not the typo's doing."""
    return frozenset((f.code, f.sheet, f.cell) for f in _errors_and_warnings(run_checks(book(variant, {}))))


def _said(findings: list[Finding], variant: str) -> list[Finding]:
    """The errors and warnings the clean book does not have: what the typo makes the check say."""
    return [f for f in _errors_and_warnings(findings) if (f.code, f.sheet, f.cell) not in _base_warnings(variant)]


def _names(findings: list[Finding], cell: tuple[str, str]) -> bool:
    for f in findings:
        if (f.sheet, f.cell) == cell and (f.severity is not Severity.INFO or f.code == "ROOT_CAUSE"):
            return True
        refs = [*f.candidates, *([f.caused_by] if f.caused_by else [])]
        if any((r.sheet, r.cell) == cell for r in refs):
            return True
    return False


@cache
def _true_figures(variant: str):
    return snapshot(book(variant, {}))


def _follow(variant: str, edits: dict, findings: list[Finding], rounds: int = 6) -> tuple[bool, bool]:
    """Type every offered fix, check again, repeat: (ends clean with a wrong figure, ends right)."""
    edits = dict(edits)
    for _ in range(rounds):
        fixes = {(f.sheet, f.cell): f.fix for f in findings if f.fix is not None and f.severity is Severity.ERROR}
        if not fixes:
            break
        edits.update({key: cell_value(*key, fix) for key, fix in fixes.items()})
        findings = run_checks(book(variant, edits))
    clean = not _said(findings, variant)
    right = snapshot(book(variant, edits)) == _true_figures(variant)
    return clean and not right, clean and right


def run_case(variant: str, cell: tuple[str, str], typo: str) -> Outcome | None:
    true = true_values()[cell]
    typed = mistype(true, typo, cell)
    if typed is None:
        return None
    edits = {cell: cell_value(*cell, typed) if cell[0] != BUDGET else float(typed)}
    findings = run_checks(book(variant, edits))
    wrong = tuple((f.sheet, f.cell, f.fix) for f in findings if f.fix is not None and (f.sheet, f.cell) != cell)
    fixed_here = {f.fix for f in findings if f.fix is not None and (f.sheet, f.cell) == cell}
    clean_but_wrong, to_truth = _follow(variant, edits, findings)
    return Outcome(
        variant=variant,
        cell=cell,
        typo=typo,
        typed=typed,
        silent=not _said(findings, variant),
        wrong_fixes=wrong,
        named=_names(findings, cell),
        true_fix=any(Decimal(str(v)) == true for v in fixed_here),
        wrong_value=any(Decimal(str(v)) != true for v in fixed_here),
        spans=tuple(
            (f.params["low"], f.params["high"])
            for f in findings
            if f.code == "ROOT_CAUSE" and (f.sheet, f.cell) == cell and "low" in f.params
        ),
        followed_clean_but_wrong=clean_but_wrong,
        followed_to_truth=to_truth,
    )


def every_case(variant: str) -> Iterator[Outcome]:
    for cell in true_values():
        for typo in TYPOS:
            outcome = run_case(variant, cell, typo)
            if outcome is not None:
                yield outcome


@dataclass(frozen=True)
class Rates:
    cases: int
    silent: int
    wrong_fix: int
    named: int
    true_fix: int
    wrong_value: int
    clean_but_wrong: int

    def percent(self, count: int) -> str:
        return f"{100 * count / self.cases:.1f}%"


def rates(outcomes: list[Outcome]) -> Rates:
    return Rates(
        cases=len(outcomes),
        silent=sum(o.silent for o in outcomes),
        wrong_fix=sum(bool(o.wrong_fixes) for o in outcomes),
        named=sum(o.named for o in outcomes),
        true_fix=sum(o.true_fix for o in outcomes),
        wrong_value=sum(o.wrong_value for o in outcomes),
        clean_but_wrong=sum(o.followed_clean_but_wrong for o in outcomes),
    )
