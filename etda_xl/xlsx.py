"""Reads the Excel tables of an .xlsx/.xlsm straight from the package's XML, in one streaming pass.

Only what the tables need is read: the workbook's sheet list and relationships, each table's part,
the styles (for number formats), and each sheet that holds a table, streamed by expat callbacks (no
element per cell) up to the last row a table needs. A sheet without a table is never opened, so a
large raw-data sheet beside the tables costs nothing. Shared strings are read only as far as the highest index a table
cell uses. Every part is parsed with defusedxml's refusals (no DTD, no entities); a damaged or missing part
raises ``InputError`` naming the file and the part.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring, iterparse

from . import numfmt
from .a1 import parse_a1, to_a1
from .errors import InputError
from .model import CellRef
from .rawtable import MAX_TABLE_ROWS, MAX_TEXT, RawCell, RawTable
from .safety import check_workbook_file

#: Parts parsed whole (workbook, relationships, tables, styles) are small; a bigger one is no workbook.
MAX_SMALL_PART = 32 * 1024 * 1024
#: Bytes of a sheet read at a time when looking for merged ranges after the rows the tables need.
SCAN_CHUNK = 64 * 1024
GENERAL = "General"

#: SpreadsheetML's namespace, transitional (what Excel and LibreOffice write) and strict.
_MAIN_NAMESPACES = (
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/spreadsheetml/main",
)


def _tags(local: str) -> frozenset[str]:
    """An element's names: in either namespace, or in none (not valid, but as good as read)."""
    return frozenset({local, *(f"{{{ns}}}{local}" for ns in _MAIN_NAMESPACES)})


_SI = _tags("si")
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
_MERGE_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']+)[\"']")
#: What a damaged part makes the parsers and converters raise (a missing attribute: TypeError from int(None)).
_DAMAGED = (
    ParseError, expat.ExpatError, ValueError, TypeError, KeyError, IndexError, zipfile.BadZipFile, zlib.error,
    EOFError, OSError,
)  # fmt: skip


def read_raw_tables(path: Path) -> dict[str, RawTable]:
    """Every Excel table of the book, by case-folded name: its cells, header row first.

    Raises InputError for a file that is unsafe, damaged, or holds a table too long to be input.
    """
    path = Path(path)
    check_workbook_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _Package(path.name, archive).read_tables()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"ไฟล์ {path.name} เสียหาย: {exc}", f"{path.name} is damaged: {exc}") from None


# --- the package: parts, relationships -----------------------------------------------------------


@dataclass(slots=True)
class _Table:
    """A table's data range (header row first, totals row(s) left out) on its sheet."""

    name: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int


@dataclass(slots=True)
class _Sheet:
    name: str
    part: str
    tables: list[_Table] = field(default_factory=list)


