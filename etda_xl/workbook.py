"""Reads an input workbook into a ``Report``.

Finds each table (ListObject) by name wherever it sits, maps its headers (Thai or English), and
parses every cell by its column's kind. Cells it cannot take at face value become input issues
(reported by the ``INPUT_*`` checks) rather than exceptions; only a file that cannot be read at
all raises ``InputError``. It never trusts a cached formula value as truth: it keeps the cached
value *and* the formula, and the checks recompute and compare.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import layout
from .errors import InputError
from .model import (
    BudgetLine,
    CellRef,
    Footnote,
    InputIssue,
    Kpi,
    Located,
    Obstacle,
    Project,
    Report,
    Settings,
)
from .money import has_thai_digits, parse_number_text
from .rules import parse_direction, parse_status
from .safety import check_workbook_file
from .thai import parse_thai_date

MAX_TABLE_ROWS = 20_000
MAX_TEXT = 32_767  # Excel's own cell limit


def read_workbook(path: str | Path) -> Report:
    """Read ``path`` (.xlsx/.xlsm) into a Report. Raises InputError when it cannot be read."""
    path = Path(path)
    check_workbook_file(path)
    reader = _BookReader(*_load_both(path))
    report = Report(
        source_name=path.name,
        settings=reader.settings(),
        projects=reader.rows(layout.PROJECTS, _project),
        budget=reader.rows(layout.BUDGET, _budget_line),
        kpis=_fill_down_sources(reader.rows(layout.KPIS, _kpi)),
        footnotes=reader.rows(layout.FOOTNOTES, _footnote),
        obstacles=reader.rows(layout.OBSTACLES, _obstacle),
    )
    report.input_issues = reader.issues
    return report


def _load_both(path: Path):
    """The book twice: with formulas, and with the values Excel cached when it last saved."""
    from openpyxl import load_workbook  # deferred: the core imports without openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            return (
                load_workbook(path, data_only=False, keep_links=False),
                load_workbook(path, data_only=True, keep_links=False),
            )
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


class _BookReader:
    def __init__(self, formulas_book, values_book) -> None:
        self.formulas_book, self.values_book = formulas_book, values_book
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

    def _find(self, table: layout.Table):
        for sheet in self.formulas_book.worksheets:
            for found in sheet.tables.values():
                if found.name.casefold() == table.name.casefold():
                    return sheet, found
        sheets = ", ".join(s.title for s in self.formulas_book.worksheets)
        raise InputError(
            f"ไม่พบตาราง {table.name} ({table.title}) ในสมุดงาน (มีชีต: {sheets}) — "
            "ใช้แม่แบบ workbook_template.xlsm หรือสร้างตาราง Excel ชื่อนี้",
            f"table {table.name} ({table.title}) not found in the workbook (sheets: {sheets}); "
            "start from workbook_template.xlsm or name an Excel table so",
        )

    def _columns(self, sheet, table: layout.Table, first_col: int, last_col: int, header_row: int):
        from openpyxl.utils import get_column_letter

        by_name = {
            layout.normalise_header(sheet.cell(header_row, col).value or ""): col
            for col in range(first_col, last_col + 1)
        }
        mapping: dict[str, int] = {}
        for column in table.columns:
            found = next((by_name[n] for n in map(layout.normalise_header, column.names()) if n in by_name), None)
            if found is not None:
                mapping[column.field] = found
            elif column.required:
                span = f"{get_column_letter(first_col)}{header_row}:{get_column_letter(last_col)}{header_row}"
                raise InputError(
                    f"ตาราง {table.name} ไม่มีหัวคอลัมน์ '{column.header}' ในแถวหัวตาราง {span} — อย่าเปลี่ยนชื่อหัวคอลัมน์",
                    f"table {table.name} has no column '{column.header}' (or {', '.join(column.aliases)}) "
                    f"in its header row {span}; headers must not be renamed",
                    sheet=sheet.title,
                    cell=span,
                )
        return mapping

    def table_rows(self, table: layout.Table) -> Iterator[dict[str, _Cell]]:
        from openpyxl.utils import range_boundaries

        sheet, found = self._find(table)
        first_col, first_row, last_col, last_row = range_boundaries(found.ref)
        header_row = first_row
        last_row -= found.totalsRowCount or 0
        mapping = self._columns(sheet, table, first_col, last_col, header_row)
        if last_row - header_row > MAX_TABLE_ROWS:
            raise InputError(
                f"ตาราง {table.name} มีเกิน {MAX_TABLE_ROWS:,} แถว",
                f"table {table.name} has more than {MAX_TABLE_ROWS:,} rows",
                sheet=sheet.title,
            )
        values_sheet = self.values_book[sheet.title]
        for row in range(header_row + 1, last_row + 1):
            cells = {f: self._cell(sheet, values_sheet, row, col) for f, col in mapping.items()}
            if any(not _blank(c.value) for c in cells.values()):
                yield cells

    def _cell(self, sheet, values_sheet, row: int, col: int) -> _Cell:
        from openpyxl.cell.cell import MergedCell

        raw = sheet.cell(row, col)
        formula = _formula_text(raw.value)
        value = values_sheet.cell(row, col).value if formula else raw.value
        if isinstance(value, str) and len(value) > MAX_TEXT:
            value = value[:MAX_TEXT]
        where = CellRef(sheet=sheet.title, cell=raw.coordinate)
        return _Cell(where, value, formula, raw.number_format or "General", isinstance(raw, MergedCell))

    def rows(self, table: layout.Table, build) -> list:
        return [build(self, cells) for cells in self.table_rows(table)]

    # --- settings ----------------------------------------------------------------------------

    def settings(self) -> Settings:
        keys = {
            layout.normalise_header(name): key
            for key, (label, aliases, _, _) in layout.SETTING_KEYS.items()
            for name in (label, *aliases)
        }
        found: dict[str, Any] = {}
        cells: dict[str, CellRef] = {}
        for row in self.table_rows(layout.SETTINGS):
            key = keys.get(layout.normalise_header(self.text(row["key"])))
            if key is None:
                continue
            found[key] = self._setting(key, row["value"])
            cells[key] = row["value"].where
        for key in ("fiscal_year", "quarter", "as_of"):
            if found.get(key) is None:
                label = layout.SETTING_KEYS[key][0]
                where = cells.get(key)
                if where is None:
                    raise InputError(
                        f"ตาราง {layout.SETTINGS.name} ไม่มีรายการ '{label}'",
                        f"table {layout.SETTINGS.name} has no row '{label}' ({key})",
                        sheet=layout.SETTINGS.sheet,
                    )
                self.issues.append(InputIssue(code="INPUT_MISSING", where=where, params={"value": "", "field": label}))
        return Settings(**{k: v for k, v in found.items() if v is not None}, cells=cells)

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
            return self.amount(cell, required=True)
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
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, datetime | date):
            return value.strftime("%Y-%m-%d")
        return str(value).strip()

    def code(self, cell: _Cell) -> str:
        return self.text(cell).replace(" ", "").rstrip(".")

    def amount(self, cell: _Cell, required: bool = False) -> Decimal | None:
        """Million baht: numbers, "-" for zero, numbers typed as text or in Thai digits."""
        if cell.merged:
            self.issue("INPUT_MERGED", cell)
            return None
        value = cell.value
        if _blank(value):
            if required:
                self.issue("INPUT_MISSING", cell, field="")
            return None
        number = self._number(cell)
        if number is not None and number < 0:
            self.issue("INPUT_NEGATIVE", cell)
        return number

    def _number(self, cell: _Cell) -> Decimal | None:
        value = cell.value
        if isinstance(value, (bool, datetime | date)):
            self.issue("INPUT_NOT_NUMBER", cell)
            return None
        if isinstance(value, int | float):
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
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
        """Whole percent (84 = 84%). A cell formatted as % holds a fraction that Excel shows ×100."""
        number = self.amount(cell)
        if number is None:
            return None
        if _is_percent_format(cell.number_format) and isinstance(cell.value, int | float):
            return number * 100
        if 0 < abs(number) < 1:
            self.issue("INPUT_PCT_FRACTION", cell, fix=number * 100)
            return number * 100
        return number

    def count(self, cell: _Cell) -> int | None:
        number = self.amount(cell)
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
            self.issue("INPUT_BAD_CHOICE", cell, allowed="≥ / ≤ / =")
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


def _is_percent_format(number_format: str) -> bool:
    """True for formats like ``0%`` that show a fraction ×100; false for ``0"%"`` (quoted text)."""
    unquoted = "".join(part for i, part in enumerate(number_format.split('"')) if i % 2 == 0)
    return "%" in unquoted.replace("\\%", "")


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
        **{f: r.amount(cells[f], required=True) for f in ("plan", "paid", "carried", "reserved")},
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
