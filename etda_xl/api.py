"""The library calls the CLI, the UDF module and the button macros make: one call per job."""

from __future__ import annotations

from pathlib import Path

from .checks import run_checks
from .findings import Finding
from .model import Report
from .workbook import read_workbook


def check_workbook(path: str | Path) -> tuple[Report, list[Finding]]:
    """Read a workbook and run every check. Raises InputError when it cannot be read."""
    report = read_workbook(path)
    return report, run_checks(report)
