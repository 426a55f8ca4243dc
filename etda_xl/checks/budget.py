"""Checks of the budget-spending table: codes, row arithmetic, %, hierarchy, grand total."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .. import layout, rules
from ..compute import is_budget_code, line_pct, line_result, shown_result
from ..findings import Hit, Severity, check
from ..model import Quarter
from .equations import COLUMN_LABELS, budget_equations, cell_values

_ROUNDING_TH = " — ต่างกันเพียง {difference} ซึ่งอยู่ในเกณฑ์การปัดเศษทศนิยม 4 ตำแหน่ง ({terms} จำนวน × 0.00005)"
_ROUNDING_EN = " — only {difference} apart, within 4-decimal rounding ({terms} figures × 0.00005)"


def _equation_hits(report: Quarter, kind: str) -> Iterable[Hit]:
    values = cell_values(report)
    for equation in budget_equations(report, values):
        if equation.kind != kind:
            continue
        outcome = equation.outcome(values)
        if outcome == "exact":
            continue
        expected, actual = rules.shown(equation.terms_sum(values)), rules.shown(values[equation.total])
        yield Hit(
            equation.total,
            {
                "code": equation.line.code,
                "line_th": "รวมทั้งสิ้น" if equation.line.is_total else f"รายการ {equation.line.code}",
                "line_en": "the grand total" if equation.line.is_total else f"line {equation.line.code}",
                "column": COLUMN_LABELS[equation.field],
                "expected": expected,
                "actual": actual,
                "difference": rules.shown(abs(equation.difference(values))),
                "terms": len(equation.terms),
            },
            expected=expected,
            actual=actual,
            variant="default" if outcome == "error" else "rounding",
        )


@check(
    "BUDGET_ROW_SUM",
    Severity.ERROR,
    "{line_th}: ผลการใช้จ่าย (5) ควรเท่ากับ (2)+(3)+(4) = {expected} แต่กรอกไว้ {actual} (ต่างกัน {difference})",
    "{line_en}: result (5) should be (2)+(3)+(4) = {expected} but reads {actual} (off by {difference})",
    rounding=(
        Severity.INFO,
        "{line_th}: (2)+(3)+(4) = {expected} แต่ (5) แสดง {actual}" + _ROUNDING_TH,
        "{line_en}: (2)+(3)+(4) = {expected} but (5) shows {actual}" + _ROUNDING_EN,
    ),
)
def budget_row_sum(report: Quarter) -> Iterable[Hit]:
    return _equation_hits(report, "row")


@check(
    "BUDGET_HIERARCHY",
    Severity.ERROR,
    "รายการ {code} คอลัมน์ {column}: ควรเท่ากับผลรวมของรายการย่อย = {expected} แต่กรอกไว้ {actual} (ต่างกัน {difference})",
    "line {code}, column {column}: should equal the sum of its sub-lines = {expected} but reads {actual} "
    "(off by {difference})",
    rounding=(
        Severity.INFO,
        "รายการ {code} คอลัมน์ {column}: ผลรวมรายการย่อย = {expected} แต่แสดง {actual}" + _ROUNDING_TH,
        "line {code}, column {column}: its sub-lines add up to {expected} but it shows {actual}" + _ROUNDING_EN,
    ),
)
def budget_hierarchy(report: Quarter) -> Iterable[Hit]:
    return _equation_hits(report, "column")


@check(
    "BUDGET_GRAND_TOTAL",
    Severity.ERROR,
    "รวมทั้งสิ้น คอลัมน์ {column}: ควรเท่ากับผลรวมรายการระดับบนสุด = {expected} แต่กรอกไว้ {actual} (ต่างกัน {difference})",
    "grand total, column {column}: should equal the sum of the top-level lines = {expected} but reads {actual} "
    "(off by {difference})",
    rounding=(
        Severity.INFO,
        "รวมทั้งสิ้น คอลัมน์ {column}: รายการระดับบนสุดรวมได้ {expected} แต่แสดง {actual}" + _ROUNDING_TH,
        "grand total, column {column}: the top-level lines add up to {expected} but it shows {actual}" + _ROUNDING_EN,
    ),
)
def budget_grand_total(report: Quarter) -> Iterable[Hit]:
    return _equation_hits(report, "grand")


@check(
    "BUDGET_PCT",
    Severity.ERROR,
    "รายการ {code}: % ผลการใช้จ่าย ควรเป็น (5)/(1) = {result}/{plan} = {expected}% แต่กรอกไว้ {actual}%",
    "line {code}: % spent should be (5)/(1) = {result}/{plan} = {expected}% but reads {actual}%",
)
def budget_pct(report: Quarter) -> Iterable[Hit]:
    decimals = report.settings.pct_decimals
    for line in report.budget:
        expected = line_pct(line, decimals)
        if line.pct is None or expected is None or line.pct == expected:
            continue
        result = shown_result(line)
        yield Hit(
            line.at("pct"),
            {
                "code": line.code,
                "result": rules.shown(result),
                "plan": rules.shown(line.plan),
                "expected": expected,
                "actual": line.pct,
            },
            expected=expected,
            actual=line.pct,
            fix=expected,
        )


@check(
    "BUDGET_NO_PLAN",
    Severity.WARNING,
    "รายการ {code}: แผน (1) เป็นศูนย์ แต่มีผลการใช้จ่าย {result} — คิดร้อยละไม่ได้ (ไม่มีแผน)",
    "line {code}: plan (1) is zero but {result} was spent; no percentage can be computed (no plan)",
)
def budget_no_plan(report: Quarter) -> Iterable[Hit]:
    for line in report.budget:
        result = shown_result(line)
        if line.plan == 0 and result:
            yield Hit(line.at("plan"), {"code": line.code, "result": result}, actual=line.plan)


@check(
    "BUDGET_OVER_PLAN",
    Severity.WARNING,
    "รายการ {code}: ผลการใช้จ่าย (5) {result} สูงกว่าแผน (1) {plan}",
    "line {code}: result (5) {result} is above plan (1) {plan}",
)
def budget_over_plan(report: Quarter) -> Iterable[Hit]:
    for line in report.budget:
        result = shown_result(line)
        if result is not None and line.plan and result > line.plan:
            where = line.at("result") or line.at("plan")
            yield Hit(
                where, {"code": line.code, "result": result, "plan": line.plan}, expected=line.plan, actual=result
            )


@check(
    "BUDGET_CODE_INVALID",
    Severity.ERROR,
    "รหัสรายการ '{code}' ไม่ถูกรูปแบบ (ควรเป็น 1, 1.2, 1.2.1 … หรือ รวม)",
    "budget code '{code}' is malformed (expected 1, 1.2, 1.2.1 … or รวม)",
)
def budget_code_invalid(report: Quarter) -> Iterable[Hit]:
    for line in report.budget_lines:
        if not is_budget_code(line.code):
            yield Hit(line.at("code"), {"code": line.code}, actual=line.code)


@check(
    "BUDGET_CODE_DUPLICATE",
    Severity.ERROR,
    "รหัสรายการ {code} ซ้ำกับแถวก่อนหน้า ({first})",
    "budget code {code} repeats an earlier row ({first})",
)
def budget_code_duplicate(report: Quarter) -> Iterable[Hit]:
    seen: dict[str, str] = {}
    for line in report.budget:
        where = line.at("code")
        key = "รวม" if line.is_total else line.code
        if key in seen:
            yield Hit(where, {"code": key, "first": seen[key]}, actual=key)
        else:
            seen[key] = where.cell if where else ""


@check(
    "BUDGET_CODE_ORPHAN",
    Severity.ERROR,
    "รายการ {code} ไม่มีรายการแม่ {parent} ในตาราง",
    "line {code} has no parent line {parent} in the table",
)
def budget_code_orphan(report: Quarter) -> Iterable[Hit]:
    codes = {line.code for line in report.budget_lines}
    for line in report.budget_lines:
        parent = line.parent_code
        if is_budget_code(line.code) and parent is not None and parent not in codes:
            yield Hit(line.at("code"), {"code": line.code, "parent": parent}, actual=line.code)


@check(
    "BUDGET_EMPTY",
    Severity.INFO,
    "ตารางงบประมาณยังไม่มีข้อมูล จึงยังไม่มีตัวเลขให้ตรวจ",
    "the budget table has no lines yet, so there are no figures to check",
)
def budget_empty(report: Quarter) -> Iterable[Hit]:
    if not report.budget:
        yield Hit(report.tables.get(layout.BUDGET.name))


@check(
    "BUDGET_TOTAL_MISSING",
    Severity.WARNING,
    "ตารางงบประมาณไม่มีแถว รวมทั้งสิ้น (รหัส 'รวม') จึงตรวจยอดรวมทั้งสิ้นไม่ได้",
    "the budget table has no grand-total row (code 'รวม'), so the grand total cannot be checked",
)
def budget_total_missing(report: Quarter) -> Iterable[Hit]:
    if report.budget and report.grand_total is None:
        last = report.budget[-1].at("code")
        yield Hit(last)


@check(
    "BUDGET_FORMULA_STALE",
    Severity.WARNING,
    "รายการ {code} คอลัมน์ {column}: สูตรเก็บค่าเก่า {actual} ไว้ แต่คำนวณใหม่ได้ {expected} — กด F9 / บันทึกใหม่ใน Excel",
    "line {code}, column {column}: the formula's saved value {actual} is stale; it recomputes to {expected} "
    "(recalculate and save in Excel)",
)
def budget_formula_stale(report: Quarter) -> Iterable[Hit]:
    decimals = report.settings.pct_decimals
    for line in report.budget:
        computed = {"result": line_result(line), "pct": line_pct(line, decimals)}
        for field, expected in computed.items():
            cached = getattr(line, field)
            if field in line.formulas and cached is not None and expected is not None and cached != expected:
                if field == "result" and abs(cached - expected) < Decimal("1e-9"):
                    continue
                yield Hit(
                    line.at(field),
                    {"code": line.code, "column": COLUMN_LABELS[field], "expected": expected, "actual": cached},
                    expected=expected,
                    actual=cached,
                )


@check(
    "BUDGET_FORMULA_OVERWRITTEN",
    Severity.WARNING,
    "รายการ {code} คอลัมน์ {column}: พิมพ์ตัวเลข {actual} ทับสูตร (แถวอื่นในคอลัมน์นี้เป็นสูตร) — ควรใช้สูตรเดิม",
    "line {code}, column {column}: the number {actual} was typed over the column's formula "
    "(other rows compute it); restore the formula",
)
def budget_formula_overwritten(report: Quarter) -> Iterable[Hit]:
    for field in ("result", "pct"):
        with_formula = sum(1 for line in report.budget if field in line.formulas)
        if with_formula * 2 <= len(report.budget):
            continue  # a typed column, not a formula column
        for line in report.budget:
            if field not in line.formulas and getattr(line, field) is not None:
                value = getattr(line, field)
                yield Hit(
                    line.at(field), {"code": line.code, "column": COLUMN_LABELS[field], "actual": value}, actual=value
                )
