"""Every quarter in a book as one table of figures: the history rows and this quarter's own.

``records(quarter)`` gives one ``Figure`` per figure of every quarter the book holds — the history
tables as read (``schema.HISTORY_*``) and this quarter's figures as its report prints them
(``snapshot.snapshot``, the same rows the next quarter's history will hold) — each with the sheet
and cell it was read from. ``frame(quarter)`` is the same as a pandas DataFrame (the export and
any analysis), ``pivot`` a figure by quarter. ``year(quarter)`` lays the fiscal year so far out by
quarter for the report's comparison sheet.

The report path uses ``records`` and ``year`` only, never pandas: importing pandas alone would
cost the report about a quarter of its time on the sample. pandas is imported inside ``frame``
and ``pivot``, so nothing the reader, the checks or the UDFs import pulls it in.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import rules, schema
from .codes import TOTAL
from .model import AMOUNTS, PLAN_KINDS, Located, Period, Quarter, Value

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped]

FigureValue = Decimal | str

#: The comparison sheet's project measures, in the summary's order.
PROJECT_MEASURES = ("ops_plan", "ops_result", "fin_plan", "fin_result")
TARGET_KINDS = ("overall", "current", "investment")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of one quarter: where it belongs (table, key, field) and where it was read."""

    fiscal_year: int
    """The fiscal year, Buddhist era (2563)."""
    quarter: int
    table: str
    """``budget``, ``project`` or ``kpi``."""
    key: str
    """The budget line's code, the project's number, or ``project:indicator`` for a KPI."""
    field: str
    """The history table's field: ``result``, ``pct``, ``fin_result`` …"""
    value: Value
    """The figure as the quarter's report prints it (a FigureValue: a number, or a word such as a status)."""
    sheet: str = ""
    """Where it was read (empty when computed)."""
    cell: str = ""


#: The frame's columns, in order: a ``Figure``'s fields (the export's CSV header and JSON rows).
COLUMNS = tuple(f.name for f in fields(Figure))


@dataclass(frozen=True)
class Source:
    """A history table and how its rows are keyed."""

    name: str
    table: schema.Table
    history: str  # the Quarter field holding its rows
    keys: tuple[str, ...]

    @property
    def fields(self) -> tuple[str, ...]:
        """The figures of a row: every column but the period and the key (names and texts included)."""
        skip = {"fiscal_year", "quarter", *self.keys}
        return tuple(c.field for c in self.table.columns if c.field not in skip)

    def key(self, row: Any) -> str:
        return ":".join(str(getattr(row, k) or "") for k in self.keys)


SOURCES = (
    Source("budget", schema.HISTORY_BUDGET, "history_budget", ("code",)),
    Source("project", schema.HISTORY_PROJECTS, "history_projects", ("number",)),
    Source("kpi", schema.HISTORY_KPIS, "history_kpis", ("project", "indicator")),
)


# --- the tidy rows ---------------------------------------------------------------------------------


def records(quarter: Quarter, tables: Iterable[str] = ("budget", "project", "kpi")) -> list[Figure]:
    """Every figure of every quarter in the book, in period order (each period: budget lines,
    projects, KPIs, each in its table's order). For this quarter's own period its figures win
    over a history row of the same period. ``tables``: only these (the comparison sheet needs no KPIs)."""
    wanted = set(tables)
    own = quarter.settings.period
    by_period: dict[tuple[int, int], list[Figure]] = {}
    for source in SOURCES:
        for row in getattr(quarter, source.history) if source.name in wanted else ():
            if row.period is not None and row.period != own:
                by_period.setdefault(row.period, []).extend(_figures(source, row))
    if own is not None:
        own_rows = ((s, row) for s, row in _own_rows(quarter) if s.name in wanted)
        by_period[own] = [f for source, row in own_rows for f in _figures(source, row)]
    order = {s.name: i for i, s in enumerate(SOURCES)}
    return [f for period in sorted(by_period) for f in sorted(by_period[period], key=lambda f: order[f.table])]


