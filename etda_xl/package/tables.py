"""Table parts: each table's name and range, and which of them the reader reads.

A table is read only when it is asked for (the schema's, from ``workbook.read_workbook``); only such a
table is refused for what would make its cells wrong to read: its header row turned off, more rows
than any input table has, a range that is no range. Any other table is passed over: an officer's
helper list, a pivot's source, a table of another tool.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..a1 import parse_a1
from ..errors import InputError
from ..rawtable import MAX_TABLE_ROWS
from .parts import Parts


@dataclass(slots=True)
class TablePart:
    """What a table part says, not yet checked."""

    part: str
    sheet: str
    name: str
    ref: str
    header_rows: str
    totals_rows: str

    @classmethod
    def read(cls, parts: Parts, part: str, sheet: str) -> TablePart:
        """A table part's attributes (damaged or missing: InputError, since it may be one asked for)."""
        root = parts.xml(part, sheet)
        name = root.get("displayName") or root.get("name") or ""
        return cls(part, sheet, name, root.get("ref", ""), root.get("headerRowCount", "1"),
                   root.get("totalsRowCount", "0"))  # fmt: skip


@dataclass(slots=True)
class TableRange:
    """A table's data range (header row first, totals row(s) left out) on its sheet."""

    name: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int
    below: int = 0  # the row just under the whole table (totals row included): typed there, not read

    def __post_init__(self) -> None:
        self.below = self.below or self.last_row + 1

    def is_edge(self, row: int, col: int) -> bool:
        """The cell lies just below the table or just right of it: outside, where a row or column typed
        without growing the table lands."""
        below = row == self.below and self.first_col <= col <= self.last_col
        return below or (col == self.last_col + 1 and self.first_row <= row <= self.last_row)


def table_range(table: TablePart) -> TableRange:
    """The rows and columns to read, or InputError (as the table asked for) when they cannot be read.

    Raises ValueError for a range or count that is no number (a damaged part).
    """
    first, _, last = table.ref.partition(":")
    first_row, first_col = parse_a1(first)
    last_row, last_col = parse_a1(last or first)
    headers, totals = int(table.header_rows), int(table.totals_rows)
    if headers < 1:
        raise InputError(
            f"ตาราง {table.name} ไม่ได้แสดงแถวหัวตาราง — เปิด 'แถวส่วนหัว' (Header Row) ในแท็บออกแบบตาราง",
            f"table {table.name} has its header row turned off; turn on 'Header Row' in the Table Design tab",
            sheet=table.sheet,
            cell=table.ref,
        )
    last_row -= totals
    if last_row - first_row > MAX_TABLE_ROWS:
        raise InputError(
            f"ตาราง {table.name} มีเกิน {MAX_TABLE_ROWS:,} แถว",
            f"table {table.name} has more than {MAX_TABLE_ROWS:,} rows",
            sheet=table.sheet,
            cell=table.ref,
        )
    return TableRange(table.name, first_row, first_col, last_row, last_col, last_row + totals + 1)


def ranges_to_read(
    parts: Parts, tables: list[TablePart], wanted: frozenset[str] | None
) -> dict[str, TableRange | None]:
    """Case-folded name → the range to read, or None for a table passed over.

    ``wanted``: the case-folded names asked for, each read or refused; None: every table that can
    be read, the rest passed over.
    """
    found: dict[str, TableRange | None] = {}
    for table in tables:
        key = table.name.casefold()
        if wanted is not None and key not in wanted:
            found[key] = None
            continue
        try:
            with parts.reading(table.part, table.sheet):
                found[key] = table_range(table)
        except InputError:
            if wanted is not None:
                raise
            found[key] = None
    return found
