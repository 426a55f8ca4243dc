"""The home sheet: what to do, in Thai then English, and the buttons."""

from __future__ import annotations

from .. import __version__, schema
from ..schema import HISTORY_SHEET
from .sheets import BUTTONS, LIVE_CHECKS, RESULTS
from .styles import TemplateFormats
from .vba import installed_version

TITLE_TH = "รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก (แม่แบบ Excel)"
TITLE_EN = "ETDA quarterly financial and mission report: Excel template"

#: What each button does, next to it.
BUTTON_HELP = (
    "ครั้งแรกเท่านั้น: สร้างฟังก์ชัน ETDA_* และปุ่มอื่น ๆ ในไฟล์นี้ แล้วบันทึกไฟล์ "
    "/ Once per file: adds the ETDA_* functions and the other buttons; then save the file.",
    "ตรวจทุกตาราง เขียนผลพร้อมลิงก์ลงชีต ผลการตรวจ และระบายสีเซลล์ที่มีปัญหา "
    "/ Checks every table, lists the findings with links, colours the cells.",
    "สร้างสมุดงานรายงานไว้ข้างไฟล์นี้แล้วเปิด / Writes the report workbook next to this file and opens it.",
    "สร้างรายงานแล้วส่งออกเป็น PDF ผ่าน Excel / Makes the report and exports it to PDF through Excel.",
    f"สร้างสมุดงานไตรมาสถัดไปข้างไฟล์นี้ ตัวเลขไตรมาสนี้อยู่ในชีต {HISTORY_SHEET} "
    "/ Writes the next quarter's book next to this file, this quarter's figures on its history sheet.",
)

STEPS_TH = (
    "วิธีใช้",
    "1. ติดตั้ง Python 3.11 ขึ้นไปและ etda-xl ตามคู่มือ (docs/guide.md) แล้วสั่ง etda-xl setup-excel ครั้งเดียวต่อเครื่อง "
    "และ etda-xl doctor เพื่อตรวจความพร้อม",
    "2. ไฟล์ที่ดาวน์โหลดหรือได้ทางอีเมลถูกบล็อกแมโคร: คลิกขวาที่ไฟล์ > Properties > ติ๊ก Unblock หรือเก็บไฟล์ไว้ใน Trusted Location",
    "3. ครั้งเดียวต่อเครื่อง: File > Options > Trust Center > Trust Center Settings > Macro Settings > "
    'ติ๊ก "Trust access to the VBA project object model"',
    "4. กดปุ่ม นำเข้าฟังก์ชัน Python แล้วบันทึกไฟล์ (ครั้งเดียวต่อไฟล์) แล้วกด Ctrl+Alt+F9 ให้คำนวณใหม่ทั้งหมด",
    "5. กรอกชีต ตั้งค่า (ปีงบประมาณ ไตรมาส วันที่ข้อมูล) แล้วกรอกตัวเลขดิบในตาราง โครงการ งบประมาณ ตัวชี้วัด "
    "หมายเหตุงบ และอุปสรรค (แต่ละตารางขยายเองเมื่อพิมพ์ต่อท้าย); แถวสีเทาเหนือหัวตารางเป็นตัวอย่าง ไม่ถูกอ่าน",
    "6. ผลการใช้จ่าย (5), % ผลการใช้จ่าย, สถานะความก้าวหน้า (สี) และการบรรลุเป้าหมาย คำนวณเองทันที; "
    f"ชีต {LIVE_CHECKS} แสดงจุดที่ไม่สอดคล้องขณะพิมพ์",
    f"7. กด ตรวจสอบข้อมูล เพื่อดูผลพร้อมลิงก์ในชีต {RESULTS} แล้วกด สร้างรายงาน หรือ ส่งออก PDF",
    f"8. จบไตรมาสแล้ว กด เริ่มไตรมาสถัดไป: ได้สมุดงานใหม่ข้างไฟล์นี้ ตัวเลขของไตรมาสนี้อยู่ในชีต {HISTORY_SHEET}",
    "ถ้าเซลล์แสดง #NAME? ให้กด นำเข้าฟังก์ชัน Python อีกครั้ง; ถ้า Excel หา DLL ของ xlwings ไม่พบ หรือปุ่มเริ่มทำงานไม่ได้ "
    "ให้สั่ง etda-xl doctor ซึ่งบอกวิธีแก้",
)

