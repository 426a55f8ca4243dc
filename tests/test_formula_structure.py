"""The structure of the formulas officers type, on books whose formulas LibreOffice calculated.

Each book is the FY2563 Q4 sample written by ``etda-xl sample``, its parents, (5), grand total and footnote
subtotals rewritten as formulas with openpyxl (which saves no values), then opened and saved by LibreOffice
(one run for every book), so every formula holds the value it computes, as a book saved by Excel does.
The right formulas give none of these findings; each wrong one, planted alone, is found at its cell.
"""

from __future__ import annotations

import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from etda_xl.api import check_workbook
from etda_xl.rules import shown
from etda_xl.sample import BUDGET as SEED
from etda_xl.sample import write_sample

from .test_template_libreoffice import RECALC, SOFFICE, pytestmark  # noqa: F401  (skip rule: LibreOffice needed)

BUDGET, FOOTNOTES = "งบประมาณ", "หมายเหตุงบ"
ROWS = {code: 4 + index for index, (code, *_rest) in enumerate(SEED)}
TOP = [code for code in ROWS if code != "รวม" and "." not in code]


def _children(code: str) -> list[str]:
    return TOP if code == "รวม" else [c for c in ROWS if c != "รวม" and c.rsplit(".", 1)[0] == code and "." in c]


def right_formulas() -> dict[tuple[str, str], str]:
    """Every parent's (1)-(4) and the grand total's as the sum of its sub-lines, every (5) as its row's
    (2)+(3)+(4), the footnotes' subtotals as their lines' (5) (on the budget sheet)."""
    formulas = {}
    for code, row in ROWS.items():
        parts = [ROWS[c] for c in _children(code)]
        for column in "CDEF" if parts else "":
            contiguous = parts == list(range(parts[0], parts[-1] + 1))
            cells = f"{column}{parts[0]}:{column}{parts[-1]}" if contiguous else ",".join(f"{column}{r}" for r in parts)
            formulas[(BUDGET, f"{column}{row}")] = f"=SUM({cells})"
        formulas[(BUDGET, f"G{row}")] = f"=D{row}+E{row}+F{row}"
    sheet = f"'{BUDGET}'"
    footnoted = ("1.2.2", "1.3.1", "1.3.2", "1.3.3", "1.3.4")
    formulas[(FOOTNOTES, "D4")] = "=" + "+".join(f"{sheet}!G{ROWS[c]}" for c in footnoted)
    formulas[(FOOTNOTES, "D5")] = f"=SUM({sheet}!G13:G14)"
    return formulas


#: Each planted case: (book name, cells changed from the right formulas, the finding's code and cell).
CASES = {
    "skips-1.3.5": ({(BUDGET, "D9"): "=SUM(D10:D13)"}, "FORMULA_SUM_RANGE", BUDGET, "D9"),
    "adds-other-lines": ({(BUDGET, "D4"): "=SUM(D5:D9)"}, "FORMULA_SUM_RANGE", BUDGET, "D4"),
    "adds-itself": ({(BUDGET, "D9"): "=SUM(D9:D14)"}, "FORMULA_SUM_RANGE", BUDGET, "D9"),
    "counts-twice": ({(BUDGET, "E6"): "=E7+E8+E8"}, "FORMULA_SUM_RANGE", BUDGET, "E6"),
    "grand-leaves-out-3": ({(BUDGET, "C17"): "=C4+C15"}, "FORMULA_SUM_RANGE", BUDGET, "C17"),
    "footnote-leaves-out-1.3.3": (
        {(FOOTNOTES, "D4"): f"='{BUDGET}'!G8+'{BUDGET}'!G10+'{BUDGET}'!G11+'{BUDGET}'!G13"},
        "FORMULA_SUM_RANGE",
        FOOTNOTES,
        "D4",
    ),
    "row-leaves-out-3": ({(BUDGET, "G5"): "=D5+F5"}, "FORMULA_SUM_RANGE", BUDGET, "G5"),
    "pct-unlike-its-column": (
        {**{(BUDGET, f"H{r}"): f"=G{r}/C{r}" for r in ROWS.values()}, (BUDGET, "H7"): "=G8/C7"},
        "FORMULA_INCONSISTENT",
        BUDGET,
        "H7",
    ),
    "typed-among-formulas": ({(BUDGET, "C9"): 245.9278}, "FORMULA_TYPED_AMONG", BUDGET, "C9"),
    "a-constant": ({(BUDGET, "D9"): "=SUM(D10:D14)*1.07"}, "FORMULA_CONSTANT", BUDGET, "D9"),
    "a-scratch-cell": ({(BUDGET, "D15"): "=Z1", (BUDGET, "Z1"): 18.6996}, "FORMULA_OUTSIDE", BUDGET, "D15"),
    "a-max": ({(BUDGET, "E9"): "=MAX(E10:E14)"}, "FORMULA_SUM_RANGE", BUDGET, "E9"),
    "a-product": ({(BUDGET, "G5"): "=D5*E5*F5"}, "FORMULA_SUM_RANGE", BUDGET, "G5"),
    "a-sumif": ({(BUDGET, "D9"): '=SUMIF(A10:A14,"<>x",D10:D14)'}, "FORMULA_SUM_RANGE", BUDGET, "D9"),
    "an-if": ({(BUDGET, "D9"): '=IF(SUM(D10:D14)=0,"-",SUM(D10:D14))'}, "FORMULA_SUM_RANGE", BUDGET, "D9"),
}
#: Right formulas written otherwise: none gives a finding.
ALSO_RIGHT = {(BUDGET, "D9"): "=ROUND(SUM(D10:D14),4)", (BUDGET, "G5"): "=ROUND(D5+E5+F5, 4)"}
FORMULA_CODES = ("FORMULA_SUM_RANGE", "FORMULA_INCONSISTENT", "FORMULA_TYPED_AMONG", "FORMULA_CONSTANT",
                 "FORMULA_OUTSIDE")  # fmt: skip


