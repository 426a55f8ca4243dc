"""The input workbook's schema: every table, every column and every setting, described once.

Each column (and each settings row) has a kind, its allowed range or choices, whether it is
required, its Thai and English hint, and its aliases. Everything else is derived from it, never
restated: the reader's parsing of every cell (``parsers.parse``, one function per kind), the UDFs'
reading of their arguments (``cells``), the template's data validation and header notes
(``template.inputs``), ``etda-xl new``'s argument checks, and README's column table
(``schema_table``; a test holds README equal to it).

The reader finds each table by name wherever it sits, so users may insert rows and move tables;
headers are matched in Thai or by their English aliases, ignoring case, spaces, dots and line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from . import rules


class Kind(StrEnum):
    """How a column's cells are read (``parsers.parse`` has one function per kind)."""

    TEXT = "text"
    CODE = "code"  # budget code such as 1.2.1 (or รวม for a total row)
    CODE_LIST = "code list"  # 1.2.2, 1.3.4 / 1.3.4+1.3.5 / 1.2.2-1.3.4
    AMOUNT = "amount"  # million baht (or any figure ≥ 0): Decimal, "-" = 0
    PERCENT = "percent"  # whole percent: 84 means 84% (a 0% cell's 0.84 too)
    COUNT = "count"  # whole number
    DATE = "date"  # an Excel date, or text such as 30 ก.ย. 63 / 30/09/2563 / 2020-09-30
    FLAG = "flag"  # มี / ไม่มี, ใช่ / ไม่ใช่ (yes / no)
    CHOICE = "choice"  # one of a list (status, direction, language)
    COMPUTED = "computed"  # filled by an ETDA_* formula of the template; never read


@dataclass(frozen=True)
class Choices:
    """What a choice column accepts: the words offered in the dropdown, and how any typed word is read."""

    options: tuple[str, ...]  # the dropdown, Thai first
    read: Callable[[str], Any]  # typed text → value, None when it is no choice
    hint: str  # shown in messages: "เขียว / เหลือง / แดง (green / yellow / red)"


#: Largest figure any amount, percentage or count may hold: no figure in this report comes near 10¹⁵
#: (million baht); larger is a paste accident.
MAX_FIGURE = Decimal(10**15)

#: Words accepted for yes / no flags.
YES_WORDS = ("มี", "ใช่", "yes", "y", "true", "1", "✓")
NO_WORDS = ("ไม่มี", "ไม่ใช่", "no", "n", "false", "0", "-", "")


def read_flag(word: str) -> bool | None:
    folded = word.strip().casefold()
    return True if folded in YES_WORDS else False if folded in NO_WORDS else None


#: KPI direction: items that cannot start a formula when picked ("=" would, in Excel).
DIRECTIONS = Choices(("≥", "≤", "เท่ากับ"), rules.parse_direction, "≥ / ≤ / เท่ากับ")
STATUSES = Choices(
    tuple(rules.STATUS_LABELS["th"].values()), rules.parse_status, "เขียว / เหลือง / แดง (green / yellow / red)"
)
OBSTACLE = Choices(("ไม่มี", "มี"), read_flag, "มี / ไม่มี (yes / no)")
YES_NO = Choices(("ไม่ใช่", "ใช่"), read_flag, "ใช่ / ไม่ใช่ (yes / no)")
LANGUAGES = Choices(("th", "en"), lambda w: w.strip().lower() if w.strip().lower() in ("th", "en") else None, "th, en")


@dataclass(frozen=True)
class Column:
    """A column of a table, or a row of the settings table (``field`` is then the setting's key)."""

    field: str
    header: str  # Thai header (or settings label) as shown in the workbook
    aliases: tuple[str, ...] = ()
    kind: Kind = Kind.TEXT
    required: bool = True
    low: Decimal | int | None = None  # smallest allowed figure
    high: Decimal | int | None = None  # largest allowed figure
    choices: Choices | None = None  # for CHOICE and FLAG
    hint_th: str = ""
    hint_en: str = ""
    width: float = 14
    #: The template fills this column with an ``ETDA_*`` formula (the name): its cells are figures the
    #: core recomputes, so a formula there never makes a row data, and its cached errors are ignored.
    formula: str | None = None
    default: Any = None  # settings: the value used when the row is blank
    #: What ``etda-xl new --from`` does with the column: ALWAYS carried (the structure: codes, names,
    #: KPIs), carried within the fiscal YEAR (the plans), or cleared (None: the quarter's figures).
    carry: str | None = None

    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)

    @property
    def note(self) -> str:
        """The header's input message in the template: the hint, Thai then English."""
        return "\n".join(h for h in (self.hint_th, self.hint_en) if h)

    @property
    def allowed(self) -> str:
        """The allowed values in words, for messages and README: "1–4", "≥ 0", "≥ / ≤ / เท่ากับ"."""
        if self.choices is not None:
            return self.choices.hint
        if self.low is not None and self.high is not None:
            return f"{self.low}-{self.high}"
        if self.low is not None:
            return f"≥ {self.low}"
        return ""


