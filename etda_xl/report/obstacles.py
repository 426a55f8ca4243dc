"""Sheet: obstacles and suggestions, grouped by topic in the order the table lists them."""

from __future__ import annotations

from .context import Context
from .styles import SIZE_BODY, SIZE_TITLE
from .textfit import RowFit

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
    ws = ctx.add_sheet("obstacles", ctx.sheet_name("obstacles"))
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    title = ctx.t("obstacles_title")
    ctx.merge_text(ws, 0, 0, 0, 1, title, styles.title())
    fit.need(0, title, TOTAL_WIDTH, SIZE_TITLE, bold=True)
    row = 2
    topic_fmt = styles.text(bold=True)
    body = styles.text()
    for topic, texts in grouped(ctx):
        ctx.write_text(ws, row, 0, f"{topic} :", topic_fmt)
        fit.need(row, f"{topic} :", WIDTHS[0], SIZE_BODY, bold=True)
        for index, text in enumerate(texts or [ctx.t("no_obstacles")]):
            ctx.write_text(ws, row + index, 1, text, body)
            fit.need(row + index, text, WIDTHS[1], SIZE_BODY)
            fit.at_least(row + index, 24)
        row += max(len(texts), 1) + 1
    fit.apply(ws)
    ws.print_area(0, 0, max(row - 1, 1), 1)
