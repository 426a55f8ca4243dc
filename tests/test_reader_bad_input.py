"""Hostile or sloppy workbooks: findings or one clear error naming sheet and cell, never a traceback."""

import hashlib
import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from etda_xl.checks import run_checks
from etda_xl.errors import InputError
from etda_xl.workbook import read_workbook

from .conftest import edit_cells, sample_with_formula


def _codes_at(path, sheet, cell):
    return {f.code for f in run_checks(read_workbook(path)) if f.sheet == sheet and f.cell == cell}


def test_thai_digits_are_read_and_noted(sample_copy):
    edit_cells(sample_copy, {("งบประมาณ", "D5"): "๑๒๔.๗๙๗๐"})
    report = read_workbook(sample_copy)
    assert report.line("1.1").paid == Decimal("124.7970")
    assert _codes_at(sample_copy, "งบประมาณ", "D5") == {"INPUT_THAI_DIGITS"}


def test_number_typed_as_text_is_read_and_noted(sample_copy):
    edit_cells(sample_copy, {("งบประมาณ", "C5"): "134.1005"})
    assert read_workbook(sample_copy).line("1.1").plan == Decimal("134.1005")
    assert _codes_at(sample_copy, "งบประมาณ", "C5") == {"INPUT_TEXT_NUMBER"}


def test_dash_means_zero_and_blank_means_missing(sample_report, sample_copy):
    assert sample_report.line("1.1").carried == 0  # typed "-"
    edit_cells(sample_copy, {("งบประมาณ", "E5"): None})
    assert read_workbook(sample_copy).line("1.1").carried is None
    assert "INPUT_MISSING" in _codes_at(sample_copy, "งบประมาณ", "E5")


def test_text_in_a_number_cell_names_the_value(sample_copy):
    edit_cells(sample_copy, {("งบประมาณ", "D5"): "หนึ่งร้อย"})
    finding = next(f for f in run_checks(read_workbook(sample_copy)) if f.code == "INPUT_NOT_NUMBER")
    assert (finding.sheet, finding.cell) == ("งบประมาณ", "D5")
    assert finding.params["value"] == "หนึ่งร้อย"


def test_merged_cells_inside_a_table(sample_copy):
    from openpyxl import load_workbook

    book = load_workbook(sample_copy)
    book["งบประมาณ"].merge_cells("C5:C6")
    book.save(sample_copy)
    assert "INPUT_MERGED" in _codes_at(sample_copy, "งบประมาณ", "C6")


def test_missing_table_is_one_clear_error(sample_copy):
    from openpyxl import load_workbook

    book = load_workbook(sample_copy)
    del book["ตัวชี้วัด"].tables["tblKPI"]
    book.save(sample_copy)
    with pytest.raises(InputError) as raised:
        read_workbook(sample_copy)
    assert "tblKPI" in raised.value.th and "tblKPI" in raised.value.en
    assert raised.value.sheet == "ตัวชี้วัด"


def test_renamed_header_names_the_header_row(sample_copy):
    edit_cells(sample_copy, {("งบประมาณ", "D3"): "จ่าย"})
    with pytest.raises(InputError) as raised:
        read_workbook(sample_copy)
    error = raised.value
    assert (error.sheet, error.cell) == ("งบประมาณ", "A3:H3")
    assert "จ่ายจริง (2)" in error.th and "must not be renamed" in error.en


def test_english_headers_are_accepted(sample_copy):
    edit_cells(sample_copy, {("งบประมาณ", "D3"): "Paid (2)", ("งบประมาณ", "C3"): "PLAN"})
    assert read_workbook(sample_copy).line("1.1").paid == Decimal("124.797")


def _rezip(source, out, replace):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, replace.get(item.filename, lambda d: d)(data))
    return out


