"""``package.read_raw_tables`` reads the tables straight from the package's XML, in one pass.

Every table cell is held against openpyxl's own two full loads (formulas, and the values cached
at the last save), on the sample, a fresh book from the template, hand-made packages with what
Excel writes and openpyxl's writers do not (shared and array formulas, errors, inline and rich
text, a 1904 book, a totals row, absolute targets), and books saved by LibreOffice.
"""

from __future__ import annotations

import os
import re
import shutil
import warnings
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from etda_xl.errors import InputError
from etda_xl.inputbook import AMOUNT_FORMAT
from etda_xl.package import book, read_raw_tables
from etda_xl.rawtable import MAX_TABLE_ROWS, MAX_TEXT, RawTable

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TABLES = ["tblsettings", "tblprojects", "tblbudget", "tblkpi", "tblfootnotes", "tblobstacles"]


# --- openpyxl's view of the same cells ----------------------------------------------------------------


def _openpyxl_tables(path: Path) -> dict[str, list[list[tuple]]]:
    """Each table's cells as openpyxl's full loads see them: (address, value, formula, format, merged).

    A cell merged into another shows the top-left cell's value and format, and holds no formula.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter, range_boundaries

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = load_workbook(path, data_only=False)
        cached = load_workbook(path, data_only=True)
    found = {}
    for sheet in full.worksheets:
        anchors = {}
        for merged in sheet.merged_cells.ranges:
            for row in range(merged.min_row, merged.max_row + 1):
                for col in range(merged.min_col, merged.max_col + 1):
                    if (row, col) != (merged.min_row, merged.min_col):
                        anchors[f"{get_column_letter(col)}{row}"] = sheet.cell(
                            merged.min_row, merged.min_col
                        ).coordinate
        for table in sheet.tables.values():
            min_col, min_row, max_col, max_row = range_boundaries(table.ref)
            max_row -= table.totalsRowCount or 0
            rows = []
            for row in range(min_row, max_row + 1):
                cells = []
                for col in range(min_col, max_col + 1):
                    address = f"{get_column_letter(col)}{row}"
                    source = anchors.get(address, address)
                    formula = None if address in anchors else _formula(sheet[source].value)
                    value = cached[sheet.title][source].value
                    if isinstance(value, str):
                        value = value[:MAX_TEXT]
                    cells.append((address, value, formula, sheet[source].number_format, address in anchors))
                rows.append(cells)
            found[table.name.casefold()] = rows
    return found


def _formula(value) -> str | None:
    text = getattr(value, "text", value)  # an ArrayFormula's text
    return text if isinstance(text, str) and text.startswith("=") and len(text) > 1 else None


def _ours(table: RawTable) -> list[list[tuple]]:
    return [[(c.where.cell, c.value, c.formula, c.number_format, c.merged) for c in row] for row in table.cells]


def _assert_same_as_openpyxl(path: Path) -> dict[str, RawTable]:
    tables = read_raw_tables(path)
    expected = _openpyxl_tables(path)
    assert sorted(tables) == sorted(expected)
    for name, rows in expected.items():
        assert _ours(tables[name]) == rows, name
    return tables


def _cell(tables: dict[str, RawTable], name: str, address: str):
    return next(c for row in tables[name].cells for c in row if c.where.cell == address)


# --- the sample and a fresh book ---------------------------------------------------------------------


def test_sample_reads_as_openpyxl_reads_it(sample_book):
    tables = _assert_same_as_openpyxl(sample_book)
    assert sorted(tables) == sorted(TABLES)
    budget = tables["tblbudget"]
    assert (budget.sheet, budget.first_row, budget.first_col) == ("งบประมาณ", 3, 1)
    assert len(budget.cells) == 15 and len(budget.cells[0]) == 8  # header + 14 lines, (1)-(5) and %
    typo = _cell(tables, "tblbudget", "F4")  # the circulated (4) of line 1, whose sub-lines give 102.8968
    assert (typo.where.sheet, typo.value, typo.formula, typo.number_format) == (
        "งบประมาณ",
        102.8978,
        None,
        AMOUNT_FORMAT,
    )
    assert _cell(tables, "tblbudget", "H17").value == 0.84 and _cell(tables, "tblbudget", "H17").number_format == "0%"
    assert _cell(tables, "tblfootnotes", "D4").value == 226.5563
    assert _cell(tables, "tblsettings", "B5").value == 2563 and isinstance(
        _cell(tables, "tblsettings", "B5").value, int
    )
    as_of = _cell(tables, "tblsettings", "B7")  # a date cell
    assert as_of.value == datetime(2020, 9, 30) and as_of.number_format == "d mmm yyyy"


def test_a_fresh_book_from_the_template_reads_as_openpyxl_reads_it(tmp_path):
    from etda_xl.api import new_workbook

    book = new_workbook(tmp_path / "2564-Q1.xlsm", 2564, 1)
    tables = _assert_same_as_openpyxl(book)
    spend = _cell(tables, "tblbudget", "G4")
    assert spend.formula.startswith("=ETDA_SPEND(tblBudget[[#This Row],[จ่ายจริง (2)]]")
    assert spend.value is None  # saved with no cached value: never calculated
    assert _cell(tables, "tblsettings", "B5").value == 2564
    assert _cell(tables, "tblsettings", "B7").value == datetime(2020, 12, 31)


# --- hand-made packages: what Excel writes -----------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

#: Cell styles: 0 General, 1 a date (built-in 14), 2 amounts (custom 164), 3 whole percent (built-in 9),
#: 4 Thai Excel's built-in date ว/ด/ปปปป (71, no code in the file).
STYLES = f"""<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.0000"/></numFmts>
<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="9"/>
<xf numFmtId="71"/></cellXfs>
</styleSheet>"""


def _sheet_xml(rows: str, tail: str = "", tables: int = 1) -> str:
    """A sheet: its rows, what follows them (merged ranges), and the parts of its ``tables``."""
    parts = "".join(f'<tablePart r:id="rId{n}"/>' for n in range(1, tables + 1))
    table_parts = f'<tableParts count="{tables}">{parts}</tableParts>' if tables else ""
    return f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>{rows}</sheetData>{tail}{table_parts}</worksheet>'


#: A one-column table's header row.
HEADER = '<row r="1"><c r="A1" t="inlineStr"><is><t>วันที่</t></is></c></row>'


def _table_xml(name: str, ref: str, columns: int, extra: str = "") -> str:
    cols = "".join(f'<tableColumn id="{i}" name="c{i}"/>' for i in range(1, columns + 1))
    return (
        f'<table xmlns="{MAIN}" id="1" name="{name}" displayName="{name}" ref="{ref}"{extra}>'
        f'<tableColumns count="{columns}">{cols}</tableColumns></table>'
    )


def _package(
    path: Path,
    sheets: list[tuple[str, str, list[str]]],
    strings: list[str] = (),
    date1904: bool = False,
    absolute: bool = False,
) -> Path:
    """A minimal .xlsx: sheets as (name, sheet XML, [table XML …]), the shared strings as <si> bodies."""
    parts: dict[str, str] = {}
    overrides = [("/xl/workbook.xml", f"{CT}.sheet.main+xml"), ("/xl/styles.xml", f"{CT}.styles+xml"),
                 ("/xl/sharedStrings.xml", f"{CT}.sharedStrings+xml")]  # fmt: skip
    entries, rels = [], []
    table_number = 0
    for number, (name, sheet, tables) in enumerate(sheets, 1):
        part = f"xl/worksheets/sheet{number}.xml"
        parts[part] = sheet
        overrides.append((f"/{part}", f"{CT}.worksheet+xml"))
        target = f"/{part}" if absolute else f"worksheets/sheet{number}.xml"
        rels.append(f'<Relationship Id="rId{number}" Type="{REL}/worksheet" Target="{target}"/>')
        entries.append(f'<sheet name="{name}" sheetId="{number}" r:id="rId{number}"/>')
        sheet_rels = []
        for table in tables:
            table_number += 1
            parts[f"xl/tables/table{table_number}.xml"] = table
            overrides.append((f"/xl/tables/table{table_number}.xml", f"{CT}.table+xml"))
            target = f"/xl/tables/table{table_number}.xml" if absolute else f"../tables/table{table_number}.xml"
            sheet_rels.append(f'<Relationship Id="rId{len(sheet_rels) + 1}" Type="{REL}/table" Target="{target}"/>')
        if sheet_rels:
            parts[f"xl/worksheets/_rels/sheet{number}.xml.rels"] = (
                f'<Relationships xmlns="{PKG}">{"".join(sheet_rels)}</Relationships>'
            )
    rels.append(f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>')
    rels.append(f'<Relationship Id="rIdT" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    parts["xl/workbook.xml"] = (
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}<sheets>{"".join(entries)}</sheets></workbook>'
    )
    parts["xl/_rels/workbook.xml.rels"] = f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>'
    parts["xl/styles.xml"] = STYLES
    sst = "".join(f"<si>{s}</si>" for s in strings)
    parts["xl/sharedStrings.xml"] = (
        f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{sst}</sst>'
    )
    parts["_rels/.rels"] = (
        f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    types = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{types}</Types>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text)
    return path


#: A table A1:D8 as Excel writes it. Row 2: a shared formula in D2:D4 (master D2), shared strings, a
#: rich-text string whose phonetic run is not shown; row 3: numbers as Excel writes them; row 4: an
#: inline string, a boolean, an error; row 5: an array formula, a formula never calculated, a formula
#: text result; row 6: a date, an amount, a percent, a LibreOffice error text; rows 7–8: A7:B8 merged;
#: C7 empty; D8 missing.
KINDS_ROWS = """
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
<c r="D1" t="s"><v>3</v></c></row>
<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2"><v>5</v></c>
<c r="D2"><f t="shared" ref="D2:D4" si="0">C2*2+$C$2</f><v>15</v></c></row>
<row r="3"><c r="A3"><v>5.5</v></c><c r="B3"><v>1E-3</v></c><c r="C3" t="n"><v>-7</v></c>
<c r="D3"><f t="shared" si="0"/><v>-9</v></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>inline text</t></is></c><c r="B4" t="b"><v>1</v></c>
<c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D4" t="e"><f t="shared" si="0"/><v>#DIV/0!</v></c></row>
<row r="5"><c r="A5"><f t="array" ref="A5">SUM(C2:C3*2)</f><v>-4</v></c><c r="B5"><f>ETDA_SPEND(C2,C3)</f></c>
<c r="C5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D5" t="e"><f>NOSUCH()</f><v>#NAME?</v></c></row>
<row r="6"><c r="A6" s="1"><v>44104</v></c><c r="B6" s="2"><v>474.5184</v></c><c r="C6" s="3"><v>0.84</v></c>
<c r="D6" t="e"><v>Err:507</v></c></row>
<row r="7"><c r="A7" t="s"><v>6</v></c><c r="B7"/><c r="D7" t="str"><v></v></c></row>
<row r="8"><c r="C8"><v>8</v></c></row>
"""
KINDS_STRINGS = [
    "<t>รหัส</t>", "<t>ชื่อ</t>", "<t>ค่า</t>", "<t>สูตร</t>", "<t>1.1</t>",
    '<r><t>แผน</t></r><r><rPr><b/></rPr><t xml:space="preserve">งาน </t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>',
    "<t>merged</t>",
]  # fmt: skip


def _kinds_book(path: Path, **options) -> Path:
    sheet = _sheet_xml(KINDS_ROWS, '<mergeCells count="1"><mergeCell ref="A7:B8"/></mergeCells>')
    return _package(path, [("ข้อมูล", sheet, [_table_xml("tblKinds", "A1:D8", 4)])], KINDS_STRINGS, **options)


def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path):
    tables = _assert_same_as_openpyxl(_kinds_book(tmp_path / "kinds.xlsx"))
    values = {c.where.cell: c.value for row in tables["tblkinds"].cells for c in row}
    formulas = {c.where.cell: c.formula for row in tables["tblkinds"].cells for c in row if c.formula}
    assert values["A2"] == "1.1" and values["B2"] == "แผนงาน "  # rich text joined, phonetic run left out
    assert values["C2"] == 5 and isinstance(values["C2"], int)
    assert values["A3"] == 5.5 and values["B3"] == 0.001 and isinstance(values["B3"], float)
    assert values["C3"] == -7 and isinstance(values["C3"], int)
    assert values["B4"] is True
    assert values["C6"] == 0.84 and values["B6"] == 474.5184
    # the shared formula's master, and its dependents moved as Excel moves them
    assert formulas["D2"] == "=C2*2+$C$2"
    assert (formulas["D3"], values["D3"]) == ("=C3*2+$C$2", -9)
    assert (formulas["D4"], values["D4"]) == ("=C4*2+$C$2", "#DIV/0!")
    assert (formulas["A5"], values["A5"]) == ("=SUM(C2:C3*2)", -4)  # an array formula
    assert (formulas["B5"], values["B5"]) == ("=ETDA_SPEND(C2,C3)", None)  # never calculated
    assert (formulas["C5"], values["C5"]) == ('="a"&"b"', "ab")
    assert (formulas["D5"], values["D5"]) == ("=NOSUCH()", "#NAME?")
    assert values["A6"] == datetime(2020, 9, 30)  # serial 44104 in a date format
    assert values["D6"] == "Err:507"  # an error as LibreOffice shows it, kept as its text
    assert values["D7"] is None and values["D8"] is None  # empty text, and a missing cell


def test_characters_excel_escapes_are_read_back(tmp_path):
    """Excel writes a carriage return as _x000D_, and a typed "_x000D_" as _x005F_x000D_ (openpyxl keeps both as
    written; Excel shows the first as a line break, the second as typed)."""
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>'
        '<row r="3"><c r="A3" t="s"><v>0</v></c></row>'
    )
    table = _table_xml("tblText", "A1:A3", 1)
    book = _package(tmp_path / "escaped.xlsx", [("s", _sheet_xml(rows), [table])], ["<t>_x005F_x000D_ typed</t>"])
    assert [row[0].value for row in read_raw_tables(book)["tbltext"].cells] == ["h", "a\rb", "_x000D_ typed"]


def test_merged_cells_show_the_top_left_value(tmp_path):
    tables = read_raw_tables(_kinds_book(tmp_path / "kinds.xlsx"))
    merged = {c.where.cell: (c.value, c.formula, c.merged) for row in tables["tblkinds"].cells[6:] for c in row}
    assert merged == {
        "A7": ("merged", None, False),
        "B7": ("merged", None, True),
        "C7": (None, None, False),
        "D7": (None, None, False),
        "A8": ("merged", None, True),
        "B8": ("merged", None, True),
        "C8": (8, None, False),
        "D8": (None, None, False),
    }


def test_a_merge_from_above_the_table_and_one_after_many_rows_are_found(tmp_path):
    """The table stops at row 4, the sheet goes on for 2,000 rows (many parser chunks) (the parse stops early), and its
    merged ranges come after them: B1:B2 (title over the header, anchor outside the table), C3:C4."""
    filler = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><v>{r}.5</v></c></row>' for r in range(5, 2_005)
    )
    rows = (
        '<row r="1"><c r="B1" t="inlineStr"><is><t>title</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>h1</t></is></c><c r="C2" t="inlineStr"><is><t>h3</t></is></c></row>'
        '<row r="3"><c r="A3"><v>1</v></c><c r="B3"><v>2</v></c><c r="C3"><v>3</v></c></row>'
        '<row r="4"><c r="A4"><v>4</v></c></row>' + filler
    )
    merges = '<mergeCells count="2"><mergeCell ref="B1:B2"/><mergeCell ref="C3:C4"/></mergeCells>'
    sheet = _sheet_xml(rows, merges)
    book = _package(tmp_path / "merges.xlsx", [("s", sheet, [_table_xml("tblM", "A2:C4", 3)])])
    tables = _assert_same_as_openpyxl(book)
    cells = {c.where.cell: (c.value, c.merged) for row in tables["tblm"].cells for c in row}
    assert cells["B2"] == ("title", True) and cells["C4"] == (3, True) and cells["C3"] == (3, False)
    assert cells["B4"] == (None, False)


def test_a_1904_book_counts_days_from_1904(tmp_path):
    rows = HEADER + '<row r="2"><c r="A2" s="1"><v>42642</v></c></row>'
    sheet = _sheet_xml(rows)
    book = _package(tmp_path / "mac.xlsx", [("s", sheet, [_table_xml("tblDates", "A1:A2", 1)])], date1904=True)
    tables = _assert_same_as_openpyxl(book)
    assert tables["tbldates"].cells[1][0].value == datetime(2020, 9, 30)  # 42642 days after 1904-01-01


#: t="d" texts as openpyxl (iso_dates=True), LibreOffice and Excel's Strict Open XML write them → what
#: the reader shows, and where openpyxl differs, what openpyxl shows.
ISO_CELLS = [
    ("2020-09-30T10:10:10", datetime(2020, 9, 30, 10, 10, 10), None),
    ("10:10:10", time(10, 10, 10), None),
    ("11:12:01.00000000000239300", time(11, 12, 1), None),
    ("PT0H11M0.000S", timedelta(minutes=11), None),
    ("2020-09-30", datetime(2020, 9, 30), date(2020, 9, 30)),  # a day, as a serial date in a date format reads
    ("2019-03-04T15:59:59.99999979", datetime(2019, 3, 4, 16), datetime(2019, 3, 4, 15, 59, 59, 999_000)),
]


def test_iso_date_cells_read_as_openpyxl_reads_them_rounded_as_excel_rounds_them(tmp_path):
    rows = HEADER + "".join(
        f'<row r="{r}"><c r="A{r}" s="1" t="d"><v>{text}</v></c></row>' for r, (text, _, _) in enumerate(ISO_CELLS, 2)
    )
    book = _package(
        tmp_path / "iso.xlsx", [("s", _sheet_xml(rows), [_table_xml("tblIso", f"A1:A{len(ISO_CELLS) + 1}", 1)])]
    )
    ours = [row[0].value for row in read_raw_tables(book)["tbliso"].cells[1:]]
    theirs = [row[0][1] for row in _openpyxl_tables(book)["tbliso"][1:]]
    assert ours == [shown for _, shown, _ in ISO_CELLS]
    assert theirs == [openpyxl if openpyxl is not None else shown for _, shown, openpyxl in ISO_CELLS]


def test_an_iso_cell_that_is_no_date_reads_as_its_text(tmp_path):
    """For the column's parser to report at the cell (openpyxl refuses the whole book: ValueError)."""
    rows = HEADER + '<row r="2"><c r="A2" s="1" t="d"><v>2020-02-30</v></c></row>'
    book = _package(tmp_path / "bad-iso.xlsx", [("s", _sheet_xml(rows), [_table_xml("tblIso", "A1:A2", 1)])])
    assert read_raw_tables(book)["tbliso"].cells[1][0].value == "2020-02-30"


