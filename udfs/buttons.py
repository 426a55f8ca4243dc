"""What the template's buttons do, over an xlwings Book (tests pass a fake one: no Excel needed).

One reader: a button saves a copy of the live book with Excel's ``SaveCopyAs`` and hands that file
to the same file-based core the command line uses (``etda_xl.api``). It writes only to its own
results sheet; the input sheets' conditional formats colour the cells it lists.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from etda_xl.errors import OutputError
from etda_xl.template import sheets


def press(action: Callable[[Any], str], book) -> str:
    """Run a button's action and tell the user how it went; a failure is a message box, not a traceback."""
    try:
        message = action(book)
    except Exception as error:  # the user gets one readable message whatever happened
        both = getattr(error, "both", None)
        text = both() if callable(both) else f"เกิดข้อผิดพลาด / error: {type(error).__name__}: {error}"
        _alert(book, text, critical=True)
        return text
    _alert(book, message)
    return message


def _alert(book, text: str, critical: bool = False) -> None:
    with contextlib.suppress(Exception):  # no message box (e.g. Excel busy): the sheet still has the results
        book.app.alert(text, title="etda-xl", mode="critical" if critical else "info")


@contextlib.contextmanager
def saved_copy(book) -> Iterator[Path]:
    """A copy of the live book as Excel would save it now (``SaveCopyAs``); the book itself is untouched."""
    name = Path(book.name).name
    if not Path(name).suffix:  # never saved: Excel calls it Book1
        name += ".xlsm"
    with tempfile.TemporaryDirectory(prefix="etda-xl-") as directory:
        target = Path(directory) / name  # same name, so messages name the user's book
        book.api.SaveCopyAs(str(target))
        if not target.is_file():
            raise OSError(f"Excel did not save a copy to {target}")
        yield target


def cell_text(value: Any) -> Any:
    """A value for a results cell written through ``Range.value``, which Excel parses as if typed:
    every text gets a ' prefix so it stays the text it is ("1.10", "1/2", "001", "=1+1" would become a
    number, a date, 1 or a formula); numbers stay numbers. The conversion itself is ``cells.excel_value``,
    as ETDA_CHECKS returns it (a UDF's result is not parsed, so it needs no prefix)."""
    from etda_xl.cells import excel_value

    value = excel_value(value)
    if isinstance(value, str) and value:
        return "'" + value
    return value


def _link(where: str) -> str:
    """A HYPERLINK formula that jumps to a finding's cell."""
    target = where.replace('"', '""')
    return f'=HYPERLINK("#{target}","{target}")' if where else ""


def result_rows(findings) -> list[list[Any]]:
    """The results sheet's rows, in ``sheets.RESULTS_COLUMNS`` order, as the command line lists them."""
    from etda_xl.findings import presented

    return [
        [
            number,
            cell_text(f.severity.value),
            cell_text(f.code),
            _link(f.where),
            cell_text(f.message_th),
            cell_text(f.message_en),
            cell_text(f.actual),
            cell_text(f.fix),
            cell_text(f"{f.sheet}!{f.cell}" if f.sheet else ""),
        ]
        for number, f in enumerate(presented(findings), 1)
    ]


def summary(findings, source: str) -> str:
    """The check's headline in Thai, then English (the CLI's first line)."""
    from etda_xl.findings_text import as_text

    return "\n".join(as_text(findings, source, lang).splitlines()[0] for lang in ("th", "en"))


def results_sheet(book):
    """The results sheet; added back after the last sheet, with its headers, if someone deleted it.

    Deleting it leaves the defined names the input sheets' colours read (``etda_flag_cells``,
    ``etda_flag_severity``) at #REF!: they are pointed at the sheet again whenever they differ.
    """
    names = [s.name for s in book.sheets]
    if sheets.RESULTS in names:
        sheet = book.sheets[sheets.RESULTS]
    else:
        sheet = book.sheets.add(sheets.RESULTS, after=book.sheets[len(names) - 1])
        headers = [sheets.header_text(th, en) for th, en in sheets.RESULTS_COLUMNS]
        sheet.range(f"A{sheets.RESULTS_HEADER_ROW}").value = [[cell_text(h) for h in headers]]
    _restore_flag_names(book)
    return sheet


def _restore_flag_names(book) -> None:
    for name, refers_to in sheets.flag_names().items():
        try:
            current = book.names[name].refers_to
        except Exception:  # no such name (xlwings raises KeyError, COM an error)
            current = None
        if current != refers_to:
            book.names.add(name, refers_to)


def write_results(book, findings, stamp: str) -> None:
    sheet = results_sheet(book)
    first = sheets.RESULTS_HEADER_ROW + 1
    last_col = _column_letter(len(sheets.RESULTS_COLUMNS))
    sheet.range(f"A{first}:{last_col}{first + sheets.RESULTS_MAX_ROWS}").clear_contents()
    sheet.range(sheets.RESULTS_STAMP_CELL).value = stamp
    rows = result_rows(findings)[: sheets.RESULTS_MAX_ROWS]  # errors first, so a cut drops notes
    if rows:
        sheet.range(f"A{first}").value = rows  # one call for the whole block
    sheet.activate()


def _column_letter(number: int) -> str:
    from etda_xl.a1 import column_letters

    return column_letters(number)


def run_checks(book, now: datetime | None = None) -> str:
    """ตรวจสอบข้อมูล: check a saved copy of the book, list the findings on the results sheet."""
    from etda_xl.api import check_workbook

    with saved_copy(book) as copy:
        _report, findings = check_workbook(copy)
    text = summary(findings, book.name)
    when = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    write_results(book, findings, f"ตรวจเมื่อ / checked at {when}: " + text.replace("\n", " | "))
    return text


