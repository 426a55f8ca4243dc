"""Checks of the footnote subtotals under the budget table ("สรุปผลการใช้จ่ายรายการที่ 1.2.2-1.3.4 …")."""

from __future__ import annotations

from collections.abc import Iterable

from ..compute import figures_of
from ..findings import Hit, Severity, check, equation_hit
from ..model import Quarter


@check(
    "FOOTNOTE_LINES_INVALID",
    Severity.ERROR,
    "หมายเหตุ {number}: อ่านรายการ '{lines}' ไม่ได้ (ใช้ช่วงจากน้อยไปมาก 1.2.2-1.3.4 หรือรายการ 1.3.4+1.3.5)",
    "footnote {number}: cannot read the lines '{lines}' (use a rising range 1.2.2-1.3.4 or a list 1.3.4+1.3.5)",
)
def footnote_lines_invalid(report: Quarter) -> Iterable[Hit]:
    """A range that runs backwards, or a list with nothing readable in it."""
    for figures in figures_of(report).footnotes:
        note = figures.note
        if figures.members.backwards or (note.lines.text and not note.lines):
            yield Hit(note.at("lines"), {"number": note.number, "lines": note.lines.text}, actual=note.lines.text)


@check(
    "FOOTNOTE_LINES_OVERLAP",
    Severity.ERROR,
    "หมายเหตุ {number}: รายการ {code} ถูกนับซ้ำ ({reason})",
    "footnote {number}: line {code} is counted twice ({reason_en})",
)
def footnote_lines_overlap(report: Quarter) -> Iterable[Hit]:
    for figures in figures_of(report).footnotes:
        note = figures.note
        for code, inside in figures.members.overlaps:
            reason = ("ระบุสองครั้ง", "listed twice") if inside is None else (
                f"อยู่ในรายการ {inside} แล้ว", f"already inside line {inside}")  # fmt: skip
            params = {"number": note.number, "code": code, "inside": inside,
                      "reason": reason[0], "reason_en": reason[1]}  # fmt: skip
            yield Hit(note.at("lines"), params, actual=note.lines.text)


@check(
    "FOOTNOTE_UNKNOWN_LINE",
    Severity.ERROR,
    "หมายเหตุ {number}: ไม่มีรายการ {code} ในตารางงบประมาณ",
    "footnote {number}: there is no line {code} in the budget table",
)
def footnote_unknown_line(report: Quarter) -> Iterable[Hit]:
    for figures in figures_of(report).footnotes:
        note = figures.note
        for code in figures.missing:
            yield Hit(note.at("lines"), {"number": note.number, "code": code}, actual=code)


@check(
    "FOOTNOTE_AMOUNT",
    Severity.ERROR,
    "หมายเหตุ {number}: ผลการใช้จ่ายรวมของรายการ {lines} ควรเป็น {expected} ล้านบาท แต่กรอกไว้ {actual} (ต่างกัน {difference})",
    "footnote {number}: the combined result of lines {lines} should be {expected} million baht but reads {actual} "
    "(off by {difference})",
    rounding=(
        Severity.INFO,
        "หมายเหตุ {number}: รายการ {lines} รวมได้ {expected} แต่แสดง {actual} — ต่างกันเพียง {difference} ซึ่งอยู่ในเกณฑ์การปัดเศษ",
        "footnote {number}: lines {lines} add up to {expected} but it shows {actual}; only {difference} apart, "
        "within rounding",
    ),
)
def footnote_amount(report: Quarter) -> Iterable[Hit]:
    figures_all = figures_of(report)
    for equation, outcome in figures_all.judged("FOOTNOTE_AMOUNT"):
        if outcome.outcome == "exact":
            continue
        note = equation.subject
        codes = next(f.codes for f in figures_all.footnotes if f.note is note)
        difference = abs(outcome.actual - outcome.expected)  # type: ignore[operator]
        params = {"number": note.number, "lines": tuple(codes), "difference": difference}  # type: ignore[attr-defined]
        yield equation_hit(equation, outcome, params, "default" if outcome.outcome == "error" else "rounding")


@check(
    "FOOTNOTE_PCT",
    Severity.ERROR,
    "หมายเหตุ {number}: ควรคิดเป็น {result}/{plan} = {expected}% แต่กรอกไว้ {actual}%",
    "footnote {number}: should be {result}/{plan} = {expected}% but reads {actual}%",
)
def footnote_pct(report: Quarter) -> Iterable[Hit]:
    """The % the report prints under the table is the % expected."""
    figures_all = figures_of(report)
    for equation, outcome in figures_all.judged("FOOTNOTE_PCT"):
        if outcome.outcome != "error":
            continue
        figures = next(f for f in figures_all.footnotes if f.note is equation.subject)
        yield equation_hit(equation, outcome, {"number": figures.note.number, "result": figures.result,
                                               "plan": figures.plan})  # fmt: skip


@check(
    "FOOTNOTE_PART_OF",
    Severity.ERROR,
    "หมายเหตุ {number}: รายการ {part_of} ที่ระบุว่า 'เป็นส่วนหนึ่งของ' ต้องอยู่ในรายการของหมายเหตุ ({lines})",
    "footnote {number}: the 'part of' line {part_of} must be one of the footnote's lines ({lines})",
)
def footnote_part_of(report: Quarter) -> Iterable[Hit]:
    for figures in figures_of(report).footnotes:
        note = figures.note
        if note.part_of and figures.lines and note.part_of not in figures.codes:
            yield Hit(
                note.at("part_of"),
                {
                    "number": note.number,
                    "part_of": note.part_of,
                    "lines": note.lines.text,
                    "codes": tuple(figures.codes),
                },
                actual=note.part_of,
            )
