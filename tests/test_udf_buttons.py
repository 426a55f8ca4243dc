"""The buttons' logic over a fake live book (no Excel): save a copy, hand it to the file-based core,
write only the results sheet; make the report next to the book; export the PDF through "Excel"."""

from __future__ import annotations

import hashlib

import pytest
import xlwings as xw

from etda_xl.sample import SETTINGS, table_rows
from etda_xl.template import build_template, sheets
from udfs import buttons
from udfs import etda_udfs as udf

from .excel_fakes import FIXED_NOW, FakeBook


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory):
    """The template filled with the sample: what Excel would save for a finance officer's book."""
    return build_template(tmp_path_factory.mktemp("live") / "saved.xlsm", settings=SETTINGS, rows=table_rows())


@pytest.fixture
def book(filled_template, tmp_path):
    names = [name for name, _codename in sheets.SHEETS]
    return FakeBook(tmp_path / "ไตรมาส4.xlsm", filled_template, names)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_run_checks_lists_the_findings_on_the_results_sheet_only(book, filled_template):
    before = _digest(filled_template)
    message = buttons.run_checks(book, now=FIXED_NOW)
    assert message.splitlines()[0] == "ตรวจสอบ ไตรมาส4.xlsm: ข้อผิดพลาด 5 รายการ, คำเตือน 2 รายการ, ข้อสังเกต 3 รายการ"
    assert message.splitlines()[1] == "Checked ไตรมาส4.xlsm: 5 errors, 2 warnings, 3 notes"
    assert len(book.api.copies) == 1 and book.api.copies[0].endswith("ไตรมาส4.xlsm")  # SaveCopyAs, same name
    assert _digest(filled_template) == before

    results = book.sheets[sheets.RESULTS]
    touched = [s.name for s in book.sheets if s.written or s.cleared]
    assert touched == [sheets.RESULTS]  # no user sheet is written to
    assert results.cleared == ["A5:J5005"]
    assert results.written["A2"].startswith("ตรวจเมื่อ / checked at 2020-10-05 09:30: ตรวจสอบ ไตรมาส4.xlsm")
    rows = results.written["A5"]
    assert len(rows) == 10 and all(len(r) == len(sheets.RESULTS_COLUMNS) for r in rows)
    assert results.log[-1] == ("value", "A5")  # one write for the whole block
    assert results.activated

    first = rows[0]
    assert first[:3] == [1, "error", "ROOT_CAUSE"]  # the cause first, then the errors it explains
    assert first[3] == "=HYPERLINK(\"#'งบประมาณ'!F4\",\"'งบประมาณ'!F4\")"
    assert first[9] == "งบประมาณ!F4"  # the key the input sheets' conditional formats look up
    assert (first[6], first[7]) == (102.8968, 102.8978)
    severities = [r[1] for r in rows]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)


def test_results_text_never_becomes_a_formula():
    from etda_xl.findings import Finding, Severity

    finding = Finding("INPUT_NOT_NUMBER", Severity.ERROR, "ตัวชี้วัด", "E5", "th", "en", None, "=1+1", "-")
    row = buttons.result_rows([finding])[0]
    assert row[7] == "'=1+1" and row[8] == "'-"
    assert buttons.cell_text("@SUM(A1)") == "'@SUM(A1)"
    assert buttons._link("'a\"b'!A1") == '=HYPERLINK("#\'a""b\'!A1","\'a""b\'!A1")'


def test_a_deleted_results_sheet_is_added_back(filled_template, tmp_path):
    names = [name for name, _codename in sheets.SHEETS if name != sheets.RESULTS]
    book = FakeBook(tmp_path / "b.xlsm", filled_template, names)
    buttons.run_checks(book, now=FIXED_NOW)
    assert [s.name for s in book.sheets][-1] == sheets.RESULTS
    assert book.sheets[sheets.RESULTS].written["A5"]


def test_make_report_writes_next_to_the_book_and_opens_it(book, tmp_path):
    message = buttons.make_report(book)
    report = tmp_path / "ไตรมาส4-report.xlsx"
    assert report.is_file()
    assert book.app.books.opened == [str(report)]
    assert str(report) in message and "ไตรมาส4.xlsm" in message


def test_make_report_closes_the_last_report_first(book, tmp_path):
    buttons.make_report(book)
    first = book.app.books.open_books[-1]
    buttons.make_report(book)
    assert first.closed  # otherwise Excel would keep the file locked
    assert book.app.books.opened == [str(tmp_path / "ไตรมาส4-report.xlsx")] * 2


def test_export_pdf_through_excel(book, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(buttons, "open_file", opened.append)
    message = buttons.export_pdf(book)
    pdf = tmp_path / "ไตรมาส4-report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    report_book = next(b for b in book.app.books.opened if b.endswith(".xlsx"))
    assert report_book == str(tmp_path / "ไตรมาส4-report.xlsx")
    assert opened == [pdf]
    assert f"Wrote the PDF: {pdf}" in message
    assert not list(tmp_path.glob(".*"))  # no temporary left behind


def test_an_unsaved_book_is_asked_to_be_saved(filled_template):
    book = FakeBook("Book1", filled_template, [sheets.HOME])
    message = buttons.press(buttons.make_report, book)
    assert "save the workbook to a local folder first" in message
    assert book.app.alerts[-1][2] == "critical"


class OneDriveBook(FakeBook):
    """A book opened from OneDrive whose synced local file xlwings cannot find (0.37.8's Book.fullname)."""

    @property
    def fullname(self):
        raise xw.XlwingsError("Couldn't find your local OneDrive file, see: xlwings.org/error")

    @fullname.setter
    def fullname(self, _value):
        pass


def test_a_onedrive_book_without_its_local_file_is_asked_to_be_saved_locally(filled_template, tmp_path):
    book = OneDriveBook(tmp_path / "q.xlsm", filled_template, [name for name, _ in sheets.SHEETS])
    for action in (buttons.make_report, buttons.export_pdf):
        message = buttons.press(action, book)
        assert message.startswith("บันทึกไฟล์ไว้ในเครื่องก่อน")
        assert "save the workbook to a local folder first" in message
        assert "ONEDRIVE_CONSUMER_WIN" in message and "xlwings.conf" in message
        assert "Couldn't find your local OneDrive file" in message  # xlwings' own words, for a helper
        assert "XlwingsError" not in message and "Traceback" not in message
        assert book.app.alerts[-1] == (message, "etda-xl", "critical")
    assert not list(tmp_path.glob("*report*")) and book.app.books.opened == []


def test_a_web_address_is_asked_to_be_saved_locally(filled_template):
    book = FakeBook("https://d.docs.live.net/abc/q.xlsm", filled_template, [sheets.HOME])
    assert buttons.press(buttons.make_report, book).startswith("บันทึกไฟล์ไว้ในเครื่องก่อน")


def test_press_shows_failures_as_a_message_not_a_traceback(book):
    def broken(_book):
        raise ValueError("boom")

    assert buttons.press(broken, book) == "เกิดข้อผิดพลาด / error: ValueError: boom"
    assert book.app.alerts == [("เกิดข้อผิดพลาด / error: ValueError: boom", "etda-xl", "critical")]


def test_the_scripts_are_thin_shells_over_the_caller(book, monkeypatch):
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: book), raising=False)
    udf.etda_run_checks()
    assert book.app.alerts[-1][2] == "info"
    assert book.sheets[sheets.RESULTS].written["A5"]
