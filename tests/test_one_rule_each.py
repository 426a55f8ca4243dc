"""Every rule in one place: each test fails when a second copy of a rule comes back.

The rules: what the grand total's code is (``codes.TOTAL``), what a budget code is and what its parent is
(``codes``), which budget columns are amounts (``model.AMOUNTS``), how many decimals a figure is shown to and
its number format (``rules.SHOWN_DECIMALS``, ``rules.amount_format``), a figure "as shown" (``rules.shown``),
text Excel would read as a formula (``output.FORMULA_STARTS``), the export's columns (``timeline.Figure``).
Each is found by what a copy of it looks like in the source (a literal, a call), over every module of the
package, so a copy in a new module is found too.
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest

from etda_xl import codes, model, rules, schema, timeline

PACKAGE = Path(__file__).resolve().parent.parent / "etda_xl"


def sources() -> dict[str, ast.Module]:
    return {str(p.relative_to(PACKAGE)): ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.rglob("*.py")}


SOURCES = sources()


def where(predicate) -> set[str]:
    """The modules holding a node for which ``predicate`` is true."""
    return {name for name, tree in SOURCES.items() if any(predicate(node) for node in ast.walk(tree))}


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def test_the_grand_totals_code_is_written_once():
    """ "รวม" as a code: codes.TOTAL. The sample's data and the report's heading word are not the rule."""
    assert where(lambda n: _string(n) == codes.TOTAL) == {"codes.py", "sample.py", "report/labels.py"}


def test_a_code_and_its_parent_are_worked_out_in_codes_only():
    def splits_a_code(node: ast.AST) -> bool:
        return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "rsplit"
                and node.args and _string(node.args[0]) == ".")  # fmt: skip

    assert where(splits_a_code) == {"codes.py"}
    assert where(lambda n: "[0-9]{1,6}" in (_string(n) or "")) == {"codes.py"}  # a code's digits


def test_the_amount_columns_are_listed_once():
    def lists_amounts(node: ast.AST) -> bool:
        if not isinstance(node, ast.Tuple | ast.List | ast.Set):
            return False
        names = {_string(e) for e in node.elts}
        return {"paid", "carried", "reserved"} <= names

    assert where(lists_amounts) == set()  # the schema's columns of kind AMOUNT, and slices of them
    assert model.AMOUNTS is schema.AMOUNTS
    assert schema.AMOUNTS == ("plan", "paid", "carried", "reserved", "result")
    assert model.AMOUNTS[:4] == model.TYPED_AMOUNTS
    assert model.ROW_TERMS == ("paid", "carried", "reserved")


def test_four_decimals_are_said_once():
    """No number format, step or rounding of a figure with its own count of decimals."""
    assert where(lambda n: re.search(r"#,##0\.0{3}", _string(n) or "") is not None) == set()  # 0.000…: rules builds it
    assert where(lambda n: _string(n) in ("0.0001", "0.00005", "1e-4")) == set()

    def rounds_to_four(node: ast.AST) -> bool:
        return (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in
                ("round_half_up", "round", "quantize") and any(isinstance(a, ast.Constant) and a.value in
                (rules.SHOWN_DECIMALS, "0.0001") for a in node.args[1:2] or node.args[:1]))  # fmt: skip

    assert where(rounds_to_four) == set()
    assert rounds_to_four(ast.parse("round_half_up(x, 4)").body[0].value)  # type: ignore[attr-defined]
    assert Decimal("0.0001") == rules.SHOWN_UNIT and Decimal("0.00005") == rules.ROUNDING_UNIT


@pytest.mark.parametrize(
    "number_format",
    ["etda_xl.report.styles:AMOUNT_FORMAT", "etda_xl.report.quarters:CHANGE_FORMAT", "etda_xl.inputbook:AMOUNT_FORMAT"],
)
def test_every_amount_format_shows_the_shown_decimals(number_format):
    import importlib

    module, name = number_format.split(":")
    text = getattr(importlib.import_module(module), name)
    for section in text.split(";")[:2]:
        assert section.split(".")[1].rstrip("_ ").count("0") == rules.SHOWN_DECIMALS


def test_text_that_reads_as_a_formula_is_decided_once():
    assert where(lambda n: isinstance(n, ast.Tuple) and [_string(e) for e in n.elts] == ["=", "+", "-", "@"]) == {
        "output.py"
    }


def test_the_exports_columns_are_a_figures_fields():
    from dataclasses import fields

    from etda_xl.export import CSV_HEADER

    assert tuple(f.name for f in fields(timeline.Figure)) == timeline.COLUMNS
    assert CSV_HEADER.split(",") == list(timeline.COLUMNS)
    assert where(lambda n: isinstance(n, ast.Tuple) and [_string(e) for e in n.elts][:3] ==
                 ["fiscal_year", "quarter", "table"]) == set()  # fmt: skip


def test_a_figure_as_shown_is_one_function():
    """``rules.shown``: the checks, the report and the history compare figures as shown by it alone."""
    assert rules.shown(Decimal("117.35605")) == Decimal("117.3561")  # half up, like Excel's ROUND
    assert rules.shown(Decimal("-0.00005")) == Decimal("-0.0001")
    assert where(lambda n: isinstance(n, ast.FunctionDef) and n.name in ("shown", "as_shown")) == {"rules.py"}
