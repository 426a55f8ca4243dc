"""Reads an input workbook into a ``Quarter``.

Finds each table (ListObject) by name wherever it sits, maps its headers (Thai or English), and
parses every cell by its column's kind. Cells it cannot take at face value become input issues
(reported by the ``INPUT_*`` checks) rather than exceptions; only a file that cannot be read at
all raises ``InputError``. It never trusts a cached formula value as truth: it keeps the cached
value *and* the formula, and the checks recompute and compare.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import layout
from .a1 import to_a1
from .cells import DIRECTION_HINT, MAX_FIGURE, OUT_OF_RANGE_HINT, is_percent_format, shown_decimals, whole_percent
from .errors import InputError
from .layout import Kind
from .model import (
    BudgetLine,
    CellRef,
    Footnote,
    InputIssue,
    Kpi,
    Located,
    Obstacle,
    Project,
    Quarter,
    Settings,
)
from .money import from_float, has_thai_digits, parse_number_text, round_half_up, thai_to_arabic_digits
from .rules import NO_PLAN_TEXT, parse_direction, parse_status
from .safety import check_workbook_file
from .thai import parse_thai_date

MAX_TABLE_ROWS = 20_000
_NO_PLAN_WORDS = frozenset(text.casefold() for text in NO_PLAN_TEXT.values())
MAX_TEXT = 32_767  # Excel's own cell limit
_ZERO_HINT = (" (ถ้าเป็นศูนย์ให้ใส่ 0 หรือ -)", " (type 0 or - for zero)")

#: What a cell shows when its formula failed (#NAME? for ETDA_* before the functions are imported,
#: or in LibreOffice): no figure, not "text in a number cell".
EXCEL_ERRORS = frozenset(
    {
        "#NAME?",
        "#VALUE!",
        "#DIV/0!",
        "#REF!",
        "#N/A",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
        "Err:507",
    }
)


def read_workbook(path: str | Path) -> Quarter:
    """Read ``path`` (.xlsx/.xlsm) into a Quarter. Raises InputError when it cannot be read."""
    path = Path(path)
    check_workbook_file(path)
    return _read(_openpyxl_tables(path), path.name)


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
    #: Per-cell number formats (same shape as ``values``), where columns mix formats; wins over
    #: ``column_formats``.
    cell_formats: list[list[str | None]] | None = None
    #: Per-cell formulas (same shape as ``values``; "" or None for a typed cell), so that computed
    #: columns are told from typed ones exactly as in a file.
    formulas: list[list[str | None]] | None = None


def read_tables(tables: dict[str, TableValues], source_name: str = "") -> Quarter:
    """Read tables given as values (table name → TableValues) into a Quarter."""
    from .a1 import parse_a1

    raw: dict[str, _RawTable] = {}
    for name, table in tables.items():
        first_row, first_col = parse_a1(table.top_left)
        rows = table.values[: MAX_TABLE_ROWS + 1]
        cells = [
            [_live_cell(table, first_row, first_col, r, c, v) for c, v in enumerate(row)] for r, row in enumerate(rows)
        ]
        raw[name.casefold()] = _RawTable(table.sheet, first_row, first_col, cells)
    return _read(raw, source_name)


def _live_cell(table: TableValues, first_row: int, first_col: int, r: int, c: int, value: Any) -> _Cell:
    where = CellRef(sheet=table.sheet, cell=to_a1(first_row + r, first_col + c))
    number_format = _at(table.cell_formats, r, c) or (_at([table.column_formats or []], 0, c) if r else None)
    formula = _formula_text(_at(table.formulas, r, c))
    return _Cell(where, value, formula, number_format or "General", False)


def _at(grid: list[list[Any]] | None, r: int, c: int) -> Any:
    if grid is None or r >= len(grid) or c >= len(grid[r]):
        return None
    return grid[r][c]


def _read(tables: dict[str, _RawTable], source_name: str) -> Quarter:
    reader = _BookReader(tables)
    report = Quarter(
        source_name=source_name,
        settings=reader.settings(),
        projects=reader.rows(layout.PROJECTS, _project),
        budget=reader.rows(layout.BUDGET, _budget_line),
        kpis=_fill_down_sources(reader.rows(layout.KPIS, _kpi)),
        footnotes=reader.rows(layout.FOOTNOTES, _footnote),
        obstacles=reader.rows(layout.OBSTACLES, _obstacle),
    )
    report.input_issues = reader.issues
    report.tables = {t.name: reader.header_cell(t) for t in layout.TABLES}
    return report


def _load(path: Path, data_only: bool):
    """The book with its formulas, or with the values Excel cached when it last saved them."""
    from openpyxl import load_workbook  # deferred: the core imports without openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            return load_workbook(path, data_only=data_only, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for damaged files
        kind = type(exc).__name__
        if "Entities" in kind or "DTD" in kind or "External" in kind:
            raise InputError(
                f"ไฟล์ {path.name} มี XML ที่ไม่ปลอดภัย (entity/DTD) จึงไม่เปิดอ่าน",
                f"{path.name} contains unsafe XML ({kind}); refusing to read it",
            ) from None
        raise InputError(f"เปิดไฟล์ {path.name} ไม่ได้: {exc}", f"cannot open {path.name}: {kind}: {exc}") from None


@dataclass
class _Cell:
    """One cell as both loads see it."""

    where: CellRef
    value: Any  # the typed value, or the cached value of a formula
    formula: str | None
    number_format: str
    merged: bool

    @classmethod
    def of(cls, sheet: str, raw, anchor=None) -> _Cell:
        """An openpyxl cell; a formula's value is filled in later from the cached-values load.

        A cell merged into another (``anchor``) shows the anchor's value, as the user sees it.
        """
        source = anchor if anchor is not None else raw
        formula = _formula_text(source.value)
        value = None if formula else source.value
        if isinstance(value, str) and len(value) > MAX_TEXT:
            value = value[:MAX_TEXT]
        where = CellRef(sheet=sheet, cell=raw.coordinate)
        return cls(where, value, formula, source.number_format or "General", anchor is not None)


@dataclass
class _RawTable:
    """A table's cells, header row first, wherever they came from."""

    sheet: str
    first_row: int  # 1-based row of the header
    first_col: int
    cells: list[list[_Cell]]


