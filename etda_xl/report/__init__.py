"""The circulated quarterly report, generated: an .xlsx workbook (XlsxWriter) and a PDF.

Sheets, in the circulated order: summary, budget spending, one KPI table per project, obstacles,
charts, and — when the check found anything — the findings with their cells. Every figure comes
from ``figures.build_figures`` (the core's rules over the input), written as values, never
formulas, so Excel, LibreOffice and a PDF viewer read the same. An input with errors still gets
its report, marked ร่าง (draft) in every page header with the number of errors; ``strict``
refuses instead.

Imports of xlsxwriter stay inside functions: importing this package costs nothing.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..errors import PdfError
from ..findings import Finding
from ..model import Quarter
from ..output import KEYWORD, MARK, atomic_output
from .figures import Figures, build_figures
from .styles import EXCEL_FONTS, FontProfile

LANGS = ("th", "en")


def build_report(report: Quarter, findings: list[Finding], path: str | Path, lang: str = "th") -> Path:
    """Write the report workbook to ``path`` (atomically) and return it.

    With errors among ``findings`` the report is a draft (ร่าง in its header, a findings sheet).
    Whether to build at all (``--strict``) is the caller's decision (``api.generate_report``).
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    figures = build_figures(report, findings, lang)
    with atomic_output(path) as temporary:
        write_workbook(figures, temporary, EXCEL_FONTS)
    return Path(path)


def write_workbook(figures: Figures, path: str | Path, profile: FontProfile = EXCEL_FONTS) -> None:
    """Lay the figures out as the report workbook at ``path`` (not atomic: callers use a temp path)."""
    import xlsxwriter

    from . import labels
    from .budget import write_budget
    from .charts import add_complex_script_fonts, write_charts
    from .context import Context
    from .findings_sheet import write_findings
    from .kpis import write_kpis
    from .obstacles import write_obstacles
    from .quarters import write_quarters
    from .styles import Styles
    from .summary import write_summary

    options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(str(path), {**options, **profile.workbook_options()})
    settings = figures.settings
    ctx = Context(workbook, Styles(workbook, profile), figures, figures.lang)
    workbook.set_properties(
        {
            "title": f"{labels.REPORT_TITLE[figures.lang]} {ctx.period()}",
            "subject": labels.REPORT_TITLE[figures.lang],
            "author": settings.agency,
            "company": settings.agency,
            "comments": f"{MARK}: report of {figures.report.source_name}",  # a later run may replace it
            "keywords": KEYWORD,  # carried into the PDF's properties (LibreOffice, Excel): a later run may replace it
        }
    )
    write_summary(ctx)
    write_budget(ctx)
    write_kpis(ctx)
    write_obstacles(ctx)
    write_charts(ctx)
    write_quarters(ctx)  # only when the book has history
    if figures.findings:
        write_findings(ctx)
    workbook.close()
    add_complex_script_fonts(path)


def write_pdf(report: Quarter, findings: list[Finding], pdf: str | Path, lang: str = "th") -> Path:
    """Print the report to ``pdf`` (atomically): Excel on Windows when it is there, else LibreOffice.

    Each prints a workbook laid out for it in a temporary folder: Excel the same workbook
    ``build_report`` writes, LibreOffice one with its font substitute (see ``pdf``). Raises
    PdfError (Thai + English, with how to install LibreOffice) when no PDF can be made, and
    OutputError when ``pdf`` cannot be written.
    """
    from . import pdf as backend

    pdf = Path(pdf)
    figures = build_figures(report, findings, lang)
    # the target first: an unwritable folder or a read-only file fails before any conversion
    with atomic_output(pdf) as target, tempfile.TemporaryDirectory(prefix="etda-xl-pdf-") as work:
        source = Path(work) / f"{pdf.stem or 'report'}.xlsx"
        excel_problem: Exception | None = None
        if backend.excel_available():
            try:
                write_workbook(figures, source, EXCEL_FONTS)
                backend.excel_to_pdf(source, target)
                return pdf
            except Exception as error:  # no Excel, or it failed: try LibreOffice next
                excel_problem = error
        soffice = backend.find_soffice()
        if soffice is None:
            raise backend.missing_libreoffice(excel_problem)
        write_workbook(figures, source, backend.libreoffice_fonts())
        converted = backend.xlsx_to_pdf(source, Path(work) / "out", soffice)
        shutil.copyfile(converted, target)
    return pdf


__all__ = ["PdfError", "build_figures", "build_report", "write_pdf", "write_workbook"]
