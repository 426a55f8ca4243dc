"""ROOT_CAUSE: the diagnosis (``diagnosis``) in words — the one cell that explains several errors,
with the value that corrects it, or the cells that could each explain them.

A named cell whose correction repairs only the one equation anchored at it needs no second finding:
that equation's own finding carries the fix. Otherwise the root cause stands first, at the cell to
change, and the findings it explains say that they follow from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from .. import rules
from ..diagnosis import Ambiguity, Correction, diagnose
from ..equations import Equation, Floor
from ..findings import Hit, Severity, check
from ..model import BudgetLine, Quarter
from .wording import budget_cells_words, cell_words, explains


def _explains(equations: Sequence[Equation]) -> dict[str, Any]:
    """The equations in words, and as data: each one's check code and the cell its finding stands at
    (``explains_codes``, ``explains_cells``, in the same order), and last quarter's figures among them
    (``floors``)."""
    return {
        "explains_codes": tuple(e.code for e in equations),
        "explains_cells": tuple(e.anchor for e in equations),
        "floors": _floors(equations),
        "explains_th": explains(equations, "th"),
        "explains_en": explains(equations, "en"),
    }


def _floors(equations: Iterable[Equation]) -> tuple[Decimal, ...]:
    """Last quarter's figures the words quote (``Floor``: a cumulative figure may not fall below them)."""
    return tuple(e.floor for e in equations if isinstance(e, Floor))


def _candidates(options: Iterable[Correction], lang: str) -> str:
    """The candidate cells in words: budget cells by column and runs of lines, the others by name."""
    options = list(options)
    budget = [(o.subject, o.field) for o in options if isinstance(o.subject, BudgetLine)]
    others = [cell_words(o.subject, o.field, lang) for o in options if not isinstance(o.subject, BudgetLine)]
    parts = ([budget_cells_words(budget, lang)] if budget else []) + others  # type: ignore[arg-type]
    return (" หรือ " if lang == "th" else " or ").join(parts)


def _blocked(group: Ambiguity) -> Hit:
    """One cell would explain the errors, but only with a value its bound forbids (below last quarter's)."""
    option = max(group.options, key=lambda o: len(o.satisfies))
    bounds = option.blocked_by
    past = tuple(where for b in bounds if (where := getattr(b, "witness", None)) is not None)
    params = {
        "what_th": cell_words(option.subject, option.field, "th"),
        "what_en": cell_words(option.subject, option.field, "en"),
        "code": getattr(option.subject, "code", ""),
        "field": option.field,
        "actual": rules.shown(option.current),
        "value": option.corrected,
        "bound_codes": tuple(b.code for b in bounds),
        "bound_floors": _floors(bounds),
        "bound_th": explains(bounds, "th"),
        "bound_en": explains(bounds, "en"),
        "bound_cells": past,  # "-" when none: a separate book's figure, or a range
        **_explains(option.satisfies),
    }
    return Hit(option.cell, params, variant="blocked", candidates=(option.cell, *past))


def _stands_alone(fix: Correction) -> bool:
    """The correction repairs only the equation whose finding is at the cell itself."""
    return len(fix.satisfies) == 1 and fix.satisfies[0].anchor == fix.cell


@check(
    "ROOT_CAUSE",
    Severity.ERROR,
    "ต้นเหตุ: เซลล์นี้ ({what_th}) กรอกไว้ {actual} — ถ้าเป็น {fix} จะถูกต้องทั้ง {explains_th}",
    "root cause: this cell ({what_en}) reads {actual}; {fix} satisfies {explains_en}",
    uncertain=(
        Severity.ERROR,
        "ต้นเหตุ: เซลล์นี้ ({what_th}) กรอกไว้ {actual} — ค่าใดก็ได้ตั้งแต่ {low} ถึง {high} จะถูกต้องทั้ง {explains_th} "
        "แต่ตัวเลขบอกไม่ได้ว่าค่าใด — ตรวจกับเอกสารต้นทาง",
        "root cause: this cell ({what_en}) reads {actual}; any value from {low} to {high} satisfies {explains_en}, "
        "and the figures cannot tell which: check it against the source documents",
    ),
    ambiguous=(
        Severity.INFO,
        "ข้อผิดพลาดของ {explains_th} เกิดจากเซลล์เดียว แต่ข้อมูลบอกไม่ได้ว่าเซลล์ใด: {candidates_th} ({cells}) "
        "— ตรวจเทียบกับเอกสารต้นทาง",
        "the errors in {explains_en} come from one cell, but the figures cannot tell which: {candidates_en} "
        "({cells}); check them against the source documents",
    ),
    blocked=(
        Severity.INFO,
        "เซลล์นี้ ({what_th}) กรอกไว้ {actual} — ถ้าเป็น {value} จะถูกต้องทั้ง {explains_th} แต่จะขัดกับ{bound_th} "
        "— ตรวจเซลล์นี้และ {bound_cells} กับเอกสารต้นทาง",
        "this cell ({what_en}) reads {actual}; {value} would satisfy {explains_en}, but would break {bound_en}: "
        "check this cell and {bound_cells} against the source documents",
    ),
    none=(
        Severity.INFO,
        "ไม่พบเซลล์เดียวที่แก้แล้วทำให้ {explains_th} ถูกต้องพร้อมกันโดยไม่ทำให้ส่วนอื่นผิด — น่าจะมีมากกว่าหนึ่งเซลล์ที่ผิด",
        "no single cell corrects {explains_en} together without breaking another figure; more than one cell is "
        "probably wrong",
    ),
    skipped=(
        Severity.INFO,
        "ตารางงบประมาณมีสมการที่ไม่ลงตัว {count} รายการ มากเกินกว่าจะหาต้นเหตุทีละเซลล์ได้ — แก้ข้อผิดพลาดที่เห็นก่อนแล้วตรวจใหม่",
        "the budget table has {count} failing sums, too many to trace to single cells; fix the errors shown and "
        "check again",
    ),
)
def root_cause(report: Quarter) -> Iterable[Hit]:
    diagnosis = diagnose(report)
    for fix in diagnosis.found:
        if _stands_alone(fix):
            continue
        current = rules.shown(fix.current)
        params = {
            "what_th": cell_words(fix.subject, fix.field, "th"),
            "what_en": cell_words(fix.subject, fix.field, "en"),
            "code": getattr(fix.subject, "code", ""),
            "field": fix.field,
            "fix": fix.corrected if fix.exact else None,
            "actual": current,
            **_explains(fix.satisfies),
        }
        if fix.exact:
            yield Hit(fix.cell, params, expected=fix.corrected, actual=current, fix=fix.corrected)
        else:  # the cell is singled out, its value is not: no value to type
            low, high = fix.span
            yield Hit(fix.cell, {**params, "low": low, "high": high}, actual=current, variant="uncertain")
    for group in diagnosis.ambiguous:
        if group.blocked:
            yield _blocked(group)
            continue
        anchor = group.equations[0].anchor
        params = {"candidates_th": _candidates(group.options, "th"), "candidates_en": _candidates(group.options, "en"),
                  "cells": group.cells, **_explains(group.equations)}  # fmt: skip
        yield Hit(anchor, params, variant="ambiguous", candidates=group.cells)
    for equations in diagnosis.unexplained:
        yield Hit(equations[0].anchor, _explains(equations), variant="none")
    if diagnosis.skipped:
        first = report.budget[0].at("code") if report.budget else None
        yield Hit(first, {"count": diagnosis.skipped}, variant="skipped")