# --- report and PDF ------------------------------------------------------------------------------------


#: Why a book has no usable place on disk, and what to do (xlwings maps a OneDrive/SharePoint URL to the
#: synced local file, or says it cannot).
SAVE_LOCALLY = (
    "บันทึกไฟล์ไว้ในเครื่องก่อน (File > Save As > This PC) แล้วกดอีกครั้ง: ไฟล์ที่ยังไม่ได้บันทึก หรือไฟล์บน "
    "OneDrive/SharePoint ที่หาไฟล์ที่ซิงก์ไว้ในเครื่องไม่พบ ไม่มีโฟลเดอร์ให้เขียนรายงาน หรือใส่โฟลเดอร์ที่ซิงก์ไว้ "
    "ที่ ONEDRIVE_CONSUMER_WIN / ONEDRIVE_COMMERCIAL_WIN / SHAREPOINT_WIN ในชีต xlwings.conf",
    "save the workbook to a local folder first (File > Save As > This PC), then press again: an unsaved book, "
    "or a OneDrive/SharePoint book whose synced local file cannot be found, has no folder to write the report "
    "to. Or give the synced folder as ONEDRIVE_CONSUMER_WIN, ONEDRIVE_COMMERCIAL_WIN or SHAREPOINT_WIN in "
    "xlwings.conf (a row of the xlwings.conf sheet's key block, or %USERPROFILE%\\.xlwings\\xlwings.conf)",
)


def report_paths(book) -> tuple[Path, Path]:
    """Where the report goes: next to the live book (``output.report_beside``)."""
    from etda_xl.output import report_beside

    return report_beside(book_path(book))


def book_path(book) -> Path:
    """The live book's file on disk (what the buttons write next to); refused, saying what to do, when
    it has none (never saved, or a cloud book without its synced file)."""
    from etda_xl.errors import InputError

    try:
        full = str(book.fullname or "")  # xlwings maps a OneDrive/SharePoint URL to the synced file or raises
    except Exception as error:  # XlwingsError("Couldn't find your local OneDrive file, …")
        th, en = SAVE_LOCALLY
        raise InputError(f"{th} ({error})", f"{en} ({error})") from None
    path = Path(full)
    if full.startswith(("http://", "https://")) or not path.is_absolute():
        raise InputError(*SAVE_LOCALLY)
    return path


#: Said when the last report is open with changes typed into it: it is never closed unsaved.
REPORT_EDITED = (
    "รายงานฉบับก่อน {name} เปิดอยู่และมีการแก้ไขที่ยังไม่ได้บันทึก — บันทึกหรือปิดไฟล์นั้นก่อน แล้วกดปุ่มอีกครั้ง",
    "the last report {name} is open with unsaved changes; save or close it, then press the button again",
)


def _close_if_open(app, path: Path) -> None:
    """A report left open from the last press would lock the file: close it (it is ours, rewritten
    now) — unless someone typed into it and did not save: then say so, and change nothing."""
    for other in list(app.books):
        try:
            same = Path(other.fullname) == path
        except Exception:  # a book xlwings cannot place (OneDrive): not ours
            continue
        if not same:
            continue
        if not other.api.Saved:
            th, en = (text.format(name=path.name) for text in REPORT_EDITED)
            raise OutputError(th, en)
        other.close()


def _write_report(book):
    from etda_xl.api import generate_report

    out, pdf = report_paths(book)
    _close_if_open(book.app, out)
    with saved_copy(book) as copy:
        result = generate_report(copy, out)
    if result.xlsx is None:  # refused: nothing written
        raise RuntimeError(result.describe())
    return result, out, pdf


def make_report(book) -> str:
    """สร้างรายงาน: the report workbook next to the book, opened in the same Excel."""
    result, out, _pdf = _write_report(book)
    book.app.books.open(str(out))
    return result.describe()


def open_file(path: Path) -> None:
    """Open a file with its program (Windows); elsewhere there is nothing to open it with here."""
    starter = getattr(os, "startfile", None)
    if starter is not None:
        starter(str(path))


def export_pdf(book) -> str:
    """ส่งออก PDF: make the report, then let this Excel print it to PDF next to the book."""
    from etda_xl.output import atomic_output

    result, out, pdf = _write_report(book)
    report_book = book.app.books.open(str(out))
    try:
        with atomic_output(pdf) as temporary:
            report_book.to_pdf(str(temporary), show=False)
            if not temporary.is_file() or temporary.stat().st_size == 0:
                raise OSError("Excel did not write the PDF")
    finally:
        report_book.close()
    open_file(pdf)
    return result.describe() + f"\nเขียน PDF แล้ว: {pdf}\nWrote the PDF: {pdf}"


# --- the next quarter ----------------------------------------------------------------------------------


def start_next_quarter(book) -> str:
    """เริ่มไตรมาสถัดไป: the next quarter's book next to this one ("2564-Q1.xlsm", or "2564-Q1 (2).xlsm"
    when that name is taken: never over a file), from a saved copy of the live book, by the same
    ``api.start_next_quarter`` as ``etda-xl new --from``. The live book is not written to."""
    from etda_xl.api import start_next_quarter as start

    folder = book_path(book).parent
    with saved_copy(book) as copy:  # named as the book, so the message names the user's book
        result = start([copy], folder)
    return result.describe()
