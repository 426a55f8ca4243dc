"""Findings: what a check reports, and the registry of checks with their stable codes.

Like pandera: one small function per check, registered with a stable code, a severity and a
message template in Thai and English. Checks yield ``Hit``s; the runner turns them into
``Finding``s and never stops at the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .model import CellRef, Quarter, Value

if TYPE_CHECKING:
    from .diagnosis import Ambiguity, Correction
    from .equations import Equation


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
SEVERITY_LABELS = {
    "th": {Severity.ERROR: "ข้อผิดพลาด", Severity.WARNING: "คำเตือน", Severity.INFO: "ข้อสังเกต"},
    "en": {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Notes"},
}


@dataclass(frozen=True)
class Finding:
    """What a check found at a cell: its code, the typed figures it rests on (``params``, ``expected``,
    ``actual``), and what follows from the evidence — the value to type (``fix``, only where the evidence
    singles this cell out), the cell it follows from (``caused_by``), or the cells that could each
    explain it (``candidates``). The Thai and English messages are rendered from these."""

    code: str
    """The check's stable code (README's table), e.g. ``BUDGET_ROW_SUM``."""
    severity: Severity
    sheet: str
    """The sheet of the cell found; empty for a finding about the book as a whole."""
    cell: str
    """The cell, as Excel names it (``F4``); empty with ``sheet``."""
    message_th: str
    message_en: str
    expected: Value = None
    """What the check worked out for this cell from the others (not a value to type: see ``fix``)."""
    actual: Value = None
    """What the cell reads."""
    fix: Value = None
    """The value to type at this cell: only where the evidence singles this cell out."""
    params: dict[str, Value] = field(default_factory=dict, hash=False)
    """The figures, cells and lines the message is written from (per code; README's table)."""
    caused_by: CellRef | None = None
    """The cell this finding follows from: correct that one, and this finding goes."""
    candidates: tuple[CellRef, ...] = ()
    """The cells that could each explain it, when the evidence does not single one out (no ``fix``)."""

    def message(self, lang: str = "th") -> str:
        return self.message_th if lang == "th" else self.message_en

    @property
    def where(self) -> str:
        return str(CellRef(sheet=self.sheet, cell=self.cell)) if self.sheet else ""


@dataclass(frozen=True)
class Hit:
    """One failure found by a check. ``variant`` picks another template (e.g. "rounding").

    A hit about an ``equation`` (``compute``'s evidence) takes its fix, or the cell it follows from,
    from the root cause's diagnosis (``diagnosis``): a check never guesses which cell is wrong.
    """

    where: CellRef | None
    params: dict[str, Any] = field(default_factory=dict)
    expected: Any = None
    actual: Any = None
    fix: Any = None
    variant: str = "default"
    equation: Equation | None = None
    candidates: tuple[CellRef, ...] = ()


def equation_hit(equation: Equation, outcome: Any, params: dict[str, Any], variant: str = "default") -> Hit:
    """A failing equation at its anchor: what it works out and what the cell reads, in ``params`` too
    (``expected``, ``actual``); what follows from it is the diagnosis's to say (``Check.finding``)."""
    expected, actual = outcome.expected, outcome.actual
    params = {**params, "expected": expected, "actual": actual}
    return Hit(equation.anchor, params, expected=expected, actual=actual, variant=variant, equation=equation)


@dataclass(frozen=True)
class Template:
    severity: Severity
    th: str
    en: str


@dataclass(frozen=True)
class Check:
    code: str
    templates: dict[str, Template]
    run: Callable[[Quarter], Iterable[Hit]]

    @property
    def severity(self) -> Severity:
        return self.templates["default"].severity

    def findings(self, report: Quarter) -> list[Finding]:
        diagnosis = None
        found = []
        for hit in self.run(report):
            explanation = None
            if hit.equation is not None:
                from .diagnosis import diagnose  # the search runs only when an equation fails

                diagnosis = diagnosis or diagnose(report)
                explanation = diagnosis.explain(hit.equation)
            found.append(self.finding(hit, explanation))
        return found

    def finding(self, hit: Hit, explanation: Correction | Ambiguity | None = None) -> Finding:
        """The hit in words; what follows from the evidence (``explanation``) is said after them."""
        template = self.templates[hit.variant]
        params = {k: _show(v, hit.where) for k, v in hit.params.items()}
        fix, caused_by, candidates = hit.fix, None, hit.candidates
        if hit.equation is not None:
            fix = None  # an equation's fix is the diagnosis's alone
            from .diagnosis import Correction

            if isinstance(explanation, Correction):
                if explanation.cell == hit.where:
                    fix = explanation.corrected if explanation.exact else None
                else:
                    caused_by = explanation.cell
            elif explanation is not None:
                candidates = explanation.cells
        th, en = template.th.format(**params), template.en.format(**params)
        if caused_by is not None:
            th, en = th + _follows(caused_by, hit.where, "th"), en + _follows(caused_by, hit.where, "en")
        elif candidates and hit.equation is not None:
            th, en = th + _could(candidates, hit.where, "th"), en + _could(candidates, hit.where, "en")
        return Finding(
            code=self.code,
            severity=template.severity,
            sheet=hit.where.sheet if hit.where else "",
            cell=hit.where.cell if hit.where else "",
            message_th=th,
            message_en=en,
            expected=hit.expected,
            actual=hit.actual,
            fix=fix,
            params=dict(hit.params),
            caused_by=caused_by,
            candidates=tuple(candidates),
        )


def short_ref(cell: CellRef, here: CellRef | None) -> str:
    """``D11`` on the same sheet as ``here``, ``'งบประมาณ'!D11`` on another."""
    return cell.cell if here is not None and here.sheet == cell.sheet else str(cell)


def _follows(cause: CellRef, here: CellRef | None, lang: str) -> str:
    where = short_ref(cause, here)
    return f" — ตามมาจาก {where}" if lang == "th" else f"; follows from {where}"


def _could(candidates: Iterable[CellRef], here: CellRef | None, lang: str) -> str:
    cells = ", ".join(short_ref(c, here) for c in candidates)
    return f" — อาจเกิดจากเซลล์ใดเซลล์หนึ่ง: {cells}" if lang == "th" else f"; it may come from any one of {cells}"


def _show(value: Any, here: CellRef | None = None) -> Any:
    """A parameter in words: Decimals as the report prints them (no exponent, no trailing zeros lost); a
    cell as ``short_ref`` names it from ``here``; a list of lines or cells as "1.3.3, 1.3.5" (an empty one
    as "-"); nothing (None) as nothing."""
    if isinstance(value, CellRef):  # a named tuple: before the lists
        return short_ref(value, here)
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(_show(v, here)) for v in value) or "-"
    return "" if value is None else value


