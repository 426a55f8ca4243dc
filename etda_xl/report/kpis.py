"""Sheets 3…: one KPI table per project — source merged down its rows, met / not met visible.

Nothing is cut off: a text too long for one row (409 pt at most in Excel) continues on the next
rows of the same KPI, the other cells of those rows left blank inside the KPI's borders. The
pages are decided here (``paging.paginate``): the title rows — project, KPI count, column
headers — print on every page, a KPI or a source block moves to the next page whole when it
fits on one, and a source block that continues on a new page shows its source again there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import rules
from .context import Context
from .figures import KpiTable
from .paging import fit_width_scale, page_capacity, paginate
from .styles import MET_FILL, NOT_MET_FILL, SIZE_BODY, SIZE_HEADING, SIZE_TITLE
from .textfit import LINE_HEIGHT, MAX_ROW_HEIGHT, RowFit, max_lines, split_to_fit

#: The met column's fill: met green, not met pink; in progress and not measurable unfilled.
STATE_FILLS = {rules.KpiState.MET: MET_FILL, rules.KpiState.NOT_MET: NOT_MET_FILL}

WIDTHS = (16, 46, 18, 16, 12, 56)
LAST_COL = len(WIDTHS) - 1
TOTAL_WIDTH = sum(WIDTHS)
C_SOURCE, C_INDICATOR, C_TARGET, C_RESULT, C_MET, C_DETAILS = range(6)
HEADER_KEYS = ("col_source", "col_indicator", "col_target", "col_kpi_result", "col_met", "col_details")
HEADER_ROW = 3  # title, project name, KPI count, then the column headers: printed on every page
FIRST_ROW = HEADER_ROW + 1
MIN_ROW = 24.0  # points: a one-line KPI row
PAGING_ROUNDS = 5  # rows grown so a source fits its part of a block: pages laid out again


@dataclass
class Line:
    """One printed row of the table: part (or all) of one KPI."""

    kpi: int  # index in the table's rows
    cells: dict[int, str]  # column → text on this row; absent: blank
    first: bool = False  # the KPI's first row
    last: bool = False  # the KPI's last row


@dataclass
class Block:
    """The rows of one source (indices into the lines), merged down the source column."""

    source: str
    first: int
    last: int
    pieces: list[str] = field(default_factory=list)  # the source cut to fit; one piece: merged

    @property
    def merged(self) -> bool:
        return len(self.pieces) <= 1


def write_kpis(ctx: Context) -> None:
    if not ctx.figures.kpi_tables:
        _write_no_projects(ctx)
    for table in ctx.figures.kpi_tables:
        _write_table(ctx, table)


def _write_no_projects(ctx: Context) -> None:
    """A workbook with no projects yet: the section is there, saying so."""
    ws = ctx.add_sheet("kpis", ctx.sheet_name("kpis_none"), WIDTHS, fit=False)
    ctx.merge_text(ws, 0, 0, 0, LAST_COL, ctx.t("kpi_title_none"), ctx.styles.title())
    empty = ctx.t("no_data", table="tblProjects / tblKPI")
    ctx.merge_text(ws, 2, 0, 2, LAST_COL, empty, ctx.styles.text(border=1))
    ws.set_row(0, 30)
    ws.set_row(2, 24)
    _print_setup(ws, 2, fit_width_scale(WIDTHS), [])


def _write_table(ctx: Context, table: KpiTable) -> None:
    fit = RowFit(ctx.profile.line_height)
    number = table.project.number
    ws = ctx.add_sheet(
        f"kpis:{number}", ctx.sheet_name("kpis", number=number), WIDTHS, repeat=(0, HEADER_ROW), fit=False
    )
    _write_titles(ctx, ws, table, fit)
    scale = fit_width_scale(WIDTHS)
    if not table.rows:
        ctx.merge_text(ws, FIRST_ROW, 0, FIRST_ROW, LAST_COL, ctx.t("no_kpis"), ctx.styles.text(border=1))
        fit.at_least(FIRST_ROW, MIN_ROW)
        fit.apply(ws)
        _print_setup(ws, FIRST_ROW, scale, [])
        return
    limit = _line_limit(fit, scale)
    lines, blocks = _layout(ctx, table, limit)
    _measure(ctx, lines, blocks, fit)
    breaks = _pages(ctx, lines, blocks, fit, scale)
    fit.apply(ws)
    starts = {FIRST_ROW, *breaks}
    _write_lines(ctx, ws, table, lines, starts)
    _write_sources(ctx, ws, blocks, starts)
    _print_setup(ws, FIRST_ROW + len(lines) - 1, scale, breaks)


def _write_titles(ctx: Context, ws, table: KpiTable, fit: RowFit) -> None:
    """Rows 0–3, repeated on every page: which project, how many KPIs met, the column headers."""
    styles, project = ctx.styles, table.project
    short = project.short_name or project.name_en or project.name_th
    title = ctx.t("kpi_title", name=short)
    ctx.merge_text(ws, 0, 0, 0, LAST_COL, title, styles.title())
    fit.need(0, title, TOTAL_WIDTH, SIZE_TITLE, bold=True)
    full = f"({project.number}) {project.name_th or short}"
    if project.name_en and project.name_en not in full:
        full += f" ({project.name_en})"
    ctx.merge_text(ws, 1, 0, 1, LAST_COL, full, styles.text())
    fit.need(1, full, TOTAL_WIDTH, SIZE_BODY)
    states = rules.KpiState
    count = ctx.t("kpi_count", count=len(table.rows), met=table.count(states.MET), not_met=table.count(states.NOT_MET),
                  unknown=table.count(states.UNMEASURABLE))  # fmt: skip
    if table.count(states.IN_PROGRESS):
        count += ctx.t("kpi_count_in_progress", in_progress=table.count(states.IN_PROGRESS))
    ctx.merge_text(ws, 2, 0, 2, LAST_COL, count, styles.heading())
    fit.need(2, count, TOTAL_WIDTH, SIZE_HEADING, bold=True)
    head = styles.header_cell()
    for col, key in enumerate(HEADER_KEYS):
        ctx.write_text(ws, HEADER_ROW, col, ctx.t(key), head)
        fit.need(HEADER_ROW, ctx.t(key), WIDTHS[col], SIZE_BODY, bold=True)


def _line_limit(fit: RowFit, scale: int) -> int:
    """Lines of body text a row may hold: within Excel's 409 pt and within a page under the titles.
    Counted with Excel's line spacing, the widest of the renderers, so every file has the same rows."""
    titles = sum(fit.final().get(r, 0.0) for r in range(HEADER_ROW + 1))
    room = min(MAX_ROW_HEIGHT, page_capacity(scale) - titles)
    return max_lines(SIZE_BODY, room, max(LINE_HEIGHT, fit.line_height))


