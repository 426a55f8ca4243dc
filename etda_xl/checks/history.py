"""Quarter-on-quarter checks: this quarter against the previous one its history holds, and the
history itself (order, gaps, years, periods, codes).

Within a fiscal year the budget's paid (2) and carried-over disbursement (3) are cumulative, so a
figure lower than last quarter's is a typo; the (5) may fall (a reservation cancelled) but rarely
does. Everything is compared with the previous quarter *of the same fiscal year* only: Q1 starts a
new year from zero, so it compares nothing with last year's Q4. The figures compared are the ones
the reports print: this quarter's (5), finance % and status as ``compute.figures_of`` computes
them, the history's as its report printed them (what ``snapshot.snapshot`` writes).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import rules, schema
from ..codes import TOTAL, row_key
from ..compute import figures_of
from ..equations import Floor
from ..findings import Hit, Severity, check
from ..model import BudgetLine, CellRef, Kpi, PastLine, PastProject, Period, Project, Quarter
from ..previous import (
    Previous,
    indicator_key,
    kpi_key,
    line_key,
    past_result,
    previous,
    previous_in_year,
    project_key,
)
from ..thai import next_period, period_words
from .wording import COLUMN_LABELS

#: green < yellow < red: a later status higher in this order is worse.
STATUS_RANK = {rules.Status.GREEN: 0, rules.Status.YELLOW: 1, rules.Status.RED: 2}


def _next(period: tuple[int, int]) -> tuple[int, int]:
    return next_period(*period)


def _label(period: tuple[int, int]) -> dict[str, Any]:
    """A period as data (``fiscal_year``, ``quarter``) and in words (``period_th``, ``period_en``)."""
    th, en = period_words(period)
    return {"fiscal_year": period[0], "quarter": period[1], "period_th": th, "period_en": en}


def _period_params(name: str, period: tuple[int, int]) -> dict[str, Any]:
    """Another period of a message (``from``, ``to``, ``after``, ``this``): ``{name}_year``,
    ``{name}_quarter``, and in words ``{name}_th``, ``{name}_en``."""
    th, en = period_words(period)
    return {f"{name}_year": period[0], f"{name}_quarter": period[1], f"{name}_th": th, f"{name}_en": en}


# --- budget lines against last quarter's -----------------------------------------------------------


def _where_before(past: Period, field: str) -> dict[str, Any]:
    """Where last quarter's figure sits (``before_cell``: " ที่ 'ประวัติ'!F12", " at …"); nothing for a row
    without a cell (a separate book's snapshot, ``check --previous``)."""
    where = past.at(field)
    words = (" ที่ ", " at ") if where is not None else ("", "")
    return {"before_cell": where, "at_th": words[0], "at_en": words[1]}


def _budget_params(line: BudgetLine, field: str, now: Decimal, before: Decimal, past: PastLine, period) -> dict:
    return {
        "code": line.code,
        "line_th": "รวมทั้งสิ้น" if line.is_total else f"รายการ {line.code}",
        "line_en": "the grand total" if line.is_total else f"line {line.code}",
        "field": field,
        "column": COLUMN_LABELS[field],
        "now": now,
        "before": before,
        "difference": abs(now - before),
        **_where_before(past, field),
        **_label(period),
    }


def _budget_decreases(quarter: Quarter, field: str) -> Iterable[Hit]:
    """The (5) the report prints against last quarter's (a warning: it may honestly fall)."""
    before = previous(quarter)
    if before is None or not before.lines:
        return
    for figures in figures_of(quarter).lines:
        line = figures.line
        past = before.lines.get(line_key(line))
        now, then = figures.printed_result, None if past is None else past_result(past)
        if past is not None and now is not None and then is not None and now < then:
            params = _budget_params(line, field, now, then, past, before.period)
            yield Hit(line.at(field) or line.at("code"), params, expected=then, actual=now)


def _floors_broken(quarter: Quarter, code: str) -> Iterable[Hit]:
    """Paid (2) or carried (3) below last quarter's: the equations' floors (``equations.Floor``), so that
    the root cause tells a mistyped cell from one that only follows from another."""
    before = previous(quarter)
    for equation, outcome in figures_of(quarter).judged(code):
        if outcome.outcome != "error" or before is None:
            continue
        assert isinstance(equation, Floor)
        line = equation.subject
        past = before.lines[line_key(line)]  # type: ignore[arg-type]
        now, then = outcome.actual, outcome.expected
        params = _budget_params(line, equation.field_name, now, then, past, before.period)  # type: ignore[arg-type]
        yield Hit(equation.anchor, params, expected=then, actual=now, equation=equation)


_FELL_TH = "{line_th} คอลัมน์ {column}: {now} ต่ำกว่า{period_th} ({before}{at_th}{before_cell}) อยู่ {difference}"
_FELL_EN = "{line_en}, column {column}: {now} is {difference} below {period_en} ({before}{at_en}{before_cell})"


@check(
    "HISTORY_PAID_DECREASED",
    Severity.ERROR,
    _FELL_TH + " — จ่ายจริงเป็นยอดสะสมทั้งปีงบประมาณ จึงลดลงไม่ได้",
    _FELL_EN + "; paid is cumulative over the fiscal year and cannot fall",
)
def history_paid_decreased(quarter: Quarter) -> Iterable[Hit]:
    return _floors_broken(quarter, "HISTORY_PAID_DECREASED")


@check(
    "HISTORY_CARRIED_DECREASED",
    Severity.ERROR,
    _FELL_TH + " — เบิกจ่ายเหลื่อมปีเป็นยอดสะสมทั้งปีงบประมาณ จึงลดลงไม่ได้",
    _FELL_EN + "; carried-over disbursement is cumulative over the fiscal year and cannot fall",
)
def history_carried_decreased(quarter: Quarter) -> Iterable[Hit]:
    return _floors_broken(quarter, "HISTORY_CARRIED_DECREASED")


@check(
    "HISTORY_RESULT_DECREASED",
    Severity.WARNING,
    _FELL_TH + " — ผลการใช้จ่ายสะสมลดลง (ยกเลิกการกันเงิน?) ตรวจสอบตัวเลข",
    _FELL_EN + "; the cumulative result fell (a reservation cancelled?): check the figures",
)
def history_result_decreased(quarter: Quarter) -> Iterable[Hit]:
    return _budget_decreases(quarter, "result")


@check(
    "HISTORY_PLAN_CHANGED",
    Severity.INFO,
    "{line_th}: แผน (1) {now} ต่างจาก{period_th} ({before}{at_th}{before_cell}) — หากเป็นการโอนเปลี่ยนแปลงงบประมาณ "
    "ควรมีหมายเหตุอธิบาย",
    "{line_en}: plan (1) {now} differs from {period_en} ({before}{at_en}{before_cell}); a budget transfer wants a "
    "footnote",
)
def history_plan_changed(quarter: Quarter) -> Iterable[Hit]:
    before = previous(quarter)
    if before is None:
        return
    for line in quarter.budget:
        past = before.lines.get(line_key(line))
        if past is None or line.plan is None or past.plan is None:
            continue
        now, then = rules.shown(line.plan), rules.shown(past.plan)
        if now != then:
            params = _budget_params(line, "plan", now, then, past, before.period)
            yield Hit(line.at("plan"), params, expected=then, actual=now)


# --- rows that appeared or disappeared ---------------------------------------------------------------


def _appeared(now: dict, before: dict) -> list:
    return [row for key, row in now.items() if key not in before]


def _disappeared(now: dict, before: dict) -> list:
    return [row for key, row in before.items() if key not in now]


def _budget_rows(quarter: Quarter) -> tuple[Previous | None, dict[str, BudgetLine], dict[str, PastLine]]:
    before = previous(quarter)
    if before is None or not before.lines:
        return None, {}, {}
    now: dict[str, BudgetLine] = {}
    for line in quarter.budget_lines:
        now.setdefault(line_key(line), line)
    return before, now, {k: v for k, v in before.lines.items() if k != TOTAL}


@check(
    "HISTORY_LINE_ADDED",
    Severity.INFO,
    "รายการ {code} ({name}) ไม่มีใน{period_th} — เป็นรายการใหม่ หากเกิดจากการโอนงบประมาณควรมีหมายเหตุ",
    "line {code} ({name}) was not in {period_en}: a new line; if a transfer created it, it wants a footnote",
)
def history_line_added(quarter: Quarter) -> Iterable[Hit]:
    before, now, then = _budget_rows(quarter)
    if before is not None:
        for line in _appeared(now, then):
            params = {"code": line.code, "name": line.name, **_label(before.period)}
            yield Hit(line.at("code"), params, actual=line.code)


@check(
    "HISTORY_LINE_REMOVED",
    Severity.INFO,
    "รายการ {code} ({name}) ของ{period_th} ไม่มีในไตรมาสนี้ — ถูกยุบหรือโอนงบประมาณ? ควรมีหมายเหตุ",
    "line {code} ({name}) of {period_en} is not in this quarter: merged or transferred? it wants a footnote",
)
def history_line_removed(quarter: Quarter) -> Iterable[Hit]:
    before, now, then = _budget_rows(quarter)
    if before is not None:
        for past in _disappeared(now, then):
            params = {"code": past.code, "name": past.name, **_label(before.period)}
            yield Hit(past.at("code"), params, actual=past.code)


def _project_rows(quarter: Quarter) -> tuple[Previous | None, dict[str, Project], dict[str, PastProject]]:
    before = previous(quarter)
    if before is None or not before.projects:
        return None, {}, {}
    now: dict[str, Project] = {}
    for project in quarter.project_rows:
        now.setdefault(project_key(project), project)
    return before, now, {k: v for k, v in before.projects.items() if k != TOTAL}


@check(
    "HISTORY_PROJECT_ADDED",
    Severity.INFO,
    "โครงการ {number} ({name}) ไม่มีใน{period_th} — เป็นโครงการใหม่",
    "project {number} ({name}) was not in {period_en}: a new project",
)
def history_project_added(quarter: Quarter) -> Iterable[Hit]:
    before, now, then = _project_rows(quarter)
    if before is not None:
        for p in _appeared(now, then):
            params = {"number": p.number, "name": p.short_name or p.name_th, **_label(before.period)}
            yield Hit(p.at("number"), params, actual=p.number)


@check(
    "HISTORY_PROJECT_REMOVED",
    Severity.INFO,
    "โครงการ {number} ({name}) ของ{period_th} ไม่มีในไตรมาสนี้",
    "project {number} ({name}) of {period_en} is not in this quarter",
)
def history_project_removed(quarter: Quarter) -> Iterable[Hit]:
    before, now, then = _project_rows(quarter)
    if before is not None:
        for p in _disappeared(now, then):
            params = {"number": p.number, "name": p.short_name, **_label(before.period)}
            yield Hit(p.at("number"), params, actual=p.number)


def _kpi_rows(quarter: Quarter) -> tuple[Previous | None, dict, dict]:
    before = previous(quarter)
    if before is None or not before.kpis:
        return None, {}, {}
    now: dict[tuple[str, str], Kpi] = {}
    for kpi in quarter.kpis:
        now.setdefault(kpi_key(kpi), kpi)
    return before, now, before.kpis


@check(
    "HISTORY_KPI_ADDED",
    Severity.INFO,
    "ตัวชี้วัดของโครงการ {project} '{indicator}' ไม่มีใน{period_th} — เป็นตัวชี้วัดใหม่หรือแก้ถ้อยคำ",
    "project {project}'s KPI '{indicator}' was not in {period_en}: a new KPI, or its wording changed",
)
def history_kpi_added(quarter: Quarter) -> Iterable[Hit]:
    before, now, then = _kpi_rows(quarter)
    if before is not None:
        for kpi in _appeared(now, then):
            params = {"project": kpi.project, "indicator": _short(kpi.indicator), **_label(before.period)}
            yield Hit(kpi.at("indicator") or kpi.at("project"), params, actual=kpi.indicator)


@check(
    "HISTORY_KPI_REMOVED",
    Severity.INFO,
    "ตัวชี้วัดของโครงการ {project} '{indicator}' ใน{period_th} ไม่มีในไตรมาสนี้",
    "project {project}'s KPI '{indicator}' of {period_en} is not in this quarter",
)
def history_kpi_removed(quarter: Quarter) -> Iterable[Hit]:
    before, now, then = _kpi_rows(quarter)
    if before is not None:
        for past in _disappeared(now, then):
            params = {"project": past.project, "indicator": _short(past.indicator), **_label(before.period)}
            yield Hit(past.at("indicator") or past.at("project"), params, actual=past.indicator)


def _short(text: str, limit: int = 60) -> str:
    text = indicator_key(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- projects against last quarter's -----------------------------------------------------------------

#: A project's figure as its report prints it: typed (operations), the core's (finance %, status).
_PROJECT_FIGURES: dict[str, tuple[str, str]] = {
    "ops_result": ("ผลการดำเนินงาน (%)", "operations result %"),
    "fin_result": ("ผลการใช้จ่าย (%)", "finance result %"),
    "kpi_done": ("จำนวนตัวชี้วัดที่แล้วเสร็จ", "completed KPIs"),
}


def _project_pairs(quarter: Quarter) -> Iterable[tuple[Project, PastProject, Previous, Any]]:
    """(project, its row last quarter, the previous quarter, its figures this quarter)."""
    before = previous(quarter)
    if before is None or not before.projects:
        return
    figures = figures_of(quarter)
    for project_figures in figures.projects:
        past = before.projects.get(project_key(project_figures.project))
        if past is not None:
            yield project_figures.project, past, before, project_figures


@check(
    "HISTORY_PROJECT_DECREASED",
    Severity.WARNING,
    "โครงการ {number} ({name}): {figure_th} {now} ต่ำกว่า{period_th} ({before}{at_th}{before_cell}) — ผลสะสมไม่ควรลดลง",
    "project {number} ({name}): {figure_en} {now} is below {period_en} ({before}{at_en}{before_cell}); a cumulative "
    "result should not fall",
)
def history_project_decreased(quarter: Quarter) -> Iterable[Hit]:
    for project, past, before, figures in _project_pairs(quarter):
        printed = {"ops_result": project.ops_result, "fin_result": figures.pct, "kpi_done": project.kpi_done}
        for field, (th, en) in _PROJECT_FIGURES.items():
            now, then = printed[field], getattr(past, field)
            if now is None or then is None or not now < then:
                continue
            # the finance % is computed, not typed: point at the project's finance result cell all the same
            where = project.at(field) or project.at("number")
            params = {"number": project.number, "name": project.short_name or project.name_th, "field": field,
                      "figure_th": th, "figure_en": en, "now": now, "before": then,
                      **_where_before(past, field), **_label(before.period)}  # fmt: skip
            yield Hit(where, params, expected=then, actual=now)


@check(
    "HISTORY_STATUS_WORSE",
    Severity.INFO,
    "โครงการ {number} ({name}): สถานะ{now_th} แย่ลงจาก{period_th} ({before_th}{at_th}{before_cell})",
    "project {number} ({name}): status {now_en}, worse than {period_en} ({before_en}{at_en}{before_cell})",
)
def history_status_worse(quarter: Quarter) -> Iterable[Hit]:
    for project, past, before, figures in _project_pairs(quarter):
        now, then = figures.status, past.status
        if now is None or then is None or STATUS_RANK[now] <= STATUS_RANK[then]:
            continue
        params = {"number": project.number, "name": project.short_name or project.name_th,
                  "now": now.value, "before": then.value,
                  "now_th": rules.status_label(now, "th"), "now_en": rules.status_label(now, "en"),
                  "before_th": rules.status_label(then, "th"), "before_en": rules.status_label(then, "en"),
                  **_where_before(past, "status"), **_label(before.period)}  # fmt: skip
        # a status is the rule's, not a value to type: no expected figure, the words say it all
        yield Hit(project.at("status") or project.at("number"), params)


# --- the history itself --------------------------------------------------------------------------


@dataclass(frozen=True)
class _History:
    table: str
    rows: list[Period]
    key: Callable[[Any], Hashable]
    key_field: str  # the cell that names the row (code, project number, indicator)
    code: Callable[[Any], str]  # the code that must still exist this quarter
    current_codes: set[str]


def _histories(quarter: Quarter) -> list[_History]:
    lines = {line_key(line) for line in quarter.budget}
    projects = {project_key(p) for p in quarter.projects}
    return [
        _History(schema.HISTORY_BUDGET.name, list(quarter.history_budget), line_key, "code", line_key, lines),
        _History(schema.HISTORY_PROJECTS.name, list(quarter.history_projects), project_key, "number", project_key,
                 projects),
        _History(schema.HISTORY_KPIS.name, list(quarter.history_kpis), kpi_key, "indicator",
                 lambda k: row_key(k.project), projects),
    ]  # fmt: skip


def _at_period(row: Period) -> CellRef | None:
    return row.at("quarter") or row.at("fiscal_year")


def _first_rows(rows: Iterable[Period]) -> dict[tuple[int, int], Period]:
    first: dict[tuple[int, int], Period] = {}
    for row in rows:
        if row.period is not None:
            first.setdefault(row.period, row)
    return first


@check(
    "HISTORY_ORDER",
    Severity.INFO,
    "ตาราง {table}: แถว{period_th}นี้อยู่ถัดจากแถวของ{after_th} — ควรเรียงจากไตรมาสเก่าไปใหม่ (การตรวจเรียงเองได้)",
    "table {table}: this {period_en} row comes after a {after_en} row; rows should run from the oldest quarter "
    "(the checks sort them themselves)",
)
def history_order(quarter: Quarter) -> Iterable[Hit]:
    for history in _histories(quarter):
        latest: tuple[int, int] | None = None
        for row in history.rows:
            if row.period is None:
                continue
            if latest is not None and row.period < latest:
                periods = {**_label(row.period), **_period_params("after", latest)}
                params = {"table": history.table, **periods}
                yield Hit(_at_period(row), params, actual=list(row.period))
                break
            latest = row.period


@check(
    "HISTORY_GAP",
    Severity.WARNING,
    "ตาราง {table}: ไม่มี{missing_th} ระหว่าง{from_th} และ{to_th}{compare_th}",
    "table {table}: {missing_en} missing between {from_en} and {to_en}{compare_en}",
)
def history_gap(quarter: Quarter) -> Iterable[Hit]:
    current = quarter.settings.period
    if current is None:
        return
    before = previous_in_year(quarter)
    for history in _histories(quarter):
        first = _first_rows(r for r in history.rows if r.period is not None and _kept_year(r.period, current))
        periods = sorted(p for p in first if p < current)
        if not periods:
            continue
        last_rows = {row.period: row for row in history.rows if row.period in first}
        for low, high in zip(periods, [*periods[1:], current], strict=True):
            missing = _between(low, high)
            if not missing:
                continue
            where = _at_period(first[high]) if high in first else _at_period(last_rows[low])
            blind = before in missing
            words = [period_words(p) for p in missing]
            params = {
                "table": history.table,
                "missing": [list(p) for p in missing],
                "missing_th": ", ".join(th for th, _ in words),
                "missing_en": ", ".join(en for _, en in words),
                **_period_params("from", low),
                **_period_params("to", high),
                **({} if high != current else {"to_th": "ไตรมาสนี้", "to_en": "this quarter"}),
                "compared": not blind,  # the quarter before this one is missing: nothing is compared with it
                "compare_th": " — จึงไม่เปรียบเทียบกับไตรมาสก่อน" if blind else "",
                "compare_en": "; this quarter is not compared with the previous one" if blind else "",
            }
            yield Hit(where, params, expected=[list(p) for p in missing])


def _between(low: tuple[int, int], high: tuple[int, int]) -> list[tuple[int, int]]:
    missing, period = [], _next(low)
    while period < high:
        missing.append(period)
        period = _next(period)
    return missing


def _kept_year(period: tuple[int, int], current: tuple[int, int]) -> bool:
    """The history holds this fiscal year and the one before (the year's comparison and its start)."""
    return period[0] in (current[0], current[0] - 1)


@check(
    "HISTORY_YEAR",
    Severity.WARNING,
    "ตาราง {table}: มีแถวของปีงบประมาณ {year} ซึ่งไม่ใช่ปีนี้ ({this_year}) หรือปีก่อน และไม่ต่อเนื่องกับปีอื่นในประวัติ — พิมพ์ปีผิดหรือไม่",
    "table {table}: rows of fiscal year {year}, neither this year ({this_year}) nor the one before, nor joined to "
    "them by the years the history holds; a mistyped year?",
)
def history_year(quarter: Quarter) -> Iterable[Hit]:
    """A history carried quarter after quarter runs back without a missing year; a year standing
    apart from this one and the one before is most likely typed wrong (2536 for 2563)."""
    current = quarter.settings.period
    if current is None:
        return
    for history in _histories(quarter):
        kept = _joined_years({row.fiscal_year for row in history.rows if row.fiscal_year is not None}, current[0])
        reported: set[int] = set()
        for row in history.rows:
            period = row.period
            if period is None or period >= current or period[0] in kept or period[0] in reported:
                continue
            reported.add(period[0])
            where = row.at("fiscal_year")
            yield Hit(where, {"table": history.table, "year": period[0], "this_year": current[0]}, actual=period[0])


def _joined_years(held: set[int], this_year: int) -> set[int]:
    """This fiscal year, the one before, and the years before those the history holds without a gap."""
    joined, year = {this_year, this_year - 1}, this_year - 2
    while year in held:
        joined.add(year)
        year -= 1
    return joined


@check(
    "HISTORY_PERIOD_NOT_EARLIER",
    Severity.ERROR,
    "ตาราง {table}: แถวของ{period_th} ไม่ได้อยู่ก่อนไตรมาสนี้ ({this_th}) — ประวัติเก็บได้เฉพาะไตรมาสที่ผ่านมา",
    "table {table}: rows of {period_en}, not before this quarter ({this_en}); the history holds only past quarters",
)
def history_period_not_earlier(quarter: Quarter) -> Iterable[Hit]:
    current = quarter.settings.period
    if current is None:
        return
    for history in _histories(quarter):
        for period, row in _first_rows(history.rows).items():
            if period >= current:
                params = {"table": history.table, **_label(period), **_period_params("this", current)}
                yield Hit(_at_period(row), params, actual=list(period))


@check(
    "HISTORY_DUPLICATE",
    Severity.WARNING,
    "ตาราง {table}: '{key}' ของ{period_th} ซ้ำกับแถว {first} — การเปรียบเทียบใช้แถวแรก",
    "table {table}: '{key}' of {period_en} repeats row {first}; the comparison uses the first",
)
def history_duplicate(quarter: Quarter) -> Iterable[Hit]:
    for history in _histories(quarter):
        seen: dict[tuple, Period] = {}
        for row in history.rows:
            if row.period is None:
                continue
            key = (row.period, history.key(row))
            first = seen.setdefault(key, row)
            if first is not row:
                shown = " / ".join(k for k in key[1] if k) if isinstance(key[1], tuple) else str(key[1])
                where = first.at(history.key_field)
                params = {"table": history.table, "key": _short(shown), "first": where, **_label(row.period)}
                yield Hit(row.at(history.key_field), params, actual=shown)


@check(
    "HISTORY_CODE_UNKNOWN",
    Severity.INFO,
    "ตาราง {table}: '{code}' ของ{period_th} ไม่มีในไตรมาสนี้และไตรมาสก่อน — ไม่อยู่ในการเปรียบเทียบรายไตรมาส (พิมพ์รหัสผิดหรือไม่)",
    "table {table}: '{code}' of {period_en} is neither in this quarter nor the previous one, so it is left out "
    "of the quarter-by-quarter comparison (a mistyped code?)",
)
def history_code_unknown(quarter: Quarter) -> Iterable[Hit]:
    """A code of this fiscal year's history that no longer exists. Codes of the previous quarter
    that disappeared are HISTORY_*_REMOVED notes; earlier years' structures may differ freely."""
    current = quarter.settings.period
    if current is None:
        return
    before = previous_in_year(quarter)
    for history in _histories(quarter):
        last_quarter = {history.code(r) for r in history.rows if r.period == before}
        reported: set[str] = set()
        for row in history.rows:
            period = row.period
            if period is None or period[0] != current[0] or period >= current:
                continue
            code = history.code(row)
            if code in history.current_codes or code in last_quarter or code in reported:
                continue
            reported.add(code)
            where = row.at("project" if history.table == schema.HISTORY_KPIS.name else history.key_field)
            yield Hit(where, {"table": history.table, "code": code, **_label(period)}, actual=code)
