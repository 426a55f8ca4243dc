"""The input sheets of the template: the core's tables (``layout``), written by ``inputbook``, plus the
formula columns, data validation where people type, status colours and finding highlights.
"""

from __future__ import annotations

from typing import Any

from .. import cells, layout, rules
from ..a1 import column_letters, to_a1
from ..inputbook import Placement, add_input_table
from ..layout import Kind
from .formulas import EXTRA_COLUMNS, formula_columns
from .sheets import FLAG_CELLS, FLAG_SEVERITY
from .styles import TemplateFormats

#: Blank rows each table offers to type into (Excel extends a table, its formulas, validation and
#: formats when rows are added below it).
BLANK_ROWS = {
    layout.SETTINGS.name: 0,
    layout.PROJECTS.name: 6,
    layout.BUDGET.name: 15,
    layout.KPIS.name: 35,
    layout.FOOTNOTES.name: 2,
    layout.OBSTACLES.name: 3,
}

#: Rows below a table's header that the finding highlights cover (tables grow into them).
HIGHLIGHT_ROWS = 2000

_AMOUNT_RULE = '=OR({c}="-",AND(ISNUMBER({c}),{c}>=0))'
_AMOUNT = {
    "validate": "custom",
    "input_title": "จำนวนเงิน / Amount",
    "input_message": "ล้านบาท ตัวเลข ≥ 0 หรือ - แทนศูนย์\nMillion baht: a number ≥ 0, or - for zero",
    "error_title": "จำนวนเงินไม่ถูกต้อง",
    "error_message": "ต้องเป็นตัวเลขไม่ติดลบ หรือ - แทนศูนย์\nAmounts must be numbers ≥ 0 (or - for zero).",
}
#: A whole percent 0–100 (or "-" for zero). A bare fraction such as 0.5 is caught: it reads as 50 with a
#: warning (INPUT_PCT_FRACTION), so typing it asks first, unless the cell is formatted as a percentage
#: (typing 50% there stores 0.5, which is right: CELL("format") starts with "P").
_PERCENT_RULE = (
    '=OR({c}="-",AND(ISNUMBER({c}),{c}>=0,OR({c}=0,AND({c}>=1,{c}<=100),IFERROR(LEFT(CELL("format",{c}))="P",FALSE))))'
)
_PERCENT = {
    "validate": "custom",
    "error_type": "warning",
    "input_title": "ร้อยละ / Percent",
    "input_message": "ร้อยละเต็ม 0–100 เช่น 96 หรือ 96% (ไม่ใช่ 0.96)\nWhole percent 0–100, e.g. 96 or 96% (not 0.96)",
    "error_title": "ร้อยละเต็ม 0–100 / Whole percent",
    "error_message": "พิมพ์ร้อยละเต็ม เช่น 50 (0.5 จะอ่านเป็น 50 พร้อมคำเตือน) และไม่เกิน 100\n"
    "Type a whole percent such as 50 (0.5 would be read as 50, with a warning), at most 100.",
}
#: The settings' delay thresholds are points of delay, 0–100 (0.5 is half a point there).
_THRESHOLD = {
    "validate": "decimal",
    "criteria": "between",
    "minimum": 0,
    "maximum": 100,
    "error_type": "stop",
    "input_message": "จุดร้อยละของความล่าช้า 0–100 เช่น 5\nDelay in percentage points, 0–100, e.g. 5",
    "error_title": "เกณฑ์นอกช่วง 0–100",
    "error_message": "เกณฑ์ต้องอยู่ระหว่าง 0 ถึง 100\nA threshold must be 0–100.",
}
_COUNT = {
    "validate": "integer",
    "criteria": ">=",
    "value": 0,
    "input_title": "จำนวน / Count",
    "input_message": "จำนวนเต็มไม่ติดลบ\nA whole number ≥ 0",
    "error_title": "ต้องเป็นจำนวนเต็ม",
    "error_message": "ต้องเป็นจำนวนเต็มไม่ติดลบ\nMust be a whole number ≥ 0.",
}


def _choice(options: list[str], title: str, message: str) -> dict[str, Any]:
    return {
        "validate": "list",
        "source": options,
        "input_title": title,
        "input_message": message,
        "error_title": "เลือกจากรายการ / Pick one",
        "error_message": "เลือก: " + " / ".join(options),
    }


_OBSTACLE = _choice(["ไม่มี", "มี"], "มีอุปสรรค / Obstacle", "มี = สถานะเป็นแดง\nมี (yes) makes the status red")
_DIRECTION = _choice(
    list(cells.DIRECTION_CHOICES),  # no "=": picked from the list it would start a formula
    "ทิศทาง / Direction",
    "≥ ไม่น้อยกว่า, ≤ ไม่เกิน, เท่ากับ; ว่าง = อนุมานจากตัวชี้วัด\n≥ at least, ≤ at most, เท่ากับ exactly; blank = inferred",
)

