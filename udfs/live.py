"""``=ETDA_CHECKS(...)``: the tables as a live sheet hands them over → the same reader and checks as a file.

Each argument is an xlwings Range over a whole table (header row included). Its sheet, address,
values, formulas and the number format of every data cell go to ``etda_xl.api.check_tables`` — the
parser the file reader uses, then every check. One reader, one set of checks: on the same book,
``ETDA_CHECKS`` lists exactly what ``etda-xl check`` lists.

COM calls per table: one for the values, one for the formulas, one per column for the number formats
(one per cell only in a column whose cells are formatted differently).
"""

from __future__ import annotations

from typing import Any

from etda_xl import api, schema
from etda_xl.api import TableValues
from etda_xl.cells import excel_value
from etda_xl.errors import InputError
from etda_xl.findings import presented

NO_FINDINGS = ("", "", "", "ไม่พบปัญหา", "No problems found", "", "")


def table_values(table: Any, name: str = "") -> TableValues:
    """An xlwings Range over a table (header row first) → TableValues; a TableValues passes through."""
    if isinstance(table, TableValues):
        return table
    if not all(hasattr(table, attribute) for attribute in ("options", "address", "sheet")):
        shown = name or "?"
        raise InputError(
            f"ETDA_CHECKS: อาร์กิวเมนต์ของตาราง {shown} ต้องเป็นช่วงของทั้งตาราง เช่น {shown}[#All] (ได้ {table!r})",
            f"ETDA_CHECKS: the {shown} argument must be the whole table's range, e.g. {shown}[#All] (got {table!r})",
        )
    values = [list(row) for row in table.options(ndim=2, err_to_str=True).value]  # #NAME? as text, as a file
    rows = len(values)
    columns = len(values[0]) if values else 0
    top_left = table.address.replace("$", "").split(":")[0]
    return TableValues(
        sheet=table.sheet.name,
        top_left=top_left,
        values=values,
        cell_formats=number_formats(table, rows, columns),
        formulas=formulas(table.formula, values),
    )


def _grid(value: Any) -> list[list[Any]]:
    """What COM hands over for a range's property: a 2-D tuple, or one value for a single cell."""
    if isinstance(value, list | tuple):
        return [list(row) if isinstance(row, list | tuple) else [row] for row in value]
    return [[value]]


def formulas(formula: Any, values: list[list[Any]]) -> list[list[str | None]]:
    """Each cell's formula, None for a typed cell.

    ``Range.Formula`` gives a typed cell's contents too, so a cell counts as a formula when its text
    starts with "=" and is not its own value (text typed as '=1+1 shows "=1+1" as both).
    """
    grid = _grid(formula)
    found: list[list[str | None]] = []
    for r, row in enumerate(values):
        cells: list[str | None] = []
        for c, value in enumerate(row):
            text = grid[r][c] if r < len(grid) and c < len(grid[r]) else None
            is_formula = isinstance(text, str) and text.startswith("=") and len(text) > 1 and text != value
            cells.append(text if is_formula else None)
        found.append(cells)
    return found


def number_formats(table: Any, rows: int, columns: int) -> list[list[str | None]] | None:
    """The number format of every data cell (the header row's are not needed): one call per column,
    one per cell in a column whose cells differ (``number_format`` is None for a mixed range)."""
    if rows < 2:
        return None
    grid: list[list[str | None]] = [[None] * columns for _ in range(rows)]
    for c in range(columns):
        shared = table[1:, c].number_format
        for r in range(1, rows):
            grid[r][c] = shared if shared is not None else table[r, c].number_format
    return grid


def finding_rows(findings) -> list[list[Any]]:
    """One row per finding: code, severity, sheet!cell, Thai message, English message, what the cell reads,
    and the value to type there (only where the evidence singles the cell out)."""
    rows = [
        [f.code, f.severity.value, f.where, f.message_th, f.message_en, excel_value(f.actual), excel_value(f.fix)]
        for f in presented(findings)
    ]
    return rows or [list(NO_FINDINGS)]


def check_tables(tables) -> list[list[Any]]:
    """The findings of the tables given in ``schema.INPUT_TABLES`` order: the quarter's six, then, optional
    (absent, or None as xlwings hands an omitted argument), the history and the targets."""
    tables = list(tables)
    required, every = len(schema.TABLES), len(schema.INPUT_TABLES)
    if not required <= len(tables) <= every:
        names = ", ".join(t.name for t in schema.TABLES)
        optional = ", ".join(t.name for t in schema.INPUT_TABLES[required:])
        raise InputError(
            f"ETDA_CHECKS ต้องการ {required} ตาราง ({names}) และอาจมีอีก {every - required} ตาราง ({optional}) "
            f"แต่ได้ {len(tables)}",
            f"ETDA_CHECKS takes {required} tables ({names}) and up to {every - required} more ({optional}), "
            f"got {len(tables)}",
        )
    found = {
        spec.name: table_values(table, spec.name)
        for spec, table in zip(schema.INPUT_TABLES, tables, strict=False)
        if table is not None or not spec.optional
    }
    _quarter, findings = api.check_tables(found)
    return finding_rows(findings)
