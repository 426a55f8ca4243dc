"""Checks of the per-project summary table against the budget table, the KPI table and the rule."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import rules
from ..compute import figures_of
from ..decimals import plain
from ..findings import Hit, Severity, check, equation_hit
from ..mistyped import meant_as
from ..model import CellRef, Quarter
from .wording import PROJECT_FIELDS, anchor_field


@check(
    "PROJECT_DUPLICATE",
    Severity.ERROR,
    "ลำดับโครงการ {number} ซ้ำกับแถวก่อนหน้า ({first})",
    "project number {number} repeats an earlier row ({first})",
)
def project_duplicate(report: Quarter) -> Iterable[Hit]:
    seen: dict[str, CellRef | None] = {}
    for project in report.projects:
        where = project.at("number")
        if project.number in seen:
            yield Hit(where, {"number": project.number, "first": seen[project.number]}, actual=project.number)
        else:
            seen[project.number] = where


@check(
    "PROJECT_BUDGET_LINE_MISSING",
    Severity.ERROR,
    "โครงการ {project}: ไม่มีรายการงบประมาณ {code} ในตารางงบประมาณ{meant_th}",
    "project {project}: budget line {code} does not exist in the budget table{meant_en}",
    unlinked=(
        Severity.WARNING,
        "โครงการ {project}: ยังไม่ได้ระบุรายการงบประมาณ จึงตรวจผลด้านการเงินไม่ได้",
        "project {project}: no budget line given, so its finance result cannot be checked",
    ),
)
def project_budget_line_missing(report: Quarter) -> Iterable[Hit]:
    for figures in figures_of(report).projects:
        project = figures.project
        name = project.short_name or project.number
        if not project.budget_codes:
            params = {"project": name, "number": project.number}
            yield Hit(project.at("budget_codes") or project.at("number"), params, variant="unlinked")
        for code in figures.missing:
            params = {"project": name, "number": project.number, "code": code, **_meant(report, code)}
            yield Hit(project.at("budget_codes"), params, actual=code)


def _meant(report: Quarter, code: str) -> dict[str, Any]:
    """Where a missing code probably is: the row of a duplicated code that was meant as it (``meant_cell``,
    typed ``meant_code``). The words name the row by its cell on the budget sheet, without the sheet."""
    found = meant_as(report, code)
    where = found.line.at("code") if found else None
    if found is None or where is None:
        return {"meant_cell": None, "meant_code": None, "meant_th": "", "meant_en": ""}
    return {
        "meant_cell": where,
        "meant_code": found.code,
        "meant_th": f" — น่าจะเป็นแถว {where.cell} ที่พิมพ์รหัสเป็น {found.code}",
        "meant_en": f"; probably the row at {where.cell}, typed {found.code}",
    }


@check(
    "PROJECT_FIN_RESULT",
    Severity.ERROR,
    "โครงการ {project}: ผลด้านการเงิน ควรเท่ากับ % ผลการใช้จ่ายของ{lines_th} = {result}/{plan} = {expected}% "
    "แต่กรอกไว้ {actual}%",
    "project {project}: finance result should equal the % spent of {lines_en} = {result}/{plan} = {expected}% "
    "but reads {actual}%",
)
def project_fin_result(report: Quarter) -> Iterable[Hit]:
    """The project's % the report prints (its lines' printed (5) / (1), each line once) is the % expected."""
    figures_all = figures_of(report)
    for equation, outcome in figures_all.judged("PROJECT_FIN_RESULT"):
        if outcome.outcome != "error":
            continue
        figures = figures_all.project(equation.subject)  # type: ignore[arg-type]
        project = figures.project
        codes = [f.code for f in figures.lines]
        several = len(codes) > 1
        params = {
            "project": project.short_name or project.number,
            "number": project.number,
            "lines": tuple(codes),
            "lines_th": ("รายการ " + " + ".join(codes) + " รวมกัน") if several else f"รายการ {codes[0]}",
            "lines_en": ("lines " + " + ".join(codes) + " together") if several else f"line {codes[0]}",
            "result": figures.result,
            "plan": figures.plan,
        }
        yield equation_hit(equation, outcome, params)


@check(
    "PROJECT_KPI_COUNT",
    Severity.ERROR,
    "โครงการ {project}: จำนวนตัวชี้วัดกรอกไว้ {actual} แต่ตารางตัวชี้วัดมี {expected} รายการ",
    "project {project}: KPI count reads {actual} but the KPI table lists {expected}",
)
def project_kpi_count(report: Quarter) -> Iterable[Hit]:
    """The count is offered as the fix only when no KPI row's project could explain it instead: a row
    typed with another project's number makes one count too high and another too low."""
    projects = figures_of(report).projects
    off = {id(p): (p.project.kpi_count or 0) - p.kpi_count for p in projects if p.project.kpi_count is not None}
    for figures in projects:
        project, expected = figures.project, figures.kpi_count
        if project.kpi_count is None or project.kpi_count == expected:
            continue
        mine = off[id(figures)]
        moved = [p for p in projects if p is not figures and off.get(id(p), 0) * mine < 0]
        rows = [kpi.at("project") for other in moved for kpi, _ in (*other.kpis, *figures.kpis)]
        yield Hit(
            project.at("kpi_count"),
            {
                "project": project.short_name or project.number,
                "number": project.number,
                "expected": expected,
                "actual": project.kpi_count,
            },
            expected=expected,
            actual=project.kpi_count,
            fix=None if moved else expected,
            candidates=tuple(c for c in [project.at("kpi_count"), *rows] if c is not None) if moved else (),
        )