def _openpyxl_tables(path: Path) -> dict[str, _RawTable]:
    """Every Excel table of the book, by case-folded name, with formulas and cached values.

    The book is loaded a second time, for cached values, only when a table holds formulas.
    """
    from openpyxl.utils import range_boundaries

    book = _load(path, data_only=False)
    tables: dict[str, _RawTable] = {}
    formulas: list[_Cell] = []
    for sheet in book.worksheets:
        anchors = _merge_anchors(sheet)
        for found in sheet.tables.values():
            first_col, first_row, last_col, last_row = range_boundaries(found.ref)
            last_row = min(last_row - (found.totalsRowCount or 0), first_row + MAX_TABLE_ROWS + 1)
            cells = []
            for row in sheet.iter_rows(first_row, last_row, first_col, last_col):
                cells.append([_Cell.of(sheet.title, raw, anchors.get(raw.coordinate)) for raw in row])
                formulas.extend(c for c in cells[-1] if c.formula)
            tables[found.name.casefold()] = _RawTable(sheet.title, first_row, first_col, cells)
    if formulas:
        cached = _load(path, data_only=True)
        for cell in formulas:
            cell.value = cached[cell.where.sheet][cell.where.cell].value
    return tables


def _merge_anchors(sheet) -> dict[str, Any]:
    """Cell address → the top-left cell of the merged range it belongs to (itself excluded)."""
    anchors: dict[str, Any] = {}
    for merged in sheet.merged_cells.ranges:
        anchor = sheet.cell(merged.min_row, merged.min_col)
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                if (row, col) != (merged.min_row, merged.min_col):
                    anchors[sheet.cell(row, col).coordinate] = anchor
    return anchors


