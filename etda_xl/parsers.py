"""One parser per column kind, and the input problems they report: the reader and the UDFs both use these.

``parse(column, value, number_format)`` reads one cell by its schema column (``schema.Column``) and
returns the value with every problem found (``Problem``: a stable ``INPUT_*`` code and its
parameters). The reader turns problems into findings at the cell; a UDF shows the first error's
message in its cell. So a cell reads the same, with the same words, wherever it is read.

Why plain functions rather than pydantic validators: parsing a cell needs its number format and
reports several problems per cell (a note and a value), which pydantic's per-field validators do
not carry; and importing pydantic and building its models cost about 0.2 s of every command
(measured with ``python -X importtime``), more than reading and checking the whole sample book.
So the schema's parsers are the one validation, and the model (``model``, plain dataclasses)
receives parsed values.

Imports stay light (no pydantic, openpyxl, pandas).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from . import rules
from .codes import TOTAL, is_total_word, normal_code, parse_code_list, split_items
from .decimals import from_float, has_thai_digits, parse_number_text, plain, round_half_up
from .schema import MAX_FIGURE, Column, Kind

#: Excel's own limit on a cell's text.
MAX_TEXT = 32_767

# --- problems ----------------------------------------------------------------------------------------

#: code → (severity, Thai template, English template). Parameters: value (the cell as typed), fix,
#: field (the column's header), allowed, hint/hint_en, reason/reason_en. Missing ones format as "".
PROBLEMS: dict[str, tuple[str, str, str]] = {
    "INPUT_MISSING": (
        "error",
        "ช่อง '{field}' ว่าง ต้องกรอก{hint}",
        "'{field}' is blank but required{hint_en}",
    ),
    "INPUT_FORMULA_UNCALCULATED": (
        "error",
        "ช่อง '{field}' เป็นสูตรที่ยังไม่เคยคำนวณ (ไฟล์ไม่ได้บันทึกจาก Excel) จึงไม่มีตัวเลข — เปิดใน Excel "
        "กด Ctrl+Alt+F9 แล้วบันทึก หรือพิมพ์ตัวเลขแทนสูตร",
        "'{field}' is a formula that was never calculated (the file was not saved by Excel), so it holds no "
        "figure; open it in Excel, press Ctrl+Alt+F9 and save, or type the figure instead",
    ),
    "INPUT_FORMULA_ERROR": (
        "error",
        "ช่อง '{field}' แสดงค่าผิดพลาด {value} ({reason}) จึงไม่มีตัวเลข — แก้สูตรหรือพิมพ์ตัวเลขแทน",
        "'{field}' shows the error {value} ({reason_en}), so it holds no figure; fix the formula or type the "
        "figure instead",
    ),
    "INPUT_FORMULA_CIRCULAR": (
        "error",
        "ช่อง '{field}' เป็นสูตรที่อ้างถึงเซลล์ตัวเอง ({formula}) ซึ่ง Excel คำนวณไม่ได้ (การอ้างอิงแบบวงกลม) — "
        "ค่า {value} ที่บันทึกไว้จึงไม่ใช่ตัวเลขจริง; แก้สูตรหรือพิมพ์ตัวเลขแทน",
        "'{field}' is a formula that refers to its own cell ({formula}), a circular reference Excel cannot "
        "calculate: the {value} saved is no figure; fix the formula or type the figure instead",
    ),
    "INPUT_DUPLICATE_ROW": (
        "warning",
        "รายการ '{value}' ซ้ำกับแถว {first} — ใช้ค่าของแถวแรก",
        "'{value}' repeats the row at {first}; the first one is used",
    ),
    "INPUT_NOT_NUMBER": ("error", "ค่าไม่ใช่ตัวเลข: '{value}'", "not a number: '{value}'"),
    "INPUT_NEGATIVE": ("error", "ค่าติดลบ: {value} (ต้องไม่น้อยกว่า 0)", "negative value: {value} (must be ≥ 0)"),
    "INPUT_TEXT_NUMBER": (
        "info",
        "ตัวเลขถูกพิมพ์เป็นข้อความ '{value}' — อ่านเป็น {fix}",
        "number typed as text '{value}'; read as {fix}",
    ),
    "INPUT_THAI_DIGITS": ("info", "ตัวเลขไทย '{value}' — อ่านเป็น {fix}", "Thai digits '{value}'; read as {fix}"),
    "INPUT_PCT_FRACTION": (
        "warning",
        "ร้อยละถูกพิมพ์เป็นเศษส่วน {value} — น่าจะหมายถึง {fix}%",
        "percentage typed as a fraction {value}; probably means {fix}%",
    ),
    "INPUT_PCT_AMBIGUOUS": (
        "error",
        "ร้อยละ {value} อาจหมายถึง 1% หรือ 100% (เซลล์ในแถวและคอลัมน์เดียวกันกรอกทั้งแบบร้อยละเต็มและแบบเศษส่วน หรือไม่บอกเลย) "
        "— พิมพ์ 100 ถ้าหมายถึงร้อยละ 100 หรือ 1% ถ้าหมายถึงร้อยละ 1",
        "the percentage {value} could mean 1% or 100% (the cells of its row and column are typed both as whole "
        "percents and as fractions, or give no sign); type 100 for 100%, or 1% for 1%",
    ),
    "INPUT_NOT_COUNT": (
        "error",
        "ต้องเป็นจำนวนเต็มไม่ติดลบ แต่พบ '{value}'",
        "must be a whole number ≥ 0, found '{value}'",
    ),
    "INPUT_BAD_CHOICE": ("error", "ค่า '{value}' ไม่อยู่ในตัวเลือก: {allowed}", "'{value}' is not one of: {allowed}"),
    "INPUT_BAD_CODE": (
        "error",
        "รหัสรายการ '{code}' ใน '{value}' ไม่ถูกรูปแบบ (ควรเป็น 1.2.2 หลายรายการคั่นด้วย , หรือ + ช่วงใช้ 1.2.2-1.3.4)",
        "budget code '{code}' in '{value}' is malformed (expected 1.2.2; several separated by , or +; a range "
        "1.2.2-1.3.4)",
    ),
    "INPUT_BAD_DATE": (
        "error",
        "อ่านวันที่ '{value}' ไม่ได้ (ควรเป็นวันที่ของ Excel หรือ 30 ก.ย. 63, 30/09/2563, 2020-09-30)",
        "cannot read the date '{value}' (use an Excel date, or 30 ก.ย. 63, 30/09/2563, 2020-09-30)",
    ),
    "INPUT_OUT_OF_RANGE": (
        "error",
        "ค่า '{value}' อยู่นอกช่วงที่ใช้ได้ ({allowed})",
        "'{value}' is outside the allowed range ({allowed})",
    ),
    "INPUT_OUTSIDE_TABLE": (
        "warning",
        "ค่าที่นี่อยู่นอกตาราง {table} จึงไม่ได้อ่าน — ขยายตารางให้ครอบ{what_th}นี้ (ลากมุมขวาล่างของตาราง หรือ "
        "Table Design > Resize Table)",
        "this is outside {table}, so it is not read; resize the table to take this {what} in (drag the table's "
        "bottom-right corner, or Table Design > Resize Table)",
    ),
    "INPUT_MERGED": (
        "error",
        "เซลล์นี้ถูกผสาน (merge) กับเซลล์อื่น จึงไม่มีค่าของตัวเอง — ยกเลิกการผสานเซลล์และกรอกค่า",
        "this cell is merged into another and holds no value of its own; unmerge it and type the value",
    ),
}  # fmt: skip

#: Why a formula shows an error value, in words (LibreOffice's Err:nnn codes included).
ERROR_REASONS: dict[str, tuple[str, str]] = {
    "#NAME?": ("ไม่รู้จักชื่อฟังก์ชัน: ยังไม่ได้นำเข้าฟังก์ชัน ETDA_* หรือเปิดในโปรแกรมอื่น",
               "unknown function: ETDA_* not imported yet, or opened in another program"),
    "#VALUE!": ("ค่าที่สูตรใช้ไม่ใช่ตัวเลข", "a value the formula uses is not a number"),
    "#DIV/0!": ("หารด้วยศูนย์", "division by zero"),
    "#REF!": ("สูตรอ้างถึงเซลล์ที่ถูกลบ", "the formula refers to a deleted cell"),
    "#N/A": ("ค้นหาไม่พบ", "a lookup found nothing"),
    "#NUM!": ("ตัวเลขไม่ถูกต้อง", "an invalid number"),
    "#NULL!": ("ช่วงเซลล์ไม่ตัดกัน", "ranges that do not intersect"),
    "#SPILL!": ("ผลลัพธ์ล้นพื้นที่", "the result cannot spill"),
    "#CALC!": ("คำนวณไม่ได้", "cannot calculate"),
    "#GETTING_DATA": ("ยังดึงข้อมูลไม่เสร็จ", "still getting data"),
    "Err:522": ("สูตรอ้างอิงวนกลับมาที่ตัวเอง (circular reference)", "a circular reference"),
    "Err:523": ("สูตรอ้างอิงวนกลับมาที่ตัวเอง (circular reference)", "a circular reference"),
    "Err:507": ("สูตรที่ LibreOffice อ่านไม่ได้", "a formula LibreOffice cannot read"),
    "Err:508": ("สูตรที่ LibreOffice อ่านไม่ได้", "a formula LibreOffice cannot read"),
    "Err:504": ("ค่าที่สูตรใช้ไม่ถูกต้อง", "an invalid argument"),
}  # fmt: skip
_ERROR_TEXT = re.compile(r"^(#[A-Z/0!?_]{2,12}[!?A]?|Err:\d{3})$")


def refers_to_itself(formula: str, address: str) -> bool:
    """The formula names its own cell (=D8+1 in D8, =SUM(D4:D8) in D8): a circular reference, which
    Excel saves as 0 without a word. A reference through another cell goes unseen."""
    letters = address.rstrip("0123456789")
    own = re.compile(rf"(?<![A-Za-z0-9_.!$])\$?{letters}\$?{address[len(letters) :]}(?![0-9(])", re.IGNORECASE)
    return own.search(formula) is not None


def is_error_value(value: Any) -> bool:
    """What a cell shows when its formula failed: #NAME?, #VALUE!, Err:507 …"""
    return isinstance(value, str) and bool(_ERROR_TEXT.match(value.strip()))