class _Package:
    def __init__(self, book: str, archive: zipfile.ZipFile) -> None:
        self.book = book
        self.archive = archive
        # OPC part names are case-insensitive; zip member names are not.
        self.members = {name.casefold(): name for name in archive.namelist()}

    # --- errors -------------------------------------------------------------------------------

    def damaged(self, part: str, detail: Any, sheet: str = "") -> InputError:
        return InputError(
            f"ไฟล์ {self.book} เสียหาย: อ่านส่วน {part} ไม่ได้ ({detail})",
            f"{self.book} is damaged: its part {part} cannot be read ({detail})",
            sheet=sheet,
        )

    def unsafe(self, part: str) -> InputError:
        return InputError(
            f"ไฟล์ {self.book} มี XML ที่ไม่ปลอดภัย (DTD/entity ใน {part}) จึงไม่เปิดอ่าน",
            f"{self.book} contains unsafe XML (a DTD/entity in {part}); refusing to read it",
        )

    @contextmanager
    def reading(self, part: str, sheet: str = "") -> Iterator[None]:
        """Turns whatever a damaged part raises into an InputError naming the part."""
        try:
            yield
        except DefusedXmlException:  # before ValueError, which it is
            raise self.unsafe(part) from None
        except _DAMAGED as exc:
            raise self.damaged(part, exc or type(exc).__name__, sheet) from None

    # --- parts --------------------------------------------------------------------------------

    def has(self, part: str) -> bool:
        return part.casefold() in self.members

    def open(self, part: str, sheet: str = ""):
        member = self.members.get(part.casefold())
        if member is None:
            raise InputError(
                f"ไฟล์ {self.book} เสียหาย: ไม่มีส่วน {part}",
                f"{self.book} is damaged: its part {part} is missing",
                sheet=sheet,
            )
        return self.archive.open(member)

    def xml(self, part: str, sheet: str = ""):
        """A small part's root element."""
        with self.reading(part, sheet), self.open(part, sheet) as stream:
            data = stream.read(MAX_SMALL_PART + 1)
            if len(data) > MAX_SMALL_PART:
                raise ValueError(f"larger than {MAX_SMALL_PART // 2**20} MB")
            return fromstring(data, forbid_dtd=True)

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type's last word, target part) of ``part``; {} when it has none."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels):
            return {}
        found: dict[str, tuple[str, str]] = {}
        with self.reading(rels):
            for rel in self.xml(rels):
                if _local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
                    continue
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                found[rel.get("Id", "")] = (kind, _resolve(folder, rel.get("Target", "")))
        return found

    # --- the book -----------------------------------------------------------------------------

    def read_tables(self) -> dict[str, RawTable]:
        workbook_part = self.workbook_part()
        workbook = self.xml(workbook_part)
        rels = self.relationships(workbook_part)
        sheets = self.sheets(workbook_part, workbook, rels)
        if not sheets:
            return {}
        styles = self.styles(_first_target(rels, "styles"))
        reader = _CellReader(styles, date1904=_date1904(workbook))
        found: dict[str, RawTable] = {}
        for sheet in sheets:
            with self.reading(sheet.part, sheet.name):
                found.update(_SheetReader(self, sheet, reader).read())
        if reader.shared_needed:
            strings = self.shared_strings(_first_target(rels, "sharedStrings"), reader.shared_needed)
            for table in found.values():
                _resolve_shared(table, strings)
        return found

    def workbook_part(self) -> str:
        for kind, target in self.relationships("").values():
            if kind == "officeDocument":
                return target
        return "xl/workbook.xml"

    def sheets(self, workbook_part: str, workbook, rels: dict[str, tuple[str, str]]) -> list[_Sheet]:
        """The worksheets that hold at least one table, with their tables."""
        sheets = []
        with self.reading(workbook_part):
            entries = [e for part in workbook if _local(part.tag) == "sheets" for e in part if _local(e.tag) == "sheet"]
            for entry in entries:
                name = entry.get("name", "")
                kind, part = rels.get(_rel_id(entry), ("", ""))
                if kind != "worksheet":
                    continue  # a chart sheet, or a sheet with no part: no tables there
                sheet = _Sheet(name, part)
                for table_kind, table_part in self.relationships(part).values():
                    if table_kind == "table":
                        sheet.tables.append(self.table(table_part, name))
                if sheet.tables:
                    sheets.append(sheet)
        return sheets

    def table(self, part: str, sheet: str) -> _Table:
        root = self.xml(part, sheet)
        with self.reading(part, sheet):
            name = root.get("displayName") or root.get("name") or ""
            ref = root.get("ref", "")
            first, _, last = ref.partition(":")
            first_row, first_col = parse_a1(first)
            last_row, last_col = parse_a1(last or first)
            headers = int(root.get("headerRowCount", "1"))
            totals = int(root.get("totalsRowCount", "0"))
        if headers < 1:
            raise InputError(
                f"ตาราง {name} ไม่ได้แสดงแถวหัวตาราง — เปิด 'แถวส่วนหัว' (Header Row) ในแท็บออกแบบตาราง",
                f"table {name} has its header row turned off; turn on 'Header Row' in the Table Design tab",
                sheet=sheet,
                cell=ref,
            )
        last_row -= totals
        if last_row - first_row > MAX_TABLE_ROWS:
            raise InputError(
                f"ตาราง {name} มีเกิน {MAX_TABLE_ROWS:,} แถว",
                f"table {name} has more than {MAX_TABLE_ROWS:,} rows",
                sheet=sheet,
                cell=ref,
            )
        return _Table(name, first_row, first_col, last_row, last_col)

    def styles(self, part: str | None) -> _Styles:
        if part is None or not self.has(part):
            return _Styles.plain()
        root = self.xml(part)
        with self.reading(part):
            return _Styles.of(root)

    def shared_strings(self, part: str | None, needed: set[int]) -> dict[int, str]:
        """The shared strings at the ``needed`` indices, reading the part no further than the last one."""
        if part is None:
            part = "xl/sharedStrings.xml"
        last = max(needed)
        strings: dict[int, str] = {}
        index = -1
        with self.reading(part), self.open(part) as stream:
            for _event, element in iterparse(stream, forbid_dtd=True):
                if element.tag not in _SI:
                    continue
                index += 1
                if index in needed:
                    strings[index] = _text(element)
                element.clear()
                if index == last:
                    break
        if index < last:
            raise self.damaged(part, f"no string {last}")
        return strings


def _local(tag: Any) -> str:
    """An element's name without its namespace (transitional and strict OOXML alike)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _rel_id(element) -> str:
    """The r:id attribute, whatever the relationships namespace (transitional or strict)."""
    return next((value for key, value in element.attrib.items() if key.endswith("}id")), "")


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a part name: "../tables/table1.xml" from xl/worksheets → xl/tables/…"""
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(folder, target))