@dataclass(frozen=True)
class Table:
    name: str  # the Excel table name (ListObject), stable across versions
    sheet: str  # the sheet the template puts it on
    title: str  # Thai title written above the table
    columns: tuple[Column, ...] = field(default_factory=tuple)
    #: A book may lack this table (books made before it existed): it then reads as empty.
    optional: bool = False

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    @property
    def input_columns(self) -> tuple[Column, ...]:
        """The columns the reader reads (computed-only columns are the template's)."""
        return tuple(c for c in self.columns if c.kind is not Kind.COMPUTED)


#: Column.carry: kept in every next quarter, or only within the fiscal year.
ALWAYS, YEAR = "always", "year"


def _carrying(table: Table, always: tuple[str, ...] = (), year: tuple[str, ...] = ()) -> Table:
    """``table`` with what ``etda-xl new --from`` keeps of it said on its columns (``Column.carry``)."""
    from dataclasses import replace

    carry = {**dict.fromkeys(always, ALWAYS), **dict.fromkeys(year, YEAR)}
    columns = tuple(replace(c, carry=carry[c.field]) if c.field in carry else c for c in table.columns)
    return replace(table, columns=columns)


def normalise_header(text: str) -> str:
    """Compare headers loosely: case, spaces, line breaks and dots are ignored."""
    return re.sub(r"[\s.]+", "", str(text)).casefold()


_PERCENT: dict[str, Any] = {
    "kind": Kind.PERCENT, "low": 0, "hint_th": "ร้อยละเต็ม เช่น 96", "hint_en": "whole percent, e.g. 96"
}  # fmt: skip
_AMOUNT: dict[str, Any] = {
    "kind": Kind.AMOUNT, "low": 0, "hint_th": "ล้านบาท; - แทนศูนย์", "hint_en": "million baht; - for zero"
}  # fmt: skip
_COUNT: dict[str, Any] = {"kind": Kind.COUNT, "low": 0, "hint_th": "จำนวนเต็ม", "hint_en": "whole number"}

SETTINGS = Table(
    name="tblSettings",
    sheet="ตั้งค่า",
    title="ตั้งค่ารายงาน (Report settings)",
    columns=(
        Column("key", "รายการ", ("item", "setting", "key"), width=34),
        Column("value", "ค่า", ("value",), required=False, width=22, hint_th="ตามรายการ", hint_en="per row"),
        Column("description", "คำอธิบาย", ("description", "note"), required=False, width=60),
    ),
)

