"""The year's plan: a project's plan % this quarter against the plan entered once for the year
(``tblPlan``), and, without it, a plan carried unchanged from last quarter.

``etda-xl new --from`` takes the quarter's plan from the year's plan when the book keeps one, and
otherwise carries last quarter's: left as carried, a plan that should have risen (Q2's 50 in Q3, where
75 was due) makes a project green that is behind. So a plan equal to last quarter's is said until it is
confirmed in the year's plan, or changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Hit, Severity, check
from ..model import PLAN_KINDS, Quarter
from ..previous import previous, project_key
from .wording import PROJECT_FIELDS


@check(
    "PLAN_MISMATCH",
    Severity.ERROR,
    "โครงการ {project}: {field_th} กรอกไว้ {actual}% แต่แผนทั้งปี ({plan_cell}) ให้ไตรมาส {quarter} เป็น {expected}% "
    "— แก้ช่องใดช่องหนึ่งให้ตรงกัน",
    "project {project}: {field_en} reads {actual}% but the year's plan ({plan_cell}) gives {expected}% for Q{quarter}; "
    "correct whichever is wrong",
)
def plan_mismatch(quarter: Quarter) -> Iterable[Hit]:
    """The quarter's plan % against the year's plan: either may be the one mistyped, so no value is
    offered; both cells are named."""
    number = quarter.settings.quarter
    if number is None:
        return
    for project in quarter.project_rows:
        plan = quarter.year_plan(project)
        for field, kind in PLAN_KINDS.items():
            typed, planned = getattr(project, field), None if plan is None else plan.plan(kind, number)
            if typed is None or planned is None or typed == planned:
                continue
            where = plan.cell(kind, number)  # type: ignore[union-attr]
            th, en = PROJECT_FIELDS[field]
            params = {"project": project.short_name or project.number, "number": project.number, "field": field,
                      "field_th": th, "field_en": en, "actual": typed, "expected": planned, "quarter": number,
                      "plan_cell": where}  # fmt: skip
            cells = tuple(c for c in (project.at(field), where) if c is not None)
            yield Hit(project.at(field), params, expected=planned, actual=typed, candidates=cells)


@check(
    "PLAN_CARRIED",
    Severity.WARNING,
    "โครงการ {project}: {field_th} {actual}% เท่ากับ{period_th} — หากแผนไตรมาสนี้ยังเป็น {actual}% จริง ให้กรอกในแผนทั้งปี "
    "(ชีต แผนรายไตรมาส) เพื่อยืนยัน มิฉะนั้นแก้เป็นแผนของไตรมาสนี้",
    "project {project}: {field_en} {actual}% is the same as {period_en}'s; if this quarter's plan really is "
    "{actual}%, confirm it in the year's plan (sheet แผนรายไตรมาส), otherwise type this quarter's plan",
)
def plan_carried(quarter: Quarter) -> Iterable[Hit]:
    """A plan % unchanged since last quarter, for a project the year's plan does not cover."""
    before = previous(quarter)
    if before is None or not before.projects:
        return
    from ..thai import period_words

    year, number = before.period
    period_th, period_en = period_words(before.period)
    for project in quarter.project_rows:
        past = before.projects.get(project_key(project))
        plan = quarter.year_plan(project)
        for field, kind in PLAN_KINDS.items():
            typed = getattr(project, field)
            confirmed = plan is not None and plan.plan(kind, quarter.settings.quarter or 0) is not None
            if past is None or typed is None or confirmed or getattr(past, field) != typed:
                continue
            th, en = PROJECT_FIELDS[field]
            params = {"project": project.short_name or project.number, "number": project.number, "field": field,
                      "field_th": th, "field_en": en, "actual": typed, "fiscal_year": year, "quarter": number,
                      "period_th": period_th, "period_en": period_en}  # fmt: skip
            yield Hit(project.at(field), params, actual=typed)
