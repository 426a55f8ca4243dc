"""Findings are data: every parameter a check gives its messages is a typed value, and the words only repeat it.

A finding's ``params`` are what a program reads (the JSON contract, the tests): figures as Decimal or int,
cells as CellRef, codes as text, dates as dates, periods as fiscal year and quarter ints. The Thai and
English words a check picks may stand beside them, but never hold data alone: a cell reference or an
amount written into words must also be a parameter of its own. Run on the sample as ``etda-xl sample``
writes it, on the single changes and typos of the mutation suites (``test_mutations``, ``typos``), and on
books that make every check speak, those with a cell, a period or a figure to name above all: last
quarter's history, the year's plan, duplicates, formulas, what only a file holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from etda_xl.api import check_workbook
from etda_xl.checks import REGISTRY, run_checks
from etda_xl.findings import Finding
from etda_xl.model import CellRef, Quarter
from etda_xl.rules import Status
from etda_xl.sample import BUDGET as SEED_ROWS
from etda_xl.sample import write_sample

from . import typos
from .memory import sample_quarter
from .test_history_checks import _relabelled, carrying, halved
from .test_mutations import ONE_CHANGE
from .test_year_plan import _plan, _q3

BUDGET, PROJECTS, FOOTNOTES, KPIS, SETTINGS = "งบประมาณ", "โครงการ", "หมายเหตุงบ", "ตัวชี้วัด", "ตั้งค่า"
ALLOWED = (Decimal, int, str, type(None), CellRef, date)  # bool is an int; a date no datetime; lists and tuples

#: Text the book holds, quoted back: a formula and its references as typed, a cell as read, codes (a line's,
#: a project's, a footnote's number: "1" is a code, not a figure), names, a KPI's texts. Whatever it holds
#: is the user's, not words a check composed.
AS_TYPED = frozenset({"formula", "usual", "outside", "value", "text", "code", "parent", "part_of", "meant",
                      "meant_code", "number", "footnote", "inside", "project", "name", "indicator", "key", "lines",
                      "codes", "unjudged", "missing", "extra", "twice", "subtracted", "explains_codes", "bound_codes",
                      "target", "result", "result_unit", "target_unit", "table"})  # fmt: skip
_SHEET_CELL = re.compile(r"(?:'(?:[^']|'')+'|[^\s'!(),]+)!\$?[A-Z]{1,3}\$?[1-9][0-9]*")
_BARE_CELL = re.compile(r"\$?[A-Z]{1,3}\$?[1-9][0-9]*")
_AMOUNT = re.compile(r"(?<![\d.])\d+\.\d{4}(?![\d.])")  # amounts are shown to 4 decimals
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def _leaves(value: Any) -> Iterator[Any]:
    if isinstance(value, list | tuple) and not isinstance(value, CellRef):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def problems(finding: Finding) -> list[str]:
    """What in the finding's parameters is not data: a type outside the contract, a cell or an amount that
    only words hold, a figure written as text."""
    leaves = {key: list(_leaves(value)) for key, value in finding.params.items()}
    every = [leaf for values in leaves.values() for leaf in values]
    cells = {c for c in every if isinstance(c, CellRef)}
    figures = {Decimal(n) for n in every if isinstance(n, Decimal | int) and not isinstance(n, bool)}
    found = []
    for key, values in leaves.items():
        for leaf in values:
            said = f"{finding.code} {key}={leaf!r}"
            if isinstance(leaf, Enum | float | datetime) or not isinstance(leaf, ALLOWED):
                found.append(f"{said}: a {type(leaf).__name__}")
            elif isinstance(leaf, str) and key not in AS_TYPED:
                found.extend(f"{said}: {why}" for why in _words_problems(leaf, cells, figures))
    return found


def _words_problems(words: str, cells: set[CellRef], figures: set[Decimal]) -> Iterator[str]:
    if _NUMBER.fullmatch(words.strip()):
        yield "a figure as text"
    for ref in _SHEET_CELL.findall(words):
        if ref not in {str(c) for c in cells}:
            yield f"the cell {ref} only in words"
    for item in words.split(", "):
        if _BARE_CELL.fullmatch(item) and item.replace("$", "") not in {c.cell for c in cells}:
            yield f"the cell {item} only in words"
    for amount in _AMOUNT.findall(words):
        if Decimal(amount) not in figures:
            yield f"the figure {amount} only in words"


# --- the books ------------------------------------------------------------------------------------------


def _history_books(sample: Quarter) -> Iterator[Quarter]:
    """The sample as Q4 carrying a halved Q3 (``test_history_checks``), changed so each history check speaks."""
    q3 = halved(sample)

    def q4(change=None) -> Quarter:
        book = carrying(sample, q3)
        if change is not None:
            change(book)
        return book.copy_with()  # figures computed afresh after the change

    def past(book: Quarter, code: str):
        return next(row for row in book.history_budget if row.code == code)

    yield q4(lambda b: setattr(b.line("1.3.4"), "paid", Decimal("6.1889")))
    yield q4(lambda b: setattr(b.line("1.3.4"), "carried", Decimal("8")))
    yield q4(lambda b: setattr(past(b, "1.3.4"), "result", Decimal("60")))
    yield q4(lambda b: setattr(b.line("1.3.4"), "plan", Decimal("90.3398")))
    yield q4(lambda b: setattr(b.project_rows[2], "ops_result", Decimal("40")))
    yield q4(lambda b: setattr(b.project_rows[2], "kpi_done", 3))
    yield q4(lambda b: setattr(b.line("1.3.5"), "code", "1.3.6"))
    yield q4(lambda b: setattr(b.project_rows[4], "number", "6"))
    yield q4(lambda b: setattr(b.kpis[0], "indicator", "ตัวชี้วัดใหม่"))

    def blocked(book: Quarter) -> None:  # the sums' correction would fall below Q3's figure
        past(book, "1.3.4").paid = Decimal("20")
        book.line("1.3.4").paid = Decimal("6.1889")

    yield q4(blocked)

    def repeated(book: Quarter) -> None:
        first = past(book, "1.3.4")
        book.history_budget.append(first.copy_with({"cells": {"code": CellRef("ประวัติ", "C30")}}))

    yield q4(repeated)

    def years(book: Quarter) -> None:
        book.history_budget[0].fiscal_year = 2560
        book.history_projects[0].quarter = 4

    yield q4(years)

    def elsewhere(book: Quarter) -> None:  # a separate book's Q3 (``check --previous``): no history cells
        for rows in ("history_budget", "history_projects"):
            setattr(book, rows, [row.copy_with({"cells": {}}) for row in getattr(book, rows)])
        book.line("1.3.4").paid = Decimal("6.1889")
        book.project_rows[2].ops_result = Decimal("40")

    yield q4(elsewhere)
    q2 = _relabelled(q3, 2563, 2)
    q2.line("1.3.5").code = "1.3.9"
    yield carrying(sample, q3, q2)
    yield carrying(sample, q3, _relabelled(q3, 2563, 1))  # no Q2: a gap
    unordered = carrying(sample, q3, _relabelled(q3, 2563, 2))
    unordered.history_budget.sort(key=lambda row: row.quarter or 0, reverse=True)
    yield unordered


def _plan_books() -> Iterator[Quarter]:
    yield _q3(ops_plan=Decimal(50), ops_result=Decimal(60), fin_plan=Decimal(40))  # carried from Q2
    mismatch = _q3(ops_plan=Decimal(50), ops_result=Decimal(60))
    mismatch.plans = [_plan("3", ops_q3=75)]
    yield mismatch


#: Single changes of the in-memory sample: codes, duplicates, cells read as typed, the settings.
EDITS: list[dict] = [
    {(BUDGET, "A5"): "1,1"},  # a malformed code: a root cause that cannot tell its cells apart
    {(BUDGET, "A11"): "1.3.3"},  # a mistyped code: its row named, the project's missing line placed
    {(BUDGET, "A13"): "1.3.3", (BUDGET, "A14"): "1.3.3"},
    {(BUDGET, "A15"): "3", (BUDGET, "B15"): "เงินอื่น"},
    {(BUDGET, "A8"): "1.4.1"},  # an orphan, and a project's line gone
    {(BUDGET, "A17"): "3"},  # no grand total
    {(BUDGET, "C14"): 0},  # no plan
    {(BUDGET, "G13"): 50, (BUDGET, "H13"): 0.5, (FOOTNOTES, "D4"): 100, (FOOTNOTES, "E4"): 0.5},
    {
        (BUDGET, "D5"): "๑๒๔.๗๙๗๐",
        (BUDGET, "D6"): "1,234.5678",
        (BUDGET, "D7"): "abc",
        (BUDGET, "C9"): -1,
        (BUDGET, "E9"): None,
    },
    {(PROJECTS, "A5"): "1"},
    {(PROJECTS, "E6"): 1, (PROJECTS, "F6"): 0.6, (PROJECTS, "H4"): 0.96},
    {(PROJECTS, "E4"): 120, (PROJECTS, "L4"): "แดง", (PROJECTS, "I5"): 9, (PROJECTS, "J4"): 9, (PROJECTS, "I9"): 40},
    {
        (PROJECTS, "H9"): 85,
        (PROJECTS, "E9"): 50,
        (PROJECTS, "I4"): 2.5,
        (PROJECTS, "L5"): "ม่วง",
        (PROJECTS, "M6"): "1.x",
    },
    {(FOOTNOTES, "B4"): "1.3.4-1.2.2", (FOOTNOTES, "B5"): "1.3.4+1.3.4+1.9"},
    {(FOOTNOTES, "C5"): "1.1"},
    {(KPIS, "D4"): "ทั้งปี", (KPIS, "A5"): "9"},
    {(SETTINGS, "B7"): date(2021, 1, 1), (SETTINGS, "B9"): 3},
    {(SETTINGS, "B7"): "2020-02-30", (SETTINGS, "B6"): 5, (SETTINGS, "A12"): "ไตรมาส", (SETTINGS, "B12"): 4},
]

#: Typed formulas (cell → formula, its saved value): sums that skip or add lines, a hidden constant,
#: references out of the tables (on this sheet and another), a % unlike its column's, saved values that are
#: stale, a formula that failed, one never calculated, one that names its own cell.
FORMULAS = {
    (BUDGET, "D9"): ("=SUM(D10:D13)+'หมายเหตุงบ'!Z1", float(typos.true_values()[(BUDGET, "D9")])),
    (BUDGET, "D12"): ("=D11*1.07+X1", 10.0),
    **{(BUDGET, f"G{row}"): (f"=D{row}+E{row}", float(typos.true_values()[(BUDGET, f"D{row}")])) for row in (5, 6)},
    (BUDGET, "G8"): ("=D8+E8+F8", 1.0),  # stale: D8+E8+F8 is 27.3849
    **{(BUDGET, f"H{row}"): (f"=G{row}/C{row}", 0.5) for row in (4, 5, 6, 7)},
    (BUDGET, "H9"): ("=G9/C8", 0.5),
    (BUDGET, "D14"): ("=D13+1", "#VALUE!"),
    (BUDGET, "E14"): ("=E13", None),
    (BUDGET, "F11"): ("=F11+1", 0),
}


def _formula_books() -> Iterator[Quarter]:
    yield sample_quarter({c: v for c, (_f, v) in FORMULAS.items()}, {c: f for c, (f, _v) in FORMULAS.items()})
    rows = range(typos.FIRST_ROW, typos.FIRST_ROW + 12)  # (5) a formula on 12 of the 14 rows, typed on two
    formulas = {(BUDGET, f"G{row}"): f"=D{row}+E{row}+F{row}" for row in rows}
    seed = [0.0 if line[6] == "-" else float(line[6]) for line in SEED_ROWS]
    yield sample_quarter({(BUDGET, f"G{row}"): seed[row - typos.FIRST_ROW] for row in rows}, formulas)
    sums = {(BUDGET, "D4"): "=D5+D6+D9", (BUDGET, "D6"): "=SUM(D7:D8)"}  # 1.3's paid (D9) typed between them
    yield sample_quarter({cell: float(typos.true_values()[cell]) for cell in sums}, sums)


def _file_book(sample: Path) -> Path:
    """A merged cell, a row typed below its table and a note right of one: what only a file holds."""
    from openpyxl import load_workbook

    from .conftest import edit_cells

    book = edit_cells(sample, {("อุปสรรค", "A8"): "ปัญหา/อุปสรรค", (BUDGET, "I5"): "หมายเหตุ"},
                      sample.with_name("edited.xlsx"))  # fmt: skip
    workbook = load_workbook(book)
    workbook[BUDGET].merge_cells("C5:C6")
    workbook.save(book)
    return book


def _typo_books() -> Iterator[Quarter]:
    """One typo of each kind in a few cells of the mutation suite, both ways of keeping the budget table."""
    cells = [(typos.BUDGET, "D13"), (typos.BUDGET, "C6"), (typos.FOOTNOTES, "D4"), (typos.PROJECTS, "H6")]
    for variant in typos.VARIANTS:
        for cell in cells:
            for typo in typos.TYPOS:
                typed = typos.mistype(typos.true_values()[cell], typo, cell)
                if typed is not None:
                    yield typos.book(variant, {cell: typos.cell_value(*cell, typed)})


def every_book_findings(folder: Path) -> Iterator[list[Finding]]:
    """Each book's findings: the sample and an edited file of it (written into ``folder``), and the books
    in memory that make every check speak."""
    path = write_sample(folder / "sample.xlsx")
    yield check_workbook(path)[1]
    yield check_workbook(_file_book(path))[1]
    sample = sample_quarter()
    books = [*_typo_books(), *_history_books(sample), *_plan_books(), *_formula_books()]
    books.append(sample.copy_with({"budget": []}))
    books += [sample_quarter(edits) for edits in EDITS]
    books += [sample_quarter({(sheet, cell): value}) for sheet, cell, value, *_ in ONE_CHANGE]
    for book in books:
        yield run_checks(book)


@pytest.fixture(scope="module")
def every_finding(tmp_path_factory) -> list[Finding]:
    return [f for found in every_book_findings(tmp_path_factory.mktemp("data")) for f in found]


def test_every_parameter_of_every_finding_is_data(every_finding):
    assert [p for f in every_finding for p in problems(f)] == []


def test_the_books_make_every_check_speak(every_finding):
    """So the test above has read the parameters of every check the registry holds."""
    assert set(REGISTRY) - {f.code for f in every_finding} == set()


# --- the test itself catches words holding data ----------------------------------------------------------


def _finding(**params) -> Finding:
    return Finding("X", REGISTRY["ROOT_CAUSE"].severity, "งบประมาณ", "D13", "ข", "x", params=params)


def test_a_cell_or_a_figure_only_in_words_is_caught():
    past = CellRef("ประวัติ", "F13")
    assert problems(_finding(at_en=" at 'ประวัติ'!F13"))  # last quarter's cell baked into words
    assert not problems(_finding(at_en=" at ", before_cell=past))
    assert problems(_finding(first="A12")) and not problems(_finding(first=CellRef("งบประมาณ", "A12")))
    assert problems(_finding(cells="C17, C16"))
    assert problems(_finding(bound_en="not below Q3 FY2563's (20.0000)"))
    assert not problems(_finding(bound_en="not below Q3 FY2563's (20.0000)", floors=(Decimal(20),)))
    assert problems(_finding(fix="89")) and problems(_finding(constants=["1.07"]))
    assert problems(_finding(status=Status.RED))  # an enum, not its value
    assert problems(_finding(share=0.5)) and problems(_finding(table={"a": 1}))
    assert problems(_finding(as_of=datetime(2020, 9, 30)))
    assert not problems(_finding(missing=[[2563, 2]], as_of=date(2020, 9, 30), obstacle=True, value=None))


# --- the words say the data (one check of each family whose other tests read only the data) ----------------


def _one(quarter: Quarter, code: str, cell: str) -> Finding:
    (found,) = [f for f in run_checks(quarter) if f.code == code and f.cell == cell]
    return found


def test_the_words_say_the_data():
    footnote = _one(sample_quarter({(FOOTNOTES, "D4"): 226.6563}), "FOOTNOTE_AMOUNT", "D4")
    assert footnote.params["lines"] == ("1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.3.4")
    assert "lines 1.2.2, 1.3.1, 1.3.2, 1.3.3, 1.3.4 should be 226.5563 million baht but reads 226.6563 (off by " \
           "0.1000)" in footnote.message_en  # fmt: skip
    summed = _one(next(_formula_books()), "FORMULA_SUM_RANGE", "D9")
    assert (summed.params["missing"], summed.params["extra"]) == (("1.3.5",), (CellRef(FOOTNOTES, "Z1"),))
    assert "ไม่ได้รวม 1.3.5; รวม 'หมายเหตุงบ'!Z1 ซึ่งไม่ควรอยู่" in summed.message_th  # a cell on another sheet
    kpi = _one(sample_quarter(), "KPI_DONE_BELOW_TARGET", "E8")
    assert (kpi.params["result_number"], kpi.params["target_number"], kpi.params["direction"]) == (75, 100, "≥")
    assert "the result '75' does not meet the target '100 คะแนน" in kpi.message_en  # as typed
    as_of = _one(sample_quarter({(SETTINGS, "B7"): date(2021, 1, 1)}), "PERIOD_AS_OF", "B7")
    assert (as_of.params["as_of"], as_of.params["start"], as_of.params["end"]) == (
        date(2021, 1, 1), date(2020, 7, 1), date(2020, 9, 30))  # fmt: skip
    assert as_of.message_th == "ข้อมูล ณ วันที่ 1 ม.ค. 64 ไม่อยู่ในปีงบประมาณ 2563 ไตรมาส 4 (1 ก.ค. 63 – 30 ก.ย. 63)"


def test_a_cell_is_named_from_the_finding_and_a_missing_one_is_not_named():
    """A cell on the finding's own sheet by its address alone (on another with its sheet: FORMULA_SUM_RANGE
    above); last quarter's figure from a separate book, which has no cell, without " at …"."""
    duplicate = _one(sample_quarter({(BUDGET, "A13"): "1.3.3"}), "BUDGET_CODE_DUPLICATE", "A13")
    assert duplicate.params["cells"] == (CellRef(BUDGET, "A12"), CellRef(BUDGET, "A13"))
    assert duplicate.message_en.startswith("budget code 1.3.3 is used twice (A12, A13)")
    sample = sample_quarter()
    elsewhere = next(b for b in _history_books(sample) if not b.history_budget[0].cells)
    paid = _one(elsewhere, "HISTORY_PAID_DECREASED", "D13")
    assert paid.params["before_cell"] is None and (paid.params["at_en"], paid.params["at_th"]) == ("", "")
    assert "below Q3 FY2563 (6.5945); paid is cumulative" in paid.message_en
