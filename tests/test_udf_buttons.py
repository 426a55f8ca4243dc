"""The buttons' logic over a fake live book (no Excel): save a copy, hand it to the file-based core,
write only the results sheet; make the report next to the book; export the PDF through "Excel"."""

from __future__ import annotations

import hashlib
from decimal import Decimal

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
    assert results.cleared == ["A5:I5005"]
    assert results.written["A2"].startswith("ตรวจเมื่อ / checked at 2020-10-05 09:30: ตรวจสอบ ไตรมาส4.xlsm")
    rows = results.written["A5"]
    assert len(rows) == 10 and all(len(r) == len(sheets.RESULTS_COLUMNS) for r in rows)
    assert results.log[-1] == ("value", "A5")  # one write for the whole block
    assert results.activated

    first = rows[0]
    # Text goes in with a ' prefix (Excel keeps it text and shows it without the '); numbers as numbers.
    assert first[:3] == [1, "'error", "'ROOT_CAUSE"]  # the cause first, then the errors it explains
    assert first[3] == "=HYPERLINK(\"#'งบประมาณ'!F4\",\"'งบประมาณ'!F4\")"  # the one formula
    assert first[8] == "'งบประมาณ!F4"  # the key the input sheets' conditional formats look up
    assert (first[6], first[7]) == (102.8978, 102.8968)  # what F4 reads, and what to type instead
    severities = [r[1] for r in rows]
    assert severities == sorted(severities, key=["'error", "'warning", "'info"].index)
    assert book.names.added == []  # the flag names were fine


def test_results_text_stays_text_and_numbers_stay_numbers():
    """Range.value parses text as if typed: "1.10" → 1.1, "1/2" → a date, "001" → 1, "=1+1" → 2."""
    from decimal import Decimal

    from etda_xl.findings import Finding, Severity

    finding = Finding("INPUT_NOT_NUMBER", Severity.ERROR, "ตัวชี้วัด", "E5", "th", "en", None, "=1+1", "-")
    row = buttons.result_rows([finding])[0]
    assert row[6] == "'=1+1" and row[7] == "'-"
    for text in ("1.10", "1/2", "001", "@SUM(A1)", "+66", "TRUE", "1e5", "ร้อยละ 80"):
        assert buttons.cell_text(text) == "'" + text
    assert buttons.cell_text(Decimal("102.8968")) == 102.8968  # a figure stays a number
    assert buttons.cell_text(5) == 5 and buttons.cell_text(None) == "" and buttons.cell_text("") == ""
    assert buttons.cell_text(["1.1", "1.2"]) == "'1.1, 1.2"
    assert buttons._link("'a\"b'!A1") == '=HYPERLINK("#\'a""b\'!A1","\'a""b\'!A1")'


def test_results_cells_and_live_checks_convert_values_alike():
    """One conversion (cells.excel_value): the button only adds the text prefix Range.value needs."""
    from decimal import Decimal

    from etda_xl.cells import excel_value

    for value in (Decimal("1.5"), None, ["a", "b"], "x", 3):
        converted = excel_value(value)
        assert buttons.cell_text(value) == ("'" + converted if isinstance(converted, str) and converted else converted)


def test_a_deleted_results_sheet_is_added_back_with_its_headers_and_names(filled_template, tmp_path):
    names = [name for name, _codename in sheets.SHEETS if name != sheets.RESULTS]
    book = FakeBook(tmp_path / "b.xlsm", filled_template, names)
    assert book.names[sheets.FLAG_CELLS].refers_to.startswith("=#REF!")  # what Excel leaves
    buttons.run_checks(book, now=FIXED_NOW)
    assert [s.name for s in book.sheets][-1] == sheets.RESULTS
    results = book.sheets[sheets.RESULTS]
    assert results.written["A5"]
    assert results.written[f"A{sheets.RESULTS_HEADER_ROW}"][0][:2] == ["'ลำดับ\nNo.", "'ระดับ\nSeverity"]
    expected = {
        sheets.FLAG_CELLS: f"='{sheets.RESULTS}'!$I$5:$I$5004",
        sheets.FLAG_SEVERITY: f"='{sheets.RESULTS}'!$B$5:$B$5004",
    }
    assert sheets.flag_names() == expected  # what the template defines (test_template_formulas reads them)
    assert book.names.defined == expected and sorted(book.names.added) == sorted(expected.items())


def test_missing_flag_names_are_defined_again(book):
    book.names = type(book.names)({})
    buttons.run_checks(book, now=FIXED_NOW)
    assert book.names.defined == sheets.flag_names()


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


