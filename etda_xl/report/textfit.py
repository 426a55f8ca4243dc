"""Row heights that fit wrapped Thai text, because LibreOffice does not auto-fit rows on load.

Widths are TH Sarabun New's advance widths (per 1000 em), taken from TLWG Laksaman — which is
TH Sarabun New scaled by 1/0.66 (its own name table says "based on TH Sarabun New") — times 0.66.
Thai above/below vowels and tone marks take no width. Thai has no spaces between words; LibreOffice
and Excel break it with a dictionary, so the estimate breaks long runs anywhere and adds a margin:
a row may come out a little tall, never cut off.
"""

from __future__ import annotations

import math

# Laksaman Regular advance widths (1000 units per em) for Thai U+0E01–U+0E5B, in code point order;
# 0 = a combining mark, drawn over or under the previous letter.
_THAI = (
    "580 568 574 591 591 613 442 552 567 568 574 780 780 639 639 515 693 800 816 588 588 568 646 503 631 643 "
    "643 573 573 672 672 639 601 564 484 568 573 639 503 591 658 573 642 682 582 559 588 536 0 475 475 0 0 0 0 "
    "0 0 0 600 600 600 600 618 305 567 356 364 367 308 600 0 0 0 0 0 0 0 0 676 675 675 675 675 675 675 675 675 "
    "675 675 785 1048"
)
# Laksaman Regular advance widths for ASCII 32–126.
_ASCII = (
    "324 221 312 606 543 879 636 180 285 285 428 618 243 324 243 406 544 544 544 544 544 544 544 544 544 544 "
    "243 243 618 618 618 425 806 601 568 610 648 527 527 639 663 221 397 565 530 824 663 731 568 732 570 529 "
    "570 700 586 884 628 550 637 294 394 294 619 529 306 517 603 497 603 562 309 467 586 215 233 475 300 904 "
    "586 598 603 603 326 424 357 586 512 762 478 506 482 312 230 312 625"
)
_WIDTHS: dict[str, int] = {chr(0x0E01 + i): int(w) for i, w in enumerate(_THAI.split())}
_WIDTHS.update({chr(32 + i): int(w) for i, w in enumerate(_ASCII.split())})
_DEFAULT_WIDTH = 620  # anything else (≥, “, …): a wide-ish letter
SARABUN_SCALE = 0.66  # Laksaman units → TH Sarabun New units
BOLD_FACTOR = 1.05
SAFETY = 1.03  # widths are measured to about 2%
BREAK_WASTE = 1.12  # dictionary line breaks inside a long Thai run waste part of each line

#: Height of one line of TH Sarabun New text in Excel, per point of font size (ascent + descent).
LINE_HEIGHT = 1.32
ROW_PADDING = 4.0  # points above and below the text


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in TH Sarabun New at ``size`` points."""
    units = sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text)
    return units / 1000 * SARABUN_SCALE * size * (BOLD_FACTOR if bold else 1.0)


def column_points(width_chars: float) -> float:
    """The text width of a column ``width_chars`` wide (Excel character units), cell padding removed."""
    pixels = int(width_chars * 7 + 0.5) + 5
    return pixels * 0.75 - 4


def line_count(text: str, width_chars: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped in a column (or merged range) that wide."""
    available = max(column_points(width_chars), 10.0)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += _paragraph_lines(paragraph, available, size, bold)
    return max(lines, 1)


def _paragraph_lines(paragraph: str, available: float, size: float, bold: bool) -> int:
    """Greedy wrapping at spaces; a run wider than the line (Thai words are not separated by
    spaces) starts where the line has room and breaks anywhere, wasting a little of each line."""
    space = text_width(" ", size, bold)
    lines, used = 1, 0.0
    for word in paragraph.split(" "):
        width = text_width(word, size, bold) * SAFETY
        start = used + space if used else 0.0
        if start + width <= available:
            used = start + width
        elif width <= available:
            lines, used = lines + 1, width
        else:
            total = start + width * BREAK_WASTE
            extra = math.ceil(total / available) - 1
            lines, used = lines + extra, total - extra * available
    return lines


def row_height(lines: int, size: float, line_height: float = LINE_HEIGHT) -> float:
    return round(lines * size * line_height + ROW_PADDING, 1)


class RowFit:
    """Collects the height each row needs; ``apply`` sets them on a worksheet."""

    def __init__(self, line_height: float = LINE_HEIGHT) -> None:
        self.line_height = line_height
        self.heights: dict[int, float] = {}

    def need(self, row: int, text: str, width_chars: float, size: float, bold: bool = False, rows: int = 1) -> None:
        """``text`` in a cell ``width_chars`` wide; a cell merged over ``rows`` rows shares the height."""
        height = row_height(line_count(text, width_chars, size, bold), size, self.line_height) / rows
        for r in range(row, row + rows):
            self.at_least(r, height)

    def at_least(self, row: int, height: float) -> None:
        self.heights[row] = max(self.heights.get(row, 0.0), height)

    def apply(self, worksheet) -> None:
        for row, height in sorted(self.heights.items()):
            worksheet.set_row(row, min(height, 409))  # Excel's maximum row height
