"""Checks of the budget-spending table: codes, row arithmetic, %, hierarchy, grand total."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .. import rules, schema
from ..codes import TOTAL, is_budget_code
from ..compute import LineFigures, figures_of
from ..equations import Equation, Outcome, Sum
from ..findings import Hit, Severity, check, equation_hit
from ..mistyped import duplicates
from ..model import ROW_TERMS, Quarter
from .wording import COLUMN_LABELS, line_words

#: The rounding rule in words, from its constants (rules.SHOWN_DECIMALS, rules.ROUNDING_UNIT).
_ROUNDING_TH = (
    " — ต่างกันเพียง {difference} ซึ่งอยู่ในเกณฑ์การปัดเศษทศนิยม "
    f"{rules.SHOWN_DECIMALS} ตำแหน่ง ({{terms}} จำนวน × {rules.ROUNDING_UNIT})"
)
_ROUNDING_EN = (
    f" — only {{difference}} apart, within {rules.SHOWN_DECIMALS}-decimal rounding "
    f"({{terms}} figures × {rules.ROUNDING_UNIT})"
)


def _sum_hit(equation: Equation, outcome: Outcome, column: str, terms: int, typed_result: Decimal | None = None) -> Hit:
    """A sum that is not exact, with the figures as shown; a rounding note quotes at most its bound.
    ``typed_result``: the typed (5), when the (5) compared is the (2)+(3)+(4) the report prints."""
    line = equation.subject
    expected, actual = outcome.expected, outcome.actual
    note = _printed_note(typed_result)
    variant = "default" if outcome.outcome == "error" else "rounding"
    if typed_result is not None and variant == "default":
        variant = "printed"  # compared: the (5) the report prints, not what the cell reads
    return Hit(
        equation.anchor,
        {
            "code": line.code,  # type: ignore[attr-defined]
            "line_th": line_words(line, "th"),  # type: ignore[arg-type]
            "line_en": line_words(line, "en"),  # type: ignore[arg-type]
            "column": column,
            "expected": expected,
            "actual": actual,
            "difference": abs(actual - expected),  # type: ignore[operator]
            "terms": terms,
            "typed_result": typed_result,
            "note_th": note[0],
            "note_en": note[1],
        },
        expected=expected,
        actual=typed_result if typed_result is not None else actual,  # what the cell reads
        variant=variant,
        equation=equation,
    )


def _column_hits(report: Quarter, code: str) -> Iterable[Hit]:
    figures = figures_of(report)
    for equation, outcome in figures.judged(code):
        if outcome.outcome != "exact":
            assert isinstance(equation, Sum)
            typed = _overruled(figures.of(equation.subject)) if equation.field_name == "result" else None  # type: ignore[arg-type]
            yield _sum_hit(equation, outcome, COLUMN_LABELS[equation.field_name], len(equation.terms), typed)


def _overruled(figures: LineFigures) -> Decimal | None:
    """The typed (5), when the report prints (2)+(3)+(4) instead (it is off beyond rounding)."""
    return figures.typed_result if figures.result_source == "computed" else None


def _printed_note(typed_result: Decimal | None) -> tuple[str, str]:
    """Where the (5) compared comes from, when the report prints (2)+(3)+(4) rather than the typed (5)."""
    if typed_result is None:
        return "", ""
    return (
        f" (ใช้ (5) = (2)+(3)+(4) ที่พิมพ์ในรายงาน เพราะ (5) ที่กรอกไว้ {typed_result} ต่างเกินเกณฑ์ปัดเศษ)",
        f" (the (5) the report prints, (2)+(3)+(4): the typed {typed_result} is off beyond rounding)",
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
    for equation, outcome in figures_of(report).judged("BUDGET_ROW_SUM"):
        if outcome.outcome != "exact":
            yield _sum_hit(equation, outcome, "(5)", len(ROW_TERMS))


@check(
    "BUDGET_HIERARCHY",
    Severity.ERROR,
    "รายการ {code} คอลัมน์ {column}: ควรเท่ากับผลรวมของรายการย่อย = {expected} แต่กรอกไว้ {actual} (ต่างกัน {difference})"
    "{note_th}",
    "line {code}, column {column}: should equal the sum of its sub-lines = {expected} but reads {actual} "
    "(off by {difference}){note_en}",
    rounding=(
        Severity.INFO,
        "รายการ {code} คอลัมน์ {column}: ผลรวมรายการย่อย = {expected} แต่แสดง {actual}" + _ROUNDING_TH,
        "line {code}, column {column}: its sub-lines add up to {expected} but it shows {actual}" + _ROUNDING_EN,
    ),
    printed=(
        Severity.ERROR,
        "รายการ {code} คอลัมน์ {column}: ควรเท่ากับผลรวมของรายการย่อย = {expected} แต่ที่รายงานพิมพ์คือ {actual} "
        "(ต่างกัน {difference}){note_th}",
        "line {code}, column {column}: should equal the sum of its sub-lines = {expected} but the report prints "
        "{actual} (off by {difference}){note_en}",
    ),
)
def budget_hierarchy(report: Quarter) -> Iterable[Hit]:
    """(1)-(4) as typed; (5) as the report prints it (a line's (5) beyond rounding is its (2)+(3)+(4))."""
    return _column_hits(report, "BUDGET_HIERARCHY")


@check(
    "BUDGET_GRAND_TOTAL",
    Severity.ERROR,
    "รวมทั้งสิ้น คอลัมน์ {column}: ควรเท่ากับผลรวมรายการระดับบนสุด = {expected} แต่กรอกไว้ {actual} (ต่างกัน {difference}){note_th}",
    "grand total, column {column}: should equal the sum of the top-level lines = {expected} but reads {actual} "
    "(off by {difference}){note_en}",
    rounding=(
        Severity.INFO,
        "รวมทั้งสิ้น คอลัมน์ {column}: รายการระดับบนสุดรวมได้ {expected} แต่แสดง {actual}" + _ROUNDING_TH,
        "grand total, column {column}: the top-level lines add up to {expected} but it shows {actual}" + _ROUNDING_EN,
    ),
    printed=(
        Severity.ERROR,
        "รวมทั้งสิ้น คอลัมน์ {column}: ควรเท่ากับผลรวมรายการระดับบนสุด = {expected} แต่ที่รายงานพิมพ์คือ {actual} "
        "(ต่างกัน {difference}){note_th}",
        "grand total, column {column}: should equal the sum of the top-level lines = {expected} but the report "
        "prints {actual} (off by {difference}){note_en}",
    ),
)
def budget_grand_total(report: Quarter) -> Iterable[Hit]:
    return _column_hits(report, "BUDGET_GRAND_TOTAL")


@check(
    "BUDGET_PCT",
    Severity.ERROR,
    "รายการ {code}: % ผลการใช้จ่าย ควรเป็น (5)/(1) = {result}/{plan} = {expected}% แต่กรอกไว้ {actual}%{note_th}",
    "line {code}: % spent should be (5)/(1) = {result}/{plan} = {expected}% but reads {actual}%{note_en}",
)
def budget_pct(report: Quarter) -> Iterable[Hit]:
    """The % the report prints for the line is the % expected: ROUND(printed (5) / (1))."""
    figures_all = figures_of(report)
    for equation, outcome in figures_all.judged("BUDGET_PCT"):
        if outcome.outcome != "error":
            continue
        figures = figures_all.of(equation.subject)  # type: ignore[arg-type]
        typed = _overruled(figures)
        note_th = f" (ใช้ (5) = (2)+(3)+(4) เพราะ (5) ที่กรอกไว้ {typed} ต่างเกินเกณฑ์ปัดเศษ)"
        note_en = f" ((5) taken as (2)+(3)+(4): the typed {typed} is off beyond rounding)"
        params = {
            "code": figures.code,
            "result": figures.printed_result,
            "plan": figures.plan,
            "typed_result": typed,
            "note_th": note_th if typed is not None else "",
            "note_en": note_en if typed is not None else "",
        }
        yield equation_hit(equation, outcome, params)


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
        params = {"code": code, "unjudged": tuple(malformed.unjudged), "sums_th": sums_th, "sums_en": sums_en}
        yield Hit(malformed.line.at("code"), params, actual=code)


_WHY = {"place": ("อยู่ในตำแหน่งของรายการนั้น", "it stands where that line sorts"),
        "name": ("ชื่อตรงกับรายการนั้นในประวัติหรือโครงการที่ผูกไว้", "its name is that line's in the history or its project"),
        "plan": ("แผน (1) เท่ากับของรายการนั้นในไตรมาสก่อน", "its plan (1) is that line's last quarter")}  # fmt: skip


@check(
    "BUDGET_CODE_DUPLICATE",
    Severity.ERROR,
    "รหัสรายการ {code} ซ้ำกับแถวก่อนหน้า ({first}){missing_th}",
    "budget code {code} repeats an earlier row ({first}){missing_en}",
    mistyped=(
        Severity.ERROR,
        "รหัสรายการ {code} ใช้ซ้ำ ({cells}) — แถวนี้น่าจะเป็นรายการ {meant} ({why_th}) จึงยังไม่คำนวณตัวเลขที่ใช้รหัสนี้",
        "budget code {code} is used twice ({cells}); this row is probably line {meant} ({why_en}), so the figures "
        "that name either code wait for it",
    ),
)
def budget_code_duplicate(report: Quarter) -> Iterable[Hit]:
    """A code used twice; the row whose place, name and plan fit a missing code is named (``mistyped``),
    with that code as the fix where two of them agree."""
    for duplicate in duplicates(report):
        cells = tuple(c for line in duplicate.lines if (c := line.at("code")) is not None)
        mistyped = duplicate.mistyped
        if mistyped is not None:
            why = [_WHY[r] for r in mistyped.reasons]
            params: dict[str, Any] = {"code": duplicate.code, "cells": cells, "meant": mistyped.meant,
                                      "reasons": tuple(mistyped.reasons), "why_th": ", ".join(w[0] for w in why),
                                      "why_en": ", ".join(w[1] for w in why)}  # fmt: skip
            fix = mistyped.meant if len(mistyped.reasons) >= 2 else None
            yield Hit(mistyped.line.at("code"), params, actual=duplicate.code, fix=fix, variant="mistyped")
            continue
        missing = ", ".join(duplicate.missing)
        params = {"code": duplicate.code, "first": cells[0] if cells else None, "missing": tuple(duplicate.missing),
                  "missing_th": f" — รายการที่ไม่มีในตาราง: {missing}" if missing else "",
                  "missing_en": f"; not in the table: {missing}" if missing else ""}  # fmt: skip
        candidates = cells if missing else ()
        for line in duplicate.lines[1:]:
            yield Hit(line.at("code"), params, actual=duplicate.code, candidates=candidates)
    totals = [line for line in report.budget if line.is_total]
    for line in totals[1:]:
        params = {"code": TOTAL, "first": totals[0].at("code"), "missing": (), "missing_th": "", "missing_en": ""}
        yield Hit(line.at("code"), params, actual=TOTAL)


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