def test_entity_expansion_is_refused(sample_book, tmp_path):
    dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def poison(data: bytes) -> bytes:
        return data.replace(b"?>", b"?>" + dtd, 1).replace("<t>รหัส</t>".encode(), b"<t>&b;</t>", 1)

    bomb = _rezip(sample_book, tmp_path / "entities.xlsx", {"xl/sharedStrings.xml": poison})
    with pytest.raises(InputError, match="unsafe XML"):
        read_workbook(bomb)


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    assert bomb.stat().st_size < 100 * 1024
    with pytest.raises(InputError, match="zip bomb"):
        read_workbook(bomb)


@pytest.mark.parametrize(
    ("name", "content"),
    [("notes.xlsx", b"this is not a workbook"), ("empty.xlsx", b""), ("archive.xlsx", None)],
)
def test_not_a_workbook(tmp_path, name, content):
    path = tmp_path / name
    if content is None:  # a zip, but not an Office file
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "hello")
        content = buffer.getvalue()
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_workbook(path)
    assert "ไม่ใช่สมุดงาน Excel" in raised.value.th and "not an Excel workbook" in raised.value.en


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_workbook(tmp_path / "nope.xlsx")


def test_reading_never_changes_the_file(sample_copy):
    before = hashlib.sha256(sample_copy.read_bytes()).hexdigest()
    run_checks(read_workbook(sample_copy))
    assert hashlib.sha256(sample_copy.read_bytes()).hexdigest() == before


def test_formula_cells_keep_formula_and_cached_value(tmp_path):
    """A stale cached value (formula saved with an old result) is a finding, not the truth."""
    # line 1.2.1 (row 7): (5) as a formula whose saved value is stale (63.0 instead of 63.5643)
    path = sample_with_formula(tmp_path / "stale.xlsx", "G7", "=D7+E7+F7", 63.0)
    report = read_workbook(path)
    line = report.line("1.2.1")
    assert line.formulas["result"] == "=D7+E7+F7" and line.result == Decimal("63.0")
    stale = [f for f in run_checks(report) if f.code == "BUDGET_FORMULA_STALE"]
    assert [(f.cell, f.expected) for f in stale] == [("G7", Decimal("63.5643"))]


def test_a_table_without_its_header_row_is_named(tmp_path):
    """Table Design → Header Row switched off: the first row holds data, not headers. One clear error."""
    import xlsxwriter

    from etda_xl import schema
    from etda_xl.inputbook import Formats, add_input_table
    from etda_xl.sample import table_rows

    path = tmp_path / "no-header.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    formats, rows = Formats(workbook), table_rows()
    for table in schema.TABLES:
        if table is schema.OBSTACLES:
            sheet = workbook.add_worksheet(table.sheet)
            sheet.add_table(2, 0, 4, 1, {"name": table.name, "header_row": False, "data": [["ปัญหา", "x"]] * 3})
        else:
            add_input_table(workbook, formats, table, rows[table.name])
    workbook.close()
    with pytest.raises(InputError) as raised:
        read_workbook(path)
    assert raised.value.sheet == "อุปสรรค"
    assert "tblObstacles" in raised.value.en and "header row" in raised.value.en
    assert "หัวตาราง" in raised.value.th and "Header Row" in raised.value.en  # what to switch on


def test_a_typed_figure_never_calculated_is_an_error_and_strict_refuses(tmp_path):
    """Paid (2) as a formula with no saved value: an error at its cell, like a blank; --strict builds nothing."""
    from etda_xl.api import generate_report
    from etda_xl.findings import Severity
    from etda_xl.sample import write_sample

    path = edit_cells(write_sample(tmp_path / "uncalculated.xlsx"), {("งบประมาณ", "D8"): "=D7/2"})  # no saved value
    found = [f for f in run_checks(read_workbook(path)) if f.cell == "D8" and f.code.startswith("INPUT_")]
    assert [(f.code, f.severity) for f in found] == [("INPUT_FORMULA_UNCALCULATED", Severity.ERROR)]
    assert found[0].params["field"] == "จ่ายจริง (2)"  # the column's header
    result = generate_report(path, tmp_path / "report.xlsx", strict=True)
    assert result.refused and not (tmp_path / "report.xlsx").exists()