#: Validation of the data cells by column kind (the budget's computed (5) and % carry formulas instead).
VALIDATION_BY_KIND = {
    Kind.AMOUNT: _AMOUNT,
    Kind.PERCENT: _PERCENT,
    Kind.COUNT: _COUNT,
    Kind.FLAG: _OBSTACLE,
    Kind.DIRECTION: _DIRECTION,
}
#: Where a column's kind is not the whole story: a footnote's % is typed as an Excel percentage.
VALIDATION_BY_COLUMN: dict[tuple[str, str], dict[str, Any]] = {
    (layout.FOOTNOTES.name, "pct"): {
        "validate": "decimal",
        "criteria": ">=",
        "value": 0,
        "input_title": "คิดเป็น (%)",
        "input_message": "พิมพ์ 84 หรือ 84% (เซลล์รูปแบบร้อยละ)\nType 84 or 84% (a percent cell)",
        "error_title": "ร้อยละติดลบ",
        "error_message": "ร้อยละต้องไม่ติดลบ / must not be negative",
    },
}

#: Validation of the settings values, by key.
SETTING_VALIDATION: dict[str, dict[str, Any]] = {
    "fiscal_year": {
        "validate": "integer",
        "criteria": "between",
        "minimum": 2400,
        "maximum": 2699,
        "input_title": "ปีงบประมาณ พ.ศ.",
        "input_message": "เช่น 2564 / Buddhist-era fiscal year, e.g. 2564",
        "error_title": "ปี พ.ศ. ไม่ถูกต้อง",
        "error_message": "ปีงบประมาณ พ.ศ. 2400–2699 / a Buddhist-era year 2400–2699",
    },
    "quarter": {
        "validate": "integer",
        "criteria": "between",
        "minimum": 1,
        "maximum": 4,
        "input_title": "ไตรมาส / Quarter",
        "input_message": "1–4 (ไตรมาส 1 = ต.ค.–ธ.ค.)\n1–4 (Q1 = Oct–Dec)",
        "error_title": "ไตรมาสไม่ถูกต้อง",
        "error_message": "ไตรมาสต้องเป็น 1 ถึง 4 / The quarter must be 1 to 4.",
    },
    "as_of": {
        "validate": "any",
        "input_title": "ข้อมูล ณ วันที่ / As of",
        "input_message": "วันที่ของ Excel หรือข้อความ เช่น 30 ก.ย. 63\nAn Excel date, or text such as 30 ก.ย. 63",
    },
    "green_max": {**_THRESHOLD, "input_title": "เกณฑ์สีเขียว (%)"},
    "yellow_max": {**_THRESHOLD, "input_title": "เกณฑ์สีเหลือง (%)"},
    "relative_delay": _choice(["ไม่ใช่", "ใช่"], "ความล่าช้าแบบสัดส่วน", "ไม่ใช่ = แผน − ผล (จุด)\nใช่ = (แผน − ผล) / แผน"),
    "pct_decimals": {
        **_COUNT,
        "criteria": "between",
        "minimum": 0,
        "maximum": 4,
        "input_title": "ทศนิยมของร้อยละ",
        "input_message": "0–4 (ค่าเริ่มต้น 0)\nPercent decimals 0–4",
    },
    "status_lang": _choice(["th", "en"], "ภาษา / Language", "th = เขียว/เหลือง/แดง\nen = green/yellow/red"),
}

#: Status colours (fill) keyed to what ETDA_STATUS shows, in either language.
STATUS_WORDS = {status: tuple(labels[status] for labels in rules.STATUS_LABELS.values()) for status in rules.Status}


def settings_values(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The settings table's rows (label → value) as key → value."""
    by_label = {label: key for key, (label, *_rest) in layout.SETTING_KEYS.items()}
    return {by_label[row["key"]]: row.get("value") for row in rows if row.get("key") in by_label}


def write_inputs(workbook, formats: TemplateFormats, rows: dict[str, list[dict[str, Any]]]) -> dict[str, Placement]:
    """Every input table on its sheet. ``rows``: table name → rows (field → value); settings required."""
    settings = settings_values(rows[layout.SETTINGS.name])
    formulas = formula_columns(settings)
    placements: dict[str, Placement] = {}
    for table in layout.TABLES:
        table_rows = rows.get(table.name, [])
        cell_formats = {
            (i, "value"): formats.date
            for i, r in enumerate(table_rows)
            if r.get("key") == layout.SETTING_KEYS["as_of"][0]
        }
        placement = add_input_table(
            workbook,
            formats,
            table,
            table_rows,
            cell_formats,
            extra_columns=EXTRA_COLUMNS.get(table.name, ()),
            formulas=formulas.get(table.name),
            column_formats=_column_formats(table, formats),
            min_rows=len(table_rows) + BLANK_ROWS[table.name],
        )
        placements[table.name] = placement
        sheet = workbook.get_worksheet_by_name(table.sheet)
        _highlight_findings(sheet, placement, formats)
        _write_example(sheet, table, placement, formulas.get(table.name), formats)
        _header_notes(sheet, placement, table)
        if table is layout.SETTINGS:
            _validate_settings(sheet, placement, table_rows)
        else:
            _validate_columns(sheet, table, placement, formulas.get(table.name) or {})
        _colour_results(sheet, placement, formats)
        sheet.set_default_row(21)  # Thai marks above and below need more than Excel's 15 points
        sheet.set_row(0, 30)  # the title
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)  # one page wide
        sheet.repeat_rows(placement.header_row)
    return placements


