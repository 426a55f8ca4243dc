"""Writes the input sheets: one Excel table (ListObject) per ``schema`` table, Thai headers.

Used by ``etda-xl sample`` (the FY2563 Q4 figures as typed values) and by the template builder.
Every user string goes through ``write_string``, so text such as "=1+1" stays text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from . import rules, schema
from .model import Quarter
from .schema import Kind

TITLE_ROW = 0
HEADER_ROW = 2  # zero-based: tables start on row 3, under a title and a blank row

AMOUNT_FORMAT = rules.amount_format()
#: Percentages and counts: whole numbers, 96 for 96% (a typed 96% turns the cell into "0%" and holds 0.96).
WHOLE_FORMAT = "0"
FONT = "TH Sarabun New"


@dataclass(frozen=True)
class Placement:
    """Where a table landed: zero-based header row, first column and number of data rows."""

    sheet: str
    header_row: int
    first_col: int
    rows: int
    columns: tuple[schema.Column, ...] = ()  # as written (computed-only columns when they have a formula)

    def col(self, field_name: str) -> int:
        """Zero-based sheet column of a field."""
        return self.first_col + next(i for i, c in enumerate(self.columns) if c.field == field_name)

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def last_data_row(self) -> int:
        return self.header_row + self.rows


@dataclass(frozen=True)
class FormulaColumn:
    """A calculated column: one formula for every row (Excel repeats it in rows added to the table).

    ``cached`` gives the value each row's cell is saved with — what Excel would show — from the row's
    values (field → value, earlier formula columns included), so a reader sees a correct value
    before Excel ever recalculates.
    """

    formula: str
    cached: Callable[[dict[str, Any]], Any]


class Formats:
    def __init__(self, workbook) -> None:
        base = {"font_name": FONT, "font_size": 14, "valign": "top"}
        self.base = base
        self.title = workbook.add_format({**base, "bold": True, "font_size": 18})
        self.text = workbook.add_format({**base, "text_wrap": True})
        self.code = workbook.add_format({**base, "num_format": "@"})
        self.amount = workbook.add_format({**base, "num_format": AMOUNT_FORMAT})
        self.percent = workbook.add_format({**base, "num_format": "0%"})
        self.whole = workbook.add_format({**base, "num_format": WHOLE_FORMAT})
        self.date = workbook.add_format({**base, "num_format": "d mmm yyyy"})
        self.header = workbook.add_format({**base, "bold": True, "text_wrap": True, "valign": "vcenter"})

    def for_kind(self, kind: Kind):
        return {
            Kind.AMOUNT: self.amount,
            Kind.PERCENT: self.whole,
            Kind.COUNT: self.whole,
            Kind.CODE: self.code,
        }.get(kind, self.text)


def write_value(sheet, row: int, col: int, value: Any, fmt) -> None:
    """Write one typed value as what it is; strings never become formulas."""
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, col, float(value), fmt)
    elif isinstance(value, datetime | date):
        sheet.write_datetime(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def written_columns(table: schema.Table, formulas: Mapping[str, Any] | None = None) -> tuple[schema.Column, ...]:
    """The columns a table is written with: those the reader reads, and a computed one only where its
    formula is given (``formulas``: field → the template's formula)."""
    return tuple(c for c in table.columns if c.kind is not Kind.COMPUTED or c.field in (formulas or {}))


def first_columns(formulas: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, int]:
    """Where each input table starts on its sheet (zero-based column): at A when alone, beside the table
    before it on a shared sheet (the history's three), one blank column apart. ``formulas``: table name →
    its formula columns, as the template writes them (wider by a computed column)."""
    starts: dict[str, int] = {}
    next_col: dict[str, int] = {}
    for table in schema.INPUT_TABLES:
        starts[table.name] = next_col.get(table.sheet, 0)
        width = len(written_columns(table, (formulas or {}).get(table.name)))
        next_col[table.sheet] = starts[table.name] + width + 1
    return starts


def add_input_table(
    workbook,
    formats: Formats,
    table: schema.Table,
    rows: list[dict[str, Any]],
    cell_formats=None,
    *,
    formulas: dict[str, FormulaColumn] | None = None,
    column_formats: dict[str, Any] | None = None,
    min_rows: int = 1,
    first_col: int = 0,
):
    """A titled sheet holding ``table`` with ``rows`` (field → value). Returns its Placement.

    The template adds ``formulas`` for calculated columns (a computed-only column such as the KPI's
    บรรลุเป้าหมาย is written only with its formula), per-column formats, and blank rows up to
    ``min_rows`` to type into. ``first_col`` (zero-based) puts the table beside another on its sheet.
    """
    formulas = formulas or {}
    columns = written_columns(table, formulas)
    sheet = workbook.get_worksheet_by_name(table.sheet) or workbook.add_worksheet(table.sheet)
    sheet.write_string(TITLE_ROW, first_col, table.title, formats.title)
    data_rows = max(len(rows), min_rows, 1)  # an Excel table needs at least one data row
    specs = []
    for c in columns:
        spec = {"header": c.header, "header_format": formats.header}
        if c.field in formulas:
            spec["formula"] = formulas[c.field].formula
        specs.append(spec)
    sheet.add_table(
        HEADER_ROW,
        first_col,
        HEADER_ROW + data_rows,
        first_col + len(columns) - 1,
        {"name": table.name, "style": "Table Style Light 9", "columns": specs},
    )

    def column_format(column: schema.Column):
        return (column_formats or {}).get(column.field) or formats.for_kind(column.kind)

    for col, column in enumerate(columns, first_col):
        sheet.set_column(col, col, column.width, column_format(column))
    for index in range(data_rows):
        values = dict(rows[index]) if index < len(rows) else {}
        for col, column in enumerate(columns, first_col):
            fmt = (cell_formats or {}).get((index, column.field)) or column_format(column)
            if column.field in formulas:
                values[column.field] = formulas[column.field].cached(values)
                sheet.write_formula(
                    HEADER_ROW + 1 + index, col, formulas[column.field].formula, fmt, values[column.field]
                )
            elif index < len(rows):
                write_value(sheet, HEADER_ROW + 1 + index, col, values.get(column.field), fmt)
    sheet.set_row(HEADER_ROW, 42)
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    return Placement(table.sheet, HEADER_ROW, first_col, data_rows, columns)


def settings_rows(report: Quarter | None) -> list[dict[str, Any]]:
    settings = report.settings if report else None
    rows = []
    for column in schema.SETTING_ROWS:
        value = getattr(settings, column.field) if settings is not None else column.default
        if column.kind is Kind.FLAG and isinstance(value, bool) and column.choices is not None:
            value = column.choices.options[value]  # ไม่ใช่ / ใช่, as the dropdown offers
        description = " / ".join(h for h in (column.hint_th, column.hint_en) if h)
        rows.append({"key": column.header, "value": value, "description": description})
    return rows


def cell_value(column: schema.Column, value: Any) -> Any:
    """A model's value as its cell holds it, so the reader reads back the same value: a choice or flag
    as the dropdown's word (มี, เขียว, ≥), a code list as "1.2.2, 1.3.4"; figures, text and dates as they are."""
    if value is None:
        return None
    if column.choices is not None:
        return next((word for word in column.choices.options if column.choices.read(word) == value), str(value))
    if column.kind is Kind.CODE_LIST and isinstance(value, list | tuple):
        return ", ".join(value)
    return value


def quarter_field(table: schema.Table) -> str:
    """The ``Quarter`` field holding ``table``'s rows (``tblBudget`` → ``budget``)."""
    from .workbook import ROW_TABLES

    return next(name for name, read in ROW_TABLES.items() if read is table)


def quarter_rows(quarter: Quarter) -> dict[str, list[dict[str, Any]]]:
    """Every table of ``quarter`` as rows to write (table name → rows of field → cell value), settings
    included: what the reader reads back as the same quarter. Computed columns are left to the template."""
    rows = {schema.SETTINGS.name: settings_rows(quarter)}
    for table in schema.INPUT_TABLES:
        if table is not schema.SETTINGS:
            models = getattr(quarter, quarter_field(table))
            columns = table.input_columns
            rows[table.name] = [{c.field: cell_value(c, getattr(m, c.field)) for c in columns} for m in models]
    return rows
