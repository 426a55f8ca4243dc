"""Sheets 3…: one KPI table per project — source merged down its rows, met / not met visible."""

from __future__ import annotations

from .context import Context
from .figures import KpiTable
from .paging import fit_width_scale, page_breaks
from .styles import MET_FILL, NOT_MET_FILL, SIZE_BODY, SIZE_HEADING, SIZE_TITLE
from .textfit import RowFit

WIDTHS = (16, 46, 18, 16, 12, 56)
LAST_COL = len(WIDTHS) - 1
TOTAL_WIDTH = sum(WIDTHS)
C_SOURCE, C_INDICATOR, C_TARGET, C_RESULT, C_MET, C_DETAILS = range(6)
HEADER_KEYS = ("col_source", "col_indicator", "col_target", "col_kpi_result", "col_met", "col_details")
HEADER_ROW = 3  # title, project name, KPI count, then the column headers


def write_kpis(ctx: Context) -> None:
    for table in ctx.figures.kpi_tables:
        _write_table(ctx, table)


def _write_table(ctx: Context, table: KpiTable) -> None:
    styles = ctx.styles
    project = table.project
    fit = RowFit(ctx.profile.line_height)
    name = ctx.sheet_name("kpis", number=project.number)
    ws = ctx.add_sheet(f"kpis:{project.number}", name, repeat=(HEADER_ROW, HEADER_ROW), fit=False)
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)

    short = project.short_name or project.name_en or project.name_th
    title = ctx.t("kpi_title", name=short)
    ctx.merge_text(ws, 0, 0, 0, LAST_COL, title, styles.title())
    fit.need(0, title, TOTAL_WIDTH, SIZE_TITLE, bold=True)
    full = f"({project.number}) {project.name_th or short}"
    if project.name_en and project.name_en not in full:
        full += f" ({project.name_en})"
    ctx.merge_text(ws, 1, 0, 1, LAST_COL, full, styles.text())
    fit.need(1, full, TOTAL_WIDTH, SIZE_BODY)
    count = ctx.t("kpi_count", count=len(table.rows), met=table.met, not_met=table.not_met, unknown=table.unknown)
    ctx.merge_text(ws, 2, 0, 2, LAST_COL, count, styles.heading())
    fit.need(2, count, TOTAL_WIDTH, SIZE_HEADING, bold=True)

    head = styles.header_cell()
    for col, key in enumerate(HEADER_KEYS):
        ctx.write_text(ws, HEADER_ROW, col, ctx.t(key), head)
        fit.need(HEADER_ROW, ctx.t(key), WIDTHS[col], SIZE_BODY, bold=True)

    first = HEADER_ROW + 1
    cell = styles.text(border=1)
    centred = styles.text(border=1, align="center")
    if not table.rows:
        ctx.merge_text(ws, first, 0, first, LAST_COL, ctx.t("no_kpis"), cell)
        fit.at_least(first, 24)
    for index, kpi_row in enumerate(table.rows):
        row = first + index
        kpi = kpi_row.kpi
        ctx.write_text(ws, row, C_INDICATOR, kpi.indicator, cell)
        ctx.write_text(ws, row, C_TARGET, kpi.target, centred)
        ctx.write_text(ws, row, C_RESULT, kpi.result, centred)
        ctx.write_text(ws, row, C_DETAILS, kpi.details, cell)
        met_key, fill = {True: ("met", MET_FILL), False: ("not_met", NOT_MET_FILL)}.get(
            kpi_row.met, ("unmeasured", None)
        )
        met_props = {"border": 1, "align": "center", "bold": kpi_row.met is False}
        if fill:
            met_props["bg_color"] = fill
        ctx.write_text(ws, row, C_MET, ctx.t(met_key), styles.text(**met_props))
        for col, value in ((C_INDICATOR, kpi.indicator), (C_TARGET, kpi.target), (C_RESULT, kpi.result),
                           (C_DETAILS, kpi.details), (C_MET, ctx.t(met_key))):  # fmt: skip
            fit.need(row, value, WIDTHS[col], SIZE_BODY)
        fit.at_least(row, 24)
    for start, rows in table.source_blocks:
        source = table.rows[start].kpi.source
        ctx.merge_text(ws, first + start, C_SOURCE, first + start + rows - 1, C_SOURCE, source, cell)
        fit.need(first + start, source, WIDTHS[C_SOURCE], SIZE_BODY, rows=rows)
    fit.apply(ws)
    last = first + max(len(table.rows), 1) - 1
    ws.print_area(0, 0, last, LAST_COL)
    # a fixed scale that fits the width, and breaks that keep each source block on one page
    scale = fit_width_scale(WIDTHS)
    blocks = [(first + start, first + start + rows - 1) for start, rows in table.source_blocks]
    ws.set_print_scale(scale)
    breaks = page_breaks(fit.heights, last, (HEADER_ROW, HEADER_ROW), blocks, scale)
    if breaks:
        ws.set_h_pagebreaks(breaks)