class _BookReader:
    def __init__(self, tables: dict[str, _RawTable]) -> None:
        self.tables = tables
        self.issues: list[InputIssue] = []

    def issue(self, code: str, cell: _Cell, fix: Any = None, **params: Any) -> None:
        actual = None if cell.value is None else str(cell.value)
        self.issues.append(
            InputIssue(
                code=code,
                where=cell.where,
                params={"value": actual or "", **{k: str(v) for k, v in params.items()}},
                actual=actual,
                fix=None if fix is None else str(fix),
            )
        )

    # --- tables ------------------------------------------------------------------------------

    def _find(self, table: layout.Table) -> _RawTable:
        found = self.tables.get(table.name.casefold())
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
        return found

    def header_cell(self, table: layout.Table) -> CellRef:
        """Where the table starts: the first cell of its header row."""
        return self._find(table).cells[0][0].where

    def _columns(self, found: _RawTable, table: layout.Table) -> dict[str, int]:
        header = found.cells[0]
        by_name: dict[str, int] = {}
        for index, cell in enumerate(header):
            name = layout.normalise_header(cell.value or "")
            if name and name in by_name:
                first = header[by_name[name]].where.cell
                raise InputError(
                    f"ตาราง {table.name} มีหัวคอลัมน์ '{cell.value}' ซ้ำกันที่ {first} และ {cell.where.cell}",
                    f"table {table.name} has the header '{cell.value}' twice, at {first} and {cell.where.cell}",
                    sheet=found.sheet,
                    cell=cell.where.cell,
                )
            by_name[name] = index
        mapping: dict[str, int] = {}
        for column in table.columns:
            names = map(layout.normalise_header, column.names())
            index = next((by_name[n] for n in names if n in by_name), None)
            if index is not None:
                mapping[column.field] = index
            elif column.required:
                span = f"{header[0].where.cell}:{header[-1].where.cell}"
                raise InputError(
                    f"ตาราง {table.name} ไม่มีหัวคอลัมน์ '{column.header}' ในแถวหัวตาราง {span} — อย่าเปลี่ยนชื่อหัวคอลัมน์",
                    f"table {table.name} has no column '{column.header}' (or {', '.join(column.aliases)}) "
                    f"in its header row {span}; headers must not be renamed",
                    sheet=found.sheet,
                    cell=span,
                )
        return mapping

    def table_rows(self, table: layout.Table) -> Iterator[dict[str, _Cell]]:
        found = self._find(table)
        if len(found.cells) > MAX_TABLE_ROWS + 1:
            raise InputError(
                f"ตาราง {table.name} มีเกิน {MAX_TABLE_ROWS:,} แถว",
                f"table {table.name} has more than {MAX_TABLE_ROWS:,} rows",
                sheet=found.sheet,
            )
        mapping = self._columns(found, table)
        for row in found.cells[1:]:
            cells = {f: row[i] for f, i in mapping.items() if i < len(row)}
            if any(not _blank(c.value) for c in cells.values()):
                yield cells

    def rows(self, table: layout.Table, build) -> list:
        built = []
        for cells in self.table_rows(table):
            self._require(table, cells)
            built.append(build(self, cells))
        return built

    def _require(self, table: layout.Table, cells: dict[str, _Cell]) -> None:
        """A blank in a required column is missing data: say which, and how to type a zero."""
        for column in table.columns:
            cell = cells.get(column.field)
            if cell is None or not column.required or not _blank(cell.value) or cell.merged:
                continue
            if cell.formula:
                self.issue("INPUT_FORMULA_UNCALCULATED", cell)
            else:
                hint = _ZERO_HINT if column.kind in (Kind.AMOUNT, Kind.PERCENT, Kind.COUNT) else ("", "")
                self.issue("INPUT_MISSING", cell, field=column.header, hint=hint[0], hint_en=hint[1])

    # --- settings ----------------------------------------------------------------------------

    def settings(self) -> Settings:
        keys = {
            layout.normalise_header(name): key
            for key, (label, aliases, _, _) in layout.SETTING_KEYS.items()
            for name in (label, *aliases)
        }
        found: dict[str, Any] = {}
        cells: dict[str, _Cell] = {}
        for row in self.table_rows(layout.SETTINGS):
            key = keys.get(layout.normalise_header(self.text(row["key"])))
            if key is None:
                continue
            if key in cells:
                self.issue("INPUT_DUPLICATE_ROW", row["key"], first=cells[key].where.cell)
                continue
            found[key] = self._setting(key, row["value"])
            cells[key] = row["value"]
        for key in ("fiscal_year", "quarter", "as_of"):
            label = layout.SETTING_KEYS[key][0]
            if key not in cells:
                header = self._find(layout.SETTINGS).cells[0][0].where
                raise InputError(
                    f"ตาราง {layout.SETTINGS.name} ไม่มีรายการ '{label}' — เพิ่มแถวนี้ในตาราง",
                    f"table {layout.SETTINGS.name} has no row '{label}' ({key}); add it to the table",
                    sheet=header.sheet,
                    cell=header.cell,
                )
            if _blank(cells[key].value):
                self.issue("INPUT_MISSING", cells[key], field=label)
        where = {k: c.where for k, c in cells.items()}
        return Settings(**{k: v for k, v in found.items() if v is not None}, cells=where)

    def _setting(self, key: str, cell: _Cell) -> Any:
        if _blank(cell.value):
            return None
        if key == "as_of":
            return self.date(cell)
        if key in ("fiscal_year", "quarter", "pct_decimals"):
            number = self.count(cell)
            valid = {"quarter": range(1, 5), "pct_decimals": range(0, 5), "fiscal_year": range(2400, 2700)}[key]
            if number is not None and number not in valid:
                hint = {"quarter": "1-4", "pct_decimals": "0-4", "fiscal_year": "พ.ศ. 2400-2699"}[key]
                self.issue("INPUT_OUT_OF_RANGE", cell, allowed=hint)
                return None
            return number
        if key in ("green_max", "yellow_max"):
            return self.amount(cell)
        if key == "relative_delay":
            return self.flag(cell)
        if key == "status_lang":
            lang = self.text(cell).lower()
            if lang not in ("th", "en"):
                self.issue("INPUT_OUT_OF_RANGE", cell, allowed="th, en")
                return None
            return lang
        return self.text(cell)

    # --- cell kinds --------------------------------------------------------------------------

    def text(self, cell: _Cell) -> str:
        value = cell.value
        if value is None:
            return ""
        if isinstance(value, int | float) and not isinstance(value, bool) and is_percent_format(cell.number_format):
            shown = shown_decimals(cell.number_format) or 0
            return f"{round_half_up(from_float(float(value)) * 100, shown):f}%"  # as Excel shows it: 94.59%
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime | date):
            return value.strftime("%Y-%m-%d")
        return str(value).strip()

    def code(self, cell: _Cell) -> str:
        """ "1.2.1", "๑.๒" → "1.2", "01.2" → "1.2"; anything else as typed (a check reports it)."""
        typed = self.text(cell).replace(" ", "").rstrip(".")
        code = thai_to_arabic_digits(typed)
        if _DOTTED_NUMBER.match(code):
            code = ".".join(str(int(part)) for part in code.split("."))
            if has_thai_digits(typed):
                self.issue("INPUT_THAI_DIGITS", cell, fix=code)
        return code

    def amount(self, cell: _Cell) -> Decimal | None:
        """Million baht (or any figure ≥ 0): numbers, "-" for zero, numbers typed as text or in Thai digits."""
        number = self._figure(cell)
        if number is not None and number < 0:
            self.issue("INPUT_NEGATIVE", cell)
        return number

    def _figure(self, cell: _Cell) -> Decimal | None:
        """A number cell: None (with the reason noted) when it holds none."""
        if cell.merged:
            self.issue("INPUT_MERGED", cell)
            return None
        value = cell.value
        if _blank(value):
            return None
        if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            self.issue("INPUT_FORMULA_ERROR", cell)
            return None
        if cell.formula and isinstance(value, str) and parse_number_text(value) is None:
            return None  # a formula showing why it cannot compute ("ค่าไม่ใช่ตัวเลข: 'abc'"): its input is reported
        number = self._number(cell)
        if number is not None and abs(number) >= MAX_FIGURE:
            self.issue("INPUT_OUT_OF_RANGE", cell, allowed=OUT_OF_RANGE_HINT)
            return None
        return number

    def _number(self, cell: _Cell) -> Decimal | None:
        value = cell.value
        if isinstance(value, (bool, datetime | date)):
            self.issue("INPUT_NOT_NUMBER", cell)
            return None
        if isinstance(value, int | float):
            return from_float(value) if isinstance(value, float) else Decimal(value)
        text = str(value).strip().removesuffix("%").strip()
        number = parse_number_text(text)
        if number is None:
            self.issue("INPUT_NOT_NUMBER", cell)
        elif has_thai_digits(text):
            self.issue("INPUT_THAI_DIGITS", cell, fix=number)
        elif text not in ("-", "–", "—", "−"):
            self.issue("INPUT_TEXT_NUMBER", cell, fix=number)
        return number

    def percent(self, cell: _Cell) -> Decimal | None:
        """Whole percent (84 = 84%), by ``cells.whole_percent``, the rule the UDFs use too: a cell
        formatted as % holds a fraction that Excel shows ×100; a bare 0.84 is read as 84 and flagged.

        "ไม่มีแผน" / "no plan" (what ETDA_SPEND_PCT shows when the plan is zero) is no percentage: blank.
        """
        if isinstance(cell.value, str) and cell.value.strip().casefold() in _NO_PLAN_WORDS:
            return None
        number = self._figure(cell)
        if number is None:
            return None
        number, fraction = whole_percent(cell.value, cell.number_format, number)
        if fraction:
            self.issue("INPUT_PCT_FRACTION", cell, fix=number)
        if number < 0:
            self.issue("INPUT_NEGATIVE", cell)
        return number

    def count(self, cell: _Cell) -> int | None:
        number = self._figure(cell)
        if number is None:
            return None
        if number != number.to_integral_value() or number < 0:
            self.issue("INPUT_NOT_COUNT", cell)
            return None
        return int(number)

    def flag(self, cell: _Cell) -> bool:
        word = self.text(cell).casefold()
        if word in layout.YES_WORDS:
            return True
        if word not in layout.NO_WORDS:
            self.issue("INPUT_BAD_CHOICE", cell, allowed="มี / ไม่มี (yes / no)")
        return False

    def status(self, cell: _Cell):
        text = self.text(cell)
        if not text:
            return None
        found = parse_status(text)
        if found is None:
            self.issue("INPUT_BAD_CHOICE", cell, allowed="เขียว / เหลือง / แดง (green / yellow / red)")
        return found

    def direction(self, cell: _Cell):
        text = self.text(cell)
        if not text:
            return None
        found = parse_direction(text)
        if found is None:
            self.issue("INPUT_BAD_CHOICE", cell, allowed=DIRECTION_HINT)
        return found

    def date(self, cell: _Cell) -> date | None:
        value = cell.value
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            from openpyxl.utils.datetime import from_excel

            try:
                return from_excel(value).date()
            except (ValueError, OverflowError):
                pass
        try:
            return parse_thai_date(self.text(cell))
        except ValueError:
            self.issue("INPUT_BAD_DATE", cell)
            return None


