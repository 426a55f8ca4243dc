"""A table's cells as read, before any parsing: the one structure both input paths produce.

The file path (``package.read_raw_tables``: the package's own XML, tables only) and the live path
(``workbook.read_tables``: values handed over by Excel through ``ETDA_CHECKS``) both build these;
everything after (headers, schema parsing, checks) is shared.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import CellRef

#: No input table is longer; a bigger one is a paste accident (refused with a message).
MAX_TABLE_ROWS = 20_000
#: Excel's own limit on a cell's text.
MAX_TEXT = 32_767


@dataclass(slots=True)
class RawCell:
    """One cell: what it shows, and how it got there."""

    where: CellRef
    #: The typed value, or for a formula the value cached at the last save (None when never
    #: calculated). Numbers are int/float, text str, booleans bool, dates datetime (by the cell's
    #: number format), error values their text ("#NAME?", "#VALUE!", "Err:507" …).
    value: Any
    #: The formula ("=…") when the cell holds one, else None.
    formula: str | None
    number_format: str
    #: The cell lies inside a merged range but is not its top-left cell: it holds nothing of its
    #: own; ``value`` is the anchor's, as the user sees it.
    merged: bool = False


@dataclass(slots=True)
class RawTable:
    """A table's cells, header row first, wherever they came from."""

    sheet: str
    first_row: int  # 1-based row of the header
    first_col: int  # 1-based column
    cells: list[list[RawCell]]
    #: Cells typed just below or right of the table (a row added without growing the table): never
    #: read, only said (INPUT_OUTSIDE_TABLE). Where they are; their values are not kept.
    outside: list[RawCell] = field(default_factory=list)
    name: str = ""  # as the book names it (the reader's keys are case-folded)
