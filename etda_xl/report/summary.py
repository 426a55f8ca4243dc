"""Sheet 1: the summary — heading, the list of projects, the per-project table, the colour legend."""

from __future__ import annotations

from .. import rules
from .context import Context
from .labels import next_step, plain_number
from .styles import SIZE_BODY, SIZE_HEADING, SIZE_NOTE, SIZE_TITLE, TOTAL_FILL
from .textfit import RowFit

#: Column widths (Excel character units): number, project, ops plan/result, fin plan/result, KPIs,
#: completed, status.
WIDTHS = (6, 38, 10, 10, 10, 10, 11, 11, 14)
LAST_COL = len(WIDTHS) - 1
ONE_PAGE_PROJECTS = 10  # up to this many projects the summary is scaled onto one page
TOTAL_WIDTH = sum(WIDTHS)

# columns
C_NUMBER, C_NAME, C_OPS_PLAN, C_OPS_RESULT, C_FIN_PLAN, C_FIN_RESULT, C_KPIS, C_DONE, C_STATUS = range(9)


def pct_format(decimals: int) -> str:
    return ("0" if decimals == 0 else "0." + "0" * decimals) + "_ "


def write_summary(ctx: Context) -> None:
    fit = RowFit(ctx.profile.line_height)
    ws = ctx.add_sheet("summary", ctx.sheet_name("summary"), WIDTHS)
    header_top = _write_heading(ctx, ws, fit)
    _write_header(ctx, ws, header_top, fit)
    if ctx.figures.projects:
        last = _write_table(ctx, ws, header_top + 2, fit)
    else:
        last = header_top + 2
        ctx.merge_text(ws, last, 0, last, LAST_COL, ctx.t("no_data", table="tblProjects"), ctx.styles.text(border=1))
        fit.at_least(last, 24)
    last = _write_legends(ctx, ws, last + 2, fit)
    fit.apply(ws)
    if len(ctx.figures.projects) <= ONE_PAGE_PROJECTS:
        ws.fit_to_pages(1, 1)  # the circulated summary is one page
    ws.repeat_rows(header_top, header_top + 1)
    ws.print_area(0, 0, last, LAST_COL)


def _write_heading(ctx: Context, ws, fit: RowFit) -> int:
    """Title, draft banner, the introduction and the list of projects, the table's heading;
    returns the row where the table's header starts."""
    figures, styles = ctx.figures, ctx.styles
    settings = figures.settings
    year, quarter = settings.fiscal_year or "-", settings.quarter or "-"
    row = ctx.paragraph(ws, 0, LAST_COL, ctx.t("summary_title"), styles.title(), fit, TOTAL_WIDTH, SIZE_TITLE, True)
    if figures.draft:
        banner = ctx.t("draft_banner", errors=figures.errors, sheet=ctx.sheet_name("findings"))
        row = ctx.paragraph(ws, row, LAST_COL, banner, styles.draft_banner(), fit, TOTAL_WIDTH, SIZE_BODY, True)
    count = len(figures.projects)
    intro = (
        ctx.t("summary_intro", year=year, quarter=quarter, count=count)
        if count
        else ctx.t("summary_intro_none", year=year, quarter=quarter)
    )
    row = ctx.paragraph(ws, row + 1, LAST_COL, intro, styles.text(), fit, TOTAL_WIDTH, SIZE_BODY)
    for project in figures.projects:
        p = project.project
        names = p.name_th or p.short_name
        if p.name_en and p.name_en != names:
            names = f"{names} ({p.name_en})"
        item = f"({project.number}) {names}"
        row = ctx.paragraph(ws, row, LAST_COL, item, styles.text(indent=1), fit, TOTAL_WIDTH - 3, SIZE_BODY)
    heading = ctx.t("summary_heading", year=year, quarter=quarter)
    return ctx.paragraph(ws, row + 1, LAST_COL, heading, styles.heading(), fit, TOTAL_WIDTH, SIZE_HEADING, True)


def _write_table(ctx: Context, ws, first: int, fit: RowFit) -> int:
    """One row per project, then the total row (whose row is returned); charts read the columns."""
    row = first
    for project in ctx.figures.projects:
        _write_project(ctx, ws, row, project, ctx.figures.decimals, fit)
        row += 1
    _write_total(ctx, ws, row, ctx.figures.decimals)
    fit.at_least(row, 24)
    ctx.anchors["summary"] = {
        "names": (first, row - 1, C_NAME),
        "fin_plan": (first, row - 1, C_FIN_PLAN),
        "fin_result": (first, row - 1, C_FIN_RESULT),
        "header": (first - 2, first - 1, C_FIN_PLAN),
    }
    return row