REGISTRY: dict[str, Check] = {}


def check(code: str, severity: Severity, th: str, en: str, **variants: tuple[Severity, str, str]):
    """Register a check function under a stable ``code`` with its message templates.

    Extra variants are ``name=(severity, th, en)``, for one check that can end in several ways
    (an error, or only a rounding difference).
    """

    def register(func: Callable[[Quarter], Iterable[Hit]]) -> Callable[[Quarter], Iterable[Hit]]:
        if code in REGISTRY:
            raise ValueError(f"duplicate check code {code}")
        templates = {"default": Template(severity, th, en)}
        templates.update({name: Template(*spec) for name, spec in variants.items()})
        REGISTRY[code] = Check(code, templates, func)
        return func

    return register


#: A root cause explains the errors listed after it: shown first within its severity everywhere.
ROOT_CAUSE_CODE = "ROOT_CAUSE"


def presented(findings: Iterable[Finding]) -> list[Finding]:
    """As people read them (command line, findings sheet, the button's results): by severity, root
    causes first, the rest in the registry's order (``sort_findings``)."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code != ROOT_CAUSE_CODE))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Grouped by severity, then code, then sheet and cell in reading order."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code, f.sheet, _cell_order(f.cell)))


def _cell_order(cell: str) -> tuple[int, str]:
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters) :]
    return (int(digits) if digits else 0, letters.rjust(3))


#: How many of each severity, in words: Thai counts with รายการ, English with singular and plural.
_COUNT_WORDS: dict[str, dict[Severity, tuple[str, str]]] = {
    "th": {
        Severity.ERROR: ("ข้อผิดพลาด {n} รายการ",) * 2,
        Severity.WARNING: ("คำเตือน {n} รายการ",) * 2,
        Severity.INFO: ("ข้อสังเกต {n} รายการ",) * 2,
    },
    "en": {
        Severity.ERROR: ("{n} error", "{n} errors"),
        Severity.WARNING: ("{n} warning", "{n} warnings"),
        Severity.INFO: ("{n} note", "{n} notes"),
    },
}


def counts_text(findings: list[Finding], lang: str = "th") -> str:
    """ "ข้อผิดพลาด 4 รายการ, คำเตือน 2 รายการ, ข้อสังเกต 8 รายการ" / "4 errors, 2 warnings, 1 note"."""
    counts = summarize(findings)
    return ", ".join(
        words[counts[severity.value] != 1].format(n=counts[severity.value])
        for severity, words in _COUNT_WORDS[lang].items()
    )


def summarize(findings: list[Finding]) -> dict[str, Any]:
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    return {**counts, "total": len(findings), "by_code": by_code}
