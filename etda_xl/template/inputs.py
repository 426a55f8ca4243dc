"""The input sheets of the template: the core's tables (``schema``), written by ``inputbook``, plus the
formula columns, data validation where people type, status colours and finding highlights.
"""

from __future__ import annotations

from typing import Any

from .. import cells, rules, schema
from ..a1 import column_letters, to_a1
from ..inputbook import Placement, add_input_table, first_columns
from ..schema import Kind
from .formulas import formula_columns
from .sheets import FLAG_CELLS, FLAG_SEVERITY
from .styles import TemplateFormats

#: Blank rows each table offers to type into (Excel extends a table, its formulas, validation and
#: formats when rows are added below it).
BLANK_ROWS = {
    schema.SETTINGS.name: 0,
    schema.PROJECTS.name: 6,
    schema.BUDGET.name: 15,
    schema.KPIS.name: 35,
    schema.FOOTNOTES.name: 2,
    schema.OBSTACLES.name: 3,
    # The history is carried by `etda-xl new --from` (never typed from scratch): no blank rows.
    schema.HISTORY_BUDGET.name: 0,
    schema.HISTORY_PROJECTS.name: 0,
    schema.HISTORY_KPIS.name: 0,
    schema.TARGETS.name: 4,  # one fiscal year's quarters
    schema.PLANS.name: 6,  # a row per project
}

#: Width of the empty column between two tables side by side on one sheet (the history).
GAP_WIDTH = 3

#: Rows below a table's header that the finding highlights cover (tables grow into them).
HIGHLIGHT_ROWS = 2000

#: The data validation of a column, derived from its schema (kind, range, choices, hint): Excel asks before
#: taking what the reader would refuse. Rules by kind; the messages quote the column's own hint.
_AMOUNT_RULE = '=OR({c}="-",AND(ISNUMBER({c}),{c}>={low}))'
#: A whole percent 0–100 (or "-" for zero). A bare fraction such as 0.5 is caught: it reads as 50 with a
#: warning (INPUT_PCT_FRACTION), so typing it asks first, unless the cell is formatted as a percentage
#: (typing 50% there stores 0.5, which is right: CELL("format") starts with "P").
_PERCENT_RULE = (
    '=OR({c}="-",AND(ISNUMBER({c}),{c}>=0,OR({c}=0,AND({c}>=1,{c}<=100),IFERROR(LEFT(CELL("format",{c}))="P",FALSE))))'
)
_KIND_WORDS = {
    Kind.AMOUNT: ("จำนวนเงิน / Amount", "ต้องเป็นตัวเลข {allowed} หรือ - แทนศูนย์", "a number {allowed}, or - for zero"),
    Kind.PERCENT: ("ร้อยละเต็ม / Whole percent", "พิมพ์ร้อยละเต็ม เช่น 50 (0.5 จะอ่านเป็น 50 พร้อมคำเตือน) ไม่เกิน 100",
                   "a whole percent such as 50 (0.5 would be read as 50, with a warning), at most 100"),
    Kind.COUNT: ("จำนวนเต็ม / Whole number", "ต้องเป็นจำนวนเต็ม {allowed}", "a whole number {allowed}"),
    Kind.FLAG: ("เลือกจากรายการ / Pick one", "เลือก: {allowed}", "pick one: {allowed}"),
    Kind.CHOICE: ("เลือกจากรายการ / Pick one", "เลือก: {allowed}", "pick one: {allowed}"),
}  # fmt: skip


def validation(column: schema.Column, cell: str) -> dict[str, Any] | None:
    """XlsxWriter's data_validation options for ``column``'s data cells (``cell``: the first one, A1)."""
    if column.kind not in _KIND_WORDS and column.kind is not Kind.DATE:
        return None
    options: dict[str, Any] = {"input_title": column.header[:32], "input_message": column.note[:255]}
    if column.kind is Kind.DATE:
        return {"validate": "any", **options}
    title, th, en = _KIND_WORDS[column.kind]
    allowed = column.allowed
    options |= {"error_title": title[:32], "error_message": f"{th}\n{en}".format(allowed=allowed)[:255]}
    if column.choices is not None:
        return {"validate": "list", "source": list(column.choices.options), **options}
    if column.kind is Kind.PERCENT:
        return {"validate": "custom", "value": _PERCENT_RULE.format(c=cell), "error_type": "warning", **options}
    kind = "integer" if column.kind is Kind.COUNT else "decimal"
    if column.high is not None:
        return {"validate": kind, "criteria": "between", "minimum": column.low, "maximum": column.high, **options}
    if column.kind is Kind.AMOUNT:
        return {"validate": "custom", "value": _AMOUNT_RULE.format(c=cell, low=column.low or 0), **options}
    return {"validate": kind, "criteria": ">=", "value": column.low or 0, **options}


#: Status colours (fill) keyed to what ETDA_STATUS shows, in either language.
STATUS_WORDS = {status: tuple(labels[status] for labels in rules.STATUS_LABELS.values()) for status in rules.Status}


