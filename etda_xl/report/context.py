"""What every sheet writer needs: the workbook, formats, figures, language, header and footer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..output import FORMULA_STARTS
from . import labels
from .figures import Figures
from .styles import DRAFT_FONT, MARK_FILL, MARK_FONT, FontProfile, Styles, escape_hf, header_left, page_setup
from .textfit import RowFit, max_lines, split_to_fit

SHEET_NAME_MAX = 31  # Excel's limit, in UTF-16 code units
_ILLEGAL_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEET_NAMES = {"history"}  # Excel keeps "History" for its change tracking


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` UTF-16 units, never leaving a letter without its vowel or tone mark."""
    cut = text
    while _utf16_len(cut) > limit:
        cut = cut[:-1]
    while cut and len(cut) < len(text) and unicodedata.category(text[len(cut)]) == "Mn":
        cut = cut[:-1]
    return cut


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """``name`` made a legal, unique Excel sheet name: ``[ ] : * ? / \\`` become "-", control
    characters and leading/trailing apostrophes go, at most 31 characters, and a " ~2", " ~3" …
    suffix when the name (ignoring case, as Excel does) is taken or reserved."""
    clean = _ILLEGAL_IN_SHEET_NAME.sub("-", name)
    clean = "".join(ch for ch in clean if unicodedata.category(ch) != "Cc").strip().strip("'").strip()
    clean = _cut(clean or "-", SHEET_NAME_MAX).rstrip("'")
    used = {t.casefold() for t in taken} | _RESERVED_SHEET_NAMES
    unique, n = clean, 2
    while unique.casefold() in used:
        suffix = f" ~{n}"
        unique, n = _cut(clean, SHEET_NAME_MAX - len(suffix)).rstrip("'") + suffix, n + 1
    return unique


@dataclass
class Context:
    workbook: Any
    styles: Styles
    figures: Figures
    lang: str
    #: sheet key → sheet name, filled as sheets are added (charts refer to the summary's cells).
    names: dict[str, str] = field(default_factory=dict)
    #: sheet key → {what: (first row, last row, column)} ranges that charts read.
    anchors: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=dict)

    @property
    def profile(self) -> FontProfile:
        return self.styles.profile

    def t(self, key: str, **params: Any) -> str:
        return labels.text(self.lang, key, **params)

    def sheet_name(self, key: str, **params: Any) -> str:
        return labels.sheet_name(self.lang, key, **params)

    def period(self) -> str:
        settings = self.figures.settings
        return self.t("period", year=settings.fiscal_year or "-", quarter=settings.quarter or "-")

    def add_sheet(self, key: str, name: str, widths=(), repeat: tuple[int, int] | None = None, fit: bool = True):
        """A new worksheet with its column ``widths``, the report's page setup, a legal unique name
        and header/footer."""
        unique = safe_sheet_name(name, {ws.name for ws in self.workbook.worksheets()})
        worksheet = self.workbook.add_worksheet(unique)
        for col, width in enumerate(widths):
            worksheet.set_column(col, col, width)
        self.names.setdefault(key, unique)
        settings = self.figures.settings
        # right: the period, and under it the draft marker (red, bold): never over the left part
        right = [self.period()]
        if self.figures.draft:
            right.append(self.t("draft_header", errors=self.figures.errors))
        left = header_left(settings.agency, labels.REPORT_TITLE[self.lang], right)
        marker = f'&"-,Bold"&K{DRAFT_FONT.lstrip("#")}'
        header = {
            "L": escape_hf(left),
            "R": "\n".join([escape_hf(right[0]), *(marker + escape_hf(r) for r in right[1:])]),
        }
        footer = {
            "L": escape_hf(
                self.t("footer_left", as_of=self.figures.as_of_text, source=self.figures.report.source_name)
            ),
            "R": self.t("page"),
        }
        page_setup(worksheet, self.profile, header, footer, repeat, fit)
        return worksheet

    # --- cell writers: values, never formulas --------------------------------------------------

    def paragraph(
        self, ws, row: int, last_col: int, text: str, fmt, fit: RowFit, width: float, size: float, bold: bool = False
    ) -> int:
        """``text`` merged across columns 0…``last_col`` (``width`` characters), on as many rows as
        it needs, each within Excel's 409 pt; returns the next free row."""
        for piece in split_to_fit(text, width, size, max_lines(size), bold):
            self.merge_text(ws, row, 0, row, last_col, piece, fmt)
            fit.need(row, piece, width, size, bold)
            row += 1
        return row

    def marked(self, fmt_props: dict[str, Any], is_marked: bool) -> dict[str, Any]:
        if is_marked:
            return {**fmt_props, "bg_color": MARK_FILL, "font_color": MARK_FONT}
        return fmt_props

    def write_text(self, worksheet, row: int, col: int, value: str, fmt) -> None:
        """User text lands as text: "=HYPERLINK(…)" is shown, not run, and keeps a quote prefix so
        that editing the cell in Excel does not turn it into a formula either."""
        if value:
            text = str(value)
            worksheet.write_string(row, col, text, self.styles.quoted(fmt) if text[:1] in FORMULA_STARTS else fmt)
        else:
            worksheet.write_blank(row, col, None, fmt)

    @staticmethod
    def write_decimal(worksheet, row: int, col: int, value: Decimal | int | None, fmt) -> None:
        if value is None:
            worksheet.write_blank(row, col, None, fmt)
        else:
            worksheet.write_number(row, col, float(value), fmt)

    def merge_text(
        self, worksheet, first_row: int, first_col: int, last_row: int, last_col: int, value: str, fmt
    ) -> None:
        if first_row == last_row and first_col == last_col:
            self.write_text(worksheet, first_row, first_col, value, fmt)
            return
        worksheet.merge_range(first_row, first_col, last_row, last_col, "", fmt)
        if value:
            self.write_text(worksheet, first_row, first_col, value, fmt)