def test_a_thai_built_in_date_format_is_a_date(tmp_path):
    rows = HEADER + '<row r="2"><c r="A2" s="4"><v>44104</v></c></row>'
    book = _package(tmp_path / "th.xlsx", [("s", _sheet_xml(rows), [_table_xml("tblDates", "A1:A2", 1)])])
    cell = read_raw_tables(book)["tbldates"].cells[1][0]
    assert (cell.value, cell.number_format) == (datetime(2020, 9, 30), "ว/ด/ปปปป")


def test_a_totals_row_is_left_out(tmp_path):
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c></row>'
        '<row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>'
        '<row r="4"><c r="A4"><f>SUBTOTAL(109,[n])</f><v>3</v></c></row>'
    )
    table = _table_xml("tblTotals", "A1:A4", 1, ' totalsRowCount="1"')
    tables = _assert_same_as_openpyxl(_package(tmp_path / "totals.xlsx", [("s", _sheet_xml(rows), [table])]))
    assert [c.value for row in tables["tbltotals"].cells for c in row] == ["n", 1, 2]


def test_tables_reached_by_absolute_targets(tmp_path):
    book = _kinds_book(tmp_path / "absolute.xlsx", absolute=True)
    with zipfile.ZipFile(book) as archive:
        assert 'Target="/xl/tables/table1.xml"' in archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    tables = _assert_same_as_openpyxl(book)
    assert tables["tblkinds"].cells[1][0].value == "1.1"


