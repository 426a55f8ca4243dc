"""Small quarters for tests: a ``Quarter`` built in memory, row by row, carrying the cells a reader gives.

    quarter = (QuarterBuilder(fiscal_year=2563, quarter=4)
               .line("1", "แผนงานดิจิทัล", plan="10", paid="4", carried="1", reserved="2")
               .line("1.1", "งานบุคลากร", plan="6", paid="3", carried="0", reserved="1")
               .line("1.2", "งานโครงการ", plan="4", paid="1", carried="1", reserved="1")
               .line("รวม", "รวมทั้งสิ้น", plan="10", paid="4", carried="1", reserved="2")
               .project("1", "Digital ID", ops_plan=100, ops_result=90, fin_plan=100, budget_codes="1.2",
                        kpi_count=1, kpi_done=1, kpis=[("จำนวนคู่มือ", "2 ฉบับ", "2")])
               .build())

Keywords are the schema's column fields (``schema.BUDGET`` …; any other is refused). Figures are Decimal, or
str/int for brevity; percentages whole, as the model holds them (84 for 84%); other cells as the book holds
them (a ``Status`` or "เขียว", True or "มี", a list or "1.2, 1.3"), words read by the reader's own parsers.
A field left out is a blank cell, read as the reader reads one (the column's default). Derived figures — (5),
%, the total rows, status — stay blank for the checks to work out, unless a test types one, wrong on purpose.

Each table lies where the input book puts it (``inputbook``: header on row ``HEADER_ROW + 1`` of its sheet,
from column A; a sheet's next table one column right of the one before, as the template lays out the history),
so a finding names the cell it would name in a real book. ``test_builder`` holds the sample built here equal
to the sample read from its file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Self

from etda_xl import parsers, schema
from etda_xl.a1 import to_a1
from etda_xl.codes import TOTAL
from etda_xl.decimals import to_decimal
from etda_xl.inputbook import HEADER_ROW, first_columns
from etda_xl.model import CellRef, Quarter, Settings
from etda_xl.schema import Column, Kind, Table
from etda_xl.thai import quarter_bounds
from etda_xl.workbook import MODELS, ROW_TABLES, TOTAL_FIELD, _fill_down_sources, _is_total

_FIGURES = (Kind.AMOUNT, Kind.PERCENT, Kind.COUNT)


@dataclass(frozen=True)
class Place:
    """Where a table lies: its sheet and its header row's first cell (1-based row and column)."""

    sheet: str
    row: int
    col: int
    columns: tuple[Column, ...] = field(repr=False)

    def cell(self, index: int, name: str) -> CellRef:
        """The cell of data row ``index`` (0 = the row under the header) in field ``name``'s column."""
        col = self.col + next(i for i, c in enumerate(self.columns) if c.field == name)
        return CellRef(self.sheet, to_a1(self.row + 1 + index, col))

    def extent(self, rows: int) -> tuple[str, int, int, int, int]:
        """(sheet, first row, first column, last row, last column), header included; an Excel table keeps
        one data row even when empty."""
        return self.sheet, self.row, self.col, self.row + max(rows, 1), self.col + len(self.columns) - 1


def layout() -> dict[str, Place]:
    """Every input table's place, as the template writes them (``template.inputs.write_inputs``)."""
    starts = first_columns()
    return {t.name: Place(t.sheet, HEADER_ROW + 1, starts[t.name] + 1, t.input_columns) for t in schema.INPUT_TABLES}


def as_read(column: Column, value: Any, where: str = "") -> Any:
    """``value`` as the reader holds the cell: blank as the column's default, figures as Decimal (a count as
    int), words through the column's parser; a value already the model's (a Status, a date) as it is."""
    if parsers.is_blank(value):
        return parsers.parse(column, None).value
    if column.kind in _FIGURES:
        number = to_decimal(value)
        if number is None:
            raise ValueError(f"{where}{column.field}: {value!r} is not a number")
        return int(number) if column.kind is Kind.COUNT else number
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        parsed = parsers.parse(column, value)
        if any(p.severity == "error" for p in parsed.problems):
            raise ValueError(f"{where}{column.field}: the reader would not take {value!r}")
        return parsed.value
    return value


@dataclass
class _Row:
    fields: dict[str, Any]  # as typed
    formulas: dict[str, str]  # field → its cell's formula


