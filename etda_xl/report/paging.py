"""Page breaks that keep a KPI table's merged source block on one page.

A merged cell prints its text once, on the page where it starts: a block of KPIs split over two
pages would leave the second page's rows without their source. With a fixed print scale (the
one that fits the table to the page width) and the row heights we set, the pages are known in
advance, so a manual break goes before any block that would not fit on the current page. Excel
and LibreOffice both honour manual breaks at a fixed scale (they ignore them with "fit to").
"""

from __future__ import annotations

import math

PAPER = (841.89, 595.28)  # A4 landscape, points
MARGINS = {"left": 0.5, "right": 0.5, "top": 0.85, "bottom": 0.75}  # inches, as styles.page_setup sets
DEFAULT_ROW = 15.0  # points: rows without a height of their own
SAFETY = 0.96  # leave a little of each page unused: renderers differ by a point here and there


def printable() -> tuple[float, float]:
    width = PAPER[0] - (MARGINS["left"] + MARGINS["right"]) * 72
    height = PAPER[1] - (MARGINS["top"] + MARGINS["bottom"]) * 72
    return width, height


def table_width(widths: tuple[float, ...]) -> float:
    """Points: Excel draws a column w characters wide as int(7w + 0.5) + 5 pixels."""
    return sum((int(w * 7 + 0.5) + 5) * 0.75 for w in widths)


def fit_width_scale(widths: tuple[float, ...]) -> int:
    """The print scale (percent) at which the columns fit the page width, a little to spare."""
    return max(10, min(100, math.floor(printable()[0] / table_width(widths) * 100) - 2))


def page_breaks(
    heights: dict[int, float],
    last_row: int,
    repeat: tuple[int, int],
    blocks: list[tuple[int, int]],
    scale: int,
) -> list[int]:
    """Zero-based rows to start a new page at, so that no block (first, last row) is split when it
    fits on a page. Rows 0 … ``last_row``; ``repeat`` rows print at the top of every page. Only
    blocks of several rows get a manual break; single rows break where the renderer puts them."""

    def height(row: int) -> float:
        return heights.get(row, DEFAULT_ROW)

    page = printable()[1] * SAFETY / (scale / 100)
    repeated = sum(height(r) for r in range(repeat[0], repeat[1] + 1))
    starts = {first: last for first, last in blocks}
    breaks: list[int] = []
    used = 0.0
    row = 0
    while row <= last_row:
        last = starts.get(row, row)
        need = sum(height(r) for r in range(row, last + 1))
        if used + need > page and used > repeated and need <= page - repeated:
            if last > row:  # a single row moves to the next page by itself: no manual break
                breaks.append(row)
            used = repeated
        used += need
        if used > page:  # a block taller than a page flows on: count what spills over
            used = repeated + (used - page) % max(page - repeated, 1.0)
        row = last + 1
    return breaks