@check(
    "PROJECT_KPI_DONE",
    Severity.ERROR,
    "โครงการ {project}: ดำเนินการแล้วเสร็จ {actual} มากกว่าจำนวนตัวชี้วัด {count}",
    "project {project}: completed {actual} is more than the KPI count {count}",
)
def project_kpi_done(report: Quarter) -> Iterable[Hit]:
    for project in report.projects:
        if project.kpi_done is not None and project.kpi_count is not None and project.kpi_done > project.kpi_count:
            yield Hit(
                project.at("kpi_done"),
                {
                    "project": project.short_name or project.number,
                    "number": project.number,
                    "actual": project.kpi_done,
                    "count": project.kpi_count,
                },
                expected=project.kpi_count,
                actual=project.kpi_done,
            )


@check(
    "PROJECT_STATUS",
    Severity.ERROR,
    "โครงการ {project}: สถานะควรเป็น {expected_th} (แผน {plan}% ผล {result}% ล่าช้า {delay}{obstacle_th}) แต่กรอกไว้ "
    "{actual_th}",
    "project {project}: status should be {expected_en} (plan {plan}%, result {result}%, delay {delay}{obstacle_en}) "
    "but reads {actual_en}",
)
def project_status_rule(report: Quarter) -> Iterable[Hit]:
    settings = report.settings
    for figures in figures_of(report).projects:
        project, expected = figures.project, figures.status
        if project.status is None or expected is None or project.status == expected:
            continue
        delay = rules.delay(project.ops_plan, project.ops_result, settings.relative_delay)  # type: ignore[arg-type]
        yield Hit(
            project.at("status"),
            {
                "project": project.short_name or project.number,
                "number": project.number,
                "expected": expected.value,
                "actual": project.status.value,
                "expected_th": rules.status_label(expected, "th"),
                "expected_en": rules.status_label(expected, "en"),
                "actual_th": rules.status_label(project.status, "th"),
                "actual_en": rules.status_label(project.status, "en"),
                "plan": project.ops_plan,
                "result": project.ops_result,
                "delay": plain(delay),
                "obstacle": bool(project.obstacle),
                "obstacle_th": ", มีอุปสรรค" if project.obstacle else "",
                "obstacle_en": ", has an obstacle" if project.obstacle else "",
            },
            expected=rules.status_label(expected, settings.status_lang),
            actual=rules.status_label(project.status, settings.status_lang),
            # the status typed, or the plan or result % it was typed from: the evidence cannot tell
            candidates=tuple(c for f in ("status", "ops_plan", "ops_result") if (c := project.at(f)) is not None),
        )


@check(
    "PROJECT_PCT_RANGE",
    Severity.WARNING,
    "โครงการ {project}: ร้อยละ {value} อยู่นอกช่วง 0–100",
    "project {project}: percentage {value} is outside 0–100",
)
def project_pct_range(report: Quarter) -> Iterable[Hit]:
    for equation, outcome in figures_of(report).judged("PROJECT_PCT_RANGE"):
        if outcome.outcome == "error":
            project = equation.subject
            name = project.short_name or project.number  # type: ignore[attr-defined]
            params = {"project": name, "number": project.number, "field": anchor_field(equation),  # type: ignore[attr-defined]
                      "value": outcome.actual}  # fmt: skip
            yield Hit(equation.anchor, params, actual=outcome.actual, equation=equation)