def _first_target(rels: dict[str, tuple[str, str]], kind: str) -> str | None:
    return next((target for k, target in rels.values() if k == kind), None)


def _date1904(workbook) -> bool:
    for element in workbook:
        if _local(element.tag) == "workbookPr":
            return element.get("date1904", "0").strip().lower() in ("1", "true")
    return False


def _text(element) -> str:
    """A string item's text: its plain text or its rich-text runs joined; phonetic runs (rPh) left out."""
    parts = []
    for child in element:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return _unescape("".join(parts))


def _unescape(text: str) -> str:
    """Excel writes characters XML cannot hold as _xHHHH_ (a CR as _x000D_, a literal "_x" as _x005F_x)."""
    if "_x" not in text:
        return text
    return _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1), 16)), text)


# --- styles: the number format of each cell style ---------------------------------------------------


@dataclass(slots=True)
class _Styles:
    formats: list[str]  # by cellXfs index
    kinds: list[str | None]  # numfmt.DATE, numfmt.DURATION or None, by cellXfs index

    @classmethod
    def plain(cls) -> _Styles:
        return cls([GENERAL], [None])

    @classmethod
    def of(cls, root) -> _Styles:
        custom: dict[int, str] = {}
        ids: list[int] = []
        for section in root:
            tag = _local(section.tag)
            if tag == "numFmts":
                for fmt in section:
                    custom[int(fmt.get("numFmtId"))] = fmt.get("formatCode", GENERAL)
            elif tag == "cellXfs":
                ids = [int(xf.get("numFmtId", "0")) for xf in section if _local(xf.tag) == "xf"]
        styles = cls([], [])
        for fmt_id in ids or [0]:
            code = numfmt.format_code(fmt_id, custom)
            styles.formats.append(code)
            styles.kinds.append(numfmt.format_kind(fmt_id, code, custom))
        return styles


# --- cells --------------------------------------------------------------------------------------------


class _Shared:
    """A shared-string cell's index, resolved once the sheets are read (see ``_Package.shared_strings``)."""

    __slots__ = ("index",)

    def __init__(self, index: int) -> None:
        self.index = index


class _CellReader:
    """Turns a cell's type, value text, formula and style into a value, a formula and a number format."""

    def __init__(self, styles: _Styles, date1904: bool) -> None:
        self.styles = styles
        self.date1904 = date1904
        self.shared_needed: set[int] = set()

    @staticmethod
    def formula(text: str, kind: str | None, index: str | None, coordinate: str, shared: dict[str, Any]) -> str | None:
        """The cell's formula ("=…"); a shared formula's dependent gets the master's, moved to it."""
        if kind == "shared" and index is not None:
            if text:
                shared[index] = ("=" + text, coordinate)
                return "=" + text
            master = shared.get(index)
            return _moved(master[0], master[1], coordinate) if master is not None else None
        if kind == "dataTable":
            return None  # a what-if table's cells hold plain results
        return "=" + text if text else None

    def value(self, kind: str, text: str | None, style: int) -> Any:
        """The value as Excel shows it, by the cell's type and, for numbers, its number format."""
        if not text:
            return None
        if kind == "n":
            number = float(text) if ("." in text or "e" in text or "E" in text) else int(text)
            return self.date(number, style)
        if kind == "s":
            index = int(text)
            self.shared_needed.add(index)
            return _Shared(index)
        if kind in ("str", "inlineStr"):
            return _cut(_unescape(text))
        if kind == "b":
            return text.strip().lower() in ("1", "true")
        if kind == "d":
            return datetime.fromisoformat(text.strip().removesuffix("Z"))
        return text  # "e": the error's text, "#NAME?"

    def date(self, number: int | float, style: int) -> Any:
        kinds = self.styles.kinds
        kind = kinds[style] if 0 <= style < len(kinds) else None
        if kind is None:
            return number
        try:
            return numfmt.from_serial(number, self.date1904, duration=kind == numfmt.DURATION)
        except (OverflowError, ValueError):
            return number  # not a date Excel can show (it shows ####): keep the number

    def number_format(self, style: int) -> str:
        formats = self.styles.formats
        return formats[style] if 0 <= style < len(formats) else GENERAL


def _moved(formula: str, origin: str, coordinate: str) -> str:
    """A shared formula as its dependent cell holds it: relative references moved by the offset.

    openpyxl's translator, imported only here: books Excel filled down hold shared formulas, the
    template's and most others do not, and importing openpyxl costs more than reading a book.
    """
    from openpyxl.formula.translate import Translator

    return Translator(formula, origin=origin).translate_formula(coordinate)


def _cut(text: str) -> str:
    return text[:MAX_TEXT] if len(text) > MAX_TEXT else text


# --- one sheet: one pass over its rows ----------------------------------------------------------------