class QuarterBuilder:
    """A quarter's tables, row by row; ``build`` makes the Quarter."""

    def __init__(self, fiscal_year: int = 2563, quarter: int = 4, **settings: Any) -> None:
        """Settings by their schema keys (``schema.SETTING_ROWS``); "as of" defaults to the quarter's last day."""
        _refuse_unknown("settings", {c.field for c in schema.SETTING_ROWS}, settings)
        as_of = quarter_bounds(fiscal_year, quarter)[1]
        self._settings = {"fiscal_year": fiscal_year, "quarter": quarter, "as_of": as_of, **settings}
        self._rows: dict[str, list[_Row]] = {table.name: [] for table in ROW_TABLES.values()}

    def row(self, table: Table, *, formulas: dict[str, str] | None = None, **fields: Any) -> Self:
        """A row of any input table (the history's, the targets', the year's plan too), by its fields.
        ``formulas``: field → the formula its cell holds ("=D4+E4+F4"); the field's value is the one it saved."""
        _refuse_unknown(table.name, {c.field for c in table.input_columns}, {**fields, **(formulas or {})})
        self._rows[table.name].append(_Row(fields, dict(formulas or {})))
        return self

    def line(self, code: str, name: str = "", **figures: Any) -> Self:
        """A budget line; code "รวม" for the grand total. Figures: plan, paid, carried, reserved, result, pct."""
        return self.row(schema.BUDGET, code=code, name=name, **figures)

    def project(self, number: str, short_name: str = "", *, kpis: tuple | list = (), **fields: Any) -> Self:
        """A project's summary row ("รวม" for the total row); ``kpis``: its KPIs as (indicator, target, result)."""
        self.row(schema.PROJECTS, number=number, short_name=short_name, **fields)
        for indicator, target, result in kpis:
            self.kpi(number, indicator, target, result)
        return self

    def kpi(self, project: str, indicator: str, target: str, result: str, **fields: Any) -> Self:
        return self.row(schema.KPIS, project=project, indicator=indicator, target=target, result=result, **fields)

    def footnote(self, number: str, lines: str, **fields: Any) -> Self:
        """A footnote subtotal: lines "1.2-1.3" (a range) or "1.1+1.2" (a list); result, pct, part_of."""
        return self.row(schema.FOOTNOTES, number=number, lines=lines, **fields)

    def obstacle(self, topic: str, text: str = "") -> Self:
        return self.row(schema.OBSTACLES, topic=topic, text=text)

    def change(self, table: Table, key: str, *, formulas: dict[str, str] | None = None, **fields: Any) -> Self:
        """The first row whose first column reads ``key`` (a budget code, a project's number …) with ``fields``
        (and ``formulas``) typed over it: one quarter, one cell mistyped."""
        _refuse_unknown(table.name, {c.field for c in table.input_columns}, {**fields, **(formulas or {})})
        first = table.input_columns[0].field
        row = next((r for r in self._rows[table.name] if r.fields.get(first) == key), None)
        if row is None:
            raise KeyError(f"{table.name} has no row {first} = {key!r}")
        row.fields.update(fields)
        row.formulas.update(formulas or {})
        return self

    def build(self) -> Quarter:
        places = layout()
        rows: dict[str, Any] = {}  # Quarter field → its models
        for name, table in ROW_TABLES.items():
            rows[name] = [_model(table, places[table.name], i, row) for i, row in enumerate(self._rows[table.name])]
        quarter = Quarter(settings=self._built_settings(places[schema.SETTINGS.name]), **rows)
        _fill_down_sources(quarter.kpis)
        # A book always has the quarter's own tables; the optional ones (history, targets, plan) here when used.
        present = [t for t in schema.INPUT_TABLES if not t.optional or self._rows[t.name]]
        quarter.tables = {t.name: CellRef(t.sheet, to_a1(places[t.name].row, places[t.name].col)) for t in present}
        quarter.extents = {t.name: places[t.name].extent(self._count(t)) for t in present}
        return quarter

    def _count(self, table: Table) -> int:
        return len(schema.SETTING_ROWS) if table is schema.SETTINGS else len(self._rows[table.name])

    def _built_settings(self, place: Place) -> Settings:
        """One settings row per key, in the schema's order, its value in the ``value`` column."""
        values = {c.field: as_read(c, self._settings.get(c.field), "settings: ") for c in schema.SETTING_ROWS}
        cells = {c.field: place.cell(i, "value") for i, c in enumerate(schema.SETTING_ROWS)}
        return Settings(**{k: v for k, v in values.items() if v is not None and v != ""}, cells=cells)


def _model(table: Table, place: Place, index: int, row: _Row) -> Any:
    """A row as the reader makes it (``workbook._Reader.models``): every column's cell, total rows marked,
    blanks left to the model's defaults."""
    where = f"{table.name} row {index + 1}: "
    fields = {c.field: as_read(c, row.fields.get(c.field), where) for c in table.input_columns}
    total = TOTAL_FIELD.get(table.name)
    if total is not None:
        fields["is_total"] = _is_total(table, fields)
        fields[total] = TOTAL if fields["is_total"] else fields[total]
    cells = {c.field: place.cell(index, c.field) for c in table.input_columns}
    return MODELS[table.name](**{k: v for k, v in fields.items() if v is not None}, cells=cells, formulas=row.formulas)


def _refuse_unknown(what: str, known: set[str], given: dict[str, Any]) -> None:
    unknown = sorted(given.keys() - known)
    if unknown:
        raise TypeError(f"{what} has no field {', '.join(unknown)}; its fields: {', '.join(sorted(known))}")