#: The example each input table shows above its header (a row of the FY2563 Q4 sample): table name →
#: (field, value) picking the sample row. Outside the table, so the reader never sees it.
EXAMPLE_ROWS = {
    layout.PROJECTS.name: ("number", "1"),
    layout.BUDGET.name: ("code", "1.2.2"),
    layout.KPIS.name: ("project", "1"),
    layout.FOOTNOTES.name: ("number", "1"),
    layout.OBSTACLES.name: ("topic", "ปัญหา/อุปสรรค"),
}
EXAMPLE_LABEL = "ตัวอย่าง: "
EXAMPLE_MARK = "← ตัวอย่าง ไม่ถูกอ่าน: พิมพ์ในตารางด้านล่าง / example, not read: type in the table below"
EXAMPLE_NOTE = (
    "แถวนี้เป็นตัวอย่างจากรายงานไตรมาส 4 ปี 2563 อยู่นอกตาราง จึงไม่ถูกอ่าน ไม่ถูกตรวจ และไม่อยู่ในรายงาน: "
    "พิมพ์ข้อมูลจริงในตารางด้านล่าง\nAn example from the FY2563 Q4 report, outside the table: never read, checked "
    "or reported. Type the real figures into the table below."
)
EXAMPLE_TEXT_LENGTH = 60  # long texts (deliverables) are cut, so the example stays one line


def example_values(table: layout.Table, formulas: dict[str, Any] | None) -> dict[str, str] | None:
    """The example row of ``table`` as the cells would show it (formula columns computed), as text."""
    from ..money import format_amount, from_float
    from ..sample import table_rows

    if table.name not in EXAMPLE_ROWS:
        return None
    key, wanted = EXAMPLE_ROWS[table.name]
    row = dict(next(r for r in table_rows()[table.name] if r.get(key) == wanted))
    for field_name, formula in (formulas or {}).items():
        row[field_name] = formula.cached(row)
    kinds = {c.field: c.kind for c in table.columns}
    shown: dict[str, str] = {}
    for field_name, value in row.items():
        if value is None or value == "":
            continue
        if field_name == "pct" and isinstance(value, int | float):  # a footnote's 0.84 in a 0% cell; (5)/(1) as 89
            whole = cells.whole_percent(value, "0%" if table is layout.FOOTNOTES else None)[0]
            text = f"{whole}%"
        elif kinds.get(field_name) is Kind.AMOUNT and isinstance(value, int | float):
            text = format_amount(from_float(float(value)))
        else:
            text = cells.text(value).replace("\n", " ")
        if len(text) > EXAMPLE_TEXT_LENGTH:
            text = text[: EXAMPLE_TEXT_LENGTH - 1] + "…"
        shown[field_name] = text
    return shown


def _write_example(sheet, table: layout.Table, placement: Placement, formulas, formats: TemplateFormats) -> None:
    """One example row on the row above the header: grey italic, marked, outside the table."""
    shown = example_values(table, formulas)
    if shown is None:
        return
    row = placement.header_row - 1
    for index, column in enumerate(placement.columns):
        text = shown.get(column.field, "")
        if index == 0:
            text = EXAMPLE_LABEL + text
        right = column.kind in (Kind.AMOUNT, Kind.PERCENT, Kind.COUNT) or column.field == "pct"
        sheet.write_string(row, placement.first_col + index, text, formats.example_right if right else formats.example)
    sheet.write_string(row, placement.first_col + len(placement.columns), EXAMPLE_MARK, formats.example)
    sheet.data_validation(
        row,
        placement.first_col,
        row,
        placement.first_col,
        {"validate": "any", "input_title": "ตัวอย่าง / Example", "input_message": EXAMPLE_NOTE[:255]},
    )


def _column_formats(table: layout.Table, formats: TemplateFormats) -> dict[str, Any]:
    chosen: dict[str, Any] = {c.field: formats.amount_right for c in table.columns if c.kind is Kind.AMOUNT}
    if table is layout.BUDGET:
        chosen["pct"] = formats.whole_percent  # ETDA_SPEND_PCT gives whole percents: 84, not 0.84
    if table is layout.FOOTNOTES:
        chosen["pct"] = formats.percent  # typed as 84 or 84% in a 0% cell; the reader reads both
    return chosen


