"""The two checks sheets: the live one (``=ETDA_CHECKS(...)`` spills every finding as you type) and the
button's results (written by "ตรวจสอบข้อมูล", with links; the input sheets colour the cells it lists).
"""

from __future__ import annotations

from ..a1 import column_letters
from .formulas import checks_formula
from .sheets import (
    LIVE_COLUMNS,
    LIVE_HEADER_ROW,
    RESULTS_COLUMNS,
    RESULTS_HEADER_ROW,
    RESULTS_KEY_COL,
    RESULTS_MAX_ROWS,
    RESULTS_NOT_CHECKED,
    RESULTS_SEVERITY_COL,
    RESULTS_STAMP_CELL,
    flag_names,
    header_text,
)
from .styles import TemplateFormats

LIVE_ROWS = 2000  # rows the live sheet's severity colours cover


def _severity_colours(sheet, first_row: int, last_row: int, last_col: int, severity_col: int, formats) -> None:
    cell = f"${column_letters(severity_col + 1)}{first_row + 1}"
    for severity, fmt in formats.severity.items():
        sheet.conditional_format(
            first_row, 0, last_row, last_col, {"type": "formula", "criteria": f'={cell}="{severity}"', "format": fmt}
        )


def _headers(sheet, row: int, columns, formats: TemplateFormats) -> None:
    for col, (th, en) in enumerate(columns):
        sheet.write_string(row, col, header_text(th, en), formats.header)
    sheet.set_row(row, 42)


def write_live_checks(sheet, formats: TemplateFormats) -> None:
    sheet.set_default_row(21)
    sheet.write_string(0, 0, "ตรวจสอบ (สด): จุดที่ไม่สอดคล้อง คำนวณใหม่ทุกครั้งที่แก้ข้อมูล", formats.title)
    sheet.set_row(0, 30)
    sheet.write_string(1, 0, "Live checks: every inconsistency, recomputed as you type.", formats.subtitle)
    sheet.write_string(
        2,
        0,
        "ใช้ได้หลังกด นำเข้าฟังก์ชัน Python (ครั้งเดียว) ใน Excel 365/2021; #NAME? แปลว่ายังไม่ได้นำเข้า "
        "/ Works after the one-time Import Functions, in Excel 365/2021; #NAME? means not imported yet.",
        formats.plain,
    )
    header = LIVE_HEADER_ROW - 1
    _headers(sheet, header, LIVE_COLUMNS, formats)
    first = header + 1
    sheet.write_dynamic_array_formula(first, 0, first, 0, checks_formula(), formats.text, "")
    _severity_colours(sheet, first, first + LIVE_ROWS, len(LIVE_COLUMNS) - 1, 1, formats)
    for col, width in enumerate((24, 10, 22, 70, 60, 16, 16)):
        sheet.set_column(col, col, width, formats.text)
    sheet.freeze_panes(first, 0)


def write_results(sheet, workbook, formats: TemplateFormats) -> None:
    sheet.set_default_row(21)
    sheet.write_string(0, 0, "ผลการตรวจ (จากปุ่ม ตรวจสอบข้อมูล) / Check results (from the button)", formats.title)
    sheet.set_row(0, 30)
    stamp_row = int(RESULTS_STAMP_CELL[1:]) - 1
    sheet.write_string(stamp_row, 0, RESULTS_NOT_CHECKED, formats.plain)
    header = RESULTS_HEADER_ROW - 1
    _headers(sheet, header, RESULTS_COLUMNS, formats)
    first, last = header + 1, header + RESULTS_MAX_ROWS
    last_col = len(RESULTS_COLUMNS) - 1
    _severity_colours(sheet, first, last, last_col, RESULTS_SEVERITY_COL, formats)
    for col, width in enumerate((7, 10, 24, 22, 70, 60, 16, 16, 16)):
        sheet.set_column(col, col, width, formats.text)
    sheet.set_column(RESULTS_KEY_COL, RESULTS_KEY_COL, 20, formats.text, {"hidden": True})
    sheet.freeze_panes(first, 0)
    for name, refers_to in flag_names().items():
        workbook.define_name(name, refers_to)