def test_long_text_is_cut_to_excels_limit(tmp_path):
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    book = _package(
        tmp_path / "long.xlsx",
        [("s", _sheet_xml(rows), [_table_xml("tblLong", "A1:A2", 1)])],
        ["<t>" + "ก" * (MAX_TEXT + 10) + "</t>"],
    )
    assert read_raw_tables(book)["tbllong"].cells[1][0].value == "ก" * MAX_TEXT


def test_a_book_without_tables_opens_no_sheet(tmp_path, monkeypatch):
    sheet = _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>', tables=0)
    book = _package(tmp_path / "none.xlsx", [("s", sheet, [])])
    opened = _spy_on_opened_parts(monkeypatch)
    assert read_raw_tables(book) == {}
    assert not any("worksheets/sheet" in part or "sharedStrings" in part or "styles" in part for part in opened)


# --- refused: too long, damaged, missing -------------------------------------------------------------


def test_a_table_longer_than_input_is_refused_naming_it_when_asked_for(tmp_path):
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>n</t></is></c></row>'
    last = MAX_TABLE_ROWS + 2  # header + one row too many
    book = _package(tmp_path / "long.xlsx", [("งบ", _sheet_xml(rows), [_table_xml("tblBig", f"A1:A{last}", 1)])])
    with pytest.raises(InputError) as error:
        read_raw_tables(book, ["TBLBIG"])  # names match whatever their case
    assert (error.value.sheet, error.value.cell) == ("งบ", f"A1:A{last}")
    assert "tblBig" in error.value.th and "20,000" in error.value.th and "แถว" in error.value.th
    assert error.value.en == "table tblBig has more than 20,000 rows"
    assert read_raw_tables(book) == {"tblbig": None}  # not asked for by name: passed over
    assert read_raw_tables(book, ["tblOther"]) == {"tblbig": None}
    ok = _package(tmp_path / "ok.xlsx", [("งบ", _sheet_xml(rows), [_table_xml("tblBig", f"A1:A{last - 1}", 1)])])
    assert len(read_raw_tables(ok, ["tblBig"])["tblbig"].cells) == MAX_TABLE_ROWS + 1