#: The settings table's rows: one Column each (``field`` is the key, ``header`` the label typed in รายการ).
SETTING_ROWS: tuple[Column, ...] = (
    Column("agency", "หน่วยงาน", ("agency",), required=False, default="สพรอ.",
           hint_th="ชื่อหน่วยงานในหัวรายงาน", hint_en="agency shown in the header"),
    Column("fiscal_year", "ปีงบประมาณ (พ.ศ.)", ("fiscal year", "fiscal_year"), Kind.COUNT, low=2400, high=2699,
           hint_th="เช่น 2563", hint_en="Buddhist-era year, e.g. 2563"),
    Column("quarter", "ไตรมาส", ("quarter",), Kind.COUNT, low=1, high=4,
           hint_th="1–4 (ไตรมาส 1 = ต.ค.–ธ.ค.)", hint_en="1–4 (Q1 = Oct–Dec)"),
    Column("as_of", "ข้อมูล ณ วันที่", ("as of", "as_of"), Kind.DATE,
           hint_th="เช่น 30 ก.ย. 63 หรือ 30/09/2563", hint_en="e.g. 30 ก.ย. 63, 30/09/2563 or 2020-09-30"),
    Column("green_max", "เกณฑ์สีเขียว: ล่าช้าไม่เกิน (%)", ("green max delay",), Kind.AMOUNT, False, 0, 100,
           default=rules.DEFAULT_THRESHOLDS.green_max, hint_th="จุดร้อยละ ค่าเริ่มต้น 5",
           hint_en="percentage points, default 5"),
    Column("yellow_max", "เกณฑ์สีเหลือง: ล่าช้าไม่เกิน (%)", ("yellow max delay",), Kind.AMOUNT, False, 0, 100,
           default=rules.DEFAULT_THRESHOLDS.yellow_max, hint_th="จุดร้อยละ ค่าเริ่มต้น 20",
           hint_en="percentage points, default 20"),
    Column("relative_delay", "คิดความล่าช้าแบบสัดส่วน", ("relative delay",), Kind.FLAG, False, choices=YES_NO,
           default=False, hint_th="ไม่ใช่ = แผน − ผล (จุด); ใช่ = (แผน − ผล) / แผน",
           hint_en="no = points, yes = relative to the plan"),
    Column("pct_decimals", "ทศนิยมของร้อยละ", ("percent decimals",), Kind.COUNT, False, 0, 4, default=0,
           hint_th="ค่าเริ่มต้น 0 (ร้อยละเต็ม)", hint_en="default 0 (whole percent)"),
    Column("status_lang", "ภาษาของสถานะ", ("status language",), Kind.CHOICE, False, choices=LANGUAGES, default="th",
           hint_th="th = เขียว/เหลือง/แดง", hint_en="en = green/yellow/red"),
)  # fmt: skip


def setting(key: str) -> Column:
    return next(c for c in SETTING_ROWS if c.field == key)


PROJECTS = _carrying(
    Table(
        name="tblProjects",
        sheet="โครงการ",
        title="สรุปผลรายโครงการ (Projects summary)",
        columns=(
            Column("number", "ลำดับ", ("no", "number", "#"), Kind.CODE, width=8, hint_th="1, 2, … หรือ รวม",
                   hint_en="1, 2, … or รวม (total row)"),
            Column("short_name", "ชื่อย่อ", ("short name",), width=30),
            Column("name_th", "ชื่อโครงการ (ไทย)", ("thai name", "name th"), required=False, width=50),
            Column("name_en", "ชื่อโครงการ (อังกฤษ)", ("english name", "name en"), required=False, width=40),
            Column("ops_plan", "แผนการดำเนินงาน (ร้อยละ)", ("operations plan %",), **_PERCENT),
            Column("ops_result", "ผลการดำเนินงาน (ร้อยละ)", ("operations result %",), **_PERCENT),
            Column("fin_plan", "แผนด้านการเงิน (ร้อยละ)", ("finance plan %",), **_PERCENT),
            Column("fin_result", "ผลด้านการเงิน (ร้อยละ)", ("finance result %",), **_PERCENT),
            Column("kpi_count", "จำนวนตัวชี้วัด", ("kpi count",), width=12, **_COUNT),
            Column("kpi_done", "ดำเนินการแล้วเสร็จ", ("kpi completed", "completed"), width=12, **_COUNT),
            Column("obstacle", "มีอุปสรรค", ("obstacle",), Kind.FLAG, False, choices=OBSTACLE, width=10, default=False,
                   hint_th="มี = สถานะเป็นแดง", hint_en="มี (yes) makes the status red"),
            Column("status", "สถานะความก้าวหน้า", ("status",), Kind.CHOICE, False, choices=STATUSES, width=14,
                   formula="ETDA_STATUS", hint_th="คำนวณด้วย ETDA_STATUS", hint_en="computed by ETDA_STATUS"),
            Column("budget_codes", "รายการงบประมาณ", ("budget line", "budget lines"), Kind.CODE_LIST, False, width=16,
                   hint_th="รหัสรายการในตารางงบประมาณ เช่น 1.2.2 (หลายรายการคั่นด้วย , หรือ +)",
                   hint_en="codes of the budget table, e.g. 1.2.2 (several: 1.2.2, 1.3.4)"),
        ),
    ),
    always=('number', 'short_name', 'name_th', 'name_en', 'budget_codes', 'kpi_count'), year=('ops_plan', 'fin_plan'),
)  # fmt: skip