def _data_range(placement: Placement, field_name: str) -> tuple[int, int, int, int]:
    col = placement.col(field_name)
    return placement.first_data_row, col, placement.last_data_row, col


def _validate_columns(sheet, table: layout.Table, placement: Placement, formulas: dict[str, Any]) -> None:
    for column in placement.columns:
        rule = VALIDATION_BY_COLUMN.get((table.name, column.field)) or VALIDATION_BY_KIND.get(column.kind)
        if rule is None or column.field in formulas:
            continue
        first_row, col, last_row, _ = _data_range(placement, column.field)
        options = dict(rule)
        if options["validate"] == "custom":
            pattern = _PERCENT_RULE if rule is _PERCENT else _AMOUNT_RULE
            options["value"] = pattern.format(c=to_a1(first_row + 1, col + 1))
        sheet.data_validation(first_row, col, last_row, col, options)


def _validate_settings(sheet, placement: Placement, rows: list[dict[str, Any]]) -> None:
    labels = {label: key for key, (label, *_rest) in layout.SETTING_KEYS.items()}
    col = placement.col("value")
    for index, row in enumerate(rows):
        rule = SETTING_VALIDATION.get(labels.get(row.get("key"), ""))
        if rule is not None:
            sheet.data_validation(placement.first_data_row + index, col, placement.first_data_row + index, col, rule)


#: Header notes the template words differently from ``layout``: the direction list has no "=" (typed
#: alone, Excel takes it for the start of a formula).
HEADER_NOTES = {
    (layout.KPIS.name, "direction"): "≥ ไม่น้อยกว่า, ≤ ไม่เกิน, เท่ากับ (ว่าง = อนุมานจากตัวชี้วัด)\n"
    "≥ at least, ≤ at most, เท่ากับ exactly (blank = inferred from the indicator)",
}


def _header_notes(sheet, placement: Placement, table: layout.Table) -> None:
    """``layout.Column.note`` (or the template's ``HEADER_NOTES``): the header cell's input message."""
    for column in placement.columns:
        note = HEADER_NOTES.get((table.name, column.field), column.note)
        if note:
            col = placement.col(column.field)
            sheet.data_validation(
                placement.header_row,
                col,
                placement.header_row,
                col,
                {"validate": "any", "input_title": column.header[:32], "input_message": note[:255]},
            )


def _colour_results(sheet, placement: Placement, formats: TemplateFormats) -> None:
    """Status green/yellow/red and KPI met/not met, keyed to what the formula cells show (either language)."""
    fields = {c.field for c in placement.columns}
    if layout.PROJECTS.sheet == placement.sheet and "status" in fields:
        _colour_by_words(sheet, placement, "status", {formats.status[s]: w for s, w in STATUS_WORDS.items()})
    if "met" in fields:
        met_words = {met: [labels[met] for labels in cells.KPI_MET_LABELS.values()] for met in (True, False)}
        _colour_by_words(sheet, placement, "met", {formats.kpi[met]: words for met, words in met_words.items()})


def _colour_by_words(sheet, placement: Placement, field_name: str, fills: dict[Any, Any]) -> None:
    """One conditional format per fill over the column: the cell shows one of its words."""
    first_row, col, last_row, _ = _data_range(placement, field_name)
    cell = f"${column_letters(col + 1)}{first_row + 1}"
    for fill, words in fills.items():
        test = ",".join(f'{cell}="{w}"' for w in words)
        sheet.conditional_format(
            first_row, col, last_row, col, {"type": "formula", "criteria": f"=OR({test})", "format": fill}
        )


def highlight_formula(sheet_name: str, severity: str) -> str:
    """True for a cell the button's results list with ``severity`` (keys are "sheet!A1")."""
    name = sheet_name.replace('"', '""')
    return f'=COUNTIFS({FLAG_CELLS},"{name}!"&ADDRESS(ROW(),COLUMN(),4),{FLAG_SEVERITY},"{severity}")>0'


def _highlight_findings(sheet, placement: Placement, formats: TemplateFormats) -> None:
    """Colour the cells the last "ตรวจสอบข้อมูล" listed, without the button touching this sheet."""
    last_col = placement.first_col + len(placement.columns) - 1
    last_row = placement.header_row + HIGHLIGHT_ROWS
    for severity in ("error", "warning", "info"):
        sheet.conditional_format(
            placement.header_row,
            placement.first_col,
            last_row,
            last_col,
            {
                "type": "formula",
                "criteria": highlight_formula(placement.sheet, severity),
                "format": formats.severity[severity],
            },
        )
