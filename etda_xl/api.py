"""The library calls behind the CLI, the UDF module and the button macros: one call per job.

``api`` orchestrates — read, check, report, demo — and ``report`` only renders (a quarter's data and
findings → .xlsx / .pdf). Each job returns a result that can describe itself in Thai and English, so
the command line only maps arguments, prints and picks the exit code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import run_checks
from .errors import OutputError, PdfError
from .findings import ROOT_CAUSE_CODE, Finding, Severity, counts_text, summarize
from .model import Quarter
from .output import refuse_folder, refuse_foreign
from .workbook import read_workbook

SAMPLE_NAME = "sample.xlsx"
REPORT_NAME = "report.xlsx"
PDF_NAME = "report.pdf"


def check_workbook(path: str | Path, previous: str | Path | None = None) -> tuple[Quarter, list[Finding]]:
    """Read a workbook and run every check. Raises InputError when it cannot be read.

    ``previous``: a separate book of an earlier quarter, for a book without history: its figures
    are compared as if the book's history held them (``snapshot.with_previous``).
    """
    quarter = read_workbook(path)
    if previous is not None:
        quarter = with_previous_book(quarter, Path(path), Path(previous))
    return quarter, run_checks(quarter)


def with_previous_book(quarter: Quarter, path: Path, previous: Path) -> Quarter:
    """``quarter`` with the book ``previous`` in its history; refused when it is not earlier."""
    from .errors import InputError
    from .snapshot import with_previous

    earlier = read_workbook(previous)
    now, then = quarter.settings.period, earlier.settings.period
    if now is not None and then is not None and then >= now:
        raise InputError(
            f"{previous.name} เป็นไตรมาส {then[1]}/{then[0]} ซึ่งไม่ได้อยู่ก่อน {path.name} (ไตรมาส {now[1]}/{now[0]})"
            " — --previous ต้องเป็นสมุดงานของไตรมาสก่อนหน้า",
            f"{previous.name} is Q{then[1]} FY{then[0]}, not earlier than {path.name} (Q{now[1]} FY{now[0]}); "
            "--previous takes the book of an earlier quarter",
        )
    return with_previous(quarter, earlier)


@dataclass
class ReportResult:
    source: Path
    xlsx: Path | None  # None: refused (strict)
    pdf: Path | None
    findings: list[Finding]
    lang: str = "th"
    pdf_error: PdfError | None = None
    refused: bool = False

    @property
    def errors(self) -> int:
        return summarize(self.findings)["error"]

    @property
    def draft(self) -> bool:
        return self.errors > 0

    def describe(self) -> str:
        """What was written and where: Thai first, then English."""
        from .report.labels import sheet_name, text

        findings_sheet = sheet_name(self.lang, "findings")  # as named in the report written
        th = [f"ตรวจสอบ {self.source.name}: {counts_text(self.findings, 'th')}"]
        en = [f"Checked {self.source.name}: {counts_text(self.findings, 'en')}"]
        if self.refused:
            th.append("ไม่ได้เขียนรายงาน (--strict) เพราะมีข้อผิดพลาด — แก้ไขแล้วลองใหม่ หรือใช้ etda-xl check ดูรายละเอียด")
            en.append(
                "No report written (--strict) because of the errors: fix them and run again (etda-xl check lists them)"
            )
        if self.xlsx is not None:
            if self.draft:
                header = text(self.lang, "draft_header", errors=self.errors)  # as every page header prints it
                th.append(
                    f"เขียนรายงานฉบับร่างแล้ว: {self.xlsx} (หัวกระดาษทุกหน้าระบุ \u201c{header}\u201d "
                    f"ดูรายการพร้อมเซลล์ในชีต \u201c{findings_sheet}\u201d)"
                )
                en.append(
                    f"Wrote the report as a DRAFT: {self.xlsx} (every page header says \u201c{header}\u201d; "
                    f"each error is listed with its cell on the \u201c{findings_sheet}\u201d sheet)"
                )
            else:
                th.append(f"เขียนรายงานแล้ว: {self.xlsx}")
                en.append(f"Wrote the report: {self.xlsx}")
        if self.pdf is not None:
            th.append(f"เขียน PDF แล้ว: {self.pdf}")
            en.append(f"Wrote the PDF: {self.pdf}")
        if self.pdf_error is not None:
            th.append(self.pdf_error.th)
            en.append(self.pdf_error.en)
        return "\n".join(th) + "\n\n" + "\n".join(en) + "\n"


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_input_as_output(book: Path, target: Path) -> None:
    """No command writes over the workbook it reads."""
    if _same_file(book, target):
        raise OutputError(
            f"ไฟล์ผลลัพธ์ {target} คือไฟล์ต้นทาง — จะไม่เขียนทับสมุดงานที่กรอกข้อมูล ให้ใช้ชื่อไฟล์อื่น",
            f"the output {target} is the input workbook; it is never overwritten: choose another name",
        )


def check_outputs(book: Path, out: Path, pdf: Path | None, force: bool = False) -> None:
    """Refuse outputs that would overwrite the input, a file etda-xl did not write (unless ``force``)
    or each other, or have the wrong type."""
    for target in (out, pdf):
        if target is not None:
            refuse_input_as_output(book, target)
            refuse_folder(target)
            refuse_foreign(target, force)
    if pdf is not None and _same_file(out, pdf):
        raise OutputError(f"ไฟล์ .xlsx และ PDF ใช้ชื่อเดียวกัน: {out}", f"the .xlsx and the PDF have the same name: {out}")
    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"ไฟล์รายงานต้องลงท้ายด้วย .xlsx: {out}", f"the report file must end in .xlsx: {out}")
    if pdf is not None and pdf.suffix.lower() != ".pdf":
        raise OutputError(f"ไฟล์ PDF ต้องลงท้ายด้วย .pdf: {pdf}", f"the PDF file must end in .pdf: {pdf}")


def generate_report(
    book: str | Path,
    out: str | Path,
    pdf: str | Path | None = None,
    lang: str = "th",
    strict: bool = False,
    force: bool = False,
) -> ReportResult:
    """Read and check ``book``, write the report to ``out`` and, if asked, the PDF to ``pdf``.

    The input is only read. With errors the report is a draft; with ``strict`` nothing is written
    (``refused``). A PDF that cannot be made leaves the .xlsx written and sets ``pdf_error``. An
    earlier report is replaced; any other existing file only with ``force``. Raises InputError when
    the workbook cannot be read, OutputError when an output path is not acceptable.
    """
    from .report import build_report, write_pdf  # deferred: `check` needs no report writer

    book, out = Path(book), Path(out)
    pdf = Path(pdf) if pdf is not None else None
    check_outputs(book, out, pdf, force)
    quarter, findings = check_workbook(book)
    result = ReportResult(source=book, xlsx=None, pdf=None, findings=findings, lang=lang)
    if strict and result.errors:
        result.refused = True
        return result
    result.xlsx = build_report(quarter, findings, out, lang)
    if pdf is not None:
        try:
            result.pdf = write_pdf(quarter, findings, pdf, lang)
        except PdfError as error:
            result.pdf_error = error
        except OutputError as error:  # the PDF's folder or file cannot be written
            result.pdf_error = pdf_not_written(pdf, error.th, error.en)
        except OSError as error:  # e.g. the disk filled up while copying it
            reason = error.strerror or str(error)
            result.pdf_error = pdf_not_written(pdf, reason, reason)
    return result


def pdf_not_written(pdf: Path, th: str, en: str) -> PdfError:
    """The .xlsx is written, the PDF could not be: say so, and why (exit code 3)."""
    return PdfError(
        f"ไม่ได้เขียน PDF {pdf}: {th} (เขียนไฟล์ .xlsx แล้ว)",
        f"the PDF {pdf} was not written: {en} (the .xlsx was written)",
    )


@dataclass
class DemoResult:
    directory: Path
    sample: Path
    report: ReportResult

    def describe(self) -> str:
        from .report.labels import sheet_name

        r = self.report
        th = [
            "etda-xl demo: รายงานผลการปฏิบัติการด้านการเงินและรายงานด้านภารกิจหลัก ปีงบประมาณ พ.ศ. 2563 ไตรมาส 4",
            f"1. เขียนสมุดงานตัวอย่าง (ข้อมูลที่กรอก ถอดจากรายงานที่เผยแพร่จริง): {self.sample}",
            f"2. ตรวจสอบแล้ว: {counts_text(r.findings, 'th')}",
            *[f"   {line}" for line in _key_findings(r.findings, "th")],
            f"   (ทุกรายการ รวมคำเตือนและข้อสังเกต พร้อมเซลล์ อยู่ในชีต \u201c{sheet_name(r.lang, 'findings')}\u201d ของรายงาน)",
            f"3. เขียนรายงาน: {r.xlsx}" + (f" — ฉบับร่าง เพราะรายงานต้นฉบับมีข้อผิดพลาด {r.errors} รายการ" if r.draft else ""),
            f"4. เขียน PDF: {r.pdf}" if r.pdf else "4. ไม่ได้เขียน PDF: " + (r.pdf_error.th if r.pdf_error else ""),
        ]
        en = [
            "etda-xl demo: the FY2563 Q4 financial and mission report",
            f"1. Wrote the sample workbook (the inputs, transcribed from the circulated report): {self.sample}",
            f"2. Checked it: {counts_text(r.findings, 'en')}",
            *[f"   {line}" for line in _key_findings(r.findings, "en")],
            f"   (all of them, warnings and notes included, with their cells: the report's "
            f"\u201c{sheet_name(r.lang, 'findings')}\u201d sheet)",
            f"3. Wrote the report: {r.xlsx}"
            + (f" (a DRAFT: the circulated report has {r.errors} errors of its own)" if r.draft else ""),
            f"4. Wrote the PDF: {r.pdf}" if r.pdf else "4. No PDF: " + (r.pdf_error.en if r.pdf_error else ""),
        ]
        return "\n".join(th) + "\n\n" + "\n".join(en) + "\n"


def _key_findings(findings: list[Finding], lang: str) -> list[str]:
    """The errors, root cause first: what a reader of the demo should look at."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    errors.sort(key=lambda f: f.code != ROOT_CAUSE_CODE)  # within one severity: presented() order
    return [f"[{f.code}] {f.where}: {f.message(lang)}" for f in errors]