def _formula_text(value: Any) -> str | None:
    if isinstance(value, str) and value.startswith("=") and len(value) > 1:
        return value
    text = getattr(value, "text", None)  # ArrayFormula
    return text if isinstance(text, str) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_DOTTED_NUMBER = re.compile(r"^[0-9]{1,6}(\.[0-9]{1,6})*$")


# --- row builders: one per table ------------------------------------------------------------------


def _located(cells: dict[str, _Cell]) -> dict[str, Any]:
    return {
        "cells": {f: c.where for f, c in cells.items()},
        "formulas": {f: c.formula for f, c in cells.items() if c.formula},
    }


def _budget_line(r: _BookReader, cells: dict[str, _Cell]) -> BudgetLine:
    code = r.code(cells["code"])
    name = r.text(cells["name"])
    is_total = code.casefold() in layout.TOTAL_CODES or (not code and name.casefold() in layout.TOTAL_CODES)
    optional = {f: r.amount(cells[f]) for f in ("result",) if f in cells}
    if "pct" in cells:
        optional["pct"] = r.percent(cells["pct"])
    return BudgetLine(
        code="รวม" if is_total else code,
        name=name,
        **{f: r.amount(cells[f]) for f in ("plan", "paid", "carried", "reserved")},
        **optional,
        is_total=is_total,
        **_located(cells),
    )