def _own_rows(quarter: Quarter) -> Iterator[tuple[Source, Period]]:
    """This quarter's figures as history rows (what its report prints), each pointing at the cell it
    was read from — only where the printed figure is the typed one: a recomputed (5), a finance %
    from the budget lines or a status by the rule comes from no single cell, so it names none. The
    snapshot's rows follow the budget, project and KPI tables' order."""
    from .snapshot import snapshot  # the report's figures, computed once (compute.figures_of)

    lines, projects, kpis = snapshot(quarter)
    tables: tuple[tuple[Sequence[Period], Sequence[Located]], ...] = (
        (lines, quarter.budget),
        (projects, quarter.project_rows),
        (kpis, quarter.kpis),
    )
    for source, (rows, read) in zip(SOURCES, tables, strict=True):
        for row, own in zip(rows, read, strict=True):
            cells = {f: where for f, where in own.cells.items() if _same(getattr(row, f, None), getattr(own, f, None))}
            yield source, row.copy_with({"cells": cells})


def _same(printed: object, typed: object) -> bool:
    """The printed figure is the typed one (amounts as shown, to 4 decimals)."""
    if isinstance(printed, Decimal) and isinstance(typed, Decimal):
        return printed == rules.shown(typed)
    return printed == typed


def _figures(source: Source, row: Period) -> Iterator[Figure]:
    fy, q = row.period  # type: ignore[misc]  # callers pass rows with a period
    key = source.key(row)
    for field in source.fields:
        value = _value(getattr(row, field))
        if value is not None:
            where = row.at(field)
            sheet, cell = (where.sheet, where.cell) if where is not None else ("", "")
            yield Figure(fy, q, source.name, key, field, value, sheet, cell)


