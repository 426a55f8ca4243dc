"""Findings rendered for people (text) and programs (JSON, ``contract``). One list, several renderings."""

from __future__ import annotations

from itertools import groupby

from .findings import SEVERITY_LABELS, Finding, Severity, counts_text, presented


def _headline(findings: list[Finding], source: str, lang: str) -> str:
    counts = counts_text(findings, lang)
    return f"ตรวจสอบ {source}: {counts}" if lang == "th" else f"Checked {source}: {counts}"


def as_text(findings: list[Finding], source: str, lang: str = "th") -> str:
    lines = [_headline(findings, source, lang)]
    if not findings:
        lines.append("ไม่พบปัญหา" if lang == "th" else "No problems found.")
    for severity, group in groupby(findings, key=lambda f: f.severity):
        items = presented(group)
        lines += ["", f"== {SEVERITY_LABELS[lang][severity]} ({len(items)}) =="]
        for code, same in groupby(items, key=lambda f: f.code):
            lines.append(f"[{code}]")
            for finding in same:
                lines.append(f"  {finding.where or '-'}: {finding.message(lang)}")
    return "\n".join(lines) + "\n"


def as_json(findings: list[Finding], source: str, lang: str = "th") -> str:
    """``contract.CheckDocument``: both languages always (``lang`` is the text's alone)."""
    from .contract import check_json  # pydantic: loaded only when JSON is asked for

    return check_json(findings, source)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