def _project(r: _BookReader, cells: dict[str, _Cell]) -> Project:
    number = r.code(cells["number"])
    get = cells.get
    codes = r.text(cells["budget_codes"]) if "budget_codes" in cells else ""
    return Project(
        number="รวม" if number.casefold() in layout.TOTAL_CODES else number,
        is_total=number.casefold() in layout.TOTAL_CODES,
        short_name=r.text(cells["short_name"]),
        name_th=r.text(get("name_th")) if get("name_th") else "",
        name_en=r.text(get("name_en")) if get("name_en") else "",
        **{f: r.percent(cells[f]) for f in ("ops_plan", "ops_result", "fin_plan", "fin_result")},
        kpi_count=r.count(cells["kpi_count"]),
        kpi_done=r.count(cells["kpi_done"]),
        obstacle=r.flag(cells["obstacle"]) if "obstacle" in cells else False,
        status=r.status(cells["status"]) if "status" in cells else None,
        budget_codes=[c.rstrip(".") for c in codes.replace("+", ",").replace(";", ",").split(",") if c.strip()],
        **_located(cells),
    )


def _kpi(r: _BookReader, cells: dict[str, _Cell]) -> Kpi:
    texts = {f: r.text(cells[f]) for f in ("source", "indicator", "target", "result", "details") if f in cells}
    return Kpi(
        project=r.code(cells["project"]),
        direction=r.direction(cells["direction"]) if "direction" in cells else None,
        **texts,
        **_located(cells),
    )


def _fill_down_sources(kpis: list[Kpi]) -> list[Kpi]:
    """A blank ที่มา means "same source as the row above" within a project, as the report prints it."""
    previous: Kpi | None = None
    for kpi in kpis:
        if not kpi.source and previous is not None and previous.project == kpi.project:
            kpi.source = previous.source
        previous = kpi
    return kpis


def _footnote(r: _BookReader, cells: dict[str, _Cell]) -> Footnote:
    get = cells.get
    return Footnote(
        number=r.code(cells["number"]),
        lines=r.text(cells["lines"]),
        part_of=(r.code(get("part_of")) or None) if get("part_of") else None,
        result=r.amount(get("result")) if get("result") else None,
        pct=r.percent(get("pct")) if get("pct") else None,
        label=r.text(get("label")) if get("label") else "",
        **_located(cells),
    )


def _obstacle(r: _BookReader, cells: dict[str, _Cell]) -> Obstacle:
    return Obstacle(
        topic=r.text(cells["topic"]),
        text=r.text(cells["text"]) if "text" in cells else "",
        **_located(cells),
    )


__all__ = ["Located", "read_workbook"]