def _rewrite(book: Path, out: Path, part: str, text: str | None) -> Path:
    """``book`` with ``part`` replaced by ``text`` (or left out when None)."""
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != part:
                target.writestr(item, source.read(item))
            elif text is not None:
                target.writestr(item, text)
    return out


@pytest.mark.parametrize(
    ("part", "text", "sheet"),
    [
        ("xl/tables/table3.xml", '<table xmlns="x" name="tblBudget" ref="A3:H17"', "งบประมาณ"),  # cut short
        ("xl/tables/table3.xml", '<table name="tblBudget" ref="nowhere"/>', "งบประมาณ"),
        ("xl/worksheets/sheet3.xml", '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>', "งบประมาณ"),
        (
            "xl/worksheets/sheet3.xml",
            '<worksheet><sheetData><row r="4"><c r="C4"><v>1,5</v></c></row></sheetData></worksheet>',
            "งบประมาณ",
        ),
        ("xl/sharedStrings.xml", "<sst><si><t>only one</t></si></sst>", ""),  # the tables use string 1 and on
        ("xl/sharedStrings.xml", "<sst><si><t>oops</si></sst>", ""),
        ("xl/workbook.xml", "<workbook><sheets>", ""),
        ("xl/styles.xml", "<styleSheet><cellXfs><xf numFmtId='x'/></cellXfs></styleSheet>", ""),
    ],
)
def test_a_damaged_part_is_an_input_error_naming_the_file_and_part(sample_book, tmp_path, part, text, sheet):
    book = _rewrite(sample_book, tmp_path / "damaged.xlsx", part, text)
    with pytest.raises(InputError) as error:
        read_raw_tables(book, TABLES)
    assert "damaged.xlsx" in error.value.th and "เสียหาย" in error.value.th and part in error.value.th
    assert error.value.en.startswith("damaged.xlsx is damaged") and part in error.value.en
    assert error.value.sheet == sheet


