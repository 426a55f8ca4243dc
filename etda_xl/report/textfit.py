"""Row heights that fit wrapped Thai text, because LibreOffice does not auto-fit rows on load.

Widths are TH Sarabun New's advance widths (per 1000 em), taken from TLWG Laksaman — which is
TH Sarabun New scaled by 1/0.66 (its own name table says "based on TH Sarabun New") — times 0.66.
Thai above/below vowels and tone marks take no width. Thai has no spaces between words; LibreOffice
and Excel break it with a dictionary, so the estimate breaks long runs anywhere and adds a margin:
a row may come out a little tall, never cut off.

A row is at most 409 pt (Excel's limit), so a text longer than that is cut into pieces
(``split_to_fit``) that the sheets print on continuation rows: nothing is ever clipped.
"""

from __future__ import annotations

import functools
import math
import re

# Laksaman Regular advance widths (1000 units per em) for Thai U+0E01–U+0E5B, in code point order;
# 0 = a combining mark, drawn over or under the previous letter.
_THAI_WIDTHS = (
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
_WIDTHS: dict[str, int] = {chr(0x0E01 + i): int(w) for i, w in enumerate(_THAI_WIDTHS.split())}
_WIDTHS.update({chr(32 + i): int(w) for i, w in enumerate(_ASCII.split())})
_DEFAULT_WIDTH = 620  # anything else (≥, “, …): a wide-ish letter
SARABUN_SCALE = 0.66  # Laksaman units → TH Sarabun New units
BOLD_FACTOR = 1.05
SAFETY = 1.03  # widths are measured to about 2%
BREAK_WASTE = 1.12  # a long non-Thai run (a URL) breaks where the renderer can, wasting part of each line
#: em lost at the end of each line of a Thai run broken between dictionary words (a part-word
#: that does not fit). Checked against LibreOffice's wrapping of every text of the circulated
#: report in columns 30–100 characters wide: never fewer lines than it draws, 3–12% more (the
#: earlier estimate: 6–12% more, and fewer in narrow columns). Mixed runs glued without spaces
#: ("…ค่าเป้าหมาย4.705(e-Document…") are harder to predict: such a cell may still come out a line
#: short, as before.
THAI_BREAK_WASTE = 1.5
_THAI = re.compile("[\u0e01-\u0e5b]")
_NO_BREAK_BEFORE = set("/)]},.;:!?%")
_SCRIPT_RUNS = re.compile("[\u0e01-\u0e5b]+|[^\u0e01-\u0e5b]+")  # Thai and other text, alternating

#: Height of one line of TH Sarabun New text in Excel, per point of font size (ascent + descent).
LINE_HEIGHT = 1.32
ROW_PADDING = 4.0  # points above and below the text
MAX_ROW_HEIGHT = 409.0  # Excel's maximum row height, points
PIXEL = 0.75  # Excel draws rows in whole pixels (0.75 pt at 96 dpi)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` set in TH Sarabun New at ``size`` points."""
    return _units(text) / 1000 * SARABUN_SCALE * size * (BOLD_FACTOR if bold else 1.0)


@functools.lru_cache(maxsize=8192)
def _units(text: str) -> int:
    """The font's advance widths of ``text`` added up (the same words are measured again and again)."""
    return sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text)


def column_points(width_chars: float) -> float:
    """The text width of a column ``width_chars`` wide (Excel character units), cell padding removed."""
    pixels = int(width_chars * 7 + 0.5) + 5
    return pixels * 0.75 - 4