def _book(sample: Path, path: Path, changes: dict) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(sample)
    for (sheet, cell), value in {**right_formulas(), **changes}.items():
        book[sheet][cell].value = value
    book.save(path)
    return path


@pytest.fixture(scope="module")
def calculated(tmp_path_factory) -> dict[str, Path]:
    """Every book, opened and saved by LibreOffice in one run (recalculation forced): name → the saved book."""
    work = tmp_path_factory.mktemp("formulas")
    sample = write_sample(work / "sample.xlsx")
    books = [_book(sample, work / "right.xlsx", {}), _book(sample, work / "also-right.xlsx", ALSO_RIGHT)]
    books += [_book(sample, work / f"{name}.xlsx", changes) for name, (changes, *_rest) in CASES.items()]
    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC, encoding="utf-8")
    out = work / "calculated"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), *map(str, books)],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    return {book.stem: out / book.name for book in books}


def _formula_findings(path: Path):
    return [f for f in check_workbook(path)[1] if f.code in FORMULA_CODES]


def test_a_rounded_sum_is_a_sum(calculated):
    """=ROUND(SUM(D10:D14),4) and =ROUND(D5+E5+F5, 4): sums all the same, no finding."""
    assert _formula_findings(calculated["also-right"]) == []


def test_the_right_formulas_give_no_finding_and_fix_the_samples_typo(calculated):
    """Written as formulas, line 1's (4) adds up its sub-lines (102.8968): the sample's own typo is gone."""
    quarter, findings = check_workbook(calculated["right"])
    assert [f for f in findings if f.code in FORMULA_CODES] == []
    assert shown(quarter.line("1").reserved) == Decimal("102.8968")  # LibreOffice calculated it
    assert "ROOT_CAUSE" not in {f.code for f in findings}


@pytest.mark.parametrize("name", list(CASES))
def test_each_wrong_formula_alone_is_found_at_its_cell(calculated, name):
    _changes, code, sheet, cell = CASES[name]
    found = _formula_findings(calculated[name])
    assert [(f.code, f.sheet, f.cell) for f in found] == [(code, sheet, cell)], [f.message_en for f in found]


def test_a_sum_that_skips_a_line_at_zero_balances_today_and_is_still_found(calculated):
    """1.3's paid =SUM(D10:D13) leaves out 1.3.5, whose paid is "-" (0): the values agree, the check says."""
    _quarter, findings = check_workbook(calculated["skips-1.3.5"])
    assert not [f for f in findings if f.code == "BUDGET_HIERARCHY" and f.severity.value == "error"]
    (found,) = [f for f in findings if f.code == "FORMULA_SUM_RANGE"]
    assert (found.params["missing"], found.params["kind"]) == (("1.3.5",), "column")


def test_each_finding_names_what_is_wrong(calculated):
    """The lines left out, added or counted twice, the usual formula, the hidden number: as data."""
    params = {name: _formula_findings(calculated[name])[0].params for name in CASES}
    assert params["skips-1.3.5"]["missing"] == ("1.3.5",)
    assert params["adds-other-lines"]["extra"] == ("1.2.1", "1.2.2")
    assert params["adds-itself"]["extra"] == ("1.3",)  # a circular reference, said so by the reader too
    assert params["counts-twice"]["twice"] == ("1.2.2",)
    assert (params["grand-leaves-out-3"]["kind"], params["grand-leaves-out-3"]["missing"]) == ("column", ("3",))
    assert params["footnote-leaves-out-1.3.3"]["missing"] == ("1.3.3",)
    assert (params["row-leaves-out-3"]["kind"], params["row-leaves-out-3"]["missing"]) == ("row", ("(3)",))
    assert (params["pct-unlike-its-column"]["formula"], params["pct-unlike-its-column"]["count"]) == ("=G8/C7", 13)
    assert params["a-constant"]["constants"] == [Decimal("1.07")]
    assert params["a-scratch-cell"]["outside"] == ["Z1"]
    assert params["a-max"]["operations"] == ("MAX",) and not params["a-max"]["missing"]  # the right cells, no sum
    assert params["a-product"]["operations"] == ("×",)
    assert params["a-sumif"]["operations"] == ("SUMIF",)
    assert params["an-if"]["operations"] == ("IF",)  # its 0 is no hidden figure: no FORMULA_CONSTANT either


def test_the_right_cells_combined_otherwise_is_a_warning(calculated):
    """MAX, a product, SUMIF or IF over exactly the sub-lines: worth a look, not an error that makes the
    report a draft (an IF showing "-" for nothing is a sum all the same); a wrong range stays an error."""
    severity = {name: _formula_findings(calculated[name])[0].severity.value for name in CASES}
    assert {severity[n] for n in ("a-max", "a-product", "a-sumif", "an-if")} == {"warning"}
    assert {severity[n] for n in ("skips-1.3.5", "adds-other-lines", "row-leaves-out-3")} == {"error"}


def test_a_book_made_from_the_template_and_filled_in_gives_none(tmp_path):
    """The template's own formulas (ETDA_*) are the template's: a filled book from `new` has no finding."""
    from etda_xl.sample import SETTINGS, table_rows
    from etda_xl.template import build_template

    book = build_template(tmp_path / "2563-Q4.xlsm", settings=SETTINGS, rows=table_rows())
    assert _formula_findings(book) == []