@pytest.mark.parametrize("part", ["xl/tables/table3.xml", "xl/worksheets/sheet3.xml", "xl/workbook.xml"])
def test_a_missing_part_is_an_input_error_naming_it(sample_book, tmp_path, part):
    book = _rewrite(sample_book, tmp_path / "missing.xlsx", part, None)
    with pytest.raises(InputError) as error:
        read_raw_tables(book, TABLES)
    assert error.value.th == f"ไฟล์ missing.xlsx เสียหาย: ไม่มีส่วน {part}"
    assert error.value.en == f"missing.xlsx is damaged: its part {part} is missing"


def test_a_table_without_its_header_row_is_refused_when_asked_for(tmp_path):
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>'
    table = _table_xml("tblNoHeader", "A1:A1", 1, ' headerRowCount="0"')
    book = _package(tmp_path / "h.xlsx", [("s", _sheet_xml(rows), [table])])
    with pytest.raises(InputError) as error:
        read_raw_tables(book, ["tblNoHeader"])
    assert "Header Row" in error.value.en and "tblNoHeader" in error.value.th
    assert (error.value.sheet, error.value.cell) == ("s", "A1:A1")
    assert read_raw_tables(book, TABLES) == {"tblnoheader": None}


def _helper_sheet_book(path: Path, table_extra: str, ref: str = "A1:A3") -> Path:
    """A book with tblKeep on sheet "in" and tblHelper on sheet "helper"."""
    keep = _sheet_xml(HEADER + '<row r="2"><c r="A2" s="1"><v>44104</v></c></row>')
    helper = _sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>')
    return _package(path, [("in", keep, [_table_xml("tblKeep", "A1:A2", 1)]),
                           ("helper", helper, [_table_xml("tblHelper", ref, 1, table_extra)])])  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "ref"),
    [
        (' headerRowCount="0"', "A1:A3"),
        ("", f"A1:A{MAX_TABLE_ROWS + 5}"),
        ("", "nowhere"),
        (' totalsRowCount="x"', "A1:A3"),
    ],
)
def test_a_table_not_asked_for_is_passed_over_and_its_sheet_never_opened(tmp_path, monkeypatch, extra, ref):
    """Header row off, too long, no range, a count that is no number: all beside the point for a
    table the tool does not read (an officer's helper list on another sheet)."""
    book = _helper_sheet_book(tmp_path / "helper.xlsx", extra, ref)
    opened = _spy_on_opened_parts(monkeypatch)
    tables = read_raw_tables(book, ["tblKeep"])
    assert sorted(tables) == ["tblhelper", "tblkeep"] and tables["tblhelper"] is None
    assert tables["tblkeep"].cells[1][0].value == datetime(2020, 9, 30)
    assert "xl/worksheets/sheet2.xml" not in opened and "xl/worksheets/sheet1.xml" in opened


