"""The package reader against openpyxl on real files of other projects' test suites (tests/corpus/, their
origins and licences in its README.md), and on books made here for what no such file holds.

Real files rarely hold an Excel table, so each sheet without one gets one grafted over its used
range, as the tool would meet a table laid over any data. Every cell of every table must read as
openpyxl's two full loads read it (values cached at the last save, formulas, number formats, merged
cells), except the documented differences, where the reader is the one Excel agrees with: each
difference met must be one of them, and each of them must be met.
"""

from __future__ import annotations

import re
import shutil
import warnings
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from etda_xl.package import read_raw_tables

from .test_package_reader import CT, MAIN, PKG, REL, _openpyxl_tables, _ours

CORPUS = Path(__file__).parent / "corpus"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xlsm"))

# --- grafting a table over each sheet's used range ---------------------------------------------------


def _used_ranges(path: Path) -> dict[str, str]:
    """Worksheet part → its used range (openpyxl's), for the sheets holding cells and no table."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path)
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("xl/_rels/workbook.xml.rels").decode()
        workbook = archive.read("xl/workbook.xml").decode()
    targets: dict[str, str] = {}
    for match in re.finditer(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(0)))
        target = attrs["Target"]
        targets[attrs["Id"]] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    ranges = {}
    for entry in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'\bname="([^"]*)"', entry.group(0)).group(1)
        rel = re.search(r'\br:id="([^"]*)"', entry.group(0)) or re.search(r':id="([^"]*)"', entry.group(0))
        sheet = book[_unescaped(name)] if _unescaped(name) in book.sheetnames else None
        if sheet is None or sheet.tables or sheet.max_row < 2 or not hasattr(sheet, "calculate_dimension"):
            continue
        ranges[targets[rel.group(1)]] = sheet.calculate_dimension()
    return ranges


def _unescaped(text: str) -> str:
    return text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def with_tables(source: Path, out: Path) -> Path:
    """``source`` with a table over the used range of each sheet that has cells and no table."""
    ranges = _used_ranges(source)
    with zipfile.ZipFile(source) as archive:
        parts = {item.filename: archive.read(item) for item in archive.infolist()}
    for number, (sheet, ref) in enumerate(sorted(ranges.items()), 1):
        columns = _columns(ref)
        names = "".join(f'<tableColumn id="{i}" name="c{i}"/>' for i in range(1, columns + 1))
        table = f"xl/tables/grafted{number}.xml"
        parts[table] = (
            f'<table xmlns="{MAIN}" id="{900 + number}" name="tblGrafted{number}" displayName="tblGrafted{number}" '
            f'ref="{ref}"><tableColumns count="{columns}">{names}</tableColumns></table>'
        ).encode()
        folder, name = sheet.rsplit("/", 1)
        rels_part = f"{folder}/_rels/{name}.rels"
        rels = parts.get(rels_part, f'<Relationships xmlns="{PKG}"></Relationships>'.encode()).decode()
        link = f'<Relationship Id="rIdGrafted" Type="{REL}/table" Target="../tables/grafted{number}.xml"/>'
        parts[rels_part] = rels.replace("</Relationships>", link + "</Relationships>").encode()
        xml = parts[sheet].decode("utf-8")
        closing = re.search(r"</(\w+:)?worksheet>\s*$", xml)
        tail = f'<tableParts xmlns="{MAIN}" xmlns:r="{REL}" count="1"><tablePart r:id="rIdGrafted"/></tableParts>'
        parts[sheet] = (xml[: closing.start()] + tail + xml[closing.start() :]).encode("utf-8")
        override = f'<Override PartName="/{table}" ContentType="{CT}.table+xml"/>'
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", override.encode() + b"</Types>"
        )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out


def _columns(ref: str) -> int:
    from openpyxl.utils import range_boundaries

    min_col, _, max_col, _ = range_boundaries(ref)
    return max_col - min_col + 1


# --- the documented differences ---------------------------------------------------------------------


def difference(ours: tuple, theirs: tuple, hyperlinked: bool = False) -> str | None:
    """Why a cell reads otherwise than openpyxl reads it, when the reason is a documented one; else None.

    A cell is (address, value, formula, number format, merged)."""
    (_, value, formula, fmt, merged), (_, their_value, their_formula, their_fmt, their_merged) = ours, theirs
    if (formula, fmt, merged) != (their_formula, their_fmt, their_merged):
        return None
    escaped = isinstance(their_value, str) and re.search(r"_x[0-9A-Fa-f]{4}_", their_value)
    if escaped and re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), their_value) == value:
        return "escapes"  # Excel shows _x000D_ as the character it stands for; openpyxl keeps the code
    if value is None and hyperlinked and isinstance(their_value, str):
        return "hyperlink"  # an empty cell with a link: Excel shows it empty; openpyxl gives it the link's target
    if type(their_value) is date and value == datetime.combine(their_value, time()):
        return "iso day"  # a t="d" day reads as a datetime, as the same day stored as a serial does
    same_kind = isinstance(value, datetime | time) and type(value) is type(their_value)
    if same_kind and abs(_seconds(value) - _seconds(their_value)) < 0.001:
        return "rounded"  # fractions of a second rounded to the millisecond, as Excel does; openpyxl cuts
    return None


def _seconds(moment: datetime | time) -> float:
    if isinstance(moment, datetime):
        return moment.timestamp()
    return timedelta(hours=moment.hour, minutes=moment.minute, seconds=moment.second,
                     microseconds=moment.microsecond).total_seconds()  # fmt: skip


def _hyperlinked(path: Path) -> set[tuple[str, str]]:
    """(sheet, cell) of every cell with a hyperlink, as openpyxl reads them."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = load_workbook(path)
    return {(sheet.title, cell.coordinate) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.hyperlink is not None}  # fmt: skip


