"""INPUT_*: cells the reader could not take at face value (text in number cells, "-", …).

The reader notes them while parsing; each code below reports its own, with its own message.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Hit, Severity, check
from ..model import Quarter

#: code → (severity, Thai template, English template). Params: value, fix, field, allowed.
INPUT_CHECKS = {
    "INPUT_MISSING": (
        Severity.ERROR,
        "ช่อง '{field}' ว่าง ต้องกรอก{hint}",
        "'{field}' is blank but required{hint_en}",
    ),
    "INPUT_FORMULA_UNCALCULATED": (
        Severity.WARNING,
        "สูตรในช่องนี้ยังไม่เคยคำนวณ (ไฟล์ไม่ได้บันทึกจาก Excel) จึงไม่มีค่าให้ตรวจ — เปิดใน Excel กด Ctrl+Alt+F9 แล้วบันทึก",
        "this formula has never been calculated (the file was not saved by Excel), so there is no value to check; "
        "open it in Excel, press Ctrl+Alt+F9 and save",
    ),
    "INPUT_DUPLICATE_ROW": (
        Severity.WARNING,
        "รายการ '{value}' ซ้ำกับแถว {first} — ใช้ค่าของแถวแรก",
        "'{value}' repeats the row at {first}; the first one is used",
    ),
    "INPUT_NOT_NUMBER": (
        Severity.ERROR,
        "ค่าไม่ใช่ตัวเลข: '{value}'",
        "not a number: '{value}'",
    ),
    "INPUT_NEGATIVE": (
        Severity.ERROR,
        "ค่าติดลบ: {value} (ต้องไม่น้อยกว่า 0)",
        "negative value: {value} (must be ≥ 0)",
    ),
    "INPUT_TEXT_NUMBER": (
        Severity.INFO,
        "ตัวเลขถูกพิมพ์เป็นข้อความ '{value}' — อ่านเป็น {fix}",
        "number typed as text '{value}'; read as {fix}",
    ),
    "INPUT_THAI_DIGITS": (
        Severity.INFO,
        "ตัวเลขไทย '{value}' — อ่านเป็น {fix}",
        "Thai digits '{value}'; read as {fix}",
    ),
    "INPUT_PCT_FRACTION": (
        Severity.WARNING,
        "ร้อยละถูกพิมพ์เป็นเศษส่วน {value} — น่าจะหมายถึง {fix}%",
        "percentage typed as a fraction {value}; probably means {fix}%",
    ),
    "INPUT_NOT_COUNT": (
        Severity.ERROR,
        "ต้องเป็นจำนวนเต็มไม่ติดลบ แต่พบ '{value}'",
        "must be a whole number ≥ 0, found '{value}'",
    ),
    "INPUT_BAD_CHOICE": (
        Severity.ERROR,
        "ค่า '{value}' ไม่อยู่ในตัวเลือก: {allowed}",
        "'{value}' is not one of: {allowed}",
    ),
    "INPUT_BAD_DATE": (
        Severity.ERROR,
        "อ่านวันที่ '{value}' ไม่ได้ (ควรเป็นวันที่ของ Excel หรือรูปแบบ 30 ก.ย. 63)",
        "cannot read the date '{value}' (use an Excel date or the form 30 ก.ย. 63)",
    ),
    "INPUT_OUT_OF_RANGE": (
        Severity.ERROR,
        "ค่า '{value}' อยู่นอกช่วงที่ใช้ได้ ({allowed})",
        "'{value}' is outside the allowed range ({allowed})",
    ),
    "INPUT_FORMULA_ERROR": (
        Severity.WARNING,
        "เซลล์แสดงค่าผิดพลาด {value} จึงไม่มีตัวเลขให้ตรวจ — ถ้าเป็นสูตร ETDA_* ให้กดปุ่ม 'นำเข้าฟังก์ชัน Python' "
        "แล้วคำนวณใหม่ (Ctrl+Alt+F9) และบันทึกใน Excel",
        "the cell shows the error {value}, so there is no figure to check; if it is an ETDA_* formula, run "
        "'Import Functions', recalculate (Ctrl+Alt+F9) and save in Excel",
    ),
    "INPUT_MERGED": (
        Severity.ERROR,
        "เซลล์นี้ถูกผสาน (merge) กับเซลล์อื่น จึงไม่มีค่าของตัวเอง — ยกเลิกการผสานเซลล์และกรอกค่า",
        "this cell is merged into another and holds no value of its own; unmerge it and type the value",
    ),
}


def _register(code: str, severity: Severity, th: str, en: str) -> None:
    def surface(report: Quarter) -> Iterable[Hit]:
        for issue in report.input_issues:
            if issue.code == code:
                params = {"value": "", "fix": issue.fix or "", "field": "", "allowed": "", "hint": "", "hint_en": ""}
                params.update(issue.params)
                yield Hit(issue.where, params, actual=issue.actual, fix=issue.fix)

    surface.__name__ = code.lower()
    check(code, severity, th, en)(surface)


for _code, (_severity, _th, _en) in INPUT_CHECKS.items():
    _register(_code, _severity, _th, _en)
