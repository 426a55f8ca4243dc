"""One worksheet part, streamed once by expat callbacks (no element per cell), up to the last row its
tables need; then its merged ranges, found by scanning the bytes after the rows.

Only the tables' cells are read into values; a cell beside them is kept as written, in case a
merged range shows it in a table, and never read otherwise: what lies outside the tables cannot
make the book unreadable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import IO

from ..a1 import parse_a1, to_a1
from ..model import CellRef
from ..rawtable import RawCell, RawTable
from .cells import CellReader
from .formulas import SharedFormulas
from .parts import Parts, safe_expat
from .styles import GENERAL
from .tables import TableRange

#: Bytes of a sheet read at a time, by the parser and when looking for merged ranges after the rows.
SCAN_CHUNK = 64 * 1024
_MERGE_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']+)[\"']")


@dataclass(slots=True)
class Sheet:
    """A worksheet with the tables to read on it."""

    name: str
    part: str
    tables: list[TableRange] = field(default_factory=list)


class _Tap:
    """A part's stream that remembers the last chunks it handed to the parser.

    When the parse stops early, the merged ranges (written after the rows) are in those chunks or in
    the bytes not read yet; they are found by scanning bytes, without building the XML tree.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.recent: tuple[bytes, bytes] = (b"", b"")

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        if data:
            self.recent = (self.recent[1], data)
        return data

    def merge_refs(self) -> set[str]:
        refs: set[str] = set()
        chunk = b"".join(self.recent)
        tail = b""
        while chunk:
            buffer = tail + chunk
            refs.update(m.group(1).decode("ascii", "replace") for m in _MERGE_CELL.finditer(buffer))
            tail = buffer[-256:]  # a mergeCell element cut between two chunks is whole in the next buffer
            chunk = self.stream.read(SCAN_CHUNK)
        return refs


class _StopRows(Exception):
    """Raised from a parser callback: the rows the tables need are read."""