@check(
    "SUMMARY_TOTAL_FIN",
    Severity.ERROR,
    "แถวรวม: ผลด้านการเงินควรเป็น {expected}% (รายการงบประมาณของทุกโครงการรวมกัน นับรายการละครั้ง{footnote_th}) "
    "แต่กรอกไว้ {actual}%",
    "total row: finance result should be {expected}% (all projects' budget lines together, each line once"
    "{footnote_en}) but reads {actual}%",
)
def summary_total_fin(report: Quarter) -> Iterable[Hit]:
    """The total row's finance % the report prints is the % expected; a footnote is named only when
    it is that same figure (the same lines)."""
    figures = figures_of(report)
    total = figures.total
    for equation, outcome in figures.judged("SUMMARY_TOTAL_FIN"):
        if outcome.outcome != "error":
            continue
        note = total.footnote.note.number if total.footnote else None
        params = {
            "footnote": note,
            "footnote_th": f" = หมายเหตุ {note}" if note else "",
            "footnote_en": f" = footnote {note}" if note else "",
        }
        yield equation_hit(equation, outcome, params)


@check(
    "SUMMARY_TOTAL_PCT",
    Severity.ERROR,
    "แถวรวม: {column_th} ควรเป็น {expected}% (ของทุกโครงการ ถ่วงน้ำหนักด้วยแผน (1) ของรายการงบประมาณ) แต่กรอกไว้ {actual}%",
    "total row: {column_en} should be {expected}% (the projects', weighted by their budget lines' plan (1)) but "
    "reads {actual}%",
)
def summary_total_pct(report: Quarter) -> Iterable[Hit]:
    """The total row's operations plan, operations result and finance plan, as the report prints them."""
    for equation, outcome in figures_of(report).judged("SUMMARY_TOTAL_PCT"):
        if outcome.outcome != "error":
            continue
        th, en = PROJECT_FIELDS[equation.field_name]  # type: ignore[attr-defined]
        params = {"field": equation.field_name, "column_th": th, "column_en": en}  # type: ignore[attr-defined]
        yield equation_hit(equation, outcome, params)


@check(
    "SUMMARY_TOTAL_KPI",
    Severity.ERROR,
    "แถวรวม: {column_th} ควรเป็นผลรวมของทุกโครงการ = {expected} แต่กรอกไว้ {actual}",
    "total row: {column_en} should be the sum over projects = {expected} but reads {actual}",
)
def summary_total_kpi(report: Quarter) -> Iterable[Hit]:
    """The total row's KPI count and completed, as the report prints them (the KPI table's count)."""
    row, figures = report.project_total, figures_of(report)
    if row is None:
        return
    total, projects = figures.total, figures.projects
    columns = {"kpi_count": ("จำนวนตัวชี้วัด", "KPI count"), "kpi_done": ("ดำเนินการแล้วเสร็จ", "completed")}
    for field, (th, en) in columns.items():
        actual, expected = getattr(row, field), getattr(total, field)
        if actual is None or expected is None or actual == expected:
            continue
        fix, candidates = _total_kpi_fix(field, expected, projects, row)
        yield Hit(
            row.at(field),
            {"field": field, "column_th": th, "column_en": en, "expected": expected, "actual": actual},
            expected=expected,
            actual=actual,
            fix=fix,
            candidates=candidates,
        )


def _total_kpi_fix(field: str, expected: int, projects, row) -> tuple[int | None, tuple]:
    """The total's count is the KPI table's: the typed total alone is wrong when the projects' typed
    counts agree with the table. Completed counts are typed per project: any one of them, or the total,
    may be the wrong one."""
    if field == "kpi_count":
        typed = [p.project.kpi_count for p in projects]
        alone = None not in typed and sum(typed) == expected  # type: ignore[arg-type]
        return (expected, ()) if alone else (None, ())
    cells = [row.at(field), *(p.project.at(field) for p in projects)]
    return None, tuple(c for c in cells if c is not None)