def _met_text(ctx: Context, state: rules.KpiState) -> str:
    """The words of the ETDA_KPI_MET column, so the report and the workbook say the same."""
    return rules.KPI_STATE_LABELS[ctx.lang][state]


def _layout(ctx: Context, table: KpiTable, limit: int) -> tuple[list[Line], list[Block]]:
    """The printed rows: each KPI's texts cut into pieces of at most ``limit`` lines, one piece per row."""
    lines: list[Line] = []
    blocks: list[Block] = []
    for start, count in table.source_blocks:
        first = len(lines)
        for index in range(start, start + count):
            lines += _kpi_lines(ctx, table, index, limit)
        source = table.rows[start].kpi.source
        pieces = split_to_fit(source, WIDTHS[C_SOURCE], SIZE_BODY, limit) if source else []
        while len(lines) - first < len(pieces):  # a source longer than its KPIs: rows of its own
            lines[-1].last = False
            lines.append(Line(lines[-1].kpi, {}, last=True))
        blocks.append(Block(source, first, len(lines) - 1, pieces))
    return lines, blocks


def _kpi_lines(ctx: Context, table: KpiTable, index: int, limit: int) -> list[Line]:
    kpi_row = table.rows[index]
    kpi = kpi_row.kpi
    texts = {C_INDICATOR: kpi.indicator, C_TARGET: kpi.target, C_RESULT: kpi.result, C_DETAILS: kpi.details}
    pieces = {col: split_to_fit(text or "", WIDTHS[col], SIZE_BODY, limit) for col, text in texts.items()}
    count = max(len(p) for p in pieces.values())
    lines = [Line(index, {col: p[i] for col, p in pieces.items() if i < len(p) and p[i]}) for i in range(count)]
    lines[0].cells[C_MET] = _met_text(ctx, kpi_row.state)
    lines[0].first = lines[-1].last = True
    return lines


def _measure(ctx: Context, lines: list[Line], blocks: list[Block], fit: RowFit) -> None:
    for offset, line in enumerate(lines):
        row = FIRST_ROW + offset
        for col, text in line.cells.items():
            fit.need(row, text, WIDTHS[col], SIZE_BODY)
        fit.at_least(row, MIN_ROW)
    for block in blocks:
        if block.merged:
            fit.need(FIRST_ROW + block.first, block.source, WIDTHS[C_SOURCE], SIZE_BODY, rows=_rows(block))
        else:
            for offset, piece in enumerate(block.pieces):
                fit.need(FIRST_ROW + block.first + offset, piece, WIDTHS[C_SOURCE], SIZE_BODY)


def _rows(block: Block) -> int:
    return block.last - block.first + 1


