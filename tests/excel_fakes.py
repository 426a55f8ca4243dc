"""Stand-ins for the few xlwings objects the UDFs and buttons touch, so they run without Excel.

``table_ranges`` gives each table of a workbook file as an xlwings Range over it would: sheet name,
absolute address, values (numbers as floats, as Excel hands them over) and number formats.
``FakeBook`` records what a button writes, and ``SaveCopyAs`` copies a real file.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace


def _as_excel(value):
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return float(value)  # Excel has no integers


class FakeTableRange:
    """An xlwings Range over a whole table (header row included)."""

    def __init__(self, sheet_name: str, ref: str, values: list[list], formats: list[list[str]]) -> None:
        self.sheet = SimpleNamespace(name=sheet_name)
        first, last = ref.split(":")
        self.address = "$" + "$".join(_split(first)) + ":$" + "$".join(_split(last))
        self._values, self._formats = values, formats
        self.com_calls = 0

    def options(self, ndim=None):
        assert ndim == 2
        return self

    @property
    def value(self):
        self.com_calls += 1
        return [[_as_excel(v) for v in row] for row in self._values]

    def __getitem__(self, key):
        row, col = key
        self.com_calls += 1
        return SimpleNamespace(number_format=self._formats[row][col])


def _split(cell: str) -> tuple[str, str]:
    letters = cell.rstrip("0123456789")
    return letters, cell[len(letters) :]


def table_ranges(path) -> dict[str, FakeTableRange]:
    """Every table of a workbook file, by name, as FakeTableRange (cached values of formulas)."""
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    ranges = {}
    for sheet in book.worksheets:
        for table in sheet.tables.values():
            rows = sheet[table.ref]
            values = [[cell.value for cell in row] for row in rows]
            formats = [[cell.number_format for cell in row] for row in rows]
            ranges[table.name] = FakeTableRange(sheet.title, table.ref, values, formats)
    return ranges


# --- a live book for the buttons ---------------------------------------------------------------------


class FakeCells:
    def __init__(self, sheet: FakeSheet, address: str) -> None:
        self.sheet, self.address = sheet, address

    @property
    def value(self):
        return self.sheet.written.get(self.address)

    @value.setter
    def value(self, value) -> None:
        self.sheet.written[self.address] = value
        self.sheet.log.append(("value", self.address))

    def clear_contents(self) -> None:
        self.sheet.cleared.append(self.address)
        self.sheet.log.append(("clear", self.address))


class FakeSheet:
    def __init__(self, name: str) -> None:
        self.name = name
        self.written: dict[str, object] = {}
        self.cleared: list[str] = []
        self.log: list[tuple[str, str]] = []
        self.activated = False

    def range(self, address: str) -> FakeCells:
        return FakeCells(self, address)

    def activate(self) -> None:
        self.activated = True


class FakeSheets:
    def __init__(self, names) -> None:
        self._sheets = [FakeSheet(n) for n in names]

    def __iter__(self):
        return iter(self._sheets)

    def __len__(self) -> int:
        return len(self._sheets)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._sheets[key]
        return next(s for s in self._sheets if s.name == key)

    def add(self, name: str, after=None) -> FakeSheet:
        sheet = FakeSheet(name)
        index = self._sheets.index(after) + 1 if after is not None else 0
        self._sheets.insert(index, sheet)
        return sheet


class FakeReportBook:
    def __init__(self, path: str, app: FakeApp) -> None:
        self.fullname, self.app, self.closed, self.pdfs = path, app, False, []

    def to_pdf(self, path, show=False) -> str:
        Path(path).write_bytes(b"%PDF-1.4\n% written by the fake Excel\n")
        self.pdfs.append((str(path), show))
        return str(path)

    def close(self) -> None:
        self.closed = True
        if self in self.app.books.open_books:
            self.app.books.open_books.remove(self)


class FakeBooks:
    def __init__(self, app: FakeApp) -> None:
        self.app, self.open_books, self.opened = app, [], []

    def __iter__(self):
        return iter(list(self.open_books))

    def open(self, path: str) -> FakeReportBook:
        assert Path(path).is_file(), path
        book = FakeReportBook(path, self.app)
        self.open_books.append(book)
        self.opened.append(path)
        return book


class FakeApp:
    def __init__(self) -> None:
        self.alerts: list[tuple[str, str, str | None]] = []
        self.books = FakeBooks(self)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append((prompt, title, mode))
        return "ok"


class FakeApi:
    def __init__(self, book: FakeBook) -> None:
        self.book, self.copies = book, []

    def SaveCopyAs(self, path: str) -> None:  # Excel's Workbook.SaveCopyAs
        shutil.copyfile(self.book.saved_state, path)
        self.copies.append(path)


class FakeBook:
    """The live workbook: ``saved_state`` is the file Excel would write for it now."""

    def __init__(self, fullname: Path, saved_state: Path, sheet_names) -> None:
        self.fullname = str(fullname)
        self.name = Path(fullname).name
        self.saved_state = saved_state
        self.sheets = FakeSheets(sheet_names)
        self.app = FakeApp()
        self.api = FakeApi(self)
        self.app.books.open_books.append(self)

    def close(self) -> None:  # pragma: no cover - the live book is never closed by a button
        raise AssertionError("a button closed the user's book")


FIXED_NOW = datetime(2020, 10, 5, 9, 30)
