"""Checks of the budget-spending table: codes, row arithmetic, %, hierarchy, grand total."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .. import rules, schema
from ..compute import ROW_TERMS, SumFigures, figures_of, is_budget_code
from ..findings import Hit, Severity, check
from ..model import Quarter
from .equations import COLUMN_LABELS

#: The rounding rule in words, from its constants (rules.SHOWN_DECIMALS, rules.ROUNDING_UNIT).
_ROUNDING_TH = (
    " — ต่างกันเพียง {difference} ซึ่งอยู่ในเกณฑ์การปัดเศษทศนิยม "
    f"{rules.SHOWN_DECIMALS} ตำแหน่ง ({{terms}} จำนวน × {rules.ROUNDING_UNIT})"
)
_ROUNDING_EN = (
    f" — only {{difference}} apart, within {rules.SHOWN_DECIMALS}-decimal rounding "
    f"({{terms}} figures × {rules.ROUNDING_UNIT})"
)


def _sum_hit(where, line, column: str, expected: Decimal, actual: Decimal, terms: int, outcome: str) -> Hit:
    """A sum that is not exact, with the figures as shown; a rounding note quotes at most its bound."""
    return Hit(
        where,
        {
            "code": line.code,
            "line_th": "รวมทั้งสิ้น" if line.is_total else f"รายการ {line.code}",
            "line_en": "the grand total" if line.is_total else f"line {line.code}",
            "column": column,
            "expected": expected,
            "actual": actual,
            "difference": abs(actual - expected),
            "terms": terms,
        },
        expected=expected,
        actual=actual,
        variant="default" if outcome == "error" else "rounding",
    )


def _column_hits(report: Quarter, kind: str) -> Iterable[Hit]:
    sums: Iterable[SumFigures] = figures_of(report).sums
    for figures in sums:
        equation = figures.equation
        if equation.kind == kind and figures.outcome != "exact":
            column, terms = COLUMN_LABELS[equation.field], len(equation.terms)
            expected, actual = figures.expected, figures.actual
            yield _sum_hit(equation.total, equation.line, column, expected, actual, terms, figures.outcome)


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
    for figures in figures_of(report).lines:
        outcome = figures.result_outcome
        if outcome is not None and outcome != "exact":
            where, computed, typed = figures.line.at("result"), figures.computed_result, figures.typed_result
            yield _sum_hit(where, figures.line, "(5)", computed, typed, len(ROW_TERMS), outcome)  # type: ignore[arg-type]


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
    return _column_hits(report, "column")


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
    return _column_hits(report, "grand")


@check(
    "BUDGET_PCT",
    Severity.ERROR,
    "รายการ {code}: % ผลการใช้จ่าย ควรเป็น (5)/(1) = {result}/{plan} = {expected}% แต่กรอกไว้ {actual}%{note_th}",
    "line {code}: % spent should be (5)/(1) = {result}/{plan} = {expected}% but reads {actual}%{note_en}",
)
def budget_pct(report: Quarter) -> Iterable[Hit]:
    """The % the report prints for the line is the % expected: ROUND(printed (5) / (1))."""
    for figures in figures_of(report).lines:
        line, expected = figures.line, figures.printed_pct
        if line.pct is None or expected is None or line.pct == expected:
            continue
        recomputed = figures.result_source == "computed" and figures.typed_result is not None
        yield Hit(
            line.at("pct"),
            {
                "code": line.code,
                "result": figures.printed_result,
                "plan": figures.plan,
                "expected": expected,
                "actual": line.pct,
                "note_th": f" (ใช้ (5) = (2)+(3)+(4) เพราะ (5) ที่กรอกไว้ {figures.typed_result} ต่างเกินเกณฑ์ปัดเศษ)"
                if recomputed
                else "",
                "note_en": f" ((5) taken as (2)+(3)+(4): the typed {figures.typed_result} is off beyond rounding)"
                if recomputed
                else "",
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
    for figures in figures_of(report).lines:
        if figures.plan == 0 and figures.printed_result:
            params = {"code": figures.code, "result": figures.printed_result}
            yield Hit(figures.line.at("plan"), params, actual=figures.line.plan)


@check(
    "BUDGET_OVER_PLAN",
    Severity.WARNING,
    "รายการ {code}: ผลการใช้จ่าย (5) {result} สูงกว่าแผน (1) {plan}",
    "line {code}: result (5) {result} is above plan (1) {plan}",
)
def budget_over_plan(report: Quarter) -> Iterable[Hit]:
    for figures in figures_of(report).lines:
        result, plan = figures.printed_result, figures.plan
        if result is not None and plan and result > plan:
            where = figures.line.at("result") or figures.line.at("plan")
            yield Hit(where, {"code": figures.code, "result": result, "plan": plan}, expected=plan, actual=result)


@check(
    "BUDGET_CODE_INVALID",
    Severity.ERROR,
    "รหัสรายการ '{code}' ไม่ถูกรูปแบบ (ควรเป็น 1, 1.2, 1.2.1 … หรือ รวม) — ยังไม่ตรวจยอดรวมของ{sums_th}จนกว่าจะแก้รหัส",
    "budget code '{code}' is malformed (expected 1, 1.2, 1.2.1 … or รวม); the sums of {sums_en} are not checked "
    "until it is corrected",
)
def budget_code_invalid(report: Quarter) -> Iterable[Hit]:
    """A malformed code's line has no place in the hierarchy: the sums it may belong to are not judged."""
    for malformed in figures_of(report).malformed:
        sums_th = ", ".join([*(f"รายการ {code}" for code in malformed.unjudged), "ยอดรวมทั้งสิ้น"])
        sums_en = ", ".join([*(f"line {code}" for code in malformed.unjudged), "the grand total"])
        code = malformed.line.code
        yield Hit(malformed.line.at("code"), {"code": code, "sums_th": sums_th, "sums_en": sums_en}, actual=code)


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
        yield Hit(report.tables.get(schema.BUDGET.name))


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
    """A formula cell against what its own formula computes (=D+E+F, =G/C), as shown."""
    for figures in figures_of(report).lines:
        line = figures.line
        for field, computed in (("result", figures.formula_result), ("pct", figures.formula_pct)):
            cached = getattr(line, field)
            if field not in line.formulas or cached is None or computed is None:
                continue
            expected, actual = (rules.shown(computed), rules.shown(cached)) if field == "result" else (computed, cached)
            if expected != actual:
                yield Hit(
                    line.at(field),
                    {"code": line.code, "column": COLUMN_LABELS[field], "expected": expected, "actual": actual},
                    expected=expected,
                    actual=actual,
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
