"""A cell's value as Excel shows it, from its type (``t``), its value text and its style's number format."""

from __future__ import annotations

from typing import Any

from .dates import from_iso, from_serial
from .strings import SharedString, cut, unescape
from .styles import DURATION, Styles


class CellReader:
    """Turns a cell's type, value text and style into a value and a number format; remembers which
    shared strings the cells it read use."""

    def __init__(self, styles: Styles, date1904: bool) -> None:
        self.styles = styles
        self.date1904 = date1904
        self.shared_needed: set[int] = set()

    def value(self, kind: str, text: str | None, style: int) -> Any:
        """The value as Excel shows it, by the cell's type and, for numbers, its number format.

        Raises ValueError for a number or string index that is none (a damaged sheet). A ``t="d"``
        text that is no date, time or duration is handed on as text: the column's parser reports
        it at its cell (INPUT_BAD_DATE, INPUT_NOT_NUMBER), as it would a date typed as text.
        """
        if not text:
            return None
        if kind == "n":
            number = float(text) if ("." in text or "e" in text or "E" in text) else int(text)
            return self.date(number, style)
        if kind == "s":
            index = int(text)
            self.shared_needed.add(index)
            return SharedString(index)
        if kind in ("str", "inlineStr"):
            return cut(unescape(text))
        if kind == "b":
            return text.strip().lower() in ("1", "true")
        if kind == "d":
            found = from_iso(text)
            return cut(text) if found is None else found
        return text  # "e": the error's text, "#NAME?"

    def date(self, number: int | float, style: int) -> Any:
        kind = self.styles.kind(style)
        if kind is None:
            return number
        try:
            return from_serial(number, self.date1904, duration=kind == DURATION)
        except (OverflowError, ValueError):
            return number  # not a date Excel can show (it shows ####): keep the number

    def number_format(self, style: int) -> str:
        return self.styles.number_format(style)
