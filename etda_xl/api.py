"""The front door: every job etda-xl does, one call each, behind the CLI, the UDF module and the buttons.

Check a book (``check_workbook``) or the live tables (``check_tables``), build the report
(``generate_report``), start a quarter (``new_workbook``) or the next one (``start_next_quarter``), write
the sample and the template, export the figures, look at this computer. ``api`` orchestrates — read,
check, write — and the modules it calls each do one thing: ``report`` and ``template`` only render,
``checks`` only find, ``output`` holds every rule of where an output may go. Each job returns a result
that can describe itself in Thai and English, so a skin only maps arguments, shows and picks an exit code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .checks import run_checks
from .errors import InputError, OutputError, PdfError
from .findings import ROOT_CAUSE_CODE, Finding, Severity, counts_text, summarize
from .model import Quarter
from .output import export_target, report_targets
from .workbook import TableValues, read_workbook

if TYPE_CHECKING:
    from .rollover import NextQuarter

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


def check_tables(tables: Mapping[str, TableValues]) -> tuple[Quarter, list[Finding]]:
    """The tables as a live sheet hands them over (table name → ``TableValues``), read by the file
    reader's own parser and run through every check: on the same book, what ``check_workbook`` finds."""
    from .workbook import read_tables

    quarter = read_tables(dict(tables))
    return quarter, run_checks(quarter)