def _pages(ctx: Context, lines: list[Line], blocks: list[Block], fit: RowFit, scale: int) -> list[int]:
    """Page breaks; where a merged source block is split, each part is made tall enough to show
    its source (again, with "(cont.)", on the later pages), and the pages laid out again."""
    last_row = FIRST_ROW + len(lines) - 1
    kpi_units = {FIRST_ROW + i: FIRST_ROW + _kpi_end(lines, i) for i, line in enumerate(lines) if line.first}
    block_units = {FIRST_ROW + b.first: FIRST_ROW + b.last for b in blocks}
    breaks: list[int] = []
    for _ in range(PAGING_ROUNDS):
        heights = fit.final()
        repeated = sum(heights.get(r, 0.0) for r in range(HEADER_ROW + 1))
        breaks = paginate(heights, FIRST_ROW, last_row, repeated, [block_units, kpi_units], scale)
        grown = False
        for block in blocks:
            if not block.merged or not block.source:
                continue
            for index, (first, last) in enumerate(_segments(block, set(breaks))):
                text = block.source if index == 0 else f"{block.source} {ctx.t('continued')}"
                need = fit.height(text, WIDTHS[C_SOURCE], SIZE_BODY)
                have = sum(heights.get(r, 0.0) for r in range(first, last + 1))
                if need > have + 0.5:
                    fit.at_least(last, heights.get(last, 0.0) + need - have)
                    grown = True
        if not grown:
            break
    return breaks


def _kpi_end(lines: list[Line], index: int) -> int:
    while not lines[index].last:
        index += 1
    return index


def _segments(block: Block, breaks: set[int]) -> list[tuple[int, int]]:
    """The sheet rows of ``block`` on each page it spans."""
    segments: list[tuple[int, int]] = []
    start = FIRST_ROW + block.first
    for row in range(start + 1, FIRST_ROW + block.last + 1):
        if row in breaks:
            segments.append((start, row - 1))
            start = row
    segments.append((start, FIRST_ROW + block.last))
    return segments


def _edges(line: Line, row: int, starts: set[int], last_row: int) -> dict[str, int]:
    """Borders of a cell: the KPI's outline, closed at the top and bottom of each page."""
    top = line.first or row in starts
    bottom = line.last or row + 1 in starts or row == last_row
    return {"left": 1, "right": 1, "top": int(top), "bottom": int(bottom)}


def _write_lines(ctx: Context, ws, table: KpiTable, lines: list[Line], starts: set[int]) -> None:
    styles = ctx.styles
    last_row = FIRST_ROW + len(lines) - 1
    for offset, line in enumerate(lines):
        row = FIRST_ROW + offset
        edges = _edges(line, row, starts, last_row)
        cells = dict(line.cells)
        if row in starts and not line.first and not cells.get(C_INDICATOR):
            cells[C_INDICATOR] = ctx.t("continued")  # a KPI carried over from the previous page
        for col in (C_INDICATOR, C_TARGET, C_RESULT, C_DETAILS):
            align: dict[str, Any] = {"align": "center"} if col in (C_TARGET, C_RESULT) else {}
            ctx.write_text(ws, row, col, cells.get(col, ""), styles.text(**edges, **align))
        state = table.rows[line.kpi].state
        props: dict[str, Any] = {**edges, "align": "center", "bold": state is rules.KpiState.NOT_MET}
        if state in STATE_FILLS:
            props["bg_color"] = STATE_FILLS[state]
        ctx.write_text(ws, row, C_MET, cells.get(C_MET, ""), styles.text(**props))


def _write_sources(ctx: Context, ws, blocks: list[Block], starts: set[int]) -> None:
    """The source merged down its rows, once per page the block spans; a long one cut into pieces."""
    styles = ctx.styles
    for block in blocks:
        if block.merged:
            for index, (first, last) in enumerate(_segments(block, starts)):
                text = block.source if index == 0 or not block.source else f"{block.source} {ctx.t('continued')}"
                ctx.merge_text(ws, first, C_SOURCE, last, C_SOURCE, text, styles.text(border=1))
            continue
        last_row = FIRST_ROW + block.last
        for offset in range(_rows(block)):
            row = FIRST_ROW + block.first + offset
            top, bottom = offset == 0 or row in starts, row == last_row or row + 1 in starts
            edges = {"left": 1, "right": 1, "top": int(top), "bottom": int(bottom)}
            piece = block.pieces[offset] if offset < len(block.pieces) else ""
            ctx.write_text(ws, row, C_SOURCE, piece, styles.text(**edges))


def _print_setup(ws, last_row: int, scale: int, breaks: list[int]) -> None:
    """A fixed scale that fits the width, and a manual break at the start of every page."""
    ws.print_area(0, 0, last_row, LAST_COL)
    ws.set_print_scale(scale)
    if breaks:
        ws.set_h_pagebreaks(breaks)
