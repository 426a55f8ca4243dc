"""Last sheet: where the report's figures come from, and every finding of the check with its cell."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import rules
from ..findings import Severity, presented, summarize
from .context import Context
from .labels import plain_number
from .styles import MARK_FILL, SIZE_BODY, SIZE_HEADING, SIZE_NOTE, SIZE_TITLE
from .textfit import RowFit

WIDTHS = (12, 26, 20, 8, 76, 14, 14)
LAST_COL = len(WIDTHS) - 1
TOTAL_WIDTH = sum(WIDTHS)
#: What a finding's cell reads, then the value to type there: only where the evidence singles the cell out
#: (a figure that follows from another cell's error shows none: typing "what it should be" there would
#: hide the wrong cell).
HEADER_KEYS = ("col_severity", "col_code", "col_sheet", "col_cell", "col_message", "col_actual", "col_fix")
SEVERITY_FILLS = {Severity.ERROR: MARK_FILL, Severity.WARNING: "#FFEB9C", Severity.INFO: None}
SINGULAR = {
    "th": {Severity.ERROR: "ข้อผิดพลาด", Severity.WARNING: "คำเตือน", Severity.INFO: "ข้อสังเกต"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"},
}


def source_notes(ctx: Context) -> list[str]:
    """How each kind of figure was computed, naming the lines whose typed (5) was kept or replaced."""
    figures = ctx.figures
    amount = f"{{:,.{rules.SHOWN_DECIMALS}f}}".format
    typed = [
        ctx.t("src_typed_item", code=r.code, shown=amount(r.result), sum=amount(r.computed_result))
        for r in figures.budget
        if r.result_source == "typed" and r.computed_result is not None and r.result != r.computed_result
    ]
    recomputed = [
        ctx.t("src_computed_item", code=r.code, shown=amount(r.result), typed=amount(r.line.result))
        for r in figures.budget
        if r.result_source == "computed" and r.line.result is not None and rules.shown(r.line.result) != r.result
    ]
    notes = [ctx.t("src_result")]
    if typed:
        notes.append(ctx.t("src_typed", items=", ".join(typed)))
    if recomputed:
        notes.append(ctx.t("src_computed", items=", ".join(recomputed)))
    thresholds = figures.settings.thresholds
    notes += [
        ctx.t("src_pct"),
        ctx.t("src_footnotes"),
        ctx.t("src_projects"),
        ctx.t("src_kpis"),
        ctx.t("src_status", green=plain_number(thresholds.green_max), yellow=plain_number(thresholds.yellow_max)),
    ]
    return notes


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def write_findings(ctx: Context) -> None:
    fit = RowFit(ctx.profile.line_height)
    ws = ctx.add_sheet("findings", ctx.sheet_name("findings"), WIDTHS)
    row = _write_title(ctx, ws, fit)
    row = _write_sources(ctx, ws, row + 1, fit)
    header_row = row + 1
    last = _write_table(ctx, ws, header_row, fit)
    fit.apply(ws)
    ws.repeat_rows(header_row, header_row)  # known only now: print titles set last
    ws.print_area(0, 0, last, LAST_COL)


def _write_title(ctx: Context, ws, fit: RowFit) -> int:
    """The title and the counts by severity (red in a draft); the next free row."""
    styles, figures = ctx.styles, ctx.figures
    title = ctx.t("findings_title", source=figures.report.source_name)
    row = ctx.paragraph(ws, 0, LAST_COL, title, styles.title(), fit, TOTAL_WIDTH, SIZE_TITLE, True)
    counts = ctx.t("findings_counts", **summarize(list(figures.findings)))
    colour = "#C00000" if figures.draft else "#000000"
    return ctx.paragraph(
        ws, row, LAST_COL, counts, styles.heading(font_color=colour), fit, TOTAL_WIDTH, SIZE_HEADING, True
    )


def _write_sources(ctx: Context, ws, row: int, fit: RowFit) -> int:
    """Where each kind of figure comes from, numbered; the next free row."""
    ctx.merge_text(ws, row, 0, row, LAST_COL, ctx.t("sources_title"), ctx.styles.heading())
    fit.at_least(row, 28)
    row += 1
    note_format = ctx.styles.text(SIZE_NOTE, indent=1)
    for index, note in enumerate(source_notes(ctx), 1):
        row = ctx.paragraph(ws, row, LAST_COL, f"{index}. {note}", note_format, fit, TOTAL_WIDTH - 3, SIZE_NOTE)
    return row


def _write_table(ctx: Context, ws, header_row: int, fit: RowFit) -> int:
    """Every finding with its sheet and cell, as `etda-xl check` orders them; the last row."""
    head = ctx.styles.header_cell()
    for col, key in enumerate(HEADER_KEYS):
        ctx.write_text(ws, header_row, col, ctx.t(key), head)
        fit.need(header_row, ctx.t(key), WIDTHS[col], SIZE_BODY, bold=True)
    row = header_row + 1
    if not ctx.figures.findings:
        ctx.merge_text(ws, row, 0, row, LAST_COL, ctx.t("no_findings"), ctx.styles.text(border=1))
        fit.at_least(row, 24)
        return row
    # by severity, root causes first (they explain what follows)
    ordered = presented(ctx.figures.findings)
    for finding in ordered:
        _write_finding(ctx, ws, row, finding, fit)
        row += 1
    return row - 1


def _write_finding(ctx: Context, ws, row: int, finding, fit: RowFit) -> None:
    fill = SEVERITY_FILLS[finding.severity]
    cell = ctx.styles.text(SIZE_NOTE, border=1, **({"bg_color": fill} if fill else {}))
    values = (
        SINGULAR[ctx.lang][finding.severity],
        finding.code,
        finding.sheet,
        finding.cell,
        finding.message(ctx.lang),
        _show(finding.actual),
        _show(finding.fix),
    )
    for col, value in enumerate(values):
        ctx.write_text(ws, row, col, value, cell)
        fit.need(row, value, WIDTHS[col], SIZE_NOTE)
