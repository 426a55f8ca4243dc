"""The library calls the CLI, the UDF module and the button macros make: one call per job."""

from __future__ import annotations

from pathlib import Path

from .checks import run_checks
from .findings import Finding
from .model import Quarter
from .workbook import read_workbook


def check_workbook(path: str | Path) -> tuple[Quarter, list[Finding]]:
    """Read a workbook and run every check. Raises InputError when it cannot be read."""
    report = read_workbook(path)
    return report, run_checks(report)


def generate_report(
    book: str | Path, out: str | Path, pdf: str | Path | None = None, lang: str = "th", strict: bool = False
):
    """Check ``book`` and write its quarterly report to ``out`` (.xlsx) and ``pdf``; see
    ``etda_xl.report.jobs.generate_report``. Returns a ReportResult; raises InputError when the
    workbook cannot be read or an output path would overwrite it."""
    from .report.jobs import generate_report as job

    return job(book, out, pdf, lang, strict)


def run_demo(directory: str | Path = "demo", lang: str = "th"):
    """Write the FY2563 Q4 sample workbook, check it, and write its report (.xlsx and .pdf) into
    ``directory``. Returns a DemoResult that describes what was written and where."""
    from .report.jobs import run_demo as job

    return job(directory, lang)
