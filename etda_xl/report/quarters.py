"""Sheet: quarter by quarter — the fiscal year so far, when the book has history.

Per budget line its (5) and % at each quarter of the year with figures and the change since last
quarter; per project its finance and operations plan/result % by quarter; the disbursement targets
when typed (each line's and project's % is then compared with the overall target of its quarter);
then native Excel line charts of the cumulative % by quarter: the grand total against the targets,
each project's finance result against its plan. The figures come from ``timeline.year`` (earlier
quarters from the history tables as read, this quarter as the report prints it); the charts read
this sheet's cells.

Every table shares one grid: the name; a block of quarters (the (5), or a plan); a second block of
quarters (the %, or a result); the two changes; the comparison with the target. Pages are decided
here, as for the KPI sheets: a fixed print scale fitting the columns to the page width, a section's
title and header kept with its first row, the charts from a new page, three a row.
"""

from __future__ import annotations

import math
from decimal import Decimal

from .. import rules, timeline
from ..codes import TOTAL, ancestors
from ..model import code_key
from ..schema import HISTORY_SHEET
from .budget import pct_number_format
from .context import Context
from .paging import DEFAULT_ROW, fit_width_scale, page_capacity, paginate, printable, table_width
from .styles import AMOUNT_FORMAT, SIZE_BODY, SIZE_HEADING, SIZE_NOTE, SIZE_TITLE, TOTAL_FILL
from .textfit import RowFit

NAME_WIDTH, AMOUNT_WIDTH, PCT_WIDTH, TARGET_WIDTH = 40, 13, 10, 14
BELOW_FILL = "#F8CBAD"  # a % below the disbursement target (orange: a warning, not an error)
CHANGE_FORMAT = rules.amount_format(sign="+", pad="_ ")
RESULT_COLOUR, PLAN_COLOUR = "#1F4E78", "#9DC3E6"
TARGET_COLOURS = {"overall": "#C00000", "current": "#ED7D31", "investment": "#7F7F7F"}
MIN_SCALE = 75  # percent: below this a page is too small to read; the budget table then runs on
CHARTS_PER_ROW = 3
CHART_ROWS = 15  # sheet rows (of DEFAULT_ROW points, 20 px) a row of charts takes, a gap included
CHART_HEIGHT = 285  # pixels
#: The project tables: (section title, plan field, result field).
PROJECT_TABLES = (("q_fin", "fin_plan", "fin_result"), ("q_ops", "ops_plan", "ops_result"))


def write_quarters(ctx: Context) -> None:
    """The sheet, when the history holds an earlier quarter of this fiscal year; else nothing."""
    year = timeline.year(ctx.figures.report)
    if year is not None:
        _Sheet(ctx, year).write()


def _widths(quarters: int, targets: bool) -> tuple[float, ...]:
    """The grid; the name column takes the room the page has left at 100%."""
    others = (*(AMOUNT_WIDTH,) * quarters, *(PCT_WIDTH,) * quarters, AMOUNT_WIDTH, PCT_WIDTH)
    others += (TARGET_WIDTH,) if targets else ()
    spare = printable()[0] * 0.96 - table_width((NAME_WIDTH, *others))
    return (NAME_WIDTH + max(0, int(spare / 0.75 / 7)), *others)