def run_demo(directory: str | Path = "demo", lang: str = "th") -> DemoResult:
    """Write the FY2563 Q4 sample workbook into ``directory``, check it, and write its report as
    .xlsx and .pdf there. The sample's own errors make the report a draft: the honest result."""
    from .sample import write_sample

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise OutputError(
            f"{directory} เป็นไฟล์ ไม่ใช่โฟลเดอร์ — ระบุโฟลเดอร์ที่จะเขียนตัวอย่างและรายงาน เช่น --out demo",
            f"{directory} is a file, not a folder; give the folder to write the sample and report into, "
            "e.g. --out demo",
        )
    directory.mkdir(parents=True, exist_ok=True)
    sample = write_sample(directory / SAMPLE_NAME)
    result = generate_report(sample, directory / REPORT_NAME, directory / PDF_NAME, lang=lang)
    return DemoResult(directory, sample, result)


@dataclass
class ExportResult:
    source: Path
    out: Path
    format: str
    rows: int

    def describe(self) -> str:
        return (
            f"ส่งออกตัวเลข {self.rows} แถว (ทุกไตรมาสในสมุดงาน {self.source.name}) เป็น {self.format}: {self.out}\n"
            f"Exported {self.rows} figures (every quarter in {self.source.name}) as {self.format}: {self.out}\n"
        )


