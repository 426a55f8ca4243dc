"""Shared formulas: a formula filled down (or across) is saved once, on the range's first cell (its
master: ``<f t="shared" ref="C2:C5001" si="0">A2+B2</f>``); every other cell holds only the index
(``<f t="shared" si="0"/>``) and shows the master moved by its offset, as Excel moves a copied formula.

The master is split once into fixed text and references, as openpyxl's ``Tokenizer`` splits it;
each dependent then only shifts the relative rows and columns of those references. The result is
openpyxl's ``Translator``'s (one Translator per cell re-parsed the master every time: 70% of reading
a book Excel filled down), except where Excel says otherwise and openpyxl is wrong (tests/corpus/README.md):

- a sheet-qualified name keeps its sheet (``Rates!Vat``; openpyxl drops ``Rates!``);
- whitespace is kept as written (openpyxl keeps one character of each run, and moves a line break
  before the operand it follows);
- a reference moved off the sheet becomes ``#REF!``, as in Excel (openpyxl raises, or goes past the
  last row), and XFE1 (past the last column) is a name, which never moves.
"""

from __future__ import annotations

from functools import lru_cache

from ..a1 import column_letters
from ..formulas import CELL, COL_RANGE, MAX_COL, MAX_ROW, OPERAND, ROW_RANGE, column_number, tokens

_ROW, _COL = 0, 1


class _Reference:
    """One reference operand as fixed text and relative rows (_ROW, n) and columns (_COL, n)."""

    __slots__ = ("items", "sheet")

    def __init__(self, sheet: str, items: list[str | tuple[int, int]]) -> None:
        self.sheet = sheet
        self.items = items

    def moved(self, rows: int, cols: int) -> str:
        out = [self.sheet]
        for item in self.items:
            if isinstance(item, str):
                out.append(item)
            elif item[0] == _ROW:
                row = item[1] + rows
                if not 1 <= row <= MAX_ROW:
                    return self.sheet + "#REF!"
                out.append(str(row))
            else:
                col = item[1] + cols
                if not 1 <= col <= MAX_COL:
                    return self.sheet + "#REF!"
                out.append(_letters(col))
        return "".join(out)


@lru_cache(maxsize=512)
def _letters(col: int) -> str:
    return column_letters(col)


def _row_items(dollar: str, row: str) -> list[str | tuple[int, int]]:
    return [dollar + row] if dollar else [(_ROW, int(row))]


def _col_items(dollar: str, letters: str) -> list[str | tuple[int, int]]:
    return [dollar + letters] if dollar else [(_COL, column_number(letters))]


def _reference(text: str) -> _Reference | str:
    """An operand that may be a reference: as openpyxl's ``Translator.translate_range`` reads it."""
    sheet, bang, where = text.rpartition("!")
    sheet += bang
    items = _range_items(where)
    if items is None or all(isinstance(item, str) for item in items):
        return text  # a name, a structured reference, an absolute reference: never moves
    return _Reference(sheet, items)


def _range_items(where: str) -> list[str | tuple[int, int]] | None:
    if match := ROW_RANGE.fullmatch(where):
        return [*_row_items(match[1], match[2]), ":", *_row_items(match[3], match[4])]
    if match := COL_RANGE.fullmatch(where):
        return [*_col_items(match[1], match[2]), ":", *_col_items(match[3], match[4])]
    if ":" in where:  # A1:B5, and names or chains (name:C2, A1:B2:C3)
        items: list[str | tuple[int, int]] = []
        for index, piece in enumerate(where.split(":")):
            items += [":"] if index else []
            items += _cell_items(piece) or [piece]
        return items
    return _cell_items(where)


def _cell_items(piece: str) -> list[str | tuple[int, int]] | None:
    """A cell's column and row; None for a name (XFE1 is past Excel's last column: a name there)."""
    match = CELL.fullmatch(piece)
    if match is None or column_number(match[2]) > MAX_COL or int(match[4]) > MAX_ROW:
        return None
    return [*_col_items(match[1], match[2]), *_row_items(match[3], match[4])]


class SharedFormula:
    """A shared formula's master, split once; ``at(row, col)`` is the formula a cell of its range shows."""

    __slots__ = ("col", "pieces", "row")

    def __init__(self, text: str, row: int, col: int) -> None:
        self.row, self.col = row, col
        self.pieces = _split(text)

    def at(self, row: int, col: int) -> str:
        rows, cols = row - self.row, col - self.col
        return "=" + "".join(p if isinstance(p, str) else p.moved(rows, cols) for p in self.pieces)


def _split(text: str) -> list[str | _Reference]:
    """The formula (without "=") as fixed text and reference operands (``formulas.tokens``)."""
    pieces = [_reference(t) if k == OPERAND and t.upper() not in ("TRUE", "FALSE") else t for k, t in tokens(text)]
    return _joined(pieces)


def _joined(pieces: list[str | _Reference]) -> list[str | _Reference]:
    """Neighbouring fixed texts as one."""
    joined: list[str | _Reference] = []
    for piece in pieces:
        if isinstance(piece, str) and joined and isinstance(joined[-1], str):
            joined[-1] += piece
        else:
            joined.append(piece)
    return joined


class SharedFormulas:
    """The shared formulas of one sheet, by their index, as its cells are read in order."""

    def __init__(self) -> None:
        self.masters: dict[str, SharedFormula] = {}

    def formula(self, text: str, attrs: dict[str, str], row: int, col: int, needed: bool) -> str | None:
        """A cell's formula ("=…"), from its ``<f>`` text and attributes; a shared formula's dependent
        gets its master's, moved to it (only when ``needed``: the master is always remembered)."""
        kind = attrs.get("t")
        if kind == "shared" and (index := attrs.get("si")) is not None:
            if text:
                self.masters[index] = SharedFormula(text, row, col)
                return "=" + text
            master = self.masters.get(index)
            return master.at(row, col) if master is not None and needed else None
        if kind == "dataTable":
            return None  # a what-if table's cells hold plain results
        return "=" + text if text else None