def test_a_last_report_with_unsaved_edits_is_never_closed_or_replaced(book, tmp_path):
    buttons.make_report(book)
    first = book.app.books.open_books[-1]
    first.api.Saved = False  # the officer typed a note into it
    report = tmp_path / "ไตรมาส4-report.xlsx"
    before = report.read_bytes()
    message = buttons.press(buttons.make_report, book)
    assert not first.closed and report.read_bytes() == before
    assert "ยังไม่ได้บันทึก" in message and "unsaved changes" in message


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


@pytest.mark.parametrize(
    "script", [udf.etda_run_checks, udf.etda_make_report, udf.etda_export_pdf, udf.etda_start_next_quarter]
)
def test_a_button_that_cannot_find_its_book_says_so(monkeypatch, script):
    """xw.Book.caller() failing (or anything before the action) is a message box, not a VBA traceback."""
    from types import SimpleNamespace

    def no_caller(cls):
        raise xw.XlwingsError("Book.caller() is only available when called from Excel")

    alerts = []
    active = SimpleNamespace(alert=lambda text, title=None, mode=None: alerts.append((text, title, mode)))
    monkeypatch.setattr(xw.Book, "caller", classmethod(no_caller), raising=False)
    monkeypatch.setattr(xw, "apps", SimpleNamespace(active=active))
    message = script()
    assert message.splitlines()[0].startswith("ปุ่มเริ่มทำงานไม่ได้: XlwingsError: Book.caller() is only available")
    assert message.splitlines()[1].startswith("the button could not start: XlwingsError:")
    assert "etda-xl doctor" in message and "etda-xl setup-excel" in message and "Traceback" not in message
    assert alerts == [(message, "etda-xl", "critical")]


def test_a_button_whose_module_fails_to_import_says_so(monkeypatch, book):
    import sys

    import udfs

    monkeypatch.setitem(sys.modules, "udfs.buttons", None)  # import udfs.buttons raises ImportError
    monkeypatch.delattr(udfs, "buttons")
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: book), raising=False)
    message = udf.etda_make_report()  # no Excel here: the fallback message box fails quietly too
    assert message.startswith("ปุ่มเริ่มทำงานไม่ได้: ModuleNotFoundError: import of udfs.buttons halted")
    assert book.app.books.opened == []


# --- start the next quarter ------------------------------------------------------------------------------


def test_start_next_quarter_writes_next_to_the_book_never_over_a_file(book, filled_template, tmp_path):
    from etda_xl.workbook import read_workbook

    before = _digest(filled_template)
    message = buttons.start_next_quarter(book)
    written = tmp_path / "2564-Q1.xlsm"  # the sample is Q4 of 2563
    lines = message.splitlines()
    assert lines[0] == f"เขียนสมุดงานไตรมาส 1/2564 แล้ว: {written}"  # Thai first, then English
    assert f"Wrote the Q1 FY2564 workbook: {written}" in lines
    assert "ไตรมาส4.xlsm" in message  # the user's book named, not the temporary copy
    assert len(book.api.copies) == 1 and _digest(filled_template) == before
    assert not [s.name for s in book.sheets if s.written or s.cleared]  # the live book is not written to
    q1 = read_workbook(written)
    assert (q1.settings.fiscal_year, q1.settings.quarter) == (2564, 1)
    # (5) is =ETDA_SPEND in the template: 13.1889 + 17.3286 + 22.3351 = 52.8526, what this book's report prints
    assert next(r for r in q1.history_budget if r.code == "1.3.4").result == Decimal("52.8526")

    again = buttons.press(buttons.start_next_quarter, book)  # pressed twice: a free name, the first kept
    assert str(tmp_path / "2564-Q1 (2).xlsm") in again
    assert book.app.alerts[-1] == (again, "etda-xl", "info")
    assert read_workbook(written).settings.quarter == 1


def test_start_next_quarter_of_an_unsaved_book_asks_to_save_it(filled_template):
    book = FakeBook("Book1", filled_template, [sheets.HOME])
    message = buttons.press(buttons.start_next_quarter, book)
    assert "save the workbook to a local folder first" in message and book.api.copies == []


def test_the_next_quarter_script_is_a_thin_shell(book, monkeypatch, tmp_path):
    monkeypatch.setattr(xw.Book, "caller", classmethod(lambda cls: book), raising=False)
    udf.etda_start_next_quarter()
    assert book.app.alerts[-1][2] == "info" and (tmp_path / "2564-Q1.xlsm").is_file()
