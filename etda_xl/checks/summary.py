"""Checks of the per-project summary table against the budget table, the KPI table and the rule."""

from __future__ import annotations

from collections.abc import Iterable

from .. import rules
from ..compute import figures_of
from ..decimals import plain
from ..findings import Hit, Severity, check
from ..model import Quarter


@check(
    "PROJECT_DUPLICATE",
    Severity.ERROR,
    "ลำดับโครงการ {number} ซ้ำกับแถวก่อนหน้า ({first})",
    "project number {number} repeats an earlier row ({first})",
)
def project_duplicate(report: Quarter) -> Iterable[Hit]:
    seen: dict[str, str] = {}
    for project in report.projects:
        where = project.at("number")
        if project.number in seen:
            yield Hit(where, {"number": project.number, "first": seen[project.number]}, actual=project.number)
        else:
            seen[project.number] = where.cell if where else ""


@check(
    "PROJECT_BUDGET_LINE_MISSING",
    Severity.ERROR,
    "โครงการ {project}: ไม่มีรายการงบประมาณ {code} ในตารางงบประมาณ",
    "project {project}: budget line {code} does not exist in the budget table",
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
            yield Hit(project.at("budget_codes") or project.at("number"), {"project": name}, variant="unlinked")
        for code in figures.missing:
            yield Hit(project.at("budget_codes"), {"project": name, "code": code}, actual=code)


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
    for figures in figures_of(report).projects:
        project, expected = figures.project, figures.pct
        if expected is None or project.fin_result is None or project.fin_result == expected:
            continue
        codes = [f.code for f in figures.lines]
        several = len(codes) > 1
        yield Hit(
            project.at("fin_result"),
            {
                "project": project.short_name or project.number,
                "lines_th": ("รายการ " + " + ".join(codes) + " รวมกัน") if several else f"รายการ {codes[0]}",
                "lines_en": ("lines " + " + ".join(codes) + " together") if several else f"line {codes[0]}",
                "result": figures.result,
                "plan": figures.plan,
                "expected": expected,
                "actual": project.fin_result,
            },
            expected=expected,
            actual=project.fin_result,
            fix=expected,
        )


@check(
    "PROJECT_KPI_COUNT",
    Severity.ERROR,
    "โครงการ {project}: จำนวนตัวชี้วัดกรอกไว้ {actual} แต่ตารางตัวชี้วัดมี {expected} รายการ",
    "project {project}: KPI count reads {actual} but the KPI table lists {expected}",
)
def project_kpi_count(report: Quarter) -> Iterable[Hit]:
    for figures in figures_of(report).projects:
        project, expected = figures.project, figures.kpi_count
        if project.kpi_count is not None and project.kpi_count != expected:
            yield Hit(
                project.at("kpi_count"),
                {"project": project.short_name or project.number, "expected": expected, "actual": project.kpi_count},
                expected=expected,
                actual=project.kpi_count,
                fix=expected,
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
                    "actual": project.kpi_done,
                    "count": project.kpi_count,
                },
                expected=project.kpi_count,
                actual=project.kpi_done,
            )


@check(
    "PROJECT_STATUS",
    Severity.ERROR,
    "โครงการ {project}: สถานะควรเป็น {expected} (แผน {plan}% ผล {result}% ล่าช้า {delay}{obstacle}) แต่กรอกไว้ {actual}",
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
                "expected": rules.status_label(expected, "th"),
                "expected_en": rules.status_label(expected, "en"),
                "actual": rules.status_label(project.status, "th"),
                "actual_en": rules.status_label(project.status, "en"),
                "plan": project.ops_plan,
                "result": project.ops_result,
                "delay": plain(delay),
                "obstacle": ", มีอุปสรรค" if project.obstacle else "",
                "obstacle_en": ", has an obstacle" if project.obstacle else "",
            },
            expected=rules.status_label(expected, settings.status_lang),
            actual=rules.status_label(project.status, settings.status_lang),
            fix=rules.status_label(expected, settings.status_lang),
        )


@check(
    "PROJECT_PCT_RANGE",
    Severity.WARNING,
    "โครงการ {project}: ร้อยละ {value} อยู่นอกช่วง 0–100",
    "project {project}: percentage {value} is outside 0–100",
)
def project_pct_range(report: Quarter) -> Iterable[Hit]:
    for project in report.projects:
        for field in ("ops_plan", "ops_result", "fin_plan", "fin_result"):
            value = getattr(project, field)
            if value is not None and not 0 <= value <= 100:
                yield Hit(
                    project.at(field), {"project": project.short_name or project.number, "value": value}, actual=value
                )


@check(
    "SUMMARY_TOTAL_FIN",
    Severity.ERROR,
    "แถวรวม: ผลด้านการเงินควรเป็น {expected}% (รายการงบประมาณของทุกโครงการรวมกัน นับรายการละครั้ง{footnote}) "
    "แต่กรอกไว้ {actual}%",
    "total row: finance result should be {expected}% (all projects' budget lines together, each line once"
    "{footnote_en}) but reads {actual}%",
)
def summary_total_fin(report: Quarter) -> Iterable[Hit]:
    """The total row's finance % the report prints is the % expected; a footnote is named only when
    it is that same figure (the same lines)."""
    row, total = report.project_total, figures_of(report).total
    expected = total.fin_result
    if row is None or row.fin_result is None or expected is None or row.fin_result == expected:
        return
    note = total.footnote.note.number if total.footnote else None
    yield Hit(
        row.at("fin_result"),
        {
            "expected": expected,
            "actual": row.fin_result,
            "footnote": f" = หมายเหตุ {note}" if note else "",
            "footnote_en": f" = footnote {note}" if note else "",
        },
        expected=expected,
        actual=row.fin_result,
        fix=expected,
    )


@check(
    "SUMMARY_TOTAL_KPI",
    Severity.ERROR,
    "แถวรวม: {column} ควรเป็นผลรวมของทุกโครงการ = {expected} แต่กรอกไว้ {actual}",
    "total row: {column_en} should be the sum over projects = {expected} but reads {actual}",
)
def summary_total_kpi(report: Quarter) -> Iterable[Hit]:
    """The total row's KPI count and completed, as the report prints them (the KPI table's count)."""
    row, total = report.project_total, figures_of(report).total
    if row is None:
        return
    columns = {"kpi_count": ("จำนวนตัวชี้วัด", "KPI count"), "kpi_done": ("ดำเนินการแล้วเสร็จ", "completed")}
    for field, (th, en) in columns.items():
        actual, expected = getattr(row, field), getattr(total, field)
        if actual is not None and expected is not None and actual != expected:
            yield Hit(
                row.at(field),
                {"column": th, "column_en": en, "expected": expected, "actual": actual},
                expected=expected,
                actual=actual,
                fix=expected,
            )