STEPS_EN = (
    "How to use it",
    "1. Install Python 3.11+ and etda-xl as the guide says (docs/guide.md), then run etda-xl setup-excel once per "
    "computer and etda-xl doctor to check.",
    "2. A file downloaded or mailed has its macros blocked: right-click it > Properties > tick Unblock, "
    "or keep it in a Trusted Location.",
    "3. Once per computer: File > Options > Trust Center > Trust Center Settings > Macro Settings > "
    'tick "Trust access to the VBA project object model".',
    "4. Press Import functions (นำเข้าฟังก์ชัน Python), then save the file (once per file) and press Ctrl+Alt+F9.",
    "5. Fill the settings sheet (fiscal year, quarter, as-of date), then type the raw figures into the tables "
    "(each table grows as you type below it); the grey row above each table is an example, never read.",
    "6. Result (5), % spent, status colours and KPI met update as you type; "
    f"the {LIVE_CHECKS} sheet lists every inconsistency live.",
    f"7. Press Check the data for the findings with links ({RESULTS} sheet), then Make the report or Export PDF.",
    "8. Quarter done: press Start next quarter for the next book next to this one; this quarter's figures go to "
    f"its {HISTORY_SHEET} (history) sheet.",
    "#NAME? in a cell: run the import again. Excel cannot find the xlwings DLL, or a button cannot start: "
    "run etda-xl doctor, which says what to fix.",
)

BUTTON_ROW, BUTTON_GAP = 3, 3  # zero-based first button row, rows between buttons


def write_home(sheet, formats: TemplateFormats) -> None:
    xlwings_version = installed_version()
    sheet.set_default_row(21)  # Thai marks above and below need more than Excel's 15 points
    sheet.write_string(0, 0, TITLE_TH, formats.title)
    sheet.set_row(0, 30)
    sheet.write_string(1, 0, TITLE_EN, formats.subtitle)
    sheet.set_row(1, 20)
    sheet.set_column(0, 0, 3)
    sheet.set_column(1, 1, 34)
    sheet.set_column(2, 2, 110, formats.step)
    for index, ((caption, english, macro), help_text) in enumerate(zip(BUTTONS, BUTTON_HELP, strict=True)):
        row = BUTTON_ROW + index * BUTTON_GAP
        sheet.insert_button(
            row,
            1,
            {"macro": macro, "caption": caption, "width": 230, "height": 44, "description": english},
        )
        sheet.write_string(row, 2, help_text, formats.step)
        sheet.set_row(row, 36)
    row = BUTTON_ROW + len(BUTTONS) * BUTTON_GAP + 1
    for steps in (STEPS_TH, STEPS_EN):
        sheet.write_string(row, 1, steps[0], formats.heading)
        sheet.set_row(row, 26)
        for offset, line in enumerate(steps[1:], 1):
            sheet.write_string(row + offset, 1, line, formats.plain)
        row += len(steps) + 1
    sheet.write_string(row, 1, "ชีตในสมุดงาน / Sheets", formats.heading)
    sheet.set_row(row, 26)
    for offset, table in enumerate(schema.INPUT_TABLES, 1):
        target = "'" + table.sheet.replace("'", "''") + "'!A1"
        sheet.write_url(row + offset, 1, f"internal:{target}", formats.link, table.sheet)
        sheet.write_string(row + offset, 2, f"{table.title} ({table.name})", formats.plain)
    row += len(schema.INPUT_TABLES) + 2
    sheet.write_string(
        row,
        1,
        f"สร้างด้วย etda-xl {__version__} และ xlwings {xlwings_version} (VBA ในไฟล์ต้องตรงกับ xlwings ที่ติดตั้ง) "
        f"/ Built by etda-xl {__version__} with xlwings {xlwings_version}; installed xlwings must match.",
        formats.subtitle,
    )
    sheet.hide_gridlines(2)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4
    sheet.fit_to_pages(1, 0)
    sheet.activate()