class _Tap:
    """A part's stream that remembers the last chunks it handed to the parser.

    When the parse stops early, the merged ranges (written after the rows) are in those chunks or in
    the bytes not read yet; they are found by scanning bytes, without building the XML tree.
    """

    def __init__(self, stream) -> None:
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


def _safe_expat(part: str):
    """An expat parser that refuses DTDs, entities and external references, as defusedxml does.

    Driven by callbacks rather than ``iterparse``: a sheet's cells are read without building an
    element for each of them (about three times faster on a 10,000-line table).
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True

    def doctype(name, sysid, pubid, _has_internal):
        raise DTDForbidden(name, sysid, pubid)

    def entity(name, _is_param, _value, _base, sysid, pubid, _notation):
        raise EntitiesForbidden(name, None, _base, sysid, pubid, _notation)

    def external(_context, base, sysid, pubid):
        raise ExternalReferenceForbidden(_context, base, sysid, pubid)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


class _RowHandler:
    """Parser callbacks over a sheet's ``<sheetData>``: collects each ``<c>``'s type, style, value
    text, formula and inline text, and hands the finished cell to the sheet reader."""

    def __init__(self, sheet: _SheetReader) -> None:
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


class _SheetReader:
    def __init__(self, package: _Package, sheet: _Sheet, cells: _CellReader) -> None:
        self.package = package
        self.sheet = sheet
        self.reader = cells
        self.tables = sheet.tables
        self.last_row = max(t.last_row for t in self.tables)
        # A merged cell in a table shows its top-left cell, which may lie above or left of the table:
        # every cell up to the tables' last row and column is kept.
        self.last_col = max(t.last_col for t in self.tables)
        self.cells: dict[tuple[int, int], RawCell] = {}
        self.shared: dict[str, tuple[str, str]] = {}  # shared formula index → its master's formula and cell
        self.columns: dict[str, int] = {}
        self.col = 0
        self.row_text = ""

    def read(self) -> dict[str, RawTable]:
        with self.package.open(self.sheet.part, self.sheet.name) as stream:
            tap = _Tap(stream)
            self._rows(tap)
            merges = tap.merge_refs()
        self._merge(merges)
        return {table.name.casefold(): self._table(table) for table in self.tables}

    def _rows(self, tap: _Tap) -> None:
        parser = _safe_expat(self.sheet.part)
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

    def cell(self, row: int, attrs: dict[str, str], value: str | None, formula_text: str | None,
             formula_attrs: dict[str, str], inline: str | None) -> None:  # fmt: skip
        ref = attrs.get("r")
        if ref:
            letters = ref.rstrip("0123456789")
            self.col = self._column(letters)
            coordinate = letters + self.row_text
        else:
            self.col += 1
            coordinate = to_a1(row, self.col)
        formula = None
        if formula_text is not None:
            kind, index = formula_attrs.get("t"), formula_attrs.get("si")
            formula = self.reader.formula(formula_text, kind, index, coordinate, self.shared)
        if self.col > self.last_col:
            return  # only a shared formula's master matters out here (recorded above)
        kind = attrs.get("t", "n")
        style = int(attrs.get("s") or 0)
        shown = self.reader.value(kind, inline if kind == "inlineStr" else value, style)
        where = CellRef(self.sheet.name, coordinate)
        self.cells[row, self.col] = RawCell(where, shown, formula, self.reader.number_format(style))

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
            anchor = self.cells.get((top, left))
            for table in self.tables:
                rows = range(max(top, table.first_row), min(bottom, table.last_row) + 1)
                cols = range(max(left, table.first_col), min(right, table.last_col) + 1)
                for row in rows:
                    for col in cols:
                        if (row, col) != (top, left):
                            self.cells[row, col] = self._merged(row, col, anchor)

    def _merged(self, row: int, col: int, anchor: RawCell | None) -> RawCell:
        where = CellRef(self.sheet.name, to_a1(row, col))
        if anchor is None:
            return RawCell(where, None, None, GENERAL, merged=True)
        return RawCell(where, anchor.value, None, anchor.number_format, merged=True)

    def _table(self, table: _Table) -> RawTable:
        rows = []
        for row in range(table.first_row, table.last_row + 1):
            rows.append([self._at(row, col) for col in range(table.first_col, table.last_col + 1)])
        return RawTable(self.sheet.name, table.first_row, table.first_col, rows)

    def _at(self, row: int, col: int) -> RawCell:
        found = self.cells.get((row, col))
        return found if found is not None else RawCell(CellRef(self.sheet.name, to_a1(row, col)), None, None, GENERAL)


def _resolve_shared(table: RawTable, strings: dict[int, str]) -> None:
    for row in table.cells:
        for cell in row:
            if isinstance(cell.value, _Shared):
                cell.value = _cut(strings[cell.value.index])
