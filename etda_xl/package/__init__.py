"""The package reader: an .xlsx/.xlsm's Excel tables straight from the package's XML, in one streaming pass.

Only what the tables need is read: the workbook's sheet list and relationships, each table's part,
the styles (for number formats), and each sheet that holds a table to read, streamed up to the
last row a table needs. A sheet without such a table is never opened, so a large raw-data sheet
beside the tables costs nothing; shared strings are read only as far as the highest index a table
cell uses. One module per part of the file, as XlsxWriter writes them:

- ``safety``: the zip's sizes, ratios and DTDs, checked before any parser sees a byte;
- ``parts``: the archive's parts, bounded defused parsing, relationships, "damaged" errors;
- ``book``: workbook.xml (sheets, date system), and the reading of the book part by part;
- ``tables``: table parts, and which are read (or refused) and which passed over;
- ``styles``: each cell style's number format, date or duration;
- ``strings``: shared strings, rich text, ``_xHHHH_`` escapes;
- ``sheet``: one worksheet streamed, its merged ranges;
- ``cells``: a cell's value by its type and format; ``dates``: serial and ISO 8601 dates;
- ``formulas``: shared formulas moved to each cell of their range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the package itself imports nothing: ``dates`` serves the core (thai) on its own
    from collections.abc import Iterable
    from pathlib import Path

    from ..rawtable import RawTable


def read_raw_tables(path: str | Path, tables: Iterable[str] | None = None) -> dict[str, RawTable | None]:
    """The book's Excel tables by case-folded name: the cells of each table read, header row first;
    None for a table passed over.

    ``tables``: the names to read (case-insensitive): each is read, or refused (header row turned
    off, more than ``rawtable.MAX_TABLE_ROWS`` rows, no range); every other table is passed over,
    and its sheet never opened. None reads every table that can be read.

    Raises InputError for a file that is unsafe or damaged, or a table asked for that cannot be read.
    """
    from .book import read_book  # deferred: see above

    return read_book(path, tables)


__all__ = ["read_raw_tables"]
