"""Stand-ins for the few xlwings objects the UDFs and buttons touch, so they run without Excel.

``table_ranges`` gives each table of a workbook file as an xlwings Range over it would: sheet name,
absolute address, values as COM hands them over (numbers as floats, a formula showing "" as None,
errors as None unless ``err_to_str``), ``formula`` (a 2-D tuple: the formula of a formula cell, the
contents of a typed one) and ``number_format`` (one format, or None when the cells differ), with
``rng[row, col]`` slicing to sub-ranges. Every property read counts as one COM call.
``FakeBook`` records what a button writes, and ``SaveCopyAs`` copies a real file.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace


class ExcelError(str):
    """A cell showing an error (#NAME?): COM hands it over as an error code, xlwings as None or text."""


def _as_excel(value, err_to_str: bool):
    if isinstance(value, ExcelError):
        return str(value) if err_to_str else None
    if value == "":
        return None  # xlwings reads an empty string (a formula showing "") as None
    if isinstance(value, bool) or not isinstance(value, int):
        return value
    return float(value)  # Excel has no integers


def _contents(value) -> str:
    """What ``Range.Formula`` gives for a typed cell: its contents as text ("" when empty)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return str((value - datetime(1899, 12, 30)).days) if isinstance(value, datetime) else value.isoformat()
    return str(value)


class FakeTableRange:
    """An xlwings Range over cells of a sheet (a whole table, header row included, or part of one)."""

    def __init__(self, sheet_name: str, ref: str, values, formats, formulas=None, rows=None, cols=None, calls=None):
        # xlwings' conversion asks the range for its engine: rng.sheet.book.app.engine
        self.sheet = SimpleNamespace(name=sheet_name, book=SimpleNamespace(app=SimpleNamespace(engine=None)))
        first, last = ref.split(":") if ":" in ref else (ref, ref)
        self.address = "$" + "$".join(_split(first)) + ":$" + "$".join(_split(last))
        self._ref = ref
        self._values, self._formats = values, formats
        self._formulas = formulas or [[None] * len(row) for row in values]
        self._rows = rows if rows is not None else range(len(values))
        self._cols = cols if cols is not None else range(len(values[0]) if values else 0)
        self._calls = calls if calls is not None else [0]
        self._err_to_str = False

    @property
    def com_calls(self) -> int:
        return self._calls[0]

    def options(self, ndim=None, err_to_str=False):
        assert ndim == 2
        view = FakeTableRange(self.sheet.name, self._ref, self._values, self._formats, self._formulas,
                              self._rows, self._cols, self._calls)  # fmt: skip
        view._err_to_str = err_to_str
        return view

    def _cells(self, grid):
        return [[grid[r][c] for c in self._cols] for r in self._rows]

    @property
    def value(self):
        self._calls[0] += 1
        return [[_as_excel(v, self._err_to_str) for v in row] for row in self._cells(self._values)]

    @property
    def formula(self):
        self._calls[0] += 1
        return tuple(
            tuple(f if f is not None else _contents(v) for f, v in zip(frow, vrow, strict=True))
            for frow, vrow in zip(self._cells(self._formulas), self._cells(self._values), strict=True)
        )

    @property
    def number_format(self):
        self._calls[0] += 1
        found = {f for row in self._cells(self._formats) for f in row}
        return found.pop() if len(found) == 1 else None

    def __getitem__(self, key):
        row, col = key
        rows, cols = _pick(self._rows, row), _pick(self._cols, col)
        return FakeTableRange(self.sheet.name, self._ref, self._values, self._formats, self._formulas,
                              rows, cols, self._calls)  # fmt: skip


def _pick(indices: range, key) -> range:
    if isinstance(key, slice):
        return indices[key]
    return indices[key : key + 1]


def _split(cell: str) -> tuple[str, str]:
    letters = cell.rstrip("0123456789")
    return letters, cell[len(letters) :]


def table_ranges(path) -> dict[str, FakeTableRange]:
    """Every table of a workbook file, by name, as FakeTableRange: cached values and formulas."""
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values_book = load_workbook(path, data_only=True)
        formulas_book = load_workbook(path)
    ranges = {}
    for sheet in formulas_book.worksheets:
        cached = values_book[sheet.title]
        for table in sheet.tables.values():
            rows = cached[table.ref]
            values = [[ExcelError(c.value) if c.data_type == "e" else c.value for c in row] for row in rows]
            formats = [[_number_format(sheet, cell) for cell in row] for row in rows]
            formulas = [
                [c.value if isinstance(c.value, str) and c.data_type == "f" else None for c in row]
                for row in sheet[table.ref]
            ]
            ranges[table.name] = FakeTableRange(sheet.title, table.ref, values, formats, formulas)
    return ranges


def _number_format(sheet, cell) -> str:
    """A cell's format as Excel reports it: an unwritten cell takes its column's format."""
    if cell.has_style:
        return cell.number_format
    for dimension in sheet.column_dimensions.values():
        if dimension.min and dimension.min <= cell.column <= dimension.max and dimension.has_style:
            return dimension.number_format
    return "General"


TABLE_ORDER = ("tblSettings", "tblProjects", "tblBudget", "tblKPI", "tblFootnotes", "tblObstacles")


def in_order(ranges: dict[str, FakeTableRange]) -> list[FakeTableRange]:
    """The ranges in the order ETDA_CHECKS takes them."""
    return [ranges[name] for name in TABLE_ORDER]


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
        self.api = SimpleNamespace(Saved=True)  # Workbook.Saved: False once someone types into it

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


class FakeName:
    def __init__(self, refers_to: str) -> None:
        self.refers_to = refers_to


class FakeNames:
    """``book.names``: name → refers_to; ``add`` replaces a name, as Excel's Names.Add does."""

    def __init__(self, names: dict[str, str]) -> None:
        self.defined = dict(names)
        self.added: list[tuple[str, str]] = []

    def __getitem__(self, name: str) -> FakeName:
        return FakeName(self.defined[name])  # KeyError when missing

    def add(self, name: str, refers_to: str) -> FakeName:
        self.defined[name] = refers_to
        self.added.append((name, refers_to))
        return FakeName(refers_to)


class FakeBook:
    """The live workbook: ``saved_state`` is the file Excel would write for it now.

    ``names`` defaults to the template's flag names; a book whose results sheet was deleted has them at
    #REF!, as Excel leaves them.
    """

    def __init__(self, fullname: Path, saved_state: Path, sheet_names, names: dict[str, str] | None = None) -> None:
        from etda_xl.template import sheets

        self.fullname = str(fullname)
        self.name = Path(fullname).name
        self.saved_state = saved_state
        self.sheets = FakeSheets(sheet_names)
        if names is None:
            names = sheets.flag_names()
            if sheets.RESULTS not in sheet_names:
                names = {n: "=#REF!" + r.split("!", 1)[1] for n, r in names.items()}
        self.names = FakeNames(names)
        self.app = FakeApp()
        self.api = FakeApi(self)
        self.app.books.open_books.append(self)

    def close(self) -> None:  # pragma: no cover - the live book is never closed by a button
        raise AssertionError("a button closed the user's book")


FIXED_NOW = datetime(2020, 10, 5, 9, 30)