def _write_legends(ctx: Context, ws, row: int, fit: RowFit) -> int:
    """The colour legend (and the pink-marks legend when some figure is marked); its last row."""
    thresholds = ctx.figures.settings.thresholds
    legend = ctx.t(
        "legend",
        green=plain_number(thresholds.green_max),
        yellow_from=plain_number(next_step(thresholds.green_max)),
        yellow=plain_number(thresholds.yellow_max),
    )
    if thresholds.relative:
        legend += ctx.t("legend_relative")
    row = ctx.paragraph(ws, row, LAST_COL, legend, ctx.styles.text(SIZE_NOTE), fit, TOTAL_WIDTH, SIZE_NOTE)
    if any(p.marked for p in ctx.figures.projects):
        marks = ctx.t("marks_legend", sheet=ctx.sheet_name("findings"))
        fmt = ctx.styles.text(SIZE_NOTE, **ctx.marked({}, True))
        row = ctx.paragraph(ws, row, LAST_COL, marks, fmt, fit, TOTAL_WIDTH, SIZE_NOTE)
    return row - 1


def _write_header(ctx: Context, ws, top: int, fit: RowFit) -> None:
    styles = ctx.styles
    head = styles.header_cell()
    agency = ctx.figures.settings.agency
    ctx.merge_text(ws, top, C_NUMBER, top + 1, C_NAME, ctx.t("col_project", agency=agency), head)
    ctx.merge_text(ws, top, C_OPS_PLAN, top, C_OPS_RESULT, ctx.t("col_ops"), head)
    ctx.merge_text(ws, top, C_FIN_PLAN, top, C_FIN_RESULT, ctx.t("col_fin"), head)
    for col in (C_OPS_PLAN, C_FIN_PLAN):
        ctx.write_text(ws, top + 1, col, ctx.t("col_plan"), head)
        ctx.write_text(ws, top + 1, col + 1, ctx.t("col_result"), head)
    for col, key in ((C_KPIS, "col_kpi_count"), (C_DONE, "col_kpi_done"), (C_STATUS, "col_status")):
        ctx.merge_text(ws, top, col, top + 1, col, ctx.t(key), head)
        fit.need(top, ctx.t(key), WIDTHS[col], SIZE_BODY, bold=True, rows=2)
    fit.need(top, ctx.t("col_ops"), WIDTHS[C_OPS_PLAN] * 2, SIZE_BODY, bold=True)
    fit.need(top, ctx.t("col_fin"), WIDTHS[C_FIN_PLAN] * 2, SIZE_BODY, bold=True)
    fit.at_least(top + 1, 24)


def _number_cell(ctx: Context, ws, row: int, col: int, value, num_format: str, marked: bool, **props) -> None:
    fmt = ctx.styles.fmt(SIZE_BODY, **ctx.marked({"border": 1, "align": "right", "num_format": num_format, **props},
                                                 marked))  # fmt: skip
    ctx.write_decimal(ws, row, col, value, fmt)


def _write_project(ctx: Context, ws, row: int, project, decimals: int, fit: RowFit) -> None:
    styles = ctx.styles
    pct = pct_format(decimals)
    ctx.write_text(ws, row, C_NUMBER, project.number, styles.fmt(SIZE_BODY, border=1, align="center"))
    ctx.write_text(ws, row, C_NAME, project.name, styles.text(border=1))
    fit.need(row, project.name, WIDTHS[C_NAME], SIZE_BODY)
    values = (
        (C_OPS_PLAN, project.ops_plan, "ops_plan"),
        (C_OPS_RESULT, project.ops_result, "ops_result"),
        (C_FIN_PLAN, project.fin_plan, "fin_plan"),
        (C_FIN_RESULT, project.fin_result, "fin_result"),
    )
    for col, value, field in values:
        _number_cell(ctx, ws, row, col, value, pct, field in project.marked)
    _number_cell(ctx, ws, row, C_KPIS, project.kpi_count, "0", False, align="center")
    _number_cell(ctx, ws, row, C_DONE, project.kpi_done, "0", "kpi_done" in project.marked, align="center")
    if project.status is None:
        ws.write_blank(row, C_STATUS, None, styles.fmt(SIZE_BODY, border=1))
    else:
        label = rules.STATUS_LABELS[ctx.lang][project.status]
        ws.write_string(row, C_STATUS, label, styles.status(project.status))
    fit.at_least(row, 24)


def _write_total(ctx: Context, ws, row: int, decimals: int) -> None:
    total = ctx.figures.total
    styles = ctx.styles
    bold = {"bold": True, "bg_color": TOTAL_FILL, "top": 2}
    ctx.merge_text(ws, row, C_NUMBER, row, C_NAME, ctx.t("total"),
                   styles.fmt(SIZE_BODY, border=1, align="center", **bold))  # fmt: skip
    pct = pct_format(decimals)
    for col, value in (
        (C_OPS_PLAN, total.ops_plan),
        (C_OPS_RESULT, total.ops_result),
        (C_FIN_PLAN, total.fin_plan),
        (C_FIN_RESULT, total.fin_result),
    ):
        _number_cell(ctx, ws, row, col, value, pct, False, **bold)
    _number_cell(ctx, ws, row, C_KPIS, total.kpi_count, "0", False, align="center", **bold)
    _number_cell(ctx, ws, row, C_DONE, total.kpi_done, "0", False, align="center", **bold)
    ws.write_blank(row, C_STATUS, None, styles.fmt(SIZE_BODY, border=1, **bold))