class _Sheet:
    def __init__(self, ctx: Context, year: timeline.Year) -> None:
        self.ctx, self.year = ctx, year
        self.n = n = len(year.quarters)
        self.first, self.second = 1, 1 + n  # the two blocks of quarters
        self.change = 1 + 2 * n  # the first block's change, then the second's
        self.target = self.change + 2 if year.targets else None
        self.widths = _widths(n, bool(year.targets))
        self.last_col = len(self.widths) - 1
        self.total_width = sum(self.widths)
        self.fit = RowFit(ctx.profile.line_height)
        self.scale = fit_width_scale(self.widths)
        self.pct_format = pct_number_format(ctx.figures.decimals)
        self.units: dict[int, int] = {}  # first row → last row of rows kept on one page
        self.anchors: dict[str, tuple[int, int, int]] = {}  # what → (row, first col, last col) charts read
        self.ws = ctx.add_sheet("quarters", ctx.sheet_name("quarters"), self.widths, fit=False)

    def write(self) -> None:
        # the note on where the figures come from sits under the heading, on the first page with the
        # budget table (the page fitted by scale), never alone on a page of its own
        row = self._notes(self._heading()) + 1
        if self.year.budget:
            row = self._budget(row)
            if self.year.targets:
                row = self._targets(row)
            self.units[0] = row - 1  # the heading, the lines and the targets on one page
            row += 1
        for title, plan, result in PROJECT_TABLES:
            if self.year.projects:
                row = self._projects(row, title, plan, result) + 1
        self.fit.apply(self.ws)
        heights = self.fit.final()
        self._fit_first_page(heights)
        breaks = paginate(heights, 0, row - 1, 0.0, [self.units], self.scale)
        charts_at = row + 1
        chart_breaks, end = self._charts(charts_at)
        self.ws.set_print_scale(self.scale)
        self.ws.set_h_pagebreaks([*breaks, charts_at, *chart_breaks])
        self.ws.print_area(0, 0, end, self.last_col)

    def _fit_first_page(self, heights: dict[int, float]) -> None:
        """A smaller print scale, down to ``MIN_SCALE``, when it keeps the budget table on one page."""
        last = self.units.get(0)
        if last is None:
            return
        need = sum(heights.get(r, DEFAULT_ROW) for r in range(last + 1))
        fits = math.floor(page_capacity(100) / need * 100)
        self.scale = min(self.scale, max(MIN_SCALE, fits))

    # --- headings -----------------------------------------------------------------------------------

    def _heading(self) -> int:
        ctx, styles = self.ctx, self.ctx.styles
        title = ctx.t("q_title", year=self.year.fiscal_year)
        row = ctx.paragraph(
            self.ws, 0, self.last_col, title, styles.title(), self.fit, self.total_width, SIZE_TITLE, True
        )
        half = self.last_col // 2
        as_of = ctx.t("as_of", date=ctx.figures.as_of_text)
        ctx.merge_text(self.ws, row, 0, row, half, as_of, styles.fmt(SIZE_HEADING, bold=True))
        unit = styles.fmt(SIZE_HEADING, bold=True, align="right")
        ctx.merge_text(self.ws, row, half + 1, row, self.last_col, ctx.t("unit"), unit)
        self.fit.at_least(row, 26)
        return row + 1

    def _header(self, row: int, title_key: str, name: str, first: str, second: str, change: str) -> int:
        """A section's title and two header rows: name | first block | second block | changes |
        target; the quarters under each block. Returns the first row of the section's body."""
        ctx, ws = self.ctx, self.ws
        text = ctx.t(title_key)
        ctx.merge_text(ws, row, 0, row, self.last_col, text, ctx.styles.heading())
        self.fit.need(row, text, self.total_width, SIZE_HEADING, bold=True)
        head = ctx.styles.header_cell()
        top = row + 1
        ctx.merge_text(ws, top, 0, top + 1, 0, name, head)
        ctx.merge_text(ws, top, self.first, top, self.second - 1, first, head)
        ctx.merge_text(ws, top, self.second, top, self.change - 1, second, head)
        ctx.merge_text(ws, top, self.change, top, self.change + 1, change, head)
        for i, quarter in enumerate(self.year.quarters):
            label = ctx.t("q_quarter", quarter=quarter)
            ctx.write_text(ws, top + 1, self.first + i, label, head)
            ctx.write_text(ws, top + 1, self.second + i, label, head)
        self.anchors.setdefault("quarters", (top + 1, self.second, self.change - 1))
        self.fit.need(top, change, AMOUNT_WIDTH + PCT_WIDTH, SIZE_BODY, bold=True)
        self.fit.at_least(top, 24)
        self.fit.at_least(top + 1, 24)
        self.units[row] = top + 2  # the title and the header stay with the first row
        return top + 2

    def _target_header(self, top: int, quarter: int) -> None:
        if self.target is None:
            return
        label = self.ctx.t("q_col_target", quarter=quarter)
        self.ctx.merge_text(self.ws, top, self.target, top + 1, self.target, label, self.ctx.styles.header_cell())
        self.fit.need(top, label, TARGET_WIDTH, SIZE_BODY, bold=True, rows=2)

    # --- budget lines -------------------------------------------------------------------------------

    def _budget(self, row: int) -> int:
        ctx = self.ctx
        change = ctx.t("q_col_change")
        body = self._header(row, "q_budget", ctx.t("col_line"), ctx.t("q_col_result"), ctx.t("q_col_pct"), change)
        ctx.write_text(self.ws, body - 1, self.change, ctx.t("q_col_change_result"), ctx.styles.header_cell())
        ctx.write_text(self.ws, body - 1, self.change + 1, ctx.t("q_col_change_pct"), ctx.styles.header_cell())
        self._target_header(body - 2, self.year.quarters[-1])
        parents = {key for t in self.year.budget for key in ancestors(t.key)}
        row = body
        for track in self.year.budget:
            self._budget_line(row, track, track.key in parents)
            if track.key == TOTAL:
                self.anchors["total"] = (row, self.second, self.change - 1)
            row += 1
        return row

    def _budget_line(self, row: int, track: timeline.Track, is_parent: bool) -> None:
        ctx, ws, year = self.ctx, self.ws, self.year
        is_total = track.key == TOTAL
        level = len(code_key(track.key)) if not is_total else 0
        bold = is_parent or is_total or level == 1  # as the budget sheet: sections, parents and the total
        base: dict = {"border": 1, "bold": bold}
        if is_total:
            base.update({"bg_color": TOTAL_FILL, "top": 2, "bottom": 6})
        label = ctx.t("grand_total") if is_total else self._line_label(track)
        name = {**base, "text_wrap": True, "align": "center" if is_total else "left"}
        if level > 1:
            name["indent"] = level - 1
        ctx.write_text(ws, row, 0, label, ctx.styles.fmt(SIZE_BODY, **name))
        self.fit.need(row, " " * 3 * max(level - 1, 0) + label, self.widths[0], SIZE_BODY, bold=bold)
        self.fit.at_least(row, 22)
        number = {**base, "align": "right"}
        for i in range(self.n):
            self._number(row, self.first + i, track.at("result", i), {**number, "num_format": AMOUNT_FORMAT})
            pct = track.at("pct", i)
            self._percent(row, self.second + i, pct, number, year.below_target(pct, i))
        self._number(row, self.change, year.change(track, "result"), {**number, "num_format": CHANGE_FORMAT})
        self._number(row, self.change + 1, year.change(track, "pct"), {**number, "num_format": self._points()})
        self._against_target(row, track.at("pct", -1), base)

    def _line_label(self, track: timeline.Track) -> str:
        """The budget sheet's own label for a line of this quarter ("1. เงินงบประมาณ", "1.3.5 …*")."""
        shown = self.ctx.figures.budget_row(track.key)
        return shown.label if shown is not None else f"{track.key} {track.name}".strip()

    def _against_target(self, row: int, pct, base: dict) -> None:
        """This quarter's % against its overall target: ถึงเป้า, or ต่ำกว่าเป้า shaded."""
        if self.target is None:
            return
        below = self.year.below_target(pct, self.n - 1)
        word = "" if below is None else self.ctx.t("q_below_target" if below else "q_at_target")
        props = {**base, "align": "center", **({"bg_color": BELOW_FILL} if below else {})}
        self.ctx.write_text(self.ws, row, self.target, word, self.ctx.styles.fmt(SIZE_BODY, **props))

    # --- projects -----------------------------------------------------------------------------------

    def _projects(self, row: int, title: str, plan: str, result: str) -> int:
        ctx = self.ctx
        change = ctx.t("q_col_change_points")
        body = self._header(row, title, ctx.t("q_col_project"), ctx.t("col_plan"), ctx.t("col_result"), change)
        ctx.write_text(self.ws, body - 1, self.change, ctx.t("col_plan"), ctx.styles.header_cell())
        ctx.write_text(self.ws, body - 1, self.change + 1, ctx.t("col_result"), ctx.styles.header_cell())
        against = result == "fin_result"  # the targets are disbursement: finance, not operations
        if against:
            self._target_header(body - 2, self.year.quarters[-1])
        row = body
        for track in self.year.projects:
            self._project(row, track, plan, result, against)
            row += 1
        return row

    def _project(self, row: int, track: timeline.Track, plan: str, result: str, against: bool) -> None:
        ctx, year = self.ctx, self.year
        name = f"({track.key}) {track.name}".strip()
        ctx.write_text(self.ws, row, 0, name, ctx.styles.fmt(SIZE_BODY, border=1, text_wrap=True, align="left"))
        self.fit.need(row, name, self.widths[0], SIZE_BODY)
        self.fit.at_least(row, 22)
        number = {"border": 1, "align": "right"}
        for i in range(self.n):
            self._percent(row, self.first + i, track.at(plan, i), number, None)
            value = track.at(result, i)
            self._percent(row, self.second + i, value, number, year.below_target(value, i) if against else None)
        points = {**number, "num_format": self._points()}
        self._number(row, self.change, year.change(track, plan), points)
        self._number(row, self.change + 1, year.change(track, result), points)
        if against:
            self._against_target(row, track.at(result, -1), {"border": 1})
        self.anchors[f"{plan}:{track.key}"] = (row, self.first, self.second - 1)
        self.anchors[f"{result}:{track.key}"] = (row, self.second, self.change - 1)

    # --- targets and notes --------------------------------------------------------------------------

    def _targets(self, row: int) -> int:
        """The targets as rows under the grand total, in the % columns: each quarter's % above its target."""
        ctx, ws = self.ctx, self.ws
        note = ctx.styles.fmt(SIZE_BODY, border=1, italic=True, align="left", text_wrap=True)
        for kind, values in self.year.targets.items():
            label = ctx.t("q_target_row", kind=ctx.t(f"q_target_{kind}"))
            ctx.merge_text(ws, row, 0, row, self.second - 1, label, note)
            self.fit.need(row, label, sum(self.widths[: self.second]), SIZE_BODY)
            self.fit.at_least(row, 22)
            for i, value in enumerate(values):
                self._percent(row, self.second + i, value, {"border": 1, "align": "right", "italic": True}, None)
            blank = ctx.styles.fmt(SIZE_BODY, border=1)
            for col in range(self.change, self.last_col + 1):
                ws.write_blank(row, col, None, blank)
            self.anchors[f"target:{kind}"] = (row, self.second, self.change - 1)
            row += 1
        return row

    def _notes(self, row: int) -> int:
        ctx = self.ctx
        note = ctx.t("q_note", sheet=HISTORY_SHEET)
        if self.year.targets:
            note += "; " + ctx.t("q_target_note")
        fmt = ctx.styles.text(SIZE_NOTE)
        return ctx.paragraph(self.ws, row, self.last_col, note, fmt, self.fit, self.total_width, SIZE_NOTE)

    # --- cells --------------------------------------------------------------------------------------

    def _points(self) -> str:
        decimals = self.ctx.figures.decimals
        digits = "0" if decimals == 0 else "0." + "0" * decimals
        return f"+{digits}_ ;-{digits}_ ;0_ "

    def _number(self, row: int, col: int, value, props: dict) -> None:
        number = value if isinstance(value, Decimal) else None
        self.ctx.write_decimal(self.ws, row, col, number, self.ctx.styles.fmt(SIZE_BODY, **props))

    def _percent(self, row: int, col: int, value, props: dict, below: bool | None) -> None:
        """A whole percent as Excel's percentage (60 → 0.6 shown 60%), as the budget sheet writes it."""
        fill = {"bg_color": BELOW_FILL} if below else {}
        fmt = self.ctx.styles.fmt(SIZE_BODY, **{**props, "num_format": self.pct_format, **fill})
        if isinstance(value, Decimal):
            self.ws.write_number(row, col, float(value / 100), fmt)
        else:
            self.ws.write_blank(row, col, None, fmt)

    # --- charts -------------------------------------------------------------------------------------

    def _chart_list(self) -> list[tuple[str, list[tuple[str, tuple[int, int, int], str, bool]], int]]:
        """(title, [(series name, cells, colour, dashed)], slots) for each chart: the total (two slots, for
        its targets' legend), then the projects."""
        ctx, year = self.ctx, self.year
        targets = {
            kind: (ctx.t("q_series_target", kind=ctx.t(f"q_target_{kind}")), self.anchors[f"target:{kind}"],
                   TARGET_COLOURS[kind], True)
            for kind in year.targets
        }  # fmt: skip
        charts = []
        if "total" in self.anchors:
            result = (ctx.t("q_series_result"), self.anchors["total"], RESULT_COLOUR, False)
            charts.append((ctx.t("q_chart_total"), [result, *targets.values()], 2))
        overall = [targets["overall"]] if "overall" in targets else []
        for track in year.projects:
            series = [
                (ctx.t("q_series_fin_result"), self.anchors[f"fin_result:{track.key}"], RESULT_COLOUR, False),
                (ctx.t("q_series_fin_plan"), self.anchors[f"fin_plan:{track.key}"], PLAN_COLOUR, True),
                *overall,
            ]
            charts.append((ctx.t("q_chart_project", number=track.key, name=track.name), series, 1))
        return charts

    def _charts(self, first: int) -> tuple[list[int], int]:
        """The charts from row ``first``, three slots a row, the total over two; returns the page
        breaks between their rows and the last row they cover."""
        ctx, ws = self.ctx, self.ws
        heading = ctx.t("q_charts")
        ctx.merge_text(ws, first, 0, first, self.last_col, heading, ctx.styles.heading())
        ws.set_row(first, 28)
        gap = 10
        slot = (int(table_width(self.widths) / 0.75) - gap * (CHARTS_PER_ROW + 1)) // CHARTS_PER_ROW
        rows_per_page = max(1, int((page_capacity(self.scale) - 28) // (CHART_ROWS * DEFAULT_ROW)))
        breaks: list[int] = []
        chart_row, place = 0, 0
        for title, series, span in self._chart_list():
            if place + span > CHARTS_PER_ROW:
                chart_row, place = chart_row + 1, 0
            at = first + 1 + chart_row * CHART_ROWS
            if place == 0 and chart_row and chart_row % rows_per_page == 0:
                breaks.append(at)
            width = span * slot + (span - 1) * gap
            chart = self._line_chart(title, series, width)
            ws.insert_chart(at, 0, chart, {"x_offset": gap + place * (slot + gap), "y_offset": 6})
            place += span
        return breaks, first + (chart_row + 1) * CHART_ROWS

    def _line_chart(self, title: str, series, width: int):
        ctx = self.ctx
        sheet = ctx.names["quarters"]
        font = {"name": ctx.profile.name}
        small = {**font, "size": ctx.profile.size(SIZE_NOTE)}
        cats_row, cats_first, cats_last = self.anchors["quarters"]
        chart = ctx.workbook.add_chart({"type": "line"})
        for name, (row, first, last), colour, dashed in series:
            line = {"color": colour, "width": 1.75 if dashed else 2.5}
            if dashed:
                line["dash_type"] = "dash"
            options = {
                "name": name,
                "categories": [sheet, cats_row, cats_first, cats_row, cats_last],
                "values": [sheet, row, first, row, last],
                "line": line,
                "marker": {"type": "circle", "size": 5, "fill": {"color": colour}, "border": {"color": colour}},
            }
            if not dashed:  # the result's own figures; plans and targets are read off the axis
                options["data_labels"] = {"value": True, "position": "above", "num_format": "0%",
                                          "font": {**small, "bold": True, "color": colour}}  # fmt: skip
            chart.add_series(options)
        chart.set_title({"name": title, "name_font": {**small, "bold": True}})
        chart.set_x_axis({"num_font": small})
        y_axis = {"min": 0, "num_format": "0%", "num_font": small,
                  "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}  # fmt: skip
        if not self._over_100():
            y_axis.update({"max": 1, "major_unit": 0.2})
        chart.set_y_axis(y_axis)
        # placed by hand: left alone, LibreOffice gives a legend of four entries most of the chart, and
        # a label at 100% runs into the title
        legend = {"x": 0.02, "y": 0.8, "width": 0.96, "height": 0.18}
        chart.set_legend({"position": "bottom", "font": small, "layout": legend})
        chart.set_plotarea({"layout": {"x": 0.1 if width > 500 else 0.14, "y": 0.18, "width": 0.84, "height": 0.5}})
        chart.set_size({"width": width, "height": CHART_HEIGHT})
        chart.set_chartarea({"border": {"none": True}})
        return chart

    def _over_100(self) -> bool:
        """Some charted % above 100 (spending over plan): the axis then scales itself."""
        tracks = [*self.year.budget, *self.year.projects]
        values = [v for t in tracks for f in ("pct", "fin_result", "fin_plan") if f in t.values for v in t.series(f)]
        values += [v for series in self.year.targets.values() for v in series]
        return any(isinstance(v, Decimal) and v > 100 for v in values)
