"""Shared by the report tests: the sample's report built once per session, seed figures, PDF helpers.

The test modules wrap ``sample_report_result`` & co. in their own fixtures; the builds are cached
here, so the sample report (.xlsx and, with LibreOffice, .pdf) is made once however many use it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from etda_xl.api import generate_report

_CACHE: dict[str, object] = {}

#: The circulated report's budget table (shared/seed), as printed: code → (1), (2), (3), (4), (5), %.
SEED_BUDGET = {
    "1": ("474.5184", "252.3717", "66.6804", "102.8978", "421.9488", 89),
    "1.1": ("134.1005", "124.7970", "0", "2.3262", "127.1233", 95),
    "1.2": ("94.4901", "49.7789", "14.5341", "26.6362", "90.9492", 96),
    "1.2.1": ("65.8713", "45.6189", "14.1597", "3.7857", "63.5643", 96),
    "1.2.2": ("28.6188", "4.1600", "0.3744", "22.8505", "27.3849", 96),
    "1.3": ("245.9278", "77.7958", "52.1463", "73.9344", "203.8764", 83),
    "1.3.1": ("71.3198", "18.3052", "20.5427", "27.2313", "66.0792", 93),
    "1.3.2": ("77.3767", "45.7146", "14.2750", "16.2982", "76.2878", 99),
    "1.3.3": ("4.1865", "0.5871", "0", "3.3648", "3.9519", 94),
    "1.3.4": ("88.3398", "13.1889", "17.3286", "22.3351", "52.8525", 60),
    "1.3.5": ("4.705", "0", "0", "4.7050", "4.7050", 100),
    "2": ("33.4653", "18.6996", "9.7305", "1.0532", "29.4833", 88),
    "3": ("80.8109", "14.8376", "16.9149", "13.4060", "45.1584", 56),
    "รวม": ("588.7946", "285.9089", "93.3258", "117.3560", "496.5906", 84),
}

#: The circulated summary table: short name, ops plan, ops result, fin plan, fin result, KPIs, completed.
SEED_SUMMARY = [
    ("Digital Governance", 100, 100, 100, 96, 5, 5),
    ("Digital Transformation", 100, 100, 100, 99, 5, 5),
    ("Speed up e-Licensing", 100, 100, 100, 60, 8, 8),
    ("Thailand e-Commerce Sustainability", 100, 100, 100, 93, 8, 8),
    ("Stop e-Commerce Fraud", 100, 100, 100, 94, 6, 6),
]
SEED_TOTAL = (100, 100, 100, 84, 32, 32)  # "100/100", "100/84", 32, 32

SEED_FOOTNOTE_1 = "สรุปผลการใช้จ่ายรายการที่ 1.2.2-1.3.4 ทั้งหมดเท่ากับ 226.5563 ล้านบาท คิดเป็น 84%"
SEED_FOOTNOTE_2 = (
    "*รายการที่ 1.3.5 e-Office เป็นส่วนหนึ่งของ รายการ 1.3.4 โครงการ Speed up e-Licensing ทั้งนี้ "
    "มีผลการใช้จ่ายรวม 57.5575 ล้านบาท คิดเป็น 62%"
)


def soffice_or_skip() -> None:
    """Skip without LibreOffice, unless ETDA_XL_REQUIRE_LIBREOFFICE=1 (CI): then fail."""
    from etda_xl.report.pdf import find_soffice

    missing = [name for name in ("pdftotext", "pdfinfo") if shutil.which(name) is None]
    if find_soffice() is None:
        missing.insert(0, "soffice")
    if missing:
        message = f"needs {', '.join(missing)} (apt-get install libreoffice-calc-nogui fonts-thai-tlwg poppler-utils)"
        if os.environ.get("ETDA_XL_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail(message)
        pytest.skip(message)


def sample_report_result(sample_book, tmp_path_factory):
    """The sample's report: a ReportResult with the .xlsx, and the .pdf when LibreOffice is there.
    Built on first use and shared by every report test module (conversion takes about a second)."""
    if "built" not in _CACHE:
        from etda_xl.report.pdf import find_soffice

        out = tmp_path_factory.mktemp("report")
        pdf = out / "report.pdf" if find_soffice() and shutil.which("pdftotext") else None
        _CACHE["built"] = generate_report(sample_book, out / "report.xlsx", pdf)
    return _CACHE["built"]


def sample_report_book(result):
    """The sample report read back with openpyxl (values as written)."""
    if "book" not in _CACHE:
        from openpyxl import load_workbook

        _CACHE["book"] = load_workbook(result.xlsx)
    return _CACHE["book"]


def sample_report_pdf(result) -> Path:
    """The sample report's PDF; skips (or fails in CI) without LibreOffice."""
    soffice_or_skip()
    assert result.pdf_error is None, result.pdf_error and result.pdf_error.both()
    assert result.pdf is not None and result.pdf.stat().st_size > 0
    return result.pdf


def pdf_text(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


_SPACES = re.compile(r"\s+")
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # Thai upper/lower vowels and tone marks


def _base(text: str) -> str:
    return _MARKS.sub("", _SPACES.sub("", unicodedata.normalize("NFC", text)))


def thai_in_pdf_text(expected: str, text: str) -> bool:
    """pdftotext may move a Thai mark one letter later and add a space ('ใช้จ่าย' → 'ใช้จา่ ย'):
    the base letters must appear in order, and every mark of ``expected`` must be in the text."""
    if _base(expected) not in _base(text):
        return False
    have = Counter(_MARKS.findall(text))
    return all(have[m] >= n for m, n in Counter(_MARKS.findall(expected)).items())


def sheet_by_prefix(book, prefix: str):
    return next(ws for ws in book.worksheets if ws.title.startswith(prefix))


def find_row(ws, column: int, value) -> int:
    """The 1-based row whose cell in ``column`` equals ``value``."""
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, column).value == value:
            return row
    raise AssertionError(f"{value!r} not found in column {column} of {ws.title}")


def test_thai_comparison_accepts_moved_marks_and_rejects_other_text():
    assert thai_in_pdf_text("ผลการใช้จ่าย", "ผลการใช้จา่ ย")
    assert not thai_in_pdf_text("ผลการใช้จ่าย", "ผลการใชจาย")
    assert not thai_in_pdf_text("ผลการใช้จ่าย", "ผลการใช้จ่ำย")
