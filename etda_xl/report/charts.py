"""Sheet: native Excel charts — finance plan vs result % per project, and % spent per budget line.

The charts read the summary and budget sheets' cells (values), so they always show the report's
own figures. XlsxWriter names only the Latin font of chart text; ``add_complex_script_fonts``
adds the same font for Thai (``<a:cs>``) so Excel and LibreOffice draw Thai in TH Sarabun New too.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from .context import Context
from .styles import SIZE_BODY, SIZE_HEADING, SIZE_NOTE
from .textfit import text_width

PLAN_COLOUR = "#9DC3E6"
RESULT_COLOUR = "#1F4E78"
LINE_COLOUR = "#5B9BD5"
TOTAL_COLOUR = "#1F4E78"
PAGE_BREAK_ROW = 30
BUDGET_CHART_WIDTH = 1000  # pixels


def write_charts(ctx: Context) -> None:
    styles = ctx.styles
    ws = ctx.add_sheet("charts", ctx.sheet_name("charts"), fit=False)
    ws.set_column(0, 0, 140)
    ctx.write_text(ws, 0, 0, ctx.t("charts_title"), styles.title())
    ws.set_row(0, 30)
    font = {"name": ctx.profile.name}

    summary, budget = ctx.anchors.get("summary"), ctx.anchors.get("budget")
    if not summary and not budget:  # a fresh workbook: nothing to draw yet
        ctx.write_text(ws, 2, 0, ctx.t("no_data", table="tblProjects / tblBudget"), styles.text())
        ws.set_row(2, 24)
        ws.print_area(0, 0, 2, 0)
        return
    if summary:
        ws.insert_chart(1, 0, _finance_chart(ctx, font, summary), {"x_offset": 10, "y_offset": 10})
    if budget:
        at = PAGE_BREAK_ROW if summary else 1
        if summary:
            ws.set_h_pagebreaks([PAGE_BREAK_ROW])
        ws.insert_chart(at, 0, _budget_chart(ctx, font, budget), {"x_offset": 10, "y_offset": 10})
    ws.print_area(0, 0, PAGE_BREAK_ROW * (2 if summary and budget else 1) - 1, 0)


def _text_font(ctx: Context, font: dict, size: float, bold: bool = False) -> dict:
    return {**font, "size": ctx.profile.size(size), "bold": bold}


def _finance_chart(ctx: Context, font: dict, anchors):
    sheet = ctx.names["summary"]
    first, last, name_col = anchors["names"]
    plan_col, result_col = anchors["fin_plan"][2], anchors["fin_result"][2]
    chart = ctx.workbook.add_chart({"type": "column"})
    for name, col, colour in (
        (ctx.t("chart_fin_plan"), plan_col, PLAN_COLOUR),
        (ctx.t("chart_fin_result"), result_col, RESULT_COLOUR),
    ):
        chart.add_series(
            {
                "name": name,
                "categories": [sheet, first, name_col, last, name_col],
                "values": [sheet, first, col, last, col],
                "fill": {"color": colour},
                "border": {"none": True},
                "gap": 80,
                "data_labels": {"value": True, "num_format": "0", "font": _text_font(ctx, font, SIZE_NOTE)},
            }
        )
    values = [v for p in ctx.figures.projects for v in (p.fin_plan, p.fin_result) if v is not None]
    axis_max = 100 if values and max(values) <= 100 else None
    chart.set_title({"name": ctx.t("chart_fin_title"), "name_font": _text_font(ctx, font, SIZE_HEADING, True)})
    chart.set_x_axis({"num_font": _text_font(ctx, font, SIZE_BODY)})
    y_axis = {"min": 0, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
              "num_font": _text_font(ctx, font, SIZE_NOTE), "num_format": "0"}  # fmt: skip
    if axis_max:
        y_axis.update({"max": axis_max, "major_unit": 20})
    chart.set_y_axis(y_axis)
    chart.set_legend({"position": "bottom", "font": _text_font(ctx, font, SIZE_BODY)})
    chart.set_size({"width": 1000, "height": 540})
    chart.set_chartarea({"border": {"none": True}})
    return chart


def _budget_chart(ctx: Context, font: dict, anchors):
    sheet = ctx.names["budget"]
    first, last, name_col = anchors["names"]
    pct_col = anchors["pct"][2]
    chart = ctx.workbook.add_chart({"type": "bar"})
    points = [{"fill": {"color": TOTAL_COLOUR if r.is_total else LINE_COLOUR}} for r in ctx.figures.budget]
    chart.add_series(
        {
            "name": ctx.t("chart_budget_series"),
            "categories": [sheet, first, name_col, last, name_col],
            "values": [sheet, first, pct_col, last, pct_col],
            "points": points,
            "gap": 40,
            "data_labels": {
                "value": True,
                "num_format": "0%",
                "position": "inside_end",
                "font": {**_text_font(ctx, font, SIZE_NOTE, True), "color": "#FFFFFF"},
            },
        }
    )
    chart.set_title({"name": ctx.t("chart_budget_title"), "name_font": _text_font(ctx, font, SIZE_HEADING, True)})
    # In XlsxWriter's bar charts the x axis is the horizontal value axis, the y axis the categories.
    pcts = [r.pct for r in ctx.figures.budget if r.pct is not None]
    value_axis = {"min": 0, "num_format": "0%", "num_font": _text_font(ctx, font, SIZE_NOTE),
                  "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}  # fmt: skip
    if pcts and max(pcts) <= 100:
        value_axis.update({"max": 1, "major_unit": 0.2})
    chart.set_x_axis(value_axis)
    # first line on top, the value axis at the bottom
    chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": _text_font(ctx, font, SIZE_BODY)})
    chart.set_legend({"none": True})
    # the plot area placed by hand: room on the left for the line names, and on the right for
    # half of the last axis label ("100%"), which the automatic layout cuts off at the edge
    names = [r.label if not r.is_total else ctx.t("grand_total") for r in ctx.figures.budget]
    left = min(0.45, (max(text_width(n, SIZE_BODY) for n in names) + 24) / (BUDGET_CHART_WIDTH * 0.75))
    chart.set_plotarea({"layout": {"x": left, "y": 0.11, "width": 0.94 - left, "height": 0.78}})
    chart.set_size({"width": BUDGET_CHART_WIDTH, "height": 560})
    chart.set_chartarea({"border": {"none": True}})
    return chart


_LATIN = re.compile(r'(<a:latin typeface="([^"]*)"[^>]*/>)(?!<a:ea)')
_CHART_PART = re.compile(r"xl/charts/chart\d+\.xml")


def add_complex_script_fonts(path: str | Path) -> None:
    """Give every chart text run the same font for Thai (``<a:cs>``) and East Asian (``<a:ea>``)
    text as for Latin; without it Thai chart text falls back to the viewer's default Thai font."""
    path = Path(path)
    mode = path.stat().st_mode  # the rewritten file keeps the permissions of the one it replaces
    with tempfile.NamedTemporaryFile(delete=False, suffix=".xlsx", dir=path.parent) as handle:
        temporary = Path(handle.name)
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if _CHART_PART.fullmatch(item.filename):
                    text = data.decode("utf-8")
                    data = _LATIN.sub(r'\1<a:ea typeface="\2"/><a:cs typeface="\2"/>', text).encode("utf-8")
                target.writestr(item, data)
        temporary.chmod(mode)
        shutil.move(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