@functools.lru_cache(maxsize=4096)
def line_count(text: str, width_chars: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when wrapped in a column (or merged range) that wide."""
    available = max(column_points(width_chars), 10.0)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += _paragraph_lines(paragraph, available, size, bold)
    return max(lines, 1)


def _paragraph_lines(paragraph: str, available: float, size: float, bold: bool) -> int:
    """Greedy wrapping, as LibreOffice and Excel do it (Unicode line breaking with a Thai
    dictionary): a line breaks at a space, or between two Thai words. A Thai run that does not fit
    where the line has room fills it and goes on, each line losing up to a word at its end. Other
    text (digits, Latin, punctuation) breaks at spaces only, and sticks to the Thai word it touches;
    a piece longer than a whole line breaks anywhere."""
    space = text_width(" ", size, bold)
    waste = min(THAI_BREAK_WASTE * size, available / 3)
    lines, used = 1, 0.0
    for word in _words(paragraph):
        used = used + space if used else 0.0
        for piece in _SCRIPT_RUNS.findall(word):
            width = text_width(piece, size, bold) * SAFETY
            if used + width <= available:
                used += width
            elif _THAI.match(piece):
                if used > available - waste:  # no room left on this line for a word
                    lines, used = lines + 1, 0.0
                line = available - waste
                extra = math.ceil((used + width) / line) - 1
                lines, used = lines + extra, used + width - extra * line
            elif width + waste <= available:  # to the next line, with the Thai word it touches
                lines, used = lines + 1, width + (waste if piece is not word else 0.0)
            else:
                total = used + width * BREAK_WASTE
                extra = math.ceil(total / available) - 1
                lines, used = lines + extra, total - extra * available
    return lines


def _words(paragraph: str) -> list[str]:
    """The paragraph's words; one starting with closing punctuation ("/ ", ") ", "%") stays with
    the word before it, as there is no line break before such a character."""
    words: list[str] = []
    for word in paragraph.split(" "):
        if words and word[:1] in _NO_BREAK_BEFORE:
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def row_height(lines: int, size: float, line_height: float = LINE_HEIGHT) -> float:
    return round(lines * size * line_height + ROW_PADDING, 1)


def max_lines(size: float, height: float = MAX_ROW_HEIGHT, line_height: float = LINE_HEIGHT) -> int:
    """How many lines of ``size`` points a row ``height`` points tall holds."""
    return max(1, int((height - ROW_PADDING) // (size * line_height)))


# a letter with its Thai vowels and tone marks (or Latin accents): never separated
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0300-\u036f"
_CLUSTER = re.compile(f"[^{_MARKS}][{_MARKS}]*|.", re.S)
# words with the spaces and line break after them: "".join(tokens) is the text
_TOKEN = re.compile(r"[^ \n]+ *\n?| +\n?|\n")


def split_to_fit(text: str, width_chars: float, size: float, lines: int, bold: bool = False) -> list[str]:
    """``text`` cut, in order, into pieces that wrap into at most ``lines`` lines each in a column
    ``width_chars`` wide: at line breaks or spaces where it can, inside a run longer than a piece
    (Thai words are not separated by spaces) between letters. Only the whitespace at a cut goes."""
    text = str(text)
    if line_count(text, width_chars, size, bold) <= lines:
        return [text]
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        word = token.rstrip(" \n")
        if word and line_count(word, width_chars, size, bold) > lines:
            tokens += _CLUSTER.findall(word)
            tokens.append(token[len(word) :])
        else:
            tokens.append(token)

    pieces = _pieces(tokens, width_chars, size, lines, bold)
    if len(pieces) > 1:  # as many pieces, of about equal length: no page with a stray last line
        target = math.ceil(line_count(text, width_chars, size, bold) / len(pieces))
        for even in range(target, lines):
            balanced = _pieces(tokens, width_chars, size, even, bold)
            if len(balanced) == len(pieces):
                return balanced
    return pieces


def _pieces(tokens: list[str], width_chars: float, size: float, lines: int, bold: bool) -> list[str]:
    """Greedy: each piece the longest run of tokens that wraps into at most ``lines`` lines."""

    def fits(first: int, end: int) -> bool:
        return line_count("".join(tokens[first:end]).strip(" \n"), width_chars, size, bold) <= lines

    pieces: list[str] = []
    first = 0
    while first < len(tokens):
        low, high = first + 1, len(tokens)  # one token always fits: the longest prefix that does
        while low < high:
            middle = (low + high + 1) // 2
            if fits(first, middle):
                low = middle
            else:
                high = middle - 1
        piece = "".join(tokens[first:low]).strip(" \n")
        if piece:
            pieces.append(piece)
        first = low
    return pieces or [""]


def snapped(height: float) -> float:
    """``height`` rounded up to whole pixels, as Excel draws it."""
    return math.ceil(round(height / PIXEL, 6)) * PIXEL


class RowFit:
    """Collects the height each row needs; ``apply`` sets them on a worksheet."""

    def __init__(self, line_height: float = LINE_HEIGHT) -> None:
        self.line_height = line_height
        self.heights: dict[int, float] = {}

    def need(self, row: int, text: str, width_chars: float, size: float, bold: bool = False, rows: int = 1) -> None:
        """``text`` in a cell ``width_chars`` wide; a cell merged over ``rows`` rows shares the height."""
        height = self.height(text, width_chars, size, bold) / rows
        for r in range(row, row + rows):
            self.at_least(r, height)

    def height(self, text: str, width_chars: float, size: float, bold: bool = False) -> float:
        return row_height(line_count(text, width_chars, size, bold), size, self.line_height)

    def at_least(self, row: int, height: float) -> None:
        self.heights[row] = max(self.heights.get(row, 0.0), height)

    def final(self) -> dict[int, float]:
        """The heights as set and printed: whole pixels, at most Excel's maximum."""
        return {row: min(snapped(height), MAX_ROW_HEIGHT) for row, height in self.heights.items()}

    def apply(self, worksheet) -> None:
        for row, height in sorted(self.final().items()):
            worksheet.set_row(row, height)
