"""The ``xlwings.conf`` sheet: which Python module holds the UDFs, which Python runs them.

xlwings' VBA reads keys from A1 down to the first blank cell of column A (values in column B, key
case ignored, an empty value counts as set), so the keys sit in one block from A1 and the
instructions start after a blank row. Booleans are real booleans, as in xlwings' own quickstart.
"""

from __future__ import annotations

from typing import Any

from .sheets import UDF_MODULE

#: Key → value, in xlwings' quickstart order. ``python`` means the python on PATH.
SETTINGS: tuple[tuple[str, Any], ...] = (
    ("Interpreter_Win", "python"),
    ("Interpreter_Mac", ""),
    ("PYTHONPATH", ""),
    ("Conda Path", ""),
    ("Conda Env", ""),
    ("UDF Modules", UDF_MODULE),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
)

NOTES = (
    "วิธีตั้งค่า / How to set this up",
    "Interpreter_Win: ถ้าไม่ได้เพิ่ม Python ไว้ใน PATH ให้ใส่ที่อยู่เต็มของ pythonw.exe "
    r"เช่น C:\Users\ชื่อผู้ใช้\AppData\Local\Programs\Python\Python311\pythonw.exe",
    "Interpreter_Win: when Python is not on PATH, give the full path of pythonw.exe, "
    r"e.g. C:\Users\you\AppData\Local\Programs\Python\Python311\pythonw.exe",
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
