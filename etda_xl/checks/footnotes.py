"""Checks of the footnote subtotals under the budget table ("สรุปผลการใช้จ่ายรายการที่ 1.2.2-1.3.4 …")."""

from __future__ import annotations

from collections.abc import Iterable

from .. import rules
from ..compute import footnote_totals, parse_line_set
from ..findings import Hit, Severity, check
from ..model import Quarter


@check(
    "FOOTNOTE_LINES_INVALID",
    Severity.ERROR,
    "หมายเหตุ {number}: อ่านรายการ '{lines}' ไม่ได้ (ใช้ช่วงจากน้อยไปมาก 1.2.2-1.3.4 หรือรายการ 1.3.4+1.3.5)",
    "footnote {number}: cannot read the lines '{lines}' (use a rising range 1.2.2-1.3.4 or a list 1.3.4+1.3.5)",
)
def footnote_lines_invalid(report: Quarter) -> Iterable[Hit]:
    for note in report.footnotes:
        if parse_line_set(note.lines)[1] is None:
            yield Hit(note.at("lines"), {"number": note.number, "lines": note.lines}, actual=note.lines)


@check(
    "FOOTNOTE_LINES_OVERLAP",
    Severity.ERROR,
    "หมายเหตุ {number}: รายการ {code} ถูกนับซ้ำ ({reason})",
    "footnote {number}: line {code} is counted twice ({reason_en})",
)
def footnote_lines_overlap(report: Quarter) -> Iterable[Hit]:
    for note in report.footnotes:
        codes, kind = parse_line_set(note.lines)
        if kind != "list":
            continue
        for index, code in enumerate(codes):
            if code in codes[:index]:
                yield Hit(note.at("lines"), {"number": note.number, "code": code, "reason": "ระบุสองครั้ง",
                                             "reason_en": "listed twice"}, actual=note.lines)  # fmt: skip
            parent = next((c for c in codes if c != code and code.startswith(c + ".")), None)
            if parent:
                params = {"number": note.number, "code": code, "reason": f"อยู่ในรายการ {parent} แล้ว",
                          "reason_en": f"already inside line {parent}"}  # fmt: skip
                yield Hit(note.at("lines"), params, actual=note.lines)


@check(
    "FOOTNOTE_UNKNOWN_LINE",
    Severity.ERROR,
    "หมายเหตุ {number}: ไม่มีรายการ {code} ในตารางงบประมาณ",
    "footnote {number}: there is no line {code} in the budget table",
)
def footnote_unknown_line(report: Quarter) -> Iterable[Hit]:
    for note in report.footnotes:
        for code in footnote_totals(report, note).missing:
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
    for note in report.footnotes:
        totals = footnote_totals(report, note)
        if note.result is None or totals.result is None:
            continue
        difference = note.result - totals.result
        outcome = rules.sum_difference_kind(difference, len(totals.members))
        if outcome != "exact":
            yield Hit(
                note.at("result"),
                {
                    "number": note.number,
                    "lines": ", ".join(m.code for m in totals.members),
                    "expected": rules.shown(totals.result),
                    "actual": rules.shown(note.result),
                    "difference": rules.shown(abs(difference)),
                },
                expected=rules.shown(totals.result),
                actual=rules.shown(note.result),
                variant="default" if outcome == "error" else "rounding",
            )


@check(
    "FOOTNOTE_PCT",
    Severity.ERROR,
    "หมายเหตุ {number}: ควรคิดเป็น {result}/{plan} = {expected}% แต่กรอกไว้ {actual}%",
    "footnote {number}: should be {result}/{plan} = {expected}% but reads {actual}%",
)
def footnote_pct(report: Quarter) -> Iterable[Hit]:
    for note in report.footnotes:
        totals = footnote_totals(report, note)
        if note.pct is not None and totals.pct is not None and note.pct != totals.pct:
            yield Hit(
                note.at("pct"),
                {
                    "number": note.number,
                    "result": rules.shown(totals.result),
                    "plan": rules.shown(totals.plan),
                    "expected": totals.pct,
                    "actual": note.pct,
                },
                expected=totals.pct,
                actual=note.pct,
                fix=totals.pct,
            )


@check(
    "FOOTNOTE_PART_OF",
    Severity.ERROR,
    "หมายเหตุ {number}: รายการ {part_of} ที่ระบุว่า 'เป็นส่วนหนึ่งของ' ต้องอยู่ในรายการของหมายเหตุ ({lines})",
    "footnote {number}: the 'part of' line {part_of} must be one of the footnote's lines ({lines})",
)
def footnote_part_of(report: Quarter) -> Iterable[Hit]:
    for note in report.footnotes:
        if not note.part_of:
            continue
        codes = [m.code for m in footnote_totals(report, note).members]
        if note.part_of not in codes:
            yield Hit(
                note.at("part_of"),
                {"number": note.number, "part_of": note.part_of, "lines": note.lines},
                actual=note.part_of,
            )
