"""The input workbook's layout: Excel tables (ListObjects) with stable names and Thai headers.

Defined once and used by the reader, the sample writer and the template builder. The reader finds
each table by name wherever it sits, so users may insert rows and move tables; headers are
matched in Thai or by their English aliases, ignoring case, spaces and line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """How a column's cells are read."""

    TEXT = "text"
    CODE = "code"  # budget code such as 1.2.1, or รวม for the grand total
    AMOUNT = "amount"  # million baht, Decimal, "-" = 0
    PERCENT = "percent"  # whole percent: 84 means 84%
    COUNT = "count"  # whole number ≥ 0
    FLAG = "flag"  # มี / ไม่มี (yes / no)
    STATUS = "status"  # เขียว / เหลือง / แดง
    DIRECTION = "direction"  # ≥ / ≤ / =
    VALUE = "value"  # settings value: read as typed


@dataclass(frozen=True)
class Column:
    field: str
    header: str  # Thai header as shown in the workbook
    aliases: tuple[str, ...] = ()
    kind: Kind = Kind.TEXT
    required: bool = True
    width: float = 14
    note: str = ""  # shown as the header's input message in the template

    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


@dataclass(frozen=True)
class Table:
    name: str  # the Excel table name (ListObject), stable across versions
    sheet: str  # the sheet the template puts it on
    title: str  # Thai title written above the table
    columns: tuple[Column, ...] = field(default_factory=tuple)

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)


def normalise_header(text: str) -> str:
    """Compare headers loosely: case, spaces, line breaks and dots are ignored."""
    return re.sub(r"[\s.]+", "", str(text)).casefold()


#: Words accepted in the code column for the grand-total row.
TOTAL_CODES = ("รวม", "รวมทั้งสิ้น", "total", "grand total")

#: Words accepted for yes / no flags.
YES_WORDS = ("มี", "ใช่", "yes", "y", "true", "1", "✓")
NO_WORDS = ("ไม่มี", "ไม่ใช่", "no", "n", "false", "0", "-", "")

SETTINGS = Table(
    name="tblSettings",
    sheet="ตั้งค่า",
    title="ตั้งค่ารายงาน (Report settings)",
    columns=(
        Column("key", "รายการ", ("item", "setting", "key"), width=34),
        Column("value", "ค่า", ("value",), Kind.VALUE, width=22),
        Column("description", "คำอธิบาย", ("description", "note"), required=False, width=60),
    ),
)

#: Settings rows: key → (Thai label, English aliases, default, description).
SETTING_KEYS: dict[str, tuple[str, tuple[str, ...], object, str]] = {
    "agency": ("หน่วยงาน", ("agency",), "สพรอ.", "ชื่อหน่วยงานในหัวรายงาน / agency shown in the header"),
    "fiscal_year": ("ปีงบประมาณ (พ.ศ.)", ("fiscal year", "fiscal_year"), None, "เช่น 2563 / e.g. 2563"),
    "quarter": ("ไตรมาส", ("quarter",), None, "1–4 (ไตรมาส 1 = ต.ค.–ธ.ค.) / 1–4 (Q1 = Oct–Dec)"),
    "as_of": ("ข้อมูล ณ วันที่", ("as of", "as_of"), None, "เช่น 30 ก.ย. 63 / e.g. 30 ก.ย. 63"),
    "green_max": ("เกณฑ์สีเขียว: ล่าช้าไม่เกิน (%)", ("green max delay",), 5, "ค่าเริ่มต้น 5 / default 5"),
    "yellow_max": ("เกณฑ์สีเหลือง: ล่าช้าไม่เกิน (%)", ("yellow max delay",), 20, "ค่าเริ่มต้น 20 / default 20"),
    "relative_delay": (
        "คิดความล่าช้าแบบสัดส่วน",
        ("relative delay",),
        "ไม่ใช่",
        "ไม่ใช่ = แผน − ผล (จุด); ใช่ = (แผน − ผล) / แผน / no = points, yes = relative",
    ),
    "pct_decimals": ("ทศนิยมของร้อยละ", ("percent decimals",), 0, "ค่าเริ่มต้น 0 (ร้อยละเต็ม) / default 0"),
    "status_lang": ("ภาษาของสถานะ", ("status language",), "th", "th = เขียว/เหลือง/แดง, en = green/yellow/red"),
}