def error_reason(value: str) -> tuple[str, str]:
    return ERROR_REASONS.get(value.strip(), ("สูตรคำนวณไม่ได้", "the formula cannot be calculated"))


def with_defaults(code: str, params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with every parameter of the code's templates present (blank when not given)."""
    names = {name for template in PROBLEMS[code][1:] for _, name, _, _ in string.Formatter().parse(template) if name}
    return {**dict.fromkeys(names, ""), **params}


def message(code: str, lang: str = "th", **params: Any) -> str:
    """A problem's message in ``lang``; parameters not given are blank."""
    _severity, th, en = PROBLEMS[code]
    return (th if lang == "th" else en).format(**with_defaults(code, params))


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    params: dict[str, Any] = field(default_factory=dict)  # words as text; a cell the reader names as a CellRef
    fix: Any = None

    @property
    def severity(self) -> str:
        return PROBLEMS[self.code][0]


@dataclass(slots=True)
class Parsed:
    value: Any
    problems: list[Problem] = field(default_factory=list)

    def note(self, problem: str, fix: Any = None, **params: Any) -> None:
        shown = {k: str(v) for k, v in params.items()}
        if fix is not None:
            shown.setdefault("fix", str(fix))
        self.problems.append(Problem(problem, shown, fix))


# --- cells as text ---------------------------------------------------------------------------------


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def unquoted(number_format: str) -> str:
    """A number format without its quoted literal text: ``0"%"`` → ``0``."""
    return "".join(part for i, part in enumerate(number_format.split('"')) if i % 2 == 0)


def is_percent_format(number_format: str | None) -> bool:
    """True for formats like ``0%`` that show a fraction ×100; false for ``0"%"`` (quoted text)."""
    return bool(number_format) and "%" in unquoted(number_format or "").replace("\\%", "")


def shown_decimals(number_format: str | None) -> int | None:
    """Decimals a number format shows: "0%" → 0, "#,##0.00" → 2; None for General (all digits)."""
    section = unquoted((number_format or "General").split(";")[0])
    if "0" not in section and "#" not in section:
        return None
    decimals = re.search(r"\.([0#]+)", section)
    return len(decimals.group(1)) if decimals else 0


def text(value: Any, number_format: str | None = None) -> str:
    """A cell as text, as it shows: 5.0 → "5", a date → 2020-09-30, 0.9459 in a 0.00% cell → "94.59%"."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool) and is_percent_format(number_format):
        shown = shown_decimals(number_format) or 0
        return f"{round_half_up(from_float(float(value)) * 100, shown):f}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()[:MAX_TEXT]


def _shown(value: Any) -> str:
    return "" if value is None else str(value)


# --- one parser per kind -----------------------------------------------------------------------------


def parse(column: Column, value: Any, number_format: str | None = None, around: frozenset[str] = frozenset()) -> Parsed:
    """Read one cell by its column's kind; a blank reads as the column's default (None for most).

    ``around``: for a percentage, how the cells of its row and column are typed (``styles_of``).
    """
    if is_blank(value) and column.kind is not Kind.TEXT:
        return Parsed(column.default if column.default is not None or column.kind is not Kind.CODE else "")
    if column.kind is Kind.PERCENT:
        return _percent(column, value, number_format, around)
    return _PARSERS[column.kind](column, value, number_format)


def _text(column: Column, value: Any, number_format: str | None) -> Parsed:
    return Parsed(text(value, number_format))


def _code(column: Column, value: Any, number_format: str | None) -> Parsed:
    typed = text(value, number_format)
    code = normal_code(typed)
    if code is None:
        return Parsed(TOTAL if is_total_word(typed) else typed.replace(" ", "").rstrip("."))
    parsed = Parsed(code)
    if has_thai_digits(typed):
        parsed.note("INPUT_THAI_DIGITS", fix=code, value=typed)
    return parsed


def _code_list(column: Column, value: Any, number_format: str | None) -> Parsed:
    """ "1.2.2, 1.3.4" / "1.3.4+1.3.5" / "1.2.2-1.3.4, 1.5" → a ``CodeList``; a malformed item is noted."""
    typed = text(value, number_format)
    parsed = Parsed(parse_code_list(typed))
    for ends in split_items(typed):
        bad = next((end for end in ends if normal_code(end) is None), None)
        if bad is not None or len(ends) > 2:
            parsed.note("INPUT_BAD_CODE", value=typed, code=bad if bad is not None else "-".join(ends))
    return parsed


def _number(column: Column, value: Any, parsed: Parsed) -> Decimal | None:
    """A number cell as Decimal, with its notes; None (noted) when it holds none or is out of range."""
    if isinstance(value, bool | datetime | date):
        parsed.note("INPUT_NOT_NUMBER", value=value)
        return None
    number: Decimal | None
    if isinstance(value, int | float | Decimal):
        number = from_float(value) if isinstance(value, float) else Decimal(value)
    else:
        typed = str(value).strip().removesuffix("%").strip()
        number = parse_number_text(typed)
        if number is None:
            parsed.note("INPUT_NOT_NUMBER", value=value)
            return None
        if has_thai_digits(typed):
            parsed.note("INPUT_THAI_DIGITS", fix=number, value=value)
        elif typed not in ("-", "–", "—", "−"):
            parsed.note("INPUT_TEXT_NUMBER", fix=number, value=value)
    if abs(number) >= MAX_FIGURE:
        parsed.note("INPUT_OUT_OF_RANGE", value=value, allowed=f"< {MAX_FIGURE:,}")
        return None
    return number


def _in_range(column: Column, number: Decimal, value: Any, parsed: Parsed) -> bool:
    """Noted when below ``low`` (a negative figure has its own words) or above ``high``."""
    if column.low is not None and number < column.low:
        code = "INPUT_NEGATIVE" if column.low == 0 and column.high is None else "INPUT_OUT_OF_RANGE"
        parsed.note(code, value=_shown(value), allowed=column.allowed)
        return False
    if column.high is not None and number > column.high:
        parsed.note("INPUT_OUT_OF_RANGE", value=_shown(value), allowed=column.allowed)
        return False
    return True


def _amount(column: Column, value: Any, number_format: str | None) -> Parsed:
    parsed = Parsed(None)
    number = _number(column, value, parsed)
    if number is not None and _in_range(column, number, value, parsed):
        parsed.value = number
    elif number is not None and column.low == 0 and column.high is None:
        parsed.value = number  # a negative amount is still the figure typed: the equations see it
    return parsed


# --- percentages: whole (84) or fractions (0.84), judged with the cells around ---------------------------

WHOLE, FRACTION = "whole", "fraction"


def percent_style(value: Any, number_format: str | None) -> str | None:
    """What one percentage cell says about how its neighbours are typed: FRACTION (a number in a 0%
    cell, or strictly between 0 and 1), WHOLE (a number above 1, or text like "60%"), or None (0, 1,
    blank, text: they fit either)."""
    if isinstance(value, str):
        return WHOLE if value.strip().endswith("%") else None
    if not isinstance(value, int | float | Decimal) or isinstance(value, bool) or value == 0:
        return None
    size = abs(float(value))
    if is_percent_format(number_format) or size < 1:
        return FRACTION
    return WHOLE if size > 1 else None


def styles_of(cells: Any) -> frozenset[str]:
    """The styles a row's or a column's percentage cells, (value, number format) pairs, are typed in."""
    return frozenset(style for value, number_format in cells if (style := percent_style(value, number_format)))


def whole_percent(value: Any, number_format: str | None, number: Decimal, around: frozenset[str] = frozenset()):
    """A percentage cell's number → (whole percent as shown, whether it was read as a fraction), or None
    when it cannot be told.

    - a number in a cell formatted as a percentage (``0%``) is a fraction Excel shows ×100: 1 shows 100%;
    - otherwise a number strictly between 0 and 1 (0.84 typed where 84 is meant) is a bare fraction:
      read ×100, and flagged (INPUT_PCT_FRACTION);
    - a bare 1 is 100% among fractions and 1% among whole percents (``around``: the styles of the cells
      of its row and column, ``styles_of``); among both, or neither, it cannot be told (None);
    - text ending in "%" ("0.5%") says its unit itself: that many percent;
    - a number is then rounded to the decimals its format shows, so it reads as Excel displays it.
    """
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    explicit = isinstance(value, str) and value.strip().endswith("%")
    fraction = False
    if numeric and is_percent_format(number_format):
        number *= 100
    elif not explicit and 0 < abs(number) < 1:
        number *= 100
        fraction = True
    elif not explicit and abs(number) == 1:
        if around != {FRACTION} and around != {WHOLE}:
            return None
        if around == {FRACTION}:
            number *= 100
            fraction = True
    shown = shown_decimals(number_format) if numeric else None
    return plain(round_half_up(number, shown) if shown is not None else number), fraction


_NO_PLAN_WORDS = frozenset(word.casefold() for word in rules.NO_PLAN_TEXT.values())


def _percent(column: Column, value: Any, number_format: str | None, around: frozenset[str] = frozenset()) -> Parsed:
    """Whole percent (84 = 84%). "ไม่มีแผน" / "no plan" (what ETDA_SPEND_PCT shows) is no percentage."""
    if isinstance(value, str) and value.strip().casefold() in _NO_PLAN_WORDS:
        return Parsed(None)
    parsed = Parsed(None)
    number = _number(column, value, parsed)
    if number is None:
        return parsed
    read = whole_percent(value, number_format, number, around)
    if read is None:
        parsed.note("INPUT_PCT_AMBIGUOUS", value=text(value))
        return parsed
    number, fraction = read
    if fraction:
        parsed.note("INPUT_PCT_FRACTION", fix=number, value=value)
    if _in_range(column, number, value, parsed) or column.low == 0:
        parsed.value = number
    return parsed


def _count(column: Column, value: Any, number_format: str | None) -> Parsed:
    parsed = Parsed(None)
    number = _number(column, value, parsed)
    if number is None:
        return parsed
    if number != number.to_integral_value() or (number < 0 and column.low == 0):
        parsed.note("INPUT_NOT_COUNT", value=value)
        return parsed
    if _in_range(column, number, value, parsed):
        parsed.value = int(number)
    return parsed


def _choice(column: Column, value: Any, number_format: str | None) -> Parsed:
    assert column.choices is not None
    found = column.choices.read(text(value, number_format))
    if found is None:
        parsed = Parsed(column.default)
        parsed.note("INPUT_BAD_CHOICE", value=value, allowed=column.choices.hint)
        return parsed
    return Parsed(found)


def _date(column: Column, value: Any, number_format: str | None) -> Parsed:
    from .thai import parse_date  # one date parser for the reader, the UDFs and the CLI

    try:
        return Parsed(parse_date(value))
    except ValueError:
        parsed = Parsed(None)
        parsed.note("INPUT_BAD_DATE", value=value)
        return parsed


def _computed(column: Column, value: Any, number_format: str | None) -> Parsed:
    return Parsed(None)


_PARSERS = {
    Kind.TEXT: _text,
    Kind.CODE: _code,
    Kind.CODE_LIST: _code_list,
    Kind.AMOUNT: _amount,
    Kind.PERCENT: _percent,
    Kind.COUNT: _count,
    Kind.DATE: _date,
    Kind.FLAG: _choice,
    Kind.CHOICE: _choice,
    Kind.COMPUTED: _computed,
}
