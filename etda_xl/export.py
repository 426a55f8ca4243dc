"""``etda-xl export``: every figure of every quarter in a book, one tidy row each, for other tools.

The rows are ``timeline.records`` (the history as read and this quarter as its report prints it):
fiscal_year, quarter, table, key, field, value, sheet, cell. CSV is UTF-8 with a byte-order mark,
so Excel opens the Thai correctly, and amounts are written exactly as read (``52.8525``, never
``5.28525E+1``); ``xlsx`` writes the same rows as an Excel table, figures as numbers and text as
text — a name or KPI text starting with "=" stays text (with Excel's quote prefix), never a formula;
``json`` writes them as ``contract.ExportDocument`` (figures as JSON numbers).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .model import Quarter
from .output import FORMULA_STARTS, MARK, atomic_output
from .timeline import COLUMNS, frame, records

#: The CSV's first line (after its byte-order mark): how a later export knows the file is one to replace.
CSV_HEADER = ",".join(COLUMNS)
SHEET = "figures"
TABLE = "tblFigures"
WIDTHS = {"fiscal_year": 11, "quarter": 8, "table": 9, "key": 24, "field": 12, "value": 30, "sheet": 16, "cell": 8}


def write_figures(quarter: Quarter, out: str | Path, format: str, source: str = "") -> int:
    """Write the quarter's figures, every quarter of the book (``source``), to ``out`` as ``format``
    (csv, xlsx or json; atomically); the row count."""
    if format == "json":
        from .contract import export_json

        rows = list(records(quarter))
        with atomic_output(out) as temporary:
            temporary.write_text(export_json(rows, source), encoding="utf-8")
        return len(rows)
    figures = frame(quarter)
    with atomic_output(out) as temporary:
        if format == "xlsx":
            _write_xlsx(figures, temporary)
        else:
            _write_csv(figures, temporary)
    return len(figures)


def _plain(value: Decimal | str) -> str:
    """A figure as typed: ``52.8525``, ``100`` (Decimal's own text could be ``1E+2``)."""
    return format(value, "f") if isinstance(value, Decimal) else value


def _write_csv(figures, path: Path) -> None:
    figures = figures.assign(value=figures["value"].map(_plain))
    figures.to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def _write_xlsx(figures, path: Path) -> None:
    import xlsxwriter

    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    workbook.set_properties({"comments": f"{MARK}: figures export"})  # a later run may replace it
    text = workbook.add_format({"num_format": "@"})
    quoted = workbook.add_format({"num_format": "@", "quote_prefix": True})
    sheet = workbook.add_worksheet(SHEET)
    rows = len(figures)
    columns = [{"header": c} for c in COLUMNS]
    sheet.add_table(
        0, 0, max(rows, 1), len(COLUMNS) - 1, {"name": TABLE, "columns": columns, "style": "Table Style Light 9"}
    )
    for col, name in enumerate(COLUMNS):
        sheet.set_column(col, col, WIDTHS[name])
        for row, value in enumerate(figures[name], 1):
            if isinstance(value, Decimal):
                sheet.write_number(row, col, float(value))
            elif isinstance(value, str):
                sheet.write_string(row, col, value, quoted if value[:1] in FORMULA_STARTS else text)
            else:
                sheet.write_number(row, col, int(value))
    sheet.freeze_panes(1, 0)
    workbook.close()