def export_figures(book: str | Path, out: str | Path, format: str | None = None, force: bool = False) -> ExportResult:
    """Write every figure of every quarter in ``book`` — its history and this quarter as its report
    prints it — one row each, to ``out`` as CSV (UTF-8 with BOM) or an Excel table (``export``).
    ``format`` defaults to the file's suffix. Raises InputError when the book cannot be read and
    OutputError when ``out`` is the book, a file etda-xl did not write (unless ``force``), or not a
    .csv/.xlsx name."""
    from .export import output_format, write_figures

    book, out = Path(book), Path(out)
    refuse_input_as_output(book, out)
    refuse_folder(out, "figures.csv")
    refuse_foreign(out, force)
    chosen = output_format(out, format)
    rows = write_figures(read_workbook(book), out, chosen)
    return ExportResult(book, out, chosen, rows)


# --- this computer: etda-xl doctor, etda-xl setup-excel ---------------------------------------------------

if TYPE_CHECKING:
    from .doctor import Diagnosis
    from .machine import Machine
    from .xlwings_conf import ExcelSetup


def diagnose(book: str | Path | None = None, machine: Machine | None = None) -> Diagnosis:
    """Is this computer ready for etda-xl (and Excel with it), and what to do about what is not
    (``doctor``); given ``book``, also whether its folder can be written and its xlwings.conf sheet
    leaves the Python to each user. ``machine`` defaults to this one (tests pass another)."""
    from .doctor import diagnose as run

    return run(Path(book) if book is not None else None, machine)


def set_up_excel(dry_run: bool = False, machine: Machine | None = None) -> ExcelSetup:
    """Name this Python as Excel's interpreter in the user's own xlwings.conf (``xlwings_conf``);
    ``dry_run`` only says what it would write. Raises SetupError when the path cannot be written so
    that xlwings reads it back, OutputError when the file cannot be written."""
    from .xlwings_conf import set_up_excel as run

    return run(machine, dry_run)