BUDGET = _carrying(
    Table(
        name="tblBudget",
        sheet="งบประมาณ",
        title="ผลการใช้จ่ายงบประมาณ (หน่วย : ล้านบาท)",
        columns=(
            Column("code", "รหัส", ("code",), Kind.CODE, width=9, hint_th="1, 1.1, 1.2.1 … หรือ รวม",
                   hint_en="1, 1.1, 1.2.1 … or รวม (grand total)"),
            Column("name", "สำนัก/โครงการ", ("name", "line"), width=36),
            Column("plan", "แผนปฏิบัติงาน (1)", ("plan (1)", "plan"), **_AMOUNT),
            Column("paid", "จ่ายจริง (2)", ("paid (2)", "paid"), **_AMOUNT),
            Column("carried", "เบิกจ่ายข้ามปี (3)", ("carried over (3)", "carried"), **_AMOUNT),
            Column("reserved", "กักเงินไว้จ่ายเหลือในปี (4)", ("reserved (4)", "reserved"), **_AMOUNT),
            Column("result", "ผลการใช้จ่าย (5)=(2)+(3)+(4)", ("result (5)", "result"), Kind.AMOUNT, False, 0,
                   formula="ETDA_SPEND", hint_th="คำนวณด้วย ETDA_SPEND", hint_en="computed by ETDA_SPEND"),
            Column("pct", "% ผลการใช้จ่าย", ("% spent", "pct"), Kind.PERCENT, False, 0, width=12,
                   formula="ETDA_SPEND_PCT", hint_th="คำนวณด้วย ETDA_SPEND_PCT", hint_en="computed by ETDA_SPEND_PCT"),
        ),
    ),
    always=('code', 'name'), year=('plan',),
)  # fmt: skip

#: The budget's amounts, (1) to (5), in the table's order: the columns of kind AMOUNT.
AMOUNTS = tuple(c.field for c in BUDGET.columns if c.kind is Kind.AMOUNT)


KPIS = _carrying(
    Table(
        name="tblKPI",
        sheet="ตัวชี้วัด",
        title="ตัวชี้วัดรายโครงการ (KPIs per project)",
        columns=(
            Column("project", "โครงการ", ("project",), Kind.CODE, width=9, hint_th="ลำดับโครงการ",
                   hint_en="the project's number"),
            Column("source", "ที่มา", ("source",), required=False, width=18,
                   hint_th="ว่าง = เหมือนแถวบน", hint_en="blank = same as the row above"),
            Column("indicator", "ตัวชี้วัด/สิ่งส่งมอบ", ("indicator", "kpi"), width=50),
            Column("target", "ค่าเป้าหมาย", ("target",), width=18, hint_th="ของทั้งปี เช่น 5 ฉบับ, ร้อยละ 80",
                   hint_en="the year's, e.g. 5 ฉบับ, ร้อยละ 80"),
            Column("result", "ผล", ("result",), width=14),
            Column("details", "รายละเอียดสิ่งส่งมอบ", ("details", "deliverables"), required=False, width=50),
            Column("direction", "ทิศทาง", ("direction",), Kind.CHOICE, False, choices=DIRECTIONS, width=9,
                   hint_th="≥ ไม่น้อยกว่า, ≤ ไม่เกิน, เท่ากับ (ว่าง = อนุมานจากตัวชี้วัด)",
                   hint_en="≥ at least, ≤ at most, เท่ากับ exactly (blank = inferred from the indicator)"),
            Column("quarter_target", "เป้าหมายถึงไตรมาสนี้", ("quarter target", "target this quarter"), required=False,
                   width=16, hint_th="ว่าง = ตัดสินกับเป้าหมายทั้งปีในไตรมาส 4 (ก่อนนั้น อยู่ระหว่างดำเนินการ)",
                   hint_en="blank: judged against the year's target in Q4 (in progress before)"),
            Column("met", "บรรลุเป้าหมาย", ("kpi met",), Kind.COMPUTED, False, width=13, formula="ETDA_KPI_MET",
                   hint_th="คำนวณด้วย ETDA_KPI_MET", hint_en="computed by ETDA_KPI_MET"),
        ),
    ),
    always=('project', 'source', 'indicator', 'target', 'direction'),
)  # fmt: skip