def _with_cells(book, out, part: str, cells: dict[str, str]):
    """``book`` with the cells of ``part`` at the given addresses written as the given XML."""
    import re

    def rewrite(data: bytes) -> bytes:
        text = data.decode()
        for ref, xml in cells.items():
            text, found = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
            assert found, ref
        return text.encode()

    return _rezip(book, out, {part: rewrite})


SETTINGS_PART, BUDGET_PART = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet3.xml"


def test_iso_date_cells_read_as_dates(sample_book, tmp_path):
    """t="d" cells, as openpyxl (iso_dates=True), LibreOffice and Strict Open XML write them."""
    for written in ("2020-09-30T00:00:00", "2020-09-30", "2020-09-30T23:59:59.99999979"):
        book = _with_cells(sample_book, tmp_path / "iso.xlsx", SETTINGS_PART,
                           {"B7": f'<c r="B7" s="4" t="d"><v>{written}</v></c>'})  # fmt: skip
        quarter = read_workbook(book)
        expected = date(2020, 10, 1) if written.endswith("979") else date(2020, 9, 30)  # rounded as Excel rounds
        assert quarter.settings.as_of == expected, written
        assert not {f.code for f in run_checks(quarter) if f.cell == "B7" and f.code.startswith("INPUT_")}


@pytest.mark.parametrize(
    ("part", "cell", "written", "code", "shown"),
    [
        (SETTINGS_PART, "B7", "2020-02-30", "INPUT_BAD_DATE", "'2020-02-30'"),  # no such day
        (SETTINGS_PART, "B7", "10:10:10", "INPUT_BAD_DATE", "'10:10:10'"),  # a time of day, no date
        (SETTINGS_PART, "B7", "PT0H11M0.000S", "INPUT_BAD_DATE", "'0:11:00'"),  # a duration
        (BUDGET_PART, "D5", "10:10:10", "INPUT_NOT_NUMBER", "'10:10:10'"),
        (BUDGET_PART, "D5", "not a date", "INPUT_NOT_NUMBER", "'not a date'"),
    ],
)
def test_an_iso_cell_that_is_no_date_is_a_finding_at_its_cell(sample_book, tmp_path, part, cell, written, code, shown):
    """Never "damaged" for the whole book: the column's parser says what is wrong, at the cell."""
    style = "4" if cell == "B7" else "7"
    book = _with_cells(
        sample_book, tmp_path / "bad.xlsx", part, {cell: f'<c r="{cell}" s="{style}" t="d"><v>{written}</v></c>'}
    )
    found = [f for f in run_checks(read_workbook(book)) if f.cell == cell and f.code.startswith("INPUT_")]
    assert [f.code for f in found] == [code]
    assert f"'{found[0].params['value']}'" == shown


def test_a_bad_cell_beside_the_tables_does_not_matter(sample_book, tmp_path):
    """Cells outside every table are never read: an ISO text that is no date and a number that is none,
    above the budget table (read up to, for merged ranges) and right of it."""
    bad = '<c r="{0}1" t="d"><v>2020-02-30T99:99</v></c><c r="{1}1"><v>1,5</v></c>'

    def add(data: bytes) -> bytes:
        return data.replace(b"</c></row>", b"</c>" + bad.format("G", "H").encode() + b"</row>", 1).replace(
            b'</c></row><row r="5"', b"</c>" + bad.format("J", "K").replace("1", "4").encode() + b'</row><row r="5"', 1
        )

    book = _rezip(sample_book, tmp_path / "beside.xlsx", {BUDGET_PART: add})
    with zipfile.ZipFile(book) as archive:
        sheet = archive.read(BUDGET_PART)
    assert sheet.count(b"2020-02-30T99:99") == 2 and b'<c r="H1"><v>1,5</v>' in sheet and b'<c r="K4">' in sheet
    assert read_workbook(book).line("1.1").paid == Decimal("124.797")


