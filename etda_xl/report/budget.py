"""Sheet 2: budget spending — columns (1)–(5) and %, hierarchy by indentation, generated footnotes."""

from __future__ import annotations

from typing import Any

from .. import rules
from .context import Context
from .figures import BudgetRow
from .styles import AMOUNT_FORMAT, SIZE_BODY, SIZE_HEADING, SIZE_TITLE, TOTAL_FILL
from .textfit import RowFit

WIDTHS = (42, 14, 14, 14, 15, 16, 15)
ONE_PAGE_LINES = 30  # up to this many lines the table and its notes are scaled onto one page
LAST_COL = len(WIDTHS) - 1
TOTAL_WIDTH = sum(WIDTHS)
C_NAME, C_PLAN, C_PAID, C_CARRIED, C_RESERVED, C_RESULT, C_PCT = range(7)
AMOUNT_COLUMNS = ((C_PLAN, "plan"), (C_PAID, "paid"), (C_CARRIED, "carried"), (C_RESERVED, "reserved"),
                  (C_RESULT, "result"))  # fmt: skip
HEADER_ROW = 2  # title, then as-of date and unit, then the column headers
HEADER_KEYS = ("col_line", "col_1", "col_2", "col_3", "col_4", "col_5", "col_pct")


def pct_number_format(decimals: int) -> str:
    return ("0%" if decimals == 0 else "0." + "0" * decimals + "%") + "_ "


def write_budget(ctx: Context) -> None:
    figures, styles = ctx.figures, ctx.styles
    fit = RowFit(ctx.profile.line_height)
    header_row = HEADER_ROW
    ws = ctx.add_sheet("budget", ctx.sheet_name("budget"), WIDTHS, repeat=(header_row, header_row))

    ctx.merge_text(ws, 0, 0, 0, LAST_COL, ctx.t("budget_title"), styles.title())
    fit.need(0, ctx.t("budget_title"), TOTAL_WIDTH, SIZE_TITLE, bold=True)
    ctx.merge_text(ws, 1, 0, 1, 2, ctx.t("as_of", date=figures.as_of_text), styles.fmt(SIZE_HEADING, bold=True))
    ctx.merge_text(ws, 1, 4, 1, LAST_COL, ctx.t("unit"), styles.fmt(SIZE_HEADING, bold=True, align="right"))
    fit.at_least(1, 26)

    head = styles.header_cell()
    for col, key in enumerate(HEADER_KEYS):
        ctx.write_text(ws, header_row, col, ctx.t(key), head)
        fit.need(header_row, ctx.t(key), WIDTHS[col], SIZE_BODY, bold=True)

    row = header_row + 1
    if any(not line.is_total for line in figures.budget):
        row = _write_lines(ctx, ws, row, fit)
        row += 1
        for note in figures.footnotes:
            _write_footnote(ctx, ws, row, note, fit)
            row += 1
    else:  # a fresh workbook: no lines yet, and no total of nothing
        ctx.merge_text(ws, row, 0, row, LAST_COL, ctx.t("no_data", table="tblBudget"), styles.text(border=1))
        fit.at_least(row, 24)
        row += 1
    if any(r.marked for r in figures.budget):
        marks = ctx.t("marks_legend", sheet=ctx.sheet_name("findings"))
        ctx.merge_text(ws, row, 0, row, LAST_COL, marks, styles.text(14, **ctx.marked({}, True)))
        fit.need(row, marks, TOTAL_WIDTH, 14)
        row += 1
    fit.apply(ws)
    if len(figures.budget) <= ONE_PAGE_LINES:
        ws.fit_to_pages(1, 1)
    ws.print_area(0, 0, row, LAST_COL)


def _write_lines(ctx: Context, ws, first: int, fit: RowFit) -> int:
    """Every line, the grand total last; the charts read the names and percentages. The next row."""
    row = first
    for budget_row in ctx.figures.budget:
        _write_line(ctx, ws, row, budget_row, fit)
        row += 1
    ctx.anchors["budget"] = {"names": (first, row - 1, C_NAME), "pct": (first, row - 1, C_PCT)}
    return row


def _write_line(ctx: Context, ws, row: int, line: BudgetRow, fit: RowFit) -> None:
    styles = ctx.styles
    bold = line.is_parent or line.is_total or line.level == 1  # sections, parents and the total
    base: dict[str, Any] = {"border": 1, "bold": bold}
    if line.is_total:
        base.update({"bg_color": TOTAL_FILL, "top": 2, "bottom": 6})
    label = line.label
    if line.is_total and ctx.lang == "en":
        label = ctx.t("grand_total")
    indent = 0 if line.is_total else max(line.level - 1, 0)
    name_props = {**base, "text_wrap": True, "align": "left"}
    if indent:
        name_props["indent"] = indent
    if line.is_total:
        name_props["align"] = "center"
    ctx.write_text(ws, row, C_NAME, label, styles.fmt(SIZE_BODY, **name_props))
    fit.need(row, " " * 3 * indent + label, WIDTHS[C_NAME], SIZE_BODY, bold=bold)
    fit.at_least(row, 22)
    for col, field in AMOUNT_COLUMNS:
        props = ctx.marked({**base, "align": "right", "num_format": AMOUNT_FORMAT}, field in line.marked)
        ctx.write_decimal(ws, row, col, getattr(line, field), styles.fmt(SIZE_BODY, **props))
    pct_props = ctx.marked(
        {**base, "align": "right", "num_format": pct_number_format(ctx.figures.decimals)}, "pct" in line.marked
    )
    fmt = styles.fmt(SIZE_BODY, **pct_props)
    if line.pct is not None:
        ws.write_number(row, C_PCT, float(line.pct / 100), fmt)
    elif line.result is not None and line.plan == 0:
        ws.write_string(row, C_PCT, rules.NO_PLAN_TEXT[ctx.lang], fmt)
    else:
        ws.write_blank(row, C_PCT, None, fmt)


def _write_footnote(ctx: Context, ws, row: int, note, fit: RowFit) -> None:
    styles = ctx.styles
    size = 16
    plain = styles.text(size)
    bold = styles.fmt(size, bold=True)
    prefix = (ctx.t("notes") + " " if note.number == 1 else "") + f"{note.number}) "
    runs = [(prefix, False), *note.parts]
    ws.merge_range(row, 0, row, LAST_COL, "", plain)
    # every run names its format: a bare run would fall back to the workbook's default font
    rich: list = []
    for text, is_bold in runs:
        if text:
            rich += [bold if is_bold else plain, text]
    if len(rich) > 2:
        ws.write_rich_string(row, 0, *rich, plain)
    else:
        ws.write_string(row, 0, rich[1], plain)
    full = "".join(t for t, _ in runs)
    fit.need(row, full, TOTAL_WIDTH, size)
