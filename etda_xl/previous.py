"""The previous quarter of the same fiscal year, as the book's history holds it: which of its rows is
which row of this quarter, and the floors its cumulative figures set.

Within a fiscal year the budget's paid (2) and carried-over disbursement (3) are cumulative, so a
figure lower than last quarter's is a typo. Everything is compared with the previous quarter *of the
same fiscal year* only: Q1 starts a new year from zero. The quarter-on-quarter checks
(``checks.history``) and the equations (``compute``: ``equations.Floor``) read what is gathered here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import rules
from .codes import TOTAL, row_key
from .model import (
    ROW_TERMS,
    BudgetLine,
    CellRef,
    Kpi,
    PastKpi,
    PastLine,
    PastProject,
    Period,
    Project,
    Quarter,
    per_quarter,
)
from .thai import previous_period


def previous_in_year(quarter: Quarter) -> tuple[int, int] | None:
    """The quarter before this one in the same fiscal year; None for Q1 (a new year starts at zero)."""
    period = quarter.settings.period
    if period is None or period[1] <= 1:
        return None
    return previous_period(*period)


# --- keys: which row of last quarter is which row of this one ----------------------------------------


def indicator_key(text: str) -> str:
    return " ".join(text.split())


def line_key(line: BudgetLine | PastLine) -> str:
    return TOTAL if isinstance(line, BudgetLine) and line.is_total else row_key(line.code)


def project_key(project: Project | PastProject) -> str:
    return TOTAL if isinstance(project, Project) and project.is_total else row_key(project.number)


def kpi_key(kpi: Kpi | PastKpi) -> tuple[str, str]:
    return (row_key(kpi.project), indicator_key(kpi.indicator))


def rows_of(rows: Sequence[Period], period: tuple[int, int] | None, key: Callable[[Any], Hashable]) -> dict:
    """The rows of ``period`` by key, the first where a key repeats (HISTORY_DUPLICATE says so)."""
    found: dict = {}
    if period is not None:
        for row in rows:
            if row.period == period:
                found.setdefault(key(row), row)
    return found


@dataclass(frozen=True)
class Previous:
    """The previous quarter of the same fiscal year, as the history holds it (empty dicts: not held)."""

    period: tuple[int, int]
    lines: dict[str, PastLine]
    projects: dict[str, PastProject]
    kpis: dict[tuple[str, str], PastKpi]


@per_quarter
def previous(quarter: Quarter) -> Previous | None:
    """The previous quarter's rows (gathered once per Quarter: a dozen checks ask for them)."""
    period = previous_in_year(quarter)
    if period is None:
        return None
    return Previous(
        period,
        rows_of(quarter.history_budget, period, line_key),
        rows_of(quarter.history_projects, period, project_key),
        rows_of(quarter.history_kpis, period, kpi_key),
    )


def past_result(past: PastLine) -> Decimal | None:
    """The (5) last quarter's report printed: the history holds it (``snapshot.snapshot``); where it
    is blank, (2)+(3)+(4)."""
    if past.result is not None:
        return rules.shown(past.result)
    return rules.shown_sum(getattr(past, f) for f in ROW_TERMS)


#: The budget's cumulative figures: never lower than last quarter's within a fiscal year.
CUMULATIVE_FIELDS = ("paid", "carried")


@dataclass(frozen=True)
class CumulativeFloor:
    """The least a paid (2) or carried (3) cell may hold: last quarter's figure, and where it stands."""

    line: BudgetLine
    field: str
    cell: CellRef
    floor: Decimal
    past: PastLine
    period: tuple[int, int]


def cumulative_floors(quarter: Quarter) -> list[CumulativeFloor]:
    """The floors last quarter sets on this quarter's paid (2) and carried (3) cells; none without a
    previous quarter in the history."""
    before = previous(quarter)
    if before is None:
        return []
    floors = []
    for line in quarter.budget:
        past = before.lines.get(line_key(line))
        for field in CUMULATIVE_FIELDS:
            where, value = line.at(field), None if past is None else getattr(past, field)
            if past is not None and where is not None and value is not None:
                floors.append(CumulativeFloor(line, field, where, rules.shown(value), past, before.period))
    return floors