def settings_values(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The settings table's rows (label → value) as key → value."""
    by_label = {column.header: column.field for column in schema.SETTING_ROWS}
    return {by_label[row["key"]]: row.get("value") for row in rows if row.get("key") in by_label}


def write_inputs(workbook, formats: TemplateFormats, rows: dict[str, list[dict[str, Any]]]) -> dict[str, Placement]:
    """Every input table on its sheet. ``rows``: table name → rows (field → value); settings required."""
    settings = settings_values(rows[schema.SETTINGS.name])
    formulas = formula_columns(settings)
    placements: dict[str, Placement] = {}
    starts = first_columns(formulas)
    for table in schema.INPUT_TABLES:
        table_rows = rows.get(table.name, [])
        first_col = starts[table.name]
        cell_formats = {
            (i, "value"): formats.date
            for i, r in enumerate(table_rows)
            if r.get("key") == schema.setting("as_of").header
        }
        placement = add_input_table(
            workbook,
            formats,
            table,
            table_rows,
            cell_formats,
            formulas=formulas.get(table.name),
            column_formats=_column_formats(table, formats),
            min_rows=len(table_rows) + BLANK_ROWS[table.name],
            first_col=first_col,
        )
        placements[table.name] = placement
        sheet = workbook.get_worksheet_by_name(table.sheet)
        if first_col:
            sheet.set_column(first_col - 1, first_col - 1, GAP_WIDTH)
        _highlight_findings(sheet, placement, formats)
        _write_example(sheet, table, placement, formulas.get(table.name), formats)
        _header_notes(sheet, placement, table)
        if table is schema.SETTINGS:
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
    schema.PROJECTS.name: ("number", "1"),
    schema.BUDGET.name: ("code", "1.2.2"),
    schema.KPIS.name: ("project", "1"),
    schema.FOOTNOTES.name: ("number", "1"),
    schema.OBSTACLES.name: ("topic", "ปัญหา/อุปสรรค"),
}
EXAMPLE_LABEL = "ตัวอย่าง: "
EXAMPLE_MARK = "← ตัวอย่าง ไม่ถูกอ่าน: พิมพ์ในตารางด้านล่าง / example, not read: type in the table below"
EXAMPLE_NOTE = (
    "แถวนี้เป็นตัวอย่างจากรายงานไตรมาส 4 ปี 2563 อยู่นอกตาราง จึงไม่ถูกอ่าน ไม่ถูกตรวจ และไม่อยู่ในรายงาน: "
    "พิมพ์ข้อมูลจริงในตารางด้านล่าง\nAn example from the FY2563 Q4 report, outside the table: never read, checked "
    "or reported. Type the real figures into the table below."
)
EXAMPLE_TEXT_LENGTH = 60  # long texts (deliverables) are cut, so the example stays one line


def example_values(table: schema.Table, formulas: dict[str, Any] | None) -> dict[str, str] | None:
    """The example row of ``table`` as the cells would show it (formula columns computed), as text."""
    from ..decimals import format_amount, from_float
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
            whole = cells.whole_percent(value, "0%" if table is schema.FOOTNOTES else None)[0]
            text = f"{whole}%"
        elif kinds.get(field_name) is Kind.AMOUNT and isinstance(value, int | float):
            text = format_amount(from_float(float(value)))
        else:
            text = cells.text(value).replace("\n", " ")
        if len(text) > EXAMPLE_TEXT_LENGTH:
            text = text[: EXAMPLE_TEXT_LENGTH - 1] + "…"
        shown[field_name] = text
    return shown


def _write_example(sheet, table: schema.Table, placement: Placement, formulas, formats: TemplateFormats) -> None:
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


def _column_formats(table: schema.Table, formats: TemplateFormats) -> dict[str, Any]:
    chosen: dict[str, Any] = {c.field: formats.amount_right for c in table.columns if c.kind is Kind.AMOUNT}
    if table is schema.BUDGET:
        chosen["pct"] = formats.whole_percent  # ETDA_SPEND_PCT gives whole percents: 84, not 0.84
    if table is schema.FOOTNOTES:
        chosen["pct"] = formats.percent  # typed as 84 or 84% in a 0% cell; the reader reads both
    return chosen


def _data_range(placement: Placement, field_name: str) -> tuple[int, int, int, int]:
    col = placement.col(field_name)
    return placement.first_data_row, col, placement.last_data_row, col


def _validate_columns(sheet, table: schema.Table, placement: Placement, formulas: dict[str, Any]) -> None:
    for column in placement.columns:
        first_row, col, last_row, _ = _data_range(placement, column.field)
        rule = validation(column, to_a1(first_row + 1, col + 1))
        if rule is not None and column.field not in formulas:
            sheet.data_validation(first_row, col, last_row, col, rule)


def _validate_settings(sheet, placement: Placement, rows: list[dict[str, Any]]) -> None:
    by_label = {column.header: column for column in schema.SETTING_ROWS}
    col = placement.col("value")
    for index, row in enumerate(rows):
        column = by_label.get(str(row.get("key")))
        rule = validation(column, to_a1(placement.first_data_row + index + 1, col + 1)) if column else None
        if rule is not None:
            sheet.data_validation(placement.first_data_row + index, col, placement.first_data_row + index, col, rule)


def _header_notes(sheet, placement: Placement, table: schema.Table) -> None:
    """The column's hint (``schema.Column.note``): the header cell's input message."""
    for column in placement.columns:
        note = column.note
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
    for column in placement.columns:
        if column.choices is schema.STATUSES:  # the projects' status, and the history's
            fills = {formats.status[s]: w for s, w in STATUS_WORDS.items()}
            _colour_by_words(sheet, placement, column.field, fills)
    if "met" in fields:
        states = {True: rules.KpiState.MET, False: rules.KpiState.NOT_MET}
        fills = {formats.kpi[met]: tuple(labels[state] for labels in rules.KPI_STATE_LABELS.values())
                 for met, state in states.items()}  # fmt: skip
        _colour_by_words(sheet, placement, "met", fills)


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