def test_unsafe_xml_is_refused(sample_book, tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa">]><table name="tblBudget" ref="A3:H17">&a;</table>'
    with pytest.raises(InputError) as error:
        read_raw_tables(_rewrite(sample_book, tmp_path / "unsafe.xlsx", "xl/tables/table3.xml", bomb))
    assert "unsafe XML" in error.value.en and "xl/tables/table3.xml" in error.value.en


# --- a raw-data sheet beside the tables costs nothing ------------------------------------------------


def _spy_on_opened_parts(monkeypatch) -> list[str]:
    """The parts the reader opens, after the safety check (which peeks at every part's first bytes)."""
    opened: list[str] = []
    real_open, real_check = zipfile.ZipFile.open, book.check_workbook_file
    state = {"checked": False}

    def spying_open(self, name, *args, **kwargs):
        if state["checked"]:
            opened.append(getattr(name, "filename", name))
        return real_open(self, name, *args, **kwargs)

    def check(path):
        real_check(path)
        state["checked"] = True

    monkeypatch.setattr(zipfile.ZipFile, "open", spying_open)
    monkeypatch.setattr(book, "check_workbook_file", check)
    return opened


def with_raw_sheet(book: Path, out: Path, rows: int) -> Path:
    """``book`` with one more sheet, "raw", of ``rows`` rows × 6 columns (numbers and text, its text
    appended to the shared strings as Excel does), and no table."""
    with zipfile.ZipFile(book) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    sst = parts["xl/sharedStrings.xml"].decode()
    base = int(re.search(r'uniqueCount="(\d+)"', sst).group(1))
    added = "".join(f"<si><t>รายการดิบ {r}</t></si>" for r in range(rows))
    sst = re.sub(r' count="\d+" uniqueCount="\d+"', "", sst).replace("</sst>", added + "</sst>")
    parts["xl/sharedStrings.xml"] = sst.encode()
    body = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>{base + r - 1}</v></c>'
        f'<c r="C{r}"><v>{r * 1.5}</v></c>'
        f'<c r="D{r}"><v>{r % 97}</v></c><c r="E{r}"><v>0.{r}</v></c><c r="F{r}"><f>A{r}*2</f><v>{r * 2}</v></c></row>'
        for r in range(1, rows + 1)
    )
    parts["xl/worksheets/sheet99.xml"] = _sheet_xml(body, tables=0).encode()
    workbook = parts["xl/workbook.xml"].decode()
    parts["xl/workbook.xml"] = workbook.replace(
        "</sheets>", '<sheet name="raw" sheetId="99" r:id="rIdRaw"/></sheets>'
    ).encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    raw_rel = f'<Relationship Id="rIdRaw" Type="{REL}/worksheet" Target="worksheets/sheet99.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", raw_rel + "</Relationships>").encode()
    types = parts["[Content_Types].xml"].decode()
    override = f'<Override PartName="/xl/worksheets/sheet99.xml" ContentType="{CT}.worksheet+xml"/>'
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out


