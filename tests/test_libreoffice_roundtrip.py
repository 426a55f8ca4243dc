"""A book saved by LibreOffice reads as the data it holds (issue: 'a fresh book read as 178 errors').

LibreOffice keeps the tables but saves every ETDA_* cell with a cached error (it has no xlwings):
those computed columns are recomputed, never read as data, so the findings are those of the original.
"""

from __future__ import annotations

from pathlib import Path

from etda_xl.api import check_workbook, new_workbook
from etda_xl.findings import Severity
from etda_xl.sample import write_sample

from .test_template_libreoffice import _open_and_save, pytestmark  # noqa: F401  (skip rule: LibreOffice needed)


def _summary(findings) -> list[tuple[str, str, str, str]]:
    return sorted((f.code, f.severity.value, f.sheet, f.cell) for f in findings)


def test_a_fresh_book_saved_by_libreoffice_has_no_error(tmp_path: Path):
    book = new_workbook(tmp_path / "2564-Q1.xlsm", 2564, 1)
    quarter, findings = check_workbook(_open_and_save(book, tmp_path))
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert quarter.budget == [] and quarter.projects == [] and quarter.kpis == []  # no empty row is data
    assert (quarter.settings.fiscal_year, quarter.settings.quarter) == (2564, 1)
    assert _summary(findings) == _summary(check_workbook(book)[1])


def test_the_sample_saved_by_libreoffice_gives_the_same_findings(tmp_path: Path):
    sample = write_sample(tmp_path / "sample.xlsx")
    original = check_workbook(sample)[1]
    saved = check_workbook(_open_and_save(sample, tmp_path))[1]
    assert _summary(saved) == _summary(original)
    root = next(f for f in saved if f.code == "ROOT_CAUSE")
    assert (root.cell, str(root.fix)) == ("F4", "102.8968")