def _compare(path: Path) -> set[str]:
    """Every table's cells, ours against openpyxl's: the documented differences met (others fail)."""
    ours = read_raw_tables(path)
    theirs = _openpyxl_tables(path)
    hyperlinked = _hyperlinked(path)
    assert sorted(ours) == sorted(theirs)
    met: set[str] = set()
    for name, rows in theirs.items():
        table = ours[name]
        assert table is not None, f"{name} passed over"
        mine = _ours(table)
        assert [[c[0] for c in row] for row in mine] == [[c[0] for c in row] for row in rows], name
        for our_row, their_row in zip(mine, rows, strict=True):
            for our_cell, their_cell in zip(our_row, their_row, strict=True):
                if our_cell != their_cell:
                    reason = difference(our_cell, their_cell, (table.sheet, our_cell[0]) in hyperlinked)
                    assert reason is not None, f"{path.name} {name}: ours {our_cell}, openpyxl {their_cell}"
                    met.add(reason)
    return met


@pytest.mark.parametrize("name", FILES)
def test_every_table_cell_of_a_real_file_reads_as_openpyxl_reads_it(name, tmp_path):
    book = with_tables(CORPUS / name, tmp_path / name)
    assert _compare(book) == set()  # none of the documented differences shows in these files


def test_the_corpus_holds_what_it_is_kept_for():
    """Shared and array formulas, rich and inline text, a 1904 book, merged cells, LibreOffice's and
    WPS's files, a table of its own; small enough to keep in the repository."""
    found: dict[str, set[str]] = {}
    signs = {
        "shared": rb't="shared"', "array": rb't="array"', "rich": rb"<r><rPr>", "inline": rb't="inlineStr"',
        "1904": rb'date1904="(1|true)"', "merged": rb"<mergeCell ", "table": rb"<tablePart ",
        "libreoffice": rb"<Application>LibreOffice", "wps": rb"<Application>WPS",
        "no cell ids": rb'<c(?: (?!r=)\w+="[^"]*")*>',
    }  # fmt: skip
    for name in FILES:
        with zipfile.ZipFile(CORPUS / name) as archive:
            data = b"".join(archive.read(n) for n in archive.namelist() if n.endswith((".xml", ".rels")))
        found[name] = {sign for sign, pattern in signs.items() if re.search(pattern, data)}
    assert set().union(*found.values()) == set(signs)
    assert sum(p.stat().st_size for p in CORPUS.iterdir()) < 300_000
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in FILES)