def test_a_helper_table_without_its_header_row_on_another_sheet_is_passed_over(tmp_path):
    """An officer's helper list (Table Design → Header Row off) beside the input tables: not the tool's."""
    import xlsxwriter

    from etda_xl import schema
    from etda_xl.inputbook import Formats, add_input_table
    from etda_xl.sample import table_rows

    path = tmp_path / "helper.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    formats, rows = Formats(workbook), table_rows()
    for table in schema.TABLES:
        add_input_table(workbook, formats, table, rows[table.name])
    helper = workbook.add_worksheet("รายชื่อ")
    helper.add_table(0, 0, 2, 1, {"name": "tblHelper", "header_row": False, "data": [["ก", 1], ["ข", 2], ["ค", 3]]})
    workbook.close()
    quarter = read_workbook(path)
    assert quarter.line("1.1").paid == Decimal("124.797")
    assert not [f for f in run_checks(quarter) if f.sheet == "รายชื่อ"]


def test_a_row_typed_just_below_a_table_is_said_not_lost(sample_copy):
    """An obstacle typed under tblObstacles (the table not grown, as after a paste) is not in the report:
    a warning at that row says so and how to grow the table; a note typed right of the budget table
    likewise, once per row or column; the figures read are the table's own."""
    edit_cells(sample_copy, {("อุปสรรค", "A8"): "ปัญหา/อุปสรรค", ("อุปสรรค", "B8"): "งานล่าช้า",
                             ("งบประมาณ", "I5"): "หมายเหตุ", ("งบประมาณ", "I6"): "อีกข้อ"})  # fmt: skip
    quarter = read_workbook(sample_copy)
    outside = [f for f in run_checks(quarter) if f.code == "INPUT_OUTSIDE_TABLE"]
    assert [(f.sheet, f.cell, f.severity.value) for f in outside] == [
        ("งบประมาณ", "I5", "warning"), ("อุปสรรค", "A8", "warning")]  # fmt: skip
    below = outside[1]
    assert (below.params["table"], below.params["what"]) == ("tblObstacles", "row")
    assert (outside[0].params["table"], outside[0].params["what"]) == ("tblBudget", "column")
    assert [o.text for o in quarter.obstacles][-1] != "งานล่าช้า" and len(quarter.obstacles) == 4


def test_a_table_with_a_totals_row_looks_below_the_totals_row(tmp_path):
    """The row under a totals row is the one outside; the totals row itself is the table's."""
    from openpyxl import Workbook
    from openpyxl.worksheet.table import Table

    book = Workbook()
    sheet = book.active
    for row in (("หัวข้อ", "ข้อความ"), ("ปัญหา/อุปสรรค", "ก"), ("รวม", ""), ("", "พิมพ์นอกตาราง")):
        sheet.append(row)
    table = Table(displayName="tblObstacles", ref="A1:B3", totalsRowCount=1)
    sheet.add_table(table)
    path = tmp_path / "totals.xlsx"
    book.save(path)
    from etda_xl.package import read_raw_tables

    raw = read_raw_tables(path, ["tblObstacles"])["tblobstacles"]
    assert [c.where.cell for c in raw.outside] == ["B4"] and len(raw.cells) == 2


def test_a_renamed_input_table_is_named_with_how_to_rename_it_back(sample_copy):
    """tblKPI renamed Table7 (Excel's default name for a new table): the message names Table7, its sheet and
    cell, and says where Excel renames a table."""
    from openpyxl import load_workbook

    book = load_workbook(sample_copy)
    sheet = book["ตัวชี้วัด"]
    table = sheet.tables["tblKPI"]
    del sheet.tables["tblKPI"]
    table.displayName = table.name = "Table7"
    sheet.add_table(table)
    book.save(sample_copy)
    with pytest.raises(InputError) as raised:
        read_workbook(sample_copy)
    error = raised.value
    assert (error.sheet, error.cell) == ("ตัวชี้วัด", "A3")
    assert "table Table7 on sheet ตัวชี้วัด has tblKPI's headers" in error.en
    assert "Table Design > Table Name" in error.en and "ตาราง Table7 ในชีต ตัวชี้วัด มีหัวคอลัมน์ของ tblKPI" in error.th
