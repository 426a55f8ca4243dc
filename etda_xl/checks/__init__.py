"""All checks, run together: ``run_checks(report)`` returns every finding, sorted and grouped.

Each module registers its checks (stable code, severity, Thai/English template) in
``findings.REGISTRY`` on import; README's table of codes is tested against the registry.
"""

from __future__ import annotations

from ..findings import REGISTRY, Finding, sort_findings
from ..model import Quarter
from . import budget, footnotes, formulas, history, inputs, kpis, period, plan, rootcause, summary  # noqa: F401


def run_checks(report: Quarter) -> list[Finding]:
    """Every finding of every registered check; a check never stops the others."""
    findings: list[Finding] = []
    for registered in REGISTRY.values():
        findings.extend(registered.findings(report))
    return sort_findings(findings)


__all__ = ["REGISTRY", "run_checks"]
