"""How the checks name the budget table's columns and sums in their messages.

The sums themselves (row: (5) = (2)+(3)+(4); column: a parent line = the sum of its sub-lines;
grand total = the sum of the top-level lines; % = ROUND((5)/(1))) and their outcomes are
``compute.figures_of``'s; the budget checks report the ones that fail, the root cause changes one
cell at a time and re-evaluates them.
"""

from __future__ import annotations

from ..compute import Equation, PercentEquation

COLUMN_LABELS = {"plan": "(1)", "paid": "(2)", "carried": "(3)", "reserved": "(4)", "result": "(5)", "pct": "%"}


def describe(equation: Equation | PercentEquation, lang: str) -> str:
    """``row 1 ((5)=(2)+(3)+(4))``, ``column (4) of line 1 (sum of its sub-lines)`` …"""
    code, column, th = equation.line.code, COLUMN_LABELS[equation.field], lang == "th"
    if equation.kind == "row":
        return f"แถว {code} ((5)=(2)+(3)+(4))" if th else f"row {code} ((5)=(2)+(3)+(4))"
    if equation.kind == "column":
        th_text = f"คอลัมน์ {column} ของรายการ {code} (ผลรวมรายการย่อย)"
        return th_text if th else f"column {column} of line {code} (sum of its sub-lines)"
    if equation.kind == "pct":
        return f"% ของรายการ {code}" if th else f"the % of line {code}"
    return f"ยอดรวมทั้งสิ้น คอลัมน์ {column}" if th else f"the grand total, column {column}"