def _value(value: object) -> FigureValue | None:
    """Decimal for figures and counts, the Thai word for a status, text as it is; None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, rules.Status):
        return rules.STATUS_LABELS["th"][value]
    if isinstance(value, int | Decimal):
        return Decimal(value)
    return str(value)


# --- pandas ------------------------------------------------------------------------------------------


def frame(quarter: Quarter) -> pandas.DataFrame:
    """``records`` as a tidy DataFrame (``COLUMNS``); ``value`` holds Decimals and text."""
    import pandas  # type: ignore[import-untyped]

    rows = [[getattr(f, c) for c in COLUMNS] for f in records(quarter)]
    return pandas.DataFrame(rows, columns=list(COLUMNS)).astype({"fiscal_year": "int64", "quarter": "int64"})


def pivot(figures: pandas.DataFrame, table: str, field: str, fiscal_year: int) -> pandas.DataFrame:
    """One figure by quarter of a fiscal year: a row per key (in first-seen order), a column per
    quarter. A key given twice in a quarter (a duplicate code) counts once, its first row."""
    rows = figures[(figures["table"] == table) & (figures["field"] == field) & (figures["fiscal_year"] == fiscal_year)]
    rows = rows.drop_duplicates(["key", "quarter"])
    keys = list(dict.fromkeys(rows["key"]))
    return rows.pivot(index="key", columns="quarter", values="value").reindex(keys)


# --- the fiscal year so far, for the comparison sheet ------------------------------------------------


@dataclass(frozen=True)
class Track:
    """One budget line or project through the quarters of the year: field → a value per quarter."""

    key: str
    name: str
    values: dict[str, tuple[FigureValue | None, ...]]

    def at(self, field: str, index: int) -> FigureValue | None:
        return self.values[field][index] if field in self.values else None

    def series(self, field: str) -> tuple[FigureValue | None, ...]:
        return self.values[field]


@dataclass(frozen=True)
class Year:
    """The fiscal year so far: the quarters with figures (this one last), per budget line and
    project its figures at each, and the disbursement targets typed for them."""

    fiscal_year: int
    quarters: tuple[int, ...]
    budget: tuple[Track, ...]
    projects: tuple[Track, ...]
    targets: dict[str, tuple[Decimal | None, ...]]  # only the kinds typed for some quarter

    @property
    def previous(self) -> int | None:
        """Index of last quarter (the one before this) among ``quarters``; None when it is not there."""
        if len(self.quarters) > 1 and self.quarters[-2] == self.quarters[-1] - 1:
            return len(self.quarters) - 2
        return None

    def change(self, track: Track, field: str) -> Decimal | None:
        """This quarter's figure minus last quarter's, as shown (amounts to 4 decimals)."""
        if self.previous is None:
            return None
        now, before = track.at(field, -1), track.at(field, self.previous)
        if not isinstance(now, Decimal) or not isinstance(before, Decimal):
            return None
        if field in AMOUNTS:
            return rules.shown(now) - rules.shown(before)
        return now - before  # percentage points

    def target(self, index: int, kind: str = "overall") -> Decimal | None:
        return self.targets[kind][index] if kind in self.targets else None

    def below_target(self, pct: FigureValue | None, index: int) -> bool | None:
        """A cumulative % below the overall target of its quarter; None without either."""
        target = self.target(index)
        if target is None or not isinstance(pct, Decimal):
            return None
        return pct < target


def year(quarter: Quarter) -> Year | None:
    """The fiscal year so far, or None when the history holds no earlier quarter of this year
    (a book without history, or the first quarter of a year): nothing to compare then."""
    own = quarter.settings.period
    if own is None:
        return None
    fy, now = own
    figures = [f for f in records(quarter, ("budget", "project")) if f.fiscal_year == fy and f.quarter <= now]
    quarters = tuple(sorted({f.quarter for f in figures}))
    if len(quarters) < 2:
        return None
    index = {q: i for i, q in enumerate(quarters)}
    budget = _tracks([f for f in figures if f.table == "budget"], index, ("name", "result", "pct"), "name")
    projects = _tracks(
        [f for f in figures if f.table == "project"], index, ("short_name", *PROJECT_MEASURES), "short_name"
    )
    projects = [_planned(track, quarter, quarters) for track in projects]
    return Year(fy, quarters, _total_last(budget), tuple(projects), _targets(quarter, fy, quarters))


def _planned(track: Track, quarter: Quarter, quarters: tuple[int, ...]) -> Track:
    """A project's plan % at each quarter from the year's plan (``tblPlan``), where it gives one."""
    plan = next((p for p in quarter.plans if p.number == track.key), None)
    if plan is None:
        return track
    values = dict(track.values)
    for field, kind in PLAN_KINDS.items():
        if field in values:
            planned = (plan.plan(kind, q) for q in quarters)
            values[field] = tuple(old if new is None else new for new, old in zip(planned, values[field], strict=True))
    return Track(track.key, track.name, values)


def _tracks(figures: Sequence[Figure], index: dict[int, int], fields: Iterable[str], name: str) -> list[Track]:
    """A track per key, keys in this quarter's order and then those only earlier quarters have."""
    wanted = tuple(fields)
    cells: dict[str, dict[str, list[FigureValue | None]]] = {}
    latest = max(index)
    keys = [f.key for f in figures if f.quarter == latest] + [f.key for f in figures]
    for key in dict.fromkeys(keys):
        cells[key] = {field: [None] * len(index) for field in wanted}
    for f in figures:
        if f.field in wanted and cells[f.key][f.field][index[f.quarter]] is None:  # a duplicate key: the first
            cells[f.key][f.field][index[f.quarter]] = f.value
    tracks = []
    for key, values in cells.items():
        names = [v for v in reversed(values.pop(name)) if v]
        tracks.append(Track(key, str(names[0]) if names else "", {k: tuple(v) for k, v in values.items()}))
    return tracks


def _total_last(tracks: list[Track]) -> tuple[Track, ...]:
    return tuple(sorted(tracks, key=lambda t: t.key == TOTAL))


def _targets(quarter: Quarter, fy: int, quarters: tuple[int, ...]) -> dict[str, tuple[Decimal | None, ...]]:
    rows = {row.quarter: row for row in reversed(quarter.targets) if row.fiscal_year == fy}  # the first row wins
    targets = {}
    for kind in TARGET_KINDS:
        values = tuple(getattr(rows[q], kind) if q in rows else None for q in quarters)
        if any(v is not None for v in values):
            targets[kind] = values
    return targets