FOOTNOTES = _carrying(
    Table(
        name="tblFootnotes",
        sheet="หมายเหตุงบ",
        title="หมายเหตุยอดรวมย่อยของตารางงบประมาณ (Budget footnote subtotals)",
        columns=(
            Column("number", "หมายเหตุที่", ("footnote", "no"), Kind.CODE, width=10),
            Column("lines", "รายการ", ("lines",), Kind.CODE_LIST, width=16,
                   hint_th="ช่วง 1.2.2-1.3.4 หรือรายการ 1.3.4+1.3.5",
                   hint_en="a range 1.2.2-1.3.4 or a list 1.3.4+1.3.5"),
            Column("part_of", "เป็นส่วนหนึ่งของ", ("part of",), Kind.CODE, False, width=14,
                   hint_th="รายการที่เป็นส่วนหนึ่งของรายการนี้ เช่น 1.3.4", hint_en="the line the others are part of"),
            Column("result", "ผลการใช้จ่ายรวม (ล้านบาท)", ("subtotal", "amount"), Kind.AMOUNT, False, 0),
            Column("pct", "คิดเป็น (%)", ("pct", "%"), Kind.PERCENT, False, 0, width=10, hint_th="เช่น 84 หรือ 84%",
                   hint_en="e.g. 84 or 84%"),
            Column("label", "คำอธิบาย", ("label", "text"), required=False, width=50),
        ),
    ),
    always=('number', 'lines', 'part_of', 'label'),
)  # fmt: skip

OBSTACLES = Table(
    name="tblObstacles",
    sheet="อุปสรรค",
    title="ปัญหาอุปสรรคและข้อเสนอแนะ (Obstacles and suggestions)",
    columns=(
        Column("topic", "หัวข้อ", ("topic",), width=22, hint_th="ปัญหา/อุปสรรค, ข้อเสนอแนะ หรือ หมายเหตุ",
               hint_en="problems, suggestions or notes"),
        Column("text", "ข้อความ", ("text",), required=False, width=100),
    ),
)  # fmt: skip

#: The quarter's own tables.
TABLES: tuple[Table, ...] = (SETTINGS, PROJECTS, BUDGET, KPIS, FOOTNOTES, OBSTACLES)


# --- history: earlier quarters' figures, carried from book to book by `etda-xl new --from` ----------

HISTORY_SHEET = "ประวัติ"
_PERIOD = (
    Column("fiscal_year", "ปีงบประมาณ", ("fiscal year",), Kind.COUNT, low=2400, high=2699, width=11,
           hint_th="พ.ศ. เช่น 2563", hint_en="Buddhist-era fiscal year"),
    Column("quarter", "ไตรมาส", ("quarter",), Kind.COUNT, low=1, high=4, width=8, hint_th="1–4", hint_en="1–4"),
)  # fmt: skip
_OPTIONAL_PERCENT: dict[str, Any] = {**_PERCENT, "required": False}
_OPTIONAL_AMOUNT: dict[str, Any] = {**_AMOUNT, "required": False}

HISTORY_BUDGET = Table(
    name="tblHistoryBudget",
    sheet=HISTORY_SHEET,
    title="ประวัติ: ผลการใช้จ่ายงบประมาณรายไตรมาส (ล้านบาท) / History: budget lines by quarter",
    columns=(
        *_PERIOD,
        BUDGET.column("code"),
        Column("name", "สำนัก/โครงการ", ("name", "line"), required=False, width=30),
        *(Column(c.field, c.header, c.aliases, **_OPTIONAL_AMOUNT)
          for c in BUDGET.columns if c.field in AMOUNTS),
        Column("pct", "% ผลการใช้จ่าย", ("% spent", "pct"), width=12, **_OPTIONAL_PERCENT),
    ),
    optional=True,
)  # fmt: skip

HISTORY_PROJECTS = Table(
    name="tblHistoryProjects",
    sheet=HISTORY_SHEET,
    title="ประวัติ: ผลรายโครงการรายไตรมาส / History: projects by quarter",
    columns=(
        *_PERIOD,
        PROJECTS.column("number"),
        Column("short_name", "ชื่อย่อ", ("short name",), required=False, width=24),
        *(Column(c.field, c.header, c.aliases, **_OPTIONAL_PERCENT)
          for c in PROJECTS.columns if c.kind is Kind.PERCENT),
        *(Column(c.field, c.header, c.aliases, width=12, **{**_COUNT, "required": False})
          for c in PROJECTS.columns if c.kind is Kind.COUNT),
        Column("status", "สถานะความก้าวหน้า", ("status",), Kind.CHOICE, False, choices=STATUSES, width=14),
    ),
    optional=True,
)  # fmt: skip

