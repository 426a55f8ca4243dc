"""Reads an input workbook into a ``Quarter``: tables found by name, every cell parsed by its schema column.

Two sources feed one structure (``rawtable.RawTable``): a file (``package.read_raw_tables``: only the
schema's tables, their sheets and rows, in one pass) and a live sheet (``read_tables``: values Excel
hands to ``ETDA_CHECKS``). From there everything is shared: headers are mapped by the schema (``schema``),
each cell is parsed by its column's kind (``parsers.parse``), and cells that cannot be taken at face
value become input issues (reported by the ``INPUT_*`` checks), never exceptions. Only a workbook
that cannot be read at all raises ``InputError``. A cached formula value is never trusted as truth:
the value *and* the formula are kept, and the checks recompute and compare.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import parsers, schema
from .a1 import parse_a1, to_a1
from .codes import TOTAL, is_total_word
from .decimals import parse_number_text
from .errors import InputError
from .model import (
    BudgetLine,
    CellRef,
    DisbursementTarget,
    Footnote,
    InputIssue,
    Kpi,
    Obstacle,
    PastKpi,
    PastLine,
    PastProject,
    Project,
    Quarter,
    Settings,
    YearPlan,
)
from .rawtable import MAX_TABLE_ROWS, RawCell, RawTable
from .schema import Column, Kind, Table

#: Kinds whose cells hold one figure of their own (a merged cell has none).
FIGURE_KINDS = frozenset({Kind.AMOUNT, Kind.PERCENT, Kind.COUNT})
_ZERO_HINT = (" (ถ้าเป็นศูนย์ให้ใส่ 0 หรือ -)", " (type 0 or - for zero)")

#: The model each table's rows become; the reader fills it generically from the schema's fields.
MODELS: dict[str, type] = {
    schema.PROJECTS.name: Project,
    schema.BUDGET.name: BudgetLine,
    schema.KPIS.name: Kpi,
    schema.FOOTNOTES.name: Footnote,
    schema.OBSTACLES.name: Obstacle,
    schema.HISTORY_BUDGET.name: PastLine,
    schema.HISTORY_PROJECTS.name: PastProject,
    schema.HISTORY_KPIS.name: PastKpi,
    schema.TARGETS.name: DisbursementTarget,
    schema.PLANS.name: YearPlan,
}
#: The code column that marks a table's total row ("รวม").
TOTAL_FIELD = {schema.PROJECTS.name: "number", schema.BUDGET.name: "code"}


def read_workbook(path: str | Path) -> Quarter:
    """Read ``path`` (.xlsx/.xlsm) into a Quarter. Raises InputError when it cannot be read."""
    from .package import read_raw_tables  # deferred: the live path needs no package reader

    path = Path(path)
    tables = read_raw_tables(path, [table.name for table in schema.INPUT_TABLES])
    if any(not t.optional and t.name.casefold() not in tables for t in schema.INPUT_TABLES):
        # a table renamed: read the others too, so the message can name the one whose headers match
        tables = {**read_raw_tables(path), **{k: v for k, v in tables.items() if v is not None}}
    return _read(tables, path.name)


@dataclass(frozen=True)
class TableValues:
    """A table's cells as a live spreadsheet hands them over (header row first).

    For callers that hold values rather than a file, such as the ``ETDA_CHECKS`` UDF, which gets
    each table's range from Excel: same parsing, same checks, same cell addresses.
    """

    sheet: str
    top_left: str  # A1 address of the header row's first cell, e.g. "A3"
    values: list[list[Any]]
    #: Number format of each column's data cells, where one format holds for the whole column: a
    #: column formatted "0%" holds fractions that Excel shows ×100 (0.84 for a cell showing 84%).
    column_formats: list[str] | None = None
    #: Per-cell number formats (same shape as ``parsers``), where columns mix formats; wins over
    #: ``column_formats``.
    cell_formats: list[list[str | None]] | None = None
    #: Per-cell formulas (same shape as ``parsers``; "" or None for a typed cell), so that computed
    #: columns are told from typed ones exactly as in a file.
    formulas: list[list[str | None]] | None = None


def read_tables(tables: dict[str, TableValues], source_name: str = "") -> Quarter:
    """Read tables given as values (table name → TableValues) into a Quarter."""
    raw: dict[str, RawTable] = {}
    for name, table in tables.items():
        first_row, first_col = parse_a1(table.top_left)
        rows = table.values[: MAX_TABLE_ROWS + 2]
        cells = [
            [_live_cell(table, first_row, first_col, r, c, v) for c, v in enumerate(row)] for r, row in enumerate(rows)
        ]
        raw[name.casefold()] = RawTable(table.sheet, first_row, first_col, cells)
    return _read(raw, source_name)


def _live_cell(table: TableValues, first_row: int, first_col: int, r: int, c: int, value: Any) -> RawCell:
    where = CellRef(sheet=table.sheet, cell=to_a1(first_row + r, first_col + c))
    number_format = _at(table.cell_formats, r, c) or (_at([table.column_formats or []], 0, c) if r else None)
    formula = _at(table.formulas, r, c)
    formula = formula if isinstance(formula, str) and formula.startswith("=") and len(formula) > 1 else None
    if isinstance(value, str):
        value = value[: parsers.MAX_TEXT]
    return RawCell(where, value, formula, number_format or "General")


def _at(grid: list[list[Any]] | None, r: int, c: int) -> Any:
    if grid is None or r >= len(grid) or c >= len(grid[r]):
        return None
    return grid[r][c]


def _read(tables: Mapping[str, RawTable | None], source_name: str) -> Quarter:
    reader = _Reader(tables)
    rows: dict[str, Any] = {field: reader.models(table) for field, table in ROW_TABLES.items()}
    quarter = Quarter(source_name=source_name, settings=reader.settings(), **rows)
    _fill_down_sources(quarter.kpis)
    for table in schema.INPUT_TABLES:
        if reader.has(table):
            reader.outside(table)
    quarter.input_issues = reader.issues
    quarter.tables = {t.name: reader.found(t).cells[0][0].where for t in schema.INPUT_TABLES if reader.has(t)}
    quarter.extents = {t.name: _extent(reader.found(t)) for t in schema.INPUT_TABLES if reader.has(t)}
    return quarter


#: Quarter field → the table its rows come from.
ROW_TABLES = {
    "projects": schema.PROJECTS,
    "budget": schema.BUDGET,
    "kpis": schema.KPIS,
    "footnotes": schema.FOOTNOTES,
    "obstacles": schema.OBSTACLES,
    "history_budget": schema.HISTORY_BUDGET,
    "history_projects": schema.HISTORY_PROJECTS,
    "history_kpis": schema.HISTORY_KPIS,
    "targets": schema.TARGETS,
    "plans": schema.PLANS,
}


class _Reader:
    def __init__(self, tables: Mapping[str, RawTable | None]) -> None:
        # name → cells; None for a table in the book that the file reader passed over (named when one is missing)
        self.tables = tables
        self.issues: list[InputIssue] = []
        self._mappings: dict[str, dict[str, tuple[Column, int]]] = {}

    def issue(self, cell: RawCell, problem: parsers.Problem) -> None:
        actual = None if cell.value is None else str(cell.value)
        params = {"value": actual or "", **problem.params}
        fix = problem.fix
        self.issues.append(InputIssue(code=problem.code, where=cell.where, params=params, actual=actual, fix=fix))

    def note(self, cell: RawCell, code: str, **params: Any) -> None:
        """A problem the reader finds (not the parser): its words as text, a cell as the cell."""
        typed = {k: v if isinstance(v, CellRef) else str(v) for k, v in params.items()}
        self.issue(cell, parsers.Problem(code, typed))

    # --- tables ------------------------------------------------------------------------------

    def has(self, table: Table) -> bool:
        return table.name.casefold() in self.tables

    def found(self, table: Table) -> RawTable:
        found = self.tables.get(table.name.casefold())
        if found is None and (renamed := self._renamed(table)) is not None:
            name, raw = renamed
            raise InputError(
                f"ไม่พบตาราง {table.name} แต่ตาราง {name} ในชีต {raw.sheet} มีหัวคอลัมน์ของ {table.name} — "
                f"เปลี่ยนชื่อตารางกลับเป็น {table.name}: คลิกในตาราง แล้วพิมพ์ชื่อที่ Table Design > Table Name",
                f"table {table.name} not found, but table {name} on sheet {raw.sheet} has {table.name}'s headers; "
                f"rename it back to {table.name}: click in the table, then Table Design > Table Name",
                sheet=raw.sheet,
                cell=raw.cells[0][0].where.cell,
            )
        if found is None:
            names = ", ".join(sorted(self.tables)) or "-"
            raise InputError(
                f"ไม่พบตาราง {table.name} ({table.title}) ในสมุดงาน (ตารางที่มี: {names}) — "
                "ใช้แม่แบบ workbook_template.xlsm หรือตั้งชื่อตาราง Excel ให้ตรง",
                f"table {table.name} ({table.title}) not found in the workbook (tables present: {names}); "
                "start from workbook_template.xlsm or name an Excel table so",
                sheet=table.sheet,
            )
        if not found.cells:
            raise InputError(f"ตาราง {table.name} ว่างเปล่า", f"table {table.name} is empty", sheet=found.sheet)
        if len(found.cells) > MAX_TABLE_ROWS + 1:
            raise InputError(
                f"ตาราง {table.name} มีเกิน {MAX_TABLE_ROWS:,} แถว",
                f"table {table.name} has more than {MAX_TABLE_ROWS:,} rows",
                sheet=found.sheet,
            )
        return found

    def _renamed(self, table: Table) -> tuple[str, RawTable] | None:
        """The book's table (not one of the schema's) whose header row holds most of ``table``'s required
        headers, at least half of them: the input table, renamed."""
        ours = {t.name.casefold() for t in schema.INPUT_TABLES}
        wanted = [{schema.normalise_header(n) for n in c.names()} for c in table.input_columns if c.required]
        best: tuple[int, str, RawTable] | None = None
        for name, raw in self.tables.items():
            if raw is None or name in ours or not raw.cells:
                continue
            headers = {schema.normalise_header(c.value) for c in raw.cells[0] if isinstance(c.value, str)}
            score = sum(1 for names in wanted if names & headers)
            if 2 * score >= len(wanted) and (best is None or score > best[0]):
                best = (score, _shown_name(raw, name), raw)
        return None if best is None else (best[1], best[2])

    def outside(self, table: Table) -> None:
        """A row typed just below the table, or a column just right of it: said, once each, never read."""
        found = self.found(table)
        last_row = found.first_row + len(found.cells) - 1
        said: set[str] = set()
        for cell in found.outside:
            row, _col = parse_a1(cell.where.cell)
            what = "row" if row > last_row else "column"
            if what not in said:
                said.add(what)
                what_th = "แถว" if what == "row" else "คอลัมน์"
                self.note(cell, "INPUT_OUTSIDE_TABLE", table=table.name, what=what, what_th=what_th)

    def mapping(self, table: Table) -> dict[str, tuple[Column, int]]:
        """field → (schema column, index in the row), from the header row; cached per table."""
        if table.name not in self._mappings:
            self._mappings[table.name] = _map_headers(self.found(table), table)
        return self._mappings[table.name]

    def data_rows(self, table: Table) -> list[dict[str, RawCell]]:
        """The rows holding data: a cell the user types into holds something. A formula in a computed
        column (the template's ETDA_* columns) never makes a row data, whatever it shows."""
        mapping = self.mapping(table)
        rows = []
        for row in self.found(table).cells[1:]:
            cells = {f: row[i] for f, (_c, i) in mapping.items() if i < len(row)}
            if any(_typed(mapping[f][0], cell) for f, cell in cells.items()):
                rows.append(cells)
        return rows

    def parse_row(self, table: Table, cells: dict[str, RawCell], columns: dict[str, frozenset[str]]) -> dict[str, Any]:
        """field → value of every input column present, by the schema; problems noted at their cells.
        ``columns``: how each percentage column is typed, for a bare 1 (``parsers.styles_of``)."""
        mapping = self.mapping(table)
        read = {f: cell for f, cell in cells.items() if mapping[f][0].kind is not Kind.COMPUTED}
        ones = [f for f in columns if f in read and _bare_one(read[f])]  # only a bare 1 needs its neighbours
        row = parsers.styles_of((read[f].value, read[f].number_format) for f in columns if f in read) if ones else None
        return {f: self.value(mapping[f][0], cell, columns[f] | row if f in ones else frozenset())  # type: ignore[operator]
                for f, cell in read.items()}  # fmt: skip

    def percent_columns(self, table: Table, rows: list[dict[str, RawCell]]) -> dict[str, frozenset[str]]:
        """How each percentage column of the table is typed (whole percents, fractions, or both), for the
        columns where a bare 1 needs telling."""
        mapping = self.mapping(table)
        fields = [f for f, (column, _) in mapping.items() if column.kind is Kind.PERCENT]
        return {
            f: parsers.styles_of((r[f].value, r[f].number_format) for r in rows if f in r)
            if any(f in r and _bare_one(r[f]) for r in rows) else frozenset()
            for f in fields
        }  # fmt: skip

    def value(self, column: Column, cell: RawCell, around: frozenset[str] = frozenset()) -> Any:
        """One cell by its column: formulas, merges and blanks first, then ``parsers.parse``."""
        if cell.merged and column.kind in FIGURE_KINDS:
            self.note(cell, "INPUT_MERGED")
            return None
        if cell.formula and column.formula:
            return _recomputed_cell(column, cell)
        if cell.formula and cell.value is None:
            self.note(cell, "INPUT_FORMULA_UNCALCULATED", field=column.header)
            return None
        if cell.formula and parsers.refers_to_itself(cell.formula, cell.where.cell):
            self.note(cell, "INPUT_FORMULA_CIRCULAR", field=column.header, formula=cell.formula)
            return None
        if parsers.is_error_value(cell.value):
            reason, reason_en = parsers.error_reason(cell.value)
            self.note(cell, "INPUT_FORMULA_ERROR", field=column.header, reason=reason, reason_en=reason_en)
            return None
        if parsers.is_blank(cell.value):
            if column.required:
                hint = _ZERO_HINT if column.kind in FIGURE_KINDS else ("", "")
                self.note(cell, "INPUT_MISSING", field=column.header, hint=hint[0], hint_en=hint[1])
            return _blank_value(column)
        parsed = parsers.parse(column, cell.value, cell.number_format, around)
        for problem in parsed.problems:
            self.issue(cell, problem)
        return parsed.value

    def models(self, table: Table) -> list[Any]:
        if table.optional and not self.has(table):
            return []  # a book made before this table existed
        model = MODELS[table.name]
        built = []
        rows = self.data_rows(table)
        columns = self.percent_columns(table, rows)
        for cells in rows:
            fields = self.parse_row(table, cells, columns)
            total = TOTAL_FIELD.get(table.name)
            if total is not None:
                fields["is_total"] = _is_total(table, fields)
                fields[total] = TOTAL if fields["is_total"] else fields.get(total, "")
            fields = {k: v for k, v in fields.items() if v is not None}
            built.append(model(**fields, **_located(cells)))
        return built

    # --- settings ----------------------------------------------------------------------------

    def settings(self) -> Settings:
        """The settings table: one row per key, its value parsed by the key's schema column."""
        by_name = {schema.normalise_header(n): c for c in schema.SETTING_ROWS for n in c.names()}
        chosen: dict[str, Any] = {}
        cells: dict[str, RawCell] = {}
        for row in self.data_rows(schema.SETTINGS):
            column = by_name.get(schema.normalise_header(parsers.text(row["key"].value)))
            if column is None or "value" not in row:
                continue
            if column.field in cells:
                self.note(row["key"], "INPUT_DUPLICATE_ROW", first=cells[column.field].where)
                continue
            cells[column.field] = row["value"]
            chosen[column.field] = self.value(column, row["value"])
        for column in schema.SETTING_ROWS:
            if column.required and column.field not in cells:
                header = self.found(schema.SETTINGS).cells[0][0].where
                raise InputError(
                    f"ตาราง {schema.SETTINGS.name} ไม่มีรายการ '{column.header}' — เพิ่มแถวนี้ในตาราง",
                    f"table {schema.SETTINGS.name} has no row '{column.header}' ({column.field}); add it to the table",
                    sheet=header.sheet,
                    cell=header.cell,
                )
        where = {k: c.where for k, c in cells.items()}
        return Settings(**{k: v for k, v in chosen.items() if v is not None and v != ""}, cells=where)


def _extent(raw: RawTable) -> tuple[str, int, int, int, int]:
    last_row = raw.first_row + len(raw.cells) - 1
    last_col = raw.first_col + max((len(row) for row in raw.cells), default=1) - 1
    return raw.sheet, raw.first_row, raw.first_col, last_row, last_col


def _shown_name(raw: RawTable, name: str) -> str:
    """A table's name as the user typed it (the reader keys tables by their case-folded name)."""
    return raw.name or name


def _map_headers(found: RawTable, table: Table) -> dict[str, tuple[Column, int]]:
    header = found.cells[0]
    by_name: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = schema.normalise_header(cell.value if isinstance(cell.value, str) else "")
        if name and name in by_name:
            first = header[by_name[name]].where.cell
            raise InputError(
                f"ตาราง {table.name} มีหัวคอลัมน์ '{cell.value}' ซ้ำกันที่ {first} และ {cell.where.cell}",
                f"table {table.name} has the header '{cell.value}' twice, at {first} and {cell.where.cell}",
                sheet=found.sheet,
                cell=cell.where.cell,
            )
        by_name[name] = index
    span = f"{header[0].where.cell}:{header[-1].where.cell}"
    mapping: dict[str, tuple[Column, int]] = {}
    for column in table.columns:
        position = next((by_name[n] for n in map(schema.normalise_header, column.names()) if n in by_name), None)
        if position is not None:
            mapping[column.field] = (column, position)
    if not mapping:
        raise InputError(
            f"ตาราง {table.name} ไม่มีแถวหัวตาราง (แถว {span} ไม่ใช่หัวคอลัมน์ที่รู้จัก) — "
            "เปิด 'แถวส่วนหัว' ของตาราง (Table Design → Header Row) และใช้หัวคอลัมน์ตามแม่แบบ",
            f"table {table.name} has no header row ({span} holds no known column header); turn on the table's "
            "Header Row (Table Design) and keep the template's headers",
            sheet=found.sheet,
            cell=span,
        )
    for column in table.input_columns:
        if column.required and column.field not in mapping:
            raise InputError(
                f"ตาราง {table.name} ไม่มีหัวคอลัมน์ '{column.header}' ในแถวหัวตาราง {span} — อย่าเปลี่ยนชื่อหัวคอลัมน์",
                f"table {table.name} has no column '{column.header}' (or {', '.join(column.aliases)}) "
                f"in its header row {span}; headers must not be renamed",
                sheet=found.sheet,
                cell=span,
            )
    return mapping


def _bare_one(cell: RawCell) -> bool:
    """A 1 (or "1" typed as text) in a cell not formatted as a percentage: 1% or 100%, its row and column
    must tell."""
    value = cell.value
    if isinstance(value, str):
        return parse_number_text(value.strip()) == 1
    return value == 1 and not isinstance(value, bool) and not parsers.is_percent_format(cell.number_format)


def _blank_value(column: Column) -> Any:
    """What a blank cell reads as: the column's default; "" for text and codes (never None)."""
    if column.default is not None:
        return column.default
    return "" if column.kind in (Kind.TEXT, Kind.CODE) else None


def _typed(column: Column, cell: RawCell) -> bool:
    """The cell holds something the user typed (a computed column's formula is the template's)."""
    if column.kind is Kind.COMPUTED or (cell.formula and column.formula):
        return False
    return cell.formula is not None or not parsers.is_blank(cell.value)


def _recomputed_cell(column: Column, cell: RawCell) -> Any:
    """A computed column's formula: its cached value when it is a clean figure; otherwise (never
    calculated, #NAME? before Import Functions, Err:507 after LibreOffice, a message) nothing — the
    core recomputes that figure, so there is nothing to report here."""
    if cell.value is None or parsers.is_error_value(cell.value):
        return None
    parsed = parsers.parse(column, cell.value, cell.number_format)
    if any(p.severity == "error" for p in parsed.problems):
        return None
    return parsed.value


def _is_total(table: Table, fields: dict[str, Any]) -> bool:
    code = str(fields.get(TOTAL_FIELD[table.name]) or "")
    if is_total_word(code):
        return True
    name = str(fields.get("name") or "")
    return table is schema.BUDGET and not code and is_total_word(name)


def _located(cells: dict[str, RawCell]) -> dict[str, Any]:
    return {
        "cells": {f: c.where for f, c in cells.items()},
        "formulas": {f: c.formula for f, c in cells.items() if c.formula},
    }


def _fill_down_sources(kpis: list[Kpi]) -> None:
    """A blank ที่มา means "same source as the row above" within a project, as the report prints it."""
    previous: Kpi | None = None
    for kpi in kpis:
        if not kpi.source and previous is not None and previous.project == kpi.project:
            kpi.source = previous.source
        previous = kpi


__all__ = ["MODELS", "TableValues", "read_tables", "read_workbook"]