def with_previous_book(quarter: Quarter, path: Path, previous: Path) -> Quarter:
    """``quarter`` with the book ``previous`` in its history; refused when it is not earlier."""
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
    report_targets(book, out, pdf, force)
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
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise OutputError(
            f"{directory} เป็นไฟล์ ไม่ใช่โฟลเดอร์ — ระบุโฟลเดอร์ที่จะเขียนตัวอย่างและรายงาน เช่น --out demo",
            f"{directory} is a file, not a folder; give the folder to write the sample and report into, "
            "e.g. --out demo",
        )
    directory.mkdir(parents=True, exist_ok=True)
    sample = write_sample(directory / SAMPLE_NAME, force=True)  # the demo's own folder: rewritten each run
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
    prints it — one row each, to ``out`` as CSV (UTF-8 with BOM), an Excel table or a JSON document
    (``export``; its rows' schema is ``schemas/export.schema.json``). ``format`` defaults to the file's
    suffix. Raises InputError when the book cannot be read and OutputError when ``out`` is the book, a
    file etda-xl did not write (unless ``force``), or not named as its format."""
    from .export import CSV_HEADER, write_figures

    book, out = Path(book), Path(out)
    chosen = export_target(book, out, format, force, CSV_HEADER)
    rows = write_figures(read_workbook(book), out, chosen, source=book.name)
    return ExportResult(book, out, chosen, rows)


# --- the sample, the template, a new quarter, the next quarter -------------------------------------------


def write_sample(path: str | Path, force: bool = False) -> Path:
    """Write the FY2563 Q4 sample input workbook (.xlsx, the report as circulated, its inconsistencies
    included) to ``path``; an existing file only with ``force``."""
    from .output import sample_target
    from .sample import write_sample as write

    path = Path(path)
    sample_target(path, force)
    return write(path)


def write_template(path: str | Path, force: bool = False) -> Path:
    """Write the Excel template (.xlsm: input tables, ETDA_* formulas, buttons, xlwings' VBA) to ``path``;
    an existing file only with ``force``."""
    from .template import build_template

    return build_template(path, force=force)


def new_workbook(
    path: str | Path,
    fiscal_year: int,
    quarter: int,
    as_of: date | None = None,
    agency: str | None = None,
    force: bool = False,
) -> Path:
    """A fresh input workbook (.xlsm) from the template with the quarter's settings filled.

    ``as_of`` defaults to the quarter's last day; a date outside the quarter (which the workbook's own
    PERIOD_AS_OF check would report) is refused, as is an existing file, unless ``force``.
    """
    from .model import Settings
    from .output import require_macro_book_name
    from .template import build_template
    from .thai import quarter_bounds

    path = Path(path)
    require_macro_book_name(path)  # its name first; whether it is there, after its settings
    _require_setting("fiscal_year", fiscal_year)
    _require_setting("quarter", quarter)
    settings = Settings(
        fiscal_year=fiscal_year,
        quarter=quarter,
        as_of=as_of or quarter_bounds(fiscal_year, quarter)[1],
        agency=agency or Settings().agency,
    )
    if not force:
        _refuse_as_of_outside_the_quarter(settings)
    return build_template(path, settings=settings, created=_now(), force=force)


def start_next_quarter(
    sources: Sequence[str | Path],
    out: str | Path,
    fy: int | None = None,
    quarter: int | None = None,
    as_of: date | None = None,
    force: bool = False,
    strict: bool = False,
) -> NextQuarter:
    """Write the quarter after the sources' (or ``fy``/``quarter``) to ``out`` (.xlsm, or a folder: then
    "<fy>-Q<q>.xlsm" in it, a free name), its structure carried from the latest source and every source
    in its history (``rollover``). Raises InputError, having written nothing, when refused.

    ``as_of`` defaults to the quarter's last day; one outside the quarter, and an existing ``out``,
    are refused unless ``force`` (a folder's free name never replaces anything). A source with errors is
    carried into the history as it is, and said so; with ``strict`` nothing is written (``refused``).
    """
    from .inputbook import quarter_rows
    from .output import free_name, next_quarter_target
    from .rollover import NextQuarter, next_book, period_to_start, read_sources, refuse_not_before, source_period
    from .template import build_template
    from .thai import quarter_bounds

    paths = [Path(s) for s in sources]
    if not paths:
        raise InputError("ระบุสมุดงานต้นทางด้วย --from", "give the source workbook with --from")
    out = Path(out)
    next_quarter_target(out, paths, force)
    books = read_sources(paths)
    latest = max(books, key=source_period)
    period = period_to_start(source_period(latest), fy, quarter)
    _require_setting("fiscal_year", period[0])
    _require_setting("quarter", period[1])
    refuse_not_before(zip(paths, books, strict=True), period)
    as_of = as_of or quarter_bounds(*period)[1]
    settings = latest.settings.copy_with({"fiscal_year": period[0], "quarter": period[1], "as_of": as_of, "cells": {}})
    if not force:
        _refuse_as_of_outside_the_quarter(settings)
    new_year = source_period(latest)[0] != period[0]
    errors = _source_errors(paths, books)
    if strict and errors:
        return NextQuarter(None, period, as_of, tuple(paths), (), new_year, errors)
    if out.is_dir():
        out = free_name(out, period)
    book = next_book(latest, settings, books, carry_plans=not new_year)
    build_template(out, rows=quarter_rows(book), created=_now(), force=force)
    held = tuple(sorted({row.period for row in [*book.history_budget, *book.history_projects] if row.period}))
    return NextQuarter(out, period, as_of, tuple(paths), held, new_year, errors)


def _now() -> datetime:
    """A new book's creation time (the template itself carries a fixed one: rebuilding it changes nothing)."""
    return datetime.now().replace(microsecond=0)


def _source_errors(paths: Sequence[Path], books: Sequence[Quarter]) -> tuple[tuple[Path, int], ...]:
    """The sources whose own check finds errors, and how many."""
    counts = [sum(f.severity is Severity.ERROR for f in run_checks(book)) for book in books]
    return tuple((path, n) for path, n in zip(paths, counts, strict=True) if n)


def _require_setting(key: str, value: Any) -> None:
    """A setting given on the command line, read by its schema column as the workbook's cell would be."""
    from . import parsers, schema

    column = schema.setting(key)
    for problem in parsers.parse(column, value).problems:
        params = {"value": value, **problem.params}
        th, en = (parsers.message(problem.code, lang, **params) for lang in ("th", "en"))
        raise InputError(f"{column.header}: {th}", f"{(column.aliases or (key,))[0]}: {en}")


def _refuse_as_of_outside_the_quarter(settings: Any) -> None:
    """The workbook's own PERIOD_AS_OF check, run before writing it: same rule, same words."""
    from .checks.period import period_as_of
    from .findings import REGISTRY

    for hit in period_as_of(Quarter(settings=settings)):
        finding = REGISTRY["PERIOD_AS_OF"].finding(hit)
        raise InputError(
            f"{finding.message_th} — ระบุ --as-of ที่อยู่ในไตรมาส หรือใช้ --force เพื่อเขียนทั้งที่ผิด",
            f"{finding.message_en}; give an --as-of inside the quarter, or --force to write it anyway "
            "(its check will then report PERIOD_AS_OF)",
        )


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