class _RowHandler:
    """Parser callbacks over a sheet's ``<sheetData>``: collects each ``<c>``'s type, style, value
    text, formula and inline text, and hands the finished cell to the sheet reader."""

    def __init__(self, sheet: SheetReader) -> None:
        self.sheet = sheet
        self.row = 0
        self.attrs: dict[str, str] = {}
        self.value: str | None = None
        self.formula: str | None = None
        self.formula_attrs: dict[str, str] = {}
        self.texts: list[str] | None = None  # collecting character data
        self.inline: list[str] | None = None  # inside <is>
        self.phonetic = False  # inside <rPh>: a reading aid, not the cell's text

    def start(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition(" ")[2]
        if local == "c":
            self.attrs, self.value, self.formula, self.inline = attrs, None, None, None
        elif local in ("v", "f") or (local == "t" and self.inline is not None and not self.phonetic):
            self.texts = []
            if local == "f":
                self.formula_attrs = attrs
        elif local == "row":
            r = attrs.get("r")
            self.row = int(r) if r else self.row + 1
            self.sheet.start_row(self.row)
        elif local == "is":
            self.inline = []
        elif local == "rPh":
            self.phonetic = True

    def text(self, data: str) -> None:
        if self.texts is not None:
            self.texts.append(data)

    def end(self, name: str) -> None:
        local = name.rpartition(" ")[2]
        if local in ("v", "f", "t") and self.texts is not None:
            text = "".join(self.texts)
            self.texts = None
            if local == "v":
                self.value = text
            elif local == "f":
                self.formula = text
            elif self.inline is not None:
                self.inline.append(text)
        elif local == "c":
            inline = "".join(self.inline) if self.inline is not None else None
            self.sheet.cell(self.row, self.attrs, self.value, self.formula, self.formula_attrs, inline)
        elif local == "rPh":
            self.phonetic = False
        elif local == "sheetData":
            raise _StopRows


class SheetReader:
    """Reads one sheet's tables: their cells' values, formulas and formats, merged cells as shown."""

    def __init__(self, parts: Parts, sheet: Sheet, cells: CellReader) -> None:
        self.parts = parts
        self.sheet = sheet
        self.reader = cells
        self.tables = sheet.tables
        self.last_row = max(t.below for t in self.tables)  # the row under each table is looked at too
        # A merged cell in a table shows its top-left cell, which may lie above or left of the table:
        # every cell up to the tables' last row and column is kept (beside the tables: as written).
        self.last_col = max(t.last_col for t in self.tables)
        self.cells: dict[tuple[int, int], RawCell] = {}
        self.outside: dict[str, list[RawCell]] = {}  # table → what is typed just below or right of it
        self.beside: dict[tuple[int, int], tuple[str, str, str | None]] = {}  # (type, text, style) as written
        self.formulas = SharedFormulas()
        self.columns: dict[str, int] = {}
        self.col = 0
        self.row_text = ""
        self.row_spans: list[tuple[int, int]] = []  # the tables' columns on this row

    def read(self) -> dict[str, RawTable]:
        with self.parts.open(self.sheet.part, self.sheet.name) as stream:
            tap = _Tap(stream)
            self._rows(tap)
            merges = tap.merge_refs()
        self._merge(merges)
        return {table.name.casefold(): self._table(table) for table in self.tables}

    def _rows(self, tap: _Tap) -> None:
        parser = safe_expat()
        handler = _RowHandler(self)
        parser.StartElementHandler = handler.start
        parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = handler.text
        try:
            while chunk := tap.read(SCAN_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _StopRows:
            pass

    def start_row(self, row: int) -> None:
        if row > self.last_row:
            raise _StopRows
        self.col, self.row_text = 0, str(row)
        self.row_spans = [(t.first_col, t.last_col) for t in self.tables if t.first_row <= row <= t.last_row]

    def cell(self, row: int, attrs: dict[str, str], value: str | None, formula_text: str | None,
             formula_attrs: dict[str, str], inline: str | None) -> None:  # fmt: skip
        ref = attrs.get("r")
        if ref:
            letters = ref.rstrip("0123456789")
            self.col = col = self._column(letters)
            coordinate = letters + self.row_text
        else:
            self.col = col = self.col + 1
            coordinate = to_a1(row, col)
        inside = any(first <= col <= last for first, last in self.row_spans)
        formula = None
        if formula_text is not None:  # a shared formula's master is remembered wherever it is
            formula = self.formulas.formula(formula_text, formula_attrs, row, col, needed=inside)
        kind = attrs.get("t", "n")
        text = inline if kind == "inlineStr" else value
        if inside:
            style = int(attrs.get("s") or 0)
            shown = self.reader.value(kind, text, style)
            where = CellRef(self.sheet.name, coordinate)
            self.cells[row, col] = RawCell(where, shown, formula, self.reader.number_format(style))
            return
        if text or formula_text:
            self._edge(row, col, coordinate, formula_text)
        if text and col <= self.last_col:
            self.beside[row, col] = (kind, text, attrs.get("s"))

    def _edge(self, row: int, col: int, coordinate: str, formula: str | None) -> None:
        """Remember a cell typed just outside a table (its value is never read: only where it is)."""
        for table in self.tables:
            if table.is_edge(row, col):
                cell = RawCell(CellRef(self.sheet.name, coordinate), None, formula, GENERAL)
                self.outside.setdefault(table.name.casefold(), []).append(cell)

    def _column(self, letters: str) -> int:
        col = self.columns.get(letters)
        if col is None:
            col = self.columns[letters] = parse_a1(letters + "1")[1]
        return col

    def _merge(self, refs: set[str]) -> None:
        """Cells merged into another show its value, as the user sees it (only where a table is)."""
        for ref in refs:
            first, _, last = ref.partition(":")
            if not last:
                continue
            top, left = parse_a1(first)
            bottom, right = parse_a1(last)
            shown = [
                (row, col)
                for table in self.tables
                for row in range(max(top, table.first_row), min(bottom, table.last_row) + 1)
                for col in range(max(left, table.first_col), min(right, table.last_col) + 1)
                if (row, col) != (top, left)
            ]
            anchor = self._anchor(top, left) if shown else None
            for row, col in shown:
                self.cells[row, col] = self._merged(row, col, anchor)

    def _anchor(self, row: int, col: int) -> RawCell | None:
        """A merged range's top-left cell: read already when in a table, read now when beside one."""
        found = self.cells.get((row, col))
        if found is None and (row, col) in self.beside:
            kind, text, style_text = self.beside[row, col]
            style = int(style_text or 0)
            where = CellRef(self.sheet.name, to_a1(row, col))
            found = RawCell(where, self.reader.value(kind, text, style), None, self.reader.number_format(style))
        return found

    def _merged(self, row: int, col: int, anchor: RawCell | None) -> RawCell:
        where = CellRef(self.sheet.name, to_a1(row, col))
        if anchor is None:
            return RawCell(where, None, None, GENERAL, merged=True)
        return RawCell(where, anchor.value, None, anchor.number_format, merged=True)

    def _table(self, table: TableRange) -> RawTable:
        rows = []
        for row in range(table.first_row, table.last_row + 1):
            rows.append([self._at(row, col) for col in range(table.first_col, table.last_col + 1)])
        return RawTable(self.sheet.name, table.first_row, table.first_col, rows,
                        self.outside.get(table.name.casefold(), []), table.name)  # fmt: skip

    def _at(self, row: int, col: int) -> RawCell:
        found = self.cells.get((row, col))
        return found if found is not None else RawCell(CellRef(self.sheet.name, to_a1(row, col)), None, None, GENERAL)