PROJECTS = Table(
    name="tblProjects",
    sheet="โครงการ",
    title="สรุปผลรายโครงการ (Projects summary)",
    columns=(
        Column("number", "ลำดับ", ("no", "number", "#"), Kind.CODE, width=8, note="1, 2, … หรือ รวม"),
        Column("short_name", "ชื่อย่อ", ("short name",), width=30),
        Column("name_th", "ชื่อโครงการ (ไทย)", ("thai name", "name th"), required=False, width=50),
        Column("name_en", "ชื่อโครงการ (อังกฤษ)", ("english name", "name en"), required=False, width=40),
        Column("ops_plan", "แผนการดำเนินงาน (ร้อยละ)", ("operations plan %",), Kind.PERCENT, width=14),
        Column("ops_result", "ผลการดำเนินงาน (ร้อยละ)", ("operations result %",), Kind.PERCENT, width=14),
        Column("fin_plan", "แผนด้านการเงิน (ร้อยละ)", ("finance plan %",), Kind.PERCENT, width=14),
        Column("fin_result", "ผลด้านการเงิน (ร้อยละ)", ("finance result %",), Kind.PERCENT, width=14),
        Column("kpi_count", "จำนวนตัวชี้วัด", ("kpi count",), Kind.COUNT, width=12),
        Column("kpi_done", "ดำเนินการแล้วเสร็จ", ("kpi completed", "completed"), Kind.COUNT, width=12),
        Column("obstacle", "มีอุปสรรค", ("obstacle",), Kind.FLAG, required=False, width=10),
        Column("status", "สถานะความก้าวหน้า", ("status",), Kind.STATUS, required=False, width=14),
        Column(
            "budget_codes",
            "รายการงบประมาณ",
            ("budget line", "budget lines"),
            required=False,
            width=16,
            note="รหัสรายการในตารางงบประมาณ เช่น 1.2.2 (หลายรายการคั่นด้วย ,)",
        ),
    ),
)

BUDGET = Table(
    name="tblBudget",
    sheet="งบประมาณ",
    title="ผลการใช้จ่ายงบประมาณ (หน่วย : ล้านบาท)",
    columns=(
        Column("code", "รหัส", ("code",), Kind.CODE, width=9, note="1, 1.1, 1.2.1 … หรือ รวม"),
        Column("name", "สำนัก/โครงการ", ("name", "line"), width=36),
        Column("plan", "แผนปฏิบัติงาน (1)", ("plan (1)", "plan"), Kind.AMOUNT),
        Column("paid", "จ่ายจริง (2)", ("paid (2)", "paid"), Kind.AMOUNT),
        Column("carried", "เบิกจ่ายข้ามปี (3)", ("carried over (3)", "carried"), Kind.AMOUNT),
        Column("reserved", "กักเงินไว้จ่ายเหลือในปี (4)", ("reserved (4)", "reserved"), Kind.AMOUNT),
        Column("result", "ผลการใช้จ่าย (5)=(2)+(3)+(4)", ("result (5)", "result"), Kind.AMOUNT, required=False),
        Column("pct", "% ผลการใช้จ่าย", ("% spent", "pct"), Kind.PERCENT, required=False, width=12),
    ),
)

KPIS = Table(
    name="tblKPI",
    sheet="ตัวชี้วัด",
    title="ตัวชี้วัดรายโครงการ (KPIs per project)",
    columns=(
        Column("project", "โครงการ", ("project",), Kind.CODE, width=9, note="ลำดับโครงการ"),
        Column("source", "ที่มา", ("source",), required=False, width=18),
        Column("indicator", "ตัวชี้วัด/สิ่งส่งมอบ", ("indicator", "kpi"), width=50),
        Column("target", "ค่าเป้าหมาย", ("target",), width=18),
        Column("result", "ผล", ("result",), width=14),
        Column("details", "รายละเอียดสิ่งส่งมอบ", ("details", "deliverables"), required=False, width=50),
        Column(
            "direction",
            "ทิศทาง",
            ("direction",),
            Kind.DIRECTION,
            required=False,
            width=9,
            note="≥ ไม่น้อยกว่า, ≤ ไม่เกิน, เท่ากับ (ว่าง = อนุมานจากตัวชี้วัด)",
        ),
    ),
)

FOOTNOTES = Table(
    name="tblFootnotes",
    sheet="หมายเหตุงบ",
    title="หมายเหตุยอดรวมย่อยของตารางงบประมาณ (Budget footnote subtotals)",
    columns=(
        Column("number", "หมายเหตุที่", ("footnote", "no"), Kind.CODE, width=10),
        Column("lines", "รายการ", ("lines",), width=16, note="ช่วง 1.2.2-1.3.4 หรือรายการ 1.3.4+1.3.5"),
        Column(
            "part_of",
            "เป็นส่วนหนึ่งของ",
            ("part of",),
            Kind.CODE,
            required=False,
            width=14,
            note="รายการที่เป็นส่วนหนึ่งของรายการนี้ เช่น 1.3.4",
        ),
        Column("result", "ผลการใช้จ่ายรวม (ล้านบาท)", ("subtotal", "amount"), Kind.AMOUNT, required=False),
        Column("pct", "คิดเป็น (%)", ("pct", "%"), Kind.PERCENT, required=False, width=10),
        Column("label", "คำอธิบาย", ("label", "text"), required=False, width=50),
    ),
)

OBSTACLES = Table(
    name="tblObstacles",
    sheet="อุปสรรค",
    title="ปัญหาอุปสรรคและข้อเสนอแนะ (Obstacles and suggestions)",
    columns=(
        Column("topic", "หัวข้อ", ("topic",), width=22, note="ปัญหา/อุปสรรค, ข้อเสนอแนะ หรือ หมายเหตุ"),
        Column("text", "ข้อความ", ("text",), required=False, width=100),
    ),
)

TABLES: tuple[Table, ...] = (SETTINGS, PROJECTS, BUDGET, KPIS, FOOTNOTES, OBSTACLES)
