"""The ``xlwings.conf`` sheet: what the book itself decides — which Python module holds its UDFs and
buttons, and how xlwings runs them.

Which Python runs them is each computer's own: ``etda-xl setup-excel`` writes it into the user's
``%USERPROFILE%\\.xlwings\\xlwings.conf``. xlwings reads a key from this sheet before the user's file,
even when its value is empty (``xlwings_conf``), so ``Interpreter_Win`` (and ``Interpreter_Mac``,
``PYTHONPATH``, ``Conda Path``, ``Conda Env``) are left off the sheet: one book then works on every
officer's PC, wherever their Python lives.

xlwings' VBA reads keys from A1 down to the first blank cell of column A (values in column B, key
case ignored), so the keys sit in one block from A1 and the instructions start after a blank row.
Booleans are real booleans, as in xlwings' own quickstart.
"""

from __future__ import annotations

from typing import Any

from .sheets import UDF_MODULE

#: Key → value, in xlwings' quickstart order.
SETTINGS: tuple[tuple[str, Any], ...] = (
    ("UDF Modules", UDF_MODULE),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)

NOTES = (
    "วิธีตั้งค่า / How to set this up",
    "Python ที่ Excel เรียกใช้ตั้งที่เครื่องของแต่ละคน ไม่ใช่ในไฟล์นี้: สั่ง etda-xl setup-excel ครั้งเดียวต่อเครื่อง "
    r"(เขียน %USERPROFILE%\.xlwings\xlwings.conf) แล้วตรวจด้วย etda-xl doctor",
    "Which Python Excel starts is set on each computer, not in this file: run etda-xl setup-excel once per "
    r"computer (it writes %USERPROFILE%\.xlwings\xlwings.conf), then check with etda-xl doctor.",
    "อย่าเพิ่มแถว Interpreter_Win ข้างบน: ค่าในชีตนี้มาก่อนค่าของทุกเครื่อง แม้เป็นค่าว่าง",
    "Do not add an Interpreter_Win row above: a key on this sheet wins over every computer's own, even empty.",
    f"UDF Modules: โมดูล Python ของฟังก์ชัน ETDA_* และปุ่ม ({UDF_MODULE}) — อย่าเปลี่ยน",
    f"UDF Modules: the Python module of the ETDA_* functions and the buttons ({UDF_MODULE}); do not change it",
    "แก้ค่าแล้วให้ปิดและเปิด Excel ใหม่ (หรือเรียกแมโคร KillPy) / after a change, restart Excel (or run the KillPy macro)",
    "ห้ามแทรกแถวว่างระหว่างรายการข้างบน: xlwings อ่านถึงแถวว่างแรกเท่านั้น / keep the keys above in one block",
)


def write_conf_sheet(workbook, sheet, formats) -> None:
    """Keys from A1 down, values in column B, then the notes after a blank row."""
    for row, (key, value) in enumerate(SETTINGS):
        sheet.write_string(row, 0, key, formats.text)
        if isinstance(value, bool):
            sheet.write_boolean(row, 1, value, formats.text)
        elif value:
            sheet.write_string(row, 1, value, formats.text)
    first_note = len(SETTINGS) + 2  # after a blank row: not read as keys
    for offset, line in enumerate(NOTES):
        sheet.write_string(first_note + offset, 0, line, formats.title if offset == 0 else formats.plain)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 60)
    sheet.set_landscape()  # printed (or rendered for the guide) as one page wide, keys beside their values
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