def test_a_raw_data_sheet_beside_the_tables_is_never_opened(sample_book, tmp_path, monkeypatch):
    book = with_raw_sheet(sample_book, tmp_path / "raw.xlsx", rows=200_000)
    expected = {name: _ours(table) for name, table in read_raw_tables(sample_book).items()}
    opened = _spy_on_opened_parts(monkeypatch)
    tables = read_raw_tables(book)
    assert {name: _ours(table) for name, table in tables.items()} == expected
    assert "xl/worksheets/sheet99.xml" not in opened
    assert sorted(p for p in opened if "worksheets/sheet" in p) == [f"xl/worksheets/sheet{n}.xml" for n in range(1, 7)]


# --- LibreOffice -------------------------------------------------------------------------------------

needs_soffice = pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("ETDA_XL_REQUIRE_LIBREOFFICE"),
    reason="LibreOffice (soffice) is not installed",
)


def _saved_by_libreoffice(book: Path, work: Path) -> Path:
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is required (ETDA_XL_REQUIRE_LIBREOFFICE is set) but not found")
    from .test_template_libreoffice import _open_and_save  # its own profile, recalculation forced

    return _open_and_save(book, work)


def _shown(table: RawTable) -> list[list[tuple]]:
    return [[(c.where.cell, None if c.value == "" else c.value, c.formula) for c in row] for row in table.cells]


