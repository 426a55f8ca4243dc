"""Where the pages of a KPI table break, decided here rather than by the renderer.

With a fixed print scale (the one that fits the table to the page width) and the row heights we
set, the pages are known in advance. A manual break goes at the start of every page: Excel and
LibreOffice both honour manual breaks at a fixed scale (they ignore them with "fit to"), and as
each page is filled to a little less than it holds, neither renderer breaks earlier on its own.
Knowing the pages, the KPI sheet repeats the source on a page that continues a source block.
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


def page_capacity(scale: int) -> float:
    """Points of rows (at 100%) a page holds at ``scale`` percent, a little kept spare."""
    return printable()[1] * SAFETY / (scale / 100)


def paginate(
    heights: dict[int, float],
    first_row: int,
    last_row: int,
    repeated: float,
    units: list[dict[int, int]],
    scale: int,
) -> list[int]:
    """The rows that start a page after the first, for body rows ``first_row`` … ``last_row``.

    ``repeated``: the points of the rows printed at the top of every page (print titles).
    ``units``: maps from a row to the last row of a unit starting there, in order of preference
    (a source block, then one KPI's rows): the first unit that fits on a page is kept together.
    A row taller than a page (never made: rows are cut to fit) gets a page of its own.
    """

    def height(row: int) -> float:
        return heights.get(row, DEFAULT_ROW)

    room = page_capacity(scale) - repeated
    breaks: list[int] = []
    used = 0.0
    row = first_row
    while row <= last_row:
        last = row
        for unit in units:
            end = unit.get(row)
            if end is not None and sum(height(r) for r in range(row, end + 1)) <= room:
                last = end
                break
        need = sum(height(r) for r in range(row, last + 1))
        if used and used + need > room:
            breaks.append(row)
            used = 0.0
        used += need
        row = last + 1
    return breaks