# --- what no real file here holds: made by openpyxl, and by hand -------------------------------------


def _openpyxl_book(path: Path, iso_dates: bool, date1904: bool = False) -> Path:
    """A table with a totals row, structured references, an array formula, rich text, dates, times
    and durations, written by openpyxl (iso_dates: as t="d" ISO 8601 text)."""
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.utils.datetime import MAC_EPOCH
    from openpyxl.worksheet.formula import ArrayFormula
    from openpyxl.worksheet.table import Table, TableColumn

    book = Workbook(iso_dates=iso_dates)
    if date1904:
        book.epoch = MAC_EPOCH
    sheet = book.active
    sheet.title = "ข้อมูล"
    sheet.append(["วันที่", "เวลา", "นาน", "จำนวน", "สองเท่า", "ข้อความ"])
    rich = CellRichText("แผน", TextBlock(InlineFont(b=True), "งาน"))
    rows = [
        [datetime(2020, 9, 30), time(10, 10, 10), timedelta(minutes=11), 5, "=tblMade[[#This Row],[จำนวน]]*2", rich],
        [date(2021, 1, 1), time(23, 59, 59, 999000), timedelta(hours=36), 7, "=[@จำนวน]*2", "ก_x000D_ข"],
        [datetime(2019, 3, 4, 15, 59, 59, 123000), None, None, 9, "=D4*2", None],
    ]
    for row in rows:
        sheet.append(row)
    sheet["G2"] = ArrayFormula("G2", "=SUM(D2:D4*2)")
    sheet.append(["รวม", None, None, "=SUBTOTAL(109,tblMade[จำนวน])", None, None])
    for column, number_format in zip("ABC", ("yyyy-mm-dd", "hh:mm:ss", "[h]:mm"), strict=True):
        for cell in sheet[column][1:4]:
            cell.number_format = number_format
    table = Table(displayName="tblMade", ref="A1:G5", totalsRowCount=1)
    table._initialise_columns()
    table.tableColumns = [TableColumn(id=i, name=n) for i, n in enumerate(
        ["วันที่", "เวลา", "นาน", "จำนวน", "สองเท่า", "ข้อความ", "รวม2"], 1)]  # fmt: skip
    sheet.add_table(table)
    book.save(path)
    return path


@pytest.mark.parametrize(("iso_dates", "date1904"), [(True, False), (False, False), (False, True)])
def test_a_book_openpyxl_wrote_reads_as_openpyxl_reads_it(tmp_path, iso_dates, date1904):
    book = _openpyxl_book(tmp_path / "made.xlsx", iso_dates, date1904)
    with zipfile.ZipFile(book) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert (b't="d"' in sheet) == iso_dates
    met = _compare(book)
    assert met == ({"iso day", "escapes"} if iso_dates else {"escapes"})  # date(2021, 1, 1) is a day only
    cells = {c.where.cell: c for row in read_raw_tables(book)["tblmade"].cells for c in row}
    assert len(cells) == 4 * 7  # header + 3 rows; the totals row left out
    assert cells["A4"].value == datetime(2019, 3, 4, 15, 59, 59, 123000)
    assert cells["B3"].value == time(23, 59, 59, 999000) and cells["C3"].value == timedelta(hours=36)
    assert cells["E2"].formula == "=tblMade[[#This Row],[จำนวน]]*2" and cells["G2"].formula == "=SUM(D2:D4*2)"
    assert cells["F2"].value == "แผนงาน" and cells["F3"].value == "ก\rข"


