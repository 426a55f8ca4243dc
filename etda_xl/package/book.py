"""The workbook part and its relationships: the sheets, their tables and the date system; and the
reading of the book's tables, part by part."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError
from ..rawtable import RawTable
from .cells import CellReader
from .parts import Parts, first_target, local, rel_id
from .safety import check_workbook_file
from .sheet import Sheet, SheetReader
from .strings import read_shared_strings, resolve_shared
from .styles import Styles
from .tables import TablePart, ranges_to_read


def read_book(path: str | Path, tables: Iterable[str] | None = None) -> dict[str, RawTable | None]:
    """``package.read_raw_tables``: see there."""
    path = Path(path)
    check_workbook_file(path)
    wanted = None if tables is None else frozenset(name.casefold() for name in tables)
    try:
        with zipfile.ZipFile(path) as archive:
            return _Book(Parts(path.name, archive), wanted).read_tables()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"ไฟล์ {path.name} เสียหาย: {exc}", f"{path.name} is damaged: {exc}") from None


class _Book:
    def __init__(self, parts: Parts, wanted: frozenset[str] | None) -> None:
        self.parts = parts
        self.wanted = wanted

    def read_tables(self) -> dict[str, RawTable | None]:
        parts = self.parts
        workbook_part = self.workbook_part()
        workbook = parts.xml(workbook_part)
        rels = parts.relationships(workbook_part)
        sheets, found = self.sheets(workbook_part, workbook, rels)
        if not sheets:
            return found
        reader = CellReader(self.styles(first_target(rels, "styles")), date1904=_date1904(workbook))
        read: dict[str, RawTable] = {}
        for sheet in sheets:
            with parts.reading(sheet.part, sheet.name):
                read.update(SheetReader(parts, sheet, reader).read())
        if reader.shared_needed:
            strings = read_shared_strings(parts, first_target(rels, "sharedStrings"), reader.shared_needed)
            for table in read.values():
                resolve_shared(table, strings)
        return {**found, **read}

    def workbook_part(self) -> str:
        for kind, target in self.parts.relationships("").values():
            if kind == "officeDocument":
                return target
        return "xl/workbook.xml"

    def sheets(
        self, workbook_part: str, workbook, rels: dict[str, tuple[str, str]]
    ) -> tuple[list[Sheet], dict[str, RawTable | None]]:
        """The worksheets holding a table to read, with those tables; and every table's name → None
        (the tables read get their cells later)."""
        with self.parts.reading(workbook_part):
            entries = [e for part in workbook if local(part.tag) == "sheets" for e in part if local(e.tag) == "sheet"]
            named = [(entry.get("name", ""), rels.get(rel_id(entry), ("", ""))) for entry in entries]
        sheets: list[Sheet] = []
        found: dict[str, RawTable | None] = {}
        for name, (kind, part) in named:
            if kind != "worksheet":
                continue  # a chart sheet, or a sheet with no part: no tables there
            targets = self.parts.relationships(part).values()
            tables = [TablePart.read(self.parts, target, name) for rel, target in targets if rel == "table"]
            ranges = ranges_to_read(self.parts, tables, self.wanted)
            found.update(dict.fromkeys(ranges))
            to_read = [table for table in ranges.values() if table is not None]
            if to_read:
                sheets.append(Sheet(name, part, to_read))
        return sheets, found

    def styles(self, part: str | None) -> Styles:
        if part is None or not self.parts.has(part):
            return Styles.plain()
        root = self.parts.xml(part)
        with self.parts.reading(part):
            return Styles.of(root)


def _date1904(workbook) -> bool:
    for element in workbook:
        if local(element.tag) == "workbookPr":
            return element.get("date1904", "0").strip().lower() in ("1", "true")
    return False
