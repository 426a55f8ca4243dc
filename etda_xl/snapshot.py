"""Earlier quarters as history rows: what a quarter's report printed, carried from book to book.

``snapshot(quarter)`` turns a quarter into the rows of the history tables (``schema.HISTORY_*``):
per budget line (1)–(4) as shown, the (5) and % the report prints; per project its plan/result %,
KPI count, completed and the rule's status; per KPI its target and result. The figures come from
``compute.figures_of``, so a history row holds exactly what that quarter's report showed.

``with_previous(quarter, previous)`` gives ``quarter`` the history ``previous`` would hand on to the
quarter after it (its own snapshot and the history it carries), one source per quarter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from . import compute, rules
from .model import Kpi, PastKpi, PastLine, PastProject, Period, Quarter

Row = TypeVar("Row", bound=Period)
History = tuple[list[PastLine], list[PastProject], list[PastKpi]]

#: The history fields of ``Quarter``, in the order of ``schema.HISTORY_TABLES``.
HISTORY_FIELDS = ("history_budget", "history_projects", "history_kpis")


def snapshot(quarter: Quarter) -> History:
    """The quarter's own figures as history rows: what its report printed, without cells."""
    figures = compute.figures_of(quarter)
    fy, q = quarter.settings.fiscal_year, quarter.settings.quarter
    lines = [
        PastLine(
            fiscal_year=fy,
            quarter=q,
            code=f.line.code,
            name=f.line.name,
            plan=f.plan,
            paid=rules.shown_if_any(f.line.paid),
            carried=rules.shown_if_any(f.line.carried),
            reserved=rules.shown_if_any(f.line.reserved),
            result=f.printed_result,
            pct=f.printed_pct,
        )
        for f in figures.lines
    ]
    projects = [
        PastProject(
            fiscal_year=fy,
            quarter=q,
            number=p.project.number,
            short_name=p.project.short_name,
            ops_plan=p.project.ops_plan,
            ops_result=p.project.ops_result,
            fin_plan=p.project.fin_plan,
            fin_result=p.pct,
            kpi_count=p.kpi_count,
            kpi_done=p.project.kpi_done,
            status=p.status,
        )
        for p in figures.projects
    ]
    kpis = [_past_kpi(kpi, fy, q) for kpi in quarter.kpis]
    return lines, projects, kpis


def _past_kpi(kpi: Kpi, fy: int | None, q: int | None) -> PastKpi:
    return PastKpi(
        fiscal_year=fy, quarter=q, project=kpi.project, indicator=kpi.indicator, target=kpi.target, result=kpi.result
    )


def history_of(quarter: Quarter) -> History:
    """The history the book carries, as read."""
    return quarter.history_budget, quarter.history_projects, quarter.history_kpis


def handed_on(*quarters: Quarter) -> History:
    """What books hand on to the quarter after them, one source per quarter: each book's own snapshot
    wins for its quarter, then the history the books carry, the latest book's first."""
    latest_first = sorted(quarters, key=lambda q: q.settings.period or (0, 0), reverse=True)
    return merge(*map(snapshot, latest_first), *(_uncelled(history_of(q)) for q in latest_first))


def merge(*histories: History) -> History:
    """The histories together, one source per quarter and table: the first that holds a quarter wins.

    Rows come out in period order (fiscal year, quarter), each period's rows in their own order.
    """
    return tuple(merge_rows([h[i] for h in histories]) for i in range(len(HISTORY_FIELDS)))  # type: ignore[return-value]


def merge_rows(sources: Sequence[Sequence[Row]]) -> list[Row]:
    """Rows by quarter from several sources: the first source holding a quarter gives all its rows."""
    taken: dict[tuple[int, int] | None, list[Row]] = {}
    for rows in sources:
        own: dict[tuple[int, int] | None, list[Row]] = {}
        for row in rows:
            own.setdefault(row.period, []).append(row)
        for period, group in own.items():
            taken.setdefault(period, group)
    known = sorted(p for p in taken if p is not None)
    return [row for period in known for row in taken[period]] + taken.get(None, [])


def _uncelled(history: History) -> History:
    return tuple(without_cells(rows) for rows in history)  # type: ignore[return-value]


def without_cells(rows: Iterable[Row]) -> list[Row]:
    """Rows of another book without their cells (they point into that book, not this one)."""
    return [row.copy_with({"cells": {}, "formulas": {}}) for row in rows]


def with_history(quarter: Quarter, history: History) -> Quarter:
    """A copy of ``quarter`` whose history tables hold ``history``."""
    return quarter.copy_with(dict(zip(HISTORY_FIELDS, history, strict=True)))


def with_previous(quarter: Quarter, previous: Quarter) -> Quarter:
    """A copy of ``quarter`` whose history also holds ``previous``'s snapshot and the history it carries.

    For ``previous``'s own quarter its snapshot wins; for the others the book's own history (the
    user may have corrected it) wins over what ``previous`` carries.
    """
    own_snapshot = snapshot(previous)
    return with_history(quarter, merge(own_snapshot, history_of(quarter), _uncelled(history_of(previous))))
