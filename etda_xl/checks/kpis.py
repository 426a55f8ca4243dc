"""Checks of the KPI tables: each KPI belongs to a project; completed KPIs meet their targets."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..compute import assess_kpi, figures_of
from ..findings import Hit, Severity, check
from ..model import Quarter
from ..rules import Quantity


def _number(quantity: Quantity | None) -> Decimal | None:
    """The figure read from a KPI's text (None: none there)."""
    return None if quantity is None else quantity.number


@check(
    "KPI_PROJECT_UNKNOWN",
    Severity.ERROR,
    "ตัวชี้วัดนี้อ้างถึงโครงการ '{project}' ซึ่งไม่มีในตารางโครงการ",
    "this KPI names project '{project}', which is not in the projects table",
)
def kpi_project_unknown(report: Quarter) -> Iterable[Hit]:
    numbers = {p.number for p in report.project_rows}
    for kpi in report.kpis:
        if kpi.project not in numbers:
            yield Hit(kpi.at("project"), {"project": kpi.project}, actual=kpi.project)


@check(
    "KPI_DONE_BELOW_TARGET",
    Severity.WARNING,
    "โครงการ {project}: นับว่าแล้วเสร็จ แต่ผล '{result}' ยังไม่ถึงค่าเป้าหมาย '{target}' ({direction})",
    "project {project}: counted as completed, but the result '{result}' does not meet the target '{target}' "
    "({direction})",
    unmeasured=(
        Severity.WARNING,
        "โครงการ {project}: นับว่าแล้วเสร็จ แต่เทียบผล '{result}' กับค่าเป้าหมาย '{target}' ไม่ได้ (ไม่มีตัวเลข)",
        "project {project}: counted as completed, but the result '{result}' cannot be compared with the target "
        "'{target}' (no number)",
    ),
    count=(
        Severity.WARNING,
        "โครงการ {project}: นับแล้วเสร็จ {done} ตัวชี้วัด แต่มีเพียง {met} ตัวชี้วัดที่ผลถึงค่าเป้าหมาย",
        "project {project}: {done} KPIs counted as completed, but only {met} meet their targets",
    ),
)
def kpi_done_below_target(report: Quarter) -> Iterable[Hit]:
    for figures in figures_of(report).projects:
        project, assessed = figures.project, figures.kpis
        not_met = [(kpi, a) for kpi, a in assessed if not a.met]
        met = sum(1 for _, a in assessed if a.met)
        name = project.short_name or project.number
        if project.kpi_done is None or not not_met:
            continue
        if project.kpi_done >= len(assessed):  # every KPI is counted complete: point at each one below target
            for kpi, a in not_met:
                yield Hit(
                    kpi.at("result"),
                    {
                        "project": name,
                        "number": project.number,
                        "result": kpi.result,
                        "target": kpi.target,
                        "result_number": _number(a.result),
                        "target_number": _number(a.target),
                        "direction": a.direction.value,
                    },
                    expected=kpi.target,
                    actual=kpi.result,
                    variant="default" if a.met is False else "unmeasured",
                )
        elif project.kpi_done > met:
            yield Hit(
                project.at("kpi_done"),
                {"project": name, "number": project.number, "done": project.kpi_done, "met": met},
                expected=met,
                actual=project.kpi_done,
                variant="count",
            )


@check(
    "KPI_NOT_MEASURABLE",
    Severity.INFO,
    "ตัวชี้วัดนี้ไม่มีตัวเลขใน{side} '{text}' จึงตัดสินไม่ได้ว่าถึงเป้าหมายหรือไม่",
    "this KPI has no number in its {side_en} '{text}', so whether it is met cannot be judged",
)
def kpi_not_measurable(report: Quarter) -> Iterable[Hit]:
    for kpi in report.kpis:
        a = assess_kpi(kpi)
        for field, quantity, th, en in (
            ("target", a.target, "ค่าเป้าหมาย", "target"),
            ("result", a.result, "ผล", "result"),
        ):
            text = getattr(kpi, field)
            if quantity is None and text:
                yield Hit(kpi.at(field), {"field": field, "side": th, "side_en": en, "text": text}, actual=text)


@check(
    "KPI_UNIT_MISMATCH",
    Severity.INFO,
    "หน่วยของผล ({result_unit}) ต่างจากหน่วยของค่าเป้าหมาย ({target_unit}) — เทียบเฉพาะตัวเลข",
    "the result's unit ({result_unit}) differs from the target's ({target_unit}); only the numbers were compared",
)
def kpi_unit_mismatch(report: Quarter) -> Iterable[Hit]:
    for kpi in report.kpis:
        a = assess_kpi(kpi)
        if a.units_differ:
            yield Hit(
                kpi.at("result"),
                {"result_unit": a.result.unit, "target_unit": a.target.unit},  # type: ignore[union-attr]
                actual=kpi.result,  # what the cell reads; the units are in params
            )
