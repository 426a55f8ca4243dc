"""How the checks name the budget table's columns, the equations and the cells in their messages.

The equations themselves (``equations``: a row's (5) = (2)+(3)+(4), a parent line's column, the grand
total, a %, a footnote, a project's finance %, last quarter's floor) and their outcomes are
``compute.figures_of``'s; the root cause (``diagnosis``) changes one cell at a time and re-evaluates
them. Here only their words live, Thai and English.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..codes import code_key, parent_code
from ..equations import Equation, Floor, Percent, RowSum, Sum, Weighted, Within
from ..model import BudgetLine, Footnote, Located, Project
from ..thai import period_words

COLUMN_LABELS = {"plan": "(1)", "paid": "(2)", "carried": "(3)", "reserved": "(4)", "result": "(5)", "pct": "%"}
PROJECT_FIELDS = {
    "ops_plan": ("แผนการดำเนินงาน", "operations plan"),
    "ops_result": ("ผลการดำเนินงาน", "operations result"),
    "fin_plan": ("แผนด้านการเงิน", "finance plan"),
    "fin_result": ("ผลด้านการเงิน", "finance result"),
    "kpi_count": ("จำนวนตัวชี้วัด", "KPI count"),
    "kpi_done": ("ดำเนินการแล้วเสร็จ", "completed"),
    "status": ("สถานะ", "status"),
}


def line_words(line: BudgetLine, lang: str) -> str:
    if line.is_total:
        return "รวมทั้งสิ้น" if lang == "th" else "the grand total"
    return f"รายการ {line.code}" if lang == "th" else f"line {line.code}"


def describe(equation: Equation, lang: str) -> str:
    """``row 1 ((5)=(2)+(3)+(4))``, ``column (4) of line 1 (sum of its sub-lines)`` …"""
    th = lang == "th"
    subject = equation.subject
    if isinstance(equation, RowSum):
        code = equation.line.code
        return f"แถว {code} ((5)=(2)+(3)+(4))" if th else f"row {code} ((5)=(2)+(3)+(4))"
    if isinstance(equation, Sum) and equation.kind == "footnote":
        number = subject.number  # type: ignore[attr-defined]
        return f"ผลรวมของหมายเหตุ {number}" if th else f"the subtotal of footnote {number}"
    if isinstance(equation, Sum):
        column = COLUMN_LABELS[equation.field_name]
        if equation.kind == "grand":
            return f"ยอดรวมทั้งสิ้น คอลัมน์ {column}" if th else f"the grand total, column {column}"
        code = subject.code  # type: ignore[attr-defined]
        th_text = f"คอลัมน์ {column} ของรายการ {code} (ผลรวมรายการย่อย)"
        return th_text if th else f"column {column} of line {code} (sum of its sub-lines)"
    if isinstance(equation, Floor):
        period_th, period_en = period_words(equation.period)
        column, code = COLUMN_LABELS[equation.field_name], subject.code  # type: ignore[attr-defined]
        if th:
            return f"ยอดสะสม {column} ของรายการ {code} ไม่ต่ำกว่า{period_th} ({equation.floor})"
        return f"line {code}'s cumulative {column} not below {period_en}'s ({equation.floor})"
    if isinstance(equation, Within):
        return (
            f"ช่วง 0–100 ของ{cell_words(subject, anchor_field(equation), lang)}"
            if th
            else (f"the 0–100 range of {cell_words(subject, anchor_field(equation), lang)}")
        )
    if isinstance(equation, Weighted):
        column_th, column_en = PROJECT_FIELDS[equation.field_name]
        return f"{column_th}ของแถวรวม" if th else f"the total row's {column_en}"
    assert isinstance(equation, Percent)
    if isinstance(subject, Footnote):
        return f"% ของหมายเหตุ {subject.number}" if th else f"the % of footnote {subject.number}"
    if isinstance(subject, Project):
        if subject.is_total:
            return "ผลด้านการเงินของแถวรวม" if th else "the total row's finance result"
        name = subject.short_name or subject.number
        return f"ผลด้านการเงินของโครงการ {name}" if th else f"project {name}'s finance result"
    return f"% ของรายการ {subject.code}" if th else f"the % of line {subject.code}"  # type: ignore[attr-defined]


def explains(equations: Iterable[Equation], lang: str) -> str:
    """Several equations in one phrase: "a, b และ c" / "a, b and c"."""
    parts = list(dict.fromkeys(describe(e, lang) for e in equations))
    joiner = " และ " if lang == "th" else " and "
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + joiner + parts[-1]


def cell_words(subject: Located, field: str, lang: str) -> str:
    """A cell by what it holds: "รายการ 1.3 คอลัมน์ (2)" / "line 1.3, column (2)", "footnote 1's subtotal",
    "project Digital Transformation's finance result"."""
    th = lang == "th"
    if isinstance(subject, BudgetLine):
        column = COLUMN_LABELS.get(field, field)
        return f"{line_words(subject, lang)} คอลัมน์ {column}" if th else f"{line_words(subject, lang)}, column {column}"
    if isinstance(subject, Footnote):
        what = {"result": ("ผลรวม", "subtotal"), "pct": ("%", "%")}[field]
        return f"หมายเหตุ {subject.number} {what[0]}" if th else f"footnote {subject.number}'s {what[1]}"
    if isinstance(subject, Project):
        label = PROJECT_FIELDS.get(field, (field, field))
        name = ("แถวรวม" if th else "the total row") if subject.is_total else subject.short_name or subject.number
        return f"{label[0]}ของ{name}" if th else f"{name}'s {label[1]}"
    return field


def budget_cells_words(cells: Sequence[tuple[BudgetLine, str]], lang: str) -> str:
    """Budget cells in few words, by column, runs of sibling lines joined: "1.3.1-1.3.5 (2)", or a parent
    with all its sub-lines: "1.3 (2) หรือรายการย่อยหนึ่งใน 1.3.1-1.3.5" / "1.3 (2) or one of its sub-lines
    1.3.1-1.3.5"."""
    by_column: dict[str, list[BudgetLine]] = {}
    for line, field in cells:
        by_column.setdefault(field, []).append(line)
    phrases = []
    for field, lines in by_column.items():
        column = COLUMN_LABELS[field]
        lines = sorted(lines, key=lambda line: (line.is_total, code_key(line.code)))
        parents = [line for line in lines if any(parent_code(other.code) == line.code for other in lines)]
        if len(parents) == 1 and all(line is parents[0] or parent_code(line.code) == parents[0].code for line in lines):
            parent, children = parents[0], [line for line in lines if line is not parents[0]]
            run = _run(children)
            phrases.append(f"{parent.code} {column} หรือรายการย่อยหนึ่งใน {run}" if lang == "th"
                           else f"{parent.code} {column} or one of its sub-lines {run}")  # fmt: skip
            continue
        phrases.append(f"{_run(lines, lang)} {column}")
    joiner = " หรือ " if lang == "th" else " or "
    return joiner.join(phrases)


def _run(lines: Sequence[BudgetLine], lang: str = "en") -> str:
    """ "1.3.1-1.3.5" for consecutive siblings, else "1.3.1, 1.3.4"; the total by name."""
    names = [("รวมทั้งสิ้น" if lang == "th" else "the grand total") if line.is_total else line.code for line in lines]
    keys = [code_key(line.code) for line in lines]
    consecutive = len(lines) > 2 and all(
        k and len(k) == len(keys[0]) and k[:-1] == keys[0][:-1] and k[-1] == keys[0][-1] + i for i, k in enumerate(keys)
    )
    return f"{names[0]}-{names[-1]}" if consecutive else ", ".join(names)


def anchor_field(equation: Equation) -> str:
    """The field of the equation's anchor cell."""
    return next((name for name, where in equation.subject.cells.items() if where == equation.anchor), "")
