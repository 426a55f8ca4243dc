"""Derived figures of a report: what the office used to type by hand, computed from raw inputs.

Thin compositions of ``rules`` over the model, shared by the checks, the report and the UDFs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import rules
from .model import BudgetLine, Footnote, Kpi, Project, Quarter, Settings, code_key

_CODE = re.compile(r"^[0-9]+(\.[0-9]+)*$")


def is_budget_code(text: str) -> bool:
    return bool(_CODE.match(text))


def line_result(line: BudgetLine) -> Decimal | None:
    """(5) recomputed from (2)+(3)+(4); None when one of them is missing."""
    if line.paid is None or line.carried is None or line.reserved is None:
        return None
    return rules.spend_result(line.paid, line.carried, line.reserved)


def shown_result(line: BudgetLine) -> Decimal | None:
    """The (5) a line shows: as typed, or (2)+(3)+(4) when it is blank."""
    return line.result if line.result is not None else line_result(line)


def reported_result(line: BudgetLine) -> tuple[Decimal | None, str, Decimal | None]:
    """The (5) the circulated report prints, where it came from ("typed", "computed", "missing"),
    and (2)+(3)+(4).

    The typed (5) when it agrees with (2)+(3)+(4) within rounding (it is the source's own figure,
    and the footnotes rest on it); the recomputed one when they differ by more (a wrong cell must
    not reach the printed report); the recomputed one when (5) is blank.
    """
    computed = line_result(line)
    typed = line.result
    if computed is None:
        return typed, "typed" if typed is not None else "missing", None
    if typed is None or rules.sum_difference_kind(rules.shown(typed) - rules.shown(computed), 3) == "error":
        return computed, "computed", computed
    return typed, "typed", computed


def counted_result(line: BudgetLine) -> Decimal | None:
    """The (5) that subtotals, project percentages and the report add up: ``reported_result``.

    So a wrong (5) on one line is reported once, at that line, not again at every footnote and
    project built on it, and the report's figures agree with its findings.
    """
    return reported_result(line)[0]


def line_pct(line: BudgetLine, decimals: int = 0) -> Decimal | None:
    """% recomputed from the typed (5) as displayed, or from (2)+(3)+(4) when (5) is blank."""
    result = shown_result(line)
    if result is None or line.plan is None:
        return None
    return rules.spend_pct(result, line.plan, decimals)


def parse_line_set(spec: str) -> tuple[list[str], str | None]:
    """``"1.2.2-1.3.4"`` → (["1.2.2", "1.3.4"], "range"); ``"1.3.4+1.3.5"`` → (codes, "list").

    Returns ([], None) when the text is neither, or a range runs backwards.
    """
    text = spec.replace(" ", "").replace("–", "-").replace("—", "-")
    if "-" in text:
        parts = text.split("-")
        if len(parts) == 2 and all(is_budget_code(p) for p in parts) and code_key(parts[0]) <= code_key(parts[1]):
            return parts, "range"
        return [], None
    parts = [p for p in re.split(r"[+,]", text) if p]
    if parts and all(is_budget_code(p) for p in parts):
        return parts, "list"
    return [], None


@dataclass(frozen=True)
class FootnoteTotals:
    members: list[BudgetLine]
    missing: list[str]  # codes named by the footnote that are not in the budget table
    result: Decimal | None
    plan: Decimal | None
    pct: Decimal | None


def footnote_members(report: Quarter, footnote: Footnote) -> tuple[list[BudgetLine], list[str]]:
    """The budget lines a footnote adds up, and the codes it names that do not exist.

    A range ("1.2.2-1.3.4") takes every line from the first code to the last code and its
    sub-lines ("1.2-1.3" includes 1.3.5) that has no children, so a parent and its children are
    never counted twice.
    """
    codes, kind = parse_line_set(footnote.lines)
    missing = [c for c in codes if report.line(c) is None]
    if kind == "list":
        return [line for c in codes if (line := report.line(c)) is not None], missing
    if kind == "range" and not missing:
        low, high = code_key(codes[0]), code_key(codes[1])
        parents = {line.parent_code for line in report.budget_lines}
        within = [line for line in report.budget_lines if low <= line.key and (line.key <= high or _under(line, high))]
        return [line for line in within if line.code not in parents], missing
    return [], missing


def _under(line: BudgetLine, key: tuple[int, ...]) -> bool:
    """``line`` is a sub-line of the line with ``key`` (1.3.5 is under 1.3)."""
    return line.key[: len(key)] == key


def _sum(values: list[Decimal | None]) -> Decimal | None:
    return None if any(v is None for v in values) else sum(values, Decimal(0))


def footnote_totals(report: Quarter, footnote: Footnote) -> FootnoteTotals:
    """Sum of the members' (5) and (1), and the percentage the footnote should print."""
    members, missing = footnote_members(report, footnote)
    result = _sum([counted_result(m) for m in members])
    plan = _sum([m.plan for m in members])
    pct = None
    if members and result is not None and plan is not None:
        pct = rules.spend_pct(result, plan, report.settings.pct_decimals)
    return FootnoteTotals(members, missing, result if members else None, plan, pct)


def project_status(project: Project, settings: Settings) -> rules.Status | None:
    """The status the rule gives the project's operations progress; None without plan/result."""
    if project.ops_plan is None or project.ops_result is None:
        return None
    return rules.status(project.ops_plan, project.ops_result, project.obstacle, settings.thresholds)


def project_lines(report: Quarter, project: Project) -> list[BudgetLine]:
    return [line for c in project.budget_codes if (line := report.line(c)) is not None]


def project_plan(report: Quarter, project: Project) -> Decimal | None:
    """A project's plan (1): its budget lines' plans together (None if one is missing); the weight
    of the project in the summary's total row (``rules.weighted_pct``)."""
    lines = project_lines(report, project)
    if not lines or len(lines) != len(project.budget_codes):
        return None
    return _sum([line.plan for line in lines])


def project_fin_pct(report: Quarter, project: Project) -> Decimal | None:
    """A project's finance result %: its budget line's % (the lines' combined % if several)."""
    lines = project_lines(report, project)
    if not lines or len(lines) != len(project.budget_codes):
        return None
    result = _sum([counted_result(line) for line in lines])
    plan = _sum([line.plan for line in lines])
    if result is None or plan is None:
        return None
    return rules.spend_pct(result, plan, report.settings.pct_decimals)


def projects_fin_pct(report: Quarter) -> Decimal | None:
    """The summary's total finance %: all projects' budget lines together (None if one is unlinked)."""
    projects = report.project_rows
    if any(not p.budget_codes or len(project_lines(report, p)) != len(p.budget_codes) for p in projects):
        return None
    lines = [line for p in projects for line in project_lines(report, p)]
    result = _sum([counted_result(line) for line in lines])
    plan = _sum([line.plan for line in lines])
    if not lines or result is None or plan is None:
        return None
    return rules.spend_pct(result, plan, report.settings.pct_decimals)


@dataclass(frozen=True)
class KpiAssessment:
    target: rules.Quantity | None
    result: rules.Quantity | None
    direction: rules.Direction

    @property
    def met(self) -> bool | None:
        if self.target is None or self.result is None:
            return None
        return rules.kpi_met(self.target, self.result, self.direction)

    @property
    def units_differ(self) -> bool:
        return bool(self.target and self.result and rules.units_differ(self.target, self.result))


def assess_kpi(kpi: Kpi) -> KpiAssessment:
    direction = kpi.direction or rules.infer_direction(kpi.indicator)
    return KpiAssessment(
        rules.parse_quantity(kpi.target),
        rules.parse_quantity(kpi.result),
        direction,
    )