@needs_soffice
def test_the_sample_saved_by_libreoffice_reads_the_same_values(sample_book, tmp_path):
    converted = _saved_by_libreoffice(sample_book, tmp_path)
    tables = _assert_same_as_openpyxl(converted)
    original = read_raw_tables(sample_book)
    assert sorted(tables) == sorted(TABLES)
    # The sample's empty text cells (the total row's names) come back as blank cells: the same to the reader.
    assert _cell(original, "tblprojects", "C9").value == "" and _cell(tables, "tblprojects", "C9").value is None
    for name, table in original.items():
        assert _shown(tables[name]) == _shown(table), name
    assert _cell(tables, "tblbudget", "F4").value == 102.8978
    assert _cell(tables, "tblsettings", "B7").value == datetime(2020, 9, 30)


@needs_soffice
def test_a_new_book_saved_by_libreoffice_shows_name_errors_in_the_formula_cells(tmp_path):
    """LibreOffice has no ETDA_* functions: it saves #NAME? as their value, and their names in lower case."""
    from etda_xl.api import new_workbook

    book = new_workbook(tmp_path / "2564-Q1.xlsm", 2564, 1)
    tables = _assert_same_as_openpyxl(_saved_by_libreoffice(book, tmp_path))
    spend = _cell(tables, "tblbudget", "G4")
    assert spend.value == "#NAME?"
    assert spend.formula.startswith("=etda_spend(tblBudget[[#This Row],[จ่ายจริง (2)]]")
    assert _cell(tables, "tblsettings", "B5").value == 2564
    assert _cell(tables, "tblsettings", "B7").value == datetime(2020, 12, 31)
