"""Sheet: obstacles and suggestions, grouped by topic in the order the table lists them."""

from __future__ import annotations

from .context import Context
from .styles import SIZE_BODY, SIZE_TITLE
from .textfit import RowFit, max_lines, split_to_fit

WIDTHS = (24, 112)
TOTAL_WIDTH = sum(WIDTHS)


def grouped(ctx: Context) -> list[tuple[str, list[str]]]:
    """(topic, texts) in first-seen order; projects flagged with an obstacle are listed too."""
    groups: dict[str, list[str]] = {}
    for obstacle in ctx.figures.report.obstacles:
        topic = obstacle.topic.strip().rstrip(":").strip()
        groups.setdefault(topic, [])
        if obstacle.text:
            groups[topic].append(obstacle.text)
    flagged = [p for p in ctx.figures.projects if p.project.obstacle]
    if flagged:
        names = [f"({p.number}) {p.name}" for p in flagged]
        groups[ctx.t("obstacle_projects")] = names
    return list(groups.items())


def write_obstacles(ctx: Context) -> None:
    styles = ctx.styles
    fit = RowFit(ctx.profile.line_height)
    ws = ctx.add_sheet("obstacles", ctx.sheet_name("obstacles"), WIDTHS)
    title = ctx.t("obstacles_title")
    ctx.merge_text(ws, 0, 0, 0, 1, title, styles.title())
    fit.need(0, title, TOTAL_WIDTH, SIZE_TITLE, bold=True)
    row = 2
    groups = grouped(ctx)
    if not groups:  # a fresh workbook: say so rather than print an empty page
        empty = ctx.t("no_data", table="tblObstacles")
        row = ctx.paragraph(ws, row, 1, empty, styles.text(), fit, TOTAL_WIDTH, SIZE_BODY)
    for topic, texts in groups:
        row = _write_topic(ctx, ws, row, topic, texts or [ctx.t("no_obstacles")], fit) + 1
    fit.apply(ws)
    ws.print_area(0, 0, max(row - 1, 1), 1)


def _write_topic(ctx: Context, ws, row: int, topic: str, texts: list[str], fit: RowFit) -> int:
    """The topic in the first column, its texts down the second, a long one over several rows
    (each within Excel's 409 pt); returns the next free row."""
    label = f"{topic} :"
    ctx.write_text(ws, row, 0, label, ctx.styles.text(bold=True))
    fit.need(row, label, WIDTHS[0], SIZE_BODY, bold=True)
    for text in texts:
        for piece in split_to_fit(text, WIDTHS[1], SIZE_BODY, max_lines(SIZE_BODY)):
            ctx.write_text(ws, row, 1, piece, ctx.styles.text())
            fit.need(row, piece, WIDTHS[1], SIZE_BODY)
            fit.at_least(row, 24)
            row += 1
    return row