HISTORY_KPIS = Table(
    name="tblHistoryKPI",
    sheet=HISTORY_SHEET,
    title="ประวัติ: ผลตัวชี้วัดรายไตรมาส / History: KPI results by quarter",
    columns=(
        *_PERIOD,
        KPIS.column("project"),
        KPIS.column("indicator"),
        Column("target", "ค่าเป้าหมาย", ("target",), required=False, width=18),
        Column("result", "ผล", ("result",), required=False, width=14),
    ),
    optional=True,
)  # fmt: skip

#: The government's cumulative disbursement targets (มติคณะรัฐมนตรี): typed by the user each year, none built in.
TARGETS = Table(
    name="tblDisbursementTargets",
    sheet="เป้าการเบิกจ่าย",
    title="เป้าหมายการเบิกจ่ายสะสมรายไตรมาส ตามมติคณะรัฐมนตรี (ร้อยละ) / Cumulative disbursement targets",
    columns=(
        *_PERIOD,
        Column("overall", "ภาพรวม (ร้อยละ)", ("overall",), **_OPTIONAL_PERCENT),
        Column("current", "รายจ่ายประจำ (ร้อยละ)", ("current",), **_OPTIONAL_PERCENT),
        Column("investment", "รายจ่ายลงทุน (ร้อยละ)", ("investment",), **_OPTIONAL_PERCENT),
    ),
    optional=True,
)  # fmt: skip

#: The year's plan, entered once: each project's cumulative operations and finance plan % at each quarter's
#: end. ``etda-xl new --from`` carries it through the fiscal year and takes the quarter's plan from it.
PLAN_QUARTERS = (1, 2, 3, 4)
PLANS = _carrying(
    Table(
        name="tblPlan",
        sheet="แผนรายไตรมาส",
        title="แผนทั้งปี: ร้อยละสะสม ณ สิ้นแต่ละไตรมาส (กรอกครั้งเดียวต้นปี) / The year's plan: cumulative % at each quarter's end",
        columns=(
            PROJECTS.column("number"),
            Column("short_name", "ชื่อย่อ", ("short name",), required=False, width=24),
            *(Column(f"ops_q{q}", f"แผนการดำเนินงาน ไตรมาส {q} (ร้อยละ)", (f"operations plan q{q}",), width=13,
                     **_OPTIONAL_PERCENT) for q in PLAN_QUARTERS),
            *(Column(f"fin_q{q}", f"แผนด้านการเงิน ไตรมาส {q} (ร้อยละ)", (f"finance plan q{q}",), width=13,
                     **_OPTIONAL_PERCENT) for q in PLAN_QUARTERS),
        ),
        optional=True,
    ),
    year=('number', 'short_name', 'ops_q1', 'ops_q2', 'ops_q3', 'ops_q4', 'fin_q1', 'fin_q2', 'fin_q3', 'fin_q4'),
)  # fmt: skip

HISTORY_TABLES: tuple[Table, ...] = (HISTORY_BUDGET, HISTORY_PROJECTS, HISTORY_KPIS)
#: Every table the reader reads: the quarter's own (``TABLES``), the history, the targets and the year's plan.
INPUT_TABLES: tuple[Table, ...] = (*TABLES, *HISTORY_TABLES, TARGETS, PLANS)


# --- README's column table -------------------------------------------------------------------------


def schema_table() -> str:
    """README's table of every input column and setting, derived from the schema (tested equal)."""
    lines = [
        "| table | column (Thai header) | English aliases | kind | required | allowed | hint |",
        "|---|---|---|---|---|---|---|",
    ]
    for table in INPUT_TABLES:
        rows = SETTING_ROWS if table is SETTINGS else table.columns
        name = f"{table.name} (settings rows)" if table is SETTINGS else table.name
        for column in rows:
            hint = " / ".join(h for h in (column.hint_th, column.hint_en) if h)
            cells = (name, column.header, ", ".join(column.aliases), column.kind.value,
                     "yes" if column.required else "", column.allowed, hint)  # fmt: skip
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines)
