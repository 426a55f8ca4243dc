"""A budget code used twice: which of its rows was meant to be which missing code.

When 1.3.2's code is typed 1.3.3, the table holds two 1.3.3 rows and no 1.3.2. The row that was
mistyped is the one whose place, name and plan fit the missing code: it sits where 1.3.2 sorts
(between 1.3.1 and 1.3.3); its name is the name last quarter's history gives 1.3.2, or the name of
the project linked to 1.3.2; its plan (1) is last quarter's plan for 1.3.2. A row is named only when
the evidence points at it alone; otherwise both rows are said to be candidates. Nothing is computed
from a guessed row: a figure that needs the code (a project's finance %) waits for the user.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import rules
from .codes import code_key, is_budget_code, parent_code
from .model import BudgetLine, PastLine, Quarter, per_quarter


@dataclass(frozen=True)
class Mistyped:
    """``line`` carries ``code`` twice over; it was probably meant as ``meant`` (the reasons why)."""

    line: BudgetLine
    code: str
    meant: str
    reasons: tuple[str, ...]  # "place", "name", "plan"


@dataclass(frozen=True)
class Duplicate:
    code: str
    lines: tuple[BudgetLine, ...]  # the rows with this code, in table order
    mistyped: Mistyped | None  # the one row the evidence singles out, if any
    missing: tuple[str, ...]  # the codes it may have been meant as


@per_quarter
def duplicates(quarter: Quarter) -> list[Duplicate]:
    """Every code used by more than one budget line, with the row that was probably mistyped."""
    rows: dict[str, list[BudgetLine]] = defaultdict(list)
    for line in quarter.budget_lines:
        if is_budget_code(line.code):
            rows[line.code].append(line)
    found = []
    for code, lines in rows.items():
        if len(lines) > 1:
            missing = _missing_siblings(quarter, code)
            found.append(Duplicate(code, tuple(lines), _single_out(quarter, lines, missing), tuple(missing)))
    return found


def meant_as(quarter: Quarter, missing: str) -> Mistyped | None:
    """The row that was probably meant as ``missing`` (a code named elsewhere but not in the table)."""
    return next((d.mistyped for d in duplicates(quarter) if d.mistyped and d.mistyped.meant == missing), None)


def _missing_siblings(quarter: Quarter, code: str) -> list[str]:
    """Codes with ``code``'s parent that the table lacks: gaps in the numbering, and codes the projects,
    footnotes or the history name."""
    parent = parent_code(code)
    present = {line.code for line in quarter.budget_lines}
    siblings = [c for c in present if is_budget_code(c) and parent_code(c) == parent]
    last = max(code_key(c)[-1] for c in siblings)
    prefix = f"{parent}." if parent else ""
    gaps = [f"{prefix}{n}" for n in range(1, last + 1)]
    named = [c for p in quarter.project_rows for c in p.budget_codes.codes]
    named += [c for n in quarter.footnotes for c in n.lines.codes] + [row.code for row in quarter.history_budget]
    wanted = dict.fromkeys([*gaps, *(c for c in named if is_budget_code(c) and parent_code(c) == parent)])
    return sorted((c for c in wanted if c not in present), key=code_key)


def _single_out(quarter: Quarter, lines: list[BudgetLine], missing: list[str]) -> Mistyped | None:
    scored = [(reasons, line, meant) for line in lines for meant in missing if (reasons := _fit(quarter, line, meant))]
    if not scored:
        return None
    best = max(len(r) for r, _, _ in scored)
    top = [(r, line, meant) for r, line, meant in scored if len(r) == best]
    if len(top) != 1:
        return None
    reasons, line, meant = top[0]
    return Mistyped(line, line.code, meant, reasons)


def _fit(quarter: Quarter, line: BudgetLine, meant: str) -> tuple[str, ...]:
    """Why ``line`` looks like the row of code ``meant``: its place, its name, its plan."""
    reasons = []
    if _sits_where(quarter, line, meant):
        reasons.append("place")
    past = _latest_past(quarter, meant)
    names = {p.short_name for p in quarter.project_rows if meant in p.budget_codes.codes}
    names |= {p.name_th for p in quarter.project_rows if meant in p.budget_codes.codes} - {""}
    if past is not None and past.name:
        names.add(past.name)
    if line.name and _folded(line.name) in {_folded(n) for n in names if n}:
        reasons.append("name")
    planned = past.plan if past is not None else None
    if planned is not None and line.plan is not None and rules.shown(planned) == rules.shown(line.plan):
        reasons.append("plan")
    return tuple(reasons)


def _sits_where(quarter: Quarter, line: BudgetLine, meant: str) -> bool:
    """The row stands between the proper codes that ``meant`` sorts between."""
    proper = [other for other in quarter.budget_lines if is_budget_code(other.code)]
    index = next(i for i, other in enumerate(proper) if other is line)
    before = code_key(proper[index - 1].code) if index > 0 else ()
    after = code_key(proper[index + 1].code) if index + 1 < len(proper) else None
    key = code_key(meant)
    return before < key and (after is None or key < after)


def _latest_past(quarter: Quarter, code: str) -> PastLine | None:
    rows = [row for row in quarter.history_budget if row.code == code and row.period is not None]
    return max(rows, key=lambda row: row.period or (0, 0)) if rows else None


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()
