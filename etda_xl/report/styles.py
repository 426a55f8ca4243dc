"""Formats and page setup shared by every sheet of the report.

One font family everywhere: TH Sarabun New, the Thai government's document font, at the sizes a
government document uses (16 pt body, 18–20 pt headings, 14 pt notes). The ``FontProfile``
lets the PDF copy name a metric-compatible substitute (TLWG Laksaman at 0.66× the size) where TH
Sarabun New is not installed; row heights and column widths stay the same, so the pages do too.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from .. import rules
from ..rules import STATUS_COLOURS
from .paging import MARGINS, printable
from .textfit import text_width

FONT = "TH Sarabun New"

SIZE_TITLE = 20
SIZE_HEADING = 18
SIZE_BODY = 16
SIZE_NOTE = 14

MAX_HEADER = 255  # characters Excel allows in a page header or footer, codes included
HEADER_GAP = 18.0  # points kept clear between the left, centre and right parts of a header
AMOUNT_FORMAT = rules.amount_format(pad="_ ")
HEADER_FILL = "#DDEBF7"
TOTAL_FILL = "#F2F2F2"
MARK_FILL = "#FFC7CE"  # Excel's "bad" style: a figure that depends on a cell with an error
MARK_FONT = "#9C0006"
DRAFT_FONT = "#C00000"
MET_FILL = "#E2EFDA"
NOT_MET_FILL = "#FFC7CE"


#: TH Sarabun New's digits are 0.359 em wide: at 14.62 pt a digit is 5.25 pt = 7 px, the width of
#: a Calibri 11 digit, which is the unit of Excel's column widths.
DIGIT_MATCHING_SIZE = 14.62


@dataclass(frozen=True)
class FontProfile:
    """The font family written into the file and the factor applied to every size.

    ``set_default_font``: make the workbook's default (Normal) font this family at the size whose
    digits are 7 px wide. Column widths are counted in default-font digits; Excel's default is
    Calibri 11 (7 px), but LibreOffice without Calibri or Carlito measures DejaVu Sans instead
    and draws every column a third wider. The PDF copy sets it, so LibreOffice prints the columns
    exactly as Excel does; the .xlsx keeps Excel's own default.
    """

    name: str = FONT
    scale: float = 1.0
    set_default_font: bool = False
    #: Line spacing of wrapped text per point of (TH Sarabun New) font size. Excel spaces lines by
    #: the font's Windows ascent + descent (1.29 em); LibreOffice by its typographic ascent +
    #: descent, 1.10 em for Laksaman (measured).
    line_height: float = 1.32

    def size(self, points: float) -> float:
        return round(points * self.scale, 1)

    def workbook_options(self) -> dict:
        if not self.set_default_font:
            return {}
        size = round(DIGIT_MATCHING_SIZE * self.scale, 2)
        return {"default_format_properties": {"font_name": self.name, "font_size": size}}


EXCEL_FONTS = FontProfile()


class Styles:
    """Formats made on demand and cached: ``styles.fmt(bold=True, border=1)``."""

    def __init__(self, workbook, profile: FontProfile = EXCEL_FONTS) -> None:
        self.workbook = workbook
        self.profile = profile
        self._cache: dict[tuple, Any] = {}
        self._made: dict[int, tuple[float, dict[str, Any]]] = {}  # format → how it was made

    def fmt(self, size: float = SIZE_BODY, **props: Any):
        key = (size, *sorted(props.items()))
        if key not in self._cache:
            base = {"font_name": self.profile.name, "font_size": self.profile.size(size), "valign": "top"}
            self._cache[key] = self.workbook.add_format({**base, **props})
            self._made[id(self._cache[key])] = (size, props)
        return self._cache[key]

    def quoted(self, format_):
        """The same format with Excel's quote prefix: text that looks like a formula ("=…", "+…",
        "-…", "@…") stays text even when someone edits the cell (F2, Enter)."""
        made = self._made.get(id(format_))
        if made is None:
            return format_
        size, props = made
        return self.fmt(size, **{**props, "quote_prefix": True})

    # the common ones
    def title(self):
        return self.fmt(SIZE_TITLE, bold=True)

    def heading(self, **props):
        return self.fmt(SIZE_HEADING, bold=True, text_wrap=True, **props)

    def text(self, size: float = SIZE_BODY, **props):
        return self.fmt(size, text_wrap=True, **props)

    def header_cell(self, **props):
        return self.fmt(
            SIZE_BODY, bold=True, text_wrap=True, align="center", valign="vcenter", border=1, bg_color=HEADER_FILL,
            **props,
        )  # fmt: skip

    def status(self, status):
        return self.fmt(SIZE_BODY, border=1, align="center", valign="vcenter", bg_color=STATUS_COLOURS[status],
                        bold=True)  # fmt: skip

    def draft_banner(self):
        return self.fmt(SIZE_BODY, bold=True, text_wrap=True, font_color=DRAFT_FONT, bg_color=MARK_FILL, border=1)


def header_left(agency: str, title: str, right: list[str]) -> str:
    """The header's left part — agency and report title — kept clear of the right part (the
    period, and the draft marker under it): on one line when it fits, else agency and title on
    a line each, each shortened with "…" if still too wide. Headers print at SIZE_NOTE, unscaled."""
    room = printable()[0] - max((text_width(line, SIZE_NOTE, bold=True) for line in right), default=0) - HEADER_GAP
    one = f"{agency} {title}".strip()
    if text_width(one, SIZE_NOTE, bold=True) <= room:
        return one
    return "\n".join(shorten(line, room) for line in (agency, title) if line)


def shorten(text: str, room: float, size: float = SIZE_NOTE, bold: bool = True) -> str:
    """``text`` cut with "…" to at most ``room`` points wide (never between a letter and its marks)."""
    if text_width(text, size, bold) <= room:
        return text
    cut = text
    while cut and text_width(cut.rstrip() + "…", size, bold) > room:
        cut = cut[:-1]
    while cut and len(cut) < len(text) and unicodedata.category(text[len(cut)]) == "Mn":
        cut = cut[:-1]
    return cut.rstrip() + "…"


def escape_hf(text: str) -> str:
    """User text inside a page header or footer: ``&`` starts a code there, so it is doubled."""
    return text.replace("&", "&&")


def page_setup(
    worksheet, profile: FontProfile, header: dict[str, str], footer: dict[str, str], repeat=None, fit: bool = True
) -> None:
    """A4 landscape, one page wide, margins, print titles, header and footer, no gridlines.

    ``header``/``footer`` map "L", "C", "R" to text already escaped; ``repeat`` is (first, last)
    zero-based rows to print on every page.
    """
    worksheet.set_paper(9)  # A4
    worksheet.set_landscape()
    if fit:
        worksheet.fit_to_pages(1, 0)
    worksheet.set_margins(**MARGINS)
    worksheet.center_horizontally()
    worksheet.hide_gridlines(2)
    if repeat is not None:
        worksheet.repeat_rows(*repeat)
    # headers at one size on every sheet, whatever its print scale
    worksheet.set_header(_hf(header, profile, bold_left=True), {"margin": 0.3, "scale_with_doc": False})
    worksheet.set_footer(_hf(footer, profile), {"margin": 0.3, "scale_with_doc": False})


def _hf(parts: dict[str, str], profile: FontProfile, bold_left: bool = False) -> str:
    """Excel's header/footer codes; at most 255 characters (Excel's limit), the left part cut if need be."""
    size = max(int(profile.size(SIZE_NOTE) + 0.5), 6)  # header font sizes are whole points

    def build(texts: dict[str, str]) -> str:
        out = []
        for side in ("L", "C", "R"):
            text = texts.get(side)
            if text:
                style = "Bold" if (bold_left and side == "L") or side == "C" else "Regular"
                font = f'&"{profile.name},{style}"&{size}'
                first, *more = text.split("\n")
                # not "&14" + "2"; a further line in the regular style unless it sets its own
                lines = [f" {first}" if first[:1].isdigit() else first]
                lines += [line if line.startswith('&"') else '&"-,Regular"' + line for line in more]
                out.append(f"&{side}{font}" + "\n".join(lines))
        return "".join(out)

    result = build(parts)
    over = len(result) - MAX_HEADER
    if over > 0 and parts.get("L"):  # the left part's longest line (the agency) gives way
        lines = parts["L"].split("\n")
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        line = lines[longest][: max(len(lines[longest]) - over - 1, 0)]
        if (len(line) - len(line.rstrip("&"))) % 2:  # never leave half of an escaped "&&"
            line = line[:-1]
        while line and unicodedata.category(lines[longest][len(line)]) == "Mn":  # nor a loose mark
            line = line[:-1]
        lines[longest] = line.rstrip() + "…"
        result = build({**parts, "L": "\n".join(lines)})
    return result
