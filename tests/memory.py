"""The FY2563 Q4 sample as a Quarter built in memory: the checks run in milliseconds, no file.

The sample's table rows (``etda_xl.sample.table_rows``) go to the reader's live path
(``workbook.read_tables``), laid out where ``etda-xl sample`` writes them (header on row 3 of each
sheet, column A on), with the number formats it gives them. So every cell address, value and
finding is the file's; ``test_memory_sample_is_the_file`` holds the two equal. ``edits`` change
cells by sheet and A1 address, as ``conftest.edit_cells`` does in a file.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from etda_xl import schema
from etda_xl.a1 import parse_a1
from etda_xl.inputbook import AMOUNT_FORMAT, HEADER_ROW, WHOLE_FORMAT
from etda_xl.model import Quarter
from etda_xl.sample import table_rows
from etda_xl.workbook import TableValues, read_tables

TOP_LEFT = f"A{HEADER_ROW + 1}"
#: Tables whose percentages the sample types as Excel percentages (89%), as the sample writer does.
_PERCENT_TABLES = (schema.BUDGET.name, schema.FOOTNOTES.name)

Edits = dict[tuple[str, str], Any]


def _format(table: schema.Table, column: schema.Column, value: Any) -> str:
    if isinstance(value, date):
        return "d mmm yyyy"
    if column.kind is schema.Kind.AMOUNT:
        return AMOUNT_FORMAT
    if column.kind is schema.Kind.PERCENT:
        return "0%" if table.name in _PERCENT_TABLES else WHOLE_FORMAT
    if column.kind is schema.Kind.COUNT:
        return WHOLE_FORMAT
    return "@" if column.kind is schema.Kind.CODE else "General"


def _as_written(value: Any) -> Any:
    """A value as the file holds it: numbers as floats, dates as datetimes (``inputbook.write_value``)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def written_columns(table: schema.Table) -> tuple[schema.Column, ...]:
    """The columns the sample writer puts in the table (``inputbook.add_input_table``: a column the
    template's formulas compute is left out)."""
    computed = getattr(schema.Kind, "COMPUTED", None)
    return tuple(c for c in table.columns if computed is None or c.kind is not computed)


@cache
def _sample_grids() -> dict[str, tuple[tuple[tuple[Any, ...], ...], tuple[tuple[str, ...], ...]]]:
    rows = table_rows()
    grids = {}
    for table in schema.TABLES:
        columns = written_columns(table)
        values = [tuple(c.header for c in columns)]
        formats = [tuple("General" for _ in columns)]
        for row in rows[table.name]:
            cells = [row.get(c.field) for c in columns]
            values.append(tuple(map(_as_written, cells)))
            formats.append(tuple(_format(table, c, v) for c, v in zip(columns, cells, strict=True)))
        grids[table.name] = (tuple(values), tuple(formats))
    return grids


def sample_tables(edits: Edits | None = None, formulas: dict[tuple[str, str], str] | None = None):
    """The sample's tables as ``TableValues`` (table name → values), with ``edits`` applied.

    ``formulas`` gives cells a formula text (the edit's value is then its saved value).
    """
    edits, formulas = edits or {}, formulas or {}
    first_row, first_col = parse_a1(TOP_LEFT)
    tables = {}
    for table in schema.TABLES:
        values, formats = (list(map(list, grid)) for grid in _sample_grids()[table.name])
        cell_formulas: list[list[str | None]] = [[None] * len(row) for row in values]
        for (sheet, address), value in {**edits, **dict.fromkeys(formulas.keys() - edits.keys())}.items():
            if sheet != table.sheet:
                continue
            row, col = parse_a1(address)
            r, c = row - first_row, col - first_col
            while r >= len(values):
                values.append([None] * len(values[0]))
                formats.append(list(formats[-1]))
                cell_formulas.append([None] * len(values[0]))
            values[r][c] = value
            cell_formulas[r][c] = formulas.get((sheet, address))
        tables[table.name] = TableValues(table.sheet, TOP_LEFT, values, cell_formats=formats, formulas=cell_formulas)
    return tables


def sample_quarter(edits: Edits | None = None, formulas: dict[tuple[str, str], str] | None = None) -> Quarter:
    """The sample read from memory, with ``edits`` ((sheet, A1) → value) applied first."""
    return read_tables(sample_tables(edits, formulas), "sample.xlsx")
