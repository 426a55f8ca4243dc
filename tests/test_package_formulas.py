"""Shared formulas: the master split once, each dependent shifted, with openpyxl's ``Translator``'s results
(its own way: a Translator per master, ``translate_formula`` per cell), except the documented differences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.formula.translate import Translator, TranslatorError

from etda_xl.a1 import parse_a1
from etda_xl.package.formulas import SharedFormula, SharedFormulas

FORMULAS = [
    "A2+B2",
    "$A$2+B$2*$C2",  # absolute, mixed
    "a2+b$2",  # lower case: openpyxl writes the moved columns in capitals
    "SUM(A2:C2)/$D$1",
    "SUM($A$2:A2)",  # a running total
    "SUM(A:A)-SUM($B:$B)+SUM(C:$D)",  # whole columns
    "SUM(2:2)+SUM($3:$3)+SUM(4:$5)",  # whole rows
    "Sheet2!A2+'งบ ประมาณ'!B$3+'It''s'!C4:D5",  # sheet-qualified references
    "'[1]Ext'!A1+Sheet2!$A$1:B2",
    '"A1"&A2&"B2 ""C3"""',  # strings that look like references stay as they are
    'IF(A2="",0,A2)*100%',
    "LOG10(A2)+ATAN2(B2,C2)+DAYS360(A2,B2)",  # functions whose names look like references
    "tblBudget[[#This Row],[จ่ายจริง (2)]]+tblBudget[@Col]+T1[[a]:[b]]",  # structured references
    "SUM(tblBudget[Plan (1)])*A2",
    "Rate*A2+VAT_2024+FY2024",  # names, and names Excel reads as cells (FY2024)
    "1E+5*A2+2.5E-3+B2^2",  # scientific notation
    "{1,2;3,4}+A2",  # an array constant
    "#REF!+A2+#N/A",  # errors
    "TRUE+FALSE+true",
    "A2:B3 A3:B4",  # intersection (one space)
    "(A2,B2)",  # union
    "_xlfn.XLOOKUP(A2,$B$2:$B$9,$C$2:$C$9)",
    "A2-1+-B2",
    'INDIRECT("A"&ROW())+OFFSET(A2,1,1)',
    "$XFD1+A$1048576",  # the last column and row
]
#: (master's cell, dependent's cell): down, right, both, and back to the master itself.
MOVES = [("C2", "C3"), ("C2", "C502"), ("C2", "F2"), ("B3", "AA1000"), ("C2", "C2")]


def _openpyxl(formula: str, origin: str, dest: str) -> str:
    return Translator("=" + formula, origin=origin).translate_formula(dest)


def _ours(formula: str, origin: str, dest: str) -> str:
    return SharedFormula(formula, *parse_a1(origin)).at(*parse_a1(dest))


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize(("origin", "dest"), MOVES)
def test_a_dependent_reads_as_openpyxls_translator_moves_it(formula, origin, dest):
    assert _ours(formula, origin, dest) == _openpyxl(formula, origin, dest)


def test_some_moves_spelled_out():
    assert _ours("SUM($A$2:A2)*B$1+Sheet2!C2", "D2", "E5") == "=SUM($A$2:B5)*C$1+Sheet2!D5"
    assert _ours('"A1"&A1', "B1", "B3") == '="A1"&A3'
    assert _ours("tblBudget[[#This Row],[Plan]]*2+A1", "C4", "C9") == "=tblBudget[[#This Row],[Plan]]*2+A6"


# --- documented differences: where Excel and openpyxl part, the reader does as Excel ---------------


def test_a_sheet_qualified_name_keeps_its_sheet():
    assert _ours("Rates!Vat*A2", "B2", "B3") == "=Rates!Vat*A3"
    assert _openpyxl("Rates!Vat*A2", "B2", "B3") == "=Vat*A3"  # openpyxl drops the sheet


def test_whitespace_is_kept_as_written():
    assert _ours("A2  +\n B2", "C2", "C3") == "=A3  +\n B3"
    assert _openpyxl("A2  +\n B2", "C2", "C3") == "=A3 +\nB3"  # one character of each run
    assert _openpyxl("A2\n+B2", "C2", "C3") == "=\nA3+B3"  # a line break moved before its operand


