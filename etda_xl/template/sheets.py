"""Names the template, the UDF module and the button scripts share: sheets, macros, defined names.

Kept free of heavy imports: the button scripts read it inside Excel's Python process.
"""

from __future__ import annotations

from .. import schema

#: The Python module xlwings imports the UDFs and button scripts from (``UDF Modules`` in xlwings.conf).
UDF_MODULE = "udfs.etda_udfs"

HOME = "หน้าแรก"
LIVE_CHECKS = "ตรวจสอบ"
RESULTS = "ผลการตรวจ"
CONF = "xlwings.conf"  # exactly this name: xlwings reads its settings from it

#: The input sheets in order: the quarter's tables, then the history (three tables side by side on one
#: sheet) and the disbursement targets.
INPUT_SHEETS: tuple[str, ...] = tuple(dict.fromkeys(table.sheet for table in schema.INPUT_TABLES))

#: Sheets in workbook order, with their VBA codenames. The xlwings VBA project has document modules
#: ThisWorkbook, Sheet1 and Sheet2 (its quickstart's two sheets): the home sheet and the conf sheet take
#: those; the others get the next free codenames (Excel adds their empty document modules on open).
SHEETS: tuple[tuple[str, str], ...] = (
    (HOME, "Sheet1"),
    *((sheet, f"Sheet{index}") for index, sheet in enumerate(INPUT_SHEETS, 3)),
    (LIVE_CHECKS, f"Sheet{len(INPUT_SHEETS) + 3}"),
    (RESULTS, f"Sheet{len(INPUT_SHEETS) + 4}"),
    (CONF, "Sheet2"),
)

#: Button captions → the macro each runs. ``ImportPythonUDFs`` is the embedded xlwings VBA module's
#: Sub; the others are ``@xw.script`` functions of UDF_MODULE, which "Import Functions" turns into VBA Subs.
IMPORT_MACRO = "ImportPythonUDFs"
CHECK_MACRO = "etda_run_checks"
REPORT_MACRO = "etda_make_report"
PDF_MACRO = "etda_export_pdf"
NEXT_QUARTER_MACRO = "etda_start_next_quarter"
BUTTONS: tuple[tuple[str, str, str], ...] = (
    ("นำเข้าฟังก์ชัน Python", "Import functions (once)", IMPORT_MACRO),
    ("ตรวจสอบข้อมูล", "Check the data", CHECK_MACRO),
    ("สร้างรายงาน", "Make the report", REPORT_MACRO),
    ("ส่งออก PDF", "Export PDF", PDF_MACRO),
    ("เริ่มไตรมาสถัดไป", "Start next quarter", NEXT_QUARTER_MACRO),
)

#: Defined names for the settings the formula columns use: setting key → name.
SETTING_NAMES = {
    "quarter": "etda_quarter",
    "green_max": "etda_green_max",
    "yellow_max": "etda_yellow_max",
    "relative_delay": "etda_relative_delay",
    "pct_decimals": "etda_pct_decimals",
    "status_lang": "etda_status_lang",
}

# --- the button's results sheet ---------------------------------------------------------------------

#: 1-based row of the results sheet's header; findings start on the row below.
RESULTS_HEADER_ROW = 4
RESULTS_STAMP_CELL = "A2"  # "checked at …, N errors …"
RESULTS_MAX_ROWS = 5000
#: Column headers (Thai, English). The last column, hidden, holds "sheet!cell" for the cell colouring.
RESULTS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("ลำดับ", "No."),
    ("ระดับ", "Severity"),
    ("รหัส", "Code"),
    ("ตำแหน่ง (คลิกเพื่อไปที่เซลล์)", "Cell (click to go there)"),
    ("ข้อความ", "Message (Thai)"),
    ("Message", "Message (English)"),
    ("ค่าที่กรอก", "Reads"),
    ("ค่าที่ควรกรอก", "Type instead"),
    ("เซลล์", "Cell key"),
)
RESULTS_SEVERITY_COL = 1  # zero-based columns
RESULTS_NOT_CHECKED = "ยังไม่ได้ตรวจ: กดปุ่ม ตรวจสอบข้อมูล ที่หน้าแรก / Not checked yet: press the button on the home sheet."
RESULTS_KEY_COL = len(RESULTS_COLUMNS) - 1

#: Defined names over the results sheet's key and severity columns; the input sheets' conditional
#: formats colour a cell when its "sheet!cell" key is listed with that severity.
FLAG_CELLS = "etda_flag_cells"
FLAG_SEVERITY = "etda_flag_severity"


def header_text(th: str, en: str) -> str:
    """A column header of the checks sheets: Thai, then English on a second line."""
    return f"{th}\n{en}" if th != en else th


def flag_names() -> dict[str, str]:
    """The two defined names and what they refer to (the template defines them; the check button
    restores them when the results sheet was deleted and added back, which leaves them at #REF!)."""
    from ..a1 import column_letters

    quoted = "'" + RESULTS.replace("'", "''") + "'"
    first, last = RESULTS_HEADER_ROW + 1, RESULTS_HEADER_ROW + RESULTS_MAX_ROWS

    def span(col: int) -> str:
        letter = column_letters(col + 1)
        return f"={quoted}!${letter}${first}:${letter}${last}"

    return {FLAG_CELLS: span(RESULTS_KEY_COL), FLAG_SEVERITY: span(RESULTS_SEVERITY_COL)}


# --- the live checks sheet ---------------------------------------------------------------------------

LIVE_HEADER_ROW = 5  # 1-based; =ETDA_CHECKS(...) spills from the row below
LIVE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("รหัส", "Code"),
    ("ระดับ", "Severity"),
    ("ตำแหน่ง", "Cell"),
    ("ข้อความ", "Message (Thai)"),
    ("Message", "Message (English)"),
    ("ค่าที่กรอก", "Reads"),
    ("ค่าที่ควรกรอก", "Type instead"),
)
