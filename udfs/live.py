"""``=ETDA_CHECKS(...)``: the tables as a live sheet hands them over → the same reader and checks as a file.

Each argument is an xlwings Range over a whole table (header row included). Its sheet, address,
values and the number format of each column go to ``etda_xl.workbook.read_tables`` — the parser the
file reader uses — and then to ``etda_xl.checks.run_checks``. One reader, one set of checks.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from etda_xl import layout
from etda_xl.workbook import TableValues, read_tables

NO_FINDINGS = ("", "", "", "ไม่พบปัญหา", "No problems found", "", "")


def table_values(table: Any) -> TableValues:
    """An xlwings Range over a table (header row first) → TableValues; a TableValues passes through."""
    if isinstance(table, TableValues):
        return table
    values = table.options(ndim=2).value
    columns = len(values[0]) if values else 0
    formats = [table[1, c].number_format for c in range(columns)] if len(values) > 1 else None
    top_left = table.address.replace("$", "").split(":")[0]
    return TableValues(sheet=table.sheet.name, top_left=top_left, values=values, column_formats=formats)


def excel_value(value: Any) -> Any:
    """A finding's expected/actual for a cell: Decimal → float at the Excel boundary, None → blank."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def presented(findings) -> list:
    """As the command line lists them: by severity, root causes first (they explain what follows)."""
    from etda_xl.findings import SEVERITY_ORDER
    from etda_xl.render import ROOT_CAUSE_CODE

    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code != ROOT_CAUSE_CODE))


def finding_rows(findings) -> list[list[Any]]:
    """One row per finding: code, severity, sheet!cell, Thai message, English message, expected, actual."""
    rows = [
        [f.code, f.severity.value, f.where, f.message_th, f.message_en, excel_value(f.expected), excel_value(f.actual)]
        for f in presented(findings)
    ]
    return rows or [list(NO_FINDINGS)]


def check_tables(tables) -> list[list[Any]]:
    """The findings of the six tables, given in ``layout.TABLES`` order, as rows for the sheet."""
    from etda_xl.checks import run_checks

    report = read_tables({spec.name: table_values(t) for spec, t in zip(layout.TABLES, tables, strict=True)})
    return finding_rows(run_checks(report))