#: A Strict Open XML book, as Excel saves "Strict Open XML Spreadsheet": other namespaces, and t="d"
#: cells with long fractions of a second and durations (as in ExcelDataReader's strict_TestOpen).
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def _strict_book(path: Path) -> Path:
    rows = [
        ("2019-03-04T15:59:59.99999979", "11:12:01.00000000000239300", "PT0H11M0.000S"),
        ("1899-12-31T00:00:00", "00:00:00", "PT36H30M"),
    ]
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c>'
    body += '<c r="C1" t="inlineStr"><is><t>c</t></is></c></row>'
    for r, values in enumerate(rows, 2):
        body += f'<row r="{r}">' + "".join(
            f'<c r="{col}{r}" t="d"><v>{v}</v></c>' for col, v in zip("ABC", values, strict=True)
        ) + "</row>"  # fmt: skip
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{STRICT_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{STRICT}" xmlns:r="{STRICT_REL}"><sheets>'
        '<sheet name="Strict" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{STRICT_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{STRICT}" xmlns:r="{STRICT_REL}"><sheetData>{body}'
        '</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>',
        "xl/worksheets/_rels/sheet1.xml.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
        f'Type="{STRICT_REL}/table" Target="../tables/table1.xml"/></Relationships>',
        "xl/tables/table1.xml": f'<table xmlns="{STRICT}" id="1" name="tblStrict" displayName="tblStrict" '
        'ref="A1:C3"><tableColumns count="3"><tableColumn id="1" name="a"/><tableColumn id="2" name="b"/>'
        '<tableColumn id="3" name="c"/></tableColumns></table>',
    }
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def test_a_strict_open_xml_book_reads_its_dates_rounded_as_excel_shows_them(tmp_path):
    """openpyxl reads no Strict Open XML (it finds no sheet): the values are held against Excel's."""
    tables = read_raw_tables(_strict_book(tmp_path / "strict.xlsx"))
    assert [[c.value for c in row] for row in tables["tblstrict"].cells[1:]] == [
        [datetime(2019, 3, 4, 16), time(11, 12, 1), timedelta(minutes=11)],
        [datetime(1899, 12, 31), time(0), timedelta(hours=36, minutes=30)],
    ]


def _hand_made(path: Path) -> Path:
    """t="d" texts as LibreOffice and Excel's Strict Open XML write them (transitional namespaces, which
    openpyxl reads), and an empty cell with a hyperlink."""
    from .test_package_reader import HEADER, ISO_CELLS, _package, _sheet_xml, _table_xml

    rows = HEADER + "".join(
        f'<row r="{r}"><c r="A{r}" s="1" t="d"><v>{text}</v></c></row>' for r, (text, _, _) in enumerate(ISO_CELLS, 2)
    )
    last = len(ISO_CELLS) + 2
    rows += f'<row r="{last}"><c r="A{last}" s="1"/></row>'
    links = f'<hyperlinks><hyperlink ref="A{last}" r:id="rIdLink"/></hyperlinks>'
    book = _package(path, [("s", _sheet_xml(rows, links), [_table_xml("tblHand", f"A1:A{last}", 1)])])
    link = (f'<Relationship Id="rIdLink" Type="{REL}/hyperlink" Target="https://www.etda.or.th/" '
            'TargetMode="External"/></Relationships>')  # fmt: skip
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    rels = "xl/worksheets/_rels/sheet1.xml.rels"
    parts[rels] = parts[rels].replace(b"</Relationships>", link.encode())
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return book


def test_a_hand_made_book_reads_as_openpyxl_reads_it_but_where_excel_says_otherwise(tmp_path):
    book = _hand_made(tmp_path / "hand.xlsx")
    assert _compare(book) == {"iso day", "rounded", "hyperlink"}
    assert read_raw_tables(book)["tblhand"].cells[-1][0].value is None


def test_grafting_keeps_the_files_cells(tmp_path):
    """The graft adds a table and nothing else: openpyxl reads the same cells before and after."""
    from openpyxl import load_workbook

    source = CORPUS / "xlcalculator-choose.xlsx"
    grafted = with_tables(source, tmp_path / "choose.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        before, after = load_workbook(source), load_workbook(grafted)

    def values(sheet) -> list[list]:
        return [[getattr(c.value, "text", c.value) for c in row] for row in sheet.iter_rows()]  # ArrayFormula: text

    for sheet in before.worksheets:
        assert values(sheet) == values(after[sheet.title])
    assert [list(s.tables) for s in after.worksheets if s.tables] and not any(s.tables for s in before.worksheets)
    shutil.copy(grafted, tmp_path / "copy.xlsx")  # a valid zip, read again
    assert read_raw_tables(tmp_path / "copy.xlsx")
