"""Shared fixtures: the FY2563 Q4 sample workbook, written once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etda_xl.checks import run_checks
from etda_xl.sample import write_sample
from etda_xl.workbook import read_workbook


@pytest.fixture(scope="session")
def sample_book(tmp_path_factory) -> Path:
    """The sample workbook, written once; tests that change it copy it first (see ``sample_copy``)."""
    return write_sample(tmp_path_factory.mktemp("sample") / "sample.xlsx")


@pytest.fixture(scope="session")
def sample_report(sample_book):
    return read_workbook(sample_book)


@pytest.fixture(scope="session")
def sample_findings(sample_report):
    return run_checks(sample_report)


@pytest.fixture(scope="session")
def report_result(sample_book, tmp_path_factory):
    """The sample's report (.xlsx, and .pdf when LibreOffice is there), built once per session."""
    from .test_report_support import sample_report_result

    return sample_report_result(sample_book, tmp_path_factory)


@pytest.fixture(scope="session")
def report_book(report_result):
    """The sample's report read back with openpyxl."""
    from .test_report_support import sample_report_book

    return sample_report_book(report_result)


@pytest.fixture
def sample_copy(sample_book, tmp_path) -> Path:
    target = tmp_path / "copy.xlsx"
    shutil.copyfile(sample_book, target)
    return target


def edit_cells(path: Path, edits: dict[tuple[str, str], object], out: Path | None = None) -> Path:
    """Change cells of a workbook with openpyxl (sheet, cell) → value, saved to ``out``."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    for (sheet, cell), value in edits.items():
        book[sheet][cell].value = value
    target = out or path
    book.save(target)
    return target


def sample_with_formula(path: Path, cell: str, formula: str, cached) -> Path:
    """The sample written afresh with one budget cell as a formula whose saved value is ``cached``."""
    import xlsxwriter

    from etda_xl import schema
    from etda_xl.inputbook import Formats, add_input_table
    from etda_xl.sample import table_rows

    workbook = xlsxwriter.Workbook(str(path))
    formats = Formats(workbook)
    rows = table_rows()
    for table in schema.TABLES:
        add_input_table(workbook, formats, table, rows[table.name])
    workbook.get_worksheet_by_name("งบประมาณ").write_formula(cell, formula, None, cached)
    workbook.close()
    return path
