"""Values handed over by a live sheet (the ETDA_CHECKS path) read exactly like the file."""

import pytest

from etda_xl.a1 import column_letters, parse_a1, to_a1
from etda_xl.checks import run_checks
from etda_xl.errors import InputError
from etda_xl.workbook import TableValues, read_tables


def _tables_as_excel_hands_them_over(path):
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    tables = {}
    for sheet in book.worksheets:
        for table in sheet.tables.values():
            rows = sheet[table.ref]
            values = [[cell.value for cell in row] for row in rows]
            formats = [cell.number_format for cell in rows[1]]
            tables[table.name] = TableValues(sheet.title, table.ref.split(":")[0], values, formats)
    return tables


def test_same_findings_as_the_file_reader(sample_book, sample_findings):
    report = read_tables(_tables_as_excel_hands_them_over(sample_book), "live")
    assert run_checks(report) == sample_findings


def test_a_missing_table_is_named(sample_book):
    tables = _tables_as_excel_hands_them_over(sample_book)
    del tables["tblBudget"]
    with pytest.raises(InputError, match="tblBudget"):
        read_tables(tables)


@pytest.mark.parametrize(("address", "row", "col"), [("A1", 1, 1), ("F7", 7, 6), ("$AA$10", 10, 27), ("B3:H17", 3, 2)])
def test_a1(address, row, col):
    assert parse_a1(address) == (row, col)
    assert to_a1(row, col) == address.replace("$", "").split(":")[0]


def test_column_letters():
    assert [column_letters(c) for c in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