def test_a_reference_moved_off_the_sheet_is_ref_error():
    assert _ours("A1+B2", "C3", "C2") == "=#REF!+B1"
    with pytest.raises(TranslatorError):
        _openpyxl("A1+B2", "C3", "C2")
    assert _ours("Sheet2!A1048576", "A1", "A2") == "=Sheet2!#REF!"
    assert _openpyxl("Sheet2!A1048576", "A1", "A2") == "=Sheet2!A1048577"  # past Excel's last row
    assert _ours("XFE1+A1", "A1", "A2") == "=XFE1+A2"  # past the last column: a name


def test_an_error_on_another_sheet_stays():
    assert _ours("Sheet2!#REF!+A1", "B1", "B2") == "=Sheet2!#REF!+A2"
    assert _openpyxl("Sheet2!#REF!+A1", "B1", "B2") == "=+A2"  # openpyxl loses it whole


# --- any formula made of the pieces Excel writes -----------------------------------------------------

_REFERENCE = st.builds(
    lambda sheet, col_abs, col, row_abs, row: f"{sheet}{col_abs}{col}{row_abs}{row}",
    st.sampled_from(["", "Sheet2!", "'My Sheet'!"]),
    st.sampled_from(["", "$"]),
    st.sampled_from(["A", "B", "z", "AA", "XF"]),
    st.sampled_from(["", "$"]),
    st.integers(1, 5000),
)
_RANGE = st.builds(lambda a, b: f"{a}:{b.split('!')[-1]}", _REFERENCE, _REFERENCE)
_OPERAND = st.one_of(
    _REFERENCE,
    _RANGE,
    st.sampled_from(['"A1"', '"x""y"', "3", "1.5", "1E+3", "TRUE", "Rate", "tbl[[#This Row],[c]]", "#N/A",
                     "A:C", "$2:4", "{1,2}"]),
)  # fmt: skip


@st.composite
def _formulas(draw, depth: int = 2) -> str:
    left = draw(_OPERAND) if depth == 0 else draw(st.one_of(_OPERAND, _formulas(depth=depth - 1)))
    right = draw(_OPERAND)
    shape = draw(st.sampled_from(["{}+{}", "{}&{}", "SUM({},{})", "IF({}>0,{},0)", "-{}*{}%", "({},{})", "{}^{}"]))
    return shape.format(left, right)


@settings(max_examples=300, deadline=None)
@given(_formulas(), st.integers(0, 40), st.integers(0, 5))
def test_any_formula_moves_as_openpyxl_moves_it(formula, rows, cols):
    origin, dest = "D5", f"{'DEFGHI'[cols]}{5 + rows}"
    assert _ours(formula, origin, dest) == _openpyxl(formula, origin, dest)


# --- a sheet's shared formulas, as its cells come ----------------------------------------------------


def test_dependents_take_their_masters_formula_moved_and_others_stay_as_written():
    formulas = SharedFormulas()
    assert formulas.formula("A2*2", {"t": "shared", "ref": "B2:B9", "si": "0"}, 2, 2, needed=True) == "=A2*2"
    assert formulas.formula("C2+1", {"t": "shared", "ref": "D2:E2", "si": "1"}, 2, 4, needed=False) == "=C2+1"
    assert formulas.formula("", {"t": "shared", "si": "0"}, 5, 2, needed=True) == "=A5*2"
    assert formulas.formula("", {"t": "shared", "si": "1"}, 2, 5, needed=True) == "=D2+1"
    assert formulas.formula("", {"t": "shared", "si": "0"}, 6, 2, needed=False) is None  # not in a table
    assert formulas.formula("", {"t": "shared", "si": "7"}, 6, 2, needed=True) is None  # no master: nothing
    assert formulas.formula("SUM(A1:A3)", {"t": "array", "ref": "B1"}, 1, 2, needed=True) == "=SUM(A1:A3)"
    assert formulas.formula("", {"t": "dataTable", "ref": "B1:B3", "r1": "A1"}, 1, 2, needed=True) is None
    assert formulas.formula("", {}, 1, 2, needed=True) is None
